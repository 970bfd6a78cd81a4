//! The server's verdict on cc-validate's findings: which ones CMDB rejects a
//! request for, and with which code and message. This is the one place the
//! mapping lives ([`refusal`]), so that it can be replaced by cc-validate's own
//! per-rule server verdict once the library has one.

use crate::http::ApiError;
use cc_validate::{Diagnostic, Endpoint, Rule, ServerVerdict, Severity};
use serde_json::Value;

/// What CMDB answers a request of `endpoint` whose body is `body` and that has
/// `finding`, or `None` when CMDB accepts it (see `docs/semantics.md`).
///
/// Errors are refusals with 1199006 naming the field (1199011 wrapping it for a
/// process instance's attribute), and warnings are not, except:
/// - `duplicate-key`: the server's reader keeps the last value of a repeated
///   key and goes on (so does cc-server's).
/// - `unknown-field`: a misspelt field is an error to the linter (the field
///   meant is not set), but the server ignores keys it does not know.
/// - `duplicate-process-name` and `duplicate-func-name-regex`: the server
///   stores a batch one process at a time, and the second of two refuses as
///   the store's uniqueness check does (1113019/1113020 for templates, 1199014
///   for processes), which cc-server's store does too; so the finding is left
///   to the store.
/// - `duplicate-row-id`: the server keeps every row of a template, and the last
///   of an edit's rows with one `template_row_id` (semantics section 12).
/// - findings on the bookkeeping fields of `create_process_instance`'s
///   processes, which the server overwrites whatever they hold.
/// - `integer-literal`: the server's decoder fails on `1.0` for an integer
///   field of a decoded struct: 1199000 (a `process_info`, a raw map, is the
///   instance check's: it reads the number as 0 and refuses an attribute
///   whose range holds no 0).
/// - `surrounding-whitespace` on `batch_create_proc_template`: a plain error
///   of the whitespace check, 1199998 with its own text.
#[must_use]
pub fn refusal(endpoint: Endpoint, finding: &Diagnostic, body: &Value) -> Option<ApiError> {
    if matches!(
        finding.rule.server_verdict(endpoint),
        ServerVerdict::Accepts | ServerVerdict::NotApplicable
    ) {
        return None;
    }
    let instance = matches!(
        endpoint,
        Endpoint::CreateProcessInstance | Endpoint::UpdateProcessInstance
    );
    match finding.rule {
        Rule::UnknownField | Rule::DuplicateProcessName | Rule::DuplicateFuncNameRegex => None,
        // The handlers look the id up and answer as the server does when
        // nothing is found (1199019, or 1199011 naming the processes).
        Rule::InvalidId if instance => None,
        // A missing or blank name: the handlers answer 1199010 or 1199011 as
        // the instance validation does, which the finding cannot tell apart.
        Rule::InstanceAttribute if no_name(&finding.pointer, body) => None,
        // An empty list the schema asks to be non-empty: the handlers refuse
        // it as the server does, most with 1199010 naming the list.
        Rule::Schema if body.pointer(&finding.pointer).is_some_and(is_empty_list) => None,
        _ if endpoint == Endpoint::CreateProcessInstance && overwritten(&finding.pointer) => None,
        _ if finding.severity != Severity::Error => None,
        // A process_info is a raw map: its numbers reach the instance check,
        // which refuses the attribute (see below) instead of the decoder.
        Rule::IntegerLiteral if !finding.pointer.contains("/process_info/") => {
            Some(ApiError::InvalidJson {
                detail: finding.message.clone(),
            })
        }
        Rule::SurroundingWhitespace if endpoint == Endpoint::BatchCreateProcTemplate => {
            let field = spec_field(&finding.pointer);
            let value = body
                .pointer(&finding.pointer)
                .and_then(Value::as_str)
                .unwrap_or_default();
            Some(ApiError::Unrecognized {
                text: format!("field {field} contains space: {value}"),
            })
        }
        _ => Some(
            instance_attribute(endpoint, &finding.pointer).unwrap_or_else(|| {
                ApiError::invalid_because(
                    &field_label(endpoint, &finding.pointer),
                    &finding.message,
                )
            }),
        ),
    }
}

/// Whether a finding on an `update_process_instance` request is about what one
/// entry writes (any field of `/processes/N` but its id): the server decides
/// that per process, after it knows whether the process is bound to a template
/// (a locked field's edit is dropped before any check), so the handler checks
/// each entry itself ([`crate::endpoints`]' edit check) instead of the request
/// check.
#[must_use]
pub fn deferred_to_entries(endpoint: Endpoint, finding: &Diagnostic) -> bool {
    if endpoint != Endpoint::UpdateProcessInstance || finding.rule == Rule::IntegerLiteral {
        return false;
    }
    let mut tokens = finding.pointer.split('/').skip(1);
    matches!(
        (tokens.next(), tokens.next(), tokens.next()),
        (Some("processes"), Some(_), Some(field)) if field != "bk_process_id"
    )
}

fn is_empty_list(value: &Value) -> bool {
    value.as_array().is_some_and(Vec::is_empty)
}

/// Whether a finding points at a process without a name: at the process
/// itself (a name left out) or at a name that is null or blank.
fn no_name(pointer: &str, body: &Value) -> bool {
    let tokens: Vec<&str> = pointer.split('/').collect();
    let last = tokens.last().copied().unwrap_or_default();
    let process = last == "process_info"
        || matches!(tokens.as_slice(), [.., "processes", index] if index.parse::<usize>().is_ok());
    match body.pointer(pointer) {
        // A finding at a bind row (a sub-attribute left out) is the row's.
        Some(Value::Object(_)) => process,
        Some(Value::Null) => matches!(last, "bk_process_name" | "bk_func_name"),
        Some(Value::String(text)) => {
            matches!(last, "bk_process_name" | "bk_func_name") && text.trim().is_empty()
        }
        _ => false,
    }
}

/// Whether a pointer is into a bookkeeping field of a `create_process_instance`
/// process (`/processes/0/process_info/bk_biz_id`).
fn overwritten(pointer: &str) -> bool {
    let mut tokens = pointer.split('/').skip(1);
    matches!(
        (tokens.next(), tokens.next(), tokens.next(), tokens.next()),
        (Some("processes"), Some(_), Some("process_info"), Some(field))
            if crate::endpoints::OVERWRITTEN.contains(&field)
    )
}

/// A finding on a process instance's attribute: the coreservice's instance
/// validation refuses it naming the attribute (a bind-row attribute as
/// `bind_info`), and the process server wraps that in 1199011 once for
/// `update_process_instance` and twice for `create_process_instance`
/// (semantics section 8).
fn instance_attribute(endpoint: Endpoint, pointer: &str) -> Option<ApiError> {
    let mut tokens = pointer.split('/').skip(1);
    let (field, wraps) = match (endpoint, tokens.next(), tokens.next(), tokens.next()) {
        (Endpoint::CreateProcessInstance, Some("processes"), Some(_), Some("process_info")) => {
            (tokens.next()?, 2)
        }
        (Endpoint::UpdateProcessInstance, Some("processes"), Some(_), Some(field))
            if field != "bk_process_id" =>
        {
            (field, 1)
        }
        _ => return None,
    };
    let mut error = ApiError::invalid(field);
    for _ in 0..wraps {
        error = ApiError::ParamNotExist {
            field: error.to_string(),
        };
    }
    Some(error)
}

/// The field a finding's JSON pointer names, as CMDB names fields in messages:
/// dotted, with `[i]` for array items (`processes[0].process_info.proc_num`);
/// for a template spec of `batch_create_proc_template`, relative to the spec
/// and without the wrappers' `value` (`bind_info[0].port`), as its validation
/// says. `the request body` for the root.
#[must_use]
pub fn field_label(endpoint: Endpoint, pointer: &str) -> String {
    let tokens: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .collect();
    let tokens: Vec<&str> = match (endpoint, tokens.as_slice()) {
        (Endpoint::BatchCreateProcTemplate, [processes, _, spec, rest @ ..])
            if processes == "processes" && spec == "spec" && !rest.is_empty() =>
        {
            rest.iter()
                .map(String::as_str)
                .filter(|token| *token != "value")
                .collect()
        }
        (Endpoint::UpdateProcTemplate, [property, rest @ ..])
            if property == "process_property" && !rest.is_empty() =>
        {
            rest.iter()
                .map(String::as_str)
                .filter(|token| *token != "value")
                .collect()
        }
        _ => tokens.iter().map(String::as_str).collect(),
    };
    let mut label = String::new();
    for token in tokens {
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            label.push('[');
            label.push_str(token);
            label.push(']');
        } else {
            if !label.is_empty() {
                label.push('.');
            }
            label.push_str(token);
        }
    }
    if label.is_empty() {
        "the request body".to_owned()
    } else {
        label
    }
}

/// The top-level spec field a pointer into a batch's spec names
/// (`/processes/0/spec/user/value` is `user`).
fn spec_field(pointer: &str) -> &str {
    pointer.split('/').nth(4).unwrap_or(pointer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_cmdb_field_paths() {
        let batch = Endpoint::BatchCreateProcTemplate;
        assert_eq!(
            field_label(batch, "/processes/0/spec/bind_info/value/0/port/value"),
            "bind_info[0].port"
        );
        assert_eq!(
            field_label(batch, "/processes/0/spec/proc_num/value"),
            "proc_num"
        );
        assert_eq!(field_label(batch, "/processes"), "processes");
        let create = Endpoint::CreateProcessInstance;
        assert_eq!(
            field_label(create, "/processes/0/process_info/proc_num"),
            "processes[0].process_info.proc_num"
        );
        assert_eq!(field_label(create, ""), "the request body");
        assert_eq!(field_label(create, "/a~1b"), "a/b");
    }

    #[test]
    fn errors_refuse_except_where_the_server_accepts_or_decides_later() {
        let endpoint = Endpoint::UpdateProcessInstance;
        let body = Value::Null;
        let schema = Diagnostic::new(Rule::Schema, "/bk_biz_id", "wrong");
        assert_eq!(
            refusal(endpoint, &schema, &body).map(|e| e.to_string()),
            Some("'bk_biz_id' data parameter verification does not pass: wrong".to_owned())
        );
        for rule in [
            Rule::DuplicateKey,
            Rule::DuplicateProcessName,
            Rule::UnknownField,
        ] {
            assert_eq!(
                refusal(endpoint, &Diagnostic::new(rule, "/x", "x"), &body),
                None
            );
        }
        let fraction = Diagnostic::new(Rule::IntegerLiteral, "/bk_biz_id", "1.0");
        assert_eq!(
            refusal(endpoint, &fraction, &body).map(|e| e.code()),
            Some(1_199_000)
        );
    }

    #[test]
    fn instance_attributes_are_wrapped_as_the_process_server_wraps_them() {
        let finding = Diagnostic::new(
            Rule::InstanceAttribute,
            "/processes/0/process_info/bind_info/0/port",
            "bad port",
        );
        let error =
            refusal(Endpoint::CreateProcessInstance, &finding, &Value::Null).expect("refused");
        assert_eq!(error.code(), 1_199_011);
        assert_eq!(
            error.to_string(),
            "'''bind_info' data parameter verification does not pass' the parameter is invalid or does not exist' the parameter is invalid or does not exist"
        );
        let finding = Diagnostic::new(Rule::Schema, "/processes/0/proc_num", "bad");
        let error =
            refusal(Endpoint::UpdateProcessInstance, &finding, &Value::Null).expect("refused");
        assert_eq!(
            error.to_string(),
            "''proc_num' data parameter verification does not pass' the parameter is invalid or does not exist"
        );
        let finding = Diagnostic::new(Rule::Schema, "/processes/0/bk_process_id", "bad");
        let error =
            refusal(Endpoint::UpdateProcessInstance, &finding, &Value::Null).expect("refused");
        assert_eq!(error.code(), 1_199_006);
    }

    #[test]
    fn a_missing_name_is_left_to_the_handler_and_a_missing_row_key_is_not() {
        let body = serde_json::json!({"processes": [{"bk_process_id": 43,
            "bind_info": [{"ip": "127.0.0.1", "port": "80", "protocol": "1"}]}]});
        let endpoint = Endpoint::UpdateProcessInstance;
        let name = Diagnostic::new(Rule::InstanceAttribute, "/processes/0", "no name");
        assert_eq!(refusal(endpoint, &name, &body), None);
        let row = Diagnostic::new(
            Rule::InstanceAttribute,
            "/processes/0/bind_info/0",
            "no enable",
        );
        assert_eq!(
            refusal(endpoint, &row, &body).map(|error| error.to_string()),
            Some(
                "''bind_info' data parameter verification does not pass' the parameter is invalid or does not exist"
                    .to_owned()
            )
        );
    }

    #[test]
    fn template_whitespace_is_the_servers_plain_error() {
        let body = serde_json::json!({"processes": [{"spec": {"user": {"value": " root"}}}]});
        let finding = Diagnostic::new(
            Rule::SurroundingWhitespace,
            "/processes/0/spec/user/value",
            "leading whitespace",
        );
        let error = refusal(Endpoint::BatchCreateProcTemplate, &finding, &body).expect("refused");
        assert_eq!(error.code(), 1_199_998);
        assert_eq!(error.to_string(), "field user contains space:  root");
    }
}
