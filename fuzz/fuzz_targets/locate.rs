//! JSON pointer to line and column (`SourceMap`). The input is a text, then
//! optionally a 0xFF byte (never part of UTF-8) and a pointer to look up.
//!
//! Every location must be a character boundary inside the text whose line and
//! column agree with its offset; for text `serde_json` reads, every member of
//! the value must be found, and the text at its location must be that value
//! (or, for a key, that key).
#![no_main]

use cc_validate::{Anchor, Location, SourceMap, escape_token};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// At most this many members are looked up per input, to keep runs fast.
const MAX_POINTERS: usize = 512;

fn check_location(text: &str, location: Location) {
    let offset = location.offset;
    assert!(offset <= text.len(), "{location:?}");
    assert!(text.is_char_boundary(offset), "{location:?}");
    let before = &text[..offset];
    assert_eq!(
        location.line,
        before.matches('\n').count() + 1,
        "{location:?}"
    );
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let mut line = &before[line_start..];
    if line_start == 0 {
        line = line.strip_prefix('\u{feff}').unwrap_or(line);
    }
    assert_eq!(location.column, line.chars().count() + 1, "{location:?}");
}

/// The first JSON value (or string) at the start of `text`.
fn value_at(text: &str) -> Value {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .next()
        .expect("a value starts here")
        .expect("the value at the location parses")
}

fn members<'v>(
    value: &'v Value,
    pointer: String,
    out: &mut Vec<(String, Option<String>, &'v Value)>,
) {
    if out.len() >= MAX_POINTERS {
        return;
    }
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let child = format!("{pointer}/{index}");
                out.push((child.clone(), None, item));
                members(item, child, out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let child = format!("{pointer}/{}", escape_token(key));
                out.push((child.clone(), Some(key.clone()), item));
                members(item, child, out);
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let (text, pointer) = match data.iter().position(|&byte| byte == 0xFF) {
        Some(index) => (&data[..index], Some(&data[index + 1..])),
        None => (data, None),
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let map = SourceMap::new(text);
    if let Some(pointer) = pointer.and_then(|pointer| std::str::from_utf8(pointer).ok()) {
        for anchor in [Anchor::Value, Anchor::Key] {
            let found = [
                map.locate(pointer, anchor),
                map.locate_first(pointer, anchor),
            ];
            for location in found.into_iter().flatten() {
                check_location(text, location);
            }
        }
    }
    for offset in [0, text.len() / 2, text.len()] {
        let location = map.location(offset);
        if text.is_char_boundary(offset)
            && !(offset > 0 && offset < 3 && text.starts_with('\u{feff}'))
        {
            check_location(text, location);
        }
    }

    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return;
    };
    let root = map.locate("", Anchor::Value).expect("the root is found");
    check_location(text, root);
    assert_eq!(value_at(&text[root.offset..]), value);
    let mut found = Vec::new();
    members(&value, String::new(), &mut found);
    for (pointer, key, expected) in found {
        let location = map
            .locate(&pointer, Anchor::Value)
            .expect("every member is found");
        check_location(text, location);
        assert_eq!(&value_at(&text[location.offset..]), expected, "{pointer}");
        if let Some(key) = key {
            let location = map
                .locate(&pointer, Anchor::Key)
                .expect("every key is found");
            check_location(text, location);
            assert_eq!(
                value_at(&text[location.offset..]),
                Value::String(key),
                "{pointer}"
            );
            let first = map
                .locate_first(&pointer, Anchor::Key)
                .expect("every key is found");
            check_location(text, first);
        }
    }
});
