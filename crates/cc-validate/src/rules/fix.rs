//! Fixes: which rules offer one (for the catalogue), and the fix of each
//! finding of those rules, built by the rule's own `fix` from the finding and
//! the spans of the source text. Shared here: the edits most fixes are made of
//! (rename a key, replace a value, remove a member).

use super::{
    duplicate_key, ignored_field, integer_literal, key_case, legacy_field, secret_in_payload,
    surrounding_whitespace, unknown_field,
};
use crate::source::span::SourceMap;
use crate::source::spans::Spot;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::fix::{Applicability, Edit, Fix, FixDoc};
use crate::vocab::rule::Rule;
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

impl Rule {
    /// Whether the rule offers a fix, and whether it is safe.
    #[must_use]
    pub const fn fix_doc(self) -> Option<FixDoc> {
        match self {
            Self::DuplicateKey => Some(duplicate_key::FIX),
            Self::IntegerLiteral => Some(integer_literal::FIX),
            Self::UnknownField => Some(unknown_field::FIX),
            Self::KeyCase => Some(key_case::FIX),
            Self::LegacyField => Some(legacy_field::FIX),
            Self::SurroundingWhitespace => Some(surrounding_whitespace::FIX),
            Self::SecretInPayload => Some(secret_in_payload::FIX),
            Self::IgnoredField => Some(ignored_field::FIX),
            _ => None,
        }
    }

    /// One sentence on the rule's fix, for `cc-lint explain` and the rule
    /// docs: whether there is one, whether it is safe, and what it does.
    #[must_use]
    pub fn fix_text(self) -> String {
        match self.fix_doc() {
            Some(FixDoc {
                applicability: Applicability::Safe,
                summary,
            }) => format!("Fix (safe, applied by `--fix`): {summary}."),
            Some(FixDoc {
                applicability: Applicability::Unsafe,
                summary,
            }) => format!("Fix (unsafe, applied by `--fix --unsafe-fixes`): {summary}."),
            None => "Fix: none; `--fix` leaves the payload as it is.".to_owned(),
        }
    }
}

/// The fix of one finding, if its rule offers one for it.
fn fix_of(diagnostic: &Diagnostic, source: &FixSource<'_>) -> Option<Fix> {
    match diagnostic.rule {
        Rule::DuplicateKey => duplicate_key::fix(diagnostic, source),
        Rule::IntegerLiteral => integer_literal::fix(diagnostic, source),
        Rule::UnknownField => unknown_field::fix(diagnostic, source),
        Rule::KeyCase => key_case::fix(diagnostic, source),
        Rule::LegacyField => legacy_field::fix(diagnostic, source),
        Rule::SurroundingWhitespace => surrounding_whitespace::fix(diagnostic, source),
        Rule::SecretInPayload => secret_in_payload::fix(diagnostic, source),
        Rule::IgnoredField => ignored_field::fix(diagnostic, source),
        _ => None,
    }
}

/// Gives every finding its rule's fix, where there is one.
pub(crate) fn attach(diagnostics: &mut [Diagnostic], source: &FixSource<'_>) {
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.rule.fix_doc().is_some() && diagnostic.fix.is_none() {
            diagnostic.fix = fix_of(diagnostic, source);
        }
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
