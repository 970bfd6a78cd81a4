//! `too-many-items`: a list longer than the endpoint accepts. Reported by the
//! schema check (`maxItems`).

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "more items than the endpoint accepts in one call",
    explanation: "The server caps create and update batches at 100 processes and deletions at 500 \
                  ids, and rejects a longer list whole. Split the payload into several calls.",
    bad: r#"{"bk_biz_id": 1, "processes": [ ...101 processes... ]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "user": "app"}]}"#,
};

/// Reported by the schema check, before the semantic rules run.
pub(crate) fn check(_: &Context<'_>, _: &mut Vec<Diagnostic>) {}
