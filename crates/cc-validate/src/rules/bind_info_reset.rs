//! `bind-info-reset`: with a template that has bind rows, an edit without
//! `bind_info`, or with template rows left out: the server resets those rows to
//! the template's values, unlocked attributes included.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use cc_model::Endpoint;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: Some(r#"{"bk_process_name": {"value": "web", "as_default_value": true}, "bk_func_name": {"value": "nginx", "as_default_value": true}, "user": {"value": "nginx", "as_default_value": true}, "bind_info": {"value": [{"ip": {"value": "2", "as_default_value": true}, "port": {"value": "80", "as_default_value": true}, "protocol": {"value": "1", "as_default_value": true}, "enable": {"value": true, "as_default_value": false}, "row_id": 1}], "as_default_value": true}}"#),
    raw: false,
    summary: "an edit that leaves template bind rows out: the server resets them to the template's values",
    explanation: "The server rebuilds a templated process's bind rows from the edit alone, not from \
                  what is stored: template rows the edit leaves out (all of them, when the edit has \
                  no `bind_info` or sends `[]`) come back with the template's values, so a \
                  per-instance port or enable flag is lost. Send every bind row with each edit. A \
                  row sent exactly as the template restores it, even without its \
                  `template_row_id`, is no loss and not reported.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "description": "frontend"}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "description": "frontend", "bind_info": [{"ip": "0.0.0.0", "port": "80", "protocol": "1", "enable": false, "template_row_id": 1}]}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for entry in &context.previews {
        let reset = &entry.preview.reset_rows;
        if reset.is_empty() {
            continue;
        }
        let ids: Vec<String> = reset
            .iter()
            .map(|row| row.row_id.map_or_else(|| "without id".to_owned(), |id| id.to_string()))
            .collect();
        let (rows, them) = if ids.len() == 1 { ("row", "it") } else { ("rows", "them") };
        let ids = ids.join(", ");
        let (pointer, message) = if entry.has_bind_info {
            (
                format!("{}/bind_info", entry.pointer),
                format!("`bind_info` leaves out template bind {rows} {ids}: the server resets {them} to the template's values"),
            )
        } else {
            (
                entry.pointer.clone(),
                format!("the edit has no `bind_info`: the server resets bind {rows} {ids} to the template's values"),
            )
        };
        out.push(
            Diagnostic::new(Rule::BindInfoReset, pointer, message)
                .with_help("send every bind row with its current values in each edit"),
        );
    }
}
