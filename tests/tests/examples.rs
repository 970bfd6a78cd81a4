//! The payloads under `examples/` at the repository root, the ones the README's
//! `cargo run -p cc-lint -- examples/` lints: the valid ones give no finding at
//! all, and each broken one gives exactly one error, at a known place and with a
//! known message.
//!
//! The endpoint comes from the file name and the kind from the content, the way
//! the command line detects them.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot read or parse its own example should fail loudly"
)]

use cc_validate::{Diagnostic, Severity};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Examples that must lint clean.
const VALID: &[&str] = &[
    "batch_create_proc_template.valid.json",
    "update_process_instance.valid.json",
    "update_process_instance.clear-fields.valid.json",
];

/// An example with exactly one problem.
struct Broken {
    file: &'static str,
    rule: &'static str,
    pointer: &'static str,
    line: usize,
    column: usize,
    /// The source text found at `line:column`: the offending value.
    token: &'static str,
    message: &'static str,
}

const BROKEN: &[Broken] = &[
    Broken {
        file: "update_process_instance.out-of-range.json",
        rule: "schema",
        pointer: "/processes/0/priority",
        line: 6,
        column: 19,
        token: "20000",
        message: "`priority` must be between -100 and 10000, got 20000",
    },
    Broken {
        file: "update_process_instance.wrong-type.json",
        rule: "schema",
        pointer: "/processes/0/proc_num",
        line: 6,
        column: 19,
        token: "\"4\"",
        message: "`proc_num` must be an integer or null, got string \"4\"",
    },
    Broken {
        file: "batch_create_proc_template.missing-required.json",
        rule: "schema",
        pointer: "",
        line: 1,
        column: 1,
        token: "{",
        message: "missing required field `bk_biz_id`",
    },
    Broken {
        file: "batch_create_proc_template.bad-enum.json",
        rule: "schema",
        pointer: "/processes/0/spec/bind_info/value/0/protocol/value",
        line: 32,
        column: 26,
        token: "\"9\"",
        message: "`protocol.value` must be one of \"1\", \"2\", \"3\" or \"4\", got \"9\"",
    },
];

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples")
}

fn json_files() -> BTreeSet<String> {
    std::fs::read_dir(examples_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| Path::new(name).extension().is_some_and(|ext| ext == "json"))
        .collect()
}

/// Lints one example the way the command line does.
fn lint(file: &str) -> (String, Vec<Diagnostic>) {
    let path = examples_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let endpoint = cc_validate::endpoint_from_path(&path)
        .unwrap_or_else(|| panic!("{file}: no endpoint name in the file name"));
    let kind = cc_validate::payload_kind(&value);
    let findings = cc_validate::check(endpoint, kind, text.as_bytes()).unwrap();
    (text, findings)
}

#[test]
fn every_example_is_listed_here() {
    let listed: BTreeSet<String> = VALID
        .iter()
        .copied()
        .chain(BROKEN.iter().map(|broken| broken.file))
        .map(str::to_owned)
        .collect();
    assert_eq!(listed.len(), VALID.len() + BROKEN.len(), "listed twice");
    assert_eq!(listed, json_files());
}

#[test]
fn every_example_is_described_in_the_readme() {
    let readme = std::fs::read_to_string(examples_dir().join("README.md")).unwrap();
    for file in json_files() {
        assert!(
            readme.contains(&format!("`{file}`")),
            "examples/README.md does not describe `{file}`"
        );
    }
}

#[test]
fn valid_examples_have_no_findings() {
    for file in VALID {
        let (_, findings) = lint(file);
        // An edit checked without --raw or --template: raw-process-edit says,
        // once, that the payload cannot tell how the server writes it.
        let expected: &[&str] = if file.starts_with("update_process_instance") {
            &["raw-process-edit"]
        } else {
            &[]
        };
        let rules: Vec<&str> = findings.iter().map(|finding| finding.rule.id()).collect();
        assert_eq!(rules, expected, "{file}: {findings:#?}");
        assert!(!findings.iter().any(Diagnostic::is_error), "{file}");
    }
}

#[test]
fn broken_examples_have_exactly_one_error() {
    for broken in BROKEN {
        let (text, findings) = lint(broken.file);
        let file = broken.file;
        assert_eq!(findings.len(), 1, "{file}: {findings:#?}");
        let finding = &findings[0];
        assert_eq!(finding.severity, Severity::Error, "{file}");
        assert_eq!(finding.rule.id(), broken.rule, "{file}");
        assert_eq!(finding.pointer, broken.pointer, "{file}");
        assert_eq!(finding.message, broken.message, "{file}");
        let location = finding.location.unwrap();
        assert_eq!(
            (location.line, location.column),
            (broken.line, broken.column),
            "{file}"
        );
        // The recorded line and column point at the offending value in the file.
        let line = text.lines().nth(broken.line - 1).unwrap();
        let at: String = line.chars().skip(broken.column - 1).collect();
        assert!(
            at.starts_with(broken.token),
            "{file}: {}:{} is `{at}`, not `{}`",
            broken.line,
            broken.column,
            broken.token
        );
        assert!(text[location.offset..].starts_with(broken.token), "{file}");
    }
}
