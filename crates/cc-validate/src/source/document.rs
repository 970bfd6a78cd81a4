//! Parsing that sees what `serde_json::Value` hides: a repeated key. The value is
//! built in one pass that only notices a repeated key; a payload with one is
//! parsed again by a seed that tracks where it is, to report it. A payload
//! without one costs no more than a plain parse.

use crate::source::parse::{BOM, bom_diagnostic, checked_text, syntax_diagnostic};
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::pointer::escape_token;
use crate::vocab::rule::Rule;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};
use std::cell::{Cell, RefCell};
use std::fmt;

/// A parsed payload and what parsing noticed about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The value, with the last occurrence of a repeated key kept (as the server
    /// does).
    pub value: Value,
    /// Findings of the parse itself (`duplicate-key`).
    pub findings: Vec<Diagnostic>,
    /// What the values hold, noticed on the way.
    pub(crate) traits: Traits,
}

/// Rare things a payload's values may hold, noticed while parsing, so that the
/// rules looking for them skip the payloads without them instead of walking
/// the whole value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Traits {
    /// Some number is not an `i64` (a fraction, an exponent, a big integer).
    pub(crate) non_i64_number: bool,
    /// Some string value starts or ends with whitespace.
    pub(crate) padded_string: bool,
}

impl Traits {
    /// Nothing is known: every rule looks for itself.
    pub(crate) const UNKNOWN: Self = Self {
        non_i64_number: true,
        padded_string: true,
    };
}

/// Whether `text` starts or ends with whitespace.
pub(crate) fn is_padded(text: &str) -> bool {
    // Most strings start and end with a printable ASCII character: two byte
    // comparisons. Anything else is decoded.
    let plain = |byte: Option<&u8>| byte.is_some_and(|byte| (0x21..0x7f).contains(byte));
    let bytes = text.as_bytes();
    if plain(bytes.first()) && plain(bytes.last()) {
        return false;
    }
    let edge = |ch: Option<char>| ch.is_some_and(char::is_whitespace);
    edge(text.chars().next()) || edge(text.chars().next_back())
}

impl Document {
    /// Parses strict JSON; invalid JSON (text that is not UTF-8, an empty file
    /// included) is one `json-syntax` finding.
    ///
    /// A leading UTF-8 byte order mark is a `json-syntax` finding too, but the
    /// rest is parsed and checked as usual, its columns counted as an editor
    /// shows them (without the mark).
    pub fn parse(source: &[u8]) -> Result<Self, Box<Diagnostic>> {
        let text = checked_text(source)?;
        let base = source.len() - text.len();
        // Where each value is is only needed to report a repeated key: the
        // first pass only notices one, and a payload that has one is parsed
        // again, keeping track of the path.
        let mut state = State::default();
        let mut value = parse_with(text, &state)
            .map_err(|error| Box::new(syntax_diagnostic(text, base, &error)))?;
        if state.repeated.get() {
            state = State {
                track: true,
                ..State::default()
            };
            value = parse_with(text, &state)
                .map_err(|error| Box::new(syntax_diagnostic(text, base, &error)))?;
        }
        let mut findings = state.duplicates.into_inner();
        if source.starts_with(BOM) {
            findings.insert(0, bom_diagnostic());
        }
        Ok(Self {
            value,
            findings,
            traits: state.traits.get(),
        })
    }
}

/// Parses `text` with `state`'s bookkeeping.
fn parse_with(text: &str, state: &State) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = ValueSeed { state }.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// One step of the path from the root to the value being built.
enum Segment {
    Key(String),
    Index(usize),
}

struct State {
    /// Whether the path is tracked and repeated keys reported.
    track: bool,
    /// Some object repeats a key.
    repeated: Cell<bool>,
    path: RefCell<Vec<Segment>>,
    duplicates: RefCell<Vec<Diagnostic>>,
    traits: Cell<Traits>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            track: false,
            repeated: Cell::new(false),
            path: RefCell::default(),
            duplicates: RefCell::default(),
            traits: Cell::new(Traits {
                non_i64_number: false,
                padded_string: false,
            }),
        }
    }
}

impl State {
    fn note_non_i64(&self) {
        let mut traits = self.traits.get();
        traits.non_i64_number = true;
        self.traits.set(traits);
    }

    fn note_string(&self, text: &str) {
        if is_padded(text) {
            let mut traits = self.traits.get();
            traits.padded_string = true;
            self.traits.set(traits);
        }
    }

    fn pointer_to(&self, key: &str) -> String {
        let mut pointer = String::new();
        for segment in self.path.borrow().iter() {
            pointer.push('/');
            match segment {
                Segment::Key(key) => pointer.push_str(&escape_token(key)),
                Segment::Index(index) => pointer.push_str(&index.to_string()),
            }
        }
        pointer.push('/');
        pointer.push_str(&escape_token(key));
        pointer
    }
}

struct ValueSeed<'s> {
    state: &'s State,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Value, E> {
        if i64::try_from(value).is_err() {
            self.state.note_non_i64();
        }
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Value, E> {
        // `-0` arrives as -0.0; the server's decoder reads it as the integer 0
        // (server-truth template-minus-zero-integer-accepted). So does the
        // rarer `-0.0`, which the server refuses: a known imprecision.
        if value == 0.0 && value.is_sign_negative() {
            return Ok(Value::Number(0.into()));
        }
        self.state.note_non_i64();
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Value, E> {
        self.state.note_string(value);
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Value, E> {
        self.state.note_string(&value);
        Ok(Value::String(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(access.size_hint().unwrap_or(0).min(4096));
        if !self.state.track {
            while let Some(item) = access.next_element_seed(ValueSeed { state: self.state })? {
                items.push(item);
            }
            return Ok(Value::Array(items));
        }
        loop {
            self.state
                .path
                .borrow_mut()
                .push(Segment::Index(items.len()));
            let next = access.next_element_seed(ValueSeed { state: self.state });
            self.state.path.borrow_mut().pop();
            match next? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        if !self.state.track {
            while let Some(key) = access.next_key::<String>()? {
                let value = access.next_value_seed(ValueSeed { state: self.state })?;
                // The last occurrence wins, in the first one's place.
                if map.insert(key, value).is_some() {
                    self.state.repeated.set(true);
                }
            }
            return Ok(Value::Object(map));
        }
        while let Some(key) = access.next_key::<String>()? {
            self.state.path.borrow_mut().push(Segment::Key(key));
            let value = access.next_value_seed(ValueSeed { state: self.state });
            let Some(Segment::Key(key)) = self.state.path.borrow_mut().pop() else {
                return Err(de::Error::custom("internal: path stack out of step"));
            };
            let value = value?;
            // One lookup per key: a repeated key is rare.
            match map.entry(key) {
                Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                Entry::Occupied(mut slot) => {
                    let key = slot.key();
                    let pointer = self.state.pointer_to(key);
                    self.state.duplicates.borrow_mut().push(
                        Diagnostic::new(
                            Rule::DuplicateKey,
                            pointer.clone(),
                            format!(
                                "`{key}` is repeated in this object; the server keeps only the last one"
                            ),
                        )
                        .at_key()
                        .with_related(pointer, "first occurrence")
                        .with_help("remove all but one occurrence"),
                    );
                    // The last occurrence wins, in the first one's place.
                    slot.insert(value);
                }
            }
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equals_serde_json_on_plain_input() {
        let text = br#"{"a": [1, -2, 3.5, "x", null, true, {"b": {}}], "c": 18446744073709551615}"#;
        let document = Document::parse(text).expect("parses");
        let plain: Value = serde_json::from_slice(text).expect("parses");
        assert_eq!(document.value, plain);
        assert!(document.findings.is_empty());
    }

    #[test]
    fn repeated_keys_are_reported_at_their_pointer_and_the_last_wins() {
        let text = br#"{"processes": [{"user": "a", "x~/y": 1, "user": "b", "x~/y": 2}]}"#;
        let document = Document::parse(text).expect("parses");
        assert_eq!(document.value["processes"][0]["user"], "b");
        let pointers: Vec<&str> = document
            .findings
            .iter()
            .map(|finding| finding.pointer.as_str())
            .collect();
        assert_eq!(pointers, ["/processes/0/user", "/processes/0/x~0~1y"]);
        assert_eq!(document.findings[0].rule, Rule::DuplicateKey);
    }

    #[test]
    fn rare_values_are_noticed() {
        let traits = |text: &str| Document::parse(text.as_bytes()).expect("parses").traits;
        let plain = traits(r#"{"a": [1, -2, "x y", {"b": 9223372036854775807}]}"#);
        assert!(!plain.non_i64_number && !plain.padded_string);
        assert!(traits("[1.0]").non_i64_number);
        assert!(traits("[9223372036854775808]").non_i64_number);
        assert!(!traits("[-9223372036854775808]").non_i64_number);
        assert!(traits(r#"{"a": " x"}"#).padded_string);
        assert!(traits(r#"{"a": "x\u00a0"}"#).padded_string);
        assert!(traits(r#"{"a": "x\n"}"#).padded_string);
        assert!(
            !traits(r#"{" a ": "x"}"#).padded_string,
            "keys are not values"
        );
        assert!(!traits(r#"[""]"#).padded_string);
    }

    #[test]
    fn trailing_garbage_and_deep_nesting_are_syntax_errors() {
        assert!(Document::parse(b"{} x").is_err());
        let deep = "[".repeat(100_000);
        let error = Document::parse(deep.as_bytes()).expect_err("too deep");
        assert_eq!(error.rule, Rule::JsonSyntax);
    }
}
