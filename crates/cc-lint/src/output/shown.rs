//! The text snippets show, line by line: the source made printable with
//! credentials masked, where a byte offset of the original source falls in
//! it, and excerpts of long lines.

use super::snippet::{mask, printable};
use std::ops::Range;

/// What marks a cut end of an excerpt.
pub(crate) const CUT: &str = "...";

/// A file's source as the human format shows it.
pub(crate) struct Shown<'a> {
    /// The bytes as read (a byte order mark included).
    original: &'a [u8],
    /// What is shown: [`printable`], then masked; one character for each
    /// character of the original, less a leading byte order mark.
    text: String,
    /// The byte offset in `text` of each line's start.
    starts: Vec<usize>,
    /// Whether each line of `text` is ASCII (a column is then a byte offset).
    ascii: Vec<bool>,
    /// The byte offset in `original` of each line's start (the first line's
    /// after any byte order mark).
    original_starts: Vec<usize>,
    /// Whether each line of `original` is ASCII.
    original_ascii: Vec<bool>,
    /// The byte ranges in `text` of the credentials' values, in order.
    secrets: Vec<Range<usize>>,
}

impl<'a> Shown<'a> {
    /// Masks `original` once for the whole text: a credential's value may
    /// span lines.
    pub(crate) fn new(original: &'a [u8]) -> Self {
        let (chars, values) = mask(&printable(original));
        let (text, secrets) = text_and_byte_ranges(&chars, &values);
        let starts = line_starts(text.as_bytes());
        let ascii = lines_ascii(text.as_bytes(), &starts);
        let mut original_starts = line_starts(original);
        if original.starts_with("\u{feff}".as_bytes()) {
            original_starts[0] = "\u{feff}".len();
        }
        let original_ascii = lines_ascii(original, &original_starts);
        Self {
            original,
            text,
            starts,
            ascii,
            original_starts,
            original_ascii,
            secrets,
        }
    }

    /// The 1-based line `number`, without its line ending.
    pub(crate) fn line(&self, number: usize) -> Option<&str> {
        let index = number.checked_sub(1)?;
        let start = *self.starts.get(index)?;
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        let text = self.text.get(start..end)?;
        Some(text.strip_suffix('\r').unwrap_or(text))
    }

    /// The byte offset in line `number` of its 0-based character `column`
    /// (the line's length past its end).
    pub(crate) fn column_offset(&self, number: usize, column: usize) -> Option<usize> {
        let text = self.line(number)?;
        if self.ascii[number - 1] {
            Some(column.min(text.len()))
        } else {
            Some(char_offset(text, column))
        }
    }

    /// The 1-based line and 0-based character column, in the shown text, of
    /// the byte `offset` of the original source (the text of a fix's edits).
    pub(crate) fn position(&self, offset: usize) -> Option<(usize, usize)> {
        let index = self
            .original_starts
            .partition_point(|&start| start <= offset)
            .max(1)
            - 1;
        let start = self.original_starts[index].min(offset);
        let before = self.original.get(start..offset)?;
        let column = if self.original_ascii[index] {
            before.len()
        } else {
            String::from_utf8_lossy(before).chars().count()
        };
        Some((index + 1, column))
    }

    /// Whether the bytes `range` of line `number` touch a credential's value.
    pub(crate) fn touches_secret(&self, number: usize, range: Range<usize>) -> bool {
        let Some(&line_start) = number.checked_sub(1).and_then(|i| self.starts.get(i)) else {
            return false;
        };
        let (start, end) = (line_start + range.start, line_start + range.end);
        let after = self.secrets.partition_point(|secret| secret.end < start);
        self.secrets
            .get(after)
            .is_some_and(|secret| secret.start <= end && start <= secret.end)
    }
}

/// `text` cut to `span` and at most `context` characters either side of it,
/// [`CUT`] where it was cut; the span as it lands in the excerpt.
pub(crate) fn excerpt(text: &str, span: Range<usize>, context: usize) -> (String, Range<usize>) {
    let left = text[..span.start]
        .char_indices()
        .rev()
        .take(context)
        .last()
        .map_or(span.start, |(offset, _)| offset);
    let right = text[span.end..]
        .char_indices()
        .nth(context)
        .map_or(text.len(), |(offset, _)| span.end + offset);
    let mut cut = String::with_capacity(right - left + 2 * CUT.len());
    if left > 0 {
        cut.push_str(CUT);
    }
    let shift = cut.len();
    cut.push_str(&text[left..right]);
    if right < text.len() {
        cut.push_str(CUT);
    }
    (cut, span.start - left + shift..span.end - left + shift)
}

/// The text of `chars`, and `ranges` of characters as byte ranges of it.
fn text_and_byte_ranges(chars: &[char], ranges: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    let mut text = String::with_capacity(chars.len());
    let mut bytes = Vec::with_capacity(chars.len() + 1);
    for &ch in chars {
        bytes.push(text.len());
        text.push(ch);
    }
    bytes.push(text.len());
    let at = |index: usize| bytes[index.min(chars.len())];
    let ranges = ranges
        .iter()
        .map(|range| at(range.start)..at(range.end))
        .collect();
    (text, ranges)
}

/// The byte offset of every line's start: 0, and each offset after a `\n`.
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &byte)| byte == b'\n')
                .map(|(index, _)| index + 1),
        )
        .collect()
}

/// Whether each line (from each of `starts` to the next) is ASCII.
fn lines_ascii(bytes: &[u8], starts: &[usize]) -> Vec<bool> {
    starts
        .iter()
        .enumerate()
        .map(|(index, &start)| {
            let end = starts.get(index + 1).map_or(bytes.len(), |&next| next);
            bytes.get(start..end).is_none_or(<[u8]>::is_ascii)
        })
        .collect()
}

/// The byte offset of the 0-based character `column` of `text` (its length
/// when the column is past its end).
pub(crate) fn char_offset(text: &str, column: usize) -> usize {
    text.char_indices()
        .nth(column)
        .map_or(text.len(), |(offset, _)| offset)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly by design.
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based_and_lose_their_endings() {
        let shown = Shown::new(b"a\r\nb\nc");
        assert_eq!(shown.line(1), Some("a"));
        assert_eq!(shown.line(2), Some("b"));
        assert_eq!(shown.line(3), Some("c"));
        assert_eq!(shown.line(0), None);
        assert_eq!(shown.line(4), None);
    }

    #[test]
    fn offsets_of_the_original_become_shown_positions() {
        // A byte order mark (not shown), then two-byte characters and a
        // control character shown as one three-byte stand-in.
        let source = "\u{feff}{\"é\": 1,\n \"ü\x1b\": 2}\n[3]";
        let shown = Shown::new(source.as_bytes());
        assert_eq!(shown.line(2), Some(" \"ü\u{241b}\": 2}"));
        let two = source.find('2').unwrap();
        assert_eq!(shown.position(two), Some((2, 7)));
        assert_eq!(shown.column_offset(2, 7), Some(" \"ü\u{241b}\": ".len()));
        let one = source.find('1').unwrap();
        assert_eq!(shown.position(one), Some((1, 6)));
        let three = source.find('3').unwrap();
        assert_eq!(shown.position(three), Some((3, 1)));
        assert_eq!(shown.column_offset(3, 1), Some(1));
        assert_eq!(shown.column_offset(3, 9), Some(3), "past the end");
        assert_eq!(shown.position(0), Some((1, 0)), "the byte order mark");
        assert_eq!(shown.position(source.len() + 1), None);
    }

    #[test]
    fn credentials_are_masked_in_the_shown_lines_and_known_by_range() {
        let shown =
            Shown::new("{\"é\": 1, \"bk_token\": \"tok_1\",\n \"user\": \"root\"}".as_bytes());
        let line = shown.line(1).unwrap();
        assert_eq!(line, "{\"é\": 1, \"bk_token\": \"*****\",");
        assert_eq!(shown.line(2), Some(" \"user\": \"root\"}"));
        let value = line.find("\"*").unwrap();
        assert!(shown.touches_secret(1, value..value + 7));
        assert!(
            shown.touches_secret(1, value + 2..value + 2),
            "an insertion"
        );
        let key = line.find("\"bk_token").unwrap();
        assert!(!shown.touches_secret(1, key..key + 10), "the key");
        assert!(!shown.touches_secret(2, 1..7));
    }

    #[test]
    fn excerpts_cut_around_the_span() {
        let text = "abcdefghij";
        assert_eq!(excerpt(text, 4..6, 2), ("...cdefgh...".to_owned(), 5..7));
        assert_eq!(excerpt(text, 1..2, 2), ("abcd...".to_owned(), 1..2));
        assert_eq!(excerpt(text, 4..6, 20), (text.to_owned(), 4..6));
        assert_eq!(excerpt("ééé", 2..4, 0), ("...é...".to_owned(), 3..5));
    }

    #[test]
    fn char_offsets() {
        assert_eq!(char_offset("aéb", 2), 3);
        assert_eq!(char_offset("ab", 5), 2);
    }
}
