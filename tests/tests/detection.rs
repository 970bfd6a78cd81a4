//! Endpoint detection over every upstream fixture: by file name, always the
//! fixture's endpoint; by content alone, every request is told apart, and a
//! response is either told apart or reported as ambiguous among candidates that
//! include its endpoint, never attributed to another endpoint.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_validate::{Detection, Endpoint, PayloadKind};
use serde_json::Value;
use std::path::Path;

#[derive(serde::Deserialize)]
struct Entry {
    file: String,
    endpoint: String,
    kind: String,
    valid_json: bool,
}

fn entries() -> Vec<Entry> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/upstream");
    serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap()
}

fn value(file: &str) -> Value {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/upstream");
    serde_json::from_slice(&std::fs::read(dir.join(file)).unwrap()).unwrap()
}

#[test]
fn the_file_name_names_the_endpoint() {
    for entry in entries() {
        let endpoint: Endpoint = entry.endpoint.parse().unwrap();
        assert_eq!(
            cc_validate::endpoint_from_path(Path::new(&entry.file)),
            Some(endpoint),
            "{}",
            entry.file
        );
    }
}

#[test]
fn the_kind_is_told_from_the_content() {
    for entry in entries().iter().filter(|entry| entry.valid_json) {
        let kind = cc_validate::payload_kind(&value(&entry.file));
        assert_eq!(kind.name(), entry.kind, "{}", entry.file);
    }
}

#[test]
fn content_alone_tells_every_request_apart() {
    for entry in entries()
        .iter()
        .filter(|entry| entry.valid_json && entry.kind == "request")
    {
        let endpoint: Endpoint = entry.endpoint.parse().unwrap();
        assert_eq!(
            cc_validate::endpoint_from_content(&value(&entry.file), PayloadKind::Request),
            Detection::Found(endpoint),
            "{}",
            entry.file
        );
    }
}

#[test]
fn content_never_attributes_a_response_to_another_endpoint() {
    let mut found = 0;
    for entry in entries()
        .iter()
        .filter(|entry| entry.valid_json && entry.kind == "response")
    {
        let endpoint: Endpoint = entry.endpoint.parse().unwrap();
        match cc_validate::endpoint_from_content(&value(&entry.file), PayloadKind::Response) {
            Detection::Found(detected) => {
                assert_eq!(detected, endpoint, "{}", entry.file);
                found += 1;
            }
            Detection::Ambiguous(candidates) => {
                assert!(
                    candidates.contains(&endpoint),
                    "{}: {candidates:?}",
                    entry.file
                );
                assert!(candidates.len() >= 2, "{}", entry.file);
            }
            Detection::Unknown => panic!("{}: not recognised at all", entry.file),
        }
    }
    // Responses with their own data shape are recognised by content.
    assert!(found > 0);
}
