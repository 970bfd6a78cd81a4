//! What fixes are built from: the spans of the source text and the value
//! parsed from it, and the edits most fixes are made of (rename a key, remove
//! a member). Each fixable rule's own `fix` builds its fixes from them;
//! `crate::rules::fixes` says which rules have one.

use crate::source::span::SourceMap;
use crate::source::spans::Spot;
use crate::vocab::fix::{Applicability, Edit, Fix};
use cc_model::Endpoint;
use serde_json::Value;

/// What a fix is built from: the text's spans and what was parsed from it.
pub(crate) struct FixSource<'s> {
    /// The spans of the text the finding was found in.
    pub(crate) map: &'s SourceMap<'s>,
    /// The endpoint the payload was checked against.
    pub(crate) endpoint: Endpoint,
    /// The value as written (keys as spelt in the text).
    pub(crate) value: &'s Value,
}

impl FixSource<'_> {
    /// The member or item the finding points at (its last occurrence).
    pub(crate) fn spot(&self, pointer: &str) -> Option<Spot> {
        self.map.spot(pointer, false)
    }

    /// The text of the value at `pointer`.
    pub(crate) fn value_text(&self, pointer: &str) -> Option<(Spot, &str)> {
        let spot = self.spot(pointer)?;
        let text = self.map.slice(spot.value.clone())?;
        Some((spot, text))
    }
}

/// The last token of `pointer`, unescaped.
pub(crate) fn last_token(pointer: &str) -> Option<String> {
    crate::vocab::pointer::pointer_tokens(pointer).last()
}

/// Renames the key of the member at `pointer` to `to`.
pub(crate) fn rename_key(
    source: &FixSource<'_>,
    pointer: &str,
    to: &str,
    applicability: Applicability,
) -> Option<Fix> {
    let from = last_token(pointer)?;
    let key = source.spot(pointer)?.key?;
    let literal = serde_json::to_string(to).ok()?;
    Some(Fix::new(
        applicability,
        format!("rename `{from}` to `{to}`"),
        Edit::replace(key, literal),
    ))
}

/// Removes the member (or item) at `pointer`; where the object repeats its
/// key, the first occurrence when `first`, else the last.
pub(crate) fn remove_member(
    source: &FixSource<'_>,
    pointer: &str,
    first: bool,
    applicability: Applicability,
    message: String,
) -> Option<Fix> {
    let removal = source.map.spot(pointer, first)?.removal?;
    Some(Fix::new(applicability, message, Edit::delete(removal)))
}
