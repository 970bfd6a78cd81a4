//! Byte ranges of the text behind a JSON pointer, for fixes: a member's key,
//! a value, and what to delete to remove a member or an item, separators
//! included, so that the rest of the text stays as it was.

use crate::source::span::SourceMap;
use std::ops::Range;

/// Where one member (or array item) is in the text: offsets into the whole
/// text, a byte order mark included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Spot {
    /// The key's string literal, quotes included; `None` for an array item.
    pub(crate) key: Option<Range<usize>>,
    /// The value's text.
    pub(crate) value: Range<usize>,
    /// What to delete to remove the member and one separator next to it;
    /// `None` for the root.
    pub(crate) removal: Option<Range<usize>>,
}

impl SourceMap<'_> {
    /// The text of `range`, if it is one of the text's.
    pub(crate) fn slice(&self, range: Range<usize>) -> Option<&str> {
        self.text.get(range)
    }

    /// The member (or item) at `pointer`, exactly: `None` when it is not in
    /// the text. Where the last object repeats the key, its last occurrence,
    /// or its first when `first`.
    pub(crate) fn spot(&self, pointer: &str, first: bool) -> Option<Spot> {
        let (index, parent) = self.find(pointer, first)?;
        let node = *self.nodes.get(index)?;
        let shift = |range: Range<usize>| self.base + range.start..self.base + range.end;
        let removal = parent.and_then(|parent| self.removal(parent, index).map(shift));
        Some(Spot {
            key: node.key.map(|(start, end)| shift(start..end)),
            value: shift(node.start..node.end),
            removal,
        })
    }

    /// What to delete to remove child `index` of the container `parent`
    /// (offsets into the body): from the end of the previous sibling through
    /// the child, or for a first child from its start to the next sibling's,
    /// or for an only child everything between the brackets.
    fn removal(&self, parent: usize, index: usize) -> Option<Range<usize>> {
        let begin = |child: usize| {
            self.nodes
                .get(child)
                .map(|node| node.key.map_or(node.start, |(start, _)| start))
        };
        let node = self.nodes.get(index)?;
        let (previous, next) = if let Some(children) = self.large_children(parent) {
            let at = children.list.binary_search(&index).ok()?;
            let previous = at
                .checked_sub(1)
                .and_then(|at| children.list.get(at))
                .copied();
            (previous, children.list.get(at + 1).copied())
        } else {
            let (mut previous, mut next, mut seen) = (None, None, false);
            for child in self.children(parent) {
                if child == index {
                    seen = true;
                } else if seen {
                    next = Some(child);
                    break;
                } else {
                    previous = Some(child);
                }
            }
            (previous, next)
        };
        match (previous, next) {
            (Some(previous), _) => Some(self.nodes.get(previous)?.end..node.end),
            (None, Some(next)) => Some(begin(index)?..begin(next)?),
            (None, None) => {
                let container = self.nodes.get(parent)?;
                Some(container.start + 1..container.end.checked_sub(1)?)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"a\": 1,\n  \"b\": [2, {\"c\": 3}],\n  \"d\": \"x\"\n}";

    fn removed(text: &str, pointer: &str) -> String {
        let map = SourceMap::new(text);
        let spot = map.spot(pointer, false).expect("found");
        let range = spot.removal.expect("removable");
        format!("{}{}", &text[..range.start], &text[range.end..])
    }

    #[test]
    fn keys_and_values_are_exact() {
        let map = SourceMap::new(TEXT);
        let spot = map.spot("/b/1", false).expect("found");
        assert_eq!(&TEXT[spot.value.clone()], "{\"c\": 3}");
        assert_eq!(spot.key, None);
        let spot = map.spot("/b", false).expect("found");
        assert_eq!(&TEXT[spot.key.expect("a key")], "\"b\"");
        assert_eq!(&TEXT[spot.value], "[2, {\"c\": 3}]");
        assert_eq!(map.spot("/b/1/missing", false), None, "no fallback");
        let root = map.spot("", false).expect("found");
        assert_eq!(root.removal, None);
    }

    #[test]
    fn removals_take_one_separator_and_keep_the_layout() {
        assert_eq!(
            removed(TEXT, "/a"),
            "{\n  \"b\": [2, {\"c\": 3}],\n  \"d\": \"x\"\n}"
        );
        assert_eq!(removed(TEXT, "/b"), "{\n  \"a\": 1,\n  \"d\": \"x\"\n}");
        assert_eq!(
            removed(TEXT, "/d"),
            "{\n  \"a\": 1,\n  \"b\": [2, {\"c\": 3}]\n}"
        );
        assert_eq!(
            removed(TEXT, "/b/0"),
            "{\n  \"a\": 1,\n  \"b\": [{\"c\": 3}],\n  \"d\": \"x\"\n}"
        );
        assert_eq!(
            removed(TEXT, "/b/1/c"),
            "{\n  \"a\": 1,\n  \"b\": [2, {}],\n  \"d\": \"x\"\n}"
        );
    }

    #[test]
    fn repeated_keys_are_told_apart() {
        let text = "{\"k\": 1, \"k\": 2}";
        let map = SourceMap::new(text);
        let first = map.spot("/k", true).expect("found");
        let last = map.spot("/k", false).expect("found");
        assert_eq!(&text[first.value], "1");
        assert_eq!(&text[last.value], "2");
        let range = first.removal.expect("removable");
        assert_eq!(
            format!("{}{}", &text[..range.start], &text[range.end..]),
            "{\"k\": 2}"
        );
    }

    #[test]
    fn offsets_count_a_byte_order_mark() {
        let text = "\u{feff}{\"a\": 10}";
        let map = SourceMap::new(text);
        let spot = map.spot("/a", false).expect("found");
        assert_eq!(&text[spot.value], "10");
    }
}
