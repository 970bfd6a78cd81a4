//! The documents of the template operations: what the server stores of each
//! edit (`preview`), what a sync changes (`sync`) and the instance it creates
//! (`instantiate`), as the JSON that `cc-lint preview|sync|instantiate --format
//! json` prints and `cc_lint.preview|sync|instantiate` return. Written once here
//! for both; the behaviour itself is cc-model's generated `Template` impl.

use cc_model::{Dropped, Host, InstantiateError, Process, ProcessTemplateSpec, Template};
use serde_json::{Value, json};

/// The version of the documents' shapes (their `version` member).
pub const PLAN_VERSION: u32 = 1;

/// A template operation that cannot be carried out on one of its inputs.
#[derive(Debug, thiserror::Error)]
#[error("{at}cannot {what}: {why}")]
pub struct PlanError {
    /// `"<pointer>: "` of the input that failed, or empty for the template.
    at: String,
    /// What could not be done (`preview`, `plan the sync`, `instantiate`).
    what: &'static str,
    /// Why (in the message, not a separate source: callers print the
    /// message whole, and a source would be printed twice by error chains).
    why: InstantiateError,
}

impl PlanError {
    fn at(pointer: &str, what: &'static str) -> impl FnOnce(InstantiateError) -> Self {
        let at = format!("{pointer}: ");
        move |why| Self { at, what, why }
    }
}

fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn process_id(process: &Process) -> Value {
    process
        .bk_process_id
        .value()
        .map_or(Value::Null, |id| json!(id))
}

/// Per edited process (each with its pointer, as
/// [`load_processes`](crate::load_processes) reads them): what the server
/// stores, what it drops, what it keeps unchanged and which bind rows it resets.
/// Each dropped or unchanged field's pointer is from the payload's root.
///
/// # Errors
/// The first edit the template cannot be applied to.
pub fn preview_document(
    template: &ProcessTemplateSpec,
    host: Option<&Host>,
    edits: &[(String, Process)],
) -> Result<Value, PlanError> {
    let mut processes = Vec::with_capacity(edits.len());
    for (pointer, edit) in edits {
        let preview = template
            .preview(edit, host)
            .map_err(PlanError::at(pointer, "preview"))?;
        let entries = |list: &[Dropped]| -> Vec<Value> {
            list.iter()
                .map(|dropped| {
                    let mut entry = to_value(dropped);
                    entry["pointer"] = json!(format!("{pointer}{}", dropped.pointer));
                    entry
                })
                .collect()
        };
        processes.push(json!({
            "pointer": pointer,
            "bk_process_id": process_id(edit),
            "stored": to_value(&preview.stored),
            "dropped": entries(&preview.dropped),
            "unchanged": entries(&preview.unchanged),
            "reset_rows": to_value(&preview.reset_rows),
        }));
    }
    Ok(json!({"version": PLAN_VERSION, "processes": processes}))
}

/// Per instance: the field and bind-row changes applying the template makes,
/// and the instance after them.
///
/// # Errors
/// The first instance the sync cannot be planned for.
pub fn sync_document(
    template: &ProcessTemplateSpec,
    host: Option<&Host>,
    instances: &[(String, Process)],
) -> Result<Value, PlanError> {
    let mut processes = Vec::with_capacity(instances.len());
    for (pointer, instance) in instances {
        let synced = template
            .sync(instance, host)
            .map_err(PlanError::at(pointer, "plan the sync"))?;
        processes.push(json!({
            "pointer": pointer,
            "bk_process_id": process_id(instance),
            "fields": to_value(&synced.plan.fields),
            "rows": to_value(&synced.plan.rows),
            "result": to_value(&synced.instance),
        }));
    }
    Ok(json!({"version": PLAN_VERSION, "processes": processes}))
}

/// The process instance the server creates from the template on `host`.
///
/// # Errors
/// When the template cannot be instantiated there (a bind type whose address
/// the host does not have, say).
pub fn instantiate_document(
    template: &ProcessTemplateSpec,
    host: Option<&Host>,
) -> Result<Value, PlanError> {
    let instance = template.instantiate(host).map_err(|why| PlanError {
        at: String::new(),
        what: "instantiate",
        why,
    })?;
    Ok(json!({"version": PLAN_VERSION, "instance": to_value(&instance)}))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(bind_type: &str) -> ProcessTemplateSpec {
        serde_json::from_value(json!({
            "bk_process_name": {"value": "p1", "as_default_value": true},
            "bk_func_name": {"value": "java", "as_default_value": true},
            "user": {"value": "app", "as_default_value": true},
            "bind_info": {"value": [{"ip": {"value": bind_type, "as_default_value": true},
                "port": {"value": "80", "as_default_value": true},
                "protocol": {"value": "1", "as_default_value": true},
                "enable": {"value": true, "as_default_value": true}, "row_id": 1}],
                "as_default_value": true}
        }))
        .expect("template")
    }

    fn process(value: Value) -> Process {
        serde_json::from_value(value).expect("process")
    }

    #[test]
    fn preview_names_what_is_dropped_from_the_payload_root() {
        let edit = process(json!({"bk_process_id": 43, "user": "root"}));
        let document = preview_document(&template("1"), None, &[("/processes/0".to_owned(), edit)])
            .expect("preview");
        assert_eq!(document["version"], PLAN_VERSION);
        let process = &document["processes"][0];
        assert_eq!(process["bk_process_id"], 43);
        assert_eq!(process["dropped"][0]["field"], "user");
        assert_eq!(process["dropped"][0]["pointer"], "/processes/0/user");
    }

    #[test]
    fn sync_lists_changes_and_the_result() {
        let instance = process(json!({"bk_process_id": 7, "bk_process_name": "p1",
            "bk_func_name": "java", "user": "root"}));
        let document =
            sync_document(&template("1"), None, &[("/0".to_owned(), instance)]).expect("sync");
        let process = &document["processes"][0];
        assert_eq!(process["result"]["user"], "app");
        assert!(
            process["fields"]
                .as_array()
                .is_some_and(|fields| fields.iter().any(|change| change["field"] == "user")),
            "{process}"
        );
    }

    #[test]
    fn a_bind_type_without_a_host_is_an_error_naming_the_operation() {
        let error = instantiate_document(&template("3"), None).expect_err("no host");
        assert!(
            error.to_string().starts_with("cannot instantiate: "),
            "{error}"
        );
        let document = instantiate_document(&template("1"), None).expect("instantiate");
        assert_eq!(document["instance"]["bk_process_name"], "p1");
    }
}
