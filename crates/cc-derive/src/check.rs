//! Cross-attribute rules: combinations that cannot mean anything, and name clashes.

use crate::ast::{Input, Kind};
use crate::ctxt::Ctxt;
use proc_macro2::Span;
use std::collections::HashMap;

/// Records every inconsistency of `input` in `cx`.
pub(crate) fn check(cx: &Ctxt, input: &Input<'_>) {
    check_template_name(cx, input);
    check_partial_name(cx, input);
    for field in &input.fields {
        let attrs = &field.attrs;
        let others = [
            ("plain", attrs.plain),
            ("nested", attrs.nested),
            ("required", attrs.required),
            ("always_locked", attrs.always_locked),
            ("legacy", attrs.legacy),
            ("null_as_default", attrs.null_as_default),
            ("update_ignored", attrs.update_ignored),
            ("rename", attrs.rename.as_ref().map(|rename| rename.span)),
            (
                "template_type",
                attrs.template_type.as_ref().map(|ty| ty.span),
            ),
        ];
        if let (None, Some(serde)) = (attrs.skip, attrs.serde_not_a_member.as_ref()) {
            cx.syn_error(syn::Error::new(
                serde.span,
                format!(
                    "a field with `#[serde({})]` has no member of its own to wrap; mark it `#[cc(skip)]`",
                    serde.value
                ),
            ));
        }
        if attrs.skip.is_some() {
            for (name, span) in others {
                if let Some(span) = span {
                    conflict(
                        cx,
                        span,
                        name,
                        "skip",
                        "a skipped field is not in the template",
                    );
                }
            }
        }
        if attrs.plain.is_some() {
            for (name, span) in [
                ("nested", attrs.nested),
                ("required", attrs.required),
                ("always_locked", attrs.always_locked),
                ("null_as_default", attrs.null_as_default),
                (
                    "template_type",
                    attrs.template_type.as_ref().map(|ty| ty.span),
                ),
            ] {
                if let Some(span) = span {
                    conflict(cx, span, name, "plain", "a plain field is not wrapped");
                }
            }
        }
        if let (Some(_), Some(ty)) = (attrs.nested, attrs.template_type.as_ref()) {
            conflict(
                cx,
                ty.span,
                "template_type",
                "nested",
                "a nested list takes its row type from the row's own derive",
            );
        }
    }
    check_duplicate_names(cx, input);
}

fn conflict(cx: &Ctxt, span: Span, name: &str, with: &str, why: &str) {
    cx.syn_error(syn::Error::new(
        span,
        format!("`{name}` cannot be combined with `{with}`: {why}"),
    ));
}

fn check_partial_name(cx: &Ctxt, input: &Input<'_>) {
    if let Some((partial, span)) = &input.partial
        && (partial == input.ident || *partial == input.template)
    {
        cx.syn_error(syn::Error::new(
            *span,
            format!(
                "the partial type must not be named `{partial}` like the struct or its template"
            ),
        ));
    }
}

fn check_template_name(cx: &Ctxt, input: &Input<'_>) {
    if input.template == *input.ident {
        let span = input.template_span.unwrap_or_else(|| input.ident.span());
        cx.syn_error(syn::Error::new(
            span,
            format!(
                "the template type must not be named `{}` like the struct it is derived from",
                input.ident
            ),
        ));
    }
}

fn check_duplicate_names(cx: &Ctxt, input: &Input<'_>) {
    let mut seen: HashMap<&str, &syn::Ident> = HashMap::new();
    for field in &input.fields {
        if matches!(field.kind, Kind::Skipped) {
            continue;
        }
        if let Some(first) = seen.insert(&field.template_name, field.ident) {
            let span = field
                .attrs
                .rename
                .as_ref()
                .map_or_else(|| field.ident.span(), |rename| rename.span);
            cx.syn_error(syn::Error::new(
                span,
                format!(
                    "template field `{}` is already used by `{first}`",
                    field.template_name
                ),
            ));
        }
    }
}
