//! Credentials never reach the output: no format prints the value of
//! `bk_app_secret` or `bk_token`, even when findings point at the very lines (or
//! the very values) that hold them, and even in broken or odd payloads.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod common;

use common::{run, run_with_stdin, stderr, stdout, write};
use tempfile::TempDir;

const APP_SECRET: &str = "9f8e7d6c5b4a-real";
const TOKEN: &str = "tok_live_ABC123xyz";

const FORMATS: [&str; 4] = ["human", "json", "github", "sarif"];

/// Realistic credentials with errors and warnings on the same lines: a string
/// where an integer belongs, an unknown key, an out-of-range priority, and the
/// secret-in-payload warnings that point at the values themselves.
fn payloads() -> Vec<(&'static str, String)> {
    vec![
        (
            "update_process_instance.same-lines.json",
            format!(
                r#"{{
  "bk_app_code": "ops", "bk_app_secret": "{APP_SECRET}", "bk_biz_id": "1",
  "bk_token": "{TOKEN}", "bk_tokn": 1,
  "processes": [{{"bk_process_id": 43, "priority": 20000, "bk_token": "{TOKEN}"}}]
}}
"#
            ),
        ),
        (
            "update_process_instance.one-line.json",
            format!(
                r#"{{"bk_app_secret": "{APP_SECRET}", "bk_token": "{TOKEN}", "bk_biz_id": 1.5, "processes": []}}"#
            ),
        ),
        (
            // Credentials of the wrong type: the schema finding points at them.
            "update_process_instance.wrong-type.json",
            format!(
                r#"{{"bk_biz_id": 1, "bk_token": ["{TOKEN}"],
 "bk_app_secret": {{"value": "{APP_SECRET}"}}, "processes": [{{"bk_process_id": 43}}]}}"#
            ),
        ),
        (
            // A value split over lines, and an escaped key.
            "update_process_instance.multi-line.json",
            format!(
                "{{\"bk_biz_id\": \"1\", \"bk_token\": [\n  \"{TOKEN}\"\n],\n \"bk_app_\\u0073ecret\": \"{APP_SECRET}\", \"processes\": []}}"
            ),
        ),
        (
            // Broken JSON on the secret's line: a bare token, then a missing comma.
            "update_process_instance.syntax-bare.json",
            format!("{{\"bk_biz_id\": 1,\n \"bk_token\": {TOKEN}, \"processes\": []}}"),
        ),
        (
            "update_process_instance.syntax-comma.json",
            format!(
                "{{\"bk_biz_id\": 1,\n \"bk_app_secret\": \"{APP_SECRET}\" \"processes\": []}}"
            ),
        ),
        (
            "update_process_instance.syntax-unterminated.json",
            format!("{{\"bk_biz_id\": 1,\n \"bk_app_secret\": \"{APP_SECRET}\n}}"),
        ),
        (
            // Keys in another case, which the server reads as the credentials:
            // the key-case findings point at them.
            "update_process_instance.key-case.json",
            format!(
                "{{\"bk_biz_id\": \"1\", \"BK_TOKEN\": \"{TOKEN}\",\n \"Bk_App_Secret\": \"{APP_SECRET}\", \"processes\": []}}"
            ),
        ),
        (
            // Go's case folding also maps the Kelvin sign to `k`.
            "update_process_instance.kelvin.json",
            format!(
                "{{\"bk_biz_id\": \"1\", \"bk_to\u{212a}en\": \"{TOKEN}\", \"processes\": []}}"
            ),
        ),
        (
            // A repeated credential key: the duplicate-key finding points at it.
            "update_process_instance.duplicate.json",
            format!(
                "{{\"bk_biz_id\": 1, \"bk_token\": \"{TOKEN}\",\n \"bk_token\": \"{APP_SECRET}\", \"processes\": []}}"
            ),
        ),
        (
            // A response body holding a credential where it does not belong.
            "get_proc_template.response.json",
            format!(
                "{{\"result\": true, \"code\": \"0\", \"message\": \"ok\", \"data\": null,\n \"bk_app_secret\": \"{APP_SECRET}\"}}"
            ),
        ),
        (
            // A byte order mark before a credential on the first line.
            "update_process_instance.bom.json",
            format!(
                "\u{feff}{{\"bk_biz_id\": \"1\", \"bk_token\": \"{TOKEN}\", \"processes\": []}}"
            ),
        ),
        (
            // A json-syntax error inside the credential itself.
            "update_process_instance.syntax-in-secret.json",
            format!("{{\"bk_biz_id\": 1, \"bk_token\": \"{TOKEN}\\q\", \"processes\": []}}"),
        ),
    ]
}

fn assert_no_secret(what: &str, stdout: &str, stderr: &str) {
    for secret in [APP_SECRET, TOKEN] {
        assert!(
            !stdout.contains(secret) && !stderr.contains(secret),
            "{what}: `{secret}` printed:\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
        );
    }
}

#[test]
fn no_format_prints_a_credential() {
    let dir = TempDir::new().unwrap();
    let payloads = payloads();
    let paths: Vec<String> = payloads
        .iter()
        .map(|(name, text)| write(dir.path(), name, text).to_str().unwrap().to_owned())
        .collect();
    for format in FORMATS {
        for path in &paths {
            let output = run(&["--format", format, path]);
            assert_eq!(
                output.status.code(),
                Some(1),
                "{format} {path}: {}",
                stderr(&output)
            );
            assert!(!stdout(&output).is_empty(), "{format} {path}");
            assert_no_secret(
                &format!("{format} {path}"),
                &stdout(&output),
                &stderr(&output),
            );
        }
        // All at once, and with every rule made an error.
        let mut args = vec!["--format", format, "--deny-warnings"];
        args.extend(paths.iter().map(String::as_str));
        let output = run(&args);
        assert_no_secret(&format!("{format} all"), &stdout(&output), &stderr(&output));
    }
}

#[test]
fn findings_really_are_on_the_secret_lines() {
    // The human output shows those lines (masked), so the test above is not
    // passing merely because nothing was shown.
    let dir = TempDir::new().unwrap();
    let (name, text) = &payloads()[0];
    let path = write(dir.path(), name, text);
    let output = run(&[path.to_str().unwrap()]);
    let out = stdout(&output);
    for line in [2, 3, 4] {
        assert!(out.contains(&format!("\n{line} | ")), "line {line}:\n{out}");
    }
    assert!(
        out.contains(r#""bk_app_secret": "*****************""#),
        "{out}"
    );
    assert!(out.contains("warning[secret-in-payload]"), "{out}");
    assert!(out.contains("error[schema]"), "{out}");
}

#[test]
fn stdin_is_no_exception() {
    let (_, text) = &payloads()[0];
    for format in FORMATS {
        let output = run_with_stdin(
            &[
                "--format",
                format,
                "--endpoint",
                "update_process_instance",
                "-",
            ],
            text,
        );
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert_no_secret(
            &format!("{format} stdin"),
            &stdout(&output),
            &stderr(&output),
        );
    }
}
