//! Checking a payload the server builds itself (a template after an update, a
//! process made from a template) the way a request's payload is checked: with
//! cc-validate and the verdict of [`crate::verdict`].

use crate::http::ApiError;
use crate::verdict;
use cc_model::{Host, ProcessTemplateSpec};
use cc_validate::{CheckOptions, Endpoint, PayloadKind, Validator};
use serde_json::Value;

/// What the server answers `payload` as a request of `endpoint`, if it refuses
/// it.
pub(super) fn refusal(endpoint: Endpoint, payload: &Value) -> Result<Option<ApiError>, ApiError> {
    let findings = cc_validate::check(
        endpoint,
        PayloadKind::Request,
        payload.to_string().as_bytes(),
    )
    .map_err(|error| ApiError::Internal(format!("validator: {error}")))?;
    Ok(findings
        .iter()
        .find_map(|finding| verdict::refusal(endpoint, finding, payload)))
}

/// Refuses a process made from a template that the instance validation would
/// refuse (instantiation and sync end in the same checks as a created or
/// edited process; semantics section 0): `create` says which.
pub(super) fn made_process(process: &cc_model::Process, create: bool) -> Result<(), ApiError> {
    let process =
        serde_json::to_value(process).map_err(|_| ApiError::Internal("serialising".to_owned()))?;
    let refused = if create {
        let payload = serde_json::json!({
            "bk_biz_id": 1, "service_instance_id": 1, "processes": [{"process_info": process}]
        });
        refusal(Endpoint::CreateProcessInstance, &payload)?.map(|_| ApiError::CreateProcessFailed)
    } else {
        let mut process = process;
        if let Some(object) = process.as_object_mut() {
            object.insert("bk_process_id".to_owned(), Value::from(1));
        }
        let payload = serde_json::json!({"bk_biz_id": 1, "processes": [process]});
        refusal(Endpoint::UpdateProcessInstance, &payload)?
    };
    refused.map_or(Ok(()), Err)
}

/// What the server answers one `update_process_instance` entry (`entry`, as
/// sent, of business `bk_biz_id`), checked as the server checks it once it
/// knows the process: against the `template` the process was made from (only
/// what the server writes; a locked field's edit is dropped first), or written
/// whole for a raw process (`template` is `None`).
pub(super) fn edit_refusal(
    bk_biz_id: &Value,
    entry: &Value,
    template: Option<&ProcessTemplateSpec>,
    host: Option<&Host>,
) -> Result<Option<ApiError>, ApiError> {
    let endpoint = Endpoint::UpdateProcessInstance;
    let payload = serde_json::json!({"bk_biz_id": bk_biz_id, "processes": [entry]});
    let validator = Validator::get(endpoint, PayloadKind::Request)
        .map_err(|error| ApiError::Internal(format!("validator: {error}")))?;
    let options = CheckOptions {
        template,
        host,
        raw: template.is_none(),
    };
    Ok(validator
        .check_value_with(&payload, options)
        .iter()
        .find_map(|finding| verdict::refusal(endpoint, finding, &payload)))
}
