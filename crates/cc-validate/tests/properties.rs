//! Schema, rules and typed models agree, on generated payloads of every endpoint.
//!
//! Payloads are generated from each endpoint's committed JSON Schema by a small
//! schema-driven generator (objects with their required and some optional
//! properties, integers within their limits, enum members, strings within their
//! lengths and without surrounding whitespace, port lists and addresses the rules
//! accept), then:
//!
//! - forward: the typed model reads the payload, writes it back, the validator
//!   finds no error in what it wrote, and reading that again gives the same value;
//! - reverse: the payload is pushed to the schema's edges (boundary integers,
//!   `1.0` literals, nulls, wrong types, unknown and case-variant keys, empty
//!   arrays, removed keys); whenever the validator then reports no error, the
//!   typed model reads the payload, keys matched as the server matches them.
//!
//! Case counts are small and the random source fixed, so CI is fast and any
//! failure reproduces; `PROPTEST_CASES=2000` runs more locally.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod common;

use cc_validate::__fuzz::as_server_reads;
use cc_validate::{Diagnostic, Endpoint, PayloadKind, Validator};
use proptest::prelude::*;
use proptest::strategy::{BoxedStrategy, Union};
use proptest::test_runner::{TestCaseError, TestRunner};
use serde_json::{Map, Value, json};

/// Cases per endpoint and kind (22 of them), unless `PROPTEST_CASES` says.
const CASES: u32 = 64;

/// Optional properties always generated: rules report their absence as errors.
const ALWAYS: [&str; 4] = [
    "bk_process_id",
    "service_template_id",
    // Required process attributes on instances (instance-attribute).
    "bk_process_name",
    "bk_func_name",
];

fn runner() -> TestRunner {
    common::runner(CASES)
}

fn schema(endpoint: Endpoint, kind: PayloadKind) -> &'static Value {
    let value: Value = serde_json::from_str(cc_validate::schema_text(endpoint, kind)).unwrap();
    Box::leak(Box::new(value))
}

/// The node a `$ref` points at, or the node itself.
fn resolve(root: &'static Value, node: &'static Value) -> &'static Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.strip_prefix("#/$defs/").unwrap();
            resolve(root, &root["$defs"][name])
        }
        None => node,
    }
}

fn types(node: &Value) -> Vec<&str> {
    match node.get("type") {
        Some(Value::String(name)) => vec![name.as_str()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A string the rules accept for the field `field`, between `min` and `max`
/// characters.
fn string_for(field: &str, min: usize, max: usize) -> BoxedStrategy<Value> {
    let pick = |choices: &[&'static str]| {
        proptest::sample::select(choices.to_vec())
            .prop_map(Value::from)
            .boxed()
    };
    match field {
        // Ports both forms take: instance rows take one port or one range
        // (semantics section 8), templates also comma lists.
        "port" => pick(&["80", "8000-8010", "1-65535", "65535"]),
        "ip" | "bk_host_innerip" | "bk_host_outerip" => {
            pick(&["127.0.0.1", "0.0.0.0", "10.0.0.5", ""])
        }
        "bk_start_param_regex" => pick(&["", "^-c app$", "worker"]),
        // What the server's decoder takes (cc_model::timestamp).
        "create_time" | "last_time" => pick(&[
            "2019-06-19T15:24:04.763+08:00",
            "2024-02-29T00:00:00Z",
            "2023-11-15T02:10:04.619Z",
        ]),
        _ => {
            let max = max.min(min.max(12));
            let pattern = match (min, max) {
                (_, 0) => String::new(),
                (0 | 1, 1) => "[a-z]".to_owned(),
                _ => format!(
                    "[a-z0-9][a-z0-9_./-]{{{},{}}}[a-z0-9]",
                    min.saturating_sub(2),
                    max - 2
                ),
            };
            let text = proptest::string::string_regex(&pattern).unwrap();
            let strings = if min == 0 {
                prop_oneof![1 => Just(String::new()), 6 => text].boxed()
            } else {
                text.boxed()
            };
            strings.prop_map(Value::from).boxed()
        }
    }
}

/// Values of the schema `node`, for the property named `field`.
fn generate(
    root: &'static Value,
    node: &'static Value,
    field: &'static str,
) -> BoxedStrategy<Value> {
    let node = resolve(root, node);
    if let Some(Value::Array(branches)) = node.get("anyOf") {
        let options: Vec<BoxedStrategy<Value>> = branches
            .iter()
            .map(|branch| generate(root, branch, field))
            .collect();
        return Union::new(options).boxed();
    }
    if let Some(Value::Array(members)) = node.get("enum") {
        // Bind types and protocols of one family, so that rows stay consistent.
        let members: Vec<Value> = members
            .iter()
            .filter(|member| match field {
                "ip" => matches!(member.as_str(), Some("" | "1" | "2")),
                "protocol" => matches!(member.as_str(), Some("1" | "2")),
                _ => true,
            })
            .cloned()
            .collect();
        return proptest::sample::select(members).boxed();
    }
    let types = types(node);
    let mut options: Vec<(u32, BoxedStrategy<Value>)> = Vec::new();
    for name in &types {
        let strategy = match *name {
            "null" => (1, Just(Value::Null).boxed()),
            "boolean" => (4, any::<bool>().prop_map(Value::from).boxed()),
            "integer" => {
                let minimum = node.get("minimum").and_then(Value::as_i64);
                let maximum = node.get("maximum").and_then(Value::as_i64);
                // Ids are never 0: rules report a 0 id.
                let low = minimum.unwrap_or(1);
                let high = maximum.unwrap_or(1_000_000).max(low);
                (4, (low..=high).prop_map(Value::from).boxed())
            }
            "string" => {
                let min = node.get("minLength").and_then(Value::as_u64).unwrap_or(0);
                let max = node.get("maxLength").and_then(Value::as_u64).unwrap_or(64);
                (
                    4,
                    string_for(
                        field,
                        usize::try_from(min).unwrap(),
                        usize::try_from(max).unwrap(),
                    ),
                )
            }
            "array" => {
                let items = node.get("items").map_or_else(
                    || Just(Value::from(1)).boxed(),
                    |items| generate(root, items, field),
                );
                let min = node.get("minItems").and_then(Value::as_u64).unwrap_or(0);
                let max = node
                    .get("maxItems")
                    .and_then(Value::as_u64)
                    .unwrap_or(3)
                    .min(3);
                let sizes = usize::try_from(min).unwrap()..=usize::try_from(max.max(min)).unwrap();
                (
                    4,
                    proptest::collection::vec(items, sizes)
                        .prop_map(Value::Array)
                        .boxed(),
                )
            }
            "object" => (4, object(root, node, field)),
            other => panic!("no generator for type {other}"),
        };
        options.push(strategy);
    }
    if options.is_empty() {
        // A schema without a type takes any value (a legacy field, which the
        // server drops whatever it holds).
        assert!(
            node.get("anyOf").is_none() && node.get("enum").is_none(),
            "no type in {node}"
        );
        return proptest::sample::select(vec![
            Value::from(1),
            Value::from("x"),
            Value::Null,
            serde_json::json!({"value": 1}),
            serde_json::json!([1]),
        ])
        .boxed();
    }
    Union::new_weighted(options).boxed()
}

fn object(root: &'static Value, node: &'static Value, field: &'static str) -> BoxedStrategy<Value> {
    let required: Vec<&str> = node
        .get("required")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(Value::Object(properties)) = node.get("properties") else {
        return Just(json!({})).boxed();
    };
    let members: Vec<BoxedStrategy<Option<(String, Value)>>> = properties
        .iter()
        .map(|(key, schema)| {
            // A template wrapper's `value` is checked as the field it wraps.
            let name: &'static str = if key == "value" { field } else { key.as_str() };
            let mut value = generate(root, schema, name);
            if ALWAYS.contains(&key.as_str()) {
                value = value.prop_filter("set", |value| !value.is_null()).boxed();
            }
            let always = required.contains(&key.as_str()) || ALWAYS.contains(&key.as_str());
            let key = key.clone();
            let member = value.prop_map(move |value| Some((key.clone(), value)));
            if always {
                member.boxed()
            } else {
                prop_oneof![1 => Just(None), 1 => member].boxed()
            }
        })
        .collect();
    members
        .prop_map(|members| Value::Object(members.into_iter().flatten().collect::<Map<_, _>>()))
        .boxed()
}

/// The rules that span siblings: names unique within a batch, row ids unique
/// within a process. A template wrapper's fields take the field's values.
fn fix_up(value: &mut Value, counter: &mut i64) {
    match value {
        Value::Object(members) => {
            for (key, item) in members.iter_mut() {
                let unique = match key.as_str() {
                    "bk_process_name" | "bk_func_name" => {
                        Some(Value::from(format!("{key}{counter}")))
                    }
                    "row_id" | "template_row_id" => Some(Value::from(*counter)),
                    _ => None,
                };
                if let Some(unique) = unique {
                    *counter += 1;
                    match item {
                        Value::Object(wrapper)
                            if wrapper.get("value").is_some_and(|v| !v.is_null()) =>
                        {
                            wrapper.insert("value".to_owned(), unique);
                        }
                        Value::Null | Value::Object(_) => {}
                        other => *other = unique,
                    }
                }
            }
            for item in members.values_mut() {
                fix_up(item, counter);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| fix_up(item, counter)),
        _ => {}
    }
}

fn payloads(endpoint: Endpoint, kind: PayloadKind) -> BoxedStrategy<Value> {
    let root = schema(endpoint, kind);
    generate(root, root, "")
        .prop_map(|mut value| {
            fix_up(&mut value, &mut 1);
            value
        })
        .boxed()
}

fn errors(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.is_error())
        .map(|diagnostic| {
            format!(
                "{} {}: {}",
                diagnostic.rule, diagnostic.pointer, diagnostic.message
            )
        })
        .collect()
}

fn every_endpoint(test: impl Fn(Endpoint, PayloadKind)) {
    for endpoint in Endpoint::ALL {
        for kind in PayloadKind::ALL {
            test(endpoint, kind);
        }
    }
}

#[test]
fn generated_payloads_are_valid() {
    // The generator itself: what it makes has no error, so the properties below
    // test the validator and the models, not the generator.
    every_endpoint(|endpoint, kind| {
        let validator = Validator::get(endpoint, kind).unwrap();
        runner()
            .run(&payloads(endpoint, kind), |value| {
                let found = errors(&validator.check_value(&value));
                prop_assert!(found.is_empty(), "{endpoint} {kind}: {found:#?}\n{value:#}");
                Ok(())
            })
            .unwrap();
    });
}

#[test]
fn models_write_what_the_validator_accepts_and_read_it_back() {
    every_endpoint(|endpoint, kind| {
        let validator = Validator::get(endpoint, kind).unwrap();
        runner()
            .run(&payloads(endpoint, kind), |value| {
                let typed = endpoint.round_trip(kind, &value).map_err(|error| {
                    TestCaseError::fail(format!(
                        "{endpoint} {kind}: the model rejects a valid payload: {error}\n{value:#}"
                    ))
                })?;
                let text = serde_json::to_string_pretty(&typed).unwrap();
                let found = errors(&validator.check_source(text.as_bytes()));
                prop_assert!(
                    found.is_empty(),
                    "{endpoint} {kind}: the model writes what the validator rejects: {found:#?}\n{text}"
                );
                let again = endpoint
                    .round_trip(kind, &serde_json::from_str(&text).unwrap())
                    .map_err(|error| TestCaseError::fail(format!("{endpoint} {kind}: {error}\n{text}")))?;
                prop_assert_eq!(again, typed, "{} {}", endpoint, kind);
                Ok(())
            })
            .unwrap();
    });
}

/// Every integer limit of the schema, and one past it on either side.
fn boundaries(node: &Value, out: &mut Vec<i64>) {
    match node {
        Value::Object(map) => {
            for key in [
                "minimum",
                "maximum",
                "minItems",
                "maxItems",
                "minLength",
                "maxLength",
            ] {
                if let Some(limit) = map.get(key).and_then(Value::as_i64) {
                    out.extend([limit - 1, limit, limit + 1]);
                }
            }
            map.values().for_each(|child| boundaries(child, out));
        }
        Value::Array(items) => items.iter().for_each(|item| boundaries(item, out)),
        _ => {}
    }
}

/// Pointers to every node of `value`, the root first.
fn pointers(value: &Value, pointer: &str, out: &mut Vec<String>) {
    out.push(pointer.to_owned());
    match value {
        Value::Object(members) => {
            for (key, item) in members {
                pointers(
                    item,
                    &format!("{pointer}/{}", cc_validate::escape_token(key)),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                pointers(item, &format!("{pointer}/{index}"), out);
            }
        }
        _ => {}
    }
}

/// Pushes the node at one of the value's pointers to an edge: `which` picks
/// the node, `how` the change.
fn mutate(value: &mut Value, which: usize, how: usize, limits: &[i64]) {
    let mut all = Vec::new();
    pointers(value, "", &mut all);
    let pointer = &all[which % all.len()];
    let node = value.pointer_mut(pointer).unwrap();
    let limit = limits.get(how % limits.len().max(1)).copied().unwrap_or(0);
    let odd_strings = [
        "",
        " x",
        "x ",
        "0",
        "5",
        "9",
        "::1",
        "localhost",
        "80,80",
        "90-80",
        "1.0",
        "080",
    ];
    let odd = odd_strings[how % odd_strings.len()];
    match (how % 12, node) {
        (0, node) => *node = Value::Null,
        (2, node) => *node = json!(1.0),
        (3, node) => *node = Value::from(odd),
        (4, node) => *node = json!([]),
        (5, node) => *node = json!({}),
        (6, node) => *node = json!(true),
        (7, Value::Object(members)) => {
            members.insert(format!("unknown_{how}"), Value::from(limit));
        }
        (8, Value::Object(members)) => {
            // A key in another case, holding a copy of the value or an odd one.
            if let Some((key, item)) = members.iter().nth(how % members.len().max(1)) {
                let variant = if how.is_multiple_of(2) {
                    key.to_uppercase()
                } else {
                    key.to_ascii_uppercase()
                };
                let item = if how.is_multiple_of(3) {
                    Value::from(odd)
                } else {
                    item.clone()
                };
                if how.is_multiple_of(5) {
                    members.remove(&key.clone());
                }
                members.insert(variant, item);
            }
        }
        (9, Value::Object(members)) => {
            if let Some(key) = members.keys().nth(how % members.len().max(1)).cloned() {
                members.remove(&key);
            }
        }
        (10, Value::Array(items)) => {
            if let Some(first) = items.first().cloned() {
                items.push(first);
            }
        }
        (11, node @ Value::Number(_)) => {
            *node = json!(f64::from(u32::try_from(limit.clamp(0, 1 << 30)).unwrap()) + 0.5);
        }
        // 1, and changes that do not fit the node: a boundary integer.
        (_, node) => *node = Value::from(limit),
    }
}

#[test]
fn whenever_the_validator_finds_no_error_the_model_reads_the_payload() {
    every_endpoint(|endpoint, kind| {
        let validator = Validator::get(endpoint, kind).unwrap();
        let mut limits = vec![i64::MIN, -1, 0, 1, i64::MAX, 65_535, 65_536];
        boundaries(schema(endpoint, kind), &mut limits);
        limits.sort_unstable();
        limits.dedup();
        let edits = proptest::collection::vec((any::<usize>(), any::<usize>()), 1..=3);
        runner()
            .run(&(payloads(endpoint, kind), edits), |(mut value, edits)| {
                for (which, how) in edits {
                    mutate(&mut value, which, how, &limits);
                }
                let found = validator.check_value(&value);
                if found.iter().any(Diagnostic::is_error) {
                    return Ok(());
                }
                let read = as_server_reads(endpoint, kind, &value);
                if let Err(error) = endpoint.round_trip(kind, &read) {
                    return Err(TestCaseError::fail(format!(
                        "{endpoint} {kind}: no error found, but the model rejects it: {error}\n\
                         findings: {found:#?}\n{value:#}"
                    )));
                }
                Ok(())
            })
            .unwrap();
    });
}

/// Found by the `validate` fuzz target: a key in another case is a `key-case`
/// warning, not an error, because the server matches keys case-insensitively;
/// the typed models match exactly, so they read such a payload only with its
/// keys matched as the server matches them.
#[test]
fn regression_a_key_case_variant_is_read_as_the_server_reads_it() {
    let (endpoint, kind) = (Endpoint::DeleteProcTemplate, PayloadKind::Request);
    let source = b"{\n  \"bk_biz_iD\": 1,\n  \"process_templates\": [50]\n}\n";
    let validator = Validator::get(endpoint, kind).unwrap();
    let found = validator.check_source(source);
    assert!(errors(&found).is_empty(), "{found:#?}");
    assert!(found.iter().any(|finding| finding.rule.id() == "key-case"));
    let value: Value = serde_json::from_slice(source).unwrap();
    assert!(
        endpoint.round_trip(kind, &value).is_err(),
        "models match keys exactly"
    );
    let read = as_server_reads(endpoint, kind, &value);
    assert_eq!(read["bk_biz_id"], 1);
    endpoint.round_trip(kind, &read).unwrap();
}

/// What the server reads from a payload, for comparing a text with its safe
/// fix: keys matched as the server matches them (ignoring case, the last of
/// keys equal but for case winning), and integral numbers as integers (`1.0`
/// is what the author of `1` plainly meant).
fn server_reading(endpoint: Endpoint, kind: PayloadKind, value: &Value) -> Value {
    fn integers(value: &mut Value) {
        match value {
            Value::Object(members) => {
                let mut folded = Map::new();
                for (key, mut item) in std::mem::take(members) {
                    integers(&mut item);
                    folded.insert(key.to_ascii_lowercase(), item);
                }
                *members = folded;
            }
            Value::Number(number) if !number.is_i64() => {
                if let Some(float) = number.as_f64()
                    && float.fract() == 0.0
                    && float.abs() < 9.0e18
                {
                    #[allow(clippy::cast_possible_truncation)] // Integral and within i64.
                    let integer = float as i64;
                    *value = Value::from(integer);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(integers),
            _ => {}
        }
    }
    let mut read = as_server_reads(endpoint, kind, value);
    integers(&mut read);
    read
}

/// Sets the value at `pointer` to null, keys matched ignoring ASCII case (the
/// pointer may be spelt as written, the value as the server reads it).
fn mask(value: &mut Value, pointer: &str) {
    let mut node = value;
    for token in cc_validate::pointer_tokens(pointer) {
        node = match node {
            Value::Object(members) => {
                let key = members
                    .keys()
                    .find(|key| **key == token)
                    .or_else(|| members.keys().find(|key| key.eq_ignore_ascii_case(&token)))
                    .cloned();
                match key.and_then(|key| members.get_mut(&key)) {
                    Some(child) => child,
                    None => return,
                }
            }
            Value::Array(items) => {
                match token.parse::<usize>().ok().and_then(|at| items.get_mut(at)) {
                    Some(child) => child,
                    None => return,
                }
            }
            _ => return,
        };
    }
    *node = Value::Null;
}

/// Text-level changes a `Value` cannot hold, for the fixes to meet: a
/// repeated first member of the root, a legacy field, a real-looking secret.
fn roughen(text: &str, how: usize) -> String {
    let Some(body) = text.strip_prefix('{') else {
        return text.to_owned();
    };
    let mut extra = Vec::new();
    if how.is_multiple_of(3)
        && let Some(first) = body.split_once(",\n").map(|(first, _)| first.trim())
        && serde_json::from_str::<Value>(&format!("{{{first}}}")).is_ok()
    {
        extra.push(first.to_owned());
    }
    if how % 4 == 1 {
        extra.push("\"bk_app_secret\": \"a8f3c1e9-real-looking\"".to_owned());
    }
    if how % 5 == 2 {
        extra.push("\"auto_time_gap\": 60".to_owned());
    }
    if extra.is_empty() || body.trim_start().starts_with('}') {
        return text.to_owned();
    }
    format!("{{\n  {},{body}", extra.join(",\n  "))
}

#[test]
fn fixing_removes_what_it_fixes_keeps_the_text_parsing_and_is_idempotent() {
    use cc_validate::{Applicability, CheckOptions, Document, Overrides, fix_source};
    let overrides = Overrides::new();
    every_endpoint(|endpoint, kind| {
        let validator = Validator::get(endpoint, kind).unwrap();
        let mut limits = vec![-1, 0, 1, 65_535];
        boundaries(schema(endpoint, kind), &mut limits);
        limits.sort_unstable();
        limits.dedup();
        let edits = proptest::collection::vec((any::<usize>(), any::<usize>()), 1..=3);
        runner()
            .run(&(payloads(endpoint, kind), edits, any::<usize>()), |(mut value, edits, how)| {
                for (which, how) in edits {
                    mutate(&mut value, which, how, &limits);
                }
                let text = roughen(&serde_json::to_string_pretty(&value).unwrap(), how);
                for allowed in [Applicability::Safe, Applicability::Unsafe] {
                    let fixed = fix_source(validator, text.as_bytes(), CheckOptions::default(), &overrides, allowed);
                    let shown = String::from_utf8_lossy(&fixed.text).into_owned();
                    let document = Document::parse(&fixed.text);
                    prop_assert!(document.is_ok(), "{endpoint} {kind} {allowed}: the fix does not parse\n{text}\n->\n{shown}");
                    let left: Vec<String> = fixed
                        .remaining
                        .iter()
                        .filter(|finding| finding.fix.as_ref().is_some_and(|fix| fix.applies_at(allowed)))
                        .map(|finding| format!("{} {}", finding.rule, finding.pointer))
                        .collect();
                    prop_assert!(left.is_empty(), "{endpoint} {kind} {allowed}: still to fix {left:?}\n{text}\n->\n{shown}");
                    let again = fix_source(validator, &fixed.text, CheckOptions::default(), &overrides, allowed);
                    prop_assert!(!again.changed(), "{endpoint} {kind} {allowed}: a second fix changed\n{shown}");
                    prop_assert_eq!(&again.text, &fixed.text);
                    if allowed == Applicability::Safe && fixed.changed() {
                        // The safe fixes that name a value they change: trims
                        // and `as_default_value`.
                        let original = Document::parse(text.as_bytes()).unwrap();
                        let mut before = server_reading(endpoint, kind, &original.value);
                        let mut after = server_reading(endpoint, kind, &document.unwrap().value);
                        for finding in validator.check_document(&original, text.as_bytes()) {
                            let named = matches!(finding.rule.id(), "surrounding-whitespace" | "ignored-field");
                            if named && finding.fix.is_some() {
                                mask(&mut before, &finding.pointer);
                                mask(&mut after, &finding.pointer);
                            }
                        }
                        prop_assert_eq!(before, after, "{} {}: a safe fix changed what the server reads\n{}\n->\n{}", endpoint, kind, text, shown);
                    }
                }
                Ok(())
            })
            .unwrap();
    });
}
