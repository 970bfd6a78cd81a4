//! The server matches keys case-insensitively (`Proc_Num` lands in `proc_num`).
//! Before the schema and the rules run, keys that match a known field only when
//! case is ignored are renamed to the field's spelling, so their values are
//! checked as the server reads them; findings are then mapped back to the keys
//! as written.
//!
//! Go's decoder matches every key of an object this way, in order, so when an
//! object holds the field under two spellings (`proc_num` and `Proc_Num`) both
//! land in the field and the last one wins: that is a repeated key
//! (`duplicate-key`), and the last value is the one checked.

use crate::schema::case_names::PropertyNames;
use crate::schema::nav::{child, expand};
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::keys::folds_equal;
use crate::vocab::pointer::escape_token;
use crate::vocab::rule::Rule;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// One key renamed to its field's spelling.
#[derive(Debug, Clone)]
pub(crate) struct Rename {
    /// Pointer to the member after renaming (in the renamed value).
    renamed: String,
    /// The key as written.
    original: String,
    /// The field's spelling.
    canonical: String,
    /// Whether the key names the member: false for a spelling overridden by a
    /// later one, which is then reported as repeated, not mapped back to.
    kept: bool,
    /// The earlier spelling of the same field in the object, if any.
    repeats: Option<String>,
}

/// The value with case-mismatched keys renamed, and the renames; `None` when
/// no key needs it. `names` tells the keys that may need it: the walk goes
/// only where one is, so that a payload with one such key costs a copy, not a
/// walk of the schema alongside every value.
pub(crate) fn normalise(
    schema: &Value,
    names: &PropertyNames,
    value: &Value,
) -> Option<(Value, Vec<Rename>)> {
    if !names.may_rename(value) {
        return None;
    }
    let mut copy = value.clone();
    let mut renames = Vec::new();
    let root = expand(schema, schema);
    let mut walk = Walk {
        schema,
        names,
        pointer: String::new(),
        renames: &mut renames,
    };
    walk.value(&mut copy, &root);
    (!renames.is_empty()).then_some((copy, renames))
}

/// The walk of [`normalise`] over the copy it renames in place.
struct Walk<'s, 'r> {
    schema: &'s Value,
    names: &'r PropertyNames,
    /// The pointer of the value being walked, in the renamed value (a buffer
    /// extended and truncated on the way down, so that a pointer string is
    /// only allocated for a rename).
    pointer: String,
    renames: &'r mut Vec<Rename>,
}

impl<'s> Walk<'s, '_> {
    /// Renames the keys of `value`, described by the schema `nodes`, and
    /// below it.
    fn value(&mut self, value: &mut Value, nodes: &[&'s Value]) {
        match value {
            Value::Object(members) => {
                if members.keys().any(|key| self.names.may_rename_key(key)) {
                    self.rename_members(members, nodes);
                } else {
                    for (key, item) in members.iter_mut() {
                        self.member(key, item, nodes);
                    }
                }
            }
            Value::Array(items) => {
                let mut next = None;
                for (index, item) in items.iter_mut().enumerate() {
                    if !self.names.may_rename(item) {
                        continue;
                    }
                    let next = next.get_or_insert_with(|| child(self.schema, nodes, "", true));
                    let length = self.pointer.len();
                    self.pointer.push('/');
                    self.pointer.push_str(&index.to_string());
                    self.value(item, next);
                    self.pointer.truncate(length);
                }
            }
            _ => {}
        }
    }

    /// Walks the member `key` (already the field's spelling) of an object
    /// described by `nodes`, if a key below it may need renaming.
    fn member(&mut self, key: &str, item: &mut Value, nodes: &[&'s Value]) {
        if !self.names.may_rename(item) {
            return;
        }
        let next = child(self.schema, nodes, key, false);
        let length = self.pointer.len();
        self.pointer.push('/');
        self.pointer.push_str(&escape_token(key));
        self.value(item, &next);
        self.pointer.truncate(length);
    }

    /// Rebuilds an object with a key that may need renaming: each key that
    /// matches a field only when case is ignored takes the field's spelling.
    fn rename_members(&mut self, members: &mut Map<String, Value>, nodes: &[&'s Value]) {
        let known: Vec<&'s str> = nodes
            .iter()
            .filter_map(|node| node.get("properties").and_then(Value::as_object))
            .flat_map(|properties| properties.keys().map(String::as_str))
            .collect();
        // Each field filled so far: the key as written that fills it, and the
        // rename that says so, if any.
        let mut written: HashMap<String, (String, Option<usize>)> = HashMap::new();
        let exact = exact_keys(&self.pointer);
        for (key, item) in std::mem::take(members) {
            let target = if known.contains(&key.as_str()) || exact.is_some_and(|only| only(&key)) {
                key.clone()
            } else {
                known
                    .iter()
                    .find(|field| folds_equal(field, &key))
                    .map_or_else(|| key.clone(), |field| (*field).to_owned())
            };
            let earlier = written.get(&target).cloned();
            let mut rename = None;
            if earlier.is_some() || target != key {
                // The earlier spelling no longer names the member.
                if let Some((_, Some(index))) = earlier
                    && let Some(superseded) = self.renames.get_mut(index)
                {
                    superseded.kept = false;
                }
                rename = Some(self.renames.len());
                self.renames.push(Rename {
                    renamed: format!("{}/{}", self.pointer, escape_token(&target)),
                    original: key.clone(),
                    canonical: target.clone(),
                    kept: true,
                    repeats: earlier.map(|(spelling, _)| spelling),
                });
            }
            let mut item = item;
            self.member(&target, &mut item, nodes);
            written.insert(target.clone(), (key, rename));
            // A repeated field keeps its first place, with the last value.
            members.insert(target, item);
        }
    }
}

/// Where the server keeps the body as a map and matches keys exactly
/// (semantics section 11): the keys of an object at `pointer` that are not
/// renamed. `process_info` of `create_process_instance` and its bind rows,
/// `process_property` of `update_proc_template`
/// (`core process_template.go:184-193`, `instance_validate.go:244-248`), and
/// `bk_process_id` of an `update_process_instance` entry
/// (`proc processinstance.go:322-328`).
fn exact_keys(pointer: &str) -> Option<fn(&str) -> bool> {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let index = |token: &str| token.parse::<usize>().is_ok();
    match tokens.as_slice() {
        ["process_property"] => Some(|_| true),
        ["processes", n, "process_info"] if index(n) => Some(|_| true),
        ["processes", n, "process_info", "bind_info", m] if index(n) && index(m) => Some(|_| true),
        ["processes", n] if index(n) => Some(|key| folds_equal(key, "bk_process_id")),
        _ => None,
    }
}

/// Maps pointers into the renamed value back to the value as written.
struct Restorer<'r> {
    /// The renames that name their member, by pointer into the renamed value.
    kept: HashMap<&'r str, &'r Rename>,
}

impl<'r> Restorer<'r> {
    fn new(renames: &'r [Rename]) -> Self {
        let kept = renames
            .iter()
            .filter(|rename| rename.kept)
            .map(|rename| (rename.renamed.as_str(), rename))
            .collect();
        Self { kept }
    }

    /// A pointer into the renamed value, as a pointer into the value as
    /// written: each of its prefixes that is a renamed member gets the key
    /// as written in place of the field's spelling.
    fn map_back(&self, pointer: &str) -> String {
        let mut out = String::with_capacity(pointer.len());
        let starts: Vec<usize> = pointer.match_indices('/').map(|(index, _)| index).collect();
        for (position, start) in starts.iter().enumerate() {
            let end = starts.get(position + 1).copied().unwrap_or(pointer.len());
            out.push('/');
            match self.kept.get(&pointer[..end]) {
                Some(rename) => out.push_str(&escape_token(&rename.original)),
                None => out.push_str(&pointer[start + 1..end]),
            }
        }
        out
    }
}

/// Maps every finding back to the keys as written, and adds a `key-case`
/// finding for each renamed key.
pub(crate) fn restore(diagnostics: &mut Vec<Diagnostic>, renames: &[Rename]) {
    let restorer = Restorer::new(renames);
    for diagnostic in diagnostics.iter_mut() {
        diagnostic.pointer = restorer.map_back(&diagnostic.pointer);
        for related in &mut diagnostic.related {
            related.pointer = restorer.map_back(&related.pointer);
        }
    }
    for rename in renames {
        let (original, canonical) = (&rename.original, &rename.canonical);
        // The member as written: its parent mapped back, then its own key.
        let parent_len = rename.renamed.len() - escape_token(canonical).len() - 1;
        let parent = restorer.map_back(&rename.renamed[..parent_len]);
        let pointer = format!("{parent}/{}", escape_token(original));
        if original != canonical {
            diagnostics.push(
                Diagnostic::new(
                    Rule::KeyCase,
                    pointer.clone(),
                    format!(
                        "`{original}` matches the field `{canonical}` only when case is ignored"
                    ),
                )
                .at_key()
                .with_help(format!(
                    "the server reads it as `{canonical}`, other tools may not: write `{canonical}`"
                ))
                .with_fix_hint(canonical.as_str()),
            );
        }
        if let Some(earlier) = &rename.repeats {
            diagnostics.push(
                Diagnostic::new(
                    Rule::DuplicateKey,
                    pointer,
                    format!(
                        "`{original}` repeats `{earlier}` in this object (the server matches keys \
                         ignoring case); the server keeps only the last one"
                    ),
                )
                .at_key()
                .with_related(
                    format!("{parent}/{}", escape_token(earlier)),
                    "first occurrence",
                )
                .with_help(format!("keep one of them, spelt `{canonical}`")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Endpoint, PayloadKind, Validator};
    use serde_json::json;

    #[test]
    fn renames_nested_keys_and_maps_pointers_back() {
        let schema = json!({
            "type": "object",
            "properties": {"processes": {"type": "array", "items": {"$ref": "#/$defs/P"}}},
            "$defs": {"P": {"type": "object", "properties": {"proc_num": {"type": "integer"}}}}
        });
        let value = json!({"Processes": [{"Proc_Num": 0, "other": 1}]});
        let (normalised, renames) =
            normalise(&schema, &PropertyNames::any_key(), &value).expect("renamed");
        assert_eq!(
            normalised,
            json!({"processes": [{"proc_num": 0, "other": 1}]})
        );
        let restorer = Restorer::new(&renames);
        assert_eq!(
            restorer.map_back("/processes/0/proc_num"),
            "/Processes/0/Proc_Num"
        );
        assert_eq!(
            restorer.map_back("/processes/0/other"),
            "/Processes/0/other"
        );
        assert_eq!(restorer.map_back("/processes"), "/Processes");
        assert_eq!(restorer.map_back(""), "");
    }

    #[test]
    fn two_spellings_of_a_field_are_one_repeated_key_and_the_last_wins() {
        let schema = json!({"type": "object", "properties": {"proc_num": {"type": "integer"}}});
        assert!(normalise(&schema, &PropertyNames::any_key(), &json!({"proc_num": 1})).is_none());
        // The variant comes last: it wins, and findings at the field map to it.
        let (normalised, renames) = normalise(
            &schema,
            &PropertyNames::any_key(),
            &json!({"proc_num": 1, "Proc_Num": "x"}),
        )
        .expect("renamed");
        assert_eq!(normalised, json!({"proc_num": "x"}));
        assert_eq!(Restorer::new(&renames).map_back("/proc_num"), "/Proc_Num");
        let mut findings = Vec::new();
        restore(&mut findings, &renames);
        let rules: Vec<(Rule, &str)> = findings
            .iter()
            .map(|finding| (finding.rule, finding.pointer.as_str()))
            .collect();
        assert_eq!(
            rules,
            [
                (Rule::KeyCase, "/Proc_Num"),
                (Rule::DuplicateKey, "/Proc_Num")
            ]
        );
        assert_eq!(findings[1].related[0].pointer, "/proc_num");
        // The field itself comes last: it wins, and findings stay on it.
        let (normalised, renames) = normalise(
            &schema,
            &PropertyNames::any_key(),
            &json!({"PROC_NUM": "x", "proc_num": 2}),
        )
        .expect("renamed");
        assert_eq!(normalised, json!({"proc_num": 2}));
        assert_eq!(Restorer::new(&renames).map_back("/proc_num"), "/proc_num");
    }

    #[test]
    fn keys_fold_as_go_folds_them() {
        let schema = json!({"type": "object", "properties": {"bk_task": {"type": "integer"}}});
        let (normalised, _) = normalise(
            &schema,
            &PropertyNames::any_key(),
            &json!({"bk_ta\u{17f}\u{212a}": 1}),
        )
        .expect("renamed");
        assert_eq!(normalised, json!({"bk_task": 1}));
    }

    /// Every object key of `value`: the pointer of its object and the key.
    fn keys(value: &Value, pointer: &str, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(members) => {
                for (key, item) in members {
                    out.push((pointer.to_owned(), key.clone()));
                    keys(item, &format!("{pointer}/{}", escape_token(key)), out);
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    keys(item, &format!("{pointer}/{index}"), out);
                }
            }
            _ => {}
        }
    }

    /// The payload with the key `key` of the object at `pointer` respelt
    /// (`also_kept`: the original spelling kept too, after it).
    fn respelt(value: &Value, pointer: &str, key: &str, also_kept: bool) -> Value {
        let mut value = value.clone();
        if let Some(Value::Object(members)) = value.pointer_mut(pointer) {
            let spelling = key.to_ascii_uppercase();
            let rebuilt = std::mem::take(members)
                .into_iter()
                .flat_map(|(name, item)| {
                    if name == key {
                        let mut pair = vec![(spelling.clone(), item.clone())];
                        if also_kept {
                            pair.push((name, item));
                        }
                        pair
                    } else {
                        vec![(name, item)]
                    }
                })
                .collect();
            *members = rebuilt;
        }
        value
    }

    #[test]
    fn skipping_where_no_key_may_be_renamed_renames_as_the_whole_walk_does() {
        let seeds = [
            (
                Endpoint::BatchCreateProcTemplate,
                PayloadKind::Request,
                include_str!(
                    "../../../../tests/fixtures/seed/batch_create_proc_template.request.json"
                ),
            ),
            (
                Endpoint::UpdateProcessInstance,
                PayloadKind::Request,
                include_str!(
                    "../../../../tests/fixtures/seed/update_process_instance.request.json"
                ),
            ),
        ];
        let mut variants = 0;
        let mut deepest = 0;
        for (endpoint, kind, text) in seeds {
            let validator = Validator::get(endpoint, kind).expect("schemas compile");
            let seed: Value = serde_json::from_str(text).expect("seed parses");
            let mut places = Vec::new();
            keys(&seed, "", &mut places);
            assert!(places.len() > 20, "{endpoint:?}: {} keys", places.len());
            for (pointer, key) in &places {
                for also_kept in [false, true] {
                    let payload = respelt(&seed, pointer, key, also_kept);
                    let fast = validator.normalise(&payload);
                    let whole = normalise(validator.schema(), &PropertyNames::any_key(), &payload);
                    let summary = |result: &Option<(Value, Vec<Rename>)>| {
                        result.as_ref().map(|(value, renames)| {
                            let renames: Vec<_> = renames
                                .iter()
                                .map(|rename| {
                                    (
                                        rename.renamed.clone(),
                                        rename.original.clone(),
                                        rename.kept,
                                        rename.repeats.clone(),
                                    )
                                })
                                .collect();
                            (value.clone(), renames)
                        })
                    };
                    assert_eq!(summary(&fast), summary(&whole), "{pointer} {key}");
                    variants += usize::from(fast.is_some());
                    for rename in fast.iter().flat_map(|(_, renames)| renames) {
                        deepest = deepest.max(rename.renamed.matches('/').count());
                    }
                }
            }
        }
        assert!(variants > 20, "only {variants} variants were renamed");
        // Keys of bind rows inside a template's wrapped field:
        // /processes/0/property/bind_info/value/0/ip.
        assert!(deepest >= 7, "the deepest rename is {deepest} tokens deep");
    }
}
