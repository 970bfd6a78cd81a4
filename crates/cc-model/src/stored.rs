//! What the server stores for the template calls that are not instance
//! operations: a created template (`batch_create_proc_template`), an updated one
//! (`update_proc_template`), and the whole-struct write of an
//! `update_process_instance` entry on a process not created from a template.
//! Each function cites the bk-cmdb 111e7ac lines it follows (see
//! `docs/semantics.md`).

use crate::{BindInfoTemplate, Patch, Process, ProcessTemplateSpec};
use serde_json::{Map, Value};

/// Numbers the rows without a row id (missing or 0): max+1, max+2, ... in row
/// order, max being the largest id in the list (`process_bind_info.go:143-190`).
fn number_rows(rows: &mut [BindInfoTemplate]) {
    let mut next = rows
        .iter()
        .filter_map(|row| row.row_id.value().copied())
        .max()
        .unwrap_or(0)
        .max(0);
    for row in rows {
        if matches!(row.row_id.value(), None | Some(0)) {
            next = next.saturating_add(1);
            row.row_id = Patch::Set(next);
        }
    }
}

/// The spec without its legacy fields, which the server drops.
fn without_legacy(spec: &ProcessTemplateSpec) -> ProcessTemplateSpec {
    let Ok(Value::Object(mut object)) = serde_json::to_value(spec) else {
        return spec.clone();
    };
    for field in <Process as crate::ProcessTemplate>::FIELDS {
        if let (true, Some(key)) = (field.legacy, field.template_name) {
            object.remove(key);
        }
    }
    serde_json::from_value(Value::Object(object)).unwrap_or_else(|_| spec.clone())
}

/// Locks both names, as create and update do whatever the request says
/// (`core process_template.go:42-44, 202-204`).
fn lock_names(spec: &mut ProcessTemplateSpec) {
    spec.bk_process_name.as_default_value = Some(true);
    spec.bk_func_name.as_default_value = Some(true);
}

impl ProcessTemplateSpec {
    /// The template as `batch_create_proc_template` stores this spec: legacy
    /// fields dropped (they are not fields of `ProcessProperty`), both names
    /// locked and rows without a row id numbered after the largest given id
    /// (`process_bind_info.go:143-190` via `core process_template.go:35`).
    #[must_use]
    pub fn as_created(&self) -> Self {
        let mut spec = without_legacy(self);
        lock_names(&mut spec);
        if let Some(rows) = spec
            .bind_info
            .as_mut()
            .and_then(|bind_info| bind_info.value.as_mut())
        {
            number_rows(rows);
        }
        spec
    }

    /// Applies an `update_proc_template` `process_property` map as the server
    /// does (`process.go:1928-1964`): only keys spelled exactly as a template
    /// field count (`Proc_Num` is dropped), `bk_func_name` is never applied, a
    /// present field replaces its wrapper whole (`{"value": 5}` leaves
    /// `as_default_value` null), `null` makes the wrapper `{null, null}`, a
    /// present `bind_info` replaces the list and its rows are numbered over the
    /// new list only (`process_bind_info.go:143-190, 617-624`), and both names
    /// are locked again (`core process_template.go:202-204`).
    ///
    /// A value that does not decode as the field's wrapper leaves the field as
    /// it was (the server refuses such a request; the linter reports it).
    pub fn apply_update(&mut self, property: &Map<String, Value>) {
        let Ok(Value::Object(mut current)) = serde_json::to_value(&*self) else {
            return;
        };
        for (key, value) in property {
            if key == "bk_func_name"
                || <Process as crate::ProcessTemplate>::FIELDS
                    .iter()
                    .all(|field| field.template_name != Some(key.as_str()))
            {
                continue;
            }
            let wrapper = match value {
                Value::Null => Value::Object(Map::new()),
                other => other.clone(),
            };
            current.insert(key.clone(), wrapper);
        }
        let Ok(mut updated) = serde_json::from_value::<Self>(Value::Object(current)) else {
            return;
        };
        if property.contains_key("bind_info")
            && let Some(rows) = updated
                .bind_info
                .as_mut()
                .and_then(|bind_info| bind_info.value.as_mut())
        {
            number_rows(rows);
        }
        lock_names(&mut updated);
        *self = updated;
    }
}

/// Trims a string the way the instance validation does before storing it
/// (`instance_validate.go:249-252, 435-438`).
fn trimmed(value: Patch<String>) -> Patch<String> {
    value.map(|text| text.trim().to_owned())
}

/// Absent becomes `null`: the struct is marshalled without `omitempty`.
fn written<T>(value: Patch<T>) -> Patch<T> {
    match value {
        Patch::Absent => Patch::Null,
        other => other,
    }
}

/// The document `update_process_instance` writes for the entry `edit` of a
/// process **not** created from a template (`proc processinstance.go:490-502`):
/// the whole decoded struct, so every field the entry omits is written as
/// `null`, `bind_info` and its rows' missing attributes included
/// (`process.go:1066-1091`, `process_bind_info.go:883-900`); `bk_biz_id` is the
/// request's; `bk_process_id`, `create_time`, `last_time`,
/// `bk_supplier_account` and `service_instance_id` are not written, nor are the
/// legacy fields; top-level strings are stored trimmed
/// (`instance_validate.go:435-438`).
#[must_use]
pub fn raw_update(edit: &Process, bk_biz_id: i64) -> Process {
    let edit = edit.clone();
    Process {
        bk_process_name: written(trimmed(edit.bk_process_name)),
        bk_func_name: written(trimmed(edit.bk_func_name)),
        bk_start_param_regex: written(trimmed(edit.bk_start_param_regex)),
        proc_num: written(edit.proc_num),
        priority: written(edit.priority),
        timeout: written(edit.timeout),
        bk_start_check_secs: written(edit.bk_start_check_secs),
        auto_start: written(edit.auto_start),
        start_cmd: written(trimmed(edit.start_cmd)),
        stop_cmd: written(trimmed(edit.stop_cmd)),
        restart_cmd: written(trimmed(edit.restart_cmd)),
        reload_cmd: written(trimmed(edit.reload_cmd)),
        face_stop_cmd: written(trimmed(edit.face_stop_cmd)),
        pid_file: written(trimmed(edit.pid_file)),
        work_path: written(trimmed(edit.work_path)),
        user: written(trimmed(edit.user)),
        description: written(trimmed(edit.description)),
        bind_info: written(edit.bind_info.map(|rows| {
            rows.into_iter()
                .map(|row| crate::BindInfo {
                    ip: written(row.ip),
                    port: written(row.port),
                    protocol: written(row.protocol),
                    enable: written(row.enable),
                    template_row_id: written(row.template_row_id),
                })
                .collect()
        })),
        bk_biz_id: Patch::Set(bk_biz_id),
        ..Process::default()
    }
}
