//! The validator of one endpoint's request or response. Whether a payload is
//! valid is answered by code generated from the committed schema at build time
//! (see [`crate::schema::generated`]); what is wrong with an invalid one, by the
//! runtime validator, compiled from the same schema once per process on the
//! first invalid payload and shared by every thread.

use crate::Anchor;
use crate::payload::context::{CheckOptions, Context};
use crate::rules::fix::FixSource;
use crate::schema::case_names::PropertyNames;
use crate::schema::embedded::schema_text;
use crate::schema::errors;
use crate::schema::generated;
use crate::schema::normalise;
use crate::source::document::{Document, Traits};
use crate::source::span::SourceMap;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::error::Error;
use crate::vocab::rule::Rule;
use cc_model::attributes::OVERWRITTEN_ON_CREATE;
use cc_model::{Endpoint, PayloadKind};
use serde_json::Value;
use std::sync::OnceLock;

/// The schema of one endpoint and payload kind, and the rules.
pub struct Validator {
    endpoint: Endpoint,
    kind: PayloadKind,
    schema: &'static Value,
    /// The runtime validator, for the findings of invalid payloads: compiled
    /// on first use.
    compiled: OnceLock<Result<jsonschema::Validator, String>>,
    names: PropertyNames,
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
/// are never set up.
static VALIDATORS: [Slot; Endpoint::ALL.len() * 2] =
    [const { OnceLock::new() }; Endpoint::ALL.len() * 2];

/// The parsed schemas, apart from the compiled validators: parsing is cheap,
/// compiling is not, and content detection reads schemas it may not compile.
static SCHEMAS: [OnceLock<Result<Value, String>>; Endpoint::ALL.len() * 2] =
    [const { OnceLock::new() }; Endpoint::ALL.len() * 2];

/// The embedded schema of `endpoint`'s `kind` payloads, parsed on first use.
pub(crate) fn schema_value(
    endpoint: Endpoint,
    kind: PayloadKind,
) -> Result<&'static Value, &'static str> {
    SCHEMAS[slot_index(endpoint, kind)]
        .get_or_init(|| {
            serde_json::from_str(schema_text(endpoint, kind)).map_err(|error| error.to_string())
        })
        .as_ref()
        .map_err(String::as_str)
}

fn slot_index(endpoint: Endpoint, kind: PayloadKind) -> usize {
    let endpoint_index = Endpoint::ALL
        .iter()
        .position(|candidate| *candidate == endpoint)
        .unwrap_or(0);
    endpoint_index * 2 + usize::from(kind == PayloadKind::Response)
}

impl Validator {
    /// The shared validator of `endpoint`'s `kind` payloads, set up on first use.
    pub fn get(endpoint: Endpoint, kind: PayloadKind) -> Result<&'static Self, Error> {
        VALIDATORS[slot_index(endpoint, kind)]
            .get_or_init(|| Self::new(endpoint, kind))
            .as_ref()
            .map_err(|message| Error::BrokenSchema {
                endpoint,
                kind,
                message: message.clone(),
            })
    }

    /// Builds a validator from the embedded schema (what [`Validator::get`] caches).
    fn new(endpoint: Endpoint, kind: PayloadKind) -> Result<Self, String> {
        let schema = schema_value(endpoint, kind).map_err(str::to_owned)?;
        Ok(Self {
            endpoint,
            kind,
            schema,
            compiled: OnceLock::new(),
            names: PropertyNames::of(schema),
        })
    }

    /// The runtime validator of the schema, compiled on first use.
    fn compiled(&self) -> Result<&jsonschema::Validator, &str> {
        self.compiled
            .get_or_init(|| {
                jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .build(self.schema)
                    .map_err(|error| error.to_string())
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// The runtime validator's verdict, which the generated fast path must
    /// agree with (for the tests and the fuzz target); `None` if the schema
    /// does not compile.
    #[doc(hidden)]
    #[must_use]
    pub fn runtime_is_valid(&self, value: &Value) -> Option<bool> {
        self.compiled()
            .ok()
            .map(|compiled| compiled.is_valid(value))
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

    /// The JSON Schema this validator checks against, parsed once per process.
    #[must_use]
    pub const fn schema(&self) -> &'static Value {
        self.schema
    }

    /// Fast path: whether the value is valid against the schema (the semantic
    /// rules are not run), by the validator generated at build time.
    #[must_use]
    pub fn is_valid(&self, value: &Value) -> bool {
        generated::is_valid(self.endpoint, self.kind, value)
    }

    /// The value with its keys as the server matches them, and the renames;
    /// `None` when no key needs it (see [`normalise::normalise`]).
    pub(crate) fn normalise(&self, value: &Value) -> Option<(Value, Vec<normalise::Rename>)> {
        normalise::normalise(self.schema, &self.names, value)
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
        self.check(value, Traits::UNKNOWN, options)
    }

    /// Every finding for a value whose `traits` are known (or
    /// [`Traits::UNKNOWN`]), without source locations.
    fn check(&self, value: &Value, traits: Traits, options: CheckOptions<'_>) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        // Keys the server matches only case-insensitively are checked under the
        // field's spelling; a valid payload has no unknown key, so no such key.
        let valid = self.is_valid(value);
        let normalised = if valid { None } else { self.normalise(value) };
        let (value, renames) = match &normalised {
            Some((keyed, renames)) => (keyed, renames.as_slice()),
            None => (value, &[][..]),
        };
        if !valid {
            match self.compiled() {
                Ok(compiled) => {
                    for error in compiled.iter_errors(value) {
                        errors::push(&error, self.schema, &mut diagnostics);
                    }
                }
                Err(message) => diagnostics.push(Diagnostic::new(
                    Rule::Schema,
                    "",
                    format!("internal error: the schema did not compile, so the payload was not checked against it: {message}"),
                )),
            }
        }
        errors::drop_repeats(&mut diagnostics);
        let context = Context::new(
            self.endpoint,
            self.kind,
            value,
            self.schema,
            options,
            traits,
        );
        crate::rules::check_all(&context, &mut diagnostics);
        drop_checks_of_dropped_edits(&context, &mut diagnostics);
        drop_checks_of_empty_batches(&context, &mut diagnostics);
        drop_checks_of_overwritten_fields(&context, &mut diagnostics);
        super::fractions::read_as_zero(&context, &mut diagnostics);
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
        diagnostics.extend(self.check(&document.value, document.traits, options));
        if diagnostics.is_empty() {
            return diagnostics;
        }
        let Ok(text) = std::str::from_utf8(source) else {
            return diagnostics;
        };
        let map = SourceMap::of_parsed(text);
        locate_with(&map, &mut diagnostics);
        crate::rules::fixes::attach(
            &mut diagnostics,
            &FixSource {
                map: &map,
                endpoint: self.endpoint,
                value: &document.value,
            },
        );
        diagnostics
    }
}

/// With `--template`, the server drops a locked field's edit before any check
/// (`process.go:1743-1747`), so the schema's findings on it (an out-of-range
/// value) do not happen; `locked-field-edit` reports the edit instead.
fn drop_checks_of_dropped_edits(context: &Context<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let dropped: Vec<String> = context
        .previews
        .iter()
        .flat_map(|entry| {
            entry
                .preview
                .dropped
                .iter()
                .filter(|dropped| {
                    matches!(
                        dropped.reason,
                        cc_model::DropReason::Locked | cc_model::DropReason::NullOnLocked
                    )
                })
                .map(|dropped| format!("{}{}", entry.pointer, dropped.pointer))
        })
        .collect();
    if dropped.is_empty() {
        return;
    }
    diagnostics.retain(|diagnostic| {
        diagnostic.rule != Rule::Schema
            || !dropped.iter().any(|at| {
                diagnostic.pointer == *at
                    || diagnostic
                        .pointer
                        .strip_prefix(at.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            })
    });
}

/// `batch_create_proc_template` and `update_process_instance` answer `[]` for
/// an empty or missing `processes` before any other check
/// (`proc processtemplate.go:38-42`, `proc processinstance.go:274-277`): the
/// schema's findings on the rest of the request (missing ids) do not happen.
fn drop_checks_of_empty_batches(context: &Context<'_>, diagnostics: &mut Vec<Diagnostic>) {
    if !(context.is_request_of(Endpoint::BatchCreateProcTemplate)
        || context.is_request_of(Endpoint::UpdateProcessInstance))
    {
        return;
    }
    let Some(object) = context.value.as_object() else {
        return;
    };
    let empty = match object.get("processes") {
        None => true,
        Some(Value::Array(items)) => items.is_empty(),
        Some(_) => false,
    };
    if empty {
        diagnostics.retain(|diagnostic| {
            !(diagnostic.rule == Rule::Schema
                && diagnostic.pointer.is_empty()
                && diagnostic
                    .schema_path
                    .as_deref()
                    .is_some_and(|path| path.ends_with("/required")))
        });
    }
}

/// A new process's bookkeeping fields are set by the server whatever they hold
/// (`processinstance.go:122-133`, [`OVERWRITTEN_ON_CREATE`]): on the creating
/// endpoints, the value checks' findings on them (a type, an integer literal,
/// whitespace) do not happen.
fn drop_checks_of_overwritten_fields(context: &Context<'_>, diagnostics: &mut Vec<Diagnostic>) {
    if !(context.is_request_of(Endpoint::CreateProcessInstance)
        || context.is_request_of(Endpoint::CreateServiceInstance))
    {
        return;
    }
    diagnostics.retain(|diagnostic| {
        !(matches!(
            diagnostic.rule,
            Rule::Schema | Rule::IntegerLiteral | Rule::SurroundingWhitespace
        ) && overwritten_on_create(&diagnostic.pointer))
    });
}

/// Whether `pointer` is at or under a bookkeeping field of a `process_info`
/// (`/processes/0/process_info/bk_biz_id`, `/instances/0/processes/1/process_info/create_time/x`).
fn overwritten_on_create(pointer: &str) -> bool {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    tokens
        .iter()
        .position(|token| *token == "process_info")
        .and_then(|at| tokens.get(at + 1))
        .is_some_and(|field| OVERWRITTEN_ON_CREATE.contains(field))
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
    locate_with(&SourceMap::new(text), diagnostics);
}

/// [`locate`], with the source map of the text.
fn locate_with(map: &SourceMap<'_>, diagnostics: &mut [Diagnostic]) {
    // Offsets first, then locations in ascending order: line and column of
    // many findings on one long line then cost one pass over it.
    let mut places: Vec<(usize, usize, Option<usize>)> = Vec::new();
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        if diagnostic.location.is_none()
            && let Some(offset) = map.offset(&diagnostic.pointer, diagnostic.anchor, false)
        {
            places.push((offset, index, None));
        }
        for (slot, related) in diagnostic.related.iter().enumerate() {
            if related.location.is_some() {
                continue;
            }
            // A repeated key's related place is its first occurrence, which
            // shares the pointer of the finding itself.
            let offset = if diagnostic.rule == Rule::DuplicateKey {
                map.offset(&related.pointer, Anchor::Key, true)
            } else {
                map.offset(&related.pointer, Anchor::Value, false)
            };
            if let Some(offset) = offset {
                places.push((offset, index, Some(slot)));
            }
        }
    }
    places.sort_unstable();
    for (offset, index, slot) in places {
        let location = Some(map.location(offset));
        let Some(diagnostic) = diagnostics.get_mut(index) else {
            continue;
        };
        match slot {
            None => diagnostic.location = location,
            Some(slot) => {
                if let Some(related) = diagnostic.related.get_mut(slot) {
                    related.location = location;
                }
            }
        }
    }
    diagnostics.sort_by_key(|diagnostic| diagnostic.location.map(|location| location.offset));
}
