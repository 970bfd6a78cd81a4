//! `--format json`: one JSON document with every file, finding and the totals.
//! Its shape is a contract (see the README); `version` changes if it breaks.

use super::Summary;
use crate::lint::FileReport;
use cc_validate::Diagnostic;
use serde_json::{Value, json};

/// The version of the JSON output's shape.
pub(crate) const VERSION: u32 = 1;

/// The whole document.
pub(crate) fn render(reports: &[FileReport]) -> Value {
    let summary = Summary::of(reports);
    json!({
        "version": VERSION,
        "files": reports.iter().map(file).collect::<Vec<_>>(),
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "failures": summary.failures,
        },
    })
}

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
    value
}
