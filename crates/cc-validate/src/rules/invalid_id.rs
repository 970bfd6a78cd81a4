//! `invalid-id`: an id the server refuses before it does anything: 0 or
//! negative, or missing where the call needs it (semantics sections 2, 3, 7, 9
//! and 10).

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use cc_model::Endpoint;
use serde_json::{Map, Value};

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::BatchCreateProcTemplate,
    template: None,
    raw: false,
    summary: "an id the server refuses: missing, 0 or negative",
    explanation: "Ids name existing objects, which have positive ids, and the server refuses the \
                  others: `bk_biz_id` of a non-empty `batch_create_proc_template` batch and a \
                  negative `service_template_id` (1199006, `coreservice/core/process/base.go:49-66`, \
                  `process_template.go:50-73`), `process_template_id` of `update_proc_template` \
                  (1199003, `proc_server/service/processtemplate.go:154-161`), \
                  `service_instance_id` of `create_process_instance` (1199019, \
                  `proc_server/service/processinstance.go:107-115`) and `bk_biz_id` of a \
                  non-empty `update_process_instance` call (1199011, \
                  `processinstance.go:430-443`). An empty or missing `processes` list is \
                  answered before any id is read (`processtemplate.go:38-42`, \
                  `processinstance.go:274-277`), so there a missing id is not reported.",
    bad: r#"{"bk_biz_id": 0, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "p1", "as_default_value": true}, "bk_func_name": {"value": "p1", "as_default_value": true}}}]}"#,
    good: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "p1", "as_default_value": true}, "bk_func_name": {"value": "p1", "as_default_value": true}}}]}"#,
};

/// How an id may be refused.
#[derive(Clone, Copy)]
enum Need {
    /// Positive (a missing id is the schema's to report).
    Positive,
    /// May be missing or 0 (another rule reports those); not negative.
    NotNegative,
}

fn check_id(object: &Map<String, Value>, key: &str, need: Need, out: &mut Vec<Diagnostic>) {
    let pointer = format!("/{key}");
    let Some(id) = object.get(key).and_then(Value::as_i64) else {
        return;
    };
    let refused = match need {
        Need::Positive => id <= 0,
        Need::NotNegative => id < 0,
    };
    if refused {
        out.push(Diagnostic::new(
            Rule::InvalidId,
            pointer,
            format!("`{key}` must be a positive id, got {id}: the server refuses it"),
        ));
    }
}

/// True when the request has a non-empty `processes` list.
fn has_processes(object: &Map<String, Value>) -> bool {
    object
        .get("processes")
        .and_then(Value::as_array)
        .is_some_and(|processes| !processes.is_empty())
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if context.kind != cc_model::PayloadKind::Request {
        return;
    }
    let Some(object) = context.value.as_object() else {
        return;
    };
    match context.endpoint {
        Endpoint::BatchCreateProcTemplate if has_processes(object) => {
            check_id(object, "bk_biz_id", Need::Positive, out);
            check_id(object, "service_template_id", Need::NotNegative, out);
        }
        Endpoint::UpdateProcessInstance if has_processes(object) => {
            check_id(object, "bk_biz_id", Need::Positive, out);
        }
        Endpoint::UpdateProcTemplate => {
            check_id(object, "process_template_id", Need::Positive, out);
        }
        Endpoint::CreateProcessInstance => {
            check_id(object, "service_instance_id", Need::Positive, out);
        }
        _ => {}
    }
}
