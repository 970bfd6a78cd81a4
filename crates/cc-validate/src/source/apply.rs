//! Applying fixes to a source text: the fixes whose edits overlap no other
//! applied fix's, in source order; every byte no edit touches stays as it was.

use crate::vocab::fix::Fix;

/// What applying fixes gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The fixed text.
    pub text: Vec<u8>,
    /// How many fixes were applied.
    pub applied: usize,
    /// How many were left out because they overlap one applied before them
    /// (linting the fixed text again finds what they fix, if it is still there).
    pub skipped: usize,
}

/// Applies `fixes` to `source`: in the order of where they start, each fix
/// whose edits lie within the text and overlap no applied fix (a fix that only
/// touches another's end is applied too), and once only a fix equal to one
/// applied.
#[must_use]
pub fn apply_fixes<'f>(source: &[u8], fixes: impl IntoIterator<Item = &'f Fix>) -> Applied {
    let mut fixes: Vec<&Fix> = fixes.into_iter().collect();
    fixes.sort_by_key(|fix| (fix.span().start, fix.span().end));
    let mut edits = Vec::new();
    let (mut applied, mut skipped) = (0, 0);
    let mut end = 0;
    let mut last: Option<&Fix> = None;
    for fix in fixes {
        if last.is_some_and(|last| last == fix) {
            continue;
        }
        let span = fix.span();
        let within = fix
            .edits
            .iter()
            .all(|edit| edit.range.start <= edit.range.end && edit.range.end <= source.len());
        if !within || span.start < end || !edits_disjoint(fix) {
            skipped += 1;
            continue;
        }
        end = span.end;
        edits.extend(fix.edits.iter());
        applied += 1;
        last = Some(fix);
    }
    edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
    let mut text = Vec::with_capacity(source.len());
    let mut at = 0;
    for edit in edits {
        text.extend_from_slice(&source[at..edit.range.start]);
        text.extend_from_slice(edit.replacement.as_bytes());
        at = edit.range.end;
    }
    text.extend_from_slice(&source[at..]);
    Applied {
        text,
        applied,
        skipped,
    }
}

/// Whether a fix's own edits overlap none of each other.
fn edits_disjoint(fix: &Fix) -> bool {
    let mut ranges: Vec<_> = fix.edits.iter().map(|edit| edit.range.clone()).collect();
    ranges.sort_by_key(|range| (range.start, range.end));
    ranges.windows(2).all(|pair| pair[0].end <= pair[1].start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::fix::{Applicability, Edit};

    fn fix(edits: Vec<Edit>) -> Fix {
        Fix {
            applicability: Applicability::Safe,
            message: String::new(),
            edits,
        }
    }

    #[test]
    fn disjoint_fixes_are_all_applied_and_other_bytes_kept() {
        let fixes = [
            fix(vec![Edit::replace(6..9, "1")]),
            fix(vec![Edit::replace(1..4, "\"b\"")]),
        ];
        let applied = apply_fixes(b"{\"A\": 1.0}", &fixes);
        assert_eq!(String::from_utf8_lossy(&applied.text), "{\"b\": 1}");
        assert_eq!((applied.applied, applied.skipped), (2, 0));
    }

    #[test]
    fn an_overlapping_fix_waits_for_the_next_round() {
        let fixes = [
            fix(vec![Edit::delete(0..4)]),
            fix(vec![Edit::delete(2..6)]),
            fix(vec![Edit::replace(4..5, "x")]),
        ];
        let applied = apply_fixes(b"abcdefg", &fixes);
        assert_eq!(String::from_utf8_lossy(&applied.text), "xfg");
        assert_eq!((applied.applied, applied.skipped), (2, 1));
    }

    #[test]
    fn equal_fixes_apply_once_and_stray_ranges_never() {
        let same = fix(vec![Edit::delete(0..1)]);
        let applied = apply_fixes(b"ab", [&same, &same]);
        assert_eq!(applied.text, b"b");
        assert_eq!((applied.applied, applied.skipped), (1, 0));
        let stray = fix(vec![Edit::delete(1..9)]);
        let applied = apply_fixes(b"ab", [&stray]);
        assert_eq!(applied.text, b"ab");
        assert_eq!(applied.skipped, 1);
        assert_eq!(apply_fixes(b"ab", []).text, b"ab");
    }
}
