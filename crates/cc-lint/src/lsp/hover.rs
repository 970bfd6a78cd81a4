//! Hover: on a key, the field's description, type, limits and whether the
//! template in force locks it; on a bind type or protocol code, what the code
//! means.

use super::locate::{Segment, Spot, locate};
use super::schema::{Node, root};
use cc_model::{BindType, ProcessTemplateSpec, Protocol, Template};
use cc_validate::{Endpoint, PayloadKind};
use std::fmt::Write as _;
use std::ops::Range;

/// What a bind type code means.
pub(crate) const fn bind_type_meaning(bind: BindType) -> &'static str {
    match bind {
        BindType::Unset => "no bind type",
        BindType::Localhost => "localhost, 127.0.0.1",
        BindType::All => "all IPv4 addresses, 0.0.0.0",
        BindType::FirstInnerIp => "the host's first inner IPv4 address",
        BindType::FirstOuterIp => "the host's first outer IPv4 address",
        BindType::LocalhostV6 => "IPv6 localhost, ::1",
        BindType::AllV6 => "all IPv6 addresses, ::",
        BindType::FirstInnerIpV6 => "the host's first inner IPv6 address",
        BindType::FirstOuterIpV6 => "the host's first outer IPv6 address",
    }
}

/// What a protocol code means.
pub(crate) const fn protocol_meaning(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::Tcp => "TCP over IPv4",
        Protocol::Udp => "UDP over IPv4",
        Protocol::Tcp6 => "TCP over IPv6",
        Protocol::Udp6 => "UDP over IPv6",
    }
}

/// The meaning of `code` for a field whose schema is the definition
/// `definition` (`BindType` or `Protocol`), and the name of the code kind.
pub(crate) fn code_meaning(definition: &str, code: &str) -> Option<(&'static str, &'static str)> {
    match definition {
        "BindType" => BindType::ALL
            .into_iter()
            .find(|bind| bind.code() == code)
            .map(|bind| ("Bind type", bind_type_meaning(bind))),
        "Protocol" => Protocol::ALL
            .into_iter()
            .find(|protocol| protocol.code() == code)
            .map(|protocol| ("Protocol", protocol_meaning(protocol))),
        _ => None,
    }
}

/// The hover text (Markdown) at byte `offset`, and the span it is about.
pub(crate) fn hover(
    text: &str,
    offset: usize,
    endpoint: Endpoint,
    kind: PayloadKind,
    template: Option<&ProcessTemplateSpec>,
) -> Option<(String, Range<usize>)> {
    let schema = Node::new(root(endpoint, kind)?);
    match locate(text, offset) {
        Spot::Key {
            object, name, span, ..
        } => {
            let mut path = object;
            path.push(Segment::Key(name.clone()));
            let node = schema.walk(&path)?;
            // A template field `{value, as_default_value}`: the value's type
            // and limits, and whether this template locks it.
            let wrapped = node
                .child(&Segment::Key("as_default_value".to_owned()))
                .and_then(|_| node.child(&Segment::Key("value".to_owned())));
            let shown = wrapped.unwrap_or(node);
            let mut out = format!("**`{name}`**");
            let type_name = shown.type_name();
            if !type_name.is_empty() {
                let _ = write!(out, ": `{type_name}`");
            }
            if let Some(description) = node.description() {
                let _ = write!(out, "\n\n{description}");
            }
            if let Some(limits) = shown.limits() {
                let _ = write!(out, "\n\nLimits: {limits}.");
            }
            if wrapped.is_some() {
                let _ = write!(out, "\n\n{}", template_lock_line(text, &path));
            }
            if let Some(lock) = template
                .filter(|_| {
                    endpoint == Endpoint::UpdateProcessInstance && kind == PayloadKind::Request
                })
                .and_then(|template| lock_line(template, &path))
            {
                let _ = write!(out, "\n\n{lock}");
            }
            Some((out, span))
        }
        Spot::Value {
            path,
            span: Some(span),
            text: Some(code),
        } => {
            let node = schema.walk(&path)?;
            // A template wraps a code as `{"value": code}`: the code's schema
            // is the `value`'s.
            let (what, meaning) = code_meaning(node.definition()?, &code)?;
            Some((format!("{what} `\"{code}\"`: {meaning}."), span))
        }
        _ => None,
    }
}

/// Whether the template being written locks its field at `path`: its
/// `as_default_value`, read from the text when it parses.
fn template_lock_line(text: &str, path: &[Segment]) -> String {
    let mut pointer = String::new();
    for segment in path {
        pointer.push('/');
        match segment {
            Segment::Key(key) => pointer.push_str(&cc_validate::escape_token(key)),
            Segment::Index(index) => pointer.push_str(&index.to_string()),
        }
    }
    pointer.push_str("/as_default_value");
    let value = serde_json::from_str::<serde_json::Value>(text).ok();
    match value.as_ref().map(|value| value.pointer(&pointer)) {
        Some(Some(serde_json::Value::Bool(true))) => {
            "Locked here (`as_default_value: true`): instances take this value, and the server \
             drops their edits of it."
                .to_owned()
        }
        Some(_) => "Not locked here (`as_default_value` is not `true`): instances may change it."
            .to_owned(),
        None => {
            "Wrapped as `{value, as_default_value}`; `as_default_value: true` locks it.".to_owned()
        }
    }
}

/// Whether the template locks the instance field at `path`
/// (`processes/N/field` or `processes/N/bind_info/M/field`).
fn lock_line(template: &ProcessTemplateSpec, path: &[Segment]) -> Option<String> {
    let locked = template.locked_fields();
    match path {
        [
            Segment::Key(processes),
            Segment::Index(_),
            Segment::Key(field),
        ] if processes == "processes" => {
            let is_locked = locked
                .iter()
                .any(|lock| lock.field == field && lock.row_id.is_none());
            Some(if is_locked {
                format!(
                    "Locked by the template (`{field}` has `as_default_value: true`): the server drops an edit of it."
                )
            } else {
                format!("Not locked by the template: an edit of `{field}` is written.")
            })
        }
        [
            Segment::Key(processes),
            Segment::Index(_),
            Segment::Key(bind_info),
            Segment::Index(_),
            Segment::Key(field),
        ] if processes == "processes" && bind_info == "bind_info" => {
            let rows: Vec<String> = locked
                .iter()
                .filter(|lock| lock.field == field)
                .filter_map(|lock| lock.row_id)
                .map(|row| row.to_string())
                .collect();
            Some(if rows.is_empty() {
                format!("Not locked in any template bind row: an edit of `{field}` is written.")
            } else {
                format!(
                    "Locked by the template in bind rows with `row_id` {}: the server drops an edit of `{field}` there.",
                    rows.join(", ")
                )
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_meanings() {
        assert_eq!(
            code_meaning("Protocol", "3"),
            Some(("Protocol", "TCP over IPv6"))
        );
        assert_eq!(
            code_meaning("BindType", "2"),
            Some(("Bind type", "all IPv4 addresses, 0.0.0.0"))
        );
        assert_eq!(code_meaning("Protocol", "9"), None);
    }
}
