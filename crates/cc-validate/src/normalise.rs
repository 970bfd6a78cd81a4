//! The server matches keys case-insensitively (`Proc_Num` lands in `proc_num`).
//! Before the schema and the rules run, keys that match a known field only when
//! case is ignored are renamed to the field's spelling, so their values are
//! checked as the server reads them; findings are then mapped back to the keys
//! as written.

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
            for (key, item) in members {
                let target = if known.contains(&key.as_str()) {
                    key.clone()
                } else {
                    match known.iter().find(|field| {
                        field.eq_ignore_ascii_case(key) && !members.contains_key(**field)
                    }) {
                        Some(field) => {
                            renames.push(Rename {
                                renamed: format!("{pointer}/{}", escape_token(field)),
                                original: key.clone(),
                                canonical: (*field).to_owned(),
                            });
                            (*field).to_owned()
                        }
                        None => key.clone(),
                    }
                };
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
    let mut ordered: Vec<&Rename> = renames.iter().collect();
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
        diagnostics.push(
            Diagnostic::new(
                Rule::KeyCase,
                map_back(&rename.renamed, renames),
                format!("`{original}` matches the field `{canonical}` only when case is ignored"),
            )
            .at_key()
            .with_help(format!(
                "the server reads it as `{canonical}`, other tools may not: write `{canonical}`"
            )),
        );
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
    fn keeps_a_case_variant_when_the_field_itself_is_present() {
        let schema = json!({"type": "object", "properties": {"proc_num": {"type": "integer"}}});
        assert!(normalise(&schema, &json!({"proc_num": 1, "Proc_Num": 2})).is_none());
        assert!(normalise(&schema, &json!({"proc_num": 1})).is_none());
    }
}
