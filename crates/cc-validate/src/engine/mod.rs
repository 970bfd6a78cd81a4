//! The engine: the validator that runs a payload through every layer (parse,
//! schema, context, rules), fixing a payload's text round by round, content
//! detection of a payload's endpoint, the per-rule severity overrides applied
//! to its findings, and the documents of the template operations (preview,
//! sync, instantiate).
//!
//! The top layer: uses every layer below it (`crate::vocab`, `crate::source`,
//! `crate::schema`, `crate::payload`, `crate::rules`).

pub(crate) mod detect;
pub(crate) mod fixer;
pub(crate) mod fractions;
pub(crate) mod overrides;
pub(crate) mod plans;
pub(crate) mod validator;
