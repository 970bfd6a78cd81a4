//! `cc_lint.Diagnostic` and `cc_lint.Related`: one finding, frozen, with the
//! fields and the dictionary form of an entry of `cc-lint --format json`.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// Another place a finding refers to (the first occurrence of a repeated key,
/// say).
#[pyclass(frozen, eq, hash, module = "cc_lint", name = "Related")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Related {
    /// RFC 6901 JSON pointer of the other place.
    #[pyo3(get)]
    pointer: String,
    /// 1-based line, when the payload was text.
    #[pyo3(get)]
    line: Option<usize>,
    /// 1-based column in characters, when the payload was text.
    #[pyo3(get)]
    column: Option<usize>,
    /// What is there.
    #[pyo3(get)]
    note: String,
}

#[pymethods]
impl Related {
    /// The related place as in `cc-lint --format json`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("pointer", &self.pointer)?;
        dict.set_item("line", self.line)?;
        dict.set_item("column", self.column)?;
        dict.set_item("note", &self.note)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Related {}{}: {}>",
            position(self.line, self.column),
            show_pointer(&self.pointer),
            self.note
        )
    }
}

/// One finding: which rule, how serious, where, and what is wrong.
#[pyclass(frozen, eq, hash, module = "cc_lint", name = "Diagnostic")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Diagnostic {
    /// The rule's id, such as `"schema"`.
    #[pyo3(get)]
    rule: &'static str,
    /// `"error"` or `"warning"`, after the overrides.
    #[pyo3(get)]
    severity: &'static str,
    /// RFC 6901 JSON pointer to the offending value (or key).
    #[pyo3(get)]
    pointer: String,
    /// 1-based line, when the payload was text.
    #[pyo3(get)]
    line: Option<usize>,
    /// 1-based column in characters, when the payload was text.
    #[pyo3(get)]
    column: Option<usize>,
    /// What is wrong.
    #[pyo3(get)]
    message: String,
    /// How to fix it, when there is more to say.
    #[pyo3(get)]
    help: Option<String>,
    related: Vec<Related>,
    fix: Option<Fix>,
}

/// A finding's fix, as `cc-lint --format json` writes it: safe or unsafe, what
/// it does, and its byte edits of the payload's text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Fix {
    applicability: &'static str,
    message: String,
    /// `(start, end, replacement)`: byte offsets into the text.
    edits: Vec<(usize, usize, String)>,
}

impl Fix {
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("applicability", self.applicability)?;
        dict.set_item("message", &self.message)?;
        let edits = self
            .edits
            .iter()
            .map(|(start, end, replacement)| {
                let edit = PyDict::new(py);
                edit.set_item("start", start)?;
                edit.set_item("end", end)?;
                edit.set_item("replacement", replacement)?;
                Ok(edit)
            })
            .collect::<PyResult<Vec<_>>>()?;
        dict.set_item("edits", edits)?;
        Ok(dict)
    }
}

impl From<&cc_validate::Diagnostic> for Diagnostic {
    fn from(diagnostic: &cc_validate::Diagnostic) -> Self {
        Self {
            rule: diagnostic.rule.id(),
            severity: diagnostic.severity.name(),
            pointer: diagnostic.pointer.clone(),
            line: diagnostic.location.map(|location| location.line),
            column: diagnostic.location.map(|location| location.column),
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            related: diagnostic
                .related
                .iter()
                .map(|related| Related {
                    pointer: related.pointer.clone(),
                    line: related.location.map(|location| location.line),
                    column: related.location.map(|location| location.column),
                    note: related.note.clone(),
                })
                .collect(),
            fix: diagnostic.fix.as_ref().map(|fix| Fix {
                applicability: fix.applicability.name(),
                message: fix.message.clone(),
                edits: fix
                    .edits
                    .iter()
                    .map(|edit| (edit.range.start, edit.range.end, edit.replacement.clone()))
                    .collect(),
            }),
        }
    }
}

#[pymethods]
impl Diagnostic {
    /// Other places the finding refers to.
    #[getter]
    fn related<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.related.iter().cloned())
    }

    /// The fix `cc-lint --fix` would apply for the finding, as a dict
    /// (`applicability` `"safe"` or `"unsafe"`, `message`, `edits` of the
    /// payload's text as byte offsets), or `None`.
    #[getter]
    fn fix<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.fix.as_ref().map(|fix| fix.to_dict(py)).transpose()
    }

    /// True for errors.
    #[getter]
    fn is_error(&self) -> bool {
        self.severity == "error"
    }

    /// The finding as an entry of `diagnostics` in `cc-lint --format json`:
    /// `help`, `related` and `fix` only when there are some.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("severity", self.severity)?;
        dict.set_item("rule", self.rule)?;
        dict.set_item("pointer", &self.pointer)?;
        dict.set_item("line", self.line)?;
        dict.set_item("column", self.column)?;
        dict.set_item("message", &self.message)?;
        if let Some(help) = &self.help {
            dict.set_item("help", help)?;
        }
        if !self.related.is_empty() {
            let related = self
                .related
                .iter()
                .map(|related| related.to_dict(py))
                .collect::<PyResult<Vec<_>>>()?;
            dict.set_item("related", related)?;
        }
        if let Some(fix) = &self.fix {
            dict.set_item("fix", fix.to_dict(py)?)?;
        }
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Diagnostic {}[{}] {}{}: {}>",
            self.severity,
            self.rule,
            position(self.line, self.column),
            show_pointer(&self.pointer),
            self.message
        )
    }

    /// `LINE:COLUMN: SEVERITY[RULE]: MESSAGE`, as the terminal output's first line.
    fn __str__(&self) -> String {
        let at = match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{line}:{column}: "),
            _ => String::new(),
        };
        format!("{at}{}[{}]: {}", self.severity, self.rule, self.message)
    }
}

/// `6:19 ` when known.
fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!("{line}:{column} "),
        _ => String::new(),
    }
}

/// The pointer, or `/` for the whole payload.
fn show_pointer(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}
