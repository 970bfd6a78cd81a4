//! `key-case`: a key that matches a known field only case-insensitively.
//! Reported by the schema check.

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::fix::{Applicability, Fix, FixDoc};
use super::fix::{FixSource, rename_key};

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "a key that matches a known field only when case is ignored",
    explanation: "The server decodes JSON with Go's case-insensitive key matching, so `Proc_Num` \
                  lands in `proc_num`. Other tools, and this one's schema, read keys exactly; write \
                  the field's canonical spelling so every reader agrees.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "Proc_Num": 2}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "proc_num": 2}]}"#,
};

/// Reported by the schema check, before the semantic rules run.
pub(crate) fn check(_: &Context<'_>, _: &mut Vec<Diagnostic>) {}

/// The fix: write the field's spelling, which the server reads the key as.
pub(crate) const FIX: FixDoc = FixDoc {
    applicability: Applicability::Safe,
    summary: "renames the key to the field's spelling, as the server reads it",
};

/// Renames the key to the field it matches.
pub(crate) fn fix(diagnostic: &Diagnostic, source: &FixSource<'_>) -> Option<Fix> {
    let canonical = diagnostic.fix_hint.as_deref()?;
    rename_key(source, &diagnostic.pointer, canonical, Applicability::Safe)
}
