//! Parses `#[cc(...)]` attributes into typed values. Errors are recorded in the
//! [`Ctxt`] and parsing carries on.

use crate::ctxt::Ctxt;
use crate::symbol::{
    ALWAYS_LOCKED, CC, CRATE, EDIT, INSTANTIATE, LEGACY, NESTED, NULL_AS_DEFAULT, PARTIAL, PLAIN,
    RENAME, RENAME_ALL, REQUIRED, SERDE, SKIP, SYNC, Symbol, TEMPLATE, TEMPLATE_TYPE,
    UPDATE_IGNORED,
};
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident, LitStr};

/// An attribute value together with the token it was written on, for spans.
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Span,
}

/// A flag or value that may be given once; a second occurrence is an error.
struct Once<T> {
    name: Symbol,
    slot: Option<Spanned<T>>,
}

impl<T> Once<T> {
    const fn new(name: Symbol) -> Self {
        Self { name, slot: None }
    }

    fn set(&mut self, cx: &Ctxt, meta: &ParseNestedMeta<'_>, value: T) {
        if self.slot.is_some() {
            cx.error_spanned_by(
                &meta.path,
                format!("duplicate cc attribute `{}`", self.name),
            );
        } else {
            self.slot = Some(Spanned {
                value,
                span: meta
                    .path
                    .get_ident()
                    .map_or_else(Span::call_site, Ident::span),
            });
        }
    }
}

/// Attributes on the struct.
pub(crate) struct Container {
    /// `#[cc(template = "Name")]`: the generated type's name.
    pub(crate) template: Option<Spanned<Ident>>,
    /// `#[cc(crate = "path")]`: where cc-model is found.
    pub(crate) krate: Option<syn::Path>,
    /// `#[cc(partial = "Name")]`: also generate the partial template form.
    pub(crate) partial: Option<Spanned<Ident>>,
}

impl Container {
    pub(crate) fn from_ast(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut template = Once::new(TEMPLATE);
        let mut krate = Once::new(CRATE);
        let mut partial = Once::new(PARTIAL);
        for attr in attrs.iter().filter(|attr| attr.path() == CC) {
            let result = attr.parse_nested_meta(|meta| {
                if meta.path == PARTIAL {
                    parse_string_value(cx, &meta, &mut partial, "a type name")?;
                } else if meta.path == TEMPLATE {
                    parse_string_value(cx, &meta, &mut template, "a type name")?;
                } else if meta.path == CRATE {
                    parse_string_value(cx, &meta, &mut krate, "a path")?;
                } else {
                    let key = meta.path.get_ident().map(ToString::to_string);
                    cx.error_spanned_by(
                        &meta.path,
                        format!(
                            "unknown cc container attribute `{}`; expected `template`, `partial` or `crate`",
                            key.unwrap_or_default()
                        ),
                    );
                    skip_value(&meta)?;
                }
                Ok(())
            });
            if let Err(error) = result {
                cx.syn_error(error);
            }
        }
        reject_serde_rename_all(cx, attrs);
        Self {
            template: template.slot,
            krate: krate.slot.map(|krate| krate.value),
            partial: partial.slot,
        }
    }
}

/// Reads `key = "..."` whose string holds Rust syntax (`T`: a type name, a path,
/// a type) into `slot`, recording an error spanned on the string when it does not
/// parse as `T`.
fn parse_string_value<T: syn::parse::Parse>(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    slot: &mut Once<T>,
    expected: &str,
) -> syn::Result<()> {
    let lit: LitStr = meta.value()?.parse()?;
    match lit.parse::<T>() {
        Ok(value) => slot.set(cx, meta, value),
        Err(_) => cx.error_spanned_by(
            &lit,
            format!("`{}` must be {expected}, got {:?}", slot.name, lit.value()),
        ),
    }
    Ok(())
}

/// Rejects `#[serde(rename_all = "...")]` on the struct: it changes every field's
/// JSON key, which the derive reads field by field (`FIELDS` names, the plain
/// schema's properties), so it would silently disagree with serde.
fn reject_serde_rename_all(cx: &Ctxt, attrs: &[Attribute]) {
    for attr in attrs.iter().filter(|attr| attr.path() == SERDE) {
        let _ignored = attr.parse_nested_meta(|meta| {
            if meta.path == RENAME_ALL {
                cx.error_spanned_by(
                    &meta.path,
                    "ProcessTemplate does not support `#[serde(rename_all)]`; rename each field \
                     with `#[serde(rename = \"...\")]`",
                );
            }
            skip_value(&meta)
        });
    }
}

/// Attributes on one field.
#[derive(Default)]
pub(crate) struct Field {
    pub(crate) skip: Option<Span>,
    pub(crate) plain: Option<Span>,
    pub(crate) nested: Option<Span>,
    pub(crate) required: Option<Span>,
    pub(crate) always_locked: Option<Span>,
    pub(crate) legacy: Option<Span>,
    pub(crate) null_as_default: Option<Span>,
    /// The operations `null_as_default` names (every one when it names none).
    pub(crate) null_default_on: NullDefaultOn,
    pub(crate) update_ignored: Option<Span>,
    pub(crate) rename: Option<Spanned<String>>,
    pub(crate) template_type: Option<Spanned<syn::Type>>,
    /// The field's JSON name in the plain struct (`#[serde(rename = "...")]`).
    pub(crate) serde_rename: Option<String>,
    /// A serde attribute that keeps the field out of the JSON object.
    pub(crate) serde_not_a_member: Option<Spanned<String>>,
}

impl Field {
    pub(crate) fn from_ast(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut flags = [
            Once::new(SKIP),
            Once::new(PLAIN),
            Once::new(NESTED),
            Once::new(REQUIRED),
            Once::new(ALWAYS_LOCKED),
            Once::new(LEGACY),
            Once::new(UPDATE_IGNORED),
        ];
        let mut null_as_default = Once::new(NULL_AS_DEFAULT);
        let mut rename = Once::new(RENAME);
        let mut template_type = Once::new(TEMPLATE_TYPE);
        for attr in attrs.iter().filter(|attr| attr.path() == CC) {
            let result = attr.parse_nested_meta(|meta| {
                if let Some(flag) = flags.iter_mut().find(|flag| meta.path == flag.name) {
                    if meta.input.peek(syn::Token![=]) {
                        cx.error_spanned_by(
                            &meta.path,
                            format!("`{}` is a flag and takes no value", flag.name),
                        );
                        skip_value(&meta)?;
                    } else {
                        flag.set(cx, &meta, ());
                    }
                } else if meta.path == NULL_AS_DEFAULT {
                    let on = parse_null_default_on(cx, &meta)?;
                    null_as_default.set(cx, &meta, on);
                } else if meta.path == RENAME {
                    let lit: LitStr = meta.value()?.parse()?;
                    if lit.value().is_empty() {
                        cx.error_spanned_by(&lit, "`rename` must not be empty");
                    } else {
                        rename.set(cx, &meta, lit.value());
                    }
                } else if meta.path == TEMPLATE_TYPE {
                    parse_string_value(cx, &meta, &mut template_type, "a type")?;
                } else {
                    let key = meta.path.get_ident().map(ToString::to_string);
                    cx.error_spanned_by(
                        &meta.path,
                        format!(
                            "unknown cc field attribute `{}`; expected one of `skip`, `plain`, \
                             `nested`, `rename`, `template_type`, `required`, `always_locked`, \
                             `legacy`, `null_as_default`, `update_ignored`",
                            key.unwrap_or_default()
                        ),
                    );
                    skip_value(&meta)?;
                }
                Ok(())
            });
            if let Err(error) = result {
                cx.syn_error(error);
            }
        }
        let [
            skip,
            plain,
            nested,
            required,
            always_locked,
            legacy,
            update_ignored,
        ] = flags.map(|flag| flag.slot.map(|slot| slot.span));
        Self {
            skip,
            plain,
            nested,
            required,
            always_locked,
            legacy,
            null_as_default: null_as_default.slot.as_ref().map(|slot| slot.span),
            null_default_on: null_as_default
                .slot
                .map(|slot| slot.value)
                .unwrap_or_default(),
            update_ignored,
            rename: rename.slot,
            template_type: template_type.slot,
            serde_rename: serde_rename(attrs),
            serde_not_a_member: serde_not_a_member(attrs),
        }
    }
}

/// The operations of `#[cc(null_as_default(...))]`.
#[derive(Clone, Copy)]
#[allow(clippy::struct_excessive_bools)] // One flag per operation, named.
pub(crate) struct NullDefaultOn {
    pub(crate) instantiate: bool,
    pub(crate) sync: bool,
    pub(crate) edit: bool,
}

impl Default for NullDefaultOn {
    fn default() -> Self {
        Self {
            instantiate: true,
            sync: true,
            edit: true,
        }
    }
}

/// Parses `null_as_default` or `null_as_default(instantiate, sync, edit)`.
fn parse_null_default_on(cx: &Ctxt, meta: &ParseNestedMeta<'_>) -> syn::Result<NullDefaultOn> {
    if meta.input.peek(syn::Token![=]) {
        cx.error_spanned_by(
            &meta.path,
            "`null_as_default` takes no value; name its operations in parentheses: \
             `null_as_default(instantiate, sync, edit)`",
        );
        skip_value(meta)?;
        return Ok(NullDefaultOn::default());
    }
    if !meta.input.peek(syn::token::Paren) {
        return Ok(NullDefaultOn::default());
    }
    let mut on = NullDefaultOn {
        instantiate: false,
        sync: false,
        edit: false,
    };
    meta.parse_nested_meta(|op| {
        let slot = if op.path == INSTANTIATE {
            Some(&mut on.instantiate)
        } else if op.path == SYNC {
            Some(&mut on.sync)
        } else if op.path == EDIT {
            Some(&mut on.edit)
        } else {
            None
        };
        match slot {
            Some(slot) if *slot => {
                cx.error_spanned_by(&op.path, "operation named twice in `null_as_default`");
            }
            Some(slot) => *slot = true,
            None => cx.error_spanned_by(
                &op.path,
                "unknown `null_as_default` operation; expected `instantiate`, `sync` or `edit`",
            ),
        }
        skip_value(&op)
    })?;
    Ok(on)
}

/// Skips `= value` or `(...)` after an unknown key so parsing can go on.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|nested| skip_value(&nested))?;
    }
    Ok(())
}

/// Reads `#[serde(rename = "...")]` (the JSON key of the plain field), ignoring every
/// other serde attribute: those are serde's business.
fn serde_rename(attrs: &[Attribute]) -> Option<String> {
    let mut found = None;
    for attr in attrs.iter().filter(|attr| attr.path() == SERDE) {
        let _ignored = attr.parse_nested_meta(|meta| {
            if meta.path == RENAME && meta.input.peek(syn::Token![=]) {
                let lit: LitStr = meta.value()?.parse()?;
                found = Some(lit.value());
            } else {
                skip_value(&meta)?;
            }
            Ok(())
        });
    }
    found
}

/// The span of a serde attribute that takes the field out of its struct's JSON
/// object (`skip`, `skip_deserializing`, `flatten`): such a field has no property
/// of its own for the template to wrap.
fn serde_not_a_member(attrs: &[Attribute]) -> Option<Spanned<String>> {
    let mut found = None;
    for attr in attrs.iter().filter(|attr| attr.path() == SERDE) {
        let _ignored = attr.parse_nested_meta(|meta| {
            let key = meta.path.get_ident().map(ToString::to_string);
            match key.as_deref() {
                Some(name @ ("skip" | "skip_deserializing" | "flatten")) if found.is_none() => {
                    found = Some(Spanned {
                        value: name.to_owned(),
                        span: meta
                            .path
                            .get_ident()
                            .map_or_else(Span::call_site, Ident::span),
                    });
                }
                _ => skip_value(&meta)?,
            }
            Ok(())
        });
    }
    found
}
