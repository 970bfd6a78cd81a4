//! What the server answers before it validates a payload: empty batches and
//! batches over the limit are told apart by the handlers first (semantics
//! sections 7 and 10), so their answer does not depend on the rest of the body.

use super::Endpoint;
use crate::http::ApiError;
use serde_json::{Value, json};

/// The most items one call creates or updates (`BKMaxUpdateOrCreatePageSize`).
pub(super) const MAX_CHANGE: usize = 100;
/// The most items one call deletes (`BKMaxDeletePageSize`).
pub(super) const MAX_DELETE: usize = 500;

/// The answer to `body` before validation, if the handler gives one.
pub(super) fn answer(endpoint: Endpoint, body: &Value) -> Option<Result<Value, ApiError>> {
    let count = |key: &str| match body.get(key) {
        None | Some(Value::Null) => Some(0),
        Some(Value::Array(items)) => Some(items.len()),
        Some(_) => None,
    };
    let over = |what, limit| Some(Err(ApiError::ExceedLimit { what, limit }));
    match endpoint {
        Endpoint::BatchCreateProcTemplate => match count("processes")? {
            0 => Some(Ok(json!([]))),
            n if n > MAX_CHANGE => over("create process template", MAX_CHANGE),
            _ => None,
        },
        Endpoint::UpdateProcessInstance => match count("processes")? {
            0 => Some(Ok(json!([]))),
            n if n > MAX_CHANGE => over("update process instances", MAX_CHANGE),
            _ => None,
        },
        Endpoint::CreateProcessInstance => match count("processes")? {
            0 => Some(Err(ApiError::NoProcesses)),
            n if n > MAX_CHANGE => over("create process instances", MAX_CHANGE),
            _ => None,
        },
        Endpoint::UpdateProcTemplate => {
            let property = body.get("process_property").is_none_or(Value::is_null);
            let id = body
                .get("process_template_id")
                .and_then(Value::as_i64)
                .is_none_or(|id| id <= 0);
            (property || id).then_some(Err(ApiError::InvalidInput))
        }
        Endpoint::DeleteProcTemplate => match count("process_templates")? {
            0 => Some(Err(ApiError::ParamNeedSet {
                field: "process_templates".to_owned(),
            })),
            n if n > MAX_DELETE => over("delete process template", MAX_DELETE),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_batches_are_answered_per_endpoint() {
        let empty = json!({"processes": []});
        assert_eq!(
            answer(Endpoint::BatchCreateProcTemplate, &empty),
            Some(Ok(json!([])))
        );
        assert_eq!(
            answer(Endpoint::UpdateProcessInstance, &json!({})),
            Some(Ok(json!([])))
        );
        assert_eq!(
            answer(Endpoint::CreateProcessInstance, &empty),
            Some(Err(ApiError::NoProcesses))
        );
        assert_eq!(
            answer(
                Endpoint::BatchCreateProcTemplate,
                &json!({"processes": "x"})
            ),
            None
        );
    }

    #[test]
    fn update_proc_template_needs_a_property_and_a_positive_id() {
        for body in [
            json!({"process_template_id": 5}),
            json!({"process_template_id": 5, "process_property": null}),
            json!({"process_template_id": 0, "process_property": {}}),
            json!({"process_template_id": -1, "process_property": {}}),
        ] {
            assert_eq!(
                answer(Endpoint::UpdateProcTemplate, &body),
                Some(Err(ApiError::InvalidInput)),
                "{body}"
            );
        }
        let body = json!({"process_template_id": 5, "process_property": {}});
        assert_eq!(answer(Endpoint::UpdateProcTemplate, &body), None);
    }

    #[test]
    fn batches_over_the_limit_are_refused_with_the_servers_text() {
        let big = json!({"processes": vec![json!({}); 101]});
        let error = answer(Endpoint::CreateProcessInstance, &big)
            .and_then(Result::err)
            .expect("refused");
        assert_eq!(error.code(), 1_199_035);
        assert_eq!(
            error.to_string(),
            " create process instances exceed the limit 100"
        );
    }
}
