//! The vocabulary every layer shares: rule ids and their default severities,
//! what the server does with each rule's finding,
//! findings (`Diagnostic`, `Location`, `Severity`) and their fixes, the error of a check that
//! could not run, JSON pointers, how the server compares keys, and the words
//! messages use (never echoing a secret).
//!
//! The bottom layer: it uses nothing else of this crate.

pub(crate) mod diagnostic;
pub(crate) mod error;
pub(crate) mod fix;
pub(crate) mod keys;
pub(crate) mod pointer;
pub(crate) mod rule;
pub(crate) mod severity;
pub(crate) mod verdict;
pub(crate) mod wording;
