//! The validator of one endpoint's request or response: the committed schema,
//! compiled once per process and shared by every thread.

use crate::Anchor;
use crate::context::{CheckOptions, Context};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::embedded::schema_text;
use crate::error::Error;
use crate::normalise;
use crate::rules::Rule;
use crate::schema_errors;
use crate::span::SourceMap;
use cc_model::{Endpoint, PayloadKind};
use serde_json::Value;
use std::sync::OnceLock;

/// A compiled schema for one endpoint and payload kind.
pub struct Validator {
    endpoint: Endpoint,
    kind: PayloadKind,
    schema: Value,
    compiled: jsonschema::Validator,
}

impl std::fmt::Debug for Validator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Validator")
            .field("endpoint", &self.endpoint)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

type Slot = OnceLock<Result<Validator, String>>;

/// One lazily built validator per endpoint and kind: endpoints a run never sees
/// are never compiled.
static VALIDATORS: [Slot; Endpoint::ALL.len() * 2] =
    [const { OnceLock::new() }; Endpoint::ALL.len() * 2];

fn slot_index(endpoint: Endpoint, kind: PayloadKind) -> usize {
    let endpoint_index = Endpoint::ALL
        .iter()
        .position(|candidate| *candidate == endpoint)
        .unwrap_or(0);
    endpoint_index * 2 + usize::from(kind == PayloadKind::Response)
}

impl Validator {
    /// The shared validator of `endpoint`'s `kind` payloads, compiled on first use.
    pub fn get(endpoint: Endpoint, kind: PayloadKind) -> Result<&'static Self, Error> {
        VALIDATORS[slot_index(endpoint, kind)]
            .get_or_init(|| Self::compile(endpoint, kind))
            .as_ref()
            .map_err(|message| Error::BrokenSchema {
                endpoint,
                kind,
                message: message.clone(),
            })
    }

    /// Builds a validator from the embedded schema (what [`Validator::get`] caches).
    fn compile(endpoint: Endpoint, kind: PayloadKind) -> Result<Self, String> {
        let schema: Value =
            serde_json::from_str(schema_text(endpoint, kind)).map_err(|error| error.to_string())?;
        let compiled = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&schema)
            .map_err(|error| error.to_string())?;
        Ok(Self {
            endpoint,
            kind,
            schema,
            compiled,
        })
    }

    /// The endpoint this validator checks.
    #[must_use]
    pub const fn endpoint(&self) -> Endpoint {
        self.endpoint
    }

    /// Request or response.
    #[must_use]
    pub const fn kind(&self) -> PayloadKind {
        self.kind
    }

    /// The JSON Schema this validator checks against.
    #[must_use]
    pub const fn schema(&self) -> &Value {
        &self.schema
    }

    /// Fast path: true when the value has no finding at all.
    #[must_use]
    pub fn is_valid(&self, value: &Value) -> bool {
        self.compiled.is_valid(value)
    }

    /// Every finding for a parsed value, without source locations.
    #[must_use]
    pub fn check_value(&self, value: &Value) -> Vec<Diagnostic> {
        self.check_value_with(value, CheckOptions::default())
    }

    /// Every finding for a parsed value, checked with `options` (a template to
    /// check edits against), without source locations.
    #[must_use]
    pub fn check_value_with(&self, value: &Value, options: CheckOptions<'_>) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        // Keys the server matches only case-insensitively are checked under the
        // field's spelling; a valid payload has no unknown key, so no such key.
        let valid = self.compiled.is_valid(value);
        let normalised = if valid {
            None
        } else {
            normalise::normalise(&self.schema, value)
        };
        let (value, renames) = match &normalised {
            Some((keyed, renames)) => (keyed, renames.as_slice()),
            None => (value, &[][..]),
        };
        if !valid {
            for error in self.compiled.iter_errors(value) {
                schema_errors::push(&error, &self.schema, &mut diagnostics);
            }
        }
        schema_errors::drop_repeats(&mut diagnostics);
        let context = Context::new(self.endpoint, self.kind, value, &self.schema, options);
        crate::rules::check_all(&context, &mut diagnostics);
        if !renames.is_empty() {
            normalise::restore(&mut diagnostics, renames);
        }
        diagnostics
    }

    /// Every finding for a payload's bytes, with line and column. Invalid JSON
    /// gives one `json-syntax` finding.
    #[must_use]
    pub fn check_source(&self, source: &[u8]) -> Vec<Diagnostic> {
        let document = match Document::parse(source) {
            Ok(document) => document,
            Err(diagnostic) => return vec![*diagnostic],
        };
        self.check_document(&document, source)
    }

    /// Every finding for a parsed document (parse findings included), located in
    /// `source`, the text it was parsed from.
    #[must_use]
    pub fn check_document(&self, document: &Document, source: &[u8]) -> Vec<Diagnostic> {
        self.check_document_with(document, source, CheckOptions::default())
    }

    /// Like [`Validator::check_document`], with `options`.
    #[must_use]
    pub fn check_document_with(
        &self,
        document: &Document,
        source: &[u8],
        options: CheckOptions<'_>,
    ) -> Vec<Diagnostic> {
        let mut diagnostics = document.findings.clone();
        diagnostics.extend(self.check_value_with(&document.value, options));
        locate(source, &mut diagnostics);
        diagnostics
    }
}

/// Fills in line and column of every finding (and its related places) from the
/// source text. Only called when there are findings.
pub fn locate(source: &[u8], diagnostics: &mut [Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let Ok(text) = std::str::from_utf8(source) else {
        return;
    };
    let map = SourceMap::new(text);
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.location.is_none() {
            diagnostic.location = map.locate(&diagnostic.pointer, diagnostic.anchor);
        }
        for related in &mut diagnostic.related {
            if related.location.is_none() {
                // A repeated key's related place is its first occurrence, which
                // shares the pointer of the finding itself.
                related.location = if diagnostic.rule == Rule::DuplicateKey {
                    map.locate_first(&related.pointer, Anchor::Key)
                } else {
                    map.locate(&related.pointer, Anchor::Value)
                };
            }
        }
    }
    diagnostics.sort_by_key(|diagnostic| diagnostic.location.map(|location| location.offset));
}
