//! The process timestamps (`create_time`, `last_time`): the schemas' pattern
//! and `cc_model::timestamp::is_timestamp` (which cc-server uses) give the same
//! answers, and those are the answers of Go 1.25's `time.Time` decoder, which
//! the server's `update_process_instance` decodes every entry with.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod common;

use cc_model::timestamp::{PATTERN, is_timestamp};
use cc_validate::{CheckOptions, Document, Endpoint, PayloadKind, Severity, Validator};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Strings and what Go's strict RFC 3339 decoder says of them.
const CASES: &[(&str, bool)] = &[
    ("2019-06-19T15:24:04.763+08:00", true),
    ("2019-06-21T16:25:03.962512+08:00", true),
    ("2023-11-15T02:10:04.619Z", true),
    ("2024-01-01T00:00:00Z", true),
    ("2019-09-18T23:09:44.251970568+08:00", true),
    ("2019-09-18T23:09:44.2519705681234+08:00", true),
    ("2024-02-29T23:59:59-23:59", true),
    ("2000-02-29T00:00:00Z", true),
    ("0000-02-29T00:00:00Z", true),
    ("2023-12-31T00:00:00+00:00", true),
    ("1900-02-29T00:00:00Z", false),
    ("2023-02-29T00:00:00Z", false),
    ("2023-04-31T00:00:00Z", false),
    ("2023-00-10T00:00:00Z", false),
    ("2023-13-10T00:00:00Z", false),
    ("2023-01-00T00:00:00Z", false),
    ("2023-01-01T24:00:00Z", false),
    ("2023-01-01T00:60:00Z", false),
    ("2023-01-01T00:00:60Z", false),
    ("2023-01-01T00:00:00+24:00", false),
    ("2023-01-01T00:00:00+01:60", false),
    ("2023-01-01t00:00:00Z", false),
    ("2023-01-01T00:00:00z", false),
    ("2023-01-01 00:00:00Z", false),
    ("2023-01-01T00:00:00", false),
    ("2023-01-01T00:00:00.Z", false),
    ("2023-01-01T00:00:00,5Z", false),
    ("2023-01-01T0:00:00Z", false),
    ("2023-01-01T00:00:00+0100", false),
    ("23-01-01T00:00:00Z", false),
    ("+2023-01-01T00:00:00Z", false),
    (" 2023-01-01T00:00:00Z", false),
    ("2023-01-01T00:00:00Z ", false),
    ("2019-06-19 15:24:04", false),
    ("yesterday", false),
    ("", false),
];

fn pattern_matches(text: &str) -> bool {
    static VALIDATOR: std::sync::LazyLock<jsonschema::Validator> = std::sync::LazyLock::new(|| {
        jsonschema::draft202012::new(&json!({"type": "string", "pattern": PATTERN})).unwrap()
    });
    VALIDATOR.is_valid(&Value::from(text))
}

#[test]
fn pattern_and_function_give_the_decoders_answers() {
    for &(text, decodes) in CASES {
        assert_eq!(is_timestamp(text), decodes, "is_timestamp({text:?})");
        assert_eq!(pattern_matches(text), decodes, "PATTERN on {text:?}");
    }
}

#[test]
fn pattern_and_function_agree_on_generated_near_timestamps() {
    let strings = proptest::string::string_regex(
        "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,3})?(Z|z|[+-][0-9]{2}:[0-9]{2})?",
    )
    .unwrap();
    common::runner(2000)
        .run(&strings, |text| {
            prop_assert_eq!(is_timestamp(&text), pattern_matches(&text), "{:?}", text);
            Ok(())
        })
        .unwrap();
}

fn update_errors(create_time: &Value) -> Vec<String> {
    let payload = json!({"bk_biz_id": 2, "processes": [{
        "bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "java",
        "create_time": create_time,
    }]});
    let text = payload.to_string();
    let document = Document::parse(text.as_bytes()).unwrap();
    let options = CheckOptions {
        raw: true,
        ..CheckOptions::default()
    };
    Validator::get(Endpoint::UpdateProcessInstance, PayloadKind::Request)
        .unwrap()
        .check_document_with(&document, text.as_bytes(), options)
        .into_iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .map(|diagnostic| format!("{} {}", diagnostic.pointer, diagnostic.message))
        .collect()
}

#[test]
fn an_update_entry_with_a_non_timestamp_is_an_error_and_a_timestamp_or_null_is_not() {
    let errors = update_errors(&json!("yesterday"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("/processes/0/create_time ")
            && errors[0].contains("RFC 3339")
            && errors[0].contains("\"yesterday\""),
        "{errors:?}"
    );
    assert_eq!(update_errors(&json!("2023-02-29T00:00:00Z")).len(), 1);
    assert_eq!(update_errors(&json!(1_700_000_000)).len(), 1);
    assert!(update_errors(&json!("2024-02-29T00:00:00Z")).is_empty());
    assert!(update_errors(&Value::Null).is_empty());
}
