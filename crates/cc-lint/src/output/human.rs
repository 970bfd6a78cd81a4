//! Compiler-style output: `path:line:col: error[rule]: message`, the source line
//! and a caret under the offending value.

use super::snippet::{line, mask_secrets, printable, token_width};
use super::{Summary, plural};
use crate::lint::FileReport;
use cc_validate::{Diagnostic, Severity};
use std::fmt::Write as _;

/// ANSI styles, or nothing when colour is off.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    color: bool,
}

impl Style {
    pub(crate) const fn new(color: bool) -> Self {
        Self { color }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// Appends every finding of one file.
pub(crate) fn render_report(out: &mut String, report: &FileReport, style: Style) {
    // Masked once for the whole text: a credential's value may span lines.
    let masked = report
        .source
        .as_deref()
        .map(|bytes| mask_secrets(&printable(bytes)));
    for diagnostic in &report.diagnostics {
        render_one(out, report, masked.as_deref(), diagnostic, style);
    }
}

/// The line saying why a file could not be checked, for stderr.
pub(crate) fn render_failure(report: &FileReport, style: Style) -> Option<String> {
    let failure = report.failure.as_ref()?;
    Some(format!(
        "{}: {}: {failure}\n",
        report.path,
        style.paint("1;31", "error")
    ))
}

/// The note saying an input was skipped, and why, for stderr.
pub(crate) fn render_skipped(report: &FileReport, reason: &str, style: Style) -> String {
    format!(
        "{}: {}: skipped: {reason}\n",
        report.path,
        style.paint("1;36", "note")
    )
}

fn render_one(
    out: &mut String,
    report: &FileReport,
    masked_source: Option<&str>,
    diagnostic: &Diagnostic,
    style: Style,
) {
    let (severity, code) = match diagnostic.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    let position = diagnostic
        .location
        .map(|location| format!(":{}:{}", location.line, location.column))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}{position}: {}: {}",
        report.path,
        style.paint(code, &format!("{severity}[{}]", diagnostic.rule)),
        style.paint("1", &diagnostic.message)
    );
    if let (Some(location), Some(source)) = (diagnostic.location, masked_source)
        && let Some(text) = line(source, location.line)
    {
        {
            let number = location.line.to_string();
            let gutter = " ".repeat(number.len());
            let bar = style.paint("1;34", "|");
            let column = location.column.saturating_sub(1);
            let width = token_width(text, column);
            let _ = writeln!(out, "{gutter} {bar}");
            let _ = writeln!(out, "{} {bar} {text}", style.paint("1;34", &number));
            let _ = writeln!(
                out,
                "{gutter} {bar} {}{}",
                " ".repeat(column),
                style.paint(code, &"^".repeat(width))
            );
        }
    }
    for related in &diagnostic.related {
        let position = related.location.map_or_else(
            || format!("{} {}", report.path, related.pointer),
            |location| format!("{}:{}:{}", report.path, location.line, location.column),
        );
        let _ = writeln!(out, "  = note: {}: {position}", related.note);
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "  = help: {help}");
    }
    out.push('\n');
}

/// `found 1 error and 2 warnings in 3 files`, without a line break.
pub(crate) fn summary_line(summary: Summary) -> String {
    let files = plural(summary.files, "file");
    let mut line = if summary.errors == 0 && summary.warnings == 0 {
        format!("no problems found in {files}")
    } else {
        format!(
            "found {} and {} in {files}",
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning")
        )
    };
    if summary.failures > 0 {
        let _ = write!(
            line,
            "; {} could not be checked",
            plural(summary.failures, "file")
        );
    }
    if summary.skipped > 0 {
        let _ = write!(line, "; {} skipped", plural(summary.skipped, "file"));
    }
    line
}
