//! `duplicate-key`: an object repeats a key. Reported by the parser, which sees
//! every occurrence.

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::fix::{Applicability, Fix, FixDoc};
use super::fix::{FixSource, last_token, remove_member};

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "an object repeats a key",
    explanation: "The server keeps the last occurrence and silently drops the others, so a payload \
                  with a repeated key does not say what it seems to. The finding points at the \
                  second occurrence and names the first. The server matches keys ignoring case, \
                  so `user` and `User` in one object are a repeated key too.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "user": "root", "user": "app"}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "user": "app"}]}"#,
};

/// Reported by the parser, before any rule runs.
pub(crate) fn check(_: &Context<'_>, _: &mut Vec<Diagnostic>) {}

/// The fix: remove the earlier occurrence, which the server drops.
pub(crate) const FIX: FixDoc = FixDoc {
    applicability: Applicability::Safe,
    summary: "removes the earlier occurrence, which the server drops",
};

/// Removes the earlier occurrence: the first of an exact repeat, or the
/// differently cased key the finding names.
pub(crate) fn fix(diagnostic: &Diagnostic, source: &FixSource<'_>) -> Option<Fix> {
    let earlier = diagnostic.related.first()?;
    let exact = earlier.pointer == diagnostic.pointer;
    let key = last_token(&earlier.pointer)?;
    remove_member(
        source,
        &earlier.pointer,
        exact,
        Applicability::Safe,
        format!("remove the earlier `{key}`"),
    )
}
