#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod ast;
mod attr;
mod behaviour;
mod check;
mod ctxt;
mod expand;
mod fallback;
mod symbol;

use proc_macro::TokenStream;

/// Derives the template form of a plain process struct; see the crate docs for the
/// `#[cc(...)]` attributes.
#[proc_macro_derive(ProcessTemplate, attributes(cc))]
pub fn derive_process_template(input: TokenStream) -> TokenStream {
    expand::derive(input.into()).into()
}
