//! Why a check could not run (as opposed to what it found).

use cc_model::{Endpoint, PayloadKind};

/// The validator could not be built.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An embedded schema is not valid JSON or not a valid JSON Schema (a build
    /// problem: regenerate with `cargo xtask schema`).
    #[error("the embedded {kind} schema of {endpoint} is broken: {message}")]
    BrokenSchema {
        /// The endpoint.
        endpoint: Endpoint,
        /// Request or response.
        kind: PayloadKind,
        /// What went wrong.
        message: String,
    },
}
