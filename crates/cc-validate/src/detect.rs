//! Which endpoint and payload kind a file holds: from its path first, then from
//! its content.

use cc_model::{Endpoint, PayloadKind};
use serde_json::Value;
use std::path::Path;

/// The outcome of content sniffing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detection {
    /// Exactly one endpoint fits.
    Found(Endpoint),
    /// Several endpoints fit; the user must say which with `--endpoint`.
    Ambiguous(Vec<Endpoint>),
    /// Nothing in the payload points at any endpoint.
    Unknown,
}

/// The endpoint named by the file's name or one of its parent directories'
/// names (the nearest wins; within one name, the longest endpoint name).
#[must_use]
pub fn endpoint_from_path(path: &Path) -> Option<Endpoint> {
    path.components().rev().find_map(|component| {
        let name = component.as_os_str().to_str()?;
        Endpoint::ALL
            .into_iter()
            .filter(|endpoint| name.contains(endpoint.name()))
            .max_by_key(|endpoint| endpoint.name().len())
    })
}

/// A body with top-level `result`, `code` and `data` (or `message`) is a
/// response; anything else is a request.
#[must_use]
pub fn payload_kind(value: &Value) -> PayloadKind {
    let Some(object) = value.as_object() else {
        return PayloadKind::Request;
    };
    let response = object.contains_key("result")
        && object.contains_key("code")
        && (object.contains_key("data") || object.contains_key("message"));
    if response {
        PayloadKind::Response
    } else {
        PayloadKind::Request
    }
}

/// Guesses the endpoint from the payload's shape.
#[must_use]
pub fn endpoint_from_content(value: &Value, kind: PayloadKind) -> Detection {
    match kind {
        PayloadKind::Request => request_endpoint(value),
        PayloadKind::Response => response_endpoint(value),
    }
}

fn request_endpoint(value: &Value) -> Detection {
    let Some(object) = value.as_object() else {
        return Detection::Unknown;
    };
    let processes = object.get("processes").and_then(Value::as_array);
    let has_spec =
        processes.is_some_and(|items| items.iter().any(|item| item.get("spec").is_some()));
    if has_spec || object.contains_key("service_template_id") {
        return Detection::Found(Endpoint::BatchCreateProcTemplate);
    }
    match processes {
        Some(items) if !items.is_empty() => Detection::Found(Endpoint::UpdateProcessInstance),
        Some(_) => Detection::Ambiguous(vec![
            Endpoint::BatchCreateProcTemplate,
            Endpoint::UpdateProcessInstance,
        ]),
        None => Detection::Unknown,
    }
}

fn response_endpoint(value: &Value) -> Detection {
    let data = value.get("data").and_then(Value::as_array);
    if data.is_some_and(|items| items.iter().any(Value::is_array)) {
        // Only the old batch_create_proc_template docs nest the id list.
        return Detection::Found(Endpoint::BatchCreateProcTemplate);
    }
    Detection::Ambiguous(vec![
        Endpoint::BatchCreateProcTemplate,
        Endpoint::UpdateProcessInstance,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn path_names_win_nearest_first() {
        let path = Path::new("payloads/update_process_instance/batch_create_proc_template.json");
        assert_eq!(
            endpoint_from_path(path),
            Some(Endpoint::BatchCreateProcTemplate)
        );
        let path = Path::new("update_process_instance/edit.json");
        assert_eq!(
            endpoint_from_path(path),
            Some(Endpoint::UpdateProcessInstance)
        );
        assert_eq!(endpoint_from_path(Path::new("misc/edit.json")), None);
    }

    #[test]
    fn content_tells_requests_apart() {
        let create = json!({"bk_biz_id": 1, "processes": [{"spec": {}}]});
        let update = json!({"bk_biz_id": 1, "processes": [{"bk_process_id": 4}]});
        let empty = json!({"bk_biz_id": 1, "processes": []});
        assert_eq!(
            endpoint_from_content(&create, PayloadKind::Request),
            Detection::Found(Endpoint::BatchCreateProcTemplate)
        );
        assert_eq!(
            endpoint_from_content(&update, PayloadKind::Request),
            Detection::Found(Endpoint::UpdateProcessInstance)
        );
        assert!(matches!(
            endpoint_from_content(&empty, PayloadKind::Request),
            Detection::Ambiguous(_)
        ));
        assert_eq!(
            endpoint_from_content(&json!({"x": 1}), PayloadKind::Request),
            Detection::Unknown
        );
    }

    #[test]
    fn responses_are_recognised() {
        let nested = json!({"result": true, "code": 0, "message": "success", "data": [[52]]});
        let flat = json!({"result": true, "code": 0, "message": "success", "data": [43]});
        assert_eq!(payload_kind(&nested), PayloadKind::Response);
        assert_eq!(
            payload_kind(&json!({"processes": []})),
            PayloadKind::Request
        );
        assert_eq!(
            endpoint_from_content(&nested, PayloadKind::Response),
            Detection::Found(Endpoint::BatchCreateProcTemplate)
        );
        assert!(matches!(
            endpoint_from_content(&flat, PayloadKind::Response),
            Detection::Ambiguous(_)
        ));
    }
}
