//! Compiler-style output: our own `path:line:col: error[rule]: message` line,
//! then, drawn by `annotate-snippets` (the renderer rustc uses), the source
//! line with a caret under the offending value (long lines cut around it), the
//! notes and help, and the rule's fix as a suggestion.

use super::shown::{Shown, excerpt};
use super::snippet::token_len;
use super::suggestion;
use super::{Summary, plural};
use crate::lint::FileReport;
use annotate_snippets::renderer::{AnsiColor, Style as Paint};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use cc_validate::{Diagnostic, Severity};
use std::fmt::Write as _;

/// The width, in columns, that snippets and suggestions are cut to: a source
/// line longer than this shows the part around the caret, `...` either side.
pub(crate) const WIDTH: usize = 140;

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

    /// The snippet renderer: plain, or in the colours of the finding lines
    /// (bold red errors, bold yellow warnings, bold blue gutters).
    fn renderer(self) -> Renderer {
        let renderer = if self.color {
            let bold = |color: AnsiColor| Paint::new().bold().fg_color(Some(color.into()));
            Renderer::styled()
                .error(bold(AnsiColor::Red))
                .warning(bold(AnsiColor::Yellow))
                .line_num(bold(AnsiColor::Blue))
                .hyperlink(false)
        } else {
            Renderer::plain()
        };
        renderer.term_width(WIDTH)
    }
}

/// Appends every finding of one file.
pub(crate) fn render_report(out: &mut String, report: &FileReport, style: Style) {
    let shown = report.source.as_deref().map(Shown::new);
    let renderer = style.renderer();
    for diagnostic in &report.diagnostics {
        render_one(out, report, shown.as_ref(), diagnostic, style, &renderer);
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
    shown: Option<&Shown<'_>>,
    diagnostic: &Diagnostic,
    style: Style,
    renderer: &Renderer,
) {
    let (severity, code, level) = match diagnostic.severity {
        Severity::Error => ("error", "1;31", Level::ERROR),
        Severity::Warning => ("warning", "1;33", Level::WARNING),
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
    let mut finding = Group::with_level(level);
    if let (Some(location), Some(shown)) = (diagnostic.location, shown)
        && let Some(text) = shown.line(location.line)
        && let Some(start) = shown.column_offset(location.line, location.column.saturating_sub(1))
    {
        let (source, span) = excerpt(text, start..token_end(text, start), 2 * WIDTH);
        finding = finding.element(
            Snippet::source(source)
                .line_start(location.line)
                .annotation(AnnotationKind::Primary.span(span)),
        );
    }
    for related in &diagnostic.related {
        let position = related.location.map_or_else(
            || format!("{} {}", report.path, related.pointer),
            |location| format!("{}:{}:{}", report.path, location.line, location.column),
        );
        finding = finding.element(Level::NOTE.message(format!("{}: {position}", related.note)));
    }
    if let Some(help) = &diagnostic.help {
        finding = finding.element(Level::HELP.message(help.as_str()));
    }
    let mut groups = Vec::with_capacity(2);
    match (&diagnostic.fix, shown) {
        (Some(fix), Some(shown)) => {
            groups.push(finding);
            groups.push(suggestion::group(fix, shown, WIDTH));
        }
        (Some(fix), None) => {
            groups.push(finding.element(Level::HELP.message(suggestion::title(fix))));
        }
        (None, _) => groups.push(finding),
    }
    groups.retain(|group| !group.is_empty());
    if !groups.is_empty() {
        out.push_str(&renderer.render(&groups));
        out.push('\n');
    }
    out.push('\n');
}

/// The end of the token at byte `start` of `text`, at most `2 * WIDTH`
/// characters on: annotate-snippets is handed only the part of a long line
/// around the caret, so a finding costs the same on a line of any length.
fn token_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let end = token_len(rest);
    rest[..end]
        .char_indices()
        .nth(2 * WIDTH)
        .map_or(start + end, |(offset, _)| start + offset)
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

#[cfg(test)]
mod tests {
    use super::*;
    use cc_validate::{Applicability, Edit, Fix, Location, Rule};

    /// One file whose one finding has a fix, rendered in `style`.
    fn rendered(style: Style) -> String {
        let source = "{\"Proc_Num\": 2}";
        let mut diagnostic = Diagnostic::new(Rule::KeyCase, "/Proc_Num", "case");
        diagnostic.location = Some(Location {
            line: 1,
            column: 2,
            offset: 1,
        });
        diagnostic.help = Some("write `proc_num`".to_owned());
        diagnostic.fix = Some(Fix::new(
            Applicability::Safe,
            "rename `Proc_Num` to `proc_num`",
            Edit::replace(1..11, "\"proc_num\""),
        ));
        let report = FileReport {
            path: "a.json".to_owned(),
            stdin: false,
            endpoint: None,
            kind: None,
            diagnostics: vec![diagnostic],
            source: Some(source.as_bytes().to_vec()),
            failure: None,
            skipped: None,
            deny_warnings: false,
        };
        let mut out = String::new();
        render_report(&mut out, &report, style);
        out
    }

    #[test]
    fn colour_only_when_enabled() {
        let plain = rendered(Style::new(false));
        assert!(!plain.contains('\u{1b}'), "{plain}");
        assert_eq!(
            plain,
            "a.json:1:2: warning[key-case]: case\n  |\n1 | {\"Proc_Num\": 2}\n  |  ^^^^^^^^^^\n  |\n  = help: write `proc_num`\nhelp: rename `Proc_Num` to `proc_num` (safe fix: `cc-lint --fix`)\n  |\n1 - {\"Proc_Num\": 2}\n1 + {\"proc_num\": 2}\n  |\n\n"
        );
        let coloured = rendered(Style::new(true));
        assert!(
            coloured.contains("\u{1b}[1;33mwarning[key-case]\u{1b}[0m"),
            "{coloured}"
        );
        assert!(coloured.contains("\u{1b}[33m^^^^^^^^^^"), "{coloured:?}");
    }
}
