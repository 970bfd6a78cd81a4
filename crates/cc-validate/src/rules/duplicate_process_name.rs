//! `duplicate-process-name`: two processes of one `batch_create_proc_template` call
//! with the same `bk_process_name`.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use crate::vocab::wording::quoted;
use crate::payload::views::{Form, ProcessView};
use cc_model::Endpoint;
use std::collections::HashMap;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::BatchCreateProcTemplate,
    template: None,
    raw: false,
    summary: "two processes of one batch with the same bk_process_name",
    explanation: "Process names are unique within a service template. Within one \
                  batch_create_proc_template (or create_process_instance) call the second process with a name already used \
                  collides with the first and the server rejects it; instance names are compared after \
                  trimming (`instance_validate.go:249-252`). (A clash with a template \
                  created earlier depends on server state and cannot be seen in the payload.)",
    bad: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "web"}, "bk_func_name": {"value": "nginx"}}}, {"spec": {"bk_process_name": {"value": "web"}, "bk_func_name": {"value": "php-fpm"}}}]}"#,
    good: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "web"}, "bk_func_name": {"value": "nginx"}}}, {"spec": {"bk_process_name": {"value": "php"}, "bk_func_name": {"value": "php-fpm"}}}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Both creates add every process of the call to one service template or
    // service instance, where names are unique.
    if !(context.is_request_of(Endpoint::BatchCreateProcTemplate)
        || context.is_request_of(Endpoint::CreateProcessInstance))
    {
        return;
    }
    // The first process of each name; pointers are built only for a finding.
    let mut seen: HashMap<&str, &ProcessView<'_>> = HashMap::new();
    for process in &context.processes {
        let Some(name) = process
            .value("bk_process_name")
            .and_then(serde_json::Value::as_str)
        else {
            continue;
        };
        // Instances store names trimmed, so "a" and "a " collide
        // (`instance_validate.go:249-252`; server-truth
        // create-duplicate-name-trimmed-collides).
        let name = if process.form == Form::Instance {
            name.trim()
        } else {
            name
        };
        if let Some(first) = seen.get(name) {
            let Some((pointer, _)) = process.string("bk_process_name") else {
                continue;
            };
            let Some((first, _)) = first.string("bk_process_name") else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    Rule::DuplicateProcessName,
                    pointer,
                    format!(
                        "`bk_process_name` {} is already used by another process of this batch",
                        quoted(name)
                    ),
                )
                .with_related(first, "first used here"),
            );
        } else {
            seen.insert(name, process);
        }
    }
}
