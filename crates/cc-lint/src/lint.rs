//! Linting one input: read, parse, decide the endpoint, validate, locate.

use crate::input::{Contents, Input, Target};
use crate::limits::format_size;
use cc_validate::{
    CheckOptions, Detection, Diagnostic, Document, Endpoint, Overrides, PayloadKind, Rule,
    Validator,
};

/// Which reports keep their input's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeepSource {
    /// None (the machine formats print no snippets).
    None,
    /// Those with findings, for the snippets of the human format.
    WithFindings,
    /// Every one: `--fix` rewrites them (and prints standard input back).
    All,
}

/// What every input of a run is linted with.
pub(crate) struct Settings<'a> {
    /// The `--endpoint` choice.
    pub(crate) forced: Option<Endpoint>,
    /// The `--allow`, `--warn` and `--deny` flags.
    pub(crate) overrides: &'a Overrides,
    /// The `--template` and `--host` inputs.
    pub(crate) options: CheckOptions<'a>,
    /// `--max-file-size`: larger inputs are reported as `file-too-large`, unread.
    pub(crate) max_file_size: u64,
    /// Which reports keep their input's source.
    pub(crate) keep_source: KeepSource,
    /// Whether warnings fail the run (`--deny-warnings` or `deny-warnings`).
    pub(crate) deny_warnings: bool,
    /// `--strict-detection`: an input a walk found that fits no endpoint is
    /// an error, not skipped.
    pub(crate) strict_detection: bool,
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
    /// The source bytes, kept for snippets when there are findings and the
    /// output format shows snippets.
    pub(crate) source: Option<Vec<u8>>,
    /// Why the input could not be checked (unreadable, endpoint unknown).
    pub(crate) failure: Option<String>,
    /// Why the input was skipped (excluded, or found by a walk and not a
    /// payload of any endpoint): neither checked nor failed.
    pub(crate) skipped: Option<String>,
    /// Whether this input's warnings fail the run.
    pub(crate) deny_warnings: bool,
}

impl FileReport {
    /// Roughly how many bytes the report holds (for bounding the reports
    /// that wait their turn).
    pub(crate) fn weight(&self) -> usize {
        let diagnostics: usize = self
            .diagnostics
            .iter()
            .map(|diagnostic| {
                std::mem::size_of::<Diagnostic>()
                    + diagnostic.message.len()
                    + diagnostic.pointer.len()
                    + diagnostic.help.as_ref().map_or(0, String::len)
                    + diagnostic
                        .related
                        .iter()
                        .map(|related| 64 + related.pointer.len() + related.note.len())
                        .sum::<usize>()
            })
            .sum();
        std::mem::size_of::<Self>()
            + self.path.len()
            + diagnostics
            + self.source.as_ref().map_or(0, Vec::len)
            + self.failure.as_ref().map_or(0, String::len)
            + self.skipped.as_ref().map_or(0, String::len)
    }

    /// A report for an input that was read but could not be parsed or was too
    /// large to read: its one finding, after the overrides; the source is kept
    /// for the snippet when the finding survives them.
    fn unchecked(
        path: String,
        endpoint: Option<Endpoint>,
        finding: Diagnostic,
        overrides: &Overrides,
        bytes: Option<Vec<u8>>,
    ) -> Self {
        let mut diagnostics = vec![finding];
        overrides.apply(&mut diagnostics);
        let source = bytes.filter(|_| !diagnostics.is_empty());
        Self {
            path,
            stdin: false,
            endpoint,
            kind: None,
            diagnostics,
            source,
            failure: None,
            skipped: None,
            deny_warnings: false,
        }
    }

    /// A report for an input that was skipped, and why.
    pub(crate) fn skipped(path: String, reason: String) -> Self {
        Self {
            path,
            stdin: false,
            endpoint: None,
            kind: None,
            diagnostics: Vec::new(),
            source: None,
            failure: None,
            skipped: Some(reason),
            deny_warnings: false,
        }
    }

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
            skipped: None,
            deny_warnings: false,
        }
    }
}

/// Lints one target with its settings (`settings[target.profile]`).
pub(crate) fn lint(target: &Target, settings: &[Settings<'_>]) -> FileReport {
    let input = &target.input;
    let Some(settings) = settings.get(target.profile) else {
        return FileReport::failed(
            input.display(),
            None,
            "internal error: no settings".to_owned(),
        );
    };
    let mut report = match &target.excluded {
        Some(reason) => FileReport::skipped(input.display(), reason.clone()),
        None => lint_one(input, target.walked, settings),
    };
    report.stdin = *input == Input::Stdin;
    report.deny_warnings = settings.deny_warnings;
    report
}

fn lint_one(input: &Input, walked: bool, settings: &Settings<'_>) -> FileReport {
    let overrides = settings.overrides;
    let path = input.display();
    let hint = settings
        .forced
        .or_else(|| input.path().and_then(cc_validate::endpoint_from_path));
    let bytes = match input.read(settings.max_file_size) {
        Ok(Contents::Bytes(bytes)) => bytes,
        Ok(Contents::TooLarge { size }) => {
            let finding = too_large(input, size, settings.max_file_size);
            return FileReport::unchecked(path, hint, finding, overrides, None);
        }
        Err(error) => return FileReport::failed(path, hint, format!("cannot read: {error}")),
    };
    check_bytes(path, hint, bytes, walked, settings)
}

/// Checks an input's bytes (read from a file or standard input, or an
/// editor's buffer): parse, decide the endpoint (`hint` first, then the
/// content), validate, apply the overrides.
pub(crate) fn check_bytes(
    path: String,
    hint: Option<Endpoint>,
    bytes: Vec<u8>,
    walked: bool,
    settings: &Settings<'_>,
) -> FileReport {
    let overrides = settings.overrides;
    let document = match Document::parse(&bytes) {
        Ok(document) => document,
        Err(diagnostic) => {
            let kept = (settings.keep_source != KeepSource::None).then_some(bytes);
            return FileReport::unchecked(path, hint, *diagnostic, overrides, kept);
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
            Detection::Unknown if walked && !settings.strict_detection => {
                return FileReport::skipped(
                    path,
                    "its endpoint cannot be told: it fits no endpoint's payloads".to_owned(),
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
    let source = match settings.keep_source {
        KeepSource::All => Some(bytes),
        KeepSource::WithFindings if !diagnostics.is_empty() => Some(bytes),
        _ => None,
    };
    FileReport {
        path,
        stdin: false,
        endpoint: Some(endpoint),
        kind: Some(kind),
        diagnostics,
        source,
        failure: None,
        skipped: None,
        deny_warnings: false,
    }
}

/// The `file-too-large` finding for an input above `limit` bytes.
fn too_large(input: &Input, size: Option<u64>, limit: u64) -> Diagnostic {
    let what = match input {
        Input::File(_) => "the file",
        Input::Stdin => "the input",
    };
    let limit = format_size(limit);
    let message = match size {
        Some(size) => format!(
            "{what} is {}, larger than the {limit} limit; it was not read",
            format_size(size)
        ),
        None => format!("{what} is larger than the {limit} limit; it was not read past it"),
    };
    Diagnostic::new(Rule::FileTooLarge, "", message)
        .with_help("if it really is a payload, raise the limit with --max-file-size SIZE")
}
