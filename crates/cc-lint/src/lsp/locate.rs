//! What is under the cursor in a JSON text: a key, a value or a place where
//! one could be typed, with the path to it. A tolerant scan, so that it also
//! answers in a document that does not parse yet (as it is while typing).

use std::ops::Range;

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// An object member.
    Key(String),
    /// An array item.
    Index(usize),
}

/// What the cursor is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Spot {
    /// An object's key: the object's path, the key and its span (quotes
    /// included).
    Key {
        /// The path of the object.
        object: Vec<Segment>,
        /// The key as written (unescaped).
        name: String,
        /// Its span.
        span: Range<usize>,
        /// The keys the object already has.
        present: Vec<String>,
    },
    /// Between members of an object, where a key could start.
    NewKey {
        /// The path of the object.
        object: Vec<Segment>,
        /// The keys the object already has.
        present: Vec<String>,
    },
    /// A value (or where a value could start): its path, and for a scalar
    /// its span and, for a string, its text.
    Value {
        /// The path of the value.
        path: Vec<Segment>,
        /// Its span, when a value is there.
        span: Option<Range<usize>>,
        /// Its text, for a string.
        text: Option<String>,
    },
    /// Nothing of use (punctuation, outside the document).
    Nothing,
}

#[derive(Debug)]
enum Frame {
    Object {
        key: Option<String>,
        /// Expecting a key (after `{` or `,`).
        want_key: bool,
        /// After the `:`, before the value.
        want_value: bool,
        present: Vec<String>,
    },
    Array {
        index: usize,
        want_value: bool,
    },
}

fn path(frames: &[Frame], with_last: bool) -> Vec<Segment> {
    let count = if with_last {
        frames.len()
    } else {
        frames.len().saturating_sub(1)
    };
    frames
        .iter()
        .take(count)
        .filter_map(|frame| match frame {
            Frame::Object { key, .. } => key.clone().map(Segment::Key),
            Frame::Array { index, .. } => Some(Segment::Index(*index)),
        })
        .collect()
}

/// What a gap (whitespace before the next token) at the cursor means.
fn gap(frames: &[Frame]) -> Spot {
    match frames.last() {
        None => Spot::Value {
            path: Vec::new(),
            span: None,
            text: None,
        },
        Some(Frame::Object {
            want_key: true,
            present,
            ..
        }) => Spot::NewKey {
            object: path(frames, false),
            present: present.clone(),
        },
        Some(
            Frame::Object {
                want_value: true, ..
            }
            | Frame::Array {
                want_value: true, ..
            },
        ) => Spot::Value {
            path: path(frames, true),
            span: None,
            text: None,
        },
        Some(_) => Spot::Nothing,
    }
}

/// A value ended: the container around it waits for `,` or its end.
fn value_done(frames: &mut [Frame]) {
    match frames.last_mut() {
        Some(Frame::Object { want_value, .. } | Frame::Array { want_value, .. }) => {
            *want_value = false;
        }
        None => {}
    }
}

/// The end of the string starting at `start` (after its closing quote, or at
/// the end of its line when it is not closed) and its text.
fn string_at(bytes: &[u8], start: usize) -> (usize, String) {
    let mut at = start + 1;
    let mut escaped = false;
    while let Some(&byte) = bytes.get(at) {
        if byte == b'\n' {
            break;
        }
        if byte == b'"' && !escaped {
            let raw = &bytes[start..=at];
            let text = serde_json::from_slice::<String>(raw)
                .unwrap_or_else(|_| String::from_utf8_lossy(&raw[1..raw.len() - 1]).into_owned());
            return (at + 1, text);
        }
        escaped = byte == b'\\' && !escaped;
        at += 1;
    }
    let text = String::from_utf8_lossy(&bytes[start + 1..at]).into_owned();
    (at, text)
}

/// What is at byte `offset` of `text`.
pub(crate) fn locate(text: &str, offset: usize) -> Spot {
    let bytes = text.as_bytes();
    let mut frames: Vec<Frame> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii_whitespace() {
            at += 1;
            continue;
        }
        if offset < at {
            return gap(&frames);
        }
        match byte {
            b'{' => {
                frames.push(Frame::Object {
                    key: None,
                    want_key: true,
                    want_value: false,
                    present: Vec::new(),
                });
                at += 1;
            }
            b'[' => {
                frames.push(Frame::Array {
                    index: 0,
                    want_value: true,
                });
                at += 1;
            }
            b'}' | b']' => {
                if offset == at {
                    return gap(&frames);
                }
                frames.pop();
                value_done(&mut frames);
                at += 1;
            }
            b',' => {
                if offset == at {
                    return gap(&frames);
                }
                match frames.last_mut() {
                    Some(Frame::Object {
                        key,
                        want_key,
                        want_value,
                        ..
                    }) => {
                        *key = None;
                        *want_key = true;
                        *want_value = false;
                    }
                    Some(Frame::Array { index, want_value }) => {
                        *index += 1;
                        *want_value = true;
                    }
                    None => {}
                }
                at += 1;
            }
            b':' => {
                if offset == at {
                    return Spot::Nothing;
                }
                if let Some(Frame::Object {
                    want_key,
                    want_value,
                    ..
                }) = frames.last_mut()
                {
                    *want_key = false;
                    *want_value = true;
                }
                at += 1;
            }
            b'"' => {
                let (end, string) = string_at(bytes, at);
                let here = offset >= at && offset <= end;
                // In an object, a string is a key unless a `:` came before
                // it (a missing `,` is forgiven, as while typing).
                if let Some(Frame::Object {
                    key,
                    want_key,
                    want_value: false,
                    present,
                }) = frames.last_mut()
                {
                    if here {
                        let present = present.clone();
                        return Spot::Key {
                            object: path(&frames, false),
                            name: string,
                            span: at..end,
                            present,
                        };
                    }
                    *want_key = false;
                    present.push(string.clone());
                    *key = Some(string);
                } else {
                    if here {
                        return Spot::Value {
                            path: path(&frames, true),
                            span: Some(at..end),
                            text: Some(string),
                        };
                    }
                    value_done(&mut frames);
                }
                at = end;
            }
            _ => {
                let end = at
                    + bytes[at..]
                        .iter()
                        .take_while(|byte| {
                            !byte.is_ascii_whitespace() && !b"{}[],:\"".contains(byte)
                        })
                        .count();
                if offset >= at && offset <= end {
                    return Spot::Value {
                        path: path(&frames, true),
                        span: Some(at..end),
                        text: None,
                    };
                }
                value_done(&mut frames);
                at = end.max(at + 1);
            }
        }
    }
    gap(&frames)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> Segment {
        Segment::Key(name.to_owned())
    }

    #[test]
    fn keys_values_and_gaps() {
        let text = r#"{"processes": [{"priority": 5, "bind_info": [{"protocol": "1"}]}], }"#;
        let on = |needle: &str| locate(text, text.find(needle).unwrap_or_default() + 1);
        assert_eq!(
            on("priority"),
            Spot::Key {
                object: vec![key("processes"), Segment::Index(0)],
                name: "priority".to_owned(),
                span: 16..26,
                present: Vec::new(),
            }
        );
        assert_eq!(
            on("\"1\""),
            Spot::Value {
                path: vec![
                    key("processes"),
                    Segment::Index(0),
                    key("bind_info"),
                    Segment::Index(0),
                    key("protocol")
                ],
                span: Some(58..61),
                text: Some("1".to_owned()),
            }
        );
        assert_eq!(
            locate(text, text.len() - 1),
            Spot::NewKey {
                object: Vec::new(),
                present: vec!["processes".to_owned()],
            }
        );
    }

    #[test]
    fn any_prefix_at_any_offset_answers_without_panicking() {
        let text =
            "{\"a\\\"\": [1, {\"名\": \"😀\\u00e9\", \"b\": tru}], \"c\" \"d\": {]] ,, :: \"e";
        for end in (0..=text.len()).filter(|end| text.is_char_boundary(*end)) {
            let prefix = &text[..end];
            for offset in 0..=prefix.len() + 1 {
                let _ = locate(prefix, offset);
            }
        }
    }

    #[test]
    fn an_unfinished_document_still_answers() {
        let text = "{\"processes\": [{\"bk_func_name\": \"x\", \"pri";
        assert!(matches!(
            locate(text, text.len()),
            Spot::Key { ref object, ref name, ref present, .. }
                if *object == [key("processes"), Segment::Index(0)]
                    && name == "pri" && *present == ["bk_func_name".to_owned()]
        ));
    }
}
