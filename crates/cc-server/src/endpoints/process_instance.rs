//! Process instances: `create_process_instance`, `update_process_instance`,
//! `delete_process_instance` (`list_process_instance` is [`super::process_list`]).

use super::Call;
use crate::http::ApiError;
use crate::store::processes::{self, StoredProcess};
use crate::store::{proc_templates, service_instances, world};
use cc_model::endpoints::{
    CreateProcessInstanceRequest, DeleteProcessInstanceRequest, UpdateProcessInstanceRequest,
};
use cc_model::{FieldKind, Patch, Process, ProcessTemplate, Template};
use rusqlite::Transaction;
use serde_json::{Value, json};

use super::check::edit_refusal;
use super::early::MAX_DELETE;

/// The fields of a process that `create_process_instance` overwrites whatever
/// they hold (semantics section 7), as cc-model declares them.
pub use cc_model::attributes::OVERWRITTEN_ON_CREATE as OVERWRITTEN;

/// `create_process_instance`: raw processes in a service instance that was not
/// created from a service template.
pub(super) fn create(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: CreateProcessInstanceRequest = call.parse_edited(|body| {
        let entries = body.get_mut("processes").and_then(Value::as_array_mut);
        for entry in entries.into_iter().flatten() {
            if let Some(info) = entry.get_mut("process_info").and_then(Value::as_object_mut) {
                for key in OVERWRITTEN {
                    info.remove(key);
                }
            }
        }
    })?;
    let instance =
        service_instances::get(tx, request.service_instance_id)?.ok_or(ApiError::NotFound)?;
    if instance.bk_biz_id != request.bk_biz_id {
        return Err(ApiError::invalid("bk_biz_id"));
    }
    if instance.service_template_id != 0 {
        return Err(ApiError::TemplateBoundInstance);
    }
    let mut ids = Vec::with_capacity(request.processes.len());
    for (index, entry) in request.processes.into_iter().enumerate() {
        required_names(
            call.body()
                .pointer(&format!("/processes/{index}/process_info")),
        )?;
        ids.push(processes::insert(
            tx,
            filled(raw_process(entry.process_info)),
            instance.bk_biz_id,
            instance.id,
            0,
            instance.bk_host_id,
        )?);
    }
    Ok(json!(ids))
}

/// The string attributes the instance validation fills with "" when a new
/// process leaves them out (`auto_start` is filled with false, the others stay
/// null; semantics section 7).
const FILLED_STRINGS: [&str; 10] = [
    "bk_start_param_regex",
    "description",
    "face_stop_cmd",
    "pid_file",
    "reload_cmd",
    "restart_cmd",
    "start_cmd",
    "stop_cmd",
    "user",
    "work_path",
];

/// A new raw process with the attributes it leaves out filled in, as the
/// server stores it.
fn filled(process: Process) -> Process {
    let Ok(Value::Object(mut object)) = serde_json::to_value(&process) else {
        return process;
    };
    for key in FILLED_STRINGS {
        if object.get(key).is_none_or(Value::is_null) {
            object.insert(key.to_owned(), Value::from(""));
        }
    }
    if object.get("auto_start").is_none_or(Value::is_null) {
        object.insert("auto_start".to_owned(), Value::Bool(false));
    }
    serde_json::from_value(Value::Object(object)).unwrap_or(process)
}

/// Refuses a process without its names, as the instance validation does: a key
/// that is missing is 1199010 (its exact key: `BK_PROCESS_NAME` does not
/// count), a `null` or blank value 1199011 wrapping it (semantics section 7).
fn required_names(info: Option<&Value>) -> Result<(), ApiError> {
    for key in ["bk_process_name", "bk_func_name"] {
        let unassigned = ApiError::ParamNeedSet {
            field: key.to_owned(),
        };
        match info.and_then(|info| info.get(key)) {
            None => {
                return Err(ApiError::ParamNeedSet {
                    field: unassigned.to_string(),
                });
            }
            Some(Value::String(text)) if !text.trim().is_empty() => {}
            Some(_) => {
                let inner = ApiError::ParamNotExist {
                    field: unassigned.to_string(),
                };
                return Err(ApiError::ParamNotExist {
                    field: inner.to_string(),
                });
            }
        }
    }
    Ok(())
}

/// `update_process_instance`: a template-bound process keeps what its template
/// locks (cc-model's preview decides what is stored); a raw process is written
/// whole, so the fields an entry leaves out become null (semantics section 6).
/// Top-level strings are stored trimmed.
pub(super) fn update(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: UpdateProcessInstanceRequest = call.parse()?;
    for (index, edit) in request.processes.iter().enumerate() {
        if edit.bk_process_id.value().copied().unwrap_or(0) <= 0 {
            return Err(ApiError::invalid("bk_process_id"));
        }
        for (key, time) in [
            ("create_time", &edit.create_time),
            ("last_time", &edit.last_time),
        ] {
            if time
                .value()
                .is_some_and(|time| !cc_model::timestamp::is_timestamp(time))
            {
                return Err(ApiError::InvalidJson {
                    detail: format!("processes[{index}].{key} is not an RFC 3339 time"),
                });
            }
        }
    }
    let ids: Vec<i64> = request
        .processes
        .iter()
        .filter_map(|edit| edit.bk_process_id.value().copied())
        .collect();
    let mut found = Vec::with_capacity(ids.len());
    for &id in &ids {
        let stored = processes::get(tx, id)?.filter(|stored| stored.bk_biz_id == request.bk_biz_id);
        let Some(stored) = stored else {
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            return Err(ApiError::ParamNotExist {
                field: format!("[bk_process_id: {}]", list.join(" ")),
            });
        };
        found.push(stored);
    }
    for (index, (edit, stored)) in request.processes.into_iter().zip(found).enumerate() {
        let entry = call
            .body()
            .pointer(&format!("/processes/{index}"))
            .unwrap_or(&Value::Null);
        let written = if stored.process_template_id == 0 {
            let written = whole(edit)?;
            if let Some(refusal) = edit_refusal(&call.body()["bk_biz_id"], entry, None, None)? {
                return Err(refusal);
            }
            written
        } else {
            let template = proc_templates::get(tx, stored.process_template_id)?
                .ok_or_else(|| ApiError::Internal("process template".to_owned()))?;
            let host = world::host(tx, stored.bk_host_id)?.map(|(_, host)| host);
            let refused = edit_refusal(
                &call.body()["bk_biz_id"],
                entry,
                Some(&template.property),
                host.as_ref(),
            )?;
            if let Some(refusal) = refused {
                return Err(refusal);
            }
            let mut stored = template
                .property
                .preview(&edit, host.as_ref())
                .map_err(|error| ApiError::Instantiate {
                    field: format!("processes[{index}]"),
                    detail: error.to_string(),
                })?
                .stored;
            // The server always writes the bind rows it derives from the
            // template's; with no template rows that is an empty list, where
            // cc-model's preview leaves `bind_info` out.
            if stored.bind_info.is_absent() {
                stored.bind_info = Patch::Set(Vec::new());
            }
            stored
        };
        let merged = trimmed(merge(&stored.process, &written)?);
        processes::update(tx, &stored, merged)?;
    }
    Ok(json!(ids))
}

/// What the server writes for a raw process's edit: every field of the
/// process, null where the entry leaves it out, except the bookkeeping fields;
/// without both names it refuses, as the instance validation does.
fn whole(edit: Process) -> Result<Process, ApiError> {
    for (key, name) in [
        ("bk_process_name", &edit.bk_process_name),
        ("bk_func_name", &edit.bk_func_name),
    ] {
        if name.value().is_none_or(|name| name.trim().is_empty()) {
            let unassigned = ApiError::ParamNeedSet {
                field: key.to_owned(),
            };
            return Err(ApiError::ParamNotExist {
                field: unassigned.to_string(),
            });
        }
    }
    let mut value = to_value(&raw_process(edit))?;
    if let Some(object) = value.as_object_mut() {
        for field in <Process as ProcessTemplate>::FIELDS {
            if field.kind != FieldKind::Skipped && !field.legacy {
                object.entry(field.name).or_insert(Value::Null);
            }
        }
    }
    serde_json::from_value(value).map_err(|error| ApiError::invalid_because("processes", error))
}

/// `delete_process_instance`: raw processes only.
pub(super) fn delete(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: DeleteProcessInstanceRequest = call.parse()?;
    if request.process_instance_ids.is_empty() {
        return Err(ApiError::ParamNeedSet {
            field: "process_instance_ids".to_owned(),
        });
    }
    if request.process_instance_ids.len() > MAX_DELETE {
        return Err(ApiError::ExceedLimit {
            what: "delete process instance",
            limit: MAX_DELETE,
        });
    }
    for &id in &request.process_instance_ids {
        let stored = owned(tx, request.bk_biz_id, id, "process_instance_ids")?;
        if stored.process_template_id != 0 {
            return Err(ApiError::DeleteTemplateProcess {
                name: stored
                    .process
                    .bk_process_name
                    .value()
                    .cloned()
                    .unwrap_or_default(),
            });
        }
        processes::delete(tx, id)?;
    }
    Ok(Value::Null)
}

/// Process `id` if it exists and is `bk_biz_id`'s; else `field` is invalid.
fn owned(
    tx: &Transaction<'_>,
    bk_biz_id: i64,
    id: i64,
    field: &str,
) -> Result<StoredProcess, ApiError> {
    processes::get(tx, id)?
        .filter(|stored| stored.bk_biz_id == bk_biz_id)
        .ok_or_else(|| ApiError::invalid(field))
}

/// A raw process as stored: top-level strings trimmed, legacy fields dropped,
/// every bind row with a `template_row_id` (the next free one, as the server
/// assigns it).
pub(super) fn raw_process(process: Process) -> Process {
    let mut process = trimmed(process);
    process.auto_time_gap = Patch::Absent;
    process.bk_func_id = Patch::Absent;
    process.process_template_id = Patch::Absent;
    if let Patch::Set(rows) = &mut process.bind_info {
        let mut next = rows
            .iter()
            .filter_map(|row| row.template_row_id.value().copied())
            .max()
            .unwrap_or(0)
            + 1;
        for row in rows.iter_mut() {
            if row.template_row_id.value().is_none() {
                row.template_row_id = Patch::Set(next);
                next += 1;
            }
        }
    }
    process
}

/// `process` with its top-level strings trimmed (the server trims them before it
/// validates and stores them).
fn trimmed(process: Process) -> Process {
    let Ok(Value::Object(mut object)) = serde_json::to_value(&process) else {
        return process;
    };
    for value in object.values_mut() {
        if let Value::String(text) = value {
            let trimmed = text.trim();
            if trimmed.len() != text.len() {
                *text = trimmed.to_owned();
            }
        }
    }
    serde_json::from_value(Value::Object(object)).unwrap_or(process)
}

/// `current` with the fields `written` has (set or `null`) replaced.
fn merge(current: &Process, written: &Process) -> Result<Process, ApiError> {
    let mut merged = to_value(current)?;
    let written = to_value(written)?;
    if let (Some(merged), Some(written)) = (merged.as_object_mut(), written.as_object()) {
        for (key, value) in written {
            merged.insert(key.clone(), value.clone());
        }
    }
    serde_json::from_value(merged).map_err(|error| ApiError::invalid_because("processes", error))
}

fn to_value<T: serde::Serialize>(value: &T) -> Result<Value, ApiError> {
    serde_json::to_value(value).map_err(|_| ApiError::Internal("serialising".to_owned()))
}
