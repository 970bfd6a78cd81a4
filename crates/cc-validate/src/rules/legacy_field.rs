//! `legacy-field`: a field current servers accept and ignore (`auto_time_gap`,
//! `bk_func_id`, `process_template_id`). Which fields are legacy is written once,
//! as `#[cc(legacy)]` on the plain `Process`.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
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
