//! Arguments that name things: endpoints, payload kinds and rule ids, each
//! refused with a suggestion when it names nothing; and the `allow`, `warn`
//! and `deny` lists.

use crate::errors::{self, Kind};
use crate::json_text::type_name;
use cc_validate::{Endpoint, Level, Overrides, PayloadKind, Rule};
use pyo3::prelude::*;
use pyo3::types::PyString;

/// The text of a `str` argument named `what`.
fn text(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    match value.cast::<PyString>() {
        Ok(text) => Ok(text.to_cow()?.into_owned()),
        Err(_) => Err(errors::new(
            value.py(),
            Kind::ArgumentType,
            format!("{what} must be a str, not {}", type_name(value)),
        )),
    }
}

/// The closest of `known` to `name`, when it is close enough to suggest.
fn closest<'k>(name: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    known
        .map(|candidate| (strsim::jaro_winkler(name, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion
        .map(|name| format!(" (did you mean `{name}`?)"))
        .unwrap_or_default()
}

/// The endpoint `value` names.
pub(crate) fn endpoint(value: &Bound<'_, PyAny>) -> PyResult<Endpoint> {
    let name = text(value, "endpoint")?;
    name.parse::<Endpoint>().map_err(|_| {
        let suggestion = closest(&name, Endpoint::ALL.iter().map(|endpoint| endpoint.name()));
        errors::new(
            value.py(),
            Kind::UnknownEndpoint,
            format!(
                "unknown endpoint `{name}`{}; cc_lint.endpoints() lists them",
                did_you_mean(suggestion)
            ),
        )
    })
}

/// `"request"` or `"response"`.
pub(crate) fn kind(value: &Bound<'_, PyAny>) -> PyResult<PayloadKind> {
    match text(value, "kind")?.as_str() {
        "request" => Ok(PayloadKind::Request),
        "response" => Ok(PayloadKind::Response),
        other => Err(errors::new(
            value.py(),
            Kind::ArgumentValue,
            format!("kind must be \"request\" or \"response\", not {other:?}"),
        )),
    }
}

/// The rule `id` names.
pub(crate) fn rule(py: Python<'_>, id: &str) -> PyResult<Rule> {
    id.parse::<Rule>().map_err(|_| {
        let suggestion = closest(id, Rule::ALL.iter().map(|rule| rule.id()));
        errors::new(
            py,
            Kind::UnknownRule,
            format!(
                "unknown rule `{id}`{}; cc_lint.rules() lists them",
                did_you_mean(suggestion)
            ),
        )
    })
}

/// The rule a `str` argument names.
pub(crate) fn rule_arg(value: &Bound<'_, PyAny>) -> PyResult<Rule> {
    rule(value.py(), &text(value, "rule")?)
}

/// The overrides of the `allow`, `warn` and `deny` arguments, applied in that
/// order (a rule in two lists gets the later one). Each is a rule id or an
/// iterable of them.
pub(crate) fn overrides(lists: [(&str, Option<&Bound<'_, PyAny>>); 3]) -> PyResult<Overrides> {
    let mut overrides = Overrides::new();
    for (what, list) in lists {
        let Some(list) = list else { continue };
        let level = match what {
            "allow" => Level::Allow,
            "warn" => Level::Warn,
            _ => Level::Deny,
        };
        let py = list.py();
        if list.is_instance_of::<PyString>() {
            overrides.set(rule(py, &text(list, what)?)?, level);
            continue;
        }
        let items = list.try_iter().map_err(|_| {
            errors::new(
                py,
                Kind::ArgumentType,
                format!(
                    "{what} must be a rule id or an iterable of rule ids, not {}",
                    type_name(list)
                ),
            )
        })?;
        for item in items {
            let id = text(&item?, &format!("each rule id of {what}"))?;
            overrides.set(rule(py, &id)?, level);
        }
    }
    Ok(overrides)
}
