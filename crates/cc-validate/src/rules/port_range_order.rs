//! `port-range-order`: being written (see the bind-row rules).

use super::RuleDoc;
use cc_model::Endpoint;
use crate::context::Context;
use crate::diagnostic::Diagnostic;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    summary: "bind-row rule (being written)",
    explanation: "",
    bad: "",
    good: "",
};

pub(crate) fn check(_: &Context<'_>, _: &mut Vec<Diagnostic>) {}
