//! `missing-process-id`: an `update_process_instance` entry without a non-zero
//! `bk_process_id`.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::wording::field_label;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use cc_model::Endpoint;
use serde_json::Value;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "an update_process_instance entry without a non-zero bk_process_id",
    explanation: "Each entry of `processes` edits the process named by its `bk_process_id`; without \
                  one (or with 0) the server cannot tell which process to change and rejects the \
                  call.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"user": "app"}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "user": "app"}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !context.is_request_of(Endpoint::UpdateProcessInstance) {
        return;
    }
    for process in &context.processes {
        let diagnostic = match process.object.get("bk_process_id") {
            None => Diagnostic::new(
                Rule::MissingProcessId,
                process.pointer(),
                format!(
                    "{} has no `bk_process_id`: the server cannot tell which process to edit",
                    field_label(&process.pointer())
                ),
            ),
            Some(Value::Null) => Diagnostic::new(
                Rule::MissingProcessId,
                format!("{}/bk_process_id", process.pointer()),
                "`bk_process_id` must be a process id, got null",
            ),
            Some(value) if value.as_i64() == Some(0) => Diagnostic::new(
                Rule::MissingProcessId,
                format!("{}/bk_process_id", process.pointer()),
                "`bk_process_id` must be a process id, got 0",
            ),
            Some(_) => continue,
        };
        out.push(diagnostic);
    }
}
