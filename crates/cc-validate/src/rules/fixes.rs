//! Which rules offer a fix (for the catalogue: `cc-lint explain`, the rule
//! docs) and the fix of each finding of those rules, built by the rule's own
//! `fix`.

use super::fix::FixSource;
use super::{
    duplicate_key, ignored_field, integer_literal, key_case, legacy_field, secret_in_payload,
    surrounding_whitespace, unknown_field,
};
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::fix::{Applicability, Fix, FixDoc};
use crate::vocab::rule::Rule;

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
