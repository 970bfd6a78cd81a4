//! The inputs besides a payload: a process template and a host, given like a
//! payload (`bytes`, `str`, `dict`), read as `cc-lint --template` and `--host`
//! read their files.

use crate::errors::{self, Kind};
use crate::input;
use cc_model::{Host, ProcessTemplateSpec};
use cc_validate::Document;
use pyo3::prelude::*;
use serde_json::Value;

/// The JSON value of the argument `what`; invalid JSON is an `InputError`
/// naming the line and column.
pub(crate) fn json_value(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    let source = input::source(value, what)?;
    Document::parse(&source)
        .map(|document| document.value)
        .map_err(|syntax| {
            let at = syntax
                .location
                .map(|location| format!(":{}:{}", location.line, location.column))
                .unwrap_or_default();
            errors::new(
                value.py(),
                Kind::Input,
                format!("{what}{at}: {}", syntax.message),
            )
        })
}

/// The process template the argument holds (a template spec, a
/// `batch_create_proc_template` request with one process, or a
/// `get_proc_template` / `list_proc_template` response).
pub(crate) fn template(value: &Bound<'_, PyAny>) -> PyResult<ProcessTemplateSpec> {
    let json = json_value(value, "template")?;
    cc_validate::load_template(&json)
        .map(|(template, _)| template)
        .map_err(|error| errors::new(value.py(), Kind::Input, format!("template: {error}")))
}

/// The host the argument holds.
pub(crate) fn host(value: &Bound<'_, PyAny>) -> PyResult<Host> {
    let json = json_value(value, "host")?;
    cc_validate::load_host(&json)
        .map_err(|error| errors::new(value.py(), Kind::Input, format!("host: {error}")))
}
