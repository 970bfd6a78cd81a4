//! The attribute keys of `#[cc(...)]`, in one place.

use std::fmt::{self, Display};
use syn::Path;

/// One attribute key.
#[derive(Copy, Clone)]
pub(crate) struct Symbol(pub(crate) &'static str);

pub(crate) const CC: Symbol = Symbol("cc");
pub(crate) const SERDE: Symbol = Symbol("serde");
pub(crate) const DOC: Symbol = Symbol("doc");
pub(crate) const RENAME: Symbol = Symbol("rename");
pub(crate) const RENAME_ALL: Symbol = Symbol("rename_all");

pub(crate) const TEMPLATE: Symbol = Symbol("template");
pub(crate) const PARTIAL: Symbol = Symbol("partial");
pub(crate) const CRATE: Symbol = Symbol("crate");

pub(crate) const SKIP: Symbol = Symbol("skip");
pub(crate) const PLAIN: Symbol = Symbol("plain");
pub(crate) const NESTED: Symbol = Symbol("nested");
pub(crate) const TEMPLATE_TYPE: Symbol = Symbol("template_type");
pub(crate) const REQUIRED: Symbol = Symbol("required");
pub(crate) const ALWAYS_LOCKED: Symbol = Symbol("always_locked");
pub(crate) const LEGACY: Symbol = Symbol("legacy");
pub(crate) const NULL_AS_DEFAULT: Symbol = Symbol("null_as_default");
pub(crate) const INSTANTIATE: Symbol = Symbol("instantiate");
pub(crate) const SYNC: Symbol = Symbol("sync");
pub(crate) const EDIT: Symbol = Symbol("edit");
pub(crate) const UPDATE_IGNORED: Symbol = Symbol("update_ignored");

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl PartialEq<Symbol> for &Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
