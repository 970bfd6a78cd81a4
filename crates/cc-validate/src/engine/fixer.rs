//! Fixing a payload's text: lint, apply the fixes that overlap no other, lint
//! the result again and repeat, a bounded number of rounds (as ruff does), so
//! that fixes that touched the same bytes get their turn.

use crate::engine::overrides::Overrides;
use crate::engine::validator::Validator;
use crate::payload::context::CheckOptions;
use crate::source::apply::apply_fixes;
use crate::source::document::Document;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::fix::Applicability;

/// How many rounds of lint-and-fix a text gets at most.
pub const MAX_FIX_ROUNDS: usize = 10;

/// What fixing a text gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The fixed text: the source itself when nothing was fixed.
    pub text: Vec<u8>,
    /// How many fixes were applied, over every round.
    pub applied: usize,
    /// The findings of the fixed text (after the overrides): what is left.
    pub remaining: Vec<Diagnostic>,
}

impl Fixed {
    /// Whether any fix was applied (the text changed).
    #[must_use]
    pub const fn changed(&self) -> bool {
        self.applied > 0
    }
}

/// Fixes `source`, a payload checked by `validator` with `options`: the fixes
/// of the findings that survive `overrides` and whose applicability is
/// `allowed` or safer, round after round until none is left to apply or
/// after [`MAX_FIX_ROUNDS`]. A text that does not parse is left as it is; a
/// round whose result would not parse (a fix gone wrong) is undone, and the
/// rounds stop there.
#[must_use]
pub fn fix_source(
    validator: &Validator,
    source: &[u8],
    options: CheckOptions<'_>,
    overrides: &Overrides,
    allowed: Applicability,
) -> Fixed {
    let mut text = source.to_vec();
    let mut applied = 0;
    let mut remaining = lint(validator, &text, options, overrides);
    for _ in 0..MAX_FIX_ROUNDS {
        let fixes = remaining
            .iter()
            .filter_map(|diagnostic| diagnostic.fix.as_ref())
            .filter(|fix| fix.applies_at(allowed));
        let round = apply_fixes(&text, fixes);
        if round.applied == 0 || round.text == text || Document::parse(&round.text).is_err() {
            break;
        }
        text = round.text;
        applied += round.applied;
        remaining = lint(validator, &text, options, overrides);
    }
    Fixed {
        text,
        applied,
        remaining,
    }
}

/// The findings of `text`, after the overrides.
fn lint(
    validator: &Validator,
    text: &[u8],
    options: CheckOptions<'_>,
    overrides: &Overrides,
) -> Vec<Diagnostic> {
    let mut diagnostics = match Document::parse(text) {
        Ok(document) => validator.check_document_with(&document, text, options),
        Err(diagnostic) => vec![*diagnostic],
    };
    overrides.apply(&mut diagnostics);
    diagnostics
}
