//! The upstream corpora under `tests/fixtures/` (`upstream/`, `upstream-service/`),
//! each described by its `index.json`: one [`IndexEntry`] per recorded request
//! or response, read by the workspace tests.
//!
//! A test that cannot read its own fixture fails loudly: these helpers panic
//! with the file's name.
#![allow(clippy::missing_panics_doc)] // Fixture readers for tests: they panic by design.

use cc_validate::{Diagnostic, Endpoint, PayloadKind};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One entry of a corpus's `index.json` (only the fields the tests use; the
/// index keeps every field of the corpus).
#[derive(Debug, serde::Deserialize)]
pub struct IndexEntry {
    /// The fixture's path inside the corpus.
    pub file: String,
    /// Its endpoint's name.
    pub endpoint: String,
    /// `request` or `response`.
    pub kind: String,
    /// Whether the file is JSON at all.
    pub valid_json: bool,
    /// What upstream did with it (`accepted`, `rejected`, `documented`).
    pub expected: String,
    /// Whether the payload alone decides the server's verdict (`upstream/`).
    #[serde(default)]
    pub decidable_from_payload: bool,
    /// The repository and commit it comes from, when it comes from one.
    #[serde(default)]
    pub upstream: Option<String>,
    /// The corpus's directory, set by [`index`].
    #[serde(skip)]
    pub dir: PathBuf,
}

impl IndexEntry {
    /// The endpoint, parsed.
    #[must_use]
    pub fn endpoint(&self) -> Endpoint {
        self.endpoint.parse().unwrap_or_else(|error| {
            panic!(
                "{}: {error} (add the endpoint's model before its fixtures)",
                self.file
            )
        })
    }

    /// Request or response.
    #[must_use]
    pub fn kind(&self) -> PayloadKind {
        match self.kind.as_str() {
            "request" => PayloadKind::Request,
            "response" => PayloadKind::Response,
            other => panic!("{}: unknown kind `{other}`", self.file),
        }
    }

    /// The fixture's bytes.
    #[must_use]
    pub fn bytes(&self) -> Vec<u8> {
        std::fs::read(self.dir.join(&self.file))
            .unwrap_or_else(|error| panic!("{}: {error}", self.file))
    }

    /// The fixture, parsed.
    #[must_use]
    pub fn value(&self) -> Value {
        serde_json::from_slice(&self.bytes())
            .unwrap_or_else(|error| panic!("{}: {error}", self.file))
    }

    /// cc-validate's findings on the fixture; a panic inside the validator
    /// names the file.
    #[must_use]
    pub fn check(&self) -> Vec<Diagnostic> {
        let (endpoint, kind, bytes) = (self.endpoint(), self.kind(), self.bytes());
        std::panic::catch_unwind(|| cc_validate::check(endpoint, kind, &bytes))
            .unwrap_or_else(|_| panic!("{}: the validator panicked", self.file))
            .unwrap_or_else(|error| panic!("{}: {error}", self.file))
    }
}

/// The directory of the corpus `name` (`upstream`, `upstream-service`).
#[must_use]
pub fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// The entries of the corpus `name`'s `index.json`.
#[must_use]
pub fn index(name: &str) -> Vec<IndexEntry> {
    let dir = dir(name);
    let path = dir.join("index.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let mut entries: Vec<IndexEntry> =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    for entry in &mut entries {
        entry.dir.clone_from(&dir);
    }
    entries
}

/// `(severity, rule, pointer)` of each finding, as the corpus notes record them.
#[must_use]
pub fn findings(found: &[Diagnostic]) -> Vec<(&str, &str, &str)> {
    found
        .iter()
        .map(|finding| {
            (
                finding.severity.name(),
                finding.rule.id(),
                finding.pointer.as_str(),
            )
        })
        .collect()
}
