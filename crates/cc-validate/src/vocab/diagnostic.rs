//! What a check reports: a finding with its rule, severity, JSON pointer and,
//! once resolved against the source text, its line and column.

use crate::vocab::fix::Fix;
use crate::vocab::rule::Rule;
use crate::vocab::severity::Severity;

/// Which token of a member a finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Anchor {
    /// The value (the default): a wrong number points at the number.
    #[default]
    Value,
    /// The key: an unknown field points at its name.
    Key,
}

/// A 1-based line and column (in characters) and the 0-based byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// 0-based byte offset into the source.
    pub offset: usize,
}

/// Another place a finding refers to (the first occurrence of a duplicate, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// JSON pointer of the other place.
    pub pointer: String,
    /// What is there.
    pub note: String,
    /// Where it is in the source, once resolved.
    pub location: Option<Location>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: Rule,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, naming the field, what was expected and what was found.
    pub message: String,
    /// RFC 6901 JSON pointer to the offending value (or member, see `anchor`).
    pub pointer: String,
    /// Whether `location` is that of the member's key or of its value.
    pub anchor: Anchor,
    /// Where it is in the source; `None` until resolved, or when the payload was
    /// given as a value rather than text.
    pub location: Option<Location>,
    /// The schema keyword that failed, for schema findings.
    pub schema_path: Option<String>,
    /// How to fix it, when there is more to say than the message.
    pub help: Option<String>,
    /// Other places the finding refers to.
    pub related: Vec<Related>,
    /// Edits of the source text that remove the finding, when its rule offers
    /// a fix; `None` for a payload given as a value rather than text.
    pub fix: Option<Fix>,
    /// The name or text a fix would write, noted by the check that knows it
    /// (the field a key's case or typo stands for).
    pub(crate) fix_hint: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at its default severity.
    #[must_use]
    pub fn new(rule: Rule, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.default_severity(),
            message: message.into(),
            pointer: pointer.into(),
            anchor: Anchor::Value,
            location: None,
            schema_path: None,
            help: None,
            related: Vec::new(),
            fix: None,
            fix_hint: None,
        }
    }

    /// Notes what a fix of the finding would write.
    #[must_use]
    pub(crate) fn with_fix_hint(mut self, hint: impl Into<String>) -> Self {
        self.fix_hint = Some(hint.into());
        self
    }

    /// Points the finding at the member's key instead of its value.
    #[must_use]
    pub const fn at_key(mut self) -> Self {
        self.anchor = Anchor::Key;
        self
    }

    /// Adds advice on how to fix it.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds the schema keyword location.
    #[must_use]
    pub fn with_schema_path(mut self, path: impl Into<String>) -> Self {
        self.schema_path = Some(path.into());
        self
    }

    /// Adds a related place.
    #[must_use]
    pub fn with_related(mut self, pointer: impl Into<String>, note: impl Into<String>) -> Self {
        self.related.push(Related {
            pointer: pointer.into(),
            note: note.into(),
            location: None,
        });
        self
    }

    /// True for errors.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
