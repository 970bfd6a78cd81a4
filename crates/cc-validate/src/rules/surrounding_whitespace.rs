//! `surrounding-whitespace`: a string value with leading or trailing whitespace.
//! An error when creating templates (the server rejects it), a warning elsewhere.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::wording::field_label;
use crate::source::document::is_padded;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::severity::Severity;
use crate::vocab::rule::Rule;
use cc_model::{Endpoint, FieldKind, Process, ProcessTemplate};

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::BatchCreateProcTemplate,
    template: None,
    raw: false,
    summary: "a string value with leading or trailing whitespace",
    explanation: "batch_create_proc_template rejects any string value of a spec with leading or \
                  trailing whitespace (an error there). Elsewhere the server stores the value as \
                  sent, so a stray space ends up in a name or command (a warning). Bind-row values \
                  have rules of their own.",
    bad: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "nginx ", "as_default_value": true}, "bk_func_name": {"value": "nginx ", "as_default_value": true}}}]}"#,
    good: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "nginx", "as_default_value": true}, "bk_func_name": {"value": "nginx", "as_default_value": true}}}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Most payloads have no padded string at all (the parse noticed).
    if !context.traits.padded_string {
        return;
    }
    let severity = if context.endpoint == Endpoint::BatchCreateProcTemplate {
        Severity::Error
    } else {
        Severity::Warning
    };
    for process in &context.processes {
        // Every field checked is inside the process object: when none of its
        // strings has surrounding whitespace, there is nothing to look up.
        if !process.object.values().any(has_padded_string) {
            continue;
        }
        for info in Process::FIELDS
            .iter()
            .filter(|info| info.kind == FieldKind::Wrapped && !info.legacy)
        {
            let Some(text) = process.field_value(info).and_then(serde_json::Value::as_str) else {
                continue;
            };
            let leading = text.starts_with(char::is_whitespace);
            let trailing = text.ends_with(char::is_whitespace);
            let place = match (leading, trailing) {
                (true, true) => "leading and trailing",
                (true, false) => "leading",
                (false, true) => "trailing",
                (false, false) => continue,
            };
            // The pointer is built only for a finding.
            let Some((pointer, _)) = process.string(info.name) else {
                continue;
            };
            let mut diagnostic = Diagnostic::new(
                Rule::SurroundingWhitespace,
                pointer.clone(),
                format!("{} has {place} whitespace", field_label(&pointer)),
            )
            .with_help("remove the whitespace around the value");
            diagnostic.severity = severity;
            out.push(diagnostic);
        }
    }
}

/// True when `value` is or holds a string with leading or trailing whitespace.
fn has_padded_string(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(text) => is_padded(text),
        serde_json::Value::Array(items) => items.iter().any(has_padded_string),
        serde_json::Value::Object(members) => members.values().any(has_padded_string),
        _ => false,
    }
}
