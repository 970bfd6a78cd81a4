//! A finding's fix drawn as a suggestion under it: what it does, whether
//! `--fix` applies it, and the lines it changes before and after, with
//! credentials masked in both and long lines cut around the change.

use super::shown::{CUT, Shown, excerpt};
use super::snippet::{mask_written, printable};
use annotate_snippets::{Group, Level, Patch, Snippet};
use cc_validate::{Applicability, Fix};
use std::ops::Range;

/// The characters of context kept each side of a change on a cut line, at
/// the least.
const MIN_CONTEXT: usize = 8;

/// Lines longer than this many times the width are not measured: they are
/// cut (one line) or not drawn (several).
const MEASURED_WIDTHS: usize = 4;

/// The fix's message and how to apply it: "rename `a` to `b` (safe fix:
/// `cc-lint --fix`)".
pub(crate) fn title(fix: &Fix) -> String {
    let how = match fix.applicability {
        Applicability::Safe => "safe fix: `cc-lint --fix`",
        Applicability::Unsafe => "unsafe fix: `cc-lint --fix --unsafe-fixes`",
    };
    format!("{} ({how})", fix.message)
}

/// The suggestion's group: its title, and the changed lines when they can be
/// shown within `width` columns (a single line is cut around the change).
pub(crate) fn group(fix: &Fix, shown: &Shown<'_>, width: usize) -> Group<'static> {
    let title = Level::HELP.secondary_title(title(fix));
    match change(fix, shown, width) {
        Some(change) => {
            let patches = change
                .edits
                .into_iter()
                .map(|edit| Patch::new(edit.range, edit.replacement));
            let snippet = Snippet::source(change.source)
                .line_start(change.line)
                .patches(patches);
            title.element(snippet)
        }
        None => Group::with_title(title),
    }
}

/// The lines a fix changes, as shown, and its edits within them.
struct Change {
    /// The first line's number.
    line: usize,
    /// The lines, joined by `\n`, each without its line ending (or one line
    /// cut around the change).
    source: String,
    /// The edits, in order, in bytes of `source`.
    edits: Vec<ShownEdit>,
}

/// One edit in bytes of the shown lines, and what it writes, masked.
struct ShownEdit {
    range: Range<usize>,
    replacement: String,
}

/// The change to draw, or `None` when nothing can be drawn (an edit outside
/// the text, nothing changed, lines too long).
fn change(fix: &Fix, shown: &Shown<'_>, width: usize) -> Option<Change> {
    // Each edit as (line, byte) pairs of the shown text.
    let mut ranges = Vec::with_capacity(fix.edits.len());
    for edit in &fix.edits {
        let (start_line, start_column) = shown.position(edit.range.start)?;
        let (end_line, end_column) = shown.position(edit.range.end)?;
        let start = (start_line, shown.column_offset(start_line, start_column)?);
        let end = (end_line, shown.column_offset(end_line, end_column)?);
        let end = end.max(start);
        let mut replacement = printable(edit.replacement.as_bytes());
        if (start_line..=end_line).any(|line| {
            let from = if line == start_line { start.1 } else { 0 };
            let to = if line == end_line {
                end.1
            } else {
                usize::MAX / 2
            };
            shown.touches_secret(line, from..to)
        }) {
            replacement = mask_written(&replacement);
        }
        ranges.push((start, end, replacement));
    }
    let first = ranges.iter().map(|(start, _, _)| start.0).min()?;
    let last = ranges.iter().map(|(_, end, _)| end.0).max()?;
    let lines: Vec<&str> = (first..=last)
        .map(|number| shown.line(number))
        .collect::<Option<_>>()?;
    // Where each line starts in the lines joined.
    let mut line_starts = Vec::with_capacity(lines.len());
    let mut joined = 0;
    for text in &lines {
        line_starts.push(joined);
        joined += text.len() + 1;
    }
    let at = |(line, offset): (usize, usize)| line_starts[line - first] + offset;
    let mut edits: Vec<ShownEdit> = ranges
        .into_iter()
        .map(|(start, end, replacement)| ShownEdit {
            range: at(start)..at(end),
            replacement,
        })
        .collect();
    edits.sort_by_key(|edit| edit.range.start);
    let overlapping = edits
        .windows(2)
        .any(|pair| pair[1].range.start < pair[0].range.end);
    let no_change = edits
        .iter()
        .all(|edit| edit.range.is_empty() && edit.replacement.is_empty());
    if overlapping || no_change {
        return None;
    }
    let budget = width.saturating_sub(last.to_string().len() + 3);
    if fits(&lines, &edits, budget) {
        return Some(Change {
            line: first,
            source: lines.join("\n"),
            edits,
        });
    }
    if lines.len() > 1 || edits.iter().any(|edit| edit.replacement.contains('\n')) {
        return None;
    }
    Some(cut(first, lines[0], edits, budget))
}

/// Whether every line, before and after the fix, is at most `budget`
/// characters long.
fn fits(lines: &[&str], edits: &[ShownEdit], budget: usize) -> bool {
    let mut longest = 0;
    for line in lines {
        if line.len() > budget.saturating_mul(MEASURED_WIDTHS) {
            return false;
        }
        longest = longest.max(line.chars().count());
    }
    let grown: usize = edits
        .iter()
        .map(|edit| edit.replacement.chars().count())
        .sum();
    longest <= budget && longest + grown <= budget
}

/// One line cut to the change and some context each side, [`CUT`] where it
/// was cut, the edits moved with it.
fn cut(line: usize, text: &str, edits: Vec<ShownEdit>, budget: usize) -> Change {
    let start = edits.iter().map(|edit| edit.range.start).min().unwrap_or(0);
    let end = edits
        .iter()
        .map(|edit| edit.range.end)
        .max()
        .unwrap_or(start);
    let changed = text[start..end].chars().count();
    let written: usize = edits
        .iter()
        .map(|edit| edit.replacement.chars().count())
        .sum();
    let room = budget.saturating_sub(2 * CUT.len() + changed.max(written));
    let (source, span) = excerpt(text, start..end, (room / 2).max(MIN_CONTEXT));
    let edits = edits
        .into_iter()
        .map(|edit| ShownEdit {
            range: edit.range.start - start + span.start..edit.range.end - start + span.start,
            replacement: edit.replacement,
        })
        .collect();
    Change {
        line,
        source,
        edits,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly by design.
mod tests {
    use super::*;
    use cc_validate::Edit;

    fn fix(applicability: Applicability, edits: Vec<Edit>) -> Fix {
        Fix {
            applicability,
            message: "do it".to_owned(),
            edits,
        }
    }

    #[test]
    fn titles_say_how_to_apply_the_fix() {
        let safe = fix(Applicability::Safe, vec![]);
        assert_eq!(title(&safe), "do it (safe fix: `cc-lint --fix`)");
        let unsafe_fix = fix(Applicability::Unsafe, vec![]);
        assert_eq!(
            title(&unsafe_fix),
            "do it (unsafe fix: `cc-lint --fix --unsafe-fixes`)"
        );
    }

    #[test]
    fn edits_land_on_the_shown_lines() {
        let source = "{\n  \"é\": 1, \"Proc_Num\": 2\n}";
        let at = source.find("\"Proc").unwrap();
        let shown = Shown::new(source.as_bytes());
        let edit = Edit::replace(at..at + 10, "\"proc_num\"");
        let change = change(&fix(Applicability::Safe, vec![edit]), &shown, 140).unwrap();
        assert_eq!(change.line, 2);
        assert_eq!(change.source, "  \"é\": 1, \"Proc_Num\": 2");
        let edit = &change.edits[0];
        assert_eq!(&change.source[edit.range.clone()], "\"Proc_Num\"");
        assert_eq!(edit.replacement, "\"proc_num\"");
    }

    #[test]
    fn what_a_fix_writes_into_a_credential_is_masked() {
        // A key on the line before its value, and a fix writing a value.
        let source = "{\"bk_token\":\n  \"tok_old\"}";
        let at = source.find("\"tok").unwrap();
        let shown = Shown::new(source.as_bytes());
        let edit = Edit::replace(at..at + 9, "\"tok_new\"");
        let change = change(&fix(Applicability::Unsafe, vec![edit]), &shown, 140).unwrap();
        assert_eq!(change.source, "  \"*******\"}");
        assert_eq!(change.edits[0].replacement, "\"*******\"");
        // A key renamed next to a credential is not masked.
        let source = "{\"BK_TOKEN\": \"tok_old\"}";
        let shown = Shown::new(source.as_bytes());
        let edit = Edit::replace(1..11, "\"bk_token\"");
        let renamed = super::change(&fix(Applicability::Safe, vec![edit]), &shown, 140).unwrap();
        assert_eq!(renamed.source, "{\"BK_TOKEN\": \"*******\"}");
        assert_eq!(renamed.edits[0].replacement, "\"bk_token\"");
    }

    #[test]
    fn a_long_line_is_cut_around_the_change() {
        let source = format!("{{\"a\": \"{}\", \"b\": 2.0, \"c\": 1}}", "x".repeat(400));
        let at = source.find("2.0").unwrap();
        let shown = Shown::new(source.as_bytes());
        let edit = Edit::replace(at..at + 3, "2");
        let change = change(&fix(Applicability::Safe, vec![edit]), &shown, 60).unwrap();
        assert!(change.source.starts_with("...xxx"), "{}", change.source);
        assert!(change.source.ends_with("\"c\": 1}"), "{}", change.source);
        assert!(change.source.chars().count() <= 60, "{}", change.source);
        let edit = &change.edits[0];
        assert_eq!(&change.source[edit.range.clone()], "2.0");
    }

    #[test]
    fn no_edit_of_any_range_panics() {
        let renderer = annotate_snippets::Renderer::plain().term_width(40);
        for source in [
            "",
            "\u{feff}{\"é\": \"名前\",\r\n \"bk_token\": \"t\u{1b}k\"}\r\n",
            "{\"a\":\n\n\t1}",
        ] {
            let shown = Shown::new(source.as_bytes());
            let len = source.len() + 2;
            for start in 0..len {
                for end in 0..len {
                    for replacement in ["", "\"x\"", "a\nb"] {
                        let edit = Edit::replace(start..end, replacement);
                        let group = group(&fix(Applicability::Safe, vec![edit]), &shown, 40);
                        let _ = renderer.render(&[group]);
                    }
                }
            }
        }
    }

    #[test]
    fn nothing_is_drawn_for_an_edit_outside_the_text_or_one_that_changes_nothing() {
        let shown = Shown::new(b"{}");
        let outside = fix(Applicability::Safe, vec![Edit::delete(5..9)]);
        assert!(change(&outside, &shown, 140).is_none());
        let empty = fix(Applicability::Safe, vec![Edit::delete(1..1)]);
        assert!(change(&empty, &shown, 140).is_none());
    }
}
