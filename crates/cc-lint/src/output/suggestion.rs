//! A finding's fix drawn as a suggestion under it: what it does, whether
//! `--fix` applies it, and the lines it changes before and after, with
//! credentials masked in both and long lines cut around the change.

use super::shown::{Shown, char_offset};
use super::snippet::{mask_secrets, printable};
use annotate_snippets::{Group, Level, Patch, Snippet};
use cc_validate::{Applicability, Fix};

/// Lines of the shown text searched for the key of a value a fix changes,
/// before the fix's first line, when masking what the fix writes.
const MASK_CONTEXT_LINES: usize = 2;

/// The characters of context kept each side of a change on a cut line, at
/// the least.
const MIN_CONTEXT: usize = 8;

/// What marks a cut end of a line.
const CUT: &str = "...";

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
            let patches = change.edits.iter().map(|edit| {
                let start = char_offset(&change.source, edit.start);
                let end = char_offset(&change.source, edit.end);
                Patch::new(start..end, edit.replacement.clone())
            });
            let snippet = Snippet::source(change.source.clone())
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
    /// The lines, joined by `\n`, each without its line ending.
    source: String,
    /// The edits, in order, in characters of `source`.
    edits: Vec<CharEdit>,
}

/// One edit in characters of the shown lines, and what it writes, masked.
struct CharEdit {
    start: usize,
    end: usize,
    replacement: String,
}

/// The change to draw, or `None` when nothing can be drawn (an edit outside
/// the text, nothing changed, lines too long to cut).
fn change(fix: &Fix, shown: &Shown<'_>, width: usize) -> Option<Change> {
    let mut ranges = Vec::with_capacity(fix.edits.len());
    for edit in &fix.edits {
        let start = shown.position(edit.range.start)?;
        let end = shown.position(edit.range.end)?;
        ranges.push((start, end, printable(edit.replacement.as_bytes())));
    }
    let first = ranges.iter().map(|(start, _, _)| start.0).min()?;
    let last = ranges.iter().map(|(_, end, _)| end.0).max()?;
    let lines: Vec<&str> = (first..=last)
        .map(|number| shown.line(number))
        .collect::<Option<_>>()?;
    // The character where each line starts in the joined lines.
    let mut line_starts = Vec::with_capacity(lines.len());
    let mut chars = 0;
    for text in &lines {
        line_starts.push(chars);
        chars += text.chars().count() + 1;
    }
    let at = |(line, column): (usize, usize)| {
        let index = line - first;
        line_starts[index] + column.min(lines[index].chars().count())
    };
    let mut edits: Vec<CharEdit> = ranges
        .into_iter()
        .map(|(start, end, replacement)| CharEdit {
            start: at(start),
            end: at(end).max(at(start)),
            replacement,
        })
        .collect();
    edits.sort_by_key(|edit| edit.start);
    let overlapping = edits.windows(2).any(|pair| pair[1].start < pair[0].end);
    let no_change = edits
        .iter()
        .all(|edit| edit.start == edit.end && edit.replacement.is_empty());
    if overlapping || no_change {
        return None;
    }
    let source = lines.join("\n");
    let context: Vec<&str> = (first.saturating_sub(MASK_CONTEXT_LINES).max(1)..first)
        .filter_map(|number| shown.line(number))
        .collect();
    mask_replacements(&source, &context, &mut edits);
    let change = Change {
        line: first,
        source,
        edits,
    };
    let budget = width.saturating_sub(last.to_string().len() + 3);
    if fits(&change, budget) {
        Some(change)
    } else if lines.len() == 1 && change.edits.iter().all(|e| !e.replacement.contains('\n')) {
        Some(cut(change, budget))
    } else {
        None
    }
}

/// Masks what each edit writes as the shown text is masked: the lines after
/// the fix, with `context` lines before them for the keys of their values,
/// go through [`mask_secrets`], and each replacement is read back from them.
fn mask_replacements(source: &str, context: &[&str], edits: &mut [CharEdit]) {
    let chars: Vec<char> = source.chars().collect();
    let mut patched = String::new();
    for line in context {
        patched.push_str(line);
        patched.push('\n');
    }
    let mut written = Vec::with_capacity(edits.len());
    let mut position = 0;
    let mut count = patched.chars().count();
    for edit in edits.iter() {
        let start = edit.start.max(position);
        patched.extend(&chars[position..start]);
        count += start - position;
        let length = edit.replacement.chars().count();
        written.push(count..count + length);
        patched.push_str(&edit.replacement);
        count += length;
        position = edit.end.max(start);
    }
    patched.extend(&chars[position.min(chars.len())..]);
    let masked: Vec<char> = mask_secrets(&patched).chars().collect();
    for (edit, range) in edits.iter_mut().zip(written) {
        if let Some(text) = masked.get(range) {
            edit.replacement = text.iter().collect();
        }
    }
}

/// Whether every line, before and after the fix, is at most `budget`
/// characters long.
fn fits(change: &Change, budget: usize) -> bool {
    let longest = |text: &str| text.split('\n').map(|line| line.chars().count()).max();
    let before = longest(&change.source).unwrap_or(0);
    let delta: isize = change
        .edits
        .iter()
        .map(|edit| {
            let written = edit.replacement.chars().count();
            written.cast_signed() - (edit.end - edit.start).cast_signed()
        })
        .sum();
    let after = before.saturating_add_signed(delta.max(0));
    before <= budget && after <= budget
}

/// A single line cut to the change and some context each side, `...` where
/// it was cut, the edits moved with it.
fn cut(change: Change, budget: usize) -> Change {
    let chars: Vec<char> = change.source.chars().collect();
    let start = change
        .edits
        .iter()
        .map(|edit| edit.start)
        .min()
        .unwrap_or(0);
    let end = change
        .edits
        .iter()
        .map(|edit| edit.end)
        .max()
        .unwrap_or(start);
    let written: usize = change
        .edits
        .iter()
        .map(|edit| edit.replacement.chars().count())
        .sum();
    let room = budget.saturating_sub(2 * CUT.len() + (end - start).max(written));
    let pad = (room / 2).max(MIN_CONTEXT);
    let from = start.saturating_sub(pad);
    let to = (end + pad).min(chars.len());
    let mut source = String::new();
    if from > 0 {
        source.push_str(CUT);
    }
    let prefix = source.len();
    let moved = |position: usize| position - from + prefix;
    source.extend(&chars[from..to]);
    if to < chars.len() {
        source.push_str(CUT);
    }
    let edits = change
        .edits
        .into_iter()
        .map(|edit| CharEdit {
            start: moved(edit.start),
            end: moved(edit.end),
            replacement: edit.replacement,
        })
        .collect();
    Change {
        line: change.line,
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
        assert_eq!((edit.start, edit.end), (10, 20));
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
        let chars: Vec<char> = change.source.chars().collect();
        let replaced: String = chars[edit.start..edit.end].iter().collect();
        assert_eq!(replaced, "2.0");
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
