//! The validator of one endpoint's request or response. Whether a payload is
//! valid is answered by code generated from the committed schema at build time
//! (see [`crate::generated`]); what is wrong with an invalid one, by the
//! runtime validator, compiled from the same schema once per process on the
//! first invalid payload and shared by every thread.

use crate::Anchor;
use crate::context::{CheckOptions, Context};
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Traits};
use crate::embedded::schema_text;
use crate::error::Error;
use crate::generated;
use crate::normalise;
use crate::rules::Rule;
use crate::schema_errors;
use crate::span::SourceMap;
use cc_model::{Endpoint, PayloadKind};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
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

/// Every property name of a schema, for a cheap test of whether a payload has
/// a key that case normalisation could rename (see [`PropertyNames::may_rename`]).
#[derive(Default)]
struct PropertyNames {
    /// Names no other name of the schema equals when ASCII case is ignored: a
    /// key spelled exactly so is never renamed.
    unique: HashSet<&'static str>,
    /// Every name, ASCII-lowercased, with its spellings.
    folded: HashMap<String, Vec<&'static str>>,
    /// A name is not ASCII: the test gives up and always says yes.
    exotic: bool,
    /// Some name has an ASCII capital letter.
    capitals: bool,
}

impl PropertyNames {
    /// The names of every `properties` object anywhere in `schema`: a superset
    /// of the fields known at any place of a payload.
    fn of(schema: &'static Value) -> Self {
        fn collect(node: &'static Value, names: &mut PropertyNames) {
            match node {
                Value::Object(members) => {
                    if let Some(Value::Object(properties)) = members.get("properties") {
                        for name in properties.keys() {
                            names.exotic |= !name.is_ascii();
                            names.capitals |= name.bytes().any(|byte| byte.is_ascii_uppercase());
                            let spellings =
                                names.folded.entry(name.to_ascii_lowercase()).or_default();
                            if !spellings.contains(&name.as_str()) {
                                spellings.push(name);
                            }
                        }
                    }
                    members.values().for_each(|child| collect(child, names));
                }
                Value::Array(items) => items.iter().for_each(|child| collect(child, names)),
                _ => {}
            }
        }
        let mut names = Self::default();
        collect(schema, &mut names);
        names.unique = names
            .folded
            .values()
            .filter_map(|spellings| match spellings.as_slice() {
                [only] => Some(*only),
                _ => None,
            })
            .collect();
        names
    }

    /// False when no key of `value` can be renamed by [`normalise::normalise`]:
    /// a rename needs a key that differs from a known field but equals it when
    /// case is ignored. Payloads without such a key skip the normalised copy.
    fn may_rename(&self, value: &Value) -> bool {
        match value {
            Value::Object(members) => members
                .iter()
                .any(|(key, item)| self.may_rename_key(key) || self.may_rename(item)),
            Value::Array(items) => items.iter().any(|item| self.may_rename(item)),
            _ => false,
        }
    }

    fn may_rename_key(&self, key: &str) -> bool {
        if self.exotic || !key.is_ascii() {
            return true;
        }
        // With every name in lower case, a key without capitals folds to
        // itself: it is a name, or no name's variant. No hashing needed.
        if !self.capitals && !key.bytes().any(|byte| byte.is_ascii_uppercase()) {
            return false;
        }
        if self.unique.contains(key) {
            return false;
        }
        self.folded
            .get(&key.to_ascii_lowercase())
            .is_some_and(|spellings| spellings.iter().any(|spelling| *spelling != key))
    }
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

    /// The JSON Schema this validator checks against.
    #[must_use]
    pub const fn schema(&self) -> &Value {
        self.schema
    }

    /// Fast path: whether the value is valid against the schema (the semantic
    /// rules are not run), by the validator generated at build time.
    #[must_use]
    pub fn is_valid(&self, value: &Value) -> bool {
        generated::is_valid(self.endpoint, self.kind, value)
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
        let normalised = if valid || !self.names.may_rename(value) {
            None
        } else {
            normalise::normalise(self.schema, value)
        };
        let (value, renames) = match &normalised {
            Some((keyed, renames)) => (keyed, renames.as_slice()),
            None => (value, &[][..]),
        };
        if !valid {
            match self.compiled() {
                Ok(compiled) => {
                    for error in compiled.iter_errors(value) {
                        schema_errors::push(&error, self.schema, &mut diagnostics);
                    }
                }
                Err(message) => diagnostics.push(Diagnostic::new(
                    Rule::Schema,
                    "",
                    format!("internal error: the schema did not compile, so the payload was not checked against it: {message}"),
                )),
            }
        }
        schema_errors::drop_repeats(&mut diagnostics);
        let context = Context::new(
            self.endpoint,
            self.kind,
            value,
            self.schema,
            options,
            traits,
        );
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
        diagnostics.extend(self.check(&document.value, document.traits, options));
        locate_in(source, &mut diagnostics, SourceMap::of_parsed);
        diagnostics
    }
}

/// Fills in line and column of every finding (and its related places) from the
/// source text. Only called when there are findings.
pub fn locate(source: &[u8], diagnostics: &mut [Diagnostic]) {
    locate_in(source, diagnostics, SourceMap::new);
}

/// [`locate`], with the source map `map` builds.
fn locate_in<'s>(
    source: &'s [u8],
    diagnostics: &mut [Diagnostic],
    map: fn(&'s str) -> SourceMap<'s>,
) {
    if diagnostics.is_empty() {
        return;
    }
    let Ok(text) = std::str::from_utf8(source) else {
        return;
    };
    let map = map(text);
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn payloads_skip_normalising_only_when_no_key_can_be_renamed() {
        let payloads = [
            json!({"bk_biz_id": 1, "processes": [{"bk_process_id": 4, "proc_num": 1}]}),
            json!({"bk_biz_id": 1, "processes": [{"bk_process_id": 4, "Proc_Num": 1}]}),
            json!({"bk_biz_id": 1, "processes": [{"bk_process_id": 4, "bk_proces_name": 1}]}),
            json!({"BK_BIZ_ID": 1, "processes": []}),
            json!({"bk_biz_id": 1, "processes": [{"bind_info": [{"IP": "1.2.3.4", "port": 8}]}]}),
            json!({"bk_biz_id": 1, "processes": [{"spec": {"proc_num": {"Value": 1}}}]}),
            json!({"bk_biz_id": "x", "processes": [{"bk_process_id": 4, "pro\u{17f}": 1}]}),
            json!({"bk_biz_id": 1, "processes": [{"bk_process_id": 4, "proc_num": 1, "PROC_NUM": 2}]}),
        ];
        for endpoint in Endpoint::ALL {
            for kind in [PayloadKind::Request, PayloadKind::Response] {
                let validator = Validator::get(endpoint, kind).expect("schemas compile");
                for payload in &payloads {
                    // The test must never say no where normalising renames a key.
                    if normalise::normalise(validator.schema, payload).is_some() {
                        assert!(
                            validator.names.may_rename(payload),
                            "{endpoint:?} {kind:?}: {payload}"
                        );
                    }
                }
            }
        }
        let validator = Validator::get(Endpoint::UpdateProcessInstance, PayloadKind::Request)
            .expect("compiles");
        assert!(!validator.names.may_rename(&payloads[0]));
        assert!(validator.names.may_rename(&payloads[1]));
        assert!(
            !validator.names.may_rename(&payloads[2]),
            "a typo is not a case variant"
        );
        assert!(
            validator.names.may_rename(&payloads[6]),
            "non-ASCII keys are always normalised"
        );
    }
}
