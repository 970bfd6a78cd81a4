//! Checking a document as the command line checks a file (the same endpoint
//! detection, the same configuration), and its findings as LSP diagnostics.

use super::positions::LineIndex;
use crate::config::Profile;
use crate::lint::{self, KeepSource, Settings};
use cc_validate::{CheckOptions, Diagnostic, Endpoint, PayloadKind, Severity};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Uri,
};
use std::path::Path;
use std::str::FromStr;

/// What checking one version of a document found.
#[derive(Debug)]
pub(crate) struct Checked {
    /// The version checked.
    pub(crate) version: i32,
    /// The endpoint and kind it was checked as, when it is a payload.
    pub(crate) endpoint: Option<(Endpoint, PayloadKind)>,
    /// The findings, with their fixes (byte offsets into that version).
    pub(crate) findings: Vec<Diagnostic>,
    /// The same findings for the client.
    pub(crate) diagnostics: Vec<lsp_types::Diagnostic>,
    /// Why the document was not checked (not a payload, excluded), for the log.
    pub(crate) note: Option<String>,
}

/// The options of a check under `profile`.
pub(crate) fn options(profile: &Profile) -> CheckOptions<'_> {
    CheckOptions {
        template: profile.template.as_ref().map(|named| &*named.value),
        host: profile.host.as_ref().map(|named| &*named.value),
        raw: profile.raw.0,
    }
}

/// Checks `text` (document `uri`, file `path`) under `profile`.
pub(crate) fn check(
    uri: &Uri,
    version: i32,
    text: &str,
    path: Option<&Path>,
    profile: &Profile,
    index: &LineIndex,
) -> Checked {
    let settings = Settings {
        forced: profile.endpoint.0,
        overrides: &profile.overrides,
        options: options(profile),
        max_file_size: u64::MAX,
        keep_source: KeepSource::None,
        deny_warnings: false,
        // A document that fits no endpoint is not a payload: no diagnostics.
        strict_detection: false,
    };
    let hint = settings
        .forced
        .or_else(|| path.and_then(cc_validate::endpoint_from_path));
    let shown = path.map_or_else(
        || uri.as_str().to_owned(),
        |path| path.display().to_string(),
    );
    let mut report = lint::check_bytes(shown, hint, text.as_bytes().to_vec(), true, &settings);
    if hint.is_none()
        && report.kind.is_none()
        && report.failure.is_none()
        && report.skipped.is_none()
    {
        // Not JSON, and neither its name nor the configuration says it is a
        // payload (a `tsconfig.json` with comments): not ours to report.
        report.diagnostics.clear();
        report.skipped = Some(
            "it does not parse, and neither its name nor the configuration names an endpoint"
                .to_owned(),
        );
    }
    let endpoint = report.endpoint.zip(report.kind);
    let note = report.failure.or(report.skipped);
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|finding| to_lsp(uri, text, index, finding))
        .collect();
    Checked {
        version,
        endpoint,
        findings: report.diagnostics,
        diagnostics,
        note,
    }
}

/// Where a rule's documentation is.
pub(crate) fn rule_docs(rule: cc_validate::Rule) -> String {
    format!(
        "{}/blob/main/docs/rules.md#{}",
        env!("CARGO_PKG_REPOSITORY"),
        rule.id()
    )
}

/// One finding as an LSP diagnostic.
pub(crate) fn to_lsp(
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    finding: &Diagnostic,
) -> lsp_types::Diagnostic {
    let range = token_range(text, index, finding.location.map(|at| at.offset));
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|related| {
            let at = related.location?;
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), token_range(text, index, Some(at.offset))),
                message: related.note.clone(),
            })
        })
        .collect();
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(finding.rule.id().to_owned())),
        code_description: Uri::from_str(&rule_docs(finding.rule))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("cc-lint".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The range of the JSON token at byte `offset` (a string with its quotes, a
/// number or literal, else one character); the start of the text when there
/// is no offset.
pub(crate) fn token_range(
    text: &str,
    index: &LineIndex,
    offset: Option<usize>,
) -> lsp_types::Range {
    let Some(start) = offset else {
        return index.range(text, 0, 0);
    };
    index.range(text, start, token_end(text.as_bytes(), start))
}

/// The end of the token starting at `start`.
fn token_end(bytes: &[u8], start: usize) -> usize {
    match bytes.get(start) {
        None => start,
        Some(b'"') => {
            let mut escaped = false;
            for (at, &byte) in bytes.iter().enumerate().skip(start + 1) {
                if byte == b'\n' {
                    return at;
                }
                if byte == b'"' && !escaped {
                    return at + 1;
                }
                escaped = byte == b'\\' && !escaped;
            }
            bytes.len()
        }
        Some(byte) if byte.is_ascii_alphanumeric() || *byte == b'-' => {
            start
                + bytes[start..]
                    .iter()
                    .take_while(|byte| {
                        byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'+' | b'.')
                    })
                    .count()
        }
        // One character, however many bytes it takes.
        Some(_) => {
            let mut end = start + 1;
            while end < bytes.len() && (bytes[end] & 0xC0) == 0x80 {
                end += 1;
            }
            end
        }
    }
}

#[cfg(test)]
mod tests {
    use super::token_end;

    #[test]
    fn tokens_end_where_json_says() {
        let text = br#"{"a\"b": 12.5e3, "c": true}"#;
        assert_eq!(token_end(text, 1), 7);
        assert_eq!(token_end(text, 9), 15);
        assert_eq!(token_end(text, 22), 26);
        assert_eq!(token_end(text, 0), 1);
        assert_eq!(token_end(text, 99), 99);
    }
}
