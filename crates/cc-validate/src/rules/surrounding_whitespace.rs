//! `surrounding-whitespace`: a string value with leading or trailing whitespace.
//! An error when creating templates (the server rejects it), a warning elsewhere.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::wording::field_label;
use crate::source::document::is_padded;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::fix::{Applicability, Edit, Fix, FixDoc};
use super::fix::FixSource;
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

/// The fix, on `batch_create_proc_template` only (which rejects the value):
/// trim the value. Elsewhere the server stores the whitespace, and there is
/// no fix.
pub(crate) const FIX: FixDoc = FixDoc {
    applicability: Applicability::Safe,
    summary: "trims the value, on batch_create_proc_template only (which rejects it untrimmed)",
};

/// Trims the string, on `batch_create_proc_template`.
pub(crate) fn fix(diagnostic: &Diagnostic, source: &FixSource<'_>) -> Option<Fix> {
    if source.endpoint != Endpoint::BatchCreateProcTemplate {
        return None;
    }
    let (spot, literal) = source.value_text(&diagnostic.pointer)?;
    let text: String = serde_json::from_str(literal).ok()?;
    let trimmed = text.trim();
    if trimmed == text {
        return None;
    }
    // Without escapes the literal is the text quoted: slice it, so that only
    // the whitespace goes. With escapes, write it anew.
    let replacement = if literal.contains('\\') {
        serde_json::to_string(trimmed).ok()?
    } else {
        format!("\"{trimmed}\"")
    };
    Some(Fix::new(
        Applicability::Safe,
        "trim the value",
        Edit::replace(spot.value, replacement),
    ))
}
