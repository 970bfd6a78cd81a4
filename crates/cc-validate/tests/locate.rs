//! `SourceMap` finds every member of arbitrary JSON, whatever its layout: for
//! generated values written compactly, pretty-printed or with random whitespace
//! (keys that need escaping, repeated keys, a byte order mark), the text at the
//! location of every value is that value and the text at every key is that key,
//! and line and column agree with the offset.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_validate::{Anchor, Location, SourceMap, escape_token};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6..1e6_f64).prop_map(Value::from),
        "[a-z\"\\\\/~é\u{1F600}\n ]{0,6}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-c/~\"\\\\é]{0,3}", inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// `value` written with `spaces[i % len]` after every structural character.
fn spaced(value: &Value, spaces: &[&str]) -> String {
    let compact = serde_json::to_string(value).unwrap();
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut count = 0;
    for ch in compact.chars() {
        out.push(ch);
        if in_string {
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => in_string = true,
            '{' | '[' | ',' | ':' => {
                out.push_str(spaces[count % spaces.len()]);
                count += 1;
            }
            _ => {}
        }
    }
    out
}

/// Every member below `value`: pointer, key (for object members) and value.
fn members<'v>(
    value: &'v Value,
    pointer: &str,
    out: &mut Vec<(String, Option<&'v str>, &'v Value)>,
) {
    match value {
        Value::Object(object) => {
            for (key, item) in object {
                let child = format!("{pointer}/{}", escape_token(key));
                out.push((child.clone(), Some(key), item));
                members(item, &child, out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let child = format!("{pointer}/{index}");
                out.push((child.clone(), None, item));
                members(item, &child, out);
            }
        }
        _ => {}
    }
}

/// The first JSON value at the start of `text`.
fn value_at(text: &str) -> Value {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .next()
        .unwrap()
        .unwrap()
}

fn check_position(text: &str, location: Location) {
    let before = &text[..location.offset];
    assert_eq!(location.line, before.matches('\n').count() + 1);
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let line = &before[line_start..];
    let line = if line_start == 0 {
        line.strip_prefix('\u{feff}').unwrap_or(line)
    } else {
        line
    };
    assert_eq!(location.column, line.chars().count() + 1);
}

fn check_all(text: &str, value: &Value) {
    let map = SourceMap::new(text);
    let root = map.locate("", Anchor::Value).unwrap();
    assert_eq!(&value_at(&text[root.offset..]), value);
    let mut found = Vec::new();
    members(value, "", &mut found);
    for (pointer, key, item) in found {
        let at = map.locate(&pointer, Anchor::Value).unwrap();
        check_position(text, at);
        assert_eq!(&value_at(&text[at.offset..]), item, "{pointer} in {text}");
        if let Some(key) = key {
            let at = map.locate(&pointer, Anchor::Key).unwrap();
            check_position(text, at);
            assert_eq!(value_at(&text[at.offset..]), Value::from(key), "{pointer}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_member_is_found_in_any_layout(
        value in value(),
        spaces in prop::collection::vec(prop_oneof![Just(""), Just(" "), Just("\n  "), Just("\r\n\t")], 1..4),
        bom in any::<bool>(),
    ) {
        check_all(&serde_json::to_string(&value).unwrap(), &value);
        check_all(&serde_json::to_string_pretty(&value).unwrap(), &value);
        let text = spaced(&value, &spaces);
        let text = if bom { format!("\u{feff}{text}") } else { text };
        check_all(&text, &value);
    }
}

#[test]
fn a_repeated_key_is_found_last_or_first() {
    let text = "{\"a\": {\"k\": 1, \"k\": [2]}, \"a\": {\"k\": 3, \"x\": 4, \"k\": 5}}";
    let map = SourceMap::new(text);
    let at = |pointer: &str| map.locate(pointer, Anchor::Value).unwrap().offset;
    assert_eq!(&text[at("/a/k")..=at("/a/k")], "5");
    let first = map.locate_first("/a/k", Anchor::Key).unwrap().offset;
    assert_eq!(&text[first..first + 3], "\"k\"");
    assert_eq!(
        value_at(&text[first + 5..]),
        Value::from(3),
        "first in the last `a`"
    );
}

#[test]
fn what_is_not_strict_json_resolves_nothing() {
    for text in [
        "{\"a\": 1,}",
        "[1 2]",
        "{\"a\" 1}",
        "{'a': 1}",
        "[1]]",
        "",
        "\"x",
    ] {
        assert_eq!(
            SourceMap::new(text).locate("", Anchor::Value),
            None,
            "{text}"
        );
    }
}
