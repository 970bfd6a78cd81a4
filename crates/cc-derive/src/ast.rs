//! The derive's model of its input: the struct, its fields, what each becomes in
//! the template, with references to the original tokens for spans.

use crate::attr;
use crate::ctxt::Ctxt;
use crate::symbol::DOC;
use proc_macro2::Span;
use syn::{Attribute, Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};

/// The struct the derive was put on.
pub(crate) struct Input<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) vis: &'a syn::Visibility,
    pub(crate) template: Ident,
    /// Span of `#[cc(template = ...)]`, when given.
    pub(crate) template_span: Option<Span>,
    /// The partial form's name and the span of `#[cc(partial = ...)]`, when asked for.
    pub(crate) partial: Option<(Ident, Span)>,
    pub(crate) krate: syn::Path,
    pub(crate) fields: Vec<Field<'a>>,
}

/// How the plain field is wrapped: the plain struct's own optional type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wrapper {
    /// `Option<T>`.
    Option,
    /// `cc_model::Patch<T>`.
    Patch,
}

/// What one plain field becomes in the template.
pub(crate) enum Kind<'a> {
    /// Not in the template (`#[cc(skip)]`).
    Skipped,
    /// Copied unwrapped (`#[cc(plain)]`).
    Plain,
    /// Wrapped as `Property<T>`; `#[cc(template_type)]` replaces `T` when given.
    Wrapped,
    /// A list of rows whose type derives its own template (`#[cc(nested)]`).
    Nested { row: &'a Type },
}

/// One field of the plain struct.
pub(crate) struct Field<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a Type,
    pub(crate) wrapper: Wrapper,
    /// `T` of `Option<T>` / `Patch<T>`.
    pub(crate) inner: &'a Type,
    pub(crate) attrs: attr::Field,
    /// The key in the plain struct's JSON.
    pub(crate) json_name: String,
    /// The key in the template's JSON.
    pub(crate) template_name: String,
    pub(crate) kind: Kind<'a>,
    pub(crate) docs: Vec<&'a Attribute>,
}

impl<'a> Input<'a> {
    /// Builds the model, recording every problem in `cx`. Returns `None` only when
    /// the input is not a struct with named fields at all.
    pub(crate) fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let container = attr::Container::from_ast(cx, &input.attrs);
        if !input.generics.params.is_empty() {
            cx.error_spanned_by(
                &input.generics,
                "ProcessTemplate cannot be derived for generic structs",
            );
        }
        // The error is spanned on what makes the input wrong (the `enum` or `union`
        // keyword and name, a tuple struct's field list), not on the whole item.
        let ident = &input.ident;
        let wrong = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => Ok(named),
                Fields::Unnamed(unnamed) => Err(quote::quote!(#unnamed)),
                Fields::Unit => {
                    let struct_token = data.struct_token;
                    Err(quote::quote!(#struct_token #ident))
                }
            },
            Data::Enum(data) => {
                let enum_token = data.enum_token;
                Err(quote::quote!(#enum_token #ident))
            }
            Data::Union(data) => {
                let union_token = data.union_token;
                Err(quote::quote!(#union_token #ident))
            }
        };
        let named = match wrong {
            Ok(named) => named,
            Err(tokens) => {
                cx.error_spanned_by(
                    tokens,
                    "ProcessTemplate can only be derived for structs with named fields",
                );
                return None;
            }
        };
        let fields = named
            .named
            .iter()
            .filter_map(|field| Field::from_ast(cx, field))
            .collect();
        let (template, template_span) = match container.template {
            Some(spanned) => (spanned.value, Some(spanned.span)),
            None => (quote::format_ident!("{}Template", input.ident), None),
        };
        Some(Self {
            ident: &input.ident,
            vis: &input.vis,
            template,
            template_span,
            partial: container
                .partial
                .map(|partial| (partial.value, partial.span)),
            krate: container
                .krate
                .unwrap_or_else(|| syn::parse_quote!(::cc_model)),
            fields,
        })
    }
}

impl<'a> Field<'a> {
    fn from_ast(cx: &Ctxt, field: &'a syn::Field) -> Option<Self> {
        let ident = field.ident.as_ref()?;
        let attrs = attr::Field::from_ast(cx, &field.attrs);
        let Some((wrapper, inner)) = unwrap_optional(&field.ty) else {
            cx.error_spanned_by(
                &field.ty,
                "ProcessTemplate fields must be `Option<T>` or `Patch<T>`",
            );
            return None;
        };
        let json_name = attrs
            .serde_rename
            .clone()
            .unwrap_or_else(|| ident.to_string());
        let template_name = attrs
            .rename
            .as_ref()
            .map_or_else(|| json_name.clone(), |rename| rename.value.clone());
        let kind = if attrs.skip.is_some() {
            Kind::Skipped
        } else if attrs.plain.is_some() {
            Kind::Plain
        } else if attrs.nested.is_some() {
            if let Some(row) = vec_element(inner) {
                Kind::Nested { row }
            } else {
                cx.error_spanned_by(
                    inner,
                    "`nested` needs a list of rows: `Option<Vec<Row>>` or `Patch<Vec<Row>>`",
                );
                Kind::Skipped
            }
        } else {
            Kind::Wrapped
        };
        let docs = field
            .attrs
            .iter()
            .filter(|attr| attr.path() == DOC)
            .collect();
        Some(Self {
            ident,
            ty: &field.ty,
            wrapper,
            inner,
            attrs,
            json_name,
            template_name,
            kind,
            docs,
        })
    }

    /// The `T` that `Property<T>` wraps for this field.
    pub(crate) fn value_type(&self) -> &Type {
        match (&self.kind, &self.attrs.template_type) {
            (Kind::Wrapped, Some(ty)) => &ty.value,
            _ => self.inner,
        }
    }
}

/// Strips invisible groups that `macro_rules!` expansion leaves around types.
fn ungroup(mut ty: &Type) -> &Type {
    while let Type::Group(group) = ty {
        ty = &group.elem;
    }
    ty
}

/// The single generic argument of a path type whose last segment is `name`.
fn single_argument<'t>(ty: &'t Type, names: &[&str]) -> Option<(&'t Ident, &'t Type)> {
    let Type::Path(path) = ungroup(ty) else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let segment = path.path.segments.last()?;
    if !names.iter().any(|name| segment.ident == name) {
        return None;
    }
    let PathArguments::AngleBracketed(arguments) = &segment.arguments else {
        return None;
    };
    if arguments.args.len() != 1 {
        return None;
    }
    match arguments.args.first()? {
        GenericArgument::Type(inner) => Some((&segment.ident, inner)),
        _ => None,
    }
}

fn unwrap_optional(ty: &Type) -> Option<(Wrapper, &Type)> {
    let (ident, inner) = single_argument(ty, &["Option", "Patch"])?;
    let wrapper = if ident == "Option" {
        Wrapper::Option
    } else {
        Wrapper::Patch
    };
    Some((wrapper, inner))
}

fn vec_element(ty: &Type) -> Option<&Type> {
    single_argument(ty, &["Vec"]).map(|(_, inner)| inner)
}
