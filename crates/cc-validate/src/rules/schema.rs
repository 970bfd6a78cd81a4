//! `schema`: a violation of the endpoint's generated JSON Schema. Reported by the
//! schema check; the keywords with a rule of their own (unknown keys, too many
//! items, bind-type codes) are reported under that rule instead.

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "a type, required-field, range, enum or length violation of the endpoint's JSON Schema",
    explanation: "The server decodes the body into typed structures and checks each field's limits; \
                  a string where an integer belongs, a missing required field, `priority` outside \
                  -100..=10000 or an unknown protocol code is rejected. The message names the \
                  field, what was expected and what was found.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "priority": 20000}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "priority": 100}]}"#,
};

/// Reported by the schema check, before the semantic rules run.
pub(crate) fn check(_: &Context<'_>, _: &mut Vec<Diagnostic>) {}
