//! `legacy-field`: a field current servers accept and ignore (`auto_time_gap`,
//! `bk_func_id`, `process_template_id`). Which fields are legacy is written once,
//! as `#[cc(legacy)]` on the plain `Process`.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::fix::{Applicability, Fix, FixDoc};
use super::fix::{FixSource, last_token, remove_member};
use crate::vocab::rule::Rule;
use crate::vocab::pointer::escape_token;
use cc_model::{Endpoint, Process, ProcessTemplate};

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "a legacy field that current servers accept and ignore",
    explanation: "`auto_time_gap`, `bk_func_id` and `process_template_id` were dropped from the \
                  process model in CMDB 3.9. Older docs and examples still send them; the server \
                  accepts the payload and ignores them, so whatever they say has no effect.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "auto_time_gap": 60}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for process in &context.processes {
        for (index, _) in Process::FIELDS
            .iter()
            .enumerate()
            .filter(|(_, info)| info.legacy)
        {
            if let Some(key) = process.present_key(index) {
                out.push(
                    Diagnostic::new(
                        Rule::LegacyField,
                        format!("{}/{}", process.pointer(), escape_token(key)),
                        format!("`{key}` is a legacy field: current servers accept it and ignore it"),
                    )
                    .at_key()
                    .with_help("remove it; it has no effect"),
                );
            }
        }
    }
}

/// The fix: remove the field (unsafe: an older server may still read it).
pub(crate) const FIX: FixDoc = FixDoc {
    applicability: Applicability::Unsafe,
    summary: "removes the field; current servers ignore it, older ones may not",
};

/// Removes the member.
pub(crate) fn fix(diagnostic: &Diagnostic, source: &FixSource<'_>) -> Option<Fix> {
    let key = last_token(&diagnostic.pointer)?;
    remove_member(
        source,
        &diagnostic.pointer,
        false,
        Applicability::Unsafe,
        format!("remove `{key}`"),
    )
}
