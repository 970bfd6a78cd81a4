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

use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use crate::schema_nav::{child, expand};
use crate::span::escape_token;
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

/// `key` as Go's `EqualFold` compares it: ASCII case ignored, and the Kelvin
/// sign and the long s folded to `k` and `s` (the only non-ASCII characters
/// that fold to ASCII ones).
pub(crate) fn fold_key(key: &str) -> String {
    key.chars()
        .map(|ch| match ch {
            '\u{212a}' => 'k',
            '\u{17f}' => 's',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

/// The value with case-mismatched keys renamed, and the renames; `None` when
/// no key needs it.
pub(crate) fn normalise(schema: &Value, value: &Value) -> Option<(Value, Vec<Rename>)> {
    let mut renames = Vec::new();
    let root = expand(schema, schema);
    let normalised = walk(schema, value, &root, &mut String::new(), &mut renames);
    (!renames.is_empty()).then_some((normalised, renames))
}

/// The renamed copy of `value`; `pointer` is its pointer in the renamed value
/// (a buffer extended and truncated on the way down, so that a pointer string
/// is only allocated for a rename).
fn walk(
    schema: &Value,
    value: &Value,
    nodes: &[&Value],
    pointer: &mut String,
    renames: &mut Vec<Rename>,
) -> Value {
    match value {
        Value::Object(members) => {
            let known: Vec<&str> = nodes
                .iter()
                .filter_map(|node| node.get("properties").and_then(Value::as_object))
                .flat_map(|properties| properties.keys().map(String::as_str))
                .collect();
            let mut out = Map::new();
            // Each field filled so far: the key as written that fills it, and
            // the rename that says so, if any.
            let mut written: HashMap<&str, (&str, Option<usize>)> = HashMap::new();
            for (key, item) in members {
                let target: &str = if known.contains(&key.as_str()) {
                    key
                } else {
                    let folded = fold_key(key);
                    known
                        .iter()
                        .find(|field| fold_key(field) == folded)
                        .map_or(key.as_str(), |field| field)
                };
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(&escape_token(target));
                let earlier = written.get(target).copied();
                let mut rename = None;
                if earlier.is_some() || target != key {
                    // The earlier spelling no longer names the member.
                    if let Some((_, Some(index))) = earlier
                        && let Some(superseded) = renames.get_mut(index)
                    {
                        superseded.kept = false;
                    }
                    rename = Some(renames.len());
                    renames.push(Rename {
                        renamed: pointer.clone(),
                        original: key.clone(),
                        canonical: target.to_owned(),
                        kept: true,
                        repeats: earlier.map(|(spelling, _)| spelling.to_owned()),
                    });
                }
                written.insert(target, (key, rename));
                let next = child(schema, nodes, target, false);
                let item = walk(schema, item, &next, pointer, renames);
                pointer.truncate(length);
                // A repeated field keeps its first place, with the last value.
                out.insert(target.to_owned(), item);
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            let next = child(schema, nodes, "", true);
            Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| {
                        let length = pointer.len();
                        pointer.push('/');
                        pointer.push_str(&index.to_string());
                        let item = walk(schema, item, &next, pointer, renames);
                        pointer.truncate(length);
                        item
                    })
                    .collect(),
            )
        }
        other => other.clone(),
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
                )),
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
    use serde_json::json;

    #[test]
    fn renames_nested_keys_and_maps_pointers_back() {
        let schema = json!({
            "type": "object",
            "properties": {"processes": {"type": "array", "items": {"$ref": "#/$defs/P"}}},
            "$defs": {"P": {"type": "object", "properties": {"proc_num": {"type": "integer"}}}}
        });
        let value = json!({"Processes": [{"Proc_Num": 0, "other": 1}]});
        let (normalised, renames) = normalise(&schema, &value).expect("renamed");
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
        assert!(normalise(&schema, &json!({"proc_num": 1})).is_none());
        // The variant comes last: it wins, and findings at the field map to it.
        let (normalised, renames) =
            normalise(&schema, &json!({"proc_num": 1, "Proc_Num": "x"})).expect("renamed");
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
        let (normalised, renames) =
            normalise(&schema, &json!({"PROC_NUM": "x", "proc_num": 2})).expect("renamed");
        assert_eq!(normalised, json!({"proc_num": 2}));
        assert_eq!(Restorer::new(&renames).map_back("/proc_num"), "/proc_num");
    }

    #[test]
    fn keys_fold_as_go_folds_them() {
        let schema = json!({"type": "object", "properties": {"bk_task": {"type": "integer"}}});
        let (normalised, _) =
            normalise(&schema, &json!({"bk_ta\u{17f}\u{212a}": 1})).expect("renamed");
        assert_eq!(normalised, json!({"bk_task": 1}));
    }
}
