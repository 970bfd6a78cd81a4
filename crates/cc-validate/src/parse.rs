//! Bytes to JSON value, or one `json-syntax` finding with line and column.

use crate::diagnostic::{Diagnostic, Location};
use crate::rules::Rule;
use serde_json::Value;

/// Parses `source` as strict JSON.
pub fn parse(source: &[u8]) -> Result<Value, Box<Diagnostic>> {
    serde_json::from_slice(source).map_err(|error| Box::new(syntax_diagnostic(source, &error)))
}

pub(crate) fn syntax_diagnostic(source: &[u8], error: &serde_json::Error) -> Diagnostic {
    let full = error.to_string();
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |cut| &full[..cut]);
    let mut diagnostic = Diagnostic::new(Rule::JsonSyntax, "", format!("invalid JSON: {message}"));
    diagnostic.location = Some(location(source, error.line(), error.column()));
    diagnostic
}

/// `serde_json` counts columns in bytes; report characters like every other finding.
fn location(source: &[u8], line: usize, byte_column: usize) -> Location {
    let line = line.max(1);
    let line_start = source
        .iter()
        .enumerate()
        .filter(|(_, byte)| **byte == b'\n')
        .nth(line.saturating_sub(2))
        .map_or(0, |(index, _)| if line == 1 { 0 } else { index + 1 });
    let offset = (line_start + byte_column.saturating_sub(1)).min(source.len());
    let column = source
        .get(line_start..offset)
        .and_then(|prefix| std::str::from_utf8(prefix).ok())
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
    }
}
