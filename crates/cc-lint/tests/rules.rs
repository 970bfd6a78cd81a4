//! The rule catalogue on the command line: `explain RULE`, `explain --list`,
//! `--allow`/`--warn`/`--deny RULE`, `--deny-warnings`, and their exit codes.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod common;

use cc_validate::Rule;
use common::{json, run, stderr, stdout, write};
use serde_json::Value;
use std::path::PathBuf;
use tempfile::TempDir;

/// A schema error (line 3) and an unknown-field warning (line 4).
const ERROR_AND_WARNING: &str = r#"{
  "bk_biz_id": 1,
  "processes": [{"bk_process_id": 43, "priority": 20000,
                 "bk_extra_note": "nginx"}]
}
"#;

/// Only an unknown-field warning (every field given, so no `raw-process-edit`).
fn warning_only() -> String {
    common::complete_update(r#", "bk_extra_note": "nginx""#)
}

fn payload(dir: &TempDir, text: &str) -> PathBuf {
    write(dir.path(), "update_process_instance.json", text)
}

/// (severity, rule) of every finding of a `--format json` run.
fn findings(document: &Value) -> Vec<(String, String)> {
    document["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| {
            (
                diagnostic["severity"].as_str().unwrap().to_owned(),
                diagnostic["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pair(severity: &str, rule: &str) -> (String, String) {
    (severity.to_owned(), rule.to_owned())
}

#[test]
fn explain_prints_the_whole_catalogue_entry() {
    for rule in Rule::ALL {
        let output = run(&["explain", rule.id()]);
        assert_eq!(output.status.code(), Some(0), "{rule}");
        let text = stdout(&output);
        let doc = rule.doc();
        assert!(
            text.starts_with(&format!("rule:      {}\n", rule.id())),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "severity:  {} (by default)\n",
                rule.default_severity()
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!("summary:   {}\n", doc.summary)),
            "{text}"
        );
        // The explanation is wrapped, word for word.
        let words: Vec<&str> = text.split_whitespace().collect();
        let explanation: Vec<&str> = doc.explanation.split_whitespace().collect();
        assert!(
            words
                .windows(explanation.len())
                .any(|window| window == explanation),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "Failing example (a request to {}, reported by this rule):\n    {}\n",
                doc.endpoint.name(),
                doc.bad
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "Passing example (the same request, fixed):\n    {}\n",
                doc.good
            )),
            "{text}"
        );
        assert!(text.lines().all(|line| !line.ends_with(' ')), "{text}");
    }
}

#[test]
fn explain_list_prints_one_aligned_line_per_rule() {
    let output = run(&["explain", "--list"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), Rule::ALL.len());
    let width = Rule::ALL.iter().map(|rule| rule.id().len()).max().unwrap();
    for (line, rule) in lines.iter().zip(Rule::ALL) {
        let severity = rule.default_severity().name();
        assert_eq!(
            *line,
            format!("{:width$}  {severity:7}  {}", rule.id(), rule.summary()),
        );
    }
}

#[test]
fn explain_usage_errors_exit_two() {
    let output = run(&["explain", "no-such-rule"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    assert!(err.contains("unknown rule `no-such-rule`"), "{err}");
    assert!(err.contains("cc-lint explain --list"), "{err}");

    let output = run(&["explain", "unknown-feild"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("did you mean `unknown-field`?"));

    for args in [&["explain"][..], &["explain", "--list", "schema"]] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("Usage:"), "{args:?}");
    }
}

#[test]
fn without_overrides_errors_fail_and_warnings_do_not() {
    let dir = TempDir::new().unwrap();
    let path = payload(&dir, ERROR_AND_WARNING);
    let output = run(&["--format", "json", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        findings(&json(&output)),
        [pair("error", "schema"), pair("warning", "unknown-field")]
    );
    let path = payload(&dir, &warning_only());
    assert_eq!(run(&[path.to_str().unwrap()]).status.code(), Some(0));
}

#[test]
fn allow_drops_a_rules_findings() {
    let dir = TempDir::new().unwrap();
    let path = payload(&dir, ERROR_AND_WARNING);
    let output = run(&[
        "--format",
        "json",
        "--allow",
        "schema",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let document = json(&output);
    assert_eq!(findings(&document), [pair("warning", "unknown-field")]);
    assert_eq!(document["summary"]["errors"], 0);
    let output = run(&[
        "--allow",
        "schema",
        "--allow",
        "unknown-field",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "no problems found in 1 file\n");
}

#[test]
fn deny_and_warn_regrade_findings() {
    let dir = TempDir::new().unwrap();
    let path = payload(&dir, ERROR_AND_WARNING);
    let output = run(&[
        "--format",
        "json",
        "--deny",
        "unknown-field",
        "--warn",
        "schema",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        findings(&json(&output)),
        [pair("warning", "schema"), pair("error", "unknown-field")]
    );
    let output = run(&["--warn", "schema", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("warning[schema]"), "{text}");
    assert!(
        text.ends_with("found 0 errors and 2 warnings in 1 file\n"),
        "{text}"
    );
}

#[test]
fn the_last_flag_for_a_rule_wins() {
    let dir = TempDir::new().unwrap();
    let path = payload(&dir, &warning_only());
    let path = path.to_str().unwrap();
    let denied_then_allowed = run(&["--deny", "unknown-field", "--allow", "unknown-field", path]);
    assert_eq!(denied_then_allowed.status.code(), Some(0));
    let allowed_then_denied = run(&["--allow", "unknown-field", "--deny", "unknown-field", path]);
    assert_eq!(allowed_then_denied.status.code(), Some(1));
}

#[test]
fn deny_warnings_fails_on_warnings_but_prints_them_as_warnings() {
    let dir = TempDir::new().unwrap();
    let path = payload(&dir, &warning_only());
    let path = path.to_str().unwrap();
    for format in ["human", "json", "github", "sarif"] {
        let output = run(&["--deny-warnings", "--format", format, path]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        let text = stdout(&output);
        match format {
            "human" => assert!(
                text.contains("warning[unknown-field]") && !text.contains("error["),
                "{text}"
            ),
            "github" => assert!(
                text.starts_with("::warning ") && !text.contains("::error"),
                "{text}"
            ),
            "json" => assert_eq!(findings(&json(&output)), [pair("warning", "unknown-field")]),
            _ => {
                let results = json(&output)["runs"][0]["results"].clone();
                assert_eq!(results.as_array().unwrap().len(), 1);
                assert_eq!(results[0]["level"], "warning");
            }
        }
    }
    // Allowed findings are gone, so they cannot fail the run.
    let output = run(&["--deny-warnings", "--allow", "unknown-field", path]);
    assert_eq!(output.status.code(), Some(0));
    // An input that could not be checked still makes it 2.
    let missing = dir.path().join("missing.json");
    let output = run(&["--deny-warnings", path, missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn unknown_rule_ids_in_overrides_are_usage_errors() {
    for flag in ["--allow", "--warn", "--deny"] {
        let output = run(&[flag, "no-such-rule", "x.json"]);
        assert_eq!(output.status.code(), Some(2), "{flag}");
        assert_eq!(stdout(&output), "", "{flag}");
        let err = stderr(&output);
        assert!(err.contains("unknown rule `no-such-rule`"), "{flag}: {err}");
        assert!(err.contains("cc-lint explain --list"), "{flag}: {err}");
    }
    // One id per flag: a comma-separated list is not an id.
    let output = run(&["--allow", "schema,unknown-field", "x.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown rule `schema,unknown-field`"));
}
