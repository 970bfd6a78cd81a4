//! The source layer: payload bytes to a JSON value (UTF-8 and BOM checks, the
//! parse that notices repeated keys, padded strings and non-i64 numbers) and
//! back from a JSON pointer to a line and column in the text, the byte ranges
//! behind a pointer, and fixes applied to the text.
//!
//! Uses only `crate::vocab`.

pub(crate) mod apply;
pub(crate) mod document;
pub(crate) mod parse;
pub(crate) mod span;
pub(crate) mod spans;
