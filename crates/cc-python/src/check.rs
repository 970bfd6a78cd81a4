//! `cc_lint.check`: a payload's findings, as `cc-lint` reports them for a
//! file holding the same bytes. The checking runs without the GIL.

use crate::barrier::guarded;
use crate::diagnostic::Diagnostic;
use crate::errors::{self, Kind};
use crate::{input, names, options};
use cc_validate::{CheckOptions, Detection, Document, Endpoint, Overrides, PayloadKind, Validator};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// Why a payload could not be checked.
enum Failure {
    /// Its endpoint cannot be told from its content: these endpoints fit it
    /// (none, or more than one).
    NotDetected(PayloadKind, Vec<Endpoint>),
    /// The embedded schema is broken (a build problem).
    Broken(cc_validate::Error),
}

/// Every finding of a payload, as `cc-lint` reports them for a file of the same bytes.
///
/// `payload` is the JSON text (`bytes` or `str`) or the parsed value (`dict` or
/// `list`, serialised once as `json.dumps(payload, indent=2, ensure_ascii=False)`
/// writes it: lines and columns refer to that text). `endpoint` is told from the
/// content when omitted (`EndpointNotDetectedError` names the candidates when it
/// cannot be); `kind` (`"request"` or `"response"`) from the top-level `result`,
/// `code` and `data` keys of a response. `template` and `host` (like a payload)
/// check `update_process_instance` edits against the process template they were
/// created from, as `cc-lint --template` and `--host` do; `raw=True` checks them
/// as edits of processes made without a template, written whole (`--raw`). `allow`, `warn` and
/// `deny` (a rule id or an iterable of them) drop or re-grade a rule's findings,
/// applied in that order. Invalid JSON is one `json-syntax` finding, not an
/// exception. The GIL is released while checking.
#[pyfunction]
#[pyo3(signature = (
    payload, endpoint = None, *, kind = None, template = None, host = None,
    raw = false, allow = None, warn = None, deny = None
))]
#[allow(clippy::too_many_arguments)] // The Python signature, keyword-only past `endpoint`.
pub(crate) fn check(
    py: Python<'_>,
    payload: &Bound<'_, PyAny>,
    endpoint: Option<&Bound<'_, PyAny>>,
    kind: Option<&Bound<'_, PyAny>>,
    template: Option<&Bound<'_, PyAny>>,
    host: Option<&Bound<'_, PyAny>>,
    raw: bool,
    allow: Option<&Bound<'_, PyAny>>,
    warn: Option<&Bound<'_, PyAny>>,
    deny: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Diagnostic>> {
    guarded(py, || {
        let source = input::source(payload, "payload")?;
        let endpoint = none_as_absent(endpoint).map(names::endpoint).transpose()?;
        let kind = none_as_absent(kind).map(names::kind).transpose()?;
        let template = none_as_absent(template)
            .map(options::template)
            .transpose()?;
        let host = none_as_absent(host).map(options::host).transpose()?;
        let overrides = names::overrides([
            ("allow", none_as_absent(allow)),
            ("warn", none_as_absent(warn)),
            ("deny", none_as_absent(deny)),
        ])?;
        let options = CheckOptions {
            template: template.as_ref(),
            host: host.as_ref(),
            raw,
        };
        let outcome = py.detach(|| run(&source, endpoint, kind, options, &overrides));
        match outcome {
            Ok(diagnostics) => Ok(diagnostics.iter().map(Diagnostic::from).collect()),
            Err(Failure::NotDetected(kind, candidates)) => Err(not_detected(py, kind, &candidates)),
            Err(Failure::Broken(error)) => Err(errors::new(py, Kind::Internal, error.to_string())),
        }
    })
}

/// An argument given as `None` is an argument not given.
fn none_as_absent<'a, 'py>(value: Option<&'a Bound<'py, PyAny>>) -> Option<&'a Bound<'py, PyAny>> {
    value.filter(|value| !value.is_none())
}

/// What `cc-lint` does with one file's bytes (`lint.rs`), from the parse on.
fn run(
    source: &[u8],
    endpoint: Option<Endpoint>,
    kind: Option<PayloadKind>,
    options: CheckOptions<'_>,
    overrides: &Overrides,
) -> Result<Vec<cc_validate::Diagnostic>, Failure> {
    let document = match Document::parse(source) {
        Ok(document) => document,
        Err(finding) => {
            let mut diagnostics = vec![*finding];
            overrides.apply(&mut diagnostics);
            return Ok(diagnostics);
        }
    };
    let kind = kind.unwrap_or_else(|| cc_validate::payload_kind(&document.value));
    let endpoint = match endpoint {
        Some(endpoint) => endpoint,
        None => match cc_validate::endpoint_from_content(&document.value, kind) {
            Detection::Found(endpoint) => endpoint,
            Detection::Ambiguous(candidates) => return Err(Failure::NotDetected(kind, candidates)),
            Detection::Unknown => return Err(Failure::NotDetected(kind, Vec::new())),
        },
    };
    let validator = Validator::get(endpoint, kind).map_err(Failure::Broken)?;
    let mut diagnostics = validator.check_document_with(&document, source, options);
    overrides.apply(&mut diagnostics);
    Ok(diagnostics)
}

/// `EndpointNotDetectedError(message, candidates)`.
fn not_detected(py: Python<'_>, kind: PayloadKind, candidates: &[Endpoint]) -> PyErr {
    let names: Vec<&str> = candidates.iter().map(|endpoint| endpoint.name()).collect();
    let message = match names.split_last() {
        None => format!(
            "cannot tell which endpoint this {kind} is for; pass endpoint=NAME \
             (cc_lint.endpoints() lists them)"
        ),
        Some((last, rest)) => {
            let fits = if rest.is_empty() {
                (*last).to_owned()
            } else {
                format!("{} and {last}", rest.join(", "))
            };
            format!(
                "cannot tell which endpoint this {kind} is for: it fits {fits}; pass endpoint=NAME"
            )
        }
    };
    match PyTuple::new(py, names) {
        Ok(candidates) => errors::with_args(py, Kind::EndpointNotDetected, (message, candidates)),
        Err(error) => error,
    }
}
