//! `missing-service-template-id`: `batch_create_proc_template` without a non-zero
//! `service_template_id` (the docs call it optional; the server rejects it).

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use cc_model::Endpoint;
use serde_json::Value;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::BatchCreateProcTemplate,
    template: None,
    raw: false,
    summary: "a batch_create_proc_template request without a non-zero service_template_id",
    explanation: "The docs list `service_template_id` as optional, but process templates belong to \
                  a service template and the server rejects a missing, null or 0 id.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"spec": {"bk_process_name": {"value": "p1", "as_default_value": true}, "bk_func_name": {"value": "p1", "as_default_value": true}}}]}"#,
    good: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "p1", "as_default_value": true}, "bk_func_name": {"value": "p1", "as_default_value": true}}}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !context.is_request_of(Endpoint::BatchCreateProcTemplate) {
        return;
    }
    let Some(object) = context.value.as_object() else {
        return;
    };
    // An empty or missing list is answered `[]` before any id is read
    // (`proc processtemplate.go:38-42`).
    if object
        .get("processes")
        .and_then(Value::as_array)
        .is_none_or(Vec::is_empty)
    {
        return;
    }
    let (pointer, message) = match object.get("service_template_id") {
        None => (
            "",
            "missing `service_template_id`: the server rejects a batch without one (the docs call it optional)",
        ),
        Some(Value::Null) => (
            "/service_template_id",
            "`service_template_id` must be a service template id, got null",
        ),
        Some(value) if value.as_i64() == Some(0) => (
            "/service_template_id",
            "`service_template_id` must be a service template id, got 0",
        ),
        Some(_) => return,
    };
    out.push(Diagnostic::new(Rule::MissingServiceTemplateId, pointer, message));
}
