//! `json-syntax`: the payload is not valid JSON. Reported by the parser.

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "the payload is not valid JSON",
    explanation: "The server cannot decode the body and rejects the call. The finding points at the \
                  line and column where the parser stopped; trailing commas, comments and single \
                  quotes are the usual causes. Text that is not UTF-8, an empty file, a raw \
                  control character inside a string and values nested more than 127 levels deep \
                  are reported too, as is a leading UTF-8 byte order mark, which the server's \
                  decoder rejects; after a byte order mark the rest of the file is still checked.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "user": "app"},]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "user": "app"}]}"#,
};

/// Reported by the parser, before any rule runs.
pub(crate) fn check(_: &Context<'_>, _: &mut Vec<Diagnostic>) {}
