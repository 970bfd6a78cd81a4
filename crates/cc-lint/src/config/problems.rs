//! Reading a configuration file's TOML: the problems found, each at a byte
//! offset (shown as a line and column), and typed reads of spanned values
//! that record a problem when the value is not what a key takes.

use std::ops::Range;
use toml::Spanned;
use toml::de::DeValue;

/// Problems found in one file: (byte offset, message).
pub(crate) struct Problems<'a> {
    pub(crate) text: &'a str,
    /// Prepended to every key in messages (`tool.cc-lint.` in `pyproject.toml`).
    pub(crate) prefix: &'static str,
    pub(crate) found: Vec<(usize, String)>,
}

impl Problems<'_> {
    pub(crate) fn add(&mut self, span: &Range<usize>, key: &str, message: impl std::fmt::Display) {
        self.found
            .push((span.start, format!("`{}{key}`: {message}", self.prefix)));
    }

    pub(crate) fn line(&self, span: &Range<usize>) -> usize {
        position(self.text, span.start).0
    }
}

/// The 1-based line and column (in characters) of byte `offset`.
pub(crate) fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[start..].chars().count() + 1)
}

/// The known key closest to `key`, if any is close.
pub(crate) fn suggestion(key: &str, known: &[&'static str]) -> Option<&'static str> {
    known
        .iter()
        .map(|candidate| (strsim::jaro_winkler(key, candidate), *candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// `shown` is the key as messages name it; `key` as written.
pub(crate) fn unknown_key(
    problems: &mut Problems<'_>,
    span: &Range<usize>,
    shown: &str,
    key: &str,
    known: &[&'static str],
) {
    let message = match suggestion(key, known) {
        Some(close) => format!("unknown key (did you mean `{close}`?)"),
        None => format!(
            "unknown key; expected one of {}",
            known
                .iter()
                .map(|known| format!("`{known}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    problems.add(span, shown, message);
}

/// The byte offset where 1-based `line` starts.
pub(crate) fn line_offset(text: &str, line: usize) -> usize {
    text.match_indices('\n')
        .nth(line.saturating_sub(2))
        .map_or(0, |(at, _)| if line <= 1 { 0 } else { at + 1 })
}

/// `expected WHAT, got a TYPE`.
pub(crate) fn expected(what: &str, value: &Spanned<DeValue<'_>>) -> String {
    format!("expected {what}, got {}", type_name(value.get_ref()))
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The strings of an array of strings, with their spans; anything else is a
/// problem.
pub(crate) fn strings(
    value: &Spanned<DeValue<'_>>,
    key: &str,
    what: &str,
    problems: &mut Problems<'_>,
) -> Vec<(String, Range<usize>)> {
    let Some(items) = value.get_ref().as_array() else {
        problems.add(
            &value.span(),
            key,
            expected(&format!("an array of {what}"), value),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        match item.get_ref().as_str() {
            Some(text) => out.push((text.to_owned(), item.span())),
            None => problems.add(&item.span(), key, expected("a string", item)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(position(text, 0), (1, 1));
        assert_eq!(position(text, 6), (2, 1));
        assert_eq!(position(text, 10), (2, 4));
        assert_eq!(line_offset(text, 1), 0);
        assert_eq!(line_offset(text, 2), 6);
    }

    #[test]
    fn misspelt_keys_get_a_suggestion() {
        let keys = ["allow", "deny-warnings", "exclude", "template"];
        assert_eq!(suggestion("exlude", &keys), Some("exclude"));
        assert_eq!(suggestion("deny_warnings", &keys), Some("deny-warnings"));
        assert_eq!(suggestion("tempalte", &keys), Some("template"));
        assert_eq!(suggestion("zzz", &keys), None);
    }
}
