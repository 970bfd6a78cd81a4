//! Views of the processes inside a payload, in template or instance form, with
//! field access driven by the derive's field metadata: a rule asks for
//! `proc_num` and gets `spec/proc_num/value` in a template and `proc_num` on an
//! instance, without knowing which.

use crate::vocab::pointer::escape_token;
use cc_model::{BindInfo, Endpoint, FieldInfo, FieldKind, PayloadKind, Process, ProcessTemplate};
use serde_json::{Map, Value};

/// Whether a process object is a template spec or a plain instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// Fields wrapped as `{value, as_default_value}`.
    Template,
    /// Plain fields.
    Instance,
}

/// A field's value found in a payload, with its pointer.
#[derive(Debug, Clone)]
pub(crate) struct Member<'a> {
    /// Pointer to the value (a template's `.../value`).
    pub(crate) pointer: String,
    /// The value.
    pub(crate) value: &'a Value,
}

/// Where a process object is: a pointer pattern of [`locations`] and the
/// indices standing for its `*`s, in order. The pointer itself is built only
/// when a rule reports.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place {
    pattern: &'static str,
    indices: [usize; MAX_STARS],
}

/// The most `*`s a pattern of [`locations`] has.
const MAX_STARS: usize = 2;

impl Place {
    /// The pointer.
    pub(crate) fn pointer(self) -> String {
        if !self.pattern.contains('*') {
            return self.pattern.to_owned();
        }
        let mut pointer = String::with_capacity(self.pattern.len() + 4);
        for (part, token) in self.pattern.split('*').enumerate() {
            if part > 0 {
                let index = self.indices.get(part - 1).copied().unwrap_or_default();
                pointer.push_str(&index.to_string());
            }
            pointer.push_str(token);
        }
        pointer
    }
}

/// One process object (template spec or instance) of a payload.
#[derive(Debug, Clone)]
pub(crate) struct ProcessView<'a> {
    /// Where the object is.
    place: Place,
    /// The object.
    pub(crate) object: &'a Map<String, Value>,
    /// Template or instance.
    pub(crate) form: Form,
    /// The value of each field, by position in `Process::FIELDS`.
    slots: [Option<&'a Value>; PROCESS_FIELDS],
    /// Bit `i` set when the object has the key of `Process::FIELDS[i]`
    /// (whatever its value holds).
    present: u64,
    /// The bind rows, found once for every rule.
    rows: Vec<RowView<'a>>,
}

/// How many fields a process has.
const PROCESS_FIELDS: usize = Process::FIELDS.len();
/// How many fields a bind row has.
const ROW_FIELDS: usize = BindInfo::FIELDS.len();
// Which fields are present is a bit set.
const _: () = assert!(PROCESS_FIELDS <= 64 && ROW_FIELDS <= 64);

/// The value of every field of `P` in `object`, by position in `P::FIELDS`
/// (a template's values unwrapped from `{"value": ..}`), and the bit set of
/// the fields whose key the object has, read in one pass over the object's
/// members: rules then look fields up without hashing keys.
fn slots<P: ProcessTemplate, const N: usize>(
    object: &Map<String, Value>,
    form: Form,
) -> ([Option<&Value>; N], u64) {
    let mut slots = [None; N];
    let mut present = 0;
    for (key, value) in object {
        let index = match form {
            Form::Instance => P::field_index(key),
            Form::Template => P::template_field_index(key),
        };
        let Some((index, (_, wrapped))) = index.and_then(|index| {
            let info = P::FIELDS.get(index)?;
            Some((index, placement(form, info)?))
        }) else {
            continue;
        };
        if let Some(slot) = slots.get_mut(index) {
            *slot = held(value, wrapped);
            present |= 1 << index;
        }
    }
    (slots, present)
}

/// One bind row of a process. Its pointer is built only when a rule reports.
#[derive(Debug, Clone)]
pub(crate) struct RowView<'a> {
    /// Where the process is.
    process: Place,
    /// The process's key holding the rows, and whether the list is wrapped
    /// in `{"value": ..}`.
    list: (&'static str, bool),
    /// The row's index in the list.
    index: usize,
    /// The row object.
    pub(crate) object: &'a Map<String, Value>,
    /// Template or instance.
    pub(crate) form: Form,
    /// The value of each field, by position in `BindInfo::FIELDS`.
    slots: [Option<&'a Value>; ROW_FIELDS],
}

/// The value of the plain field `name` in `object`, with the key holding it and
/// whether it is wrapped in `{"value": ..}`.
fn find<'a, 'n, P: ProcessTemplate>(
    object: &'a Map<String, Value>,
    form: Form,
    name: &'n str,
) -> Option<(&'n str, bool, &'a Value)> {
    let (key, wrapped) = match (P::field(name), form) {
        (Some(info), _) => placement(form, info)?,
        // A name outside the field list is looked up as written on an instance.
        (None, Form::Instance) => (name, false),
        (None, Form::Template) => return None,
    };
    let value = held(get(object, key)?, wrapped)?;
    Some((key, wrapped, value))
}

/// Where the field `info` describes sits in an object of `form`: its key, and
/// whether its value is wrapped in `{"value": ..}`.
fn placement(form: Form, info: &FieldInfo) -> Option<(&'static str, bool)> {
    match form {
        Form::Instance => Some((info.name, false)),
        Form::Template => Some((
            info.template_name?,
            matches!(info.kind, FieldKind::Wrapped | FieldKind::Nested),
        )),
    }
}

/// The value a member holds: a wrapped one's `value`.
fn held(member: &Value, wrapped: bool) -> Option<&Value> {
    if wrapped {
        get(member.as_object()?, "value")
    } else {
        Some(member)
    }
}

/// `object[key]`. Rules look up fields of every process and row, most of them
/// small objects (a bind row, a template's `{value, as_default_value}`), where
/// comparing a few keys is cheaper than hashing one; larger objects are hashed.
fn get<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if object.len() <= 8 {
        object
            .iter()
            .find_map(|(name, value)| (name == key).then_some(value))
    } else {
        object.get(key)
    }
}

fn member<'a, P: ProcessTemplate>(
    object: &'a Map<String, Value>,
    pointer: &str,
    form: Form,
    name: &str,
) -> Option<Member<'a>> {
    let (key, wrapped, value) = find::<P>(object, form, name)?;
    // One allocation: this runs for every field a rule looks at.
    let mut path = String::with_capacity(pointer.len() + key.len() + 8);
    path.push_str(pointer);
    path.push('/');
    if key.contains(['~', '/']) {
        path.push_str(&escape_token(key));
    } else {
        path.push_str(key);
    }
    if wrapped {
        path.push_str("/value");
    }
    Some(Member {
        pointer: path,
        value,
    })
}

impl<'a> ProcessView<'a> {
    /// Pointer to the object.
    pub(crate) fn pointer(&self) -> String {
        self.place.pointer()
    }

    /// The value of the plain field `name` (`bk_process_name`, `proc_num`, ...).
    pub(crate) fn member(&self, name: &str) -> Option<Member<'a>> {
        member::<Process>(self.object, &self.pointer(), self.form, name)
    }

    /// The value of `name` when it is a string.
    pub(crate) fn string(&self, name: &str) -> Option<(String, &'a str)> {
        let member = self.member(name)?;
        Some((member.pointer, member.value.as_str()?))
    }

    /// The value of the plain field `name`, without its pointer (cheaper, for
    /// a rule that needs the pointer only when it reports).
    pub(crate) fn value(&self, name: &str) -> Option<&'a Value> {
        match Process::field_index(name) {
            Some(index) => self.slots.get(index).copied().flatten(),
            None => find::<Process>(self.object, self.form, name).map(|(_, _, value)| value),
        }
    }

    /// The value of the field `info` describes, without its pointer (cheaper,
    /// for a rule that walks the fields and needs a pointer only to report).
    pub(crate) fn field_value(&self, info: &FieldInfo) -> Option<&'a Value> {
        if self.form == Form::Template && info.template_name.is_none() {
            return None;
        }
        self.value(info.name)
    }

    /// The key of the field at `index` of `Process::FIELDS` in this object,
    /// when the object has it.
    pub(crate) fn present_key(&self, index: usize) -> Option<&'static str> {
        if index >= PROCESS_FIELDS || self.present & (1 << index) == 0 {
            return None;
        }
        placement(self.form, Process::FIELDS.get(index)?).map(|(key, _)| key)
    }

    /// A view of the process `object` at `place`.
    fn new(place: Place, object: &'a Map<String, Value>, form: Form) -> Self {
        let (slots, present) = slots::<Process, PROCESS_FIELDS>(object, form);
        let mut view = Self {
            place,
            object,
            form,
            slots,
            present,
            rows: Vec::new(),
        };
        view.rows = view.find_rows();
        view
    }

    /// The process's bind rows.
    pub(crate) fn bind_rows(&self) -> &[RowView<'a>] {
        &self.rows
    }

    fn find_rows(&self) -> Vec<RowView<'a>> {
        let Some((key, wrapped, list)) = find::<Process>(self.object, self.form, "bind_info")
        else {
            return Vec::new();
        };
        let Some(items) = list.as_array() else {
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(index, row)| {
                Some(RowView {
                    process: self.place,
                    list: (key, wrapped),
                    index,
                    object: row.as_object()?,
                    form: self.form,
                    slots: slots::<BindInfo, ROW_FIELDS>(row.as_object()?, self.form).0,
                })
            })
            .collect()
    }
}

impl<'a> RowView<'a> {
    /// Pointer to the row object.
    pub(crate) fn pointer(&self) -> String {
        let (key, wrapped) = self.list;
        let value = if wrapped { "/value" } else { "" };
        format!(
            "{}/{}{value}/{}",
            self.process.pointer(),
            escape_token(key),
            self.index
        )
    }

    /// The value of the plain bind-row field `name` (`ip`, `port`, `protocol`,
    /// `enable`, `template_row_id`).
    pub(crate) fn member(&self, name: &str) -> Option<Member<'a>> {
        member::<BindInfo>(self.object, &self.pointer(), self.form, name)
    }

    /// The value of `name` when it is a string.
    pub(crate) fn string(&self, name: &str) -> Option<(String, &'a str)> {
        let member = self.member(name)?;
        Some((member.pointer, member.value.as_str()?))
    }

    /// The value of the plain bind-row field `name`, without its pointer.
    pub(crate) fn value(&self, name: &str) -> Option<&'a Value> {
        match BindInfo::field_index(name) {
            Some(index) => self.slots.get(index).copied().flatten(),
            None => find::<BindInfo>(self.object, self.form, name).map(|(_, _, value)| value),
        }
    }
}

/// The top-level list of processes of a request, with its pointer.
pub(crate) fn process_list(
    endpoint: Endpoint,
    kind: PayloadKind,
    value: &Value,
) -> Option<(&'static str, &Vec<Value>)> {
    match (endpoint, kind) {
        (
            Endpoint::BatchCreateProcTemplate | Endpoint::UpdateProcessInstance,
            PayloadKind::Request,
        ) => Some(("/processes", value.get("processes")?.as_array()?)),
        _ => None,
    }
}

/// Where the process objects of each endpoint's payloads are: a pointer pattern
/// (`*` stands for every index of a list, at most [`MAX_STARS`] of them) and
/// their form.
fn locations(endpoint: Endpoint, kind: PayloadKind) -> &'static [(&'static str, Form)] {
    use Endpoint as E;
    use PayloadKind::{Request, Response};
    match (endpoint, kind) {
        (E::BatchCreateProcTemplate, Request) => &[("/processes/*/spec", Form::Template)],
        (E::UpdateProcessInstance, Request) => &[("/processes/*", Form::Instance)],
        (E::CreateProcessInstance, Request) => &[("/processes/*/process_info", Form::Instance)],
        (E::CreateServiceInstance, Request) => {
            &[("/instances/*/processes/*/process_info", Form::Instance)]
        }
        (E::UpdateProcTemplate, Request) => &[("/process_property", Form::Template)],
        (E::GetProcTemplate | E::UpdateProcTemplate, Response) => {
            &[("/data/property", Form::Template)]
        }
        (E::ListProcTemplate, Response) => &[("/data/info/*/property", Form::Template)],
        (E::ListProcessInstance, Response) => &[("/data/*/property", Form::Instance)],
        (E::ListProcessDetailByIds, Response) => &[("/data/*", Form::Instance)],
        (E::ListProcessRelatedInfo, Response) => &[("/data/info/*/process", Form::Instance)],
        _ => &[],
    }
}

/// The objects a pointer pattern (with at most [`MAX_STARS`] `*`s) reaches in
/// `value`, with their places.
fn reach<'a>(value: &'a Value, pattern: &'static str, out: &mut Vec<(Place, &'a Value)>) {
    let place = Place {
        pattern,
        indices: [0; MAX_STARS],
    };
    reach_from(value, pattern, place, 0, out);
}

/// [`reach`] from `node`, where `rest` is what is left of the pattern and
/// `stars` how many of its `*`s `place` has indices for.
fn reach_from<'a>(
    node: &'a Value,
    rest: &'static str,
    mut place: Place,
    stars: usize,
    out: &mut Vec<(Place, &'a Value)>,
) {
    let descend = |node: &'a Value, path: &str| -> Option<&'a Value> {
        path.split('/')
            .skip(1)
            .try_fold(node, |node, token| node.get(token))
    };
    match rest.split_once("/*") {
        Some((before, after)) if stars < MAX_STARS => {
            let Some(items) = descend(node, before).and_then(Value::as_array) else {
                return;
            };
            for (index, item) in items.iter().enumerate() {
                if let Some(slot) = place.indices.get_mut(stars) {
                    *slot = index;
                }
                reach_from(item, after, place, stars + 1, out);
            }
        }
        _ => {
            if let Some(found) = descend(node, rest) {
                out.push((place, found));
            }
        }
    }
}

/// Every process object of a payload, in order.
pub(crate) fn processes(
    endpoint: Endpoint,
    kind: PayloadKind,
    value: &Value,
) -> Vec<ProcessView<'_>> {
    let mut views = Vec::new();
    let mut found = Vec::new();
    for (pattern, form) in locations(endpoint, kind) {
        found.clear();
        reach(value, pattern, &mut found);
        views.reserve(found.len());
        views.extend(
            found.iter().filter_map(|(place, node)| {
                Some(ProcessView::new(*place, node.as_object()?, *form))
            }),
        );
    }
    views
}
