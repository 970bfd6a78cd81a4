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
    let normalised = walk(schema, value, &root, "", &mut renames);
    (!renames.is_empty()).then_some((normalised, renames))
}

fn walk(
    schema: &Value,
    value: &Value,
    nodes: &[&Value],
    pointer: &str,
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
            // The key as written that currently fills each field.
            let mut written: Vec<(String, String)> = Vec::new();
            for (key, item) in members {
                let target = if known.contains(&key.as_str()) {
                    key.clone()
                } else {
                    let folded = fold_key(key);
                    known
                        .iter()
                        .find(|field| fold_key(field) == folded)
                        .map_or_else(|| key.clone(), |field| (*field).to_owned())
                };
                let member = format!("{pointer}/{}", escape_token(&target));
                let earlier = written
                    .iter()
                    .position(|(field, _)| *field == target)
                    .map(|index| written.remove(index).1);
                if earlier.is_some() || target != *key {
                    // The earlier spelling no longer names the member.
                    for rename in renames.iter_mut().filter(|rename| rename.renamed == member) {
                        rename.kept = false;
                    }
                    renames.push(Rename {
                        renamed: member,
                        original: key.clone(),
                        canonical: target.clone(),
                        kept: true,
                        repeats: earlier,
                    });
                }
                written.push((target.clone(), key.clone()));
                let next = child(schema, nodes, &target, false);
                let item = walk(
                    schema,
                    item,
                    &next,
                    &format!("{pointer}/{}", escape_token(&target)),
                    renames,
                );
                out.insert(target, item);
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
                        walk(schema, item, &next, &format!("{pointer}/{index}"), renames)
                    })
                    .collect(),
            )
        }
        other => other.clone(),
    }
}

/// A pointer into the renamed value, as a pointer into the value as written.
fn map_back(pointer: &str, renames: &[Rename]) -> String {
    let mut pointer = pointer.to_owned();
    // Deepest first: a renamed key inside a renamed object maps before its parent.
    let mut ordered: Vec<&Rename> = renames.iter().filter(|rename| rename.kept).collect();
    ordered.sort_by_key(|rename| std::cmp::Reverse(rename.renamed.len()));
    for rename in ordered {
        let matches = pointer == rename.renamed
            || pointer
                .strip_prefix(&rename.renamed)
                .is_some_and(|rest| rest.starts_with('/'));
        if matches {
            let parent_len = rename.renamed.len() - escape_token(&rename.canonical).len();
            pointer = format!(
                "{}{}{}",
                &rename.renamed[..parent_len],
                escape_token(&rename.original),
                &pointer[rename.renamed.len()..]
            );
        }
    }
    pointer
}

/// Maps every finding back to the keys as written, and adds a `key-case`
/// finding for each renamed key.
pub(crate) fn restore(diagnostics: &mut Vec<Diagnostic>, renames: &[Rename]) {
    for diagnostic in diagnostics.iter_mut() {
        diagnostic.pointer = map_back(&diagnostic.pointer, renames);
        for related in &mut diagnostic.related {
            related.pointer = map_back(&related.pointer, renames);
        }
    }
    for rename in renames {
        let (original, canonical) = (&rename.original, &rename.canonical);
        // The member as written: its parent mapped back, then its own key.
        let parent_len = rename.renamed.len() - escape_token(canonical).len() - 1;
        let parent = map_back(&rename.renamed[..parent_len], renames);
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
        assert_eq!(
            map_back("/processes/0/proc_num", &renames),
            "/Processes/0/Proc_Num"
        );
        assert_eq!(
            map_back("/processes/0/other", &renames),
            "/Processes/0/other"
        );
        assert_eq!(map_back("/processes", &renames), "/Processes");
    }

    #[test]
    fn two_spellings_of_a_field_are_one_repeated_key_and_the_last_wins() {
        let schema = json!({"type": "object", "properties": {"proc_num": {"type": "integer"}}});
        assert!(normalise(&schema, &json!({"proc_num": 1})).is_none());
        // The variant comes last: it wins, and findings at the field map to it.
        let (normalised, renames) =
            normalise(&schema, &json!({"proc_num": 1, "Proc_Num": "x"})).expect("renamed");
        assert_eq!(normalised, json!({"proc_num": "x"}));
        assert_eq!(map_back("/proc_num", &renames), "/Proc_Num");
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
        assert_eq!(map_back("/proc_num", &renames), "/proc_num");
    }

    #[test]
    fn keys_fold_as_go_folds_them() {
        let schema = json!({"type": "object", "properties": {"bk_task": {"type": "integer"}}});
        let (normalised, _) =
            normalise(&schema, &json!({"bk_ta\u{17f}\u{212a}": 1})).expect("renamed");
        assert_eq!(normalised, json!({"bk_task": 1}));
    }
}
