//! What snippets may show of a source: its text made printable, credentials
//! masked, and the width of the token the caret underlines.

use cc_validate::is_secret_key;
use std::ops::Range;

/// The text shown in snippets: a leading byte order mark dropped (columns do
/// not count it), and control characters that a terminal would act on (escape
/// sequences, a bare carriage return, bidirectional overrides) replaced by a
/// visible stand-in of one character, so columns stay right and a hostile file
/// cannot rewrite the screen.
pub(crate) fn printable(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut kept = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        let shown = match ch {
            '\n' | '\t' => ch,
            '\r' if chars.peek() == Some(&'\n') => ch,
            // U+2400..U+241F picture the C0 controls, U+2421 pictures DEL.
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(ch)).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            '\u{80}'..='\u{9f}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061c}' => '\u{fffd}',
            _ => ch,
        };
        kept.push(shown);
    }
    kept
}

/// The characters of the source with the value of every credential key
/// (`bk_app_secret`, `bk_token`, however its key is escaped) replaced by `*`s
/// of the same length, so lines and carets stay in place; and the character
/// ranges of the values masked (their quotes and brackets included), in order.
///
/// The whole value is masked, whatever it is: a string's contents, a bare token
/// (`"bk_token": tok_123` in a broken file), a number, or every string and token
/// of an array or object, across lines. Only whitespace and the structural
/// characters `[]{},:"` of such a value are kept. Works on broken JSON too: a
/// string ends at its closing quote or at the end of its line.
pub(crate) fn mask(source: &str) -> (Vec<char>, Vec<Range<usize>>) {
    let mut chars: Vec<char> = source.chars().collect();
    let mut values = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        if chars[index] != '"' {
            index += 1;
            continue;
        }
        let (end, key) = string_literal(&chars, index);
        index = end;
        let after = skip_spaces(&chars, index);
        if chars.get(after) == Some(&':') && is_secret_key(&key) {
            let start = skip_spaces(&chars, after + 1);
            index = mask_value(&mut chars, after + 1);
            values.push(start..index.max(start));
        }
    }
    (chars, values)
}

/// What a fix writes into a credential's value, masked as [`mask`] masks a
/// value: all of a string's contents, and outside strings every character
/// but whitespace and the structural `[]{},:`.
pub(crate) fn mask_written(text: &str) -> String {
    let mut in_string = false;
    let mut escaped = false;
    text.chars()
        .map(|ch| {
            if in_string {
                if escaped {
                    escaped = false;
                } else if ch == '\\' {
                    escaped = true;
                } else if ch == '"' {
                    in_string = false;
                    return ch;
                }
                '*'
            } else if ch == '"' {
                in_string = true;
                ch
            } else if ch.is_whitespace() || "[]{},:".contains(ch) {
                ch
            } else {
                '*'
            }
        })
        .collect()
}

/// Reads the string literal whose opening quote is at `start`: the index just
/// past it (its closing quote, or the end of its line) and its decoded text.
fn string_literal(chars: &[char], start: usize) -> (usize, String) {
    let mut decoded = String::new();
    let mut index = start + 1;
    while let Some(&ch) = chars.get(index) {
        match ch {
            '"' => return (index + 1, decoded),
            '\n' => return (index, decoded),
            '\\' => {
                let escaped = chars.get(index + 1).copied();
                index += 2;
                match escaped {
                    Some('u') => {
                        let hex: String = chars.iter().skip(index).take(4).collect();
                        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            Some(decoded_char) if hex.len() == 4 => {
                                decoded.push(decoded_char);
                                index += 4;
                            }
                            _ => decoded.push('\u{fffd}'),
                        }
                    }
                    Some('n') => decoded.push('\n'),
                    Some('t') => decoded.push('\t'),
                    Some('r') => decoded.push('\r'),
                    Some('b') => decoded.push('\u{8}'),
                    Some('f') => decoded.push('\u{c}'),
                    Some('\n') | None => return (index - 1, decoded),
                    Some(other) => decoded.push(other),
                }
            }
            other => {
                decoded.push(other);
                index += 1;
            }
        }
    }
    (index, decoded)
}

/// Masks the value starting at or after `start` (past any whitespace) and
/// returns the index just past it.
fn mask_value(chars: &mut [char], start: usize) -> usize {
    let mut index = skip_spaces(chars, start);
    let mut depth = 0_usize;
    while let Some(&ch) = chars.get(index) {
        match ch {
            '"' => {
                let (end, _) = string_literal(chars, index);
                let close = if chars.get(end.saturating_sub(1)) == Some(&'"') && end > index + 1 {
                    end - 1
                } else {
                    end
                };
                for masked in &mut chars[index + 1..close] {
                    *masked = '*';
                }
                index = end;
                if depth == 0 {
                    return index;
                }
                continue;
            }
            '[' | '{' => depth += 1,
            ']' | '}' => {
                if depth == 0 {
                    return index;
                }
                depth -= 1;
                if depth == 0 {
                    return index + 1;
                }
            }
            ',' if depth == 0 => return index,
            ',' | ':' => {}
            _ if ch.is_whitespace() => {
                // A bare token ends at whitespace, unless inside a container.
                if depth == 0 && index > start && !chars[index - 1].is_whitespace() {
                    return index;
                }
            }
            _ => chars[index] = '*',
        }
        index += 1;
    }
    index
}

fn skip_spaces(chars: &[char], mut index: usize) -> usize {
    while chars.get(index).is_some_and(|ch| ch.is_whitespace()) {
        index += 1;
    }
    index
}

/// How many bytes the JSON token at the start of `rest` spans: a string to
/// its closing quote, a number or literal, else one character (none at the end
/// of the line); a container counts as its opening bracket.
pub(crate) fn token_len(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    match chars.next() {
        Some((_, '"')) => {
            let mut escaped = false;
            for (index, ch) in chars {
                if ch == '"' && !escaped {
                    return index + 1;
                }
                escaped = ch == '\\' && !escaped;
            }
            rest.len()
        }
        Some((_, ch)) if ch.is_ascii_alphanumeric() || ch == '-' => rest
            .find(|ch: char| !(ch.is_ascii_alphanumeric() || matches!(ch, '-' | '+' | '.')))
            .unwrap_or(rest.len()),
        Some((_, ch)) => ch.len_utf8(),
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The masked text.
    fn mask_secrets(source: &str) -> String {
        mask(source).0.into_iter().collect()
    }

    #[test]
    fn printable_text_is_safe_to_print_and_keeps_columns() {
        let source = "\u{feff}{\"a\": \"\u{1b}[2J\u{202e}x\r\"}\r\n";
        let kept = printable(source.as_bytes());
        assert_eq!(kept, "{\"a\": \"\u{241b}[2J\u{fffd}x\u{240d}\"}\r\n");
        assert_eq!(
            kept.chars().count(),
            source.chars().count() - 1,
            "one character for one, less the byte order mark"
        );
    }

    #[test]
    fn secrets_are_masked_in_place() {
        let line = r#"  "bk_app_secret": "hunter2", "bk_token" : "a\"b", "user": "x""#;
        let masked = mask_secrets(line);
        assert!(!masked.contains("hunter2"));
        assert!(!masked.contains("a\\\"b"));
        assert!(masked.contains(r#""user": "x""#));
        assert_eq!(masked.chars().count(), line.chars().count());
    }

    #[test]
    fn every_kind_of_value_is_masked() {
        for (source, secret) in [
            (r#"{"bk_token": tok_live_1, "a": 1}"#, "tok_live_1"),
            (r#"{"bk_token":12345}"#, "12345"),
            (r#"{"bk_token": ["tok_a", {"x": "tok_b"}], "a": 1}"#, "tok_"),
            (
                "{\"bk_token\": [\n  \"tok_multi\"\n], \"a\": 1}",
                "tok_multi",
            ),
            (r#"{"bk_\u0074oken": "tok_escaped"}"#, "tok_escaped"),
            (r#"{"bk_app_secret": "unterminated"#, "unterminated"),
            ("{\"bk_app_secret\": \"cut\n\"x\": 1", "cut"),
        ] {
            let masked = mask_secrets(source);
            assert!(!masked.contains(secret), "{source} -> {masked}");
            assert_eq!(masked.chars().count(), source.chars().count(), "{source}");
            assert_eq!(masked.matches('\n').count(), source.matches('\n').count());
        }
        let masked = mask_secrets(r#"{"bk_token": ["t"], "user": "root", "n": [1]}"#);
        assert!(
            masked.ends_with(r#"], "user": "root", "n": [1]}"#),
            "{masked}"
        );
        // Text that merely looks like a key inside a string is not a key.
        let text = r#"{"cmd": "\"bk_token\": \"x\"", "user": "root"}"#;
        assert_eq!(mask_secrets(text), text);
    }

    #[test]
    fn masked_values_are_told_and_written_text_masked() {
        let source = r#"{"bk_token": "tok", "a": 1, "bk_app_secret": [1]}"#;
        let (chars, values) = mask(source);
        let ranges: Vec<String> = values
            .iter()
            .map(|range| chars[range.clone()].iter().collect())
            .collect();
        assert_eq!(ranges, ["\"***\"", "[*]"]);
        assert_eq!(mask_written("\"${BK_TOKEN}\""), "\"***********\"");
        assert_eq!(mask_written("[\"a b\", 1]"), "[\"***\", *]");
        assert_eq!(mask_written(r#""a\"{b}""#), r#""******""#);
    }

    #[test]
    fn token_lengths() {
        assert_eq!(token_len("20000,"), 5);
        assert_eq!(token_len(r#""x\"y","#), 6);
        assert_eq!(token_len(r#""é","#), 4);
        assert_eq!(token_len("{"), 1);
        assert_eq!(token_len("null}"), 4);
        assert_eq!(token_len("é"), 2);
        assert_eq!(token_len(""), 0);
    }
}
