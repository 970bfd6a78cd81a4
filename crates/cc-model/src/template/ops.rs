//! The per-field operations generated code calls, one generic function per kind
//! of field and operation. Not meant to be called by hand.

use super::behaviour::Template;
use super::host::{Host, InstantiateError, Resolve};
use super::plan::{DropReason, Dropped, FieldChange, LockedField, ResetRow, RowChange};
use crate::{Patch, Property};
use serde::Serialize;
use serde_json::Value;

/// True when the wrapper locks its field (or the server always locks it).
#[must_use]
pub fn is_locked<V>(property: Option<&Property<V>>, always_locked: bool) -> bool {
    always_locked || property.is_some_and(Property::is_locked)
}

/// Records a locked wrapped field.
pub fn locked<V>(
    field: &'static str,
    property: Option<&Property<V>>,
    always_locked: bool,
    pointer: String,
    row_id: Option<i64>,
    out: &mut Vec<LockedField>,
) {
    if is_locked(property, always_locked) {
        out.push(LockedField {
            field,
            row_id,
            pointer,
        });
    }
}

/// What the derive knows about a wrapped field, for the operations below.
#[derive(Debug, Clone, Copy)]
pub struct Spec<T> {
    /// The plain field's name.
    pub field: &'static str,
    /// The server locks it whatever `as_default_value` says.
    pub always_locked: bool,
    /// Every instance needs a value (`null`, missing or empty is an error).
    pub required: bool,
    /// The value a `null` template value becomes (`enable`: false, `ip`:
    /// `""`), in the operations `null_default_on` names.
    pub null_default: Option<fn() -> T>,
    /// Where the server turns a `null` template value into `null_default`;
    /// elsewhere it writes `null`.
    pub null_default_on: NullDefaultOn,
}

/// The operations in which the server turns a field's `null` template value
/// into the field's default (`#[cc(null_as_default(...))]`): the three build
/// bind rows in three different functions, with three different fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // One flag per operation, named.
pub struct NullDefaultOn {
    /// Instantiation (`NewProcBindInfo`, `process_bind_info.go:666-719`).
    pub instantiate: bool,
    /// Sync (`ExtractChangeInfoBindInfo`, `process_bind_info.go:193-388`).
    pub sync: bool,
    /// A template-bound instance's edit (`changeInstanceBindInfo`,
    /// `process_bind_info.go:391-565`).
    pub edit: bool,
}

impl NullDefaultOn {
    /// Every operation.
    pub const ALL: Self = Self {
        instantiate: true,
        sync: true,
        edit: true,
    };

    const fn applies(self, op: Op) -> bool {
        match op {
            Op::Instantiate => self.instantiate,
            Op::Sync => self.sync,
            Op::Edit => self.edit,
        }
    }
}

/// The operation a template value is turned into an instance value for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// A process created from the template.
    Instantiate,
    /// The template applied to an instance (a row it adds, a locked value).
    Sync,
    /// An edit of a template-bound instance (a row it restores, a locked value).
    Edit,
}

impl<T> Spec<T> {
    /// The default a `null` template value becomes in `op`, if any.
    fn default_in(&self, op: Op) -> Option<fn() -> T> {
        self.null_default
            .filter(|_| self.null_default_on.applies(op))
    }
}

/// The instance value of a wrapped field in `op`: the template's value,
/// resolved on the host. `null` (or a missing wrapper) stays `null`, unless the
/// field has a default for it in `op`; a required field without a value is an
/// error.
pub fn instantiate<V: Resolve<T>, T: Serialize>(
    property: Option<&Property<V>>,
    spec: &Spec<T>,
    host: Option<&Host>,
    pointer: &str,
    op: Op,
) -> Result<Patch<T>, InstantiateError> {
    let value = property.and_then(|property| property.value.as_ref());
    let resolved = match value {
        Some(value) => value.resolve(host, pointer)?,
        None => None,
    };
    let blank = resolved
        .as_ref()
        .is_none_or(|value| serde_json::to_value(value).is_ok_and(|json| json == ""));
    if spec.required && blank {
        return Err(InstantiateError::MissingRequiredValue {
            pointer: pointer.to_owned(),
            field: spec.field,
        });
    }
    // A value that stands for none (the unset bind type `""`) takes the default
    // in every operation (`IP()` gives `""`, `process.go:929-931`); a `null`
    // only where the operation turns it into the default.
    let default = if value.is_some() {
        spec.null_default
    } else {
        spec.default_in(op)
    };
    Ok(match (resolved, default) {
        (Some(value), _) => Patch::Set(value),
        (None, Some(default)) => Patch::Set(default()),
        (None, None) => Patch::Null,
    })
}

fn json<T: Serialize>(value: Option<&T>) -> Value {
    value
        .and_then(|value| serde_json::to_value(value).ok())
        .unwrap_or(Value::Null)
}

/// Syncs a wrapped field: a locked field whose value differs from the
/// template's takes the template's value (`null` clears it).
#[allow(clippy::too_many_arguments)]
pub fn sync<V: Resolve<T>, T: Clone + PartialEq + Serialize>(
    property: Option<&Property<V>>,
    spec: &Spec<T>,
    instance: Patch<&T>,
    host: Option<&Host>,
    template_pointer: &str,
    instance_pointer: String,
    out: &mut Vec<FieldChange>,
) -> Result<Patch<T>, InstantiateError> {
    let kept = instance.map(Clone::clone);
    if !is_locked(property, spec.always_locked) {
        // An unlocked `enable` null is written as false
        // (`process_bind_info.go:361-365`); an unlocked `ip` is left alone
        // (`:263-265`).
        return Ok(match (kept, spec.default_in(Op::Sync)) {
            (Patch::Null, Some(default)) => Patch::Set(default()),
            (kept, _) => kept,
        });
    }
    let template_null = property.is_none_or(|property| property.value.is_none());
    // What a locked null writes: `enable` false, `ip` null
    // (`process_bind_info.go:267-275, 371-375`).
    let wanted = instantiate(property, spec, host, template_pointer, Op::Sync)?;
    // A locked template null with a null default (`enable`, `ip`) always
    // counts as a change (`process_bind_info.go:267-275, 371-375`).
    let always = template_null && spec.null_default.is_some();
    if wanted.value() == instance.value().copied() && !always {
        return Ok(kept);
    }
    out.push(FieldChange {
        field: spec.field,
        pointer: instance_pointer,
        old: json(instance.value().copied()),
        new: json(wanted.value()),
    });
    Ok(wanted)
}

/// A value as the instance validation stores it: a string trimmed
/// (`instance_validate.go:435-438`), anything else as it is.
fn stored_form<T: 'static>(mut value: T) -> T {
    if let Some(text) = (&mut value as &mut dyn std::any::Any).downcast_mut::<String>() {
        let trimmed = text.trim();
        if trimmed.len() != text.len() {
            *text = trimmed.to_owned();
        }
    }
    value
}

/// Filters an edit of a wrapped process field: the server does not update a
/// locked field (a value or a `null` on it is dropped) nor a legacy one. A
/// locked field sent with the template's own value (resolved on `host`) is not
/// applied either, but nothing is lost: it is recorded as unchanged. A string
/// it writes is stored trimmed (`instance_validate.go:435-438`).
#[allow(clippy::too_many_arguments)]
pub fn preview<V: Resolve<T>, T: Clone + PartialEq + Serialize + 'static>(
    property: Option<&Property<V>>,
    spec: &Spec<T>,
    edit: Patch<&T>,
    host: Option<&Host>,
    template_pointer: &str,
    pointer: String,
    row_id: Option<i64>,
    dropped: &mut Vec<Dropped>,
) -> Patch<T> {
    if edit.is_absent() {
        return Patch::Absent;
    }
    let reason = if is_locked(property, spec.always_locked) {
        let template_value = instantiate(property, spec, host, template_pointer, Op::Edit).ok();
        if template_value.is_some_and(|wanted| wanted.value() == edit.value().copied()) {
            DropReason::LockedUnchanged
        } else if edit.is_null() {
            DropReason::NullOnLocked
        } else {
            DropReason::Locked
        }
    } else {
        return edit.map(|value| stored_form(value.clone()));
    };
    dropped.push(Dropped {
        field: spec.field,
        row_id,
        pointer,
        reason,
    });
    Patch::Absent
}

/// Filters an edit of a legacy field: current servers ignore it, whatever it
/// holds.
pub fn preview_legacy<T>(
    spec: &Spec<T>,
    edit: Patch<&T>,
    pointer: String,
    row_id: Option<i64>,
    dropped: &mut Vec<Dropped>,
) -> Patch<T> {
    if edit.is_present() {
        dropped.push(Dropped {
            field: spec.field,
            row_id,
            pointer,
            reason: DropReason::Legacy,
        });
    }
    Patch::Absent
}

/// Merges an edited bind-row attribute with its template row: a locked
/// attribute takes the template's value (an edit that differs is dropped), an
/// unlocked one keeps the edit.
#[allow(clippy::too_many_arguments)]
pub fn merge<V: Resolve<T>, T: Clone + PartialEq + Serialize>(
    property: Option<&Property<V>>,
    spec: &Spec<T>,
    edit: Patch<&T>,
    host: Option<&Host>,
    template_pointer: &str,
    edit_pointer: String,
    row_id: Option<i64>,
    dropped: &mut Vec<Dropped>,
) -> Result<Patch<T>, InstantiateError> {
    if !is_locked(property, spec.always_locked) {
        return Ok(edit.map(Clone::clone));
    }
    let wanted = instantiate(property, spec, host, template_pointer, Op::Edit)?;
    if edit.is_present() && edit.value().copied() != wanted.value() {
        dropped.push(Dropped {
            field: spec.field,
            row_id,
            pointer: edit_pointer,
            reason: DropReason::TemplateValue,
        });
    }
    Ok(wanted)
}

/// A value that can identify a bind row: integers, and strings holding one.
pub trait RowKey {
    /// The row id this value stands for.
    fn row_id(&self) -> Option<i64>;
}

macro_rules! integer_row_keys {
    ($($ty:ty),*) => {$(
        impl RowKey for $ty {
            fn row_id(&self) -> Option<i64> {
                i64::try_from(*self).ok()
            }
        }
    )*};
}

integer_row_keys!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);

impl RowKey for String {
    fn row_id(&self) -> Option<i64> {
        self.trim().parse().ok()
    }
}

/// The row id held by a row's `plain` field (a row type's single `plain` field is
/// its key).
#[must_use]
pub fn row_key<K: RowKey>(key: Patch<&K>) -> Option<i64> {
    key.value().and_then(|key| key.row_id())
}

fn rows_of<R>(property: Option<&Property<Vec<R>>>) -> &[R] {
    property
        .and_then(|property| property.value.as_deref())
        .unwrap_or_default()
}

/// Pairs template rows with plain rows by row id: for each template row, the
/// position of the first not yet paired plain row with its id; and for each
/// plain row, whether it was paired.
fn pair_rows<R: Template>(
    template_rows: &[R],
    plain_rows: &[R::Plain],
) -> (Vec<Option<usize>>, Vec<bool>) {
    let mut paired = vec![false; plain_rows.len()];
    let matches = template_rows
        .iter()
        .map(|template_row| {
            let key = template_row.__template_key()?;
            // With repeated ids the last row wins (`process_bind_info.go:198-201, 410-413`).
            let position = plain_rows.iter().enumerate().rposition(|(position, row)| {
                !paired[position] && R::__plain_key(row) == Some(key)
            })?;
            paired[position] = true;
            Some(position)
        })
        .collect();
    (matches, paired)
}

/// Records a locked nested list and the locked attributes of its rows.
pub fn nested_locked<R: Template>(
    field: &'static str,
    property: Option<&Property<Vec<R>>>,
    always_locked: bool,
    pointer: &str,
    out: &mut Vec<LockedField>,
) {
    locked(
        field,
        property,
        always_locked,
        pointer.to_owned(),
        None,
        out,
    );
    for (index, row) in rows_of(property).iter().enumerate() {
        row.__locked(
            &format!("{pointer}/value/{index}"),
            row.__template_key(),
            out,
        );
    }
}

/// The instance rows of a nested list (in `op`, for rows of rows).
pub fn nested_instantiate<R: Template>(
    property: Option<&Property<Vec<R>>>,
    host: Option<&Host>,
    pointer: &str,
    op: Op,
) -> Result<Patch<Vec<R::Plain>>, InstantiateError> {
    // No rows, `[]` included, instantiate as null (`process_bind_info.go:668, 718`).
    if property
        .and_then(|property| property.value.as_ref())
        .is_none_or(Vec::is_empty)
    {
        return Ok(Patch::Null);
    }
    rows_of(property)
        .iter()
        .enumerate()
        .map(|(index, row)| row.__instantiate(host, &format!("{pointer}/value/{index}"), op))
        .collect::<Result<Vec<_>, _>>()
        .map(Patch::Set)
}

/// Syncs a nested list: rows are matched by row id; template rows the instance
/// lacks are added, instance rows no template row matches are removed, and
/// matched rows take the template's locked attributes. The result is in the
/// template's order.
#[allow(clippy::too_many_arguments)]
pub fn nested_sync<R: Template>(
    property: Option<&Property<Vec<R>>>,
    instance: Patch<&Vec<R::Plain>>,
    host: Option<&Host>,
    template_pointer: &str,
    instance_pointer: &str,
    rows: &mut Vec<RowChange>,
) -> Result<Patch<Vec<R::Plain>>, InstantiateError>
where
    R::Plain: Clone + Serialize,
{
    let template_rows = rows_of(property);
    let instance_rows: &[R::Plain] = instance.value().map_or(&[], |rows| rows.as_slice());
    let (matches, used) = pair_rows(template_rows, instance_rows);
    let mut result = Vec::with_capacity(template_rows.len());
    for ((index, template_row), matched) in template_rows.iter().enumerate().zip(matches) {
        let at = format!("{template_pointer}/value/{index}");
        let key = template_row.__template_key();
        if let Some(position) = matched {
            let instance_row = &instance_rows[position];
            let mut changes = Vec::new();
            let row_pointer = format!("{instance_pointer}/{position}");
            let synced = template_row.__sync(
                instance_row,
                host,
                &at,
                &row_pointer,
                &mut changes,
                &mut Vec::new(),
            )?;
            if !changes.is_empty() {
                rows.push(RowChange::Changed {
                    row_id: key,
                    pointer: row_pointer,
                    changes,
                });
            }
            result.push(synced);
        } else {
            // A row the instance lacks takes every template value, a null `ip`
            // staying null (`process_bind_info.go:208-216, 267-275`).
            let created = template_row.__instantiate(host, &at, Op::Sync)?;
            rows.push(RowChange::Added {
                row_id: key,
                row: serde_json::to_value(&created).unwrap_or(Value::Null),
            });
            result.push(created);
        }
    }
    for (position, row) in instance_rows.iter().enumerate() {
        if !used[position] {
            rows.push(RowChange::Removed {
                row_id: R::__plain_key(row),
                pointer: format!("{instance_pointer}/{position}"),
            });
        }
    }
    if result.is_empty() && !instance.is_present() {
        return Ok(instance.map(Clone::clone));
    }
    Ok(Patch::Set(result))
}

/// Rebuilds an edited nested list from the template (section 6): edit rows are
/// matched to template rows by row id, unmatched edit rows are dropped, template
/// rows the edit lacks come back with the template's values, and matched rows
/// take the template's locked attributes.
#[allow(clippy::too_many_arguments)]
pub fn nested_preview<R: Template>(
    field: &'static str,
    property: Option<&Property<Vec<R>>>,
    edit: Patch<&Vec<R::Plain>>,
    host: Option<&Host>,
    template_pointer: &str,
    edit_pointer: &str,
    dropped: &mut Vec<Dropped>,
    reset: &mut Vec<ResetRow>,
) -> Result<Patch<Vec<R::Plain>>, InstantiateError> {
    let template_rows = rows_of(property);
    let edit_rows: &[R::Plain] = edit.value().map_or(&[], |rows| rows.as_slice());
    // A template without rows writes `[]` whatever the edit holds
    // (`process.go:1802-1804`).
    if template_rows.is_empty() && edit_rows.is_empty() {
        return Ok(Patch::Set(Vec::new()));
    }
    let (matches, used) = pair_rows(template_rows, edit_rows);
    let mut result = Vec::with_capacity(template_rows.len());
    // For each template row this call restores (each `reset` entry it pushes):
    // its index in `result`.
    let reset_start = reset.len();
    let mut restored: Vec<usize> = Vec::new();
    for ((index, template_row), matched) in template_rows.iter().enumerate().zip(matches) {
        let at = format!("{template_pointer}/value/{index}");
        let key = template_row.__template_key();
        if let Some(position) = matched {
            result.push(template_row.__merge_row(
                &edit_rows[position],
                host,
                &at,
                &format!("{edit_pointer}/{position}"),
                dropped,
            )?);
        } else {
            reset.push(ResetRow {
                row_id: key,
                template_pointer: at.clone(),
            });
            restored.push(result.len());
            // Every template value, a null `enable` staying null
            // (`process_bind_info.go:421-448, 559-563`).
            result.push(template_row.__instantiate(host, &at, Op::Edit)?);
        }
    }
    let mut twinned = vec![false; restored.len()];
    for (position, row) in edit_rows.iter().enumerate() {
        if used[position] {
            continue;
        }
        // A row sent exactly as a left-out template row is restored: the server
        // drops the one and restores the other with the same values.
        let twin = restored
            .iter()
            .enumerate()
            .position(|(at, &index)| !twinned[at] && R::__same_but_key(row, &result[index]));
        let reason = if let Some(at) = twin {
            twinned[at] = true;
            DropReason::RestoredAsSent
        } else {
            DropReason::NoTemplateRow
        };
        dropped.push(Dropped {
            field,
            row_id: R::__plain_key(row),
            pointer: format!("{edit_pointer}/{position}"),
            reason,
        });
    }
    // A restored row with a twin in the edit is no loss: not reported as reset.
    let mut at = 0;
    reset.retain(|_| {
        let keep = at < reset_start || !twinned[at - reset_start];
        at += 1;
        keep
    });
    Ok(Patch::Set(result))
}
