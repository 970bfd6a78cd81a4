//! `unmatched-template-row`: with a template, an edited bind row whose
//! `template_row_id` matches no template row. The server drops the row.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use cc_model::{DropReason, Endpoint};

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: Some(r#"{"bk_process_name": {"value": "web", "as_default_value": true}, "bk_func_name": {"value": "nginx", "as_default_value": true}, "user": {"value": "nginx", "as_default_value": true}, "bind_info": {"value": [{"ip": {"value": "2", "as_default_value": true}, "port": {"value": "80", "as_default_value": true}, "protocol": {"value": "1", "as_default_value": true}, "enable": {"value": true, "as_default_value": false}, "row_id": 1}], "as_default_value": true}}"#),
    raw: false,
    summary: "an edited bind row whose template_row_id matches no template row: the server drops it",
    explanation: "For a process created from a template, the server rebuilds the bind rows from the \
                  template: each edited row is matched to a template row by `template_row_id`, and a \
                  row that matches none (or has no id) is silently dropped. Add the row to the \
                  template instead. A row sent exactly as a template row the edit leaves out is \
                  not reported: the server restores that row with the same values, so nothing is \
                  lost.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"ip": "0.0.0.0", "port": "80", "protocol": "1", "enable": true, "template_row_id": 1}, {"ip": "0.0.0.0", "port": "8080", "protocol": "1", "enable": true, "template_row_id": 2}]}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"ip": "0.0.0.0", "port": "80", "protocol": "1", "enable": true, "template_row_id": 1}]}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for entry in &context.previews {
        for dropped in &entry.preview.dropped {
            if dropped.reason != DropReason::NoTemplateRow {
                continue;
            }
            let message = match dropped.row_id {
                Some(id) => format!(
                    "bind row with `template_row_id` {id} matches no row of the template: the server drops it"
                ),
                None => "bind row has no `template_row_id`, so it matches no row of the template: the server drops it".to_owned(),
            };
            out.push(
                Diagnostic::new(Rule::UnmatchedTemplateRow, format!("{}{}", entry.pointer, dropped.pointer), message)
                    .with_help("add the row to the template, or give it the id of a template row"),
            );
        }
    }
}
