//! Properties of the template behaviour over generated process templates and
//! instances: sync is idempotent, an instance fresh from its template is in sync,
//! an edit that only touches what the template leaves free loses nothing, and
//! every reported pointer points into the payload it names.

// Tests fail by panicking; an unwrap on a generated fixture is the clearest way
// to say so.
#![allow(clippy::unwrap_used)]

use cc_model::{
    DropReason, Host, LockedField, Patch, Process, ProcessTemplateSpec, RowChange, SyncPlan,
    Template,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use serde_json::{Map, Value, json};

/// The JSON type of a process field's value.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Str,
    Int,
    Bool,
}

/// One wrapped field of `Process`.
struct Field {
    name: &'static str,
    kind: Kind,
    always_locked: bool,
    legacy: bool,
}

const fn field(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        always_locked: false,
        legacy: false,
    }
}

/// Every wrapped field of `Process` except `bind_info`.
static FIELDS: [Field; 20] = [
    Field {
        always_locked: true,
        ..field("bk_process_name", Kind::Str)
    },
    Field {
        always_locked: true,
        ..field("bk_func_name", Kind::Str)
    },
    field("bk_start_param_regex", Kind::Str),
    field("proc_num", Kind::Int),
    field("priority", Kind::Int),
    field("timeout", Kind::Int),
    field("bk_start_check_secs", Kind::Int),
    field("auto_start", Kind::Bool),
    field("start_cmd", Kind::Str),
    field("stop_cmd", Kind::Str),
    field("restart_cmd", Kind::Str),
    field("reload_cmd", Kind::Str),
    field("face_stop_cmd", Kind::Str),
    field("pid_file", Kind::Str),
    field("work_path", Kind::Str),
    field("user", Kind::Str),
    field("description", Kind::Str),
    Field {
        legacy: true,
        ..field("auto_time_gap", Kind::Int)
    },
    Field {
        legacy: true,
        ..field("bk_func_id", Kind::Str)
    },
    Field {
        legacy: true,
        ..field("process_template_id", Kind::Int)
    },
];

/// The attributes of a bind row that the template wraps.
const ROW_ATTRIBUTES: [&str; 4] = ["ip", "port", "protocol", "enable"];

/// Bind types that need no host address.
static CODES_WITHOUT_HOST: [&str; 5] = ["", "1", "2", "5", "6"];
/// Every bind type; used with [`full_host`].
static ALL_CODES: [&str; 9] = ["", "1", "2", "3", "4", "5", "6", "7", "8"];
static PORTS: [&str; 4] = ["80", "81", "8000-8010", ""];
static PROTOCOLS: [&str; 4] = ["1", "2", "3", "4"];
/// Instance addresses, including those `full_host` and the fixed bind types
/// resolve to, so that equal values come up.
static ADDRESSES: [&str; 10] = [
    "",
    "127.0.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "10.0.0.1",
    "10.0.0.2",
    "203.0.113.1",
    "fd00::1",
    "2001:db8::1",
];

fn full_host() -> Host {
    Host {
        bk_host_innerip: Some("10.0.0.1,10.0.0.2".to_owned()),
        bk_host_outerip: Some("203.0.113.1".to_owned()),
        bk_host_innerip_v6: Some("fd00::1,fd00::2".to_owned()),
        bk_host_outerip_v6: Some("2001:db8::1".to_owned()),
    }
}

fn text(pool: &'static [&'static str]) -> BoxedStrategy<Value> {
    select(pool).prop_map(|value| json!(value)).boxed()
}

/// A value of `kind`, from a small pool so that equal values are common.
fn value(kind: Kind) -> BoxedStrategy<Value> {
    match kind {
        Kind::Str => text(&["", "a", "b"]),
        Kind::Int => (0_i64..3).prop_map(|value| json!(value)).boxed(),
        Kind::Bool => any::<bool>().prop_map(|value| json!(value)).boxed(),
    }
}

/// A value or `null`.
fn nullable(value: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop_oneof![1 => Just(Value::Null), 3 => value].boxed()
}

/// An object member: absent (`None`), `null` or (most often) a value.
fn member(value: BoxedStrategy<Value>) -> BoxedStrategy<Option<Value>> {
    prop_oneof![1 => Just(None), 1 => Just(Some(Value::Null)), 3 => value.prop_map(Some)].boxed()
}

/// A `{value, as_default_value}` wrapper; `as_default_value` may be true,
/// false, null or missing.
fn wrapper(value: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    let flag = select(vec![
        None,
        Some(Value::Null),
        Some(json!(true)),
        Some(json!(false)),
    ]);
    (nullable(value), flag)
        .prop_map(|(value, flag)| {
            let mut wrapper = json!({ "value": value });
            if let Some(flag) = flag {
                wrapper["as_default_value"] = flag;
            }
            wrapper
        })
        .boxed()
}

/// A wrapper whose value is never `null`: a field every instance needs (the
/// names, a bind row's port and protocol). Such a template without a value
/// cannot be instantiated, which `template_rows.rs` tests on its own.
fn required(value: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    let flag = select(vec![
        None,
        Some(Value::Null),
        Some(json!(true)),
        Some(json!(false)),
    ]);
    (value, flag)
        .prop_map(|(value, flag)| {
            let mut wrapper = json!({ "value": value });
            if let Some(flag) = flag {
                wrapper["as_default_value"] = flag;
            }
            wrapper
        })
        .boxed()
}

/// An object from its members; absent members are left out.
fn object(members: impl IntoIterator<Item = (&'static str, Option<Value>)>) -> Value {
    let object: Map<String, Value> = members
        .into_iter()
        .filter_map(|(key, value)| Some((key.to_owned(), value?)))
        .collect();
    Value::Object(object)
}

fn template_row(row_id: i64, codes: &'static [&'static str]) -> BoxedStrategy<Value> {
    (
        prop::option::of(wrapper(text(codes))),
        required(text(&["80", "81", "8000-8010"])),
        required(text(&PROTOCOLS)),
        prop::option::of(wrapper(value(Kind::Bool))),
    )
        .prop_map(move |(ip, port, protocol, enable)| {
            object([
                ("row_id", Some(json!(row_id))),
                ("ip", ip),
                ("port", Some(port)),
                ("protocol", Some(protocol)),
                ("enable", enable),
            ])
        })
        .boxed()
}

/// A template's `bind_info`: missing, a null list, or 0 to 4 rows with distinct
/// row ids in any order.
fn template_rows(codes: &'static [&'static str]) -> BoxedStrategy<Option<Value>> {
    let rows = subsequence((1_i64..=6).collect::<Vec<_>>(), 0..=4)
        .prop_shuffle()
        .prop_flat_map(move |ids| {
            ids.into_iter()
                .map(|id| template_row(id, codes))
                .collect::<Vec<_>>()
        });
    let flag = select(vec![Value::Null, json!(true), json!(false)]);
    prop_oneof![
        1 => Just(None),
        1 => flag.clone().prop_map(|flag| Some(json!({"value": null, "as_default_value": flag}))),
        4 => (rows, flag).prop_map(|(rows, flag)| Some(json!({"value": rows, "as_default_value": flag}))),
    ]
    .boxed()
}

/// A process template spec as JSON, bind types from `codes`.
fn template_json(codes: &'static [&'static str]) -> BoxedStrategy<Value> {
    let fields: Vec<BoxedStrategy<(&'static str, Option<Value>)>> = FIELDS
        .iter()
        .map(|field| {
            let name = field.name;
            let wrapped = wrapper(value(field.kind));
            if field.always_locked {
                // Required in a template, with a non-empty value.
                required(text(&["a", "b"]))
                    .prop_map(move |wrapped| (name, Some(wrapped)))
                    .boxed()
            } else {
                prop::option::of(wrapped)
                    .prop_map(move |wrapped| (name, wrapped))
                    .boxed()
            }
        })
        .collect();
    (fields, template_rows(codes))
        .prop_map(|(fields, rows)| object(fields.into_iter().chain([("bind_info", rows)])))
        .boxed()
}

/// An instance (or edit) bind row; row ids may repeat or be missing.
fn instance_row() -> BoxedStrategy<Value> {
    (
        // Mostly ids a template may have (1 to 6), sometimes one it cannot.
        prop_oneof![
            1 => Just(None),
            1 => Just(Some(Value::Null)),
            8 => (1_i64..=7).prop_map(|id| Some(json!(id))),
        ],
        member(text(&ADDRESSES)),
        member(text(&PORTS)),
        member(text(&PROTOCOLS)),
        member(value(Kind::Bool)),
    )
        .prop_map(|(row_id, ip, port, protocol, enable)| {
            object([
                ("template_row_id", row_id),
                ("ip", ip),
                ("port", port),
                ("protocol", protocol),
                ("enable", enable),
            ])
        })
        .boxed()
}

/// A process instance (or `update_process_instance` entry) as JSON.
fn instance_json() -> BoxedStrategy<Value> {
    let fields: Vec<BoxedStrategy<(&'static str, Option<Value>)>> = FIELDS
        .iter()
        .map(|field| {
            let name = field.name;
            member(value(field.kind))
                .prop_map(move |value| (name, value))
                .boxed()
        })
        .collect();
    let rows = member(vec(instance_row(), 0..=4).prop_map(Value::Array).boxed());
    let id = member((1_i64..100).prop_map(|id| json!(id)).boxed());
    (fields, rows, id)
        .prop_map(|(fields, rows, id)| {
            object(
                fields
                    .into_iter()
                    .chain([("bind_info", rows), ("bk_process_id", id)]),
            )
        })
        .boxed()
}

/// A template, an instance and the host: with a host that has every address,
/// any bind type; without a host, only those that need none.
fn scenario() -> impl Strategy<Value = (Value, Value, Option<Host>)> {
    any::<bool>().prop_flat_map(|on_host| {
        let codes: &'static [&'static str] = if on_host {
            &ALL_CODES
        } else {
            &CODES_WITHOUT_HOST
        };
        (
            template_json(codes),
            instance_json(),
            Just(on_host.then(full_host)),
        )
    })
}

fn spec(template: &Value) -> ProcessTemplateSpec {
    serde_json::from_value(template.clone()).unwrap()
}

fn process(instance: &Value) -> Process {
    serde_json::from_value(instance.clone()).unwrap()
}

/// True when the template wrapper at `wrapper` is locked by `as_default_value`.
fn flagged(wrapper: Option<&Value>) -> bool {
    wrapper.and_then(|wrapper| wrapper.get("as_default_value")) == Some(&json!(true))
}

/// The template's bind rows (empty when it has none).
fn rows_of(template: &Value) -> Vec<Value> {
    template
        .pointer("/bind_info/value")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// An edit of `instance`'s free fields only: locked and legacy fields are left
/// out; every template row is given, by its row id and in reverse order, with
/// each locked attribute either left out or equal to the value the edit writes, and
/// free attributes taken from `free_rows`.
fn free_edit(
    template: &Value,
    created: &Process,
    instance: &Value,
    free_rows: &[Value],
    keep: &[bool],
) -> Value {
    let mut edit = Map::new();
    for field in &FIELDS {
        let locked = field.always_locked || flagged(template.get(field.name));
        if let (false, false, Some(value)) = (locked, field.legacy, instance.get(field.name)) {
            edit.insert(field.name.to_owned(), value.clone());
        }
    }
    if let Some(id) = instance.get("bk_process_id") {
        edit.insert("bk_process_id".to_owned(), id.clone());
    }
    let template_rows = rows_of(template);
    let created_rows = serde_json::to_value(&created.bind_info).unwrap();
    let mut rows = Vec::new();
    for (index, template_row) in template_rows.iter().enumerate().rev() {
        let mut row = Map::new();
        row.insert("template_row_id".to_owned(), template_row["row_id"].clone());
        for (position, attribute) in ROW_ATTRIBUTES.into_iter().enumerate() {
            let value = if flagged(template_row.get(attribute)) {
                // The template's value as an edit writes it: the instance's,
                // but a locked null `enable` is written as null, not as the
                // instantiated false (`process_bind_info.go:541-565`).
                let template_null = template_row[attribute]["value"].is_null();
                let written = if attribute == "enable" && template_null {
                    Value::Null
                } else {
                    created_rows[index][attribute].clone()
                };
                keep[(index * ROW_ATTRIBUTES.len() + position) % keep.len()].then_some(written)
            } else {
                free_rows[index % free_rows.len()].get(attribute).cloned()
            };
            if let Some(value) = value {
                row.insert(attribute.to_owned(), value);
            }
        }
        rows.push(Value::Object(row));
    }
    if !rows.is_empty() || keep[0] {
        edit.insert("bind_info".to_owned(), Value::Array(rows));
    }
    Value::Object(edit)
}

/// True when every change of `plan` is one the server makes on every sync: a
/// locked `ip` or `enable` whose template value is null always counts as
/// changed (`process_bind_info.go:267-275, 371-375`), rewriting the same value,
/// or the instantiated `ip` `""` as null.
fn only_locked_null_rewrites(plan: &SyncPlan) -> bool {
    plan.fields.is_empty()
        && plan.rows.iter().all(|row| match row {
            RowChange::Changed { changes, .. } => changes.iter().all(|change| {
                change.old == change.new
                    || (change.field == "ip" && change.old == "" && change.new.is_null())
            }),
            _ => false,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// (a) Syncing again changes nothing but the server's rewrites of locked
    /// nulls.
    #[test]
    fn sync_is_idempotent((template, instance, host) in scenario()) {
        let template = spec(&template);
        let first = template.sync(&process(&instance), host.as_ref()).unwrap();
        let second = template.sync(&first.instance, host.as_ref()).unwrap();
        prop_assert!(only_locked_null_rewrites(&second.plan), "{:?}", second.plan);
        // A row the first sync adds has a null template ip as null, not as
        // instantiation's `""` (`process_bind_info.go:208-216, 267-275`), so the
        // second sync writes what the first wrote.
        prop_assert_eq!(second.instance, first.instance);
    }

    /// (b) An edit of free fields, with every template row and its locked
    /// attributes as the template has them, loses nothing.
    #[test]
    fn an_edit_of_free_fields_drops_nothing(
        (template, instance, host) in scenario(),
        free_rows in vec(instance_row(), 4),
        keep in vec(any::<bool>(), 16),
    ) {
        let spec = spec(&template);
        let created = spec.instantiate(host.as_ref()).unwrap();
        let edit = free_edit(&template, &created, &instance, &free_rows, &keep);
        let preview = spec.preview(&process(&edit), host.as_ref()).unwrap();
        prop_assert_eq!(preview.dropped, Vec::new(), "edit {}", edit);
        prop_assert_eq!(preview.reset_rows, Vec::new(), "edit {}", edit);
        // Every free top-level field is stored as the edit gives it.
        let stored = serde_json::to_value(&preview.stored).unwrap();
        for field in &FIELDS {
            prop_assert_eq!(stored.get(field.name), edit.get(field.name), "{}", field.name);
        }
    }

    /// (c) An instance fresh from its template is in sync with it.
    #[test]
    fn an_instantiated_process_is_in_sync((template, _instance, host) in scenario()) {
        let template = spec(&template);
        let created = template.instantiate(host.as_ref()).unwrap();
        let synced = template.sync(&created, host.as_ref()).unwrap();
        prop_assert!(only_locked_null_rewrites(&synced.plan), "{:?}", synced.plan);
    }

    /// (d) Every pointer of a preview's `dropped` points into the edit, at the
    /// field it names.
    #[test]
    fn dropped_pointers_resolve_in_the_edit((template, edit, host) in scenario()) {
        let preview = spec(&template).preview(&process(&edit), host.as_ref()).unwrap();
        let written = serde_json::to_value(process(&edit)).unwrap();
        for dropped in &preview.dropped {
            prop_assert!(written.pointer(&dropped.pointer).is_some(), "{:?} in {}", dropped, written);
            if dropped.reason == DropReason::NoTemplateRow {
                prop_assert!(dropped.pointer.starts_with("/bind_info/"), "{:?}", dropped);
            } else {
                let suffix = format!("/{}", dropped.field);
                prop_assert!(dropped.pointer.ends_with(&suffix), "{:?}", dropped);
            }
        }
    }

    /// Every locked field's pointer points at its wrapper in the template, and
    /// a preview never stores a locked top-level field.
    #[test]
    fn locked_field_pointers_resolve_in_the_template((template, edit, host) in scenario()) {
        let spec = spec(&template);
        let written = serde_json::to_value(&spec).unwrap();
        let locked: Vec<LockedField> = spec.locked_fields();
        for field in &locked {
            let wrapper = written.pointer(&field.pointer);
            prop_assert!(wrapper.is_some_and(|wrapper| wrapper.get("value").is_some()), "{:?}", field);
        }
        let stored = serde_json::to_value(spec.preview(&process(&edit), host.as_ref()).unwrap().stored).unwrap();
        for field in locked.iter().filter(|field| field.row_id.is_none() && field.field != "bind_info") {
            prop_assert_eq!(stored.get(field.field), None, "{}", field.field);
        }
    }

    /// A preview rebuilds `bind_info` with exactly the template's rows, in the
    /// template's order, when the template has rows.
    #[test]
    fn a_preview_stores_the_template_rows((template, edit, host) in scenario()) {
        let rows = rows_of(&template);
        let preview = spec(&template).preview(&process(&edit), host.as_ref()).unwrap();
        if rows.is_empty() {
            return Ok(());
        }
        let stored = preview.stored.bind_info.value().unwrap();
        let stored_ids: Vec<Patch<i64>> = stored.iter().map(|row| row.template_row_id).collect();
        let template_ids: Vec<Patch<i64>> = rows.iter().map(|row| Patch::Set(row["row_id"].as_i64().unwrap())).collect();
        prop_assert_eq!(stored_ids, template_ids);
    }
}
