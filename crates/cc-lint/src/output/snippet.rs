//! The source line under a finding, with credentials masked, and the width of
//! the token the caret underlines.

use cc_validate::SECRET_KEYS;

/// The 1-based `line` of `source`, without its line ending.
pub(crate) fn line(source: &str, line: usize) -> Option<&str> {
    source
        .split('\n')
        .nth(line.checked_sub(1)?)
        .map(|text| text.strip_suffix('\r').unwrap_or(text))
}

/// The line with the string value of every credential key replaced by `*`s of the
/// same length, so carets further along stay in place.
pub(crate) fn mask_secrets(line: &str) -> String {
    let mut masked: Vec<char> = line.chars().collect();
    for key in SECRET_KEYS {
        let quoted_key: Vec<char> = format!("\"{key}\"").chars().collect();
        let mut index = 0;
        while let Some(found) = find(&masked, &quoted_key, index) {
            let mut cursor = found + quoted_key.len();
            cursor = skip_spaces(&masked, cursor);
            if masked.get(cursor) != Some(&':') {
                index = found + 1;
                continue;
            }
            cursor = skip_spaces(&masked, cursor + 1);
            if masked.get(cursor) == Some(&'"') {
                let mut position = cursor + 1;
                let mut escaped = false;
                while let Some(&ch) = masked.get(position) {
                    if ch == '"' && !escaped {
                        break;
                    }
                    escaped = ch == '\\' && !escaped;
                    masked[position] = '*';
                    position += 1;
                }
                cursor = position;
            }
            index = cursor.max(found + 1);
        }
    }
    masked.into_iter().collect()
}

fn find(haystack: &[char], needle: &[char], from: usize) -> Option<usize> {
    (from..=haystack.len().checked_sub(needle.len())?)
        .find(|&start| haystack[start..start + needle.len()] == *needle)
}

fn skip_spaces(chars: &[char], mut index: usize) -> usize {
    while chars.get(index).is_some_and(|ch| ch.is_whitespace()) {
        index += 1;
    }
    index
}

/// How many characters the JSON token starting at the 0-based char `column` of
/// `line` spans (at least 1; a container counts as its opening bracket).
pub(crate) fn token_width(line: &str, column: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(column).collect();
    match rest.first() {
        Some('"') => {
            let mut escaped = false;
            for (index, &ch) in rest.iter().enumerate().skip(1) {
                if ch == '"' && !escaped {
                    return index + 1;
                }
                escaped = ch == '\\' && !escaped;
            }
            rest.len()
        }
        Some(ch) if ch.is_ascii_alphanumeric() || *ch == '-' => rest
            .iter()
            .take_while(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '+' | '.'))
            .count(),
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn token_widths() {
        assert_eq!(token_width(r#"  "a": 20000,"#, 7), 5);
        assert_eq!(token_width(r#"  "a": "x\"y","#, 7), 6);
        assert_eq!(token_width(r#"  "a": {"#, 7), 1);
        assert_eq!(token_width(r#"  "a": null"#, 7), 4);
    }

    #[test]
    fn lines_are_one_based() {
        assert_eq!(line("a\r\nb\nc", 2), Some("b"));
        assert_eq!(line("a", 0), None);
    }
}
