//! The rules: every rule's catalogue entry (summary, explanation, examples) and,
//! for semantic rules, its check, and for some its fix, one file per rule,
//! registered from the rule table of `crate::vocab::rule` (which holds the ids
//! and default severities); `fixes` says which rules offer a fix, `fix` holds
//! what they are built from.
//!
//! Uses `crate::vocab`, `crate::source`, `crate::schema` and `crate::payload`.

use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::{Rule, rule_table};
use cc_model::Endpoint;

/// What a rule's catalogue entry says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleDoc {
    /// The endpoint whose request the examples are.
    pub endpoint: Endpoint,
    /// The process template the examples are checked against (`--template`),
    /// for the rules that need one.
    pub template: Option<&'static str>,
    /// The examples are checked as edits of processes not created from a
    /// template (`--raw`).
    pub raw: bool,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// Why it matters: what the server does with such a payload.
    pub explanation: &'static str,
    /// A request payload the rule reports (`...` marks an elided, illustrative one).
    pub bad: &'static str,
    /// The same payload, fixed: it has no finding at all.
    pub good: &'static str,
}

macro_rules! registry {
    ($($(#[$doc:meta])* $variant:ident => $module:ident, $id:literal, $severity:ident;)*) => {
        $(mod $module;)*

        impl Rule {
            /// The rule's catalogue entry.
            #[must_use]
            pub const fn doc(self) -> &'static RuleDoc {
                match self {
                    $(Self::$variant => &$module::DOC,)*
                }
            }
        }

        /// Runs every semantic rule over a parsed payload.
        pub(crate) fn check_all(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
            $($module::check(context, out);)*
        }
    };
}

rule_table!(registry);

pub(crate) mod fix;
pub(crate) mod fixes;

impl Rule {
    /// One line saying what the rule checks.
    #[must_use]
    pub const fn summary(self) -> &'static str {
        self.doc().summary
    }
}
