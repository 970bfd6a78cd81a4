//! `--format github`: GitHub Actions workflow commands, one line per finding,
//! which the runner turns into annotations on the pull request:
//!
//! ```text
//! ::error file=PATH,line=L,col=C,title=RULE::MESSAGE
//! ```
//!
//! Only the path, the rule id and the library's message are printed: never any
//! source text, so a credential in a payload cannot reach the log.

use crate::lint::FileReport;
use cc_validate::{Diagnostic, Severity};
use std::fmt::Write as _;

/// One file's findings, or why it could not be checked, one command a line.
pub(crate) fn render_report(out: &mut String, report: &FileReport) {
    if let Some(failure) = &report.failure {
        let mut properties = file_property(report);
        properties.push(("title", "cc-lint".to_owned()));
        command(out, "error", &properties, failure);
    }
    for diagnostic in &report.diagnostics {
        finding(out, report, diagnostic);
    }
}

/// A notice that an input was skipped, and why.
pub(crate) fn render_skipped(out: &mut String, report: &FileReport, reason: &str) {
    let mut properties = file_property(report);
    properties.push(("title", "cc-lint".to_owned()));
    command(out, "notice", &properties, &format!("skipped: {reason}"));
}

fn finding(out: &mut String, report: &FileReport, diagnostic: &Diagnostic) {
    let name = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = file_property(report);
    // A position without a file means nothing to the runner.
    if let (Some(location), false) = (diagnostic.location, properties.is_empty()) {
        properties.push(("line", location.line.to_string()));
        properties.push(("col", location.column.to_string()));
    }
    properties.push(("title", diagnostic.rule.id().to_owned()));
    command(out, name, &properties, &diagnostic.message);
}

/// `file=PATH`, except for standard input, which has no file to annotate.
fn file_property(report: &FileReport) -> Vec<(&'static str, String)> {
    if report.stdin {
        Vec::new()
    } else {
        vec![("file", report.path.clone())]
    }
}

fn command(out: &mut String, name: &str, properties: &[(&str, String)], message: &str) {
    out.push_str("::");
    out.push_str(name);
    for (index, (key, value)) in properties.iter().enumerate() {
        out.push(if index == 0 { ' ' } else { ',' });
        let _ = write!(out, "{key}={}", escape_property(value));
    }
    let _ = writeln!(out, "::{}", escape_data(message));
}

/// Escapes a command's message: `%`, carriage return and line feed.
pub(crate) fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            other => out.push(other),
        }
    }
    out
}

/// Escapes a property value: as a message, plus `:` and `,`.
pub(crate) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("C:\\a,b%\n.json"), "C%3A\\a%2Cb%25%0A.json");
    }
}
