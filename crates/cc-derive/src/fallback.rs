//! The error path: every recorded error as `compile_error!`, plus a placeholder
//! template type so that code naming it does not fail in a cascade of
//! "cannot find type" errors.

use crate::ast::Input;
use quote::{format_ident, quote};
use syn::DeriveInput;

/// Expands to the errors and a minimal stand-in for the generated items.
pub(crate) fn expand(
    input: &DeriveInput,
    model: Option<&Input<'_>>,
    errors: &syn::Error,
) -> proc_macro2::TokenStream {
    let errors = errors.to_compile_error();
    let ident = &input.ident;
    let vis = &input.vis;
    let template = model.map_or_else(
        || format_ident!("{}Template", ident),
        |model| model.template.clone(),
    );
    let krate = model.map_or_else(
        || syn::parse_quote!(::cc_model),
        |model| model.krate.clone(),
    );
    if !input.generics.params.is_empty() || template == *ident {
        return errors;
    }
    quote! {
        #errors
        #[doc = "Placeholder: the derive input has errors."]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::default::Default)]
        #vis struct #template {}
        #[automatically_derived]
        impl #krate::ProcessTemplate for #ident {
            type Template = #template;
            const FIELDS: &'static [#krate::FieldInfo] = &[];
        }
    }
}
