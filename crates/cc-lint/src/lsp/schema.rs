//! The endpoints' JSON Schemas (the committed ones `cc-lint schema` prints),
//! walked by path for hover and completion.

use super::locate::Segment;
use cc_validate::{Endpoint, PayloadKind};
use serde_json::Value;
use std::fmt::Write as _;

/// The schema of an endpoint's request or response: the validator's, parsed
/// once per process.
pub(crate) fn root(endpoint: Endpoint, kind: PayloadKind) -> Option<&'static Value> {
    cc_validate::Validator::get(endpoint, kind)
        .ok()
        .map(cc_validate::Validator::schema)
}

/// A schema node: `node` follows its `$ref` (within the root's `$defs`);
/// `own` is the node as written where it is used (its description wins).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node<'a> {
    root: &'a Value,
    own: &'a Value,
    target: &'a Value,
}

impl<'a> Node<'a> {
    /// The root of a schema.
    pub(crate) fn new(root: &'a Value) -> Self {
        Self::at(root, root)
    }

    fn at(root: &'a Value, own: &'a Value) -> Self {
        let mut node = own;
        // A bounded walk of `$ref`s, in case of a cycle.
        for _ in 0..8 {
            let Some(target) = node
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|reference| reference.strip_prefix('#'))
                .and_then(|pointer| root.pointer(pointer))
            else {
                break;
            };
            node = target;
        }
        Self {
            root,
            own,
            target: node,
        }
    }

    /// The node and the branches of its `anyOf`/`oneOf`/`allOf`.
    fn alternatives(self) -> Vec<Self> {
        let mut all = vec![self];
        for keyword in ["anyOf", "oneOf", "allOf"] {
            if let Some(branches) = self.target.get(keyword).and_then(Value::as_array) {
                all.extend(branches.iter().map(|branch| Self::at(self.root, branch)));
            }
        }
        all
    }

    /// The node one step down `segment`.
    pub(crate) fn child(self, segment: &Segment) -> Option<Self> {
        self.alternatives()
            .into_iter()
            .find_map(|node| match segment {
                Segment::Key(key) => node
                    .target
                    .get("properties")
                    .and_then(|properties| properties.get(key))
                    .map(|child| Self::at(self.root, child)),
                Segment::Index(_) => node
                    .target
                    .get("items")
                    .filter(|items| items.is_object())
                    .map(|child| Self::at(self.root, child)),
            })
    }

    /// The node at `path` below this one.
    pub(crate) fn walk(self, path: &[Segment]) -> Option<Self> {
        path.iter().try_fold(self, Self::child)
    }

    /// The properties an object here may have, in schema order.
    pub(crate) fn properties(self) -> Vec<(&'a str, Self)> {
        let mut found: Vec<(&'a str, Self)> = Vec::new();
        for node in self.alternatives() {
            if let Some(properties) = node.target.get("properties").and_then(Value::as_object) {
                for (name, child) in properties {
                    if !found.iter().any(|(known, _)| known == name) {
                        found.push((name.as_str(), Self::at(self.root, child)));
                    }
                }
            }
        }
        found
    }

    fn keyword(self, name: &str) -> Option<&'a Value> {
        self.own.get(name).or_else(|| self.target.get(name))
    }

    /// The description.
    pub(crate) fn description(self) -> Option<&'a str> {
        self.keyword("description").and_then(Value::as_str)
    }

    /// The values an `enum` allows (strings only).
    pub(crate) fn codes(self) -> Vec<&'a str> {
        self.alternatives()
            .into_iter()
            .find_map(|node| node.keyword("enum").and_then(Value::as_array))
            .map(|values| values.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// The type, as `integer | null`.
    pub(crate) fn type_name(self) -> String {
        let mut names: Vec<String> = match self.keyword("type") {
            Some(Value::String(name)) => vec![name.clone()],
            Some(Value::Array(names)) => names
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        };
        if names.is_empty() {
            for node in self.alternatives().into_iter().skip(1) {
                let name = node.type_name();
                if !name.is_empty() && !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names.join(" | ")
    }

    /// The limits, as a sentence ("between -100 and 10000; at most 100 items").
    pub(crate) fn limits(self) -> Option<String> {
        let number = |name| self.keyword(name).and_then(Value::as_f64);
        let show = |value: f64| {
            if value.fract() == 0.0 && value.abs() < 1e15 {
                format!("{value:.0}")
            } else {
                value.to_string()
            }
        };
        let mut parts = Vec::new();
        match (number("minimum"), number("maximum")) {
            (Some(low), Some(high)) => {
                parts.push(format!("between {} and {}", show(low), show(high)));
            }
            (Some(low), None) => parts.push(format!("at least {}", show(low))),
            (None, Some(high)) => parts.push(format!("at most {}", show(high))),
            (None, None) => {}
        }
        for (keyword, what) in [
            ("minLength", "at least {} characters"),
            ("maxLength", "at most {} characters"),
            ("minItems", "at least {} items"),
            ("maxItems", "at most {} items"),
        ] {
            if let Some(value) = number(keyword) {
                let text = what.replace("{}", &show(value));
                // `at least 1 character`, `at most 1 item`.
                let text = if show(value) == "1" {
                    text.trim_end_matches('s').to_owned()
                } else {
                    text
                };
                parts.push(text);
            }
        }
        let codes = self.codes();
        if !codes.is_empty() {
            let mut text = String::from("one of ");
            for (index, code) in codes.iter().enumerate() {
                if index > 0 {
                    text.push_str(", ");
                }
                let _ = write!(text, "`\"{code}\"`");
            }
            parts.push(text);
        }
        if let Some(pattern) = self.keyword("pattern").and_then(Value::as_str) {
            parts.push(format!("matches `{pattern}`"));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }

    /// The name of the `$defs` entry it refers to, if any (`Protocol`), or
    /// that a branch of its `anyOf` refers to (`BindType` or null).
    pub(crate) fn definition(self) -> Option<&'a str> {
        self.alternatives().into_iter().find_map(|node| {
            node.own
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|reference| reference.rsplit('/').next())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_codes_schema_is_found_through_any_of() {
        let root = root(Endpoint::BatchCreateProcTemplate, PayloadKind::Request);
        let key = |name: &str| Segment::Key(name.to_owned());
        let node = root.map(Node::new).and_then(|node| {
            node.walk(&[
                key("processes"),
                Segment::Index(0),
                key("spec"),
                key("bind_info"),
                key("value"),
                Segment::Index(0),
                key("ip"),
                key("value"),
            ])
        });
        assert_eq!(node.and_then(Node::definition), Some("BindType"));
        assert_eq!(
            node.map(Node::codes),
            Some(vec!["", "1", "2", "3", "4", "5", "6", "7", "8"])
        );
    }

    #[test]
    fn fields_are_found_through_refs() {
        let root = root(Endpoint::UpdateProcessInstance, PayloadKind::Request);
        let node = root.map(Node::new).and_then(|node| {
            node.walk(&[
                Segment::Key("processes".to_owned()),
                Segment::Index(0),
                Segment::Key("priority".to_owned()),
            ])
        });
        assert_eq!(node.map(Node::type_name).as_deref(), Some("integer | null"));
        assert_eq!(
            node.and_then(Node::limits).as_deref(),
            Some("between -100 and 10000")
        );
    }
}
