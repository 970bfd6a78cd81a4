//! `start-check-secs-range`: `bk_start_check_secs` in 601..=10000: accepted by the
//! server, outside the documented 1..=600.

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    summary: "bk_start_check_secs above the documented 600 (the server accepts up to 10000)",
    explanation: "The docs give 1..=600 seconds for the start check; the server's own check lets \
                  values up to 10000 through. Such a value works against this server but may not \
                  against another version or tool that follows the docs.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_start_check_secs": 900}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_start_check_secs": 600}]}"#,
};

/// The documented upper bound.
const DOCUMENTED_MAX: i64 = 600;
/// What the server accepts (above it the schema's range check reports).
const SERVER_MAX: i64 = 10_000;

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for process in &context.processes {
        let Some(seconds) = process
            .value("bk_start_check_secs")
            .and_then(serde_json::Value::as_i64)
        else {
            continue;
        };
        // The pointer is built only for a finding.
        if (DOCUMENTED_MAX + 1..=SERVER_MAX).contains(&seconds)
            && let Some(member) = process.member("bk_start_check_secs")
        {
            out.push(
                Diagnostic::new(
                    Rule::StartCheckSecsRange,
                    member.pointer,
                    format!(
                        "`bk_start_check_secs` is {seconds}: the server accepts it, but the documented range is 1 to {DOCUMENTED_MAX}"
                    ),
                )
                .with_help("use at most 600 seconds to stay within the documented range"),
            );
        }
    }
}
