//! Configuration files: discovery (the nearest `cc-lint.toml` or
//! `pyproject.toml` `[tool.cc-lint]` wins, `--config`, `--isolated`), every key,
//! flags over the file, each kind of bad file with its message, and
//! `cc-lint config`. Every test builds its tree in a temporary directory.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod common;

use common::{json, run_in, stderr, stdout, write};
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

/// An `update_process_instance` request with one `unknown-field` warning.
fn warns() -> String {
    // Every field given, so no `raw-process-edit` (the write's reading).
    common::complete_update(r#", "bk_extra_note": "x""#)
}

/// One with a `schema` error.
const FAILS: &str = r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "priority": 20000}]}"#;

/// `(rule, severity)` of every finding of the file whose path ends with `name`.
fn findings(document: &Value, name: &str) -> Vec<(String, String)> {
    let file = document["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|file| file["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no {name} in {document:#}"));
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pair(rule: &str, severity: &str) -> (String, String) {
    (rule.to_owned(), severity.to_owned())
}

/// Runs `cc-lint --format json ARGS` in `dir`: the exit status and the document.
fn lint(dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let output = run_in(dir, &all);
    assert!(
        output.status.code() != Some(2) || !output.stdout.is_empty(),
        "{}",
        stderr(&output)
    );
    (output.status.code(), json(&output))
}

/// Copies the template and host fixtures into `dir`.
fn fixtures(dir: &Path) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/template");
    for name in ["get_proc_template.response.json", "host.json"] {
        std::fs::copy(source.join(name), dir.join(name)).unwrap();
    }
}

#[test]
fn the_nearest_configuration_file_wins() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "cc-lint.toml", "deny = [\"unknown-field\"]\n");
    write(root, "update_process_instance.a.json", &warns());
    write(root, "sub/cc-lint.toml", "allow = [\"unknown-field\"]\n");
    write(root, "sub/update_process_instance.b.json", &warns());
    write(root, "sub/deeper/update_process_instance.c.json", &warns());
    let (code, document) = lint(root, &["."]);
    assert_eq!(code, Some(1), "{document:#}");
    assert_eq!(
        findings(&document, "a.json"),
        [pair("unknown-field", "error")]
    );
    assert!(findings(&document, "b.json").is_empty());
    // Nearest, not merged: the deeper file has only sub's settings.
    assert!(findings(&document, "c.json").is_empty());
    // Found from each file, not from the working directory.
    let (code, document) = lint(&root.join("sub"), &["../update_process_instance.a.json"]);
    assert_eq!(code, Some(1), "{document:#}");
}

#[test]
fn a_pyproject_table_is_a_configuration_and_cc_lint_toml_comes_first() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(
        root,
        "pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.cc-lint]\ndeny = [\"unknown-field\"]\n",
    );
    write(root, "update_process_instance.a.json", &warns());
    // Another tool's pyproject.toml, nearer, is passed over, even a broken one.
    write(
        root,
        "sub/pyproject.toml",
        "[tool.black\nline-length = 88\n",
    );
    write(root, "sub/update_process_instance.b.json", &warns());
    let (code, document) = lint(root, &["."]);
    assert_eq!(code, Some(1), "{document:#}");
    assert_eq!(
        findings(&document, "a.json"),
        [pair("unknown-field", "error")]
    );
    assert_eq!(
        findings(&document, "b.json"),
        [pair("unknown-field", "error")]
    );

    write(root, "cc-lint.toml", "allow = [\"unknown-field\"]\n");
    let (code, document) = lint(root, &["update_process_instance.a.json"]);
    assert_eq!(code, Some(0), "{document:#}");
    assert!(findings(&document, "a.json").is_empty());
}

#[test]
fn config_names_one_file_and_isolated_reads_none() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "cc-lint.toml", "deny = [\"unknown-field\"]\n");
    write(root, "update_process_instance.a.json", &warns());
    write(
        root,
        "elsewhere/strict.toml",
        "deny-warnings = true\nallow = [\"schema\"]\n",
    );
    write(
        root,
        "elsewhere/pyproject.toml",
        "[tool.cc-lint]\nallow = [\"unknown-field\"]\n",
    );

    let (code, document) = lint(root, &["--config", "elsewhere/strict.toml", "."]);
    assert_eq!(
        code,
        Some(1),
        "deny-warnings from the named file: {document:#}"
    );
    assert_eq!(
        findings(&document, "a.json"),
        [pair("unknown-field", "warning")]
    );

    let (code, document) = lint(root, &["--config", "elsewhere/pyproject.toml", "."]);
    assert_eq!(code, Some(0), "{document:#}");
    assert!(findings(&document, "a.json").is_empty());

    let (code, document) = lint(root, &["--isolated", "."]);
    assert_eq!(code, Some(0), "{document:#}");
    assert_eq!(
        findings(&document, "a.json"),
        [pair("unknown-field", "warning")]
    );

    let output = run_in(root, &["--config", "missing.toml", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--config missing.toml: no such file"),
        "{}",
        stderr(&output)
    );
    write(root, "other/pyproject.toml", "[tool.ruff]\n");
    let output = run_in(root, &["--config", "other/pyproject.toml", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("other/pyproject.toml: it has no [tool.cc-lint] table"),
        "{}",
        stderr(&output)
    );
    let output = run_in(root, &["--config", "cc-lint.toml", "--isolated", "."]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn rule_levels_and_deny_warnings_take_effect() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "update_process_instance.warns.json", &warns());
    write(root, "update_process_instance.fails.json", FAILS);

    write(
        root,
        "cc-lint.toml",
        "allow = [\"unknown-field\", \"schema\"]\n",
    );
    let (code, document) = lint(root, &["."]);
    assert_eq!(code, Some(0), "{document:#}");
    assert!(findings(&document, "warns.json").is_empty());
    assert!(findings(&document, "fails.json").is_empty());

    write(
        root,
        "cc-lint.toml",
        "warn = [\"schema\"]\ndeny = [\"unknown-field\"]\n",
    );
    let (code, document) = lint(root, &["."]);
    assert_eq!(code, Some(1), "{document:#}");
    assert_eq!(
        findings(&document, "warns.json"),
        [pair("unknown-field", "error")]
    );
    assert_eq!(
        findings(&document, "fails.json"),
        [pair("schema", "warning")]
    );

    write(root, "cc-lint.toml", "deny-warnings = true\n");
    let (code, document) = lint(root, &["update_process_instance.warns.json"]);
    assert_eq!(code, Some(1), "{document:#}");
    assert_eq!(
        findings(&document, "warns.json"),
        [pair("unknown-field", "warning")]
    );
    write(root, "cc-lint.toml", "deny-warnings = false\n");
    let (code, _) = lint(root, &["update_process_instance.warns.json"]);
    assert_eq!(code, Some(0));
}

#[test]
fn deny_warnings_applies_to_the_files_of_its_configuration_only() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "strict/cc-lint.toml", "deny-warnings = true\n");
    write(root, "strict/update_process_instance.json", FAILS);
    write(root, "lax/update_process_instance.json", &warns());
    let (code, _) = lint(root, &["lax"]);
    assert_eq!(code, Some(0));
    write(root, "strict/update_process_instance.json", &warns());
    let (code, _) = lint(root, &["lax", "strict"]);
    assert_eq!(code, Some(1));
}

#[test]
fn files_entries_set_endpoint_template_and_host_relative_to_the_file() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    fixtures(root);
    let edit = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/template/update_process_instance.json"),
    )
    .unwrap();
    write(root, "repo/instances/web/edit.json", &edit);
    write(root, "repo/instances/db/edit.json", &edit);
    write(root, "repo/other/update_process_instance.json", FAILS);
    write(
        root,
        "repo/cc-lint.toml",
        r#"
[[files]]
glob = "instances/**/*.json"
endpoint = "update_process_instance"
template = "../get_proc_template.response.json"

[[files]]
glob = "instances/db/*.json"
template = "../get_proc_template.response.json"
host = "../host.json"

[[files]]
glob = "other"
endpoint = "delete_process_instance"
"#,
    );
    // Run from elsewhere: the paths are the configuration file's.
    let (_, document) = lint(&root.join("repo/instances"), &[".."]);
    let rules = |name: &str| -> Vec<String> {
        findings(&document, name)
            .into_iter()
            .map(|(rule, _)| rule)
            .collect()
    };
    assert_eq!(
        rules("web/edit.json"),
        [
            "locked-field-edit",
            "bind-info-reset",
            "locked-field-edit",
            "locked-field-edit"
        ],
        "{document:#}"
    );
    // With the host, the locked ip resolves to the host's address and matches.
    assert_eq!(
        rules("db/edit.json"),
        ["locked-field-edit", "bind-info-reset", "locked-field-edit"],
        "{document:#}"
    );
    let other = document["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|file| {
            file["path"]
                .as_str()
                .unwrap()
                .ends_with("other/update_process_instance.json")
        })
        .unwrap();
    assert_eq!(other["endpoint"], "delete_process_instance", "{other:#}");
}

#[test]
fn flags_override_the_file() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    fixtures(root);
    write(
        root,
        "cc-lint.toml",
        r#"deny = ["unknown-field"]
deny-warnings = false
[[files]]
glob = "*.json"
endpoint = "delete_process_instance"
"#,
    );
    write(root, "p/update_process_instance.json", &warns());
    let (_, document) = lint(root, &["p"]);
    assert_eq!(document["files"][0]["endpoint"], "delete_process_instance");
    let (code, document) = lint(
        root,
        &[
            "--endpoint",
            "update_process_instance",
            "--warn",
            "unknown-field",
            "p",
        ],
    );
    assert_eq!(code, Some(0), "{document:#}");
    assert_eq!(document["files"][0]["endpoint"], "update_process_instance");
    assert_eq!(
        findings(&document, ".json"),
        [pair("unknown-field", "warning")]
    );
    let (code, _) = lint(
        root,
        &[
            "--endpoint",
            "update_process_instance",
            "--warn",
            "unknown-field",
            "--deny-warnings",
            "p",
        ],
    );
    assert_eq!(code, Some(1));

    // `--raw` drops the configuration's template; `--template` replaces it.
    write(
        root,
        "cc-lint.toml",
        "[[files]]\nglob = \"*.json\"\ntemplate = \"get_proc_template.response.json\"\n",
    );
    let edit = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/template/update_process_instance.json"),
    )
    .unwrap();
    write(root, "p/update_process_instance.json", &edit);
    let (_, document) = lint(root, &["p"]);
    assert!(findings(&document, ".json").contains(&pair("locked-field-edit", "warning")));
    let (_, document) = lint(root, &["--raw", "p"]);
    assert!(!findings(&document, ".json").contains(&pair("locked-field-edit", "warning")));
    let (_, document) = lint(
        root,
        &[
            "--template",
            "get_proc_template.response.json",
            "--host",
            "host.json",
            "p",
        ],
    );
    assert_eq!(findings(&document, ".json").len(), 3, "{document:#}");
    // The file's host goes with the file's template: `--template` alone has none.
    write(
        root,
        "cc-lint.toml",
        "[[files]]\nglob = \"*.json\"\ntemplate = \"get_proc_template.response.json\"\nhost = \"host.json\"\n",
    );
    let (_, document) = lint(root, &["p"]);
    assert_eq!(findings(&document, ".json").len(), 3, "{document:#}");
    let (_, document) = lint(
        root,
        &["--template", "get_proc_template.response.json", "p"],
    );
    assert_eq!(findings(&document, ".json").len(), 4, "{document:#}");
}

/// Writes `text` as `name` in a fresh directory with a payload beside it and
/// returns the run's stderr, asserting exit 2 and that nothing was linted.
fn bad(name: &str, text: &str) -> String {
    let dir = TempDir::new().unwrap();
    write(dir.path(), name, text);
    write(dir.path(), "update_process_instance.json", &warns());
    let output = run_in(dir.path(), &["update_process_instance.json"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert_eq!(stdout(&output), "", "nothing is linted");
    err
}

#[test]
fn bad_configuration_files_name_the_file_line_and_key() {
    let cases: &[(&str, &str)] = &[
        (
            "allow = []\nexlude = [\"x\"]\n",
            "cc-lint.toml:2:1: `exlude`: unknown key (did you mean `exclude`?)",
        ),
        (
            "deny_warnings = true\n",
            "cc-lint.toml:1:1: `deny_warnings`: unknown key (did you mean `deny-warnings`?)",
        ),
        (
            "colour = 1\n",
            "cc-lint.toml:1:1: `colour`: unknown key; expected one of `allow`, `warn`, `deny`, \
             `deny-warnings`, `exclude`, `files`",
        ),
        (
            "[[files]]\nglob = \"*.json\"\ntempalte = \"t.json\"\n",
            "cc-lint.toml:3:1: `files[0].tempalte`: unknown key (did you mean `template`?)",
        ),
        (
            "exclude = [\"ok\", \"a/[b\"]\n",
            "cc-lint.toml:1:18: `exclude`: invalid glob `a/[b`: ",
        ),
        (
            "[[files]]\nglob = \"{a\"\n",
            "cc-lint.toml:2:8: `files[0].glob`: invalid glob `{a`: ",
        ),
        (
            "deny = [\"unknown-feild\"]\n",
            "cc-lint.toml:1:9: `deny`: unknown rule `unknown-feild` (did you mean `unknown-field`?)",
        ),
        (
            "[[files]]\nglob = \"*.json\"\nendpoint = \"update_proces_instance\"\n",
            "cc-lint.toml:3:12: `files[0].endpoint`: ",
        ),
        (
            "[[files]]\nglob = \"*.json\"\ntemplate = \"templates/missing.json\"\n",
            "cc-lint.toml:3:12: `files[0].template`: `templates/missing.json` does not exist",
        ),
        (
            "[[files]]\nglob = \"*.json\"\ntemplate = \"update_process_instance.json\"\n",
            "cc-lint.toml:3:12: `files[0].template`: ",
        ),
        (
            "[[files]]\nglob = \"*.json\"\nhost = \"update_process_instance.json\"\n",
            "cc-lint.toml:3:8: `files[0].host`: a host resolves a template's bind types",
        ),
        (
            "[[files]]\nendpoint = \"get_proc_template\"\n",
            "cc-lint.toml:1:1: `files[0]`: missing key `glob`",
        ),
        (
            "deny-warnings = \"yes\"\n",
            "cc-lint.toml:1:17: `deny-warnings`: expected a boolean, got a string",
        ),
        (
            "allow = \"schema\"\n",
            "cc-lint.toml:1:9: `allow`: expected an array of rule ids, got a string",
        ),
        (
            "allow = [\"schema\"]\ndeny = [\"schema\"]\n",
            "cc-lint.toml:2:1: `deny`: rule `schema` is also in `allow` on line 1",
        ),
        (
            "deny = [\n",
            "cc-lint.toml:1:9: invalid TOML: unclosed array",
        ),
        (
            "allow = []\nallow = []\n",
            "cc-lint.toml:2:1: invalid TOML: ",
        ),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, expected)| {
            let err = bad("cc-lint.toml", text);
            (!err.contains(expected)).then(|| format!("{text:?}:\n{err}expected {expected:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
    // Every problem of a file at once, in the order of the file.
    let err = bad("cc-lint.toml", "exlude = []\ndeny = [\"nope\"]\n");
    let exclude = err.find("cc-lint.toml:1:1:").unwrap();
    let deny = err.find("cc-lint.toml:2:9:").unwrap();
    assert!(exclude < deny, "{err}");
    // In pyproject.toml, keys are named from the top of the file.
    let err = bad("pyproject.toml", "[tool.cc-lint]\nexlude = []\n");
    assert!(
        err.contains(
            "pyproject.toml:2:1: `tool.cc-lint.exlude`: unknown key (did you mean `exclude`?)"
        ),
        "{err}"
    );
    let err = bad("pyproject.toml", "[tool]\ncc-lint = 3\n");
    assert!(
        err.contains("pyproject.toml:2:11: `tool.cc-lint`: expected a table"),
        "{err}"
    );
}

#[test]
fn config_prints_each_setting_and_where_it_came_from() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    fixtures(root);
    write(
        root,
        "cc-lint.toml",
        r#"deny-warnings = true
warn = ["schema"]
exclude = ["vendor"]

[[files]]
glob = "instances/*.json"
endpoint = "update_process_instance"
template = "get_proc_template.response.json"
"#,
    );
    let output = run_in(
        root,
        &[
            "config",
            "instances/a.json",
            "--allow",
            "port-syntax",
            "--exclude",
            "old",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<Vec<&str>> = text
        .lines()
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .collect()
        })
        .collect();
    let row = |name: &str| -> Vec<&str> {
        lines
            .iter()
            .find(|cells| cells.first() == Some(&name))
            .unwrap_or_else(|| panic!("no {name} in\n{text}"))
            .clone()
    };
    assert_eq!(lines[0], ["settings for instances/a.json:"]);
    assert_eq!(
        row("config"),
        ["config", "cc-lint.toml", "the nearest above the path"]
    );
    assert_eq!(
        row("endpoint"),
        ["endpoint", "update_process_instance", "cc-lint.toml:7"]
    );
    assert_eq!(
        row("template"),
        [
            "template",
            "get_proc_template.response.json",
            "cc-lint.toml:8"
        ]
    );
    assert_eq!(row("host"), ["host", "none", "default"]);
    assert_eq!(
        row("deny-warnings"),
        ["deny-warnings", "true", "cc-lint.toml:1"]
    );
    assert_eq!(
        row("rule schema"),
        ["rule schema", "warning", "cc-lint.toml:2"]
    );
    assert_eq!(
        row("rule port-syntax"),
        ["rule port-syntax", "allow", "flag --allow"]
    );
    assert_eq!(
        row("rule port-overlap"),
        ["rule port-overlap", "error", "default"]
    );
    assert!(text.contains("exclude"), "{text}");
    assert_eq!(row("excluded"), ["excluded", "no"]);

    let output = run_in(
        root,
        &[
            "config",
            "vendor/x.json",
            "--deny-warnings",
            "--endpoint",
            "get_proc_template",
        ],
    );
    let text = stdout(&output);
    assert!(
        text.contains("yes, excluded by `vendor` (cc-lint.toml:3)"),
        "{text}"
    );
    assert!(text.contains("flag --deny-warnings"), "{text}");
    assert!(text.contains("flag --endpoint"), "{text}");

    let output = run_in(root, &["config", "--isolated"]);
    let text = stdout(&output);
    assert_eq!(
        row_of(&text, "config"),
        ["config", "none", "flag --isolated"]
    );
    assert!(text.contains("rule schema"), "{text}");
    assert!(!text.contains("cc-lint.toml"), "{text}");

    write(root, "other.toml", "deny = [\"schema\"]\n");
    let output = run_in(
        root,
        &["config", "--config", "other.toml", "instances/a.json"],
    );
    let text = stdout(&output);
    assert_eq!(
        row_of(&text, "config"),
        ["config", "other.toml", "flag --config"]
    );
    assert_eq!(
        row_of(&text, "rule schema"),
        ["rule schema", "error", "other.toml:1"]
    );
    assert_eq!(row_of(&text, "endpoint")[2], "default", "{text}");
}

/// The cells of the line of `cc-lint config`'s output that starts with `name`.
fn row_of(text: &str, name: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .find(|cells| cells.first().is_some_and(|first| first == name))
        .unwrap_or_else(|| panic!("no {name} in\n{text}"))
}

#[test]
fn standard_input_takes_the_configuration_of_the_working_directory() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "cc-lint.toml",
        "deny = [\"unknown-field\"]\n[[files]]\nglob = \"*\"\nendpoint = \"delete_process_instance\"\n",
    );
    let mut child = common::cc_lint()
        .current_dir(dir.path())
        .args(["--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(warns().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let document = json(&output);
    assert_eq!(
        findings(&document, "<stdin>"),
        [pair("unknown-field", "error")]
    );
    // Told from the content: `[[files]]` globs match paths, and stdin has none.
    assert_eq!(document["files"][0]["endpoint"], "update_process_instance");
}
