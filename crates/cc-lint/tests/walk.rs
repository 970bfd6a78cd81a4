//! Directory walks: `.gitignore` and `.ignore` (also outside a git
//! repository), hidden directories, `exclude` globs from the configuration and
//! `--exclude`, `--no-ignore`, and JSON files that fit no endpoint (skipped in
//! a walk unless `--strict-detection`, an error when named). Every test builds
//! its tree in a temporary directory.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod common;

use common::{json, run_in, stderr, stdout, write};
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

/// A clean `update_process_instance` request.
fn clean() -> String {
    // Every field given, so no `raw-process-edit` (the write's reading).
    common::complete_update("")
}
/// One with a `schema` error.
const FAILS: &str = r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "priority": 20000}]}"#;
/// Not a payload of any endpoint.
const PACKAGE: &str = r#"{"name": "payloads", "version": "1.0.0", "private": true}"#;

/// The paths of `files` in the JSON document, in order.
fn linted(document: &Value) -> Vec<String> {
    document["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| file["path"].as_str().unwrap().to_owned())
        .collect()
}

/// `(path, reason)` of `skipped`.
fn skipped(document: &Value) -> Vec<(String, String)> {
    document["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| {
            (
                file["path"].as_str().unwrap().to_owned(),
                file["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn lint(dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let output = run_in(dir, &all);
    (output.status.code(), json(&output))
}

/// A tree with one payload of each kind the walk treats specially.
fn tree() -> TempDir {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "p/update_process_instance.a.json", &clean());
    write(root, "p/build/update_process_instance.out.json", FAILS);
    write(root, "p/.gitignore", "build/\n");
    write(root, "p/scratch/update_process_instance.tmp.json", FAILS);
    write(root, "p/.ignore", "scratch\n");
    write(root, "p/.cache/update_process_instance.json", FAILS);
    write(root, "p/.update_process_instance.json", FAILS);
    dir
}

#[test]
fn ignore_files_and_hidden_entries_are_left_out_of_walks() {
    let dir = tree();
    // Not a git repository: .gitignore is honoured all the same.
    assert!(!dir.path().join(".git").exists());
    let (code, document) = lint(dir.path(), &["p"]);
    assert_eq!(code, Some(0), "{document:#}");
    assert_eq!(linted(&document), ["p/update_process_instance.a.json"]);
    assert!(
        skipped(&document).is_empty(),
        "ignored files are not listed"
    );
}

#[test]
fn no_ignore_walks_everything() {
    let dir = tree();
    let (code, document) = lint(dir.path(), &["--no-ignore", "p"]);
    assert_eq!(code, Some(1), "{document:#}");
    assert_eq!(
        linted(&document),
        [
            "p/.cache/update_process_instance.json",
            "p/.update_process_instance.json",
            "p/build/update_process_instance.out.json",
            "p/scratch/update_process_instance.tmp.json",
            "p/update_process_instance.a.json",
        ]
    );
}

#[test]
fn a_named_file_is_linted_even_if_ignored_and_a_walk_root_may_be_hidden() {
    let dir = tree();
    let (code, document) = lint(
        dir.path(),
        &["p/build/update_process_instance.out.json", "p/.cache"],
    );
    assert_eq!(code, Some(1), "{document:#}");
    assert_eq!(
        linted(&document),
        [
            "p/build/update_process_instance.out.json",
            "p/.cache/update_process_instance.json"
        ]
    );
}

#[test]
fn exclude_globs_of_the_configuration_and_the_command_line() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(
        root,
        "cc-lint.toml",
        "exclude = [\"vendor\", \"old/*.json\"]\n",
    );
    write(root, "update_process_instance.json", &clean());
    write(root, "vendor/update_process_instance.json", FAILS);
    write(root, "deep/vendor/update_process_instance.json", FAILS);
    write(root, "old/update_process_instance.json", FAILS);
    write(root, "old/keep/update_process_instance.json", &clean());
    write(root, "drafts/update_process_instance.json", FAILS);

    let (code, document) = lint(root, &["--exclude", "drafts", "."]);
    assert_eq!(code, Some(0), "{document:#}");
    assert_eq!(
        linted(&document),
        [
            "./old/keep/update_process_instance.json",
            "./update_process_instance.json"
        ]
    );
    // `--no-ignore` does not turn the globs off.
    let (code, _) = lint(root, &["--exclude", "drafts", "--no-ignore", "."]);
    assert_eq!(code, Some(0));
    // Without the flag, drafts are linted; `--isolated` drops the file's globs.
    let (code, document) = lint(root, &["."]);
    assert_eq!(code, Some(1));
    assert!(linted(&document).contains(&"./drafts/update_process_instance.json".to_owned()));
    let (_, document) = lint(root, &["--isolated", "."]);
    assert_eq!(linted(&document).len(), 6, "{document:#}");

    // A file named on the command line that a glob excludes is skipped, saying which.
    let (code, document) = lint(
        root,
        &[
            "--exclude",
            "drafts",
            "vendor/update_process_instance.json",
            "drafts/update_process_instance.json",
        ],
    );
    assert_eq!(code, Some(0), "{document:#}");
    assert!(linted(&document).is_empty());
    assert_eq!(
        skipped(&document),
        [
            (
                "vendor/update_process_instance.json".to_owned(),
                "excluded by `vendor` (cc-lint.toml:1)".to_owned()
            ),
            (
                "drafts/update_process_instance.json".to_owned(),
                "excluded by --exclude `drafts`".to_owned()
            ),
        ]
    );
    assert_eq!(document["summary"]["skipped"], 2);
    assert_eq!(document["summary"]["files"], 0);

    let output = run_in(root, &["--exclude", "a/[b", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--exclude: invalid glob `a/[b`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_walked_json_file_that_fits_no_endpoint_is_skipped() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "p/package.json", PACKAGE);
    write(root, "p/update_process_instance.json", &clean());
    let reason = "its endpoint cannot be told: it fits no endpoint's payloads";

    // Skipped only: exit 0, listed in JSON, not counted among the files.
    let (code, document) = lint(root, &["p"]);
    assert_eq!(code, Some(0), "{document:#}");
    assert_eq!(linted(&document), ["p/update_process_instance.json"]);
    assert_eq!(
        skipped(&document),
        [("p/package.json".to_owned(), reason.to_owned())]
    );
    assert_eq!(document["summary"]["files"], 1);
    assert_eq!(document["summary"]["failures"], 0);

    // Human output: a note on stderr and in the summary line.
    let output = run_in(root, &["p"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr(&output),
        format!("p/package.json: note: skipped: {reason}\n")
    );
    assert!(
        stdout(&output).ends_with("no problems found in 1 file; 1 file skipped\n"),
        "{}",
        stdout(&output)
    );
    let quiet = run_in(root, &["--quiet", "p"]);
    assert_eq!(stderr(&quiet), "", "--quiet prints only findings");

    // GitHub: a notice; SARIF: a note, and the run still succeeded.
    let output = run_in(root, &["--format", "github", "p"]);
    assert_eq!(
        stdout(&output),
        format!("::notice file=p/package.json,title=cc-lint::skipped: {reason}\n")
    );
    let output = run_in(root, &["--format", "sarif", "p"]);
    let log = json(&output);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true, "{invocation:#}");
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "note");
    assert_eq!(
        notification["message"]["text"],
        format!("skipped: {reason}")
    );
    assert_eq!(
        notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "p/package.json"
    );

    // `--strict-detection`, or naming the file: an error, exit 2.
    let (code, document) = lint(root, &["--strict-detection", "p"]);
    assert_eq!(code, Some(2), "{document:#}");
    assert!(skipped(&document).is_empty());
    assert_eq!(document["summary"]["failures"], 1);
    let (code, document) = lint(root, &["p/package.json"]);
    assert_eq!(code, Some(2), "{document:#}");
    assert!(
        document["files"][0]["error"]
            .as_str()
            .unwrap()
            .starts_with("cannot tell")
    );

    // Findings elsewhere still decide the exit status.
    write(root, "p/update_process_instance.json", FAILS);
    let (code, _) = lint(root, &["p"]);
    assert_eq!(code, Some(1));
}
