//! Per-rule severity overrides: `--allow RULE`, `--warn RULE`, `--deny RULE`.

use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use crate::vocab::severity::Severity;
use std::collections::BTreeMap;

/// What to do with a rule's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Drop them.
    Allow,
    /// Report them as warnings.
    Warn,
    /// Report them as errors.
    Deny,
}

/// Severity overrides per rule; rules not named keep their own severity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    levels: BTreeMap<Rule, Level>,
}

impl Overrides {
    /// No overrides.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `rule`'s level; a later call for the same rule wins.
    pub fn set(&mut self, rule: Rule, level: Level) -> &mut Self {
        self.levels.insert(rule, level);
        self
    }

    /// The level set for `rule`, if any.
    #[must_use]
    pub fn level(&self, rule: Rule) -> Option<Level> {
        self.levels.get(&rule).copied()
    }

    /// Applies the overrides: drops allowed findings, re-grades the others.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.levels.is_empty() {
            return;
        }
        diagnostics.retain_mut(|diagnostic| match self.level(diagnostic.rule) {
            Some(Level::Allow) => false,
            Some(Level::Warn) => {
                diagnostic.severity = Severity::Warning;
                true
            }
            Some(Level::Deny) => {
                diagnostic.severity = Severity::Error;
                true
            }
            None => true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_drop_and_regrade() {
        let mut diagnostics = vec![
            Diagnostic::new(Rule::UnknownField, "/a", "unknown field `a`"),
            Diagnostic::new(Rule::LegacyField, "/b", "legacy"),
            Diagnostic::new(Rule::Schema, "/c", "schema"),
        ];
        let mut overrides = Overrides::new();
        overrides
            .set(Rule::UnknownField, Level::Deny)
            .set(Rule::LegacyField, Level::Allow)
            .set(Rule::Schema, Level::Warn);
        overrides.apply(&mut diagnostics);
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(diagnostics[0].severity, Severity::Error);
        assert_eq!(diagnostics[1].rule, Rule::Schema);
        assert_eq!(diagnostics[1].severity, Severity::Warning);
    }
}
