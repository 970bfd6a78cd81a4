//! `cc-lint explain`: a rule's catalogue entry, or the list of every rule.

use cc_validate::Rule;
use std::fmt::Write as _;

/// The width explanations are wrapped to.
const WIDTH: usize = 80;

/// One rule's entry: id, default severity, summary, explanation, and the
/// failing and passing examples with the endpoint they are for.
pub(crate) fn render(rule: Rule) -> String {
    let doc = rule.doc();
    let mut out = String::new();
    let _ = writeln!(out, "rule:      {}", rule.id());
    let _ = writeln!(out, "severity:  {} (by default)", rule.default_severity());
    let _ = writeln!(out, "summary:   {}", doc.summary);
    out.push('\n');
    for line in wrap(doc.explanation, WIDTH) {
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
    for line in wrap(&rule.server_verdict_text(), WIDTH) {
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
    for line in wrap(&rule.fix_text(), WIDTH) {
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "Failing example (a request to {}, reported by this rule):",
        doc.endpoint.name()
    );
    let _ = writeln!(out, "    {}", doc.bad);
    out.push('\n');
    let _ = writeln!(out, "Passing example (the same request, fixed):");
    let _ = writeln!(out, "    {}", doc.good);
    out
}

/// Every rule, one a line: id, default severity and summary in aligned columns.
pub(crate) fn render_list() -> String {
    let rows: Vec<[&str; 3]> = Rule::ALL
        .iter()
        .map(|rule| [rule.id(), rule.default_severity().name(), rule.summary()])
        .collect();
    crate::columns::aligned(&rows)
}

/// Greedy word wrap; words longer than `width` stand alone on their line.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_within_the_width() {
        let text = "one two three four five six seven eight nine ten";
        let lines = wrap(text, 14);
        assert_eq!(
            lines,
            ["one two three", "four five six", "seven eight", "nine ten"]
        );
        assert!(wrap("", 10).is_empty());
        assert_eq!(wrap("abcdefghijkl x", 5), ["abcdefghijkl", "x"]);
    }

    #[test]
    fn the_list_has_one_aligned_line_per_rule() {
        let list = render_list();
        let lines: Vec<&str> = list.lines().collect();
        assert_eq!(lines.len(), Rule::ALL.len());
        let column = lines[0].find(Rule::ALL[0].default_severity().name());
        for (line, rule) in lines.iter().zip(Rule::ALL) {
            assert!(line.starts_with(rule.id()));
            assert_eq!(line.find(rule.default_severity().name()), column, "{line}");
        }
    }
}
