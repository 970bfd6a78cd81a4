//! Bytes to the validator of one endpoint and payload kind, chosen by the first
//! byte (`endpoint index + 11 * kind`, kind 0 for requests, 1 for responses).
//!
//! Besides not panicking, it checks that every finding has a place inside the
//! input, that the duplicate-aware parse agrees with `serde_json`, that the
//! validator generated at build time agrees with the runtime one, that a
//! payload without errors is one the typed model reads, keys matched as the
//! server matches them (schema, rules and serde agree), and that no message
//! repeats a credential.
#![no_main]

use cc_validate::__fuzz::as_server_reads;
use cc_validate::{Diagnostic, Document, Endpoint, PayloadKind, SECRET_KEYS, Validator};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn select(selector: u8) -> (Endpoint, PayloadKind) {
    let count = Endpoint::ALL.len();
    let index = usize::from(selector);
    let kind = if (index / count).is_multiple_of(2) {
        PayloadKind::Request
    } else {
        PayloadKind::Response
    };
    (Endpoint::ALL[index % count], kind)
}

/// Every key and string value of the document, and the string values held by
/// credential keys (however their case is spelt).
fn strings<'v>(value: &'v Value, all: &mut Vec<&'v str>, secrets: &mut Vec<&'v str>) {
    match value {
        Value::String(text) => all.push(text),
        Value::Array(items) => items.iter().for_each(|item| strings(item, all, secrets)),
        Value::Object(members) => {
            for (key, item) in members {
                all.push(key);
                if let Value::String(secret) = item
                    && SECRET_KEYS
                        .iter()
                        .any(|name| name.eq_ignore_ascii_case(key))
                {
                    secrets.push(secret);
                }
                strings(item, all, secrets);
            }
        }
        _ => {}
    }
}

/// The texts of a finding that must not repeat a credential: its message,
/// help and notes, and each token of its pointer (a pointer joins keys with
/// `/`, so two keys may spell a credential across the separator).
fn texts(diagnostic: &Diagnostic) -> impl Iterator<Item = &str> {
    [diagnostic.message.as_str()]
        .into_iter()
        .chain(diagnostic.pointer.split('/'))
        .chain(diagnostic.help.as_deref())
        .chain(
            diagnostic
                .related
                .iter()
                .map(|related| related.note.as_str()),
        )
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, source)) = data.split_first() else {
        return;
    };
    let (endpoint, kind) = select(selector);
    let validator = Validator::get(endpoint, kind).expect("every embedded schema compiles");
    let diagnostics = validator.check_source(source);

    for diagnostic in &diagnostics {
        assert!(!diagnostic.message.is_empty());
        let places = diagnostic.location.into_iter().chain(
            diagnostic
                .related
                .iter()
                .filter_map(|related| related.location),
        );
        for location in places {
            assert!(location.offset <= source.len(), "{diagnostic:?}");
            assert!(location.line >= 1 && location.column >= 1, "{diagnostic:?}");
            let lines = source.iter().filter(|byte| **byte == b'\n').count() + 1;
            assert!(location.line <= lines, "{diagnostic:?}");
        }
    }

    let body = source.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(source);
    let plain = serde_json::from_slice::<Value>(body);
    let document = match Document::parse(source) {
        Ok(document) => document,
        Err(diagnostic) => {
            assert!(
                plain.is_err(),
                "serde_json reads what the parse rejects: {diagnostic:?}"
            );
            assert_eq!(diagnostics, vec![*diagnostic]);
            return;
        }
    };
    let plain = plain.expect("serde_json reads what the parse accepts");
    assert_eq!(plain, document.value);

    // The fast path's generated validator and the runtime one agree.
    assert_eq!(
        Some(validator.is_valid(&document.value)),
        validator.runtime_is_valid(&document.value),
        "the generated and the runtime validator disagree"
    );

    // Keys are matched as the server matches them (case-insensitively): the
    // typed models match exactly, and `key-case` warns about the difference.
    if !diagnostics.iter().any(Diagnostic::is_error) {
        let read = as_server_reads(endpoint, kind, &document.value);
        if let Err(error) = endpoint.round_trip(kind, &read) {
            panic!("no errors, but the typed {endpoint} {kind} model rejects it: {error}");
        }
    }

    // A credential long enough to be one, found nowhere else in the payload,
    // must not reach any message.
    let (mut all, mut secrets) = (Vec::new(), Vec::new());
    strings(&document.value, &mut all, &mut secrets);
    for secret in secrets {
        let elsewhere = all.iter().filter(|text| text.contains(secret)).count() > 1;
        if secret.chars().count() < 8 || elsewhere || !secret.chars().any(char::is_alphabetic) {
            continue;
        }
        for diagnostic in &diagnostics {
            for text in texts(diagnostic) {
                assert!(!text.contains(secret), "{secret:?} echoed: {diagnostic:?}");
            }
        }
    }
});
