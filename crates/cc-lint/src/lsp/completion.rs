//! Completion of field names and of code values (bind types, protocols)
//! from the schemas, each with its description.

use super::hover::code_meaning;
use super::locate::{Spot, locate};
use super::positions::LineIndex;
use super::schema::{Node, root};
use cc_validate::{Endpoint, PayloadKind};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, TextEdit,
};

/// The completions at byte `offset` of `text`.
pub(crate) fn complete(
    text: &str,
    index: &LineIndex,
    offset: usize,
    endpoint: Endpoint,
    kind: PayloadKind,
) -> Vec<CompletionItem> {
    let Some(schema) = root(endpoint, kind).map(Node::new) else {
        return Vec::new();
    };
    match locate(text, offset) {
        Spot::Key {
            object,
            span,
            present,
            name,
        } => fields(schema, &object, &present, Some(&name))
            .into_iter()
            .map(|(field, node)| {
                let edit = TextEdit::new(
                    index.range(text, span.start, span.end),
                    format!("\"{field}\""),
                );
                field_item(field, node, CompletionTextEdit::Edit(edit))
            })
            .collect(),
        Spot::NewKey { object, present } => fields(schema, &object, &present, None)
            .into_iter()
            .map(|(field, node)| {
                let edit =
                    TextEdit::new(index.range(text, offset, offset), format!("\"{field}\": "));
                field_item(field, node, CompletionTextEdit::Edit(edit))
            })
            .collect(),
        Spot::Value { path, span, .. } => {
            let Some(node) = schema.walk(&path) else {
                return Vec::new();
            };
            let definition = node.definition().unwrap_or("");
            let range = span.map_or_else(
                || index.range(text, offset, offset),
                |span| index.range(text, span.start, span.end),
            );
            node.codes()
                .into_iter()
                .map(|code| {
                    let meaning =
                        code_meaning(definition, code).map(|(_, meaning)| meaning.to_owned());
                    let label = format!("\"{code}\"");
                    CompletionItem {
                        label: label.clone(),
                        kind: Some(CompletionItemKind::ENUM_MEMBER),
                        detail: meaning.clone(),
                        documentation: node.description().map(markdown),
                        filter_text: Some(label.clone()),
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, label))),
                        ..CompletionItem::default()
                    }
                })
                .collect()
        }
        Spot::Nothing => Vec::new(),
    }
}

/// The fields the object at `object` may still take (`current` is the key
/// being typed, which is not excluded).
fn fields<'a>(
    schema: Node<'a>,
    object: &[super::locate::Segment],
    present: &[String],
    current: Option<&str>,
) -> Vec<(&'a str, Node<'a>)> {
    let Some(node) = schema.walk(object) else {
        return Vec::new();
    };
    node.properties()
        .into_iter()
        .filter(|(name, _)| Some(*name) == current || !present.iter().any(|known| known == name))
        .collect()
}

fn markdown(text: &str) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value: text.to_owned(),
    })
}

fn field_item(name: &str, node: Node<'_>, edit: CompletionTextEdit) -> CompletionItem {
    let type_name = node.type_name();
    CompletionItem {
        label: name.to_owned(),
        kind: Some(CompletionItemKind::FIELD),
        detail: (!type_name.is_empty()).then_some(type_name),
        documentation: node.description().map(markdown),
        filter_text: Some(format!("\"{name}\"")),
        text_edit: Some(edit),
        ..CompletionItem::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::hover::hover;
    use crate::lsp::positions::Encoding;

    #[test]
    fn every_prefix_of_a_payload_gets_answers_without_panicking() {
        let text = "{\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 4, \"描述\": \"😀\", \"bind_info\": [{\"protocol\": \"1\", \"ip\": \"\"}]}]}";
        let mut answered = 0;
        for end in (0..=text.len()).filter(|end| text.is_char_boundary(*end)) {
            let prefix = &text[..end];
            let index = LineIndex::new(prefix, Encoding::Utf16);
            for offset in 0..=prefix.len() {
                let kind = PayloadKind::Request;
                let endpoint = Endpoint::UpdateProcessInstance;
                answered += complete(prefix, &index, offset, endpoint, kind).len();
                answered += usize::from(hover(prefix, offset, endpoint, kind, None).is_some());
            }
        }
        // The complete text, at least, gets completions and hovers.
        assert!(answered > 0);
    }
}
