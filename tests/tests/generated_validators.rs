//! The fast path's validators, generated from the schemas at build time, give
//! the runtime validator's verdict: on every fixture and example against every
//! endpoint's request and response schema, and on thousands of mutants of each
//! fixture against its own endpoint (each member dropped, each value replaced by
//! values of other types, at the edges of ranges, blank or padded).
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_validate::{Endpoint, PayloadKind, Validator};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// The `*.json` files under `dir`, recursively, in name order.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let mut children: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    children.sort();
    for path in children {
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            files.push(path);
        }
    }
}

/// Every JSON file of the fixture directories and `examples/`, with the
/// endpoint and kind its name says.
fn payloads() -> Vec<(PathBuf, Endpoint, PayloadKind, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        root.join("fixtures/upstream"),
        root.join("fixtures/seed"),
        root.join("fixtures/invalid"),
        root.join("../examples"),
    ];
    let mut files = Vec::new();
    for dir in dirs {
        walk(&dir, &mut files);
    }
    let mut found = Vec::new();
    for path in files {
        let Some(endpoint) = cc_validate::endpoint_from_path(&path) else {
            continue;
        };
        let Ok(value) = serde_json::from_slice::<Value>(&std::fs::read(&path).unwrap()) else {
            continue;
        };
        let kind = cc_validate::payload_kind(&value);
        found.push((path, endpoint, kind, value));
    }
    found
}

fn assert_agree(validator: &Validator, value: &Value, what: &dyn Fn() -> String) {
    let runtime = validator.runtime_is_valid(value).unwrap();
    assert_eq!(
        validator.is_valid(value),
        runtime,
        "{:?} {:?}: the generated validator disagrees with the runtime one on {}",
        validator.endpoint(),
        validator.kind(),
        what()
    );
}

#[test]
fn every_fixture_gets_the_same_verdict_from_both_against_every_schema() {
    let payloads = payloads();
    assert!(payloads.len() > 100, "fixtures found: {}", payloads.len());
    let mut valid = 0;
    for endpoint in Endpoint::ALL {
        for kind in [PayloadKind::Request, PayloadKind::Response] {
            let validator = Validator::get(endpoint, kind).unwrap();
            for (path, _, _, value) in &payloads {
                assert_agree(validator, value, &|| path.display().to_string());
                valid += usize::from(validator.is_valid(value));
            }
        }
    }
    // Both verdicts occur: the comparison is not one-sided.
    assert!(valid > 50, "valid pairs: {valid}");
}

/// Values put in place of every member, to cross types, ranges and formats.
fn replacements() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(-1),
        json!(1),
        json!(-100),
        json!(-101),
        json!(10_000),
        json!(10_001),
        json!(1.5),
        json!(1e300),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(""),
        json!(" "),
        json!("x"),
        json!(" x "),
        json!("1"),
        json!("9"),
        json!("127.0.0.1"),
        json!("80-81"),
        json!([]),
        json!([1]),
        json!(["x"]),
        json!({}),
        json!({"value": 1, "as_default_value": true}),
        json!({"value": null}),
    ]
}

/// Every mutant of `value`: one member or item dropped, or one value replaced.
fn mutants(value: &Value, out: &mut Vec<Value>) {
    fn walk(root: &Value, path: &mut Vec<Step>, node: &Value, out: &mut Vec<Value>) {
        match node {
            Value::Object(members) => {
                for (key, item) in members {
                    path.push(Step::Key(key.clone()));
                    out.push(edit(root, path, None));
                    walk(root, path, item, out);
                    path.pop();
                }
                // An unknown member added.
                path.push(Step::Key("unknown_key".to_owned()));
                out.push(edit(root, path, Some(&json!(1))));
                path.pop();
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    path.push(Step::Index(index));
                    out.push(edit(root, path, None));
                    walk(root, path, item, out);
                    path.pop();
                }
            }
            _ => {}
        }
        for replacement in replacements() {
            if !path.is_empty() {
                out.push(edit(root, path, Some(&replacement)));
            }
        }
    }
    walk(value, &mut Vec::new(), value, out);
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// `root` with the node at `path` removed (`None`) or set.
fn edit(root: &Value, path: &[Step], set: Option<&Value>) -> Value {
    let mut copy = root.clone();
    let Some((last, parents)) = path.split_last() else {
        return copy;
    };
    let mut node = &mut copy;
    for step in parents {
        node = match step {
            Step::Key(key) => node.get_mut(key.as_str()).unwrap(),
            Step::Index(index) => node.get_mut(*index).unwrap(),
        };
    }
    match (last, node) {
        (Step::Key(key), Value::Object(members)) => match set {
            Some(value) => {
                members.insert(key.clone(), value.clone());
            }
            None => {
                members.shift_remove(key);
            }
        },
        (Step::Index(index), Value::Array(items)) => match set {
            Some(value) => items[*index] = value.clone(),
            None => {
                items.remove(*index);
            }
        },
        _ => unreachable!("paths are taken from the value"),
    }
    copy
}

#[test]
fn mutants_of_every_fixture_get_the_same_verdict_from_both() {
    let mut checked = 0;
    let mut verdicts = [0_usize; 2];
    for (path, endpoint, kind, value) in payloads() {
        let validator = Validator::get(endpoint, kind).unwrap();
        let mut all = Vec::new();
        mutants(&value, &mut all);
        for (index, mutant) in all.iter().enumerate() {
            assert_agree(validator, mutant, &|| {
                format!("mutant {index} of {}: {mutant}", path.display())
            });
            verdicts[usize::from(validator.is_valid(mutant))] += 1;
        }
        checked += all.len();
    }
    eprintln!("{checked} mutants, {verdicts:?} invalid/valid");
    assert!(checked > 10_000, "mutants checked: {checked}");
    assert!(verdicts[0] > 1000 && verdicts[1] > 1000, "{verdicts:?}");
}
