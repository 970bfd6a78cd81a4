//! Turns `jsonschema` errors into [`Diagnostic`]s with messages a user
//! understands. The jsonschema types never leave this module.

use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::pointer::escape_token;
use crate::vocab::rule::Rule;
use crate::vocab::severity::Severity;
use crate::vocab::wording::{
    field_label, found, is_secret, one_of, quoted, schema_type_phrase, type_phrase,
};
use jsonschema::error::{ValidationError, ValidationErrorKind};
use serde_json::Value;

/// Appends the diagnostics for one schema error.
pub(crate) fn push(error: &ValidationError<'_>, schema: &Value, out: &mut Vec<Diagnostic>) {
    let pointer = error.instance_path().as_str().to_owned();
    let schema_path = error.schema_path().as_str().to_owned();
    let instance = error.instance();
    let label = field_label(&pointer);
    let node = parent_node(schema, &schema_path);
    let message = match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let known: Vec<&str> = node
                .and_then(|node| node.get("properties"))
                .and_then(Value::as_object)
                .map(|properties| properties.keys().map(String::as_str).collect())
                .unwrap_or_default();
            for key in unexpected {
                out.push(unknown_key(&pointer, key, &known, &schema_path));
            }
            return;
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            push_alternatives(error, context, schema, out);
            return;
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            if pointer.is_empty() {
                format!("missing required field `{name}`")
            } else {
                format!("{label} is missing required field `{name}`")
            }
        }
        ValidationErrorKind::Type { .. } => {
            let expected = node.map_or_else(Vec::new, expected_types);
            format!(
                "{label} must be {}, got {}",
                one_of(&expected),
                type_and_value(&pointer, instance)
            )
        }
        ValidationErrorKind::Minimum { .. }
        | ValidationErrorKind::Maximum { .. }
        | ValidationErrorKind::ExclusiveMinimum { .. }
        | ValidationErrorKind::ExclusiveMaximum { .. } => {
            range_message(&label, node, &found(&pointer, instance))
        }
        ValidationErrorKind::MinLength { .. } | ValidationErrorKind::MaxLength { .. } => {
            length_message(&label, node, instance)
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<String> = options
                .as_array()
                .map(|items| items.iter().map(show_option).collect())
                .unwrap_or_default();
            format!(
                "{label} must be one of {}, got {}",
                one_of(&allowed),
                found(&pointer, instance)
            )
        }
        ValidationErrorKind::Constant { expected_value } => format!(
            "{label} must be {}, got {}",
            show_option(expected_value),
            found(&pointer, instance)
        ),
        ValidationErrorKind::MaxItems { limit } => {
            let message = format!(
                "{label} has {} items, at most {limit} are allowed in one call",
                instance.as_array().map_or(0, Vec::len)
            );
            out.push(
                Diagnostic::new(Rule::TooManyItems, pointer, message)
                    .with_schema_path(schema_path)
                    .with_help("split the payload into several calls"),
            );
            return;
        }
        ValidationErrorKind::MinItems { limit } => {
            let count = instance.as_array().map_or(0, Vec::len);
            if *limit == 1 && count == 0 {
                format!("{label} must not be empty")
            } else {
                format!("{label} must have at least {limit} items, got {count}")
            }
        }
        ValidationErrorKind::Pattern { .. } => pattern_message(&label, &pointer, instance),
        _ => format!("{label}: {}", error.masked()),
    };
    let rule = if schema_path.starts_with("/$defs/BindType/") {
        Rule::BindIpCode
    } else {
        Rule::Schema
    };
    out.push(Diagnostic::new(rule, pointer, message).with_schema_path(schema_path));
}

/// A string that does not match its field's pattern. The only patterns are the
/// process timestamps' (`cc_model::timestamp`).
fn pattern_message(label: &str, pointer: &str, instance: &Value) -> String {
    let got = found(pointer, instance);
    if pointer.ends_with("/create_time") || pointer.ends_with("/last_time") {
        format!(
            "{label} must be null or an RFC 3339 timestamp such as \"2019-06-19T15:24:04.763+08:00\", got {got}: the server fails to decode the process and refuses the request"
        )
    } else {
        format!("{label} does not have the form its field takes, got {got}")
    }
}

/// A key the schema does not know: `key-case` when it matches a known key but
/// for case (the server's decoder matches keys case-insensitively), else
/// `unknown-field` with the closest known key as a suggestion.
fn unknown_key(pointer: &str, key: &str, known: &[&str], schema_path: &str) -> Diagnostic {
    let member = format!("{pointer}/{}", escape_token(key));
    if let Some(canonical) = known.iter().find(|known| known.eq_ignore_ascii_case(key)) {
        return Diagnostic::new(
            Rule::KeyCase,
            member,
            format!("`{key}` matches the field `{canonical}` only when case is ignored"),
        )
        .at_key()
        .with_schema_path(schema_path)
        .with_help(format!(
            "the server reads it as `{canonical}`, other tools may not: write `{canonical}`"
        ))
        .with_fix_hint(*canonical);
    }
    let mut diagnostic =
        Diagnostic::new(Rule::UnknownField, member, format!("unknown field `{key}`"))
            .at_key()
            .with_schema_path(schema_path);
    // A key within a typo of a field of its object is that field misspelt: the
    // field the author meant is not set, so the payload cannot mean what it says
    // (an error). Any other key may be a newer server's field (a warning, with
    // the most similar field as a hint when one is similar enough).
    if let Some(field) = misspelt(key, known) {
        // A fix renames the key only to the one field it can be a typo of.
        if let Some(only) = single_typo_of(key, known) {
            diagnostic = diagnostic.with_fix_hint(only);
        }
        return diagnostic.with_help(format!(
            "did you mean `{field}`? the server ignores keys it does not know, so `{field}` is not set"
        ));
    }
    diagnostic.severity = Severity::Warning;
    match closest(key, known) {
        Some(suggestion) => diagnostic.with_help(format!(
            "did you mean `{suggestion}`? the server ignores keys it does not know"
        )),
        None => diagnostic.with_help("the server ignores keys it does not know"),
    }
}

/// The known key `key` is a typo of: within one edit (insertion, deletion,
/// substitution or swap of two neighbours) for keys of up to five characters,
/// two for longer ones; the nearest, the first of equals.
fn misspelt<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let limit = if key.chars().count() <= 5 { 1 } else { 2 };
    known
        .iter()
        .map(|candidate| (strsim::osa_distance(key, candidate), *candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// The known key `key` is a typo of, when it is a typo of exactly one (see
/// [`misspelt`]).
fn single_typo_of<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let limit = if key.chars().count() <= 5 { 1 } else { 2 };
    let mut within = known
        .iter()
        .filter(|candidate| strsim::osa_distance(key, candidate) <= limit);
    match (within.next(), within.next()) {
        (Some(only), None) => Some(*only),
        _ => None,
    }
}

/// The known key most similar to `key`, when it is similar enough to be a typo.
fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|candidate| (strsim::jaro_winkler(key, candidate), *candidate))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// An `anyOf`/`oneOf` failed. Branches that failed only because the value has
/// another type say nothing useful (`null` is not a string); when one branch is
/// left, its own errors are the real problem. Otherwise report the types accepted.
fn push_alternatives(
    error: &ValidationError<'_>,
    context: &[Vec<ValidationError<'static>>],
    schema: &Value,
    out: &mut Vec<Diagnostic>,
) {
    let pointer = error.instance_path().as_str();
    let mut expected = Vec::new();
    let mut relevant = Vec::new();
    for branch in context {
        let type_only = branch.iter().all(|inner| {
            matches!(inner.kind(), ValidationErrorKind::Type { .. })
                && inner.instance_path().as_str() == pointer
        });
        if type_only {
            for inner in branch {
                if let Some(node) = parent_node(schema, inner.schema_path().as_str()) {
                    for ty in expected_types(node) {
                        if !expected.contains(&ty) {
                            expected.push(ty);
                        }
                    }
                }
            }
        } else {
            relevant.push(branch);
        }
    }
    if let Some(branch) = relevant.first() {
        for inner in *branch {
            push(inner, schema, out);
        }
        return;
    }
    let label = field_label(pointer);
    let message = format!(
        "{label} must be {}, got {}",
        one_of(&expected),
        type_and_value(pointer, error.instance())
    );
    out.push(
        Diagnostic::new(Rule::Schema, pointer, message)
            .with_schema_path(error.schema_path().as_str()),
    );
}

/// Drops findings that repeat a type error on the same value: `3` for a protocol
/// code is a wrong type, and saying it is also not one of the codes adds nothing.
pub(crate) fn drop_repeats(diagnostics: &mut Vec<Diagnostic>) {
    let typed: Vec<String> = diagnostics
        .iter()
        .filter(|diagnostic| is_type_error(diagnostic))
        .map(|diagnostic| diagnostic.pointer.clone())
        .collect();
    if typed.is_empty() {
        return;
    }
    diagnostics.retain(|diagnostic| {
        diagnostic.rule != Rule::Schema
            || is_type_error(diagnostic)
            || !typed.contains(&diagnostic.pointer)
    });
}

fn is_type_error(diagnostic: &Diagnostic) -> bool {
    diagnostic.rule == Rule::Schema
        && diagnostic
            .schema_path
            .as_deref()
            .is_some_and(|path| path.ends_with("/type") || path.ends_with("/anyOf"))
}

/// The schema object holding the failed keyword: the parent of `schema_path`.
fn parent_node<'s>(schema: &'s Value, schema_path: &str) -> Option<&'s Value> {
    let parent = schema_path
        .rsplit_once('/')
        .map_or("", |(parent, _)| parent);
    schema.pointer(parent)
}

/// The types a schema node accepts, as phrases.
fn expected_types(node: &Value) -> Vec<String> {
    match node.get("type") {
        Some(Value::String(name)) => vec![schema_type_phrase(name)],
        Some(Value::Array(names)) => names
            .iter()
            .filter_map(Value::as_str)
            .map(schema_type_phrase)
            .collect(),
        _ => Vec::new(),
    }
}

/// `string "5"`, `integer 7`, `an object`.
fn type_and_value(pointer: &str, value: &Value) -> String {
    if is_secret(pointer) {
        return type_phrase(value).to_owned();
    }
    match value {
        Value::Null => "null".to_owned(),
        Value::Array(_) | Value::Object(_) => found(pointer, value),
        Value::String(_) => format!("string {}", found(pointer, value)),
        Value::Number(_) => format!("number {}", found(pointer, value)),
        Value::Bool(_) => format!("boolean {}", found(pointer, value)),
    }
}

fn show_option(value: &Value) -> String {
    match value {
        Value::String(text) => quoted(text),
        other => other.to_string(),
    }
}

fn number(node: Option<&Value>, key: &str) -> Option<String> {
    node.and_then(|node| node.get(key)).map(ToString::to_string)
}

fn range_message(label: &str, node: Option<&Value>, got: &str) -> String {
    let min = number(node, "minimum");
    let max = number(node, "maximum");
    let bounds = match (min, max) {
        (Some(min), Some(max)) => format!("between {min} and {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => match (
            number(node, "exclusiveMinimum"),
            number(node, "exclusiveMaximum"),
        ) {
            (Some(min), _) => format!("greater than {min}"),
            (_, Some(max)) => format!("less than {max}"),
            _ => "in range".to_owned(),
        },
    };
    format!("{label} must be {bounds}, got {got}")
}

fn length_message(label: &str, node: Option<&Value>, instance: &Value) -> String {
    let length = instance.as_str().map_or(0, |text| text.chars().count());
    let min = node
        .and_then(|node| node.get("minLength"))
        .and_then(Value::as_u64);
    let max = node
        .and_then(|node| node.get("maxLength"))
        .and_then(Value::as_u64);
    if length == 0 && min.is_some() {
        return format!("{label} must not be empty");
    }
    match (min, max) {
        (Some(min), Some(max)) if min > 1 => {
            format!("{label} must be {min} to {max} characters long, got {length}")
        }
        (_, Some(max)) => format!("{label} must be at most {max} characters long, got {length}"),
        (Some(min), None) => {
            format!("{label} must be at least {min} characters long, got {length}")
        }
        (None, None) => format!("{label} has the wrong length ({length} characters)"),
    }
}
