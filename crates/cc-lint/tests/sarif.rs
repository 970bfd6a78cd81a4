//! `--format sarif`: the log validates against the official SARIF 2.1.0 JSON
//! Schema (committed in `tests/golden/`, validated offline), and its rules,
//! results, locations and notifications say what the findings say.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod common;

use cc_validate::Rule;
use common::{golden_dir, json, run, run_in, run_with_stdin, write};
use serde_json::Value;
use tempfile::TempDir;

/// The official schema, compiled offline: every `$ref` must resolve inside the
/// file, and anything else fails to build instead of touching the network.
fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(golden_dir().join("sarif-schema-2.1.0.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        // Draft-04 has no `uri-reference` format; check it as RFC 3986 does.
        .with_format("uri-reference", is_uri_reference)
        .offline()
        .build(&schema)
        .unwrap_or_else(|error| {
            panic!("the SARIF schema does not compile offline (a remote $ref?): {error}")
        })
}

/// Only characters a URI reference may hold, `%` only before two hex digits.
fn is_uri_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(index, byte)| match byte {
        b'%' => bytes
            .get(index + 1..index + 3)
            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)),
        _ => byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(byte),
    })
}

fn assert_valid(validator: &jsonschema::Validator, log: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: invalid SARIF:\n{}",
        errors.join("\n")
    );
}

fn golden_log() -> Value {
    json(&run_in(&golden_dir(), &["--format", "sarif", "inputs"]))
}

#[test]
fn sarif_output_validates_against_the_official_schema() {
    let validator = sarif_validator();
    assert_valid(&validator, &golden_log(), "golden inputs");

    // Absolute paths with characters a URI must encode, overrides, stdin, a
    // clean run and a missing file.
    let dir = TempDir::new().unwrap();
    let odd = write(
        dir.path(),
        "odd dir/update_process_instance.50%#1,é.json",
        r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "priority": 20000, "x": 1}]}"#,
    );
    let odd = odd.to_str().unwrap();
    let missing = dir.path().join("missing.json");
    let clean = golden_dir().join("inputs/update_process_instance.clean.json");
    // A walked file that fits no endpoint: a note notification.
    write(
        dir.path(),
        "walked/package.json",
        r#"{"name": "x", "version": "1.0.0"}"#,
    );
    let walked = dir.path().join("walked");
    let runs: [(&str, Vec<&str>); 5] = [
        ("odd path", vec![odd]),
        (
            "overrides",
            vec![
                "--allow",
                "unknown-field",
                "--warn",
                "schema",
                "--deny",
                "key-case",
                odd,
            ],
        ),
        ("missing file", vec![missing.to_str().unwrap(), odd]),
        ("clean", vec![clean.to_str().unwrap()]),
        ("skipped", vec![walked.to_str().unwrap(), odd]),
    ];
    for (what, args) in &runs {
        let mut all = vec!["--format", "sarif"];
        all.extend(args.iter().copied());
        assert_valid(&validator, &json(&run(&all)), what);
    }
    let stdin = run_with_stdin(
        &[
            "--format",
            "sarif",
            "--endpoint",
            "update_process_instance",
            "-",
        ],
        r#"{"bk_biz_id": "1", "processes": []}"#,
    );
    assert_valid(&validator, &json(&stdin), "stdin");
}

#[test]
fn the_schema_check_is_live() {
    // A validator that accepted anything would prove nothing.
    let validator = sarif_validator();
    let mut log = golden_log();
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&log));
    let mut log = golden_log();
    log["runs"][0]["tool"]["driver"]
        .as_object_mut()
        .unwrap()
        .remove("name");
    assert!(!validator.is_valid(&log));
    // Formats are checked too (draft-04 knows `uri`, not `uri-reference`).
    let mut log = golden_log();
    log["runs"][0]["tool"]["driver"]["informationUri"] = Value::from("not a uri");
    assert!(!validator.is_valid(&log));
    let mut log = golden_log();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        Value::from("a b%zz.json");
    assert!(!validator.is_valid(&log));
}

#[test]
fn the_driver_lists_every_rule_of_the_catalogue() {
    let log = golden_log();
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "cc-lint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(driver["informationUri"], env!("CARGO_PKG_REPOSITORY"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), Rule::ALL.len());
    for (entry, rule) in rules.iter().zip(Rule::ALL) {
        let doc = rule.doc();
        assert_eq!(entry["id"], rule.id());
        assert_eq!(entry["shortDescription"]["text"], doc.summary);
        assert_eq!(entry["fullDescription"]["text"], doc.explanation);
        let help = entry["help"]["text"].as_str().unwrap();
        assert!(help.contains(doc.bad) && help.contains(doc.good), "{help}");
        assert!(help.contains(doc.endpoint.name()), "{help}");
        assert_eq!(
            entry["defaultConfiguration"]["level"],
            rule.default_severity().name()
        );
    }
    assert_eq!(rules[0]["name"], "JsonSyntax");
}

#[test]
fn results_point_at_the_rule_the_file_and_the_position() {
    let log = golden_log();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("inputs/"), "{uri}");
        assert!(result["properties"]["pointer"].is_string());
    }
    let range = results
        .iter()
        .find(|result| result["properties"]["pointer"] == "/processes/0/priority")
        .unwrap();
    assert_eq!(range["ruleId"], "schema");
    assert_eq!(range["level"], "error");
    assert_eq!(
        range["message"]["text"],
        "`priority` must be between -100 and 10000, got 20000"
    );
    assert_eq!(
        range["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 6, "startColumn": 19})
    );
    let warning = results
        .iter()
        .find(|result| result["ruleId"] == "unknown-field")
        .unwrap();
    assert_eq!(warning["level"], "warning");
    let duplicate = results
        .iter()
        .find(|result| result["ruleId"] == "duplicate-process-name")
        .unwrap();
    let related = &duplicate["relatedLocations"][0];
    assert_eq!(related["id"], 1);
    assert_eq!(related["message"]["text"], "first used here");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 7);
    assert_eq!(
        related["properties"]["pointer"],
        "/processes/0/spec/bk_process_name/value"
    );
}

#[test]
fn inputs_that_could_not_be_checked_are_notifications() {
    let log = golden_log();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notifications.len(), 1);
    assert_eq!(notifications[0]["level"], "error");
    assert!(
        notifications[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("--endpoint")
    );
    assert_eq!(
        notifications[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "inputs/payload.json"
    );

    let clean = run_in(
        &golden_dir(),
        &[
            "--format",
            "sarif",
            "inputs/update_process_instance.clean.json",
        ],
    );
    assert_eq!(clean.status.code(), Some(0));
    let log = json(&clean);
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn overrides_regrade_results_and_are_recorded() {
    let output = run_in(
        &golden_dir(),
        &[
            "--format",
            "sarif",
            "--deny",
            "unknown-field",
            "--allow",
            "schema",
            "inputs/update_process_instance.broken.json",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let log = json(&output);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().all(|result| result["ruleId"] != "schema"));
    let unknown = results
        .iter()
        .find(|result| result["ruleId"] == "unknown-field")
        .unwrap();
    assert_eq!(unknown["level"], "error");
    let overrides = log["runs"][0]["invocations"][0]["ruleConfigurationOverrides"]
        .as_array()
        .unwrap();
    assert_eq!(overrides.len(), 2);
    assert_eq!(overrides[0]["descriptor"]["id"], "schema");
    assert_eq!(overrides[0]["configuration"]["enabled"], false);
    assert_eq!(overrides[1]["descriptor"]["id"], "unknown-field");
    assert_eq!(overrides[1]["configuration"]["level"], "error");
}

#[test]
fn paths_become_uri_references_and_stdin_has_no_uri() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "a b/update_process_instance.50%.json",
        r#"{"bk_biz_id": "1", "processes": []}"#,
    );
    let log = json(&run(&["--format", "sarif", path.to_str().unwrap()]));
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap();
    assert!(
        uri.ends_with("/a%20b/update_process_instance.50%25.json"),
        "{uri}"
    );
    assert!(!uri.contains('\\'), "{uri}");

    let output = run_with_stdin(
        &[
            "--format",
            "sarif",
            "--endpoint",
            "update_process_instance",
            "-",
        ],
        r#"{"bk_biz_id": "1", "processes": []}"#,
    );
    let log = json(&output);
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert!(location["artifactLocation"].get("uri").is_none());
    assert_eq!(location["region"]["startLine"], 1);
}
