//! Bytes to JSON value, or one `json-syntax` finding with line and column.
//!
//! Before the JSON parser sees the bytes they are checked for what it would
//! report unclearly: text that is not UTF-8, an empty file, and a UTF-8 byte
//! order mark (which the server's decoder rejects).

use crate::vocab::diagnostic::{Diagnostic, Location};
use crate::vocab::rule::Rule;
use serde_json::Value;

/// The UTF-8 encoding of U+FEFF, the byte order mark.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How deep `serde_json` lets values nest: one level more is an error.
const MAX_DEPTH: usize = 127;

/// Parses `source` as strict JSON. A byte order mark is an error here; see
/// [`crate::Document::parse`] for a parse that reports it and reads on.
pub fn parse(source: &[u8]) -> Result<Value, Box<Diagnostic>> {
    let text = checked_text(source)?;
    if text.len() != source.len() {
        return Err(Box::new(bom_diagnostic()));
    }
    serde_json::from_str(text).map_err(|error| Box::new(syntax_diagnostic(text, 0, &error)))
}

/// The text after a byte order mark (if any), once it is known to be UTF-8 and
/// to hold more than whitespace.
pub(crate) fn checked_text(source: &[u8]) -> Result<&str, Box<Diagnostic>> {
    let text = match std::str::from_utf8(source) {
        Ok(text) => text,
        Err(error) => return Err(Box::new(utf8_diagnostic(source, &error))),
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body
        .bytes()
        .all(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
    {
        let message = if source.is_empty() {
            "invalid JSON: the file is empty".to_owned()
        } else if body.is_empty() {
            "invalid JSON: the file holds only a UTF-8 byte order mark, no JSON value".to_owned()
        } else {
            "invalid JSON: the file holds only whitespace, no JSON value".to_owned()
        };
        let mut diagnostic = Diagnostic::new(Rule::JsonSyntax, "", message)
            .with_help("a request body is one JSON value, usually an object");
        diagnostic.location = Some(Location {
            line: 1,
            column: 1,
            offset: 0,
        });
        return Err(Box::new(diagnostic));
    }
    Ok(body)
}

/// The finding for a leading byte order mark, at line 1, column 1.
pub(crate) fn bom_diagnostic() -> Diagnostic {
    let mut diagnostic = Diagnostic::new(
        Rule::JsonSyntax,
        "",
        "invalid JSON: the file starts with a UTF-8 byte order mark, which the server's \
         JSON decoder rejects",
    )
    .with_help("save the file as UTF-8 without a byte order mark (BOM)");
    diagnostic.location = Some(Location {
        line: 1,
        column: 1,
        offset: 0,
    });
    diagnostic
}

fn utf8_diagnostic(source: &[u8], error: &std::str::Utf8Error) -> Diagnostic {
    let offset = error.valid_up_to();
    // The prefix is valid UTF-8 by definition.
    let prefix = std::str::from_utf8(&source[..offset]).unwrap_or_default();
    let line_start = prefix.rfind('\n').map_or(0, |index| index + 1);
    let line = prefix.matches('\n').count() + 1;
    let mut column = prefix[line_start..].chars().count() + 1;
    if line == 1 && prefix.starts_with('\u{feff}') {
        column -= 1;
    }
    let byte = source.get(offset).copied().unwrap_or_default();
    let mut diagnostic = Diagnostic::new(
        Rule::JsonSyntax,
        "",
        format!("invalid JSON: the text is not valid UTF-8 (byte 0x{byte:02X})"),
    )
    .with_help("JSON text must be UTF-8: convert the file's encoding, or escape the character");
    diagnostic.location = Some(Location {
        line,
        column,
        offset,
    });
    diagnostic
}

/// A `json-syntax` finding for a `serde_json` error in `text`, which starts at
/// byte `base` of the source (after a byte order mark, say).
pub(crate) fn syntax_diagnostic(text: &str, base: usize, error: &serde_json::Error) -> Diagnostic {
    let full = error.to_string();
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |cut| &full[..cut]);
    let mut location = location(text, error.line(), error.column());
    let message = clearer(message, text, &location);
    location.offset += base;
    let mut diagnostic = Diagnostic::new(Rule::JsonSyntax, "", format!("invalid JSON: {message}"));
    diagnostic.location = Some(location);
    diagnostic
}

/// `serde_json`'s terse messages, said so that the fix is clear.
fn clearer(message: &str, text: &str, location: &Location) -> String {
    match message {
        "recursion limit exceeded" => {
            format!("values are nested too deeply (at most {MAX_DEPTH} levels are read)")
        }
        "number out of range" => {
            "number out of range: it is too large even for a 64-bit float".to_owned()
        }
        _ if message.starts_with("control character") => {
            // serde_json stops at the character.
            match text.as_bytes().get(location.offset) {
                Some(&byte) if byte < 0x20 => {
                    format!(
                        "a raw control character U+{byte:04X} inside a string; write it \
                         escaped, as \\u{byte:04x}"
                    )
                }
                _ => message.to_owned(),
            }
        }
        _ => message.to_owned(),
    }
}

/// `serde_json` counts columns in bytes; report characters like every other finding.
fn location(source: &str, line: usize, byte_column: usize) -> Location {
    let bytes = source.as_bytes();
    let line = line.max(1);
    let line_start = bytes
        .iter()
        .enumerate()
        .filter(|(_, byte)| **byte == b'\n')
        .nth(line.saturating_sub(2))
        .map_or(0, |(index, _)| if line == 1 { 0 } else { index + 1 });
    let offset = (line_start + byte_column.saturating_sub(1)).min(source.len());
    let column = source
        .get(line_start..offset)
        .map_or(byte_column.max(1), |prefix| prefix.chars().count() + 1);
    Location {
        line,
        column,
        offset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(diagnostic: &Diagnostic) -> (usize, usize, usize) {
        let location = diagnostic.location.expect("location");
        (location.line, location.column, location.offset)
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let diagnostic = parse(b"{\n  \"a\": 1,\n}").expect_err("invalid");
        assert_eq!(diagnostic.rule, Rule::JsonSyntax);
        let location = diagnostic.location.expect("location");
        assert_eq!((location.line, location.column), (3, 1));
        assert!(diagnostic.message.starts_with("invalid JSON: "));
        assert!(!diagnostic.message.contains(" at line "));
    }

    #[test]
    fn empty_input_is_a_syntax_error() {
        let diagnostic = parse(b"").expect_err("invalid");
        assert_eq!(diagnostic.rule, Rule::JsonSyntax);
        assert_eq!(diagnostic.message, "invalid JSON: the file is empty");
        let diagnostic = parse(b" \n\t").expect_err("invalid");
        assert!(
            diagnostic.message.contains("only whitespace"),
            "{diagnostic:?}"
        );
    }

    #[test]
    fn invalid_utf8_is_named_with_its_place() {
        let diagnostic = parse(b"{\"a\":\n \"\xC3\xA9\xFF\"}").expect_err("invalid");
        assert_eq!(
            diagnostic.message,
            "invalid JSON: the text is not valid UTF-8 (byte 0xFF)"
        );
        assert_eq!(at(&diagnostic), (2, 4, 10));
    }

    #[test]
    fn a_byte_order_mark_is_an_error_here() {
        let diagnostic = parse(b"\xEF\xBB\xBF{}").expect_err("invalid");
        assert!(diagnostic.message.contains("byte order mark"));
        assert_eq!(at(&diagnostic), (1, 1, 0));
    }

    #[test]
    fn raw_control_characters_are_named() {
        let diagnostic = parse(b"{\"a\": \"x\x00y\"}").expect_err("invalid");
        assert!(
            diagnostic.message.contains("U+0000") && diagnostic.message.contains("\\u0000"),
            "{diagnostic:?}"
        );
        assert_eq!(at(&diagnostic), (1, 9, 8));
    }

    #[test]
    fn deep_nesting_and_huge_numbers_are_explained() {
        let deep = "[".repeat(100_000);
        let diagnostic = parse(deep.as_bytes()).expect_err("too deep");
        assert!(
            diagnostic.message.contains("nested too deeply"),
            "{diagnostic:?}"
        );
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(ok.as_bytes()).is_ok());
        let over = format!("[{ok}]");
        assert!(parse(over.as_bytes()).is_err());
        let huge = "9".repeat(10_000);
        let diagnostic = parse(huge.as_bytes()).expect_err("out of range");
        assert!(
            diagnostic.message.contains("out of range"),
            "{diagnostic:?}"
        );
    }
}
