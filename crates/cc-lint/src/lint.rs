//! Linting one input: read, parse, decide the endpoint, validate, locate.

use crate::input::Input;
use cc_validate::{
    CheckOptions, Detection, Diagnostic, Document, Endpoint, Overrides, PayloadKind, Validator,
};

/// What every input of a run is linted with.
pub(crate) struct Settings<'a> {
    /// The `--endpoint` choice.
    pub(crate) forced: Option<Endpoint>,
    /// The `--allow`, `--warn` and `--deny` flags.
    pub(crate) overrides: &'a Overrides,
    /// The `--template` and `--host` inputs.
    pub(crate) options: CheckOptions<'a>,
}

/// What linting one input produced.
#[derive(Debug)]
pub(crate) struct FileReport {
    /// The input's name as shown.
    pub(crate) path: String,
    /// True for standard input, which has no file to point at.
    pub(crate) stdin: bool,
    /// The endpoint it was checked against, when known.
    pub(crate) endpoint: Option<Endpoint>,
    /// Request or response, when the input parsed.
    pub(crate) kind: Option<PayloadKind>,
    /// The findings.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The source text, kept for snippets when there are findings.
    pub(crate) source: Option<String>,
    /// Why the input could not be checked (unreadable, endpoint unknown).
    pub(crate) failure: Option<String>,
}

impl FileReport {
    /// A report for an input that could not be checked.
    pub(crate) fn failed(path: String, endpoint: Option<Endpoint>, failure: String) -> Self {
        Self {
            path,
            stdin: false,
            endpoint,
            kind: None,
            diagnostics: Vec::new(),
            source: None,
            failure: Some(failure),
        }
    }
}

/// Lints one input with the run's settings.
pub(crate) fn lint(input: &Input, settings: &Settings<'_>) -> FileReport {
    let mut report = lint_one(input, settings);
    report.stdin = *input == Input::Stdin;
    report
}

fn lint_one(input: &Input, settings: &Settings<'_>) -> FileReport {
    let overrides = settings.overrides;
    let path = input.display();
    let hint = settings
        .forced
        .or_else(|| input.path().and_then(cc_validate::endpoint_from_path));
    let bytes = match input.read() {
        Ok(bytes) => bytes,
        Err(error) => return FileReport::failed(path, hint, format!("cannot read: {error}")),
    };
    let document = match Document::parse(&bytes) {
        Ok(document) => document,
        Err(diagnostic) => {
            let mut diagnostics = vec![*diagnostic];
            overrides.apply(&mut diagnostics);
            let source = (!diagnostics.is_empty()).then(|| keep_source(&bytes));
            return FileReport {
                path,
                stdin: false,
                endpoint: hint,
                kind: None,
                diagnostics,
                source,
                failure: None,
            };
        }
    };
    let value = &document.value;
    let kind = cc_validate::payload_kind(value);
    let endpoint = match hint {
        Some(endpoint) => endpoint,
        None => match cc_validate::endpoint_from_content(value, kind) {
            Detection::Found(endpoint) => endpoint,
            Detection::Ambiguous(candidates) => {
                let names: Vec<&str> = candidates.iter().map(|endpoint| endpoint.name()).collect();
                let names = match names.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} and {last}", rest.join(", "))
                    }
                    _ => names.join(""),
                };
                return FileReport::failed(
                    path,
                    None,
                    format!(
                        "cannot tell which endpoint this {kind} is for: it fits {names}; use --endpoint NAME"
                    ),
                );
            }
            Detection::Unknown => {
                return FileReport::failed(
                    path,
                    None,
                    "cannot tell which endpoint this payload is for; name the file after \
                     the endpoint or use --endpoint NAME"
                        .to_owned(),
                );
            }
        },
    };
    let validator = match Validator::get(endpoint, kind) {
        Ok(validator) => validator,
        Err(error) => return FileReport::failed(path, Some(endpoint), error.to_string()),
    };
    let mut diagnostics = validator.check_document_with(&document, &bytes, settings.options);
    overrides.apply(&mut diagnostics);
    let source = (!diagnostics.is_empty()).then(|| keep_source(&bytes));
    FileReport {
        path,
        stdin: false,
        endpoint: Some(endpoint),
        kind: Some(kind),
        diagnostics,
        source,
        failure: None,
    }
}

fn keep_source(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
