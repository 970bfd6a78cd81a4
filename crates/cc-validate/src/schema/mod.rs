//! The schema layer: the committed JSON Schemas (embedded text and the
//! validators generated from it at build time), navigation through a schema,
//! schema errors translated into findings, and key-case normalisation (keys
//! renamed to the spelling the schema declares, as the server matches them).
//!
//! Uses `crate::vocab` and `crate::source`.

pub(crate) mod case_names;
pub(crate) mod embedded;
pub(crate) mod errors;
pub(crate) mod generated;
pub(crate) mod nav;
pub(crate) mod normalise;
