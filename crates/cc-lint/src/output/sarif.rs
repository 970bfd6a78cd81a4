//! `--format sarif`: a SARIF 2.1.0 log with one run, for code-scanning tools
//! (GitHub code scanning, IDE viewers).
//!
//! The driver lists every rule of the catalogue; each finding is a result with
//! the rule's id and index, its level, the library's message, the file and the
//! 1-based line and column (in Unicode code points, which `columnKind` says),
//! related places and the JSON pointer. Inputs that could not be checked are
//! tool execution notifications. No source text is ever copied into the log, so
//! a credential in a payload cannot reach it.

use crate::lint::FileReport;
use cc_validate::{Diagnostic, Level, Location, Overrides, Related, Rule, Severity};
use serde_json::{Map, Value, json};
use std::fmt::Write as _;

/// Where the log says its schema is.
pub(crate) const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The whole log.
pub(crate) fn render(reports: &[FileReport], overrides: &Overrides) -> Value {
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|report| {
            report
                .diagnostics
                .iter()
                .map(move |diagnostic| result(report, diagnostic))
        })
        .collect();
    let notifications: Vec<Value> = reports
        .iter()
        .filter_map(|report| {
            let (level, text) = match (&report.failure, &report.skipped) {
                (Some(failure), _) => ("error", failure.clone()),
                (None, Some(reason)) => ("note", format!("skipped: {reason}")),
                (None, None) => return None,
            };
            Some(json!({
                "level": level,
                "message": {"text": text},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(report)}}],
            }))
        })
        .collect();
    let failed = reports.iter().any(|report| report.failure.is_some());
    let mut invocation = json!({
        "executionSuccessful": !failed,
        "toolExecutionNotifications": notifications,
    });
    let configuration = configuration_overrides(overrides);
    if !configuration.is_empty() {
        invocation["ruleConfigurationOverrides"] = Value::Array(configuration);
    }
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "cc-lint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": Rule::ALL.iter().map(|rule| descriptor(*rule)).collect::<Vec<_>>(),
                },
            },
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// A rule's `reportingDescriptor`.
fn descriptor(rule: Rule) -> Value {
    let doc = rule.doc();
    let endpoint = doc.endpoint.name();
    let text = format!(
        "{}\n\nThe examples are {endpoint} requests.\n\nFailing example:\n{}\n\nPassing example:\n{}",
        doc.explanation, doc.bad, doc.good
    );
    let markdown = format!(
        "{}\n\nThe examples are `{endpoint}` requests.\n\nFailing example:\n\n```json\n{}\n```\n\n\
         Passing example:\n\n```json\n{}\n```",
        doc.explanation, doc.bad, doc.good
    );
    json!({
        "id": rule.id(),
        "name": camel_case(rule.id()),
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": doc.explanation},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": level(rule.default_severity())},
    })
}

/// `json-syntax` → `JsonSyntax`.
fn camel_case(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

const fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn rule_index(rule: Rule) -> usize {
    Rule::ALL
        .iter()
        .position(|candidate| *candidate == rule)
        .unwrap_or_default()
}

/// The `--allow`, `--warn` and `--deny` flags, as the invocation's
/// `ruleConfigurationOverrides`.
fn configuration_overrides(overrides: &Overrides) -> Vec<Value> {
    Rule::ALL
        .iter()
        .enumerate()
        .filter_map(|(index, rule)| {
            let configuration = match overrides.level(*rule)? {
                Level::Allow => json!({"enabled": false}),
                Level::Warn => json!({"level": "warning"}),
                Level::Deny => json!({"level": "error"}),
            };
            Some(json!({
                "descriptor": {"id": rule.id(), "index": index},
                "configuration": configuration,
            }))
        })
        .collect()
}

fn result(report: &FileReport, diagnostic: &Diagnostic) -> Value {
    let mut value = json!({
        "ruleId": diagnostic.rule.id(),
        "ruleIndex": rule_index(diagnostic.rule),
        "level": level(diagnostic.severity),
        "message": {"text": diagnostic.message},
        "locations": [{"physicalLocation": physical(report, diagnostic.location)}],
    });
    if !diagnostic.related.is_empty() {
        value["relatedLocations"] = diagnostic
            .related
            .iter()
            .zip(1..)
            .map(|(related, id)| related_location(report, related, id))
            .collect();
    }
    value["properties"] = json!({"pointer": diagnostic.pointer});
    value
}

fn related_location(report: &FileReport, related: &Related, id: u64) -> Value {
    json!({
        "id": id,
        "physicalLocation": physical(report, related.location),
        "message": {"text": related.note},
        "properties": {"pointer": related.pointer},
    })
}

fn physical(report: &FileReport, location: Option<Location>) -> Value {
    let mut physical = Map::new();
    physical.insert("artifactLocation".to_owned(), artifact(report));
    if let Some(location) = location {
        physical.insert(
            "region".to_owned(),
            json!({"startLine": location.line, "startColumn": location.column}),
        );
    }
    Value::Object(physical)
}

/// The input as an `artifactLocation`: its path as a URI reference, or, for
/// standard input, only a description.
fn artifact(report: &FileReport) -> Value {
    if report.stdin {
        json!({"description": {"text": "standard input"}})
    } else {
        json!({"uri": path_to_uri(&report.path)})
    }
}

/// The path as given, as a URI reference: forward slashes, relative paths stay
/// relative, and every byte outside the characters a URI path may hold
/// percent-encoded (so `:` is too, lest a first segment read as a scheme).
pub(crate) fn path_to_uri(path: &str) -> String {
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_owned()
    };
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        let plain = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            );
        if plain {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_camel_case_names() {
        assert_eq!(camel_case("json-syntax"), "JsonSyntax");
        assert_eq!(camel_case("schema"), "Schema");
        assert_eq!(
            camel_case("duplicate-func-name-regex"),
            "DuplicateFuncNameRegex"
        );
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_to_uri("inputs/a.json"), "inputs/a.json");
        assert_eq!(path_to_uri("/tmp/x y/a.json"), "/tmp/x%20y/a.json");
        assert_eq!(path_to_uri("a:b%c#d?.json"), "a%3Ab%25c%23d%3F.json");
        assert_eq!(path_to_uri("é.json"), "%C3%A9.json");
    }

    #[test]
    fn a_finding_without_a_location_has_no_region() {
        let report = FileReport::failed("a.json".to_owned(), None, String::new());
        assert_eq!(
            physical(&report, None),
            json!({"artifactLocation": {"uri": "a.json"}})
        );
        let location = Location {
            line: 2,
            column: 5,
            offset: 9,
        };
        assert_eq!(
            physical(&report, Some(location))["region"],
            json!({"startLine": 2, "startColumn": 5})
        );
    }

    #[test]
    fn rule_indices_follow_the_catalogue() {
        for (index, rule) in Rule::ALL.iter().enumerate() {
            assert_eq!(rule_index(*rule), index);
        }
    }
}
