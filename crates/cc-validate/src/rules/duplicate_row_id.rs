//! `duplicate-row-id`: two bind rows of one process with the same row id
//! (`row_id` in a template, `template_row_id` on an instance).

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "two bind rows of one process with the same row id",
    explanation: "Instance bind rows are matched to template rows by row id. The server does not \
                  reject duplicates, but with two rows under one id the matching is ambiguous: \
                  one row's edits and locked values end up on the other. A missing or 0 row id is \
                  assigned by the server and is not a duplicate.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"ip": "127.0.0.1", "port": "80", "protocol": "1", "template_row_id": 1}, {"ip": "127.0.0.1", "port": "443", "protocol": "1", "template_row_id": 1}]}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"ip": "127.0.0.1", "port": "80", "protocol": "1", "template_row_id": 1}, {"ip": "127.0.0.1", "port": "443", "protocol": "1", "template_row_id": 2}]}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for process in &context.processes {
        let rows = process.bind_rows();
        // Each row's id with its index, sorted by id then index: a repeated id
        // is a run, whose first element is the first row using it. No hashing
        // for the few rows most processes have, and no quadratic scan for many.
        let mut ids: Vec<(i64, usize)> = rows
            .iter()
            .enumerate()
            .filter_map(|(index, row)| {
                let id = row
                    .value("template_row_id")
                    .and_then(serde_json::Value::as_i64)
                    .filter(|id| *id != 0)?;
                Some((id, index))
            })
            .collect();
        ids.sort_unstable();
        // (repeated row, first row, id), reported in row order.
        let mut repeats: Vec<(usize, usize, i64)> = ids
            .chunk_by(|a, b| a.0 == b.0)
            .flat_map(|run| {
                let (id, first) = run[0];
                run[1..].iter().map(move |(_, index)| (*index, first, id))
            })
            .collect();
        repeats.sort_unstable();
        for (index, first, id) in repeats {
            // Pointers are built only for a finding.
            let (Some(member), Some(first)) = (
                rows.get(index).and_then(|row| row.member("template_row_id")),
                rows.get(first).and_then(|row| row.member("template_row_id")),
            ) else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    Rule::DuplicateRowId,
                    member.pointer,
                    format!("row id {id} is already used by another bind row of this process"),
                )
                .with_related(first.pointer, "first used here"),
            );
        }
    }
}
