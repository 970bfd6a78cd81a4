//! The text snippets show, line by line: the source made printable with
//! credentials masked, and where a byte offset of the original source falls
//! in it.

use super::snippet::{mask_secrets, printable};

/// A file's source as the human format shows it.
pub(crate) struct Shown<'a> {
    /// The bytes as read (a byte order mark included).
    original: &'a [u8],
    /// What is shown: [`printable`], then [`mask_secrets`]; one character for
    /// each character of the original, less a leading byte order mark.
    text: String,
    /// The byte offset in `text` of each line's start.
    starts: Vec<usize>,
    /// The byte offset in `original` of each line's start (the first line's
    /// after any byte order mark).
    original_starts: Vec<usize>,
}

impl<'a> Shown<'a> {
    /// Masks `original` once for the whole text: a credential's value may
    /// span lines.
    pub(crate) fn new(original: &'a [u8]) -> Self {
        let text = mask_secrets(&printable(original));
        let starts = line_starts(text.as_bytes());
        let mut original_starts = line_starts(original);
        if original.starts_with("\u{feff}".as_bytes()) {
            original_starts[0] = "\u{feff}".len();
        }
        Self {
            original,
            text,
            starts,
            original_starts,
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
        Some((index + 1, String::from_utf8_lossy(before).chars().count()))
    }
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
        let source = "\u{feff}{\"é\": 1,\n \"ü\x1b\": 2}";
        let shown = Shown::new(source.as_bytes());
        assert_eq!(shown.line(2), Some(" \"ü\u{241b}\": 2}"));
        let two = source.find('2').unwrap();
        assert_eq!(shown.position(two), Some((2, 7)));
        let one = source.find('1').unwrap();
        assert_eq!(shown.position(one), Some((1, 6)));
        assert_eq!(shown.position(0), Some((1, 0)), "the byte order mark");
        assert_eq!(shown.position(source.len() + 1), None);
    }

    #[test]
    fn credentials_are_masked_in_the_shown_lines() {
        let shown = Shown::new(b"{\"bk_token\": \"tok_1\",\n \"user\": \"root\"}");
        assert_eq!(shown.line(1), Some("{\"bk_token\": \"*****\","));
        assert_eq!(shown.line(2), Some(" \"user\": \"root\"}"));
    }

    #[test]
    fn char_offsets() {
        assert_eq!(char_offset("aéb", 2), 3);
        assert_eq!(char_offset("ab", 5), 2);
    }
}
