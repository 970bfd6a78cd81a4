//! `cc_lint.explain`, `cc_lint.rules`, `cc_lint.endpoints` and
//! `cc_lint.schema`: the rule catalogue and the schemas, as `cc-lint explain`
//! and `cc-lint schema` print them, as Python values.

use crate::barrier::guarded;
use crate::errors::{self, Kind};
use crate::names;
use crate::to_python::to_python;
use cc_validate::{Endpoint, PayloadKind, Rule};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// One rule's catalogue entry.
fn entry(py: Python<'_>, rule: Rule, full: bool) -> PyResult<Bound<'_, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("rule", rule.id())?;
    dict.set_item("severity", rule.default_severity().name())?;
    dict.set_item("summary", rule.summary())?;
    if full {
        let doc = rule.doc();
        dict.set_item("explanation", doc.explanation)?;
        dict.set_item("endpoint", doc.endpoint.name())?;
        dict.set_item("template", doc.template)?;
        dict.set_item("bad", doc.bad)?;
        dict.set_item("good", doc.good)?;
    }
    Ok(dict)
}

/// What a rule checks and why, with a failing and a passing example (`cc-lint
/// explain RULE`): a dict of `rule`, `severity` (the default), `summary`,
/// `explanation`, `endpoint` (the examples'), `template` (the template the
/// examples are checked against, or None), `bad` and `good`.
#[pyfunction]
pub(crate) fn explain<'py>(
    py: Python<'py>,
    rule: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    guarded(py, || entry(py, names::rule_arg(rule)?, true))
}

/// Every rule as a dict of `rule`, `severity` (the default) and `summary`, in
/// catalogue order (`cc-lint explain --list`).
#[pyfunction]
pub(crate) fn rules(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    guarded(py, || {
        Rule::ALL
            .iter()
            .map(|rule| entry(py, *rule, false))
            .collect()
    })
}

/// The names of the endpoints covered, requests and responses alike (`cc-lint
/// schema --list`).
#[pyfunction]
pub(crate) fn endpoints(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    guarded(py, || {
        Ok(Endpoint::ALL
            .iter()
            .map(|endpoint| endpoint.name())
            .collect())
    })
}

/// The JSON Schema of `endpoint`'s requests (`kind="request"`, the default) or
/// responses (`kind="response"`), as a fresh dict (`cc-lint schema`).
#[pyfunction]
#[pyo3(signature = (endpoint, kind = None))]
pub(crate) fn schema<'py>(
    py: Python<'py>,
    endpoint: &Bound<'py, PyAny>,
    kind: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(py, || {
        let endpoint = names::endpoint(endpoint)?;
        let kind = kind
            .filter(|kind| !kind.is_none())
            .map(names::kind)
            .transpose()?
            .unwrap_or(PayloadKind::Request);
        let value: serde_json::Value =
            serde_json::from_str(cc_validate::schema_text(endpoint, kind))
                .map_err(|error| errors::new(py, Kind::Internal, error.to_string()))?;
        to_python(py, &value)
    })
}
