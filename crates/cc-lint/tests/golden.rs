//! Golden files: the exact `--format github` and `--format sarif` output over the
//! payloads in `tests/golden/inputs/`, run from `tests/golden/` so that paths are
//! relative and stable (`inputs/...`).
//!
//! After an intended change to the output, the rule catalogue or the inputs,
//! rewrite the golden files with
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test -p cc-lint --test golden, then review git diff
//! ```
//!
//! The tool version in the SARIF log is replaced by `<version>` before comparing,
//! so a version bump does not break it.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod common;

use common::{golden_dir, run_in, stderr, stdout};
use serde_json::Value;
use std::path::Path;

/// What stands for the tool version in the SARIF golden file.
const VERSION_PLACEHOLDER: &str = "<version>";

/// Runs `cc-lint --format FORMAT inputs` in the golden directory; one input
/// cannot be checked (its endpoint cannot be told), so the exit status is 2.
fn golden_run(format: &str) -> String {
    let output = run_in(&golden_dir(), &["--format", format, "inputs"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    stdout(&output)
}

/// Compares `actual` with the golden file byte for byte, or rewrites the file
/// under `UPDATE_GOLDEN=1`.
fn check_golden(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|value| value == "1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "{}: {error}; create it with UPDATE_GOLDEN=1 cargo test -p cc-lint --test golden",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{}",
        first_difference(&path, &expected, actual)
    );
}

/// A readable account of where two texts first differ.
fn first_difference(path: &Path, expected: &str, actual: &str) -> String {
    let mut expected_lines = expected.split_inclusive('\n');
    let mut actual_lines = actual.split_inclusive('\n');
    let mut number = 1;
    loop {
        match (expected_lines.next(), actual_lines.next()) {
            (Some(want), Some(got)) if want == got => number += 1,
            (want, got) => {
                return format!(
                    "{} differs from the output at line {number}:\n  golden: {want:?}\n  output: {got:?}\n\
                     If the change is intended: UPDATE_GOLDEN=1 cargo test -p cc-lint --test golden, \
                     then review git diff",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn github_output_matches_the_golden_file() {
    check_golden("inputs.github.txt", &golden_run("github"));
}

#[test]
fn sarif_output_matches_the_golden_file() {
    let text = golden_run("sarif");
    let mut log: Value = serde_json::from_str(&text).unwrap();
    // The printed text is exactly the pretty form of the document, so comparing
    // the re-serialised document after the version swap is byte-for-byte.
    assert_eq!(serde_json::to_string_pretty(&log).unwrap() + "\n", text);
    let version = &mut log["runs"][0]["tool"]["driver"]["version"];
    assert_eq!(*version, env!("CARGO_PKG_VERSION"));
    *version = Value::from(VERSION_PLACEHOLDER);
    check_golden(
        "inputs.sarif.json",
        &(serde_json::to_string_pretty(&log).unwrap() + "\n"),
    );
}

#[test]
fn golden_inputs_cover_errors_warnings_related_places_and_a_failure() {
    let text = golden_run("github");
    for needle in [
        "::error file=inputs/",
        "::warning file=inputs/",
        "title=cc-lint::",
        "title=json-syntax::",
    ] {
        assert!(text.contains(needle), "{needle}:\n{text}");
    }
    let log: Value = serde_json::from_str(&golden_run("sarif")).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|result| result.get("relatedLocations").is_some())
    );
}
