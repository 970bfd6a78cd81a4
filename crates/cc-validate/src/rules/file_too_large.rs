//! `file-too-large`: the input is larger than the linter's size limit
//! (`--max-file-size`, 64 MiB by default). Reported by the command-line tool,
//! which does not read such an input at all.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use cc_model::Endpoint;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "the input is larger than the size limit and was not checked",
    explanation: "Real payloads are a few kilobytes; an input above `--max-file-size` (64 MiB by \
                  default) is almost certainly not one, and reading it would cost as much memory \
                  as it is large. cc-lint looks at its size only, never reads it, and reports this \
                  finding instead of checking it. Raise the limit with `--max-file-size` for a \
                  genuinely large payload.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43}, ... 64 MiB more ...]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43}]}"#,
};

/// Reported by the command-line tool, before any parsing.
pub(crate) fn check(_: &Context<'_>, _: &mut Vec<Diagnostic>) {}
