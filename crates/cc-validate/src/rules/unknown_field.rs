//! `unknown-field`: a key no model of the endpoint knows. Reported by the schema
//! check (objects are closed), with the closest known key as a suggestion.

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "a key that no model of the endpoint knows",
    explanation: "The server ignores keys it does not know and still reports success, so a \
                  misspelt field (`bk_proces_name`) is silently lost. It is a warning because the \
                  server accepts the payload; `--deny unknown-field` makes it an error. The \
                  finding suggests the closest known key.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_proces_name": "nginx"}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_process_name": "nginx"}]}"#,
};

/// Reported by the schema check, before the semantic rules run.
pub(crate) fn check(_: &Context<'_>, _: &mut Vec<Diagnostic>) {}
