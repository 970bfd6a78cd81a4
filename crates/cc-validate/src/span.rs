//! Maps JSON pointers to line and column through a span-preserving parse of the
//! source text. Only payloads with findings pay for it.

use crate::diagnostic::{Anchor, Location};
use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

/// A parsed source that resolves pointers to locations.
pub struct SourceMap<'a> {
    text: &'a str,
    root: Option<Value<'a>>,
    line_starts: Vec<usize>,
    /// Bytes before the parsed body: 3 for a UTF-8 byte order mark, else 0.
    base: usize,
}

/// Nesting deeper than this resolves nothing: the span parser recurses, and
/// the JSON parser of the payload already rejects anything past 128 levels.
const MAX_DEPTH: usize = 512;

impl<'a> SourceMap<'a> {
    /// Parses `text` (strict JSON, after an optional byte order mark). A text
    /// that does not parse, or nests deeper than 512 levels, resolves nothing.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let base = text.len() - body.len();
        let options = ParseOptions {
            allow_comments: false,
            allow_loose_object_property_names: false,
            allow_trailing_commas: false,
            allow_missing_commas: false,
            allow_single_quoted_strings: false,
            allow_hexadecimal_numbers: false,
            allow_unary_plus_numbers: false,
            ..ParseOptions::default()
        };
        let root = if nesting_depth(body) > MAX_DEPTH {
            None
        } else {
            parse_to_ast(body, &CollectOptions::default(), &options)
                .ok()
                .and_then(|result| result.value)
        };
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(index, _)| index + 1))
            .collect();
        Self {
            text,
            root,
            line_starts,
            base,
        }
    }

    /// The location of the value (or key) at `pointer`. Where an object repeats a
    /// key, the last occurrence (the one the server keeps). An unresolvable
    /// pointer falls back to its closest existing ancestor.
    #[must_use]
    pub fn locate(&self, pointer: &str, anchor: Anchor) -> Option<Location> {
        let offset = self.offset(pointer, anchor, false)?;
        Some(self.location(offset))
    }

    /// Like [`SourceMap::locate`], but where the last object repeats the key,
    /// the first occurrence.
    #[must_use]
    pub fn locate_first(&self, pointer: &str, anchor: Anchor) -> Option<Location> {
        let offset = self.offset(pointer, anchor, true)?;
        Some(self.location(offset))
    }

    /// The byte offset of the value (or key) at `pointer`, or of its closest
    /// existing ancestor.
    fn offset(&self, pointer: &str, anchor: Anchor, first_at_end: bool) -> Option<usize> {
        let mut node = self.root.as_ref()?;
        let mut key_start = None;
        let tokens: Vec<String> = pointer_tokens(pointer).collect();
        let count = tokens.len();
        for (index, token) in tokens.into_iter().enumerate() {
            let first = first_at_end && index + 1 == count;
            let next = match node {
                Value::Object(object) => {
                    let mut matching = object
                        .properties
                        .iter()
                        .filter(|prop| prop_name(&prop.name) == token);
                    let prop = if first {
                        matching.next()
                    } else {
                        matching.next_back()
                    };
                    prop.map(|prop| (&prop.value, Some(prop.name.range().start)))
                }
                Value::Array(array) => token
                    .parse::<usize>()
                    .ok()
                    .filter(|_| token == "0" || !token.starts_with('0'))
                    .and_then(|index| array.elements.get(index))
                    .map(|element| (element, None)),
                _ => None,
            };
            let Some((child, key)) = next else {
                return Some(self.base + node.range().start);
            };
            node = child;
            key_start = key;
        }
        Some(
            self.base
                + match (anchor, key_start) {
                    (Anchor::Key, Some(start)) => start,
                    _ => node.range().start,
                },
        )
    }

    /// The line and column of a byte offset. Columns count characters, and a
    /// byte order mark is not one.
    #[must_use]
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line_index = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let line_start = self.line_starts.get(line_index).copied().unwrap_or(0);
        let line_start = if line_index == 0 {
            self.base.min(offset)
        } else {
            line_start
        };
        let column = self
            .text
            .get(line_start..offset)
            .map_or(offset - line_start, |prefix| prefix.chars().count());
        Location {
            line: line_index + 1,
            column: column + 1,
            offset,
        }
    }
}

/// How deep arrays and objects nest in `text`, strings skipped; a cheap scan
/// that keeps the recursive span parser off hostile input.
fn nesting_depth(text: &str) -> usize {
    let mut depth = 0_usize;
    let mut deepest = 0_usize;
    let mut in_string = false;
    let mut escaped = false;
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

fn prop_name<'s>(name: &'s ObjectPropName<'_>) -> &'s str {
    match name {
        ObjectPropName::String(lit) => &lit.value,
        ObjectPropName::Word(word) => word.value,
    }
}

/// The unescaped reference tokens of an RFC 6901 pointer (`""` has none).
pub fn pointer_tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
}

/// Escapes one reference token for a JSON pointer.
#[must_use]
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"a\": {\"b\": [10, 20]},\n  \"x/y\": \"é\", \"z\": 1\n}";

    fn at(pointer: &str, anchor: Anchor) -> (usize, usize) {
        let map = SourceMap::new(TEXT);
        let location = map.locate(pointer, anchor).expect("located");
        (location.line, location.column)
    }

    #[test]
    fn locates_values_keys_and_array_items() {
        assert_eq!(at("", Anchor::Value), (1, 1));
        assert_eq!(at("/a", Anchor::Value), (2, 8));
        assert_eq!(at("/a", Anchor::Key), (2, 3));
        assert_eq!(at("/a/b/1", Anchor::Value), (2, 19));
        assert_eq!(at("/x~1y", Anchor::Value), (3, 10));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        // "é" is two bytes; `z`'s key follows it on the same line.
        assert_eq!(at("/z", Anchor::Key), (3, 15));
    }

    #[test]
    fn missing_members_fall_back_to_the_closest_ancestor() {
        assert_eq!(at("/a/missing", Anchor::Value), (2, 8));
        assert_eq!(at("/a/b/7", Anchor::Value), (2, 14));
        assert_eq!(at("/a/b/01", Anchor::Value), (2, 14));
    }

    #[test]
    fn a_byte_order_mark_shifts_offsets_but_not_columns() {
        let text = "\u{feff}{\"a\": 1,\n \"b\": [2]}";
        let map = SourceMap::new(text);
        let a = map.locate("/a", Anchor::Value).expect("located");
        assert_eq!((a.line, a.column, a.offset), (1, 7, 9));
        assert_eq!(&text[a.offset..=a.offset], "1");
        let b = map.locate("/b/0", Anchor::Value).expect("located");
        assert_eq!((b.line, b.column), (2, 8));
        assert_eq!(&text[b.offset..=b.offset], "2");
        let root = map.locate("", Anchor::Value).expect("located");
        assert_eq!((root.line, root.column, root.offset), (1, 1, 3));
        assert_eq!(map.location(0).column, 1);
    }

    #[test]
    fn hostile_nesting_resolves_nothing_without_recursing() {
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(SourceMap::new(&deep).locate("/0", Anchor::Value), None);
        let fine = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        assert!(
            SourceMap::new(&fine)
                .locate("/0/0", Anchor::Value)
                .is_some()
        );
        // Brackets inside strings do not count.
        let quoted = format!("[\"{}\\\"\"]", "[".repeat(10_000));
        assert_eq!(nesting_depth(&quoted), 1);
    }

    #[test]
    fn unparsable_text_resolves_nothing() {
        let map = SourceMap::new("{\"a\": 1,}");
        assert_eq!(map.locate("/a", Anchor::Value), None);
    }
}
