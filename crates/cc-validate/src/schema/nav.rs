//! Walks a JSON Schema alongside an instance: which schema nodes apply at a
//! given place, following `$ref`, `anyOf`, `oneOf` and `allOf`.

use serde_json::Value;

/// How deep `$ref` chains are followed before giving up (guards against cycles).
const MAX_REF_DEPTH: usize = 32;

/// The concrete nodes a schema node stands for: itself, its `$ref` target and
/// its alternatives, recursively.
pub(crate) fn expand<'s>(root: &'s Value, node: &'s Value) -> Vec<&'s Value> {
    let mut out = Vec::new();
    expand_into(root, node, &mut out, 0);
    out
}

fn expand_into<'s>(root: &'s Value, node: &'s Value, out: &mut Vec<&'s Value>, depth: usize) {
    if depth > MAX_REF_DEPTH {
        return;
    }
    if let Some(target) = node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|reference| reference.strip_prefix('#'))
        .and_then(|pointer| root.pointer(pointer))
    {
        expand_into(root, target, out, depth + 1);
    }
    for keyword in ["anyOf", "oneOf", "allOf"] {
        if let Some(branches) = node.get(keyword).and_then(Value::as_array) {
            for branch in branches {
                expand_into(root, branch, out, depth + 1);
            }
        }
    }
    out.push(node);
}

/// The schema nodes that apply to the member `token` of an instance described by
/// `nodes`.
pub(crate) fn child<'s>(
    root: &'s Value,
    nodes: &[&'s Value],
    token: &str,
    is_index: bool,
) -> Vec<&'s Value> {
    let mut out = Vec::new();
    for node in nodes {
        let next = if is_index {
            node.get("items")
        } else {
            node.get("properties")
                .and_then(|properties| properties.get(token))
                .or_else(|| {
                    node.get("additionalProperties")
                        .filter(|extra| extra.is_object())
                })
        };
        if let Some(next) = next {
            expand_into(root, next, &mut out, 0);
        }
    }
    out
}

/// True when one of `nodes` declares the type `name`.
pub(crate) fn declares_type(nodes: &[&Value], name: &str) -> bool {
    nodes.iter().any(|node| match node.get("type") {
        Some(Value::String(ty)) => ty == name,
        Some(Value::Array(types)) => types.iter().any(|ty| ty == name),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn follows_refs_and_alternatives() {
        let schema = json!({
            "type": "object",
            "properties": {"a": {"anyOf": [{"$ref": "#/$defs/Int"}, {"type": "null"}]}},
            "$defs": {"Int": {"type": "integer"}}
        });
        let root = expand(&schema, &schema);
        let a = child(&schema, &root, "a", false);
        assert!(declares_type(&a, "integer"));
        assert!(declares_type(&a, "null"));
        assert!(!declares_type(&a, "string"));
    }

    #[test]
    fn ref_cycles_stop() {
        let schema = json!({"$ref": "#"});
        assert!(!expand(&schema, &schema).is_empty());
    }
}
