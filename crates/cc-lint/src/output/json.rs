//! `--format json`: one JSON document with every file, finding and the totals.
//! Its shape is a contract (see the README); `version` changes if it breaks.

use super::Summary;
use crate::lint::FileReport;
use cc_validate::Diagnostic;
use serde::Serialize;
use serde_json::{Value, json};
use std::io::{self, Write};

/// The version of the JSON output's shape.
pub(crate) const VERSION: u32 = 1;

/// The whole document, built at once; [`Stream`] writes the same bytes one
/// file at a time.
#[cfg(test)]
pub(crate) fn render(reports: &[FileReport]) -> Value {
    let mut summary = Summary::default();
    for report in reports {
        summary.add(report);
    }
    json!({
        "version": VERSION,
        "files": reports
            .iter()
            .filter(|report| report.skipped.is_none())
            .map(file)
            .collect::<Vec<_>>(),
        "skipped": reports
            .iter()
            .filter_map(|report| Some(json!({"path": report.path, "reason": report.skipped.as_ref()?})))
            .collect::<Vec<_>>(),
        "summary": summary_value(summary),
    })
}

/// Writes the document as `serde_json::to_writer_pretty` would write it whole,
/// one file at a time, so that no more than one file's entry is held.
#[derive(Debug, Default)]
pub(crate) struct Stream {
    files: usize,
    /// The skipped inputs (path, reason), written after `files`.
    skipped: Vec<SkippedEntry>,
    /// One file's entry, serialised before it is indented (reused).
    entry: Vec<u8>,
}

impl Stream {
    /// The opening of the document, up to the `files` array.
    pub(crate) fn start(out: &mut impl Write) -> io::Result<Self> {
        write!(out, "{{\n  \"version\": {VERSION},\n  \"files\": [")?;
        Ok(Self::default())
    }

    /// One element of `files`, or of `skipped` for a skipped input.
    pub(crate) fn file(&mut self, out: &mut impl Write, report: &FileReport) -> io::Result<()> {
        if let Some(reason) = &report.skipped {
            self.skipped.push(SkippedEntry {
                path: report.path.clone(),
                reason: reason.clone(),
            });
            return Ok(());
        }
        out.write_all(if self.files == 0 {
            b"\n    "
        } else {
            b",\n    "
        })?;
        self.files += 1;
        self.entry.clear();
        serde_json::to_writer_pretty(&mut self.entry, &FileEntry::of(report))
            .map_err(io::Error::other)?;
        write_indented(out, &self.entry, b"    ")
    }

    /// The end of `files`, the summary and the end of the document, with a
    /// final line break.
    pub(crate) fn finish(self, out: &mut impl Write, summary: Summary) -> io::Result<()> {
        if self.files > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(b"],\n  \"skipped\": ")?;
        let skipped = serde_json::to_vec_pretty(&self.skipped).map_err(io::Error::other)?;
        write_indented(out, &skipped, b"  ")?;
        out.write_all(b",\n  \"summary\": ")?;
        let summary =
            serde_json::to_vec_pretty(&summary_value(summary)).map_err(io::Error::other)?;
        write_indented(out, &summary, b"  ")?;
        out.write_all(b"\n}\n")
    }
}

/// Writes pretty-printed JSON `text` nested at `indent`, its first line
/// already indented: every other line is indented (JSON text holds line
/// breaks only between tokens, never inside strings, so lines are safe to
/// split).
fn write_indented(out: &mut impl Write, text: &[u8], indent: &[u8]) -> io::Result<()> {
    let mut lines = text.split(|byte| *byte == b'\n');
    if let Some(first) = lines.next() {
        out.write_all(first)?;
    }
    for line in lines {
        out.write_all(b"\n")?;
        out.write_all(indent)?;
        out.write_all(line)?;
    }
    Ok(())
}

/// One element of `skipped`: an input neither checked nor failed, and why.
#[derive(Debug, Serialize)]
struct SkippedEntry {
    path: String,
    reason: String,
}

/// One element of `files`, serialised as [`file`] builds it, without building
/// a `Value` first.
#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    endpoint: Option<&'static str>,
    kind: Option<&'static str>,
    diagnostics: Vec<DiagnosticEntry<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

impl<'a> FileEntry<'a> {
    fn of(report: &'a FileReport) -> Self {
        Self {
            path: &report.path,
            endpoint: report.endpoint.map(cc_validate::Endpoint::name),
            kind: report.kind.map(cc_validate::PayloadKind::name),
            diagnostics: report.diagnostics.iter().map(DiagnosticEntry::of).collect(),
            error: report.failure.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct DiagnosticEntry<'a> {
    severity: &'static str,
    rule: &'static str,
    pointer: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<RelatedEntry<'a>>,
    /// Only where the rule offers a fix for this finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<FixEntry<'a>>,
}

/// A finding's fix: whether it is safe, what it does, and its edits as byte
/// ranges of the input.
#[derive(Serialize)]
struct FixEntry<'a> {
    applicability: &'static str,
    message: &'a str,
    edits: Vec<EditEntry<'a>>,
}

#[derive(Serialize)]
struct EditEntry<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

impl<'a> FixEntry<'a> {
    fn of(fix: &'a cc_validate::Fix) -> Self {
        Self {
            applicability: fix.applicability.name(),
            message: &fix.message,
            edits: fix
                .edits
                .iter()
                .map(|edit| EditEntry {
                    start: edit.range.start,
                    end: edit.range.end,
                    replacement: &edit.replacement,
                })
                .collect(),
        }
    }
}

impl<'a> DiagnosticEntry<'a> {
    fn of(diagnostic: &'a Diagnostic) -> Self {
        Self {
            severity: diagnostic.severity.name(),
            rule: diagnostic.rule.id(),
            pointer: &diagnostic.pointer,
            line: diagnostic.location.map(|location| location.line),
            column: diagnostic.location.map(|location| location.column),
            message: &diagnostic.message,
            help: diagnostic.help.as_deref(),
            related: diagnostic
                .related
                .iter()
                .map(|related| RelatedEntry {
                    pointer: &related.pointer,
                    line: related.location.map(|location| location.line),
                    column: related.location.map(|location| location.column),
                    note: &related.note,
                })
                .collect(),
            fix: diagnostic.fix.as_ref().map(FixEntry::of),
        }
    }
}

#[derive(Serialize)]
struct RelatedEntry<'a> {
    pointer: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    note: &'a str,
}

fn summary_value(summary: Summary) -> Value {
    json!({
        "files": summary.files,
        "errors": summary.errors,
        "warnings": summary.warnings,
        "failures": summary.failures,
        "skipped": summary.skipped,
    })
}

/// One element of `files` as a value (the whole-document form, for tests).
#[cfg(test)]
fn file(report: &FileReport) -> Value {
    let mut value = json!({
        "path": report.path,
        "endpoint": report.endpoint.map(cc_validate::Endpoint::name),
        "kind": report.kind.map(cc_validate::PayloadKind::name),
        "diagnostics": report.diagnostics.iter().map(diagnostic).collect::<Vec<_>>(),
    });
    if let Some(failure) = &report.failure {
        value["error"] = json!(failure);
    }
    value
}

#[cfg(test)]
fn diagnostic(diagnostic: &Diagnostic) -> Value {
    let mut value = json!({
        "severity": diagnostic.severity.name(),
        "rule": diagnostic.rule.id(),
        "pointer": diagnostic.pointer,
        "line": diagnostic.location.map(|location| location.line),
        "column": diagnostic.location.map(|location| location.column),
        "message": diagnostic.message,
    });
    if let Some(help) = &diagnostic.help {
        value["help"] = json!(help);
    }
    if !diagnostic.related.is_empty() {
        value["related"] = diagnostic
            .related
            .iter()
            .map(|related| {
                json!({
                    "pointer": related.pointer,
                    "line": related.location.map(|location| location.line),
                    "column": related.location.map(|location| location.column),
                    "note": related.note,
                })
            })
            .collect();
    }
    if let Some(fix) = &diagnostic.fix {
        value["fix"] = json!({
            "applicability": fix.applicability.name(),
            "message": fix.message,
            "edits": fix
                .edits
                .iter()
                .map(|edit| json!({
                    "start": edit.range.start,
                    "end": edit.range.end,
                    "replacement": edit.replacement,
                }))
                .collect::<Vec<_>>(),
        });
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use cc_validate::{Endpoint, Location, PayloadKind, Rule};

    fn streamed(reports: &[FileReport]) -> String {
        let mut out = Vec::new();
        let mut summary = Summary::default();
        let mut stream = Stream::start(&mut out).expect("writes to memory");
        for report in reports {
            summary.add(report);
            stream.file(&mut out, report).expect("writes to memory");
        }
        stream.finish(&mut out, summary).expect("writes to memory");
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    fn whole(reports: &[FileReport]) -> String {
        let mut text = serde_json::to_string_pretty(&render(reports)).expect("serialises");
        text.push('\n');
        text
    }

    #[test]
    fn streaming_writes_the_bytes_of_the_whole_document() {
        let mut finding = Diagnostic::new(
            Rule::PortOverlap,
            "/processes/0/port",
            "a \"quoted\"\nmessage",
        )
        .with_help("help")
        .with_related("/processes/0", "note");
        finding.location = Some(Location {
            line: 3,
            column: 7,
            offset: 20,
        });
        let checked = FileReport {
            path: "dir/a.json".to_owned(),
            stdin: false,
            endpoint: Some(Endpoint::UpdateProcessInstance),
            kind: Some(PayloadKind::Request),
            diagnostics: vec![finding, Diagnostic::new(Rule::JsonSyntax, "", "bad")],
            source: None,
            failure: None,
            skipped: None,
            deny_warnings: false,
        };
        let clean = FileReport {
            failure: None,
            ..FileReport::failed("b.json".to_owned(), None, String::new())
        };
        let failed = FileReport::failed("c.json".to_owned(), None, "cannot read: gone".to_owned());
        let skipped = FileReport::skipped("package.json".to_owned(), "fits no endpoint".to_owned());
        let also_skipped = FileReport::skipped("d.json".to_owned(), "excluded".to_owned());
        for reports in [
            Vec::new(),
            vec![clean],
            vec![checked, skipped, failed, also_skipped],
        ] {
            assert_eq!(streamed(&reports), whole(&reports));
        }
    }
}
