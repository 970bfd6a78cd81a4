//! `locked-field-edit`: with a template, an edit of a field (or bind-row
//! attribute) the template locks. The server accepts the call and drops the edit.

use super::RuleDoc;
use crate::payload::context::{Context, symbolic_address};
use crate::vocab::wording::found;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use cc_model::{DropReason, Endpoint};
use serde_json::Value;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: Some(r#"{"bk_process_name": {"value": "web", "as_default_value": true}, "bk_func_name": {"value": "nginx", "as_default_value": true}, "user": {"value": "nginx", "as_default_value": true}, "bind_info": {"value": [{"ip": {"value": "2", "as_default_value": true}, "port": {"value": "80", "as_default_value": true}, "protocol": {"value": "1", "as_default_value": true}, "enable": {"value": true, "as_default_value": false}, "row_id": 1}], "as_default_value": true}}"#),
    raw: false,
    summary: "an edit of a field the process template locks: the server drops it",
    explanation: "For a process created from a template, the server does not update a field whose \
                  template wrapper has `as_default_value: true` (`bk_process_name` and \
                  `bk_func_name` are always locked): the request succeeds and the edit is silently \
                  lost, a `null` does not clear it, and a locked bind-row attribute takes the \
                  template's value. Change the template instead, or unlock the field. A locked \
                  field sent with the template's own value (as when a process is read, one field \
                  changed and the whole object sent back) is not reported: nothing is lost. A \
                  locked bind address of types 3, 4, 7 and 8 depends on the host: without \
                  `--host` the finding says that it cannot tell.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "user": "root", "bind_info": [{"ip": "0.0.0.0", "port": "80", "protocol": "1", "enable": false, "template_row_id": 1}]}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"ip": "0.0.0.0", "port": "80", "protocol": "1", "enable": false, "template_row_id": 1}]}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for entry in &context.previews {
        for dropped in &entry.preview.dropped {
            let field = dropped.field;
            let message = match dropped.reason {
                DropReason::Locked => {
                    format!("`{field}` is locked by the template: the server ignores this edit")
                }
                DropReason::NullOnLocked => format!(
                    "`{field}` is locked by the template: the server ignores this null and keeps the value"
                ),
                DropReason::TemplateValue => {
                    let stored = stored_row_value(&entry.preview.stored, dropped.row_id, field);
                    let row = dropped.row_id.map_or_else(|| "without id".to_owned(), |id| id.to_string());
                    match stored.as_ref().and_then(Value::as_str).and_then(symbolic_address) {
                        // Without `--host`, the template's address is not known.
                        Some(address) => format!(
                            "`{field}` of bind row {row} is locked by the template to {address}: without `--host` it cannot be told whether this edit matches it; the server stores the host's address"
                        ),
                        None => format!(
                            "`{field}` of bind row {row} is locked by the template: the server stores {} instead",
                            stored.map_or_else(|| "the template's value".to_owned(), |value| format!("the template's {}", found("", &value))),
                        ),
                    }
                }
                // Nothing is lost (not applied, but stored as sent), or another
                // rule's finding.
                DropReason::LockedUnchanged
                | DropReason::RestoredAsSent
                | DropReason::NoTemplateRow
                | DropReason::Legacy => continue,
            };
            out.push(
                Diagnostic::new(Rule::LockedFieldEdit, format!("{}{}", entry.pointer, dropped.pointer), message)
                    .with_help("change the template, or unlock the field there (`as_default_value: false`)"),
            );
        }
    }
}

/// The value the server stores for `field` of the bind row `row_id`.
fn stored_row_value(stored: &cc_model::Process, row_id: Option<i64>, field: &str) -> Option<Value> {
    let rows = serde_json::to_value(stored.bind_info.value()?).ok()?;
    rows.as_array()?
        .iter()
        .find(|row| row.get("template_row_id").and_then(Value::as_i64) == row_id)
        .and_then(|row| row.get(field))
        .cloned()
}
