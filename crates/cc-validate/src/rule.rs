//! The rules and their stable ids.

use crate::diagnostic::Severity;
use std::fmt;
use std::str::FromStr;

/// A check, with its stable kebab-case id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// The payload is not valid JSON.
    JsonSyntax,
    /// A type, required, range, enum or length violation from the JSON Schema.
    Schema,
    /// A key no endpoint model knows.
    UnknownField,
}

impl Rule {
    /// Every rule, in catalogue order.
    pub const ALL: [Self; 3] = [Self::JsonSyntax, Self::Schema, Self::UnknownField];

    /// The stable id used in output and on the command line.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Self::JsonSyntax => "json-syntax",
            Self::Schema => "schema",
            Self::UnknownField => "unknown-field",
        }
    }

    /// The severity the rule reports at unless overridden.
    #[must_use]
    pub const fn default_severity(self) -> Severity {
        match self {
            Self::JsonSyntax | Self::Schema | Self::UnknownField => Severity::Error,
        }
    }

    /// One line saying what the rule checks.
    #[must_use]
    pub const fn summary(self) -> &'static str {
        match self {
            Self::JsonSyntax => "the payload is not valid JSON",
            Self::Schema => {
                "a type, required-field, range, enum or length violation of the endpoint's JSON Schema"
            }
            Self::UnknownField => "a key that no model of the endpoint knows",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A rule id that names no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule `{0}`")]
pub struct UnknownRule(pub String);

impl FromStr for Rule {
    type Err = UnknownRule;

    fn from_str(id: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|rule| rule.id() == id)
            .ok_or_else(|| UnknownRule(id.to_owned()))
    }
}
