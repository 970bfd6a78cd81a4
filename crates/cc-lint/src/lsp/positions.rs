//! Byte offsets to LSP positions and back, in the position encoding agreed
//! with the client: UTF-16 code units (the protocol's default) or UTF-8
//! bytes (when the client offers it).

use lsp_types::{Position, PositionEncodingKind, Range};

/// How a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units.
    Utf16,
}

impl Encoding {
    /// The encoding to use, from the client's `general.positionEncodings`:
    /// UTF-8 when it is offered, else UTF-16.
    pub(crate) fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        if offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8)) {
            Self::Utf8
        } else {
            Self::Utf16
        }
    }

    /// The name the protocol gives it.
    pub(crate) fn kind(self) -> PositionEncodingKind {
        match self {
            Self::Utf8 => PositionEncodingKind::UTF8,
            Self::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The start of every line of a text, to turn offsets into positions.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    encoding: Encoding,
}

impl LineIndex {
    /// The index of `text` (lines end at `\n`; a `\r` before it belongs to
    /// the line, as the protocol counts it).
    pub(crate) fn new(text: &str, encoding: Encoding) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, byte)| *byte == b'\n')
                .map(|(index, _)| index + 1),
        );
        Self { starts, encoding }
    }

    /// The position of byte `offset` of `text` (clamped to the text, and
    /// back to a character boundary).
    pub(crate) fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|start| *start <= offset) - 1;
        let start = self.starts.get(line).copied().unwrap_or(0);
        let prefix = text.get(start..offset).unwrap_or("");
        let character = match self.encoding {
            Encoding::Utf8 => prefix.len(),
            Encoding::Utf16 => prefix.encode_utf16().count(),
        };
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(character).unwrap_or(u32::MAX),
        )
    }

    /// The range of bytes `start..end` of `text`.
    pub(crate) fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(
            self.position(text, start),
            self.position(text, end.max(start)),
        )
    }

    /// The byte offset of `position` in `text`: a line past the end is the
    /// end, a character past the end of its line is the line's end, and a
    /// position inside a character is that character's start.
    pub(crate) fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = usize::try_from(position.line)
            .ok()
            .and_then(|line| self.starts.get(line))
        else {
            return text.len();
        };
        let line_end = text
            .get(start..)
            .and_then(|rest| rest.find('\n'))
            .map_or(text.len(), |end| start + end);
        let line = text.get(start..line_end).unwrap_or("");
        let wanted = usize::try_from(position.character).unwrap_or(usize::MAX);
        let mut units = 0;
        for (index, ch) in line.char_indices() {
            let width = match self.encoding {
                Encoding::Utf8 => ch.len_utf8(),
                Encoding::Utf16 => ch.len_utf16(),
            };
            if units + width > wanted {
                return start + index;
            }
            units += width;
        }
        line_end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_code_units_and_utf8_bytes() {
        let text = "{\n  \"名\": \"😀x\"\n}";
        let x = text.find('x').unwrap_or_default();
        let utf16 = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(utf16.position(text, x), Position::new(1, 10));
        assert_eq!(utf16.offset(text, Position::new(1, 10)), x);
        let utf8 = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(text, x), Position::new(1, 14));
        assert_eq!(utf8.offset(text, Position::new(1, 14)), x);
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "ab\ncd";
        let index = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(index.offset(text, Position::new(0, 99)), 2);
        assert_eq!(index.offset(text, Position::new(9, 0)), text.len());
        assert_eq!(index.position(text, 99), Position::new(1, 2));
    }

    #[test]
    fn the_client_decides_the_encoding() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
    }
}
