//! Maps JSON pointers to line and column. Only payloads with findings pay for
//! it: their text is checked to be strict JSON (a parse that builds nothing),
//! then indexed in one pass, without allocating per value, into a flat list of
//! where each value (and its key) starts and where its subtree ends.

use crate::vocab::diagnostic::{Anchor, Location};
use crate::vocab::pointer::pointer_tokens;
use serde::de::IgnoredAny;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// Containers with more children than this get an index of them on first
/// lookup, so that many findings in one large object or array cost a hash
/// lookup each, not a scan of its members. Below it, a scan costs less than
/// building the index (most payloads with findings have a few of them, in
/// objects of a few dozen members).
const INDEXED_CHILDREN: usize = 128;

/// A parsed source that resolves pointers to locations.
pub struct SourceMap<'a> {
    pub(super) text: &'a str,
    /// Every value of the body in document order (a container before its
    /// children); empty when the body is not strict JSON.
    pub(super) nodes: Vec<Node>,
    line_starts: Vec<usize>,
    /// Bytes before the parsed body: 3 for a UTF-8 byte order mark, else 0.
    pub(super) base: usize,
    /// The children of large containers, by node, built on first lookup.
    large: RefCell<HashMap<usize, Rc<Children<'a>>>>,
    /// The last location computed (line start, offset, column): a later
    /// offset on the same line counts characters from there, so that many
    /// findings on one long line cost one pass over it.
    last: Cell<Option<(usize, usize, usize)>>,
}

/// The children of a large container.
pub(super) struct Children<'a> {
    /// In order.
    pub(super) list: Vec<usize>,
    /// For an object, the first and last child of each key.
    keys: HashMap<Cow<'a, str>, (usize, usize)>,
}

/// One value of the indexed text; offsets are into the body.
#[derive(Debug, Clone, Copy)]
pub(super) struct Node {
    /// Where the value starts.
    pub(super) start: usize,
    /// Just past the value's last byte (a container's closing bracket).
    pub(super) end: usize,
    /// For an object member, its key's opening quote and the end of the key
    /// (just past its closing quote).
    pub(super) key: Option<(usize, usize)>,
    /// The index of the node after this value's subtree: its next sibling, if
    /// it has one.
    pub(super) next: usize,
    /// What the value is.
    pub(super) shape: Shape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Object,
    Array,
    Scalar,
}

impl<'a> SourceMap<'a> {
    /// Indexes `text` (strict JSON, after an optional byte order mark). A text
    /// that does not parse resolves nothing.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        // Checked first, so the index may trust the structure.
        let strict = serde_json::from_str::<IgnoredAny>(body).is_ok();
        Self::build(text, strict)
    }

    /// Like [`SourceMap::new`], for a text already known to parse (the
    /// payload of a [`crate::Document`]): the check is skipped.
    pub(crate) fn of_parsed(text: &'a str) -> Self {
        Self::build(text, true)
    }

    fn build(text: &'a str, strict: bool) -> Self {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let base = text.len() - body.len();
        let nodes = if strict {
            index(body.as_bytes()).unwrap_or_default()
        } else {
            Vec::new()
        };
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|index| index + 1))
            .collect();
        Self {
            text,
            nodes,
            line_starts,
            base,
            large: RefCell::default(),
            last: Cell::new(None),
        }
    }

    /// The location of the value (or key) at `pointer`. Where an object repeats a
    /// key, the last occurrence (the one the server keeps). An unresolvable
    /// pointer falls back to its closest existing ancestor.
    #[must_use]
    pub fn locate(&self, pointer: &str, anchor: Anchor) -> Option<Location> {
        let offset = self.offset(pointer, anchor, false)?;
        Some(self.location(offset))
    }

    /// Like [`SourceMap::locate`], but where the last object repeats the key,
    /// the first occurrence.
    #[must_use]
    pub fn locate_first(&self, pointer: &str, anchor: Anchor) -> Option<Location> {
        let offset = self.offset(pointer, anchor, true)?;
        Some(self.location(offset))
    }

    /// The byte offset of the value (or key) at `pointer`, or of its closest
    /// existing ancestor.
    pub(crate) fn offset(
        &self,
        pointer: &str,
        anchor: Anchor,
        first_at_end: bool,
    ) -> Option<usize> {
        let (current, _) = self.walk(pointer, first_at_end)?;
        let node = *self.nodes.get(current)?;
        Some(
            self.base
                + match (anchor, node.key) {
                    (Anchor::Key, Some((start, _))) => start,
                    _ => node.start,
                },
        )
    }

    /// The index of the node at `pointer`, exactly (`None` when it is not in
    /// the text): where the last object repeats the key, the last occurrence,
    /// or the first when `first_at_end`.
    /// Also the index of its container, `None` for the root.
    pub(super) fn find(&self, pointer: &str, first_at_end: bool) -> Option<(usize, Option<usize>)> {
        let mut parent = None;
        let (node, exact) = self.walk_with(pointer, first_at_end, &mut parent)?;
        exact.then_some((node, parent))
    }

    /// The node at `pointer`, or at its closest existing ancestor, and whether
    /// it is the one asked for.
    fn walk(&self, pointer: &str, first_at_end: bool) -> Option<(usize, bool)> {
        self.walk_with(pointer, first_at_end, &mut None)
    }

    /// [`SourceMap::walk`], noting in `parent` the container of the node found.
    fn walk_with(
        &self,
        pointer: &str,
        first_at_end: bool,
        parent: &mut Option<usize>,
    ) -> Option<(usize, bool)> {
        let mut node = *self.nodes.first()?;
        let mut current = 0;
        let tokens: Vec<String> = pointer_tokens(pointer).collect();
        let count = tokens.len();
        for (index, token) in tokens.iter().enumerate() {
            let first = first_at_end && index + 1 == count;
            let found = match node.shape {
                Shape::Object => self.member(current, token, first),
                Shape::Array => token
                    .parse::<usize>()
                    .ok()
                    .filter(|_| token == "0" || !token.starts_with('0'))
                    .and_then(|position| match self.large_children(current) {
                        Some(children) => children.list.get(position).copied(),
                        None => self.children(current).nth(position),
                    }),
                Shape::Scalar => None,
            };
            let Some(child) = found else {
                return Some((current, false));
            };
            *parent = Some(current);
            current = child;
            node = *self.nodes.get(child)?;
        }
        Some((current, true))
    }

    /// The indices of the children of the container at `parent`.
    pub(super) fn children(&self, parent: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.nodes.get(parent).map_or(0, |node| node.next);
        let mut child = parent + 1;
        std::iter::from_fn(move || {
            if child >= end {
                return None;
            }
            let current = child;
            // Always moves forward: a node's subtree ends after the node.
            child = self
                .nodes
                .get(current)
                .map_or(end, |node| node.next.max(current + 1));
            Some(current)
        })
    }

    /// The member of the object at `parent` whose key is `token`: the last
    /// such member, or the first when `first`.
    fn member(&self, parent: usize, token: &str, first: bool) -> Option<usize> {
        if let Some(children) = self.large_children(parent) {
            let (first_child, last_child) = *children.keys.get(token)?;
            return Some(if first { first_child } else { last_child });
        }
        let body = &self.text[self.base..];
        let mut matching = self.children(parent).filter(|child| {
            self.nodes
                .get(*child)
                .and_then(|node| node.key)
                .and_then(|(start, end)| body.get(start..end))
                .is_some_and(|literal| key_equals(literal, token))
        });
        if first {
            matching.next()
        } else {
            matching.last()
        }
    }

    /// The children of the container at `parent` when it has more than
    /// [`INDEXED_CHILDREN`] of them, indexed on first use.
    pub(super) fn large_children(&self, parent: usize) -> Option<Rc<Children<'a>>> {
        if let Some(children) = self.large.borrow().get(&parent) {
            return Some(Rc::clone(children));
        }
        self.children(parent).nth(INDEXED_CHILDREN)?;
        let list: Vec<usize> = self.children(parent).collect();
        let body = &self.text[self.base..];
        let mut keys: HashMap<Cow<'a, str>, (usize, usize)> = HashMap::new();
        for child in &list {
            let Some(literal) = self
                .nodes
                .get(*child)
                .and_then(|node| node.key)
                .and_then(|(start, end)| body.get(start..end))
            else {
                continue;
            };
            let Some(key) = key_text(literal) else {
                continue;
            };
            keys.entry(key)
                .and_modify(|entry| entry.1 = *child)
                .or_insert((*child, *child));
        }
        let children = Rc::new(Children { list, keys });
        self.large.borrow_mut().insert(parent, Rc::clone(&children));
        Some(children)
    }

    /// The line and column of a byte offset. Columns count characters, and a
    /// byte order mark is not one.
    #[must_use]
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line_index = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let line_start = self.line_starts.get(line_index).copied().unwrap_or(0);
        let line_start = if line_index == 0 {
            self.base.min(offset)
        } else {
            line_start
        };
        let (from, before) = match self.last.get() {
            Some((start, last, column)) if start == line_start && last <= offset => (last, column),
            _ => (line_start, 0),
        };
        let column = match self.text.get(from..offset) {
            Some(prefix) => {
                let column = before + prefix.chars().count();
                self.last.set(Some((line_start, offset, column)));
                column
            }
            // Inside a character: bytes from the line start, and nothing to
            // remember.
            None => offset - line_start,
        };
        Location {
            line: line_index + 1,
            column: column + 1,
            offset,
        }
    }
}

/// The text of the string literal `literal` (quotes included).
fn key_text(literal: &str) -> Option<Cow<'_, str>> {
    let raw = literal.strip_prefix('"')?.strip_suffix('"')?;
    if raw.contains('\\') {
        serde_json::from_str::<String>(literal).ok().map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(raw))
    }
}

/// Whether the string literal `literal` (quotes included) reads as `token`.
fn key_equals(literal: &str, token: &str) -> bool {
    let Some(raw) = literal
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    else {
        return false;
    };
    if raw.contains('\\') {
        serde_json::from_str::<String>(literal).is_ok_and(|key| key == token)
    } else {
        raw == token
    }
}

/// The index of strict JSON `body`: every value's start, key and subtree end.
/// `None` if the text surprises it (it is only given checked text).
fn index(body: &[u8]) -> Option<Vec<Node>> {
    // About one value per 16 bytes of pretty-printed payload: few regrowths.
    let mut nodes: Vec<Node> = Vec::with_capacity(body.len() / 16 + 1);
    // The open containers, innermost last.
    let mut open: Vec<usize> = Vec::new();
    let mut pos = skip_space(body, 0);
    let mut key = None;
    loop {
        // A value starts at `pos`.
        let shape = match body.get(pos)? {
            b'{' => Shape::Object,
            b'[' => Shape::Array,
            _ => Shape::Scalar,
        };
        let current = nodes.len();
        nodes.push(Node {
            start: pos,
            end: pos,
            key: key.take(),
            next: current + 1,
            shape,
        });
        pos = match shape {
            Shape::Scalar => {
                let end = scalar_end(body, pos)?;
                nodes.get_mut(current)?.end = end;
                end
            }
            Shape::Object | Shape::Array => {
                open.push(current);
                let inside = skip_space(body, pos + 1);
                if matches!(body.get(inside), Some(b'}' | b']')) {
                    inside
                } else {
                    (key, pos) = element_start(body, inside, shape)?;
                    continue;
                }
            }
        };
        // After a value: close containers, or move to the next member.
        loop {
            pos = skip_space(body, pos);
            let Some(&container) = open.last() else {
                return Some(nodes);
            };
            match body.get(pos)? {
                b',' => {
                    let next = skip_space(body, pos + 1);
                    (key, pos) = element_start(body, next, nodes.get(container)?.shape)?;
                    break;
                }
                b'}' | b']' => {
                    open.pop();
                    let end = nodes.len();
                    let node = nodes.get_mut(container)?;
                    node.next = end;
                    node.end = pos + 1;
                    pos += 1;
                }
                _ => return None,
            }
        }
    }
}

/// An element of a container of `shape` starting at `pos`: an object
/// member's key (its quote and end), and where the element's value starts.
fn element_start(body: &[u8], pos: usize, shape: Shape) -> Option<(Option<(usize, usize)>, usize)> {
    if shape == Shape::Object {
        let (key, value) = member_key(body, pos)?;
        Some((Some(key), value))
    } else {
        Some((None, pos))
    }
}

/// The key at `pos` (its quote and end) and where its value starts.
fn member_key(body: &[u8], pos: usize) -> Option<((usize, usize), usize)> {
    if body.get(pos) != Some(&b'"') {
        return None;
    }
    let end = string_end(body, pos)?;
    let colon = skip_space(body, end);
    if body.get(colon) != Some(&b':') {
        return None;
    }
    Some(((pos, end), skip_space(body, colon + 1)))
}

/// Just past the scalar (string, number or literal) starting at `pos`.
fn scalar_end(body: &[u8], pos: usize) -> Option<usize> {
    if body.get(pos) == Some(&b'"') {
        return string_end(body, pos);
    }
    let rest = body.get(pos..)?;
    let length = rest
        .iter()
        .position(|byte| matches!(byte, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
        .unwrap_or(rest.len());
    Some(pos + length)
}

/// Just past the closing quote of the string whose opening quote is at `pos`.
fn string_end(body: &[u8], pos: usize) -> Option<usize> {
    let mut at = pos + 1;
    loop {
        at += memchr::memchr2(b'"', b'\\', body.get(at..)?)?;
        if body.get(at) == Some(&b'"') {
            return Some(at + 1);
        }
        // A backslash escapes the next byte (a `\u` escape's digits are
        // plain bytes).
        at += 2;
    }
}

fn skip_space(body: &[u8], mut pos: usize) -> usize {
    while matches!(body.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        pos += 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"a\": {\"b\": [10, 20]},\n  \"x/y\": \"é\", \"z\": 1\n}";

    fn at(pointer: &str, anchor: Anchor) -> (usize, usize) {
        let map = SourceMap::new(TEXT);
        let location = map.locate(pointer, anchor).expect("located");
        (location.line, location.column)
    }

    #[test]
    fn locates_values_keys_and_array_items() {
        assert_eq!(at("", Anchor::Value), (1, 1));
        assert_eq!(at("/a", Anchor::Value), (2, 8));
        assert_eq!(at("/a", Anchor::Key), (2, 3));
        assert_eq!(at("/a/b/1", Anchor::Value), (2, 19));
        assert_eq!(at("/x~1y", Anchor::Value), (3, 10));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        // "é" is two bytes; `z`'s key follows it on the same line.
        assert_eq!(at("/z", Anchor::Key), (3, 15));
    }

    #[test]
    fn an_offset_inside_a_character_does_not_shift_later_columns() {
        // Found by the locate fuzz target: U+07C2 is two bytes.
        let map = SourceMap::new("\u{7c2}");
        assert_eq!(map.location(0).column, 1);
        assert_eq!(map.location(1).column, 2, "inside the character: bytes");
        assert_eq!(map.location(2).column, 2, "after it: one character");
    }

    #[test]
    fn missing_members_fall_back_to_the_closest_ancestor() {
        assert_eq!(at("/a/missing", Anchor::Value), (2, 8));
        assert_eq!(at("/a/b/7", Anchor::Value), (2, 14));
        assert_eq!(at("/a/b/01", Anchor::Value), (2, 14));
    }

    #[test]
    fn a_byte_order_mark_shifts_offsets_but_not_columns() {
        let text = "\u{feff}{\"a\": 1,\n \"b\": [2]}";
        let map = SourceMap::new(text);
        let a = map.locate("/a", Anchor::Value).expect("located");
        assert_eq!((a.line, a.column, a.offset), (1, 7, 9));
        assert_eq!(&text[a.offset..=a.offset], "1");
        let b = map.locate("/b/0", Anchor::Value).expect("located");
        assert_eq!((b.line, b.column), (2, 8));
        assert_eq!(&text[b.offset..=b.offset], "2");
        let root = map.locate("", Anchor::Value).expect("located");
        assert_eq!((root.line, root.column, root.offset), (1, 1, 3));
        assert_eq!(map.location(0).column, 1);
    }

    #[test]
    fn hostile_nesting_is_indexed_without_recursing() {
        let depth = 100_000;
        let deep = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let pointer = "/0".repeat(depth);
        let one = SourceMap::new(&deep).locate(&pointer, Anchor::Value);
        assert_eq!(one.map(|location| location.offset), Some(depth));
        let past = SourceMap::new(&deep).locate(&format!("{pointer}/0"), Anchor::Value);
        assert_eq!(
            past.map(|location| location.offset),
            Some(depth),
            "falls back to `1`"
        );
        // Brackets inside strings are not structure.
        let quoted = format!("[\"{}\\\"\", 2]", "[".repeat(10_000));
        let second = SourceMap::new(&quoted).locate("/1", Anchor::Value);
        assert_eq!(second.map(|location| location.column), Some(10_008));
    }

    #[test]
    fn large_containers_are_looked_up_through_their_index() {
        let count = INDEXED_CHILDREN * 2;
        let mut text = String::from("{\"dup\": 1, ");
        let members: Vec<String> = (0..count)
            .map(|index| format!("\"k{index}\": {index}, "))
            .collect();
        text.push_str(&members.concat());
        text.push_str("\"\\u0041\": [");
        let items: Vec<String> = (0..count).map(|index| format!("\"i{index}\"")).collect();
        text.push_str(&items.join(", "));
        text.push_str("], \"dup\": 2}");
        let map = SourceMap::new(&text);
        let offset = |pointer: &str, first: bool| {
            let location = if first {
                map.locate_first(pointer, Anchor::Key)
            } else {
                map.locate(pointer, Anchor::Value)
            };
            location.map(|location| location.offset)
        };
        let found = |needle: &str| text.find(needle);
        assert_eq!(
            offset(&format!("/k{}", count - 1), false),
            found(&format!("{}, \"\\u0041", count - 1))
        );
        assert_eq!(offset("/k7", false), found("7, \"k8\""));
        assert_eq!(offset("/A/0", false), found("\"i0\""));
        assert_eq!(
            offset(&format!("/A/{}", count - 1), false),
            found(&format!("\"i{}\"", count - 1))
        );
        assert_eq!(offset("/dup", false), found("2}"), "the last occurrence");
        assert_eq!(offset("/dup", true), Some(1), "the first occurrence's key");
        assert_eq!(
            offset("/missing", false),
            Some(0),
            "falls back to the object"
        );
    }

    #[test]
    fn unparsable_text_resolves_nothing() {
        let map = SourceMap::new("{\"a\": 1,}");
        assert_eq!(map.locate("/a", Anchor::Value), None);
    }
}
