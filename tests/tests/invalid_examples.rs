//! The broken payloads under `fixtures/invalid/`, one or more per endpoint: each
//! gives exactly one error (and no other finding unless listed here), at a known
//! place and with a known message.
//!
//! A file is named `<endpoint>.<what>.json`; the endpoint and kind listed here
//! must also be what the command line detects from the name and the content.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot read or parse its own fixture should fail loudly"
)]

use cc_validate::{Endpoint, PayloadKind, Severity};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One expected finding.
struct Finding {
    rule: &'static str,
    severity: Severity,
    pointer: &'static str,
    line: usize,
    column: usize,
    /// The source text found at `line:column`: the offending value, or the `{`
    /// of the object that misses a required key.
    token: &'static str,
    message: &'static str,
}

/// A broken payload and every finding it gives, in order.
struct Invalid {
    file: &'static str,
    endpoint: Endpoint,
    kind: PayloadKind,
    findings: &'static [Finding],
}

const INVALID: &[Invalid] = &[
    Invalid {
        file: "update_proc_template.proc-num-zero.json",
        endpoint: Endpoint::UpdateProcTemplate,
        kind: PayloadKind::Request,
        findings: &[Finding {
            rule: "schema",
            severity: Severity::Error,
            pointer: "/process_property/proc_num/value",
            line: 6,
            column: 16,
            token: "0,",
            message: "`proc_num.value` must be between 1 and 10000, got 0",
        }],
    },
    Invalid {
        file: "delete_proc_template.empty-list.json",
        endpoint: Endpoint::DeleteProcTemplate,
        kind: PayloadKind::Request,
        findings: &[Finding {
            rule: "schema",
            severity: Severity::Error,
            pointer: "/process_templates",
            line: 3,
            column: 24,
            token: "[]",
            message: "`process_templates` must not be empty",
        }],
    },
    Invalid {
        file: "create_process_instance.empty-processes.json",
        endpoint: Endpoint::CreateProcessInstance,
        kind: PayloadKind::Request,
        findings: &[Finding {
            rule: "schema",
            severity: Severity::Error,
            pointer: "/processes",
            line: 4,
            column: 16,
            token: "[]",
            message: "`processes` must not be empty",
        }],
    },
    Invalid {
        file: "create_process_instance.port-out-of-range.json",
        endpoint: Endpoint::CreateProcessInstance,
        kind: PayloadKind::Request,
        findings: &[Finding {
            // Instance rows take one port or one range (the port
            // sub-attribute, semantics section 8): instance-attribute, not the
            // template grammar's port-syntax.
            rule: "instance-attribute",
            severity: Severity::Error,
            pointer: "/processes/0/process_info/bind_info/0/port",
            line: 16,
            column: 21,
            token: "\"70000\"",
            message: "instance `port` \"70000\" is not one port 1-65535 or one range A-B, which is all an instance row takes (1199006)",
        }],
    },
    Invalid {
        file: "get_proc_template.id-as-string.json",
        endpoint: Endpoint::GetProcTemplate,
        kind: PayloadKind::Request,
        findings: &[Finding {
            rule: "schema",
            severity: Severity::Error,
            pointer: "/process_template_id",
            line: 3,
            column: 26,
            token: "\"50\"",
            message: "`process_template_id` must be an integer or null, got string \"50\"",
        }],
    },
    Invalid {
        file: "list_proc_template.page-limit-too-large.json",
        endpoint: Endpoint::ListProcTemplate,
        kind: PayloadKind::Request,
        findings: &[Finding {
            rule: "schema",
            severity: Severity::Error,
            pointer: "/page/limit",
            line: 6,
            column: 14,
            token: "1001",
            message: "`limit` must be between 1 and 1000, got 1001",
        }],
    },
    Invalid {
        file: "list_process_instance.missing-service-instance-id.json",
        endpoint: Endpoint::ListProcessInstance,
        kind: PayloadKind::Request,
        findings: &[Finding {
            rule: "schema",
            severity: Severity::Error,
            pointer: "",
            line: 1,
            column: 1,
            token: "{",
            message: "missing required field `service_instance_id`",
        }],
    },
    Invalid {
        file: "list_process_detail_by_ids.empty-ids.json",
        endpoint: Endpoint::ListProcessDetailByIds,
        kind: PayloadKind::Request,
        findings: &[Finding {
            rule: "schema",
            severity: Severity::Error,
            pointer: "/bk_process_ids",
            line: 3,
            column: 21,
            token: "[]",
            message: "`bk_process_ids` must not be empty",
        }],
    },
    Invalid {
        file: "list_process_detail_by_ids.too-many-ids.json",
        endpoint: Endpoint::ListProcessDetailByIds,
        kind: PayloadKind::Request,
        findings: &[Finding {
            rule: "too-many-items",
            severity: Severity::Error,
            pointer: "/bk_process_ids",
            line: 3,
            column: 21,
            token: "[",
            message: "`bk_process_ids` has 501 items, at most 500 are allowed in one call",
        }],
    },
    Invalid {
        file: "list_process_related_info.missing-page.json",
        endpoint: Endpoint::ListProcessRelatedInfo,
        kind: PayloadKind::Request,
        findings: &[Finding {
            rule: "schema",
            severity: Severity::Error,
            pointer: "",
            line: 1,
            column: 1,
            token: "{",
            message: "missing required field `page`",
        }],
    },
    Invalid {
        file: "delete_process_instance.ids-as-int.json",
        endpoint: Endpoint::DeleteProcessInstance,
        kind: PayloadKind::Request,
        findings: &[Finding {
            rule: "schema",
            severity: Severity::Error,
            pointer: "/process_instance_ids",
            line: 3,
            column: 27,
            token: "54",
            message: "`process_instance_ids` must be an array, got number 54",
        }],
    },
    Invalid {
        file: "list_proc_template.response-count-as-string.json",
        endpoint: Endpoint::ListProcTemplate,
        kind: PayloadKind::Response,
        findings: &[Finding {
            rule: "schema",
            severity: Severity::Error,
            pointer: "/data/count",
            line: 8,
            column: 14,
            token: "\"1\"",
            message: "`count` must be an integer, got string \"1\"",
        }],
    },
    Invalid {
        file: "create_process_instance.response-nested-ids.json",
        endpoint: Endpoint::CreateProcessInstance,
        kind: PayloadKind::Response,
        findings: &[Finding {
            rule: "schema",
            severity: Severity::Error,
            pointer: "/data/0",
            line: 8,
            column: 5,
            token: "[",
            message: "`data[0]` must be an integer, got an array",
        }],
    },
];

fn invalid_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/invalid")
}

fn json_files() -> BTreeSet<String> {
    std::fs::read_dir(invalid_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect()
}

fn read(file: &str) -> String {
    std::fs::read_to_string(invalid_dir().join(file)).unwrap()
}

#[test]
fn every_invalid_file_is_listed_here() {
    let listed: BTreeSet<String> = INVALID
        .iter()
        .map(|invalid| invalid.file.to_owned())
        .collect();
    assert_eq!(listed.len(), INVALID.len(), "listed twice");
    assert_eq!(listed, json_files());
}

#[test]
fn the_broken_endpoints_are_all_covered() {
    let requests: BTreeSet<&str> = INVALID
        .iter()
        .filter(|invalid| invalid.kind == PayloadKind::Request)
        .map(|invalid| invalid.endpoint.name())
        .collect();
    for endpoint in [
        Endpoint::UpdateProcTemplate,
        Endpoint::DeleteProcTemplate,
        Endpoint::CreateProcessInstance,
        Endpoint::GetProcTemplate,
        Endpoint::ListProcTemplate,
        Endpoint::ListProcessInstance,
        Endpoint::ListProcessDetailByIds,
        Endpoint::ListProcessRelatedInfo,
        Endpoint::DeleteProcessInstance,
    ] {
        assert!(requests.contains(endpoint.name()), "{}", endpoint.name());
    }
    let responses: BTreeSet<&str> = INVALID
        .iter()
        .filter(|invalid| invalid.kind == PayloadKind::Response)
        .map(|invalid| invalid.endpoint.name())
        .collect();
    assert!(responses.len() >= 2, "{responses:?}");
}

/// The name says the endpoint and the content the kind, as the command line
/// detects them; and every file is pretty-printed JSON with a 2-space indent.
#[test]
fn names_and_contents_match_the_table() {
    for invalid in INVALID {
        let file = invalid.file;
        assert!(
            file.starts_with(&format!("{}.", invalid.endpoint.name())),
            "{file}"
        );
        let path = invalid_dir().join(file);
        assert_eq!(
            cc_validate::endpoint_from_path(&path),
            Some(invalid.endpoint),
            "{file}"
        );
        let text = read(file);
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(cc_validate::payload_kind(&value), invalid.kind, "{file}");
        assert_eq!(
            format!("{}\n", serde_json::to_string_pretty(&value).unwrap()),
            text,
            "{file} is not pretty-printed with a 2-space indent"
        );
    }
}

#[test]
fn invalid_files_have_exactly_the_listed_findings() {
    for invalid in INVALID {
        let file = invalid.file;
        let text = read(file);
        let found = cc_validate::check(invalid.endpoint, invalid.kind, text.as_bytes()).unwrap();
        assert_eq!(found.len(), invalid.findings.len(), "{file}: {found:#?}");
        assert_eq!(
            found.iter().filter(|finding| finding.is_error()).count(),
            1,
            "{file}: exactly one error"
        );
        for (finding, expected) in found.iter().zip(invalid.findings) {
            assert_eq!(finding.rule.id(), expected.rule, "{file}");
            assert_eq!(finding.severity, expected.severity, "{file}");
            assert_eq!(finding.severity.name(), expected.severity.name(), "{file}");
            assert_eq!(finding.pointer, expected.pointer, "{file}");
            assert_eq!(finding.message, expected.message, "{file}");
            let location = finding.location.unwrap();
            assert_eq!(
                (location.line, location.column),
                (expected.line, expected.column),
                "{file}: {}",
                expected.pointer
            );
            // The recorded line and column point at the offending value.
            let line = text.lines().nth(expected.line - 1).unwrap();
            let at: String = line.chars().skip(expected.column - 1).collect();
            assert!(
                at.starts_with(expected.token),
                "{file}: {}:{} is `{at}`, not `{}`",
                expected.line,
                expected.column,
                expected.token
            );
            assert!(
                text[location.offset..].starts_with(expected.token),
                "{file}"
            );
            // And the JSON value that starts there is the one the pointer names.
            let there = serde_json::Deserializer::from_str(&text[location.offset..])
                .into_iter::<Value>()
                .next()
                .unwrap()
                .unwrap();
            let value: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                Some(&there),
                value.pointer(expected.pointer),
                "{file}: {}",
                expected.pointer
            );
        }
    }
}
