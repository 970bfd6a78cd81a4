//! Generates `impl Template` for the template type: for every field, the call
//! to the generic operation of its kind (wrapped, plain, nested, skipped), so
//! instantiate, locked fields, sync and edit preview follow the plain struct.

use crate::ast::{Field, Input, Kind};
use crate::expand::template_ident;
use proc_macro2::TokenStream;
use quote::quote;

/// The per-field expressions of one field, for each generated method.
struct FieldCode {
    locked: TokenStream,
    instantiate: TokenStream,
    sync: TokenStream,
    preview: TokenStream,
    merge: TokenStream,
}

fn field_code(krate: &syn::Path, field: &Field<'_>) -> FieldCode {
    let plain = field.ident;
    let name = &field.json_name;
    let key = &field.template_name;
    let ops = quote!(#krate::template::ops);
    let slot = quote!(#krate::template::Slot);
    let keep = |from: TokenStream| quote!(::core::clone::Clone::clone(&#from.#plain));
    let tf = template_ident(field);
    let property = if field.attrs.required.is_some() {
        quote!(::core::option::Option::Some(&self.#tf))
    } else {
        quote!(self.#tf.as_ref())
    };
    let always = field.attrs.always_locked.is_some();
    let legacy = field.attrs.legacy.is_some();
    let required = field.attrs.required.is_some();
    let null_default = if field.attrs.null_as_default.is_some() {
        quote!(::core::option::Option::Some(
            ::core::default::Default::default
        ))
    } else {
        quote!(::core::option::Option::None)
    };
    let on = field.attrs.null_default_on;
    let (on_instantiate, on_sync, on_edit) = (on.instantiate, on.sync, on.edit);
    let spec = quote! {
        &#ops::Spec {
            field: #name,
            always_locked: #always,
            required: #required,
            null_default: #null_default,
            null_default_on: #ops::NullDefaultOn {
                instantiate: #on_instantiate,
                sync: #on_sync,
                edit: #on_edit,
            },
        }
    };
    let value_at = quote!(&::std::format!("{}/{}/value", template_at, #key));
    let wrapper_at = quote!(&::std::format!("{}/{}", template_at, #key));
    let instance_at = quote!(::std::format!("{}/{}", instance_at, #name));
    let edit_at = quote!(::std::format!("{}/{}", edit_at, #name));
    match (&field.kind, legacy) {
        // Bookkeeping fields of an edit are never written (`process.go:1708-1809`).
        (Kind::Skipped, _) => FieldCode {
            locked: quote!(),
            instantiate: quote!(::core::default::Default::default()),
            sync: keep(quote!(instance)),
            preview: quote!(::core::default::Default::default()),
            merge: keep(quote!(edit)),
        },
        (Kind::Plain, _) => FieldCode {
            locked: quote!(),
            instantiate: quote!(::core::clone::Clone::clone(&self.#tf)),
            sync: keep(quote!(instance)),
            preview: keep(quote!(edit)),
            merge: keep(quote!(edit)),
        },
        // Current servers ignore legacy fields: never locked, never copied, and an
        // edit of one is dropped.
        (Kind::Wrapped, true) => FieldCode {
            locked: quote!(),
            instantiate: quote!(::core::default::Default::default()),
            sync: keep(quote!(instance)),
            preview: quote! {
                #slot::from_patch(#ops::preview_legacy(
                    #spec, #slot::to_patch(&edit.#plain), #edit_at,
                    ::core::option::Option::None, dropped,
                ))
            },
            merge: keep(quote!(edit)),
        },
        (Kind::Wrapped, false) => FieldCode {
            locked: quote! {
                #ops::locked(#name, #property, #always, ::std::format!("{}/{}", template_at, #key), row_id, out);
            },
            instantiate: quote! {
                #slot::from_patch(#ops::instantiate(#property, #spec, host, #value_at, op)?)
            },
            sync: quote! {
                #slot::from_patch(#ops::sync(
                    #property, #spec, #slot::to_patch(&instance.#plain), host,
                    #value_at, #instance_at, fields,
                )?)
            },
            preview: quote! {
                #slot::from_patch(#ops::preview(
                    #property, #spec, #slot::to_patch(&edit.#plain), host,
                    #value_at, #edit_at, ::core::option::Option::None, dropped,
                ))
            },
            merge: quote! {
                #slot::from_patch(#ops::merge(
                    #property, #spec, #slot::to_patch(&edit.#plain), host,
                    #value_at, #edit_at, <Self as #krate::Template>::__plain_key(edit), dropped,
                )?)
            },
        },
        (Kind::Nested { .. }, _) => FieldCode {
            locked: quote! {
                #ops::nested_locked(#name, #property, #always, #wrapper_at, out);
            },
            instantiate: quote! {
                #slot::from_patch(#ops::nested_instantiate(#property, host, #wrapper_at, op)?)
            },
            sync: quote! {
                #slot::from_patch(#ops::nested_sync(
                    #property, #slot::to_patch(&instance.#plain), host, #wrapper_at,
                    &#instance_at, rows,
                )?)
            },
            preview: quote! {
                #slot::from_patch(#ops::nested_preview(
                    #name, #property, #slot::to_patch(&edit.#plain), host, #wrapper_at,
                    &#edit_at, dropped, reset,
                )?)
            },
            merge: quote! {
                #slot::from_patch(#ops::nested_preview(
                    #name, #property, #slot::to_patch(&edit.#plain), host, #wrapper_at,
                    &#edit_at, dropped, &mut ::std::vec::Vec::new(),
                )?)
            },
        },
    }
}

/// `impl Template for {Template}`.
pub(crate) fn template_impl(input: &Input<'_>) -> TokenStream {
    let Input {
        ident,
        template,
        krate,
        ..
    } = input;
    let codes: Vec<(&syn::Ident, FieldCode)> = input
        .fields
        .iter()
        .map(|field| (field.ident, field_code(krate, field)))
        .collect();
    let locked = codes.iter().map(|(_, code)| &code.locked);
    let build = |pick: fn(&FieldCode) -> &TokenStream| {
        let fields = codes.iter().map(move |(name, code)| {
            let expr = pick(code);
            quote!(#name: #expr)
        });
        quote!(::core::result::Result::Ok(#ident { #(#fields,)* }))
    };
    let instantiate = build(|code| &code.instantiate);
    let sync = build(|code| &code.sync);
    let preview = build(|code| &code.preview);
    let merge = build(|code| &code.merge);
    let keys: Vec<&Field<'_>> = input
        .fields
        .iter()
        .filter(|field| matches!(field.kind, Kind::Plain))
        .collect();
    let (template_key, plain_key) = match keys.as_slice() {
        [key] => {
            let plain = key.ident;
            let tf = template_ident(key);
            (
                quote!(#krate::template::ops::row_key(#krate::template::Slot::to_patch(&self.#tf))),
                quote!(#krate::template::ops::row_key(#krate::template::Slot::to_patch(&plain.#plain))),
            )
        }
        _ => (
            quote!(::core::option::Option::None),
            quote!(::core::option::Option::None),
        ),
    };
    // Every field but the `plain` key fields, compared.
    let compared = input
        .fields
        .iter()
        .filter(|field| !matches!(field.kind, Kind::Plain))
        .map(|field| field.ident);
    let same_but_key = quote!(true #(&& a.#compared == b.#compared)*);
    let host = quote!(::core::option::Option<&#krate::Host>);
    let error = quote!(#krate::InstantiateError);
    quote! {
        #[automatically_derived]
        #[allow(unused_variables, clippy::all, clippy::pedantic)]
        impl #krate::Template for #template {
            type Plain = #ident;

            fn __locked(
                &self,
                template_at: &str,
                row_id: ::core::option::Option<i64>,
                out: &mut ::std::vec::Vec<#krate::LockedField>,
            ) {
                #(#locked)*
            }

            fn __instantiate(
                &self,
                host: #host,
                template_at: &str,
                op: #krate::template::ops::Op,
            ) -> ::core::result::Result<#ident, #error> {
                #instantiate
            }

            fn __sync(
                &self,
                instance: &#ident,
                host: #host,
                template_at: &str,
                instance_at: &str,
                fields: &mut ::std::vec::Vec<#krate::FieldChange>,
                rows: &mut ::std::vec::Vec<#krate::RowChange>,
            ) -> ::core::result::Result<#ident, #error> {
                #sync
            }

            fn __preview(
                &self,
                edit: &#ident,
                host: #host,
                template_at: &str,
                edit_at: &str,
                dropped: &mut ::std::vec::Vec<#krate::Dropped>,
                reset: &mut ::std::vec::Vec<#krate::ResetRow>,
            ) -> ::core::result::Result<#ident, #error> {
                #preview
            }

            fn __merge_row(
                &self,
                edit: &#ident,
                host: #host,
                template_at: &str,
                edit_at: &str,
                dropped: &mut ::std::vec::Vec<#krate::Dropped>,
            ) -> ::core::result::Result<#ident, #error> {
                #merge
            }

            fn __template_key(&self) -> ::core::option::Option<i64> {
                #template_key
            }

            fn __plain_key(plain: &#ident) -> ::core::option::Option<i64> {
                #plain_key
            }

            fn __same_but_key(a: &#ident, b: &#ident) -> bool {
                #same_but_key
            }
        }
    }
}
