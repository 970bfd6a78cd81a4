//! Which endpoint and payload kind a file holds: from its path first, then from
//! its content.

use crate::engine::validator::{Validator, schema_value};
use crate::schema::nav::{child, expand};
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

/// Guesses the endpoint from the payload's content: the endpoints whose schema
/// accepts it; when none does, the endpoints whose required top-level keys it
/// has, best first by how many of its keys they know. Several equally good
/// candidates are [`Detection::Ambiguous`].
///
/// Only the schemas whose top level admits the payload are run (by the
/// validators generated at build time: nothing is compiled at run time).
#[must_use]
pub fn endpoint_from_content(value: &Value, kind: PayloadKind) -> Detection {
    let valid: Vec<Endpoint> = Endpoint::ALL
        .into_iter()
        .filter(|endpoint| {
            schema_value(*endpoint, kind).is_ok_and(|schema| may_accept(schema, value))
                && Validator::get(*endpoint, kind).is_ok_and(|validator| validator.is_valid(value))
        })
        .collect();
    match valid.as_slice() {
        [only] => return Detection::Found(*only),
        [] => {}
        _ => return Detection::Ambiguous(valid),
    }
    let Some(object) = value.as_object() else {
        return Detection::Unknown;
    };
    let mut scored: Vec<(i64, Endpoint)> = Endpoint::ALL
        .into_iter()
        .filter_map(|endpoint| {
            let schema = schema_value(endpoint, kind).ok()?;
            let required = schema.get("required").and_then(Value::as_array);
            if required.is_some_and(|keys| {
                keys.iter()
                    .filter_map(Value::as_str)
                    .any(|key| !object.contains_key(key))
            }) {
                return None;
            }
            let root = expand(schema, schema);
            Some((key_score(schema, value, &root, 0), endpoint))
        })
        .collect();
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    match scored.as_slice() {
        [] => Detection::Unknown,
        [(best, endpoint), rest @ ..] => {
            let tied: Vec<Endpoint> = rest
                .iter()
                .filter(|(score, _)| score == best)
                .map(|(_, endpoint)| *endpoint)
                .collect();
            if tied.is_empty() {
                Detection::Found(*endpoint)
            } else {
                Detection::Ambiguous(std::iter::once(*endpoint).chain(tied).collect())
            }
        }
    }
}

/// False when the schema's top level rejects `value` outright: a type it does
/// not allow, a missing required key, or a key it forbids. Each is a keyword
/// every valid payload satisfies, so this never rules out a schema that accepts
/// the payload; it only spares compiling the schemas that cannot.
fn may_accept(schema: &Value, value: &Value) -> bool {
    let Some(object) = value.as_object() else {
        return !matches!(schema.get("type"), Some(Value::String(ty)) if ty == "object");
    };
    if let Some(required) = schema.get("required").and_then(Value::as_array)
        && required
            .iter()
            .filter_map(Value::as_str)
            .any(|key| !object.contains_key(key))
    {
        return false;
    }
    if schema.get("additionalProperties") == Some(&Value::Bool(false))
        && schema.get("patternProperties").is_none()
    {
        let properties = schema.get("properties").and_then(Value::as_object);
        if object
            .keys()
            .any(|key| !properties.is_some_and(|properties| properties.contains_key(key)))
        {
            return false;
        }
    }
    true
}

/// How well a payload's keys fit a schema, at every level: one point for each
/// key the schema knows, minus two for each it does not.
fn key_score(schema: &Value, value: &Value, nodes: &[&Value], depth: usize) -> i64 {
    const MAX_DEPTH: usize = 8;
    if depth > MAX_DEPTH || nodes.is_empty() {
        return 0;
    }
    match value {
        Value::Object(members) => members
            .iter()
            .map(|(key, item)| {
                let next = child(schema, nodes, key, false);
                let declared = nodes.iter().any(|node| {
                    node.get("properties")
                        .and_then(Value::as_object)
                        .is_some_and(|properties| properties.contains_key(key))
                });
                if declared {
                    1 + key_score(schema, item, &next, depth + 1)
                } else {
                    -2
                }
            })
            .sum(),
        Value::Array(items) => {
            let next = child(schema, nodes, "", true);
            items
                .iter()
                .take(4)
                .map(|item| key_score(schema, item, &next, depth + 1))
                .sum()
        }
        _ => 0,
    }
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
        assert_eq!(
            endpoint_from_content(&empty, PayloadKind::Request),
            Detection::Ambiguous(vec![
                Endpoint::BatchCreateProcTemplate,
                Endpoint::UpdateProcessInstance
            ])
        );
        assert_eq!(
            endpoint_from_content(&json!({"x": 1}), PayloadKind::Request),
            Detection::Unknown
        );
    }

    #[test]
    fn content_tells_the_service_endpoints_apart() {
        let requests = [
            (
                json!({"bk_biz_id": 1, "name": "t", "service_category_id": 2}),
                Endpoint::CreateServiceTemplate,
            ),
            (
                json!({"bk_biz_id": 1, "bk_module_id": 60, "instances": [{"bk_host_id": 2}]}),
                Endpoint::CreateServiceInstance,
            ),
            (
                json!({"bk_biz_id": 1, "bk_module_id": 56, "page": {"start": 0, "limit": 1}}),
                Endpoint::ListServiceInstance,
            ),
            (
                json!({"bk_biz_id": 1, "service_instance_ids": [48]}),
                Endpoint::DeleteServiceInstance,
            ),
            (
                json!({"bk_biz_id": 3, "bk_module_ids": [11], "is_partial": false}),
                Endpoint::ListServiceTemplateDifference,
            ),
            (
                json!({"bk_biz_id": 3, "service_template_id": 1, "bk_module_ids": [28]}),
                Endpoint::SyncServiceTemplateToServiceInstance,
            ),
            // Invalid, told apart by their keys.
            (
                json!({"bk_biz_id": 1, "bk_module_id": 60, "instances": []}),
                Endpoint::CreateServiceInstance,
            ),
            (
                json!({"bk_biz_id": 1, "service_instance_ids": []}),
                Endpoint::DeleteServiceInstance,
            ),
            (
                json!({"bk_biz_id": 3, "service_template_id": 1, "bk_module_ids": []}),
                Endpoint::SyncServiceTemplateToServiceInstance,
            ),
        ];
        for (payload, endpoint) in requests {
            assert_eq!(
                endpoint_from_content(&payload, PayloadKind::Request),
                Detection::Found(endpoint),
                "{payload}"
            );
        }
        // A business id alone says nothing: every endpoint that requires only it
        // is a candidate.
        assert_eq!(
            endpoint_from_content(&json!({"bk_biz_id": 1}), PayloadKind::Request),
            Detection::Ambiguous(vec![
                Endpoint::GetProcTemplate,
                Endpoint::ListProcTemplate,
                Endpoint::ListServiceInstance,
                Endpoint::ListServiceTemplateDifference
            ])
        );
        let template = json!({"result": true, "code": 0, "message": "success", "data": {
            "bk_biz_id": 1, "id": 52, "name": "t", "service_category_id": 1, "creator": "admin",
            "modifier": "admin", "create_time": "", "last_time": "", "bk_supplier_account": "0"}});
        let status = json!({"result": true, "code": 0, "message": "success",
            "data": {"modules": [{"bk_module_id": 11, "need_sync": false}]}});
        assert_eq!(
            endpoint_from_content(&template, PayloadKind::Response),
            Detection::Found(Endpoint::CreateServiceTemplate)
        );
        assert_eq!(
            endpoint_from_content(&status, PayloadKind::Response),
            Detection::Found(Endpoint::ListServiceTemplateDifference)
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
            Detection::Ambiguous(candidates) if candidates.contains(&Endpoint::UpdateProcessInstance)
                && candidates.contains(&Endpoint::CreateProcessInstance)
        ));
    }

    #[test]
    fn the_top_level_prefilter_never_rules_out_an_accepting_schema() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/upstream");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return; // Outside the workspace: the fixtures are not there.
        };
        let mut checked = 0;
        for entry in entries.flatten() {
            for file in std::fs::read_dir(entry.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let Ok(value) = serde_json::from_slice::<Value>(
                    &std::fs::read(file.path()).unwrap_or_default(),
                ) else {
                    continue;
                };
                let kind = payload_kind(&value);
                for endpoint in Endpoint::ALL {
                    let validator = Validator::get(endpoint, kind).expect("schemas compile");
                    if validator.is_valid(&value) {
                        assert!(
                            may_accept(validator.schema(), &value),
                            "{}: {endpoint:?}",
                            file.path().display()
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 0);
        let schema = json!({"type": "object", "required": ["a"], "additionalProperties": false,
                            "properties": {"a": {}, "b": {}}});
        assert!(may_accept(&schema, &json!({"a": 1, "b": 2})));
        assert!(!may_accept(&schema, &json!({"b": 2})));
        assert!(!may_accept(&schema, &json!({"a": 1, "c": 2})));
        assert!(!may_accept(&schema, &json!([1])));
    }
}
