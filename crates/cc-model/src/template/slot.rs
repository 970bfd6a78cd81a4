//! `Slot<T>`: the two optional field types a plain struct may use, seen alike.

use crate::Patch;

/// A plain struct's optional field: `Option<T>` or [`Patch<T>`].
pub trait Slot<T> {
    /// The field as a borrowed [`Patch`]; an `Option` field's `None` reads as
    /// absent.
    fn to_patch(&self) -> Patch<&T>;
    /// Builds the field from a [`Patch`].
    fn from_patch(patch: Patch<T>) -> Self;
}

impl<T> Slot<T> for Patch<T> {
    fn to_patch(&self) -> Patch<&T> {
        self.as_ref()
    }

    fn from_patch(patch: Patch<T>) -> Self {
        patch
    }
}

impl<T> Slot<T> for Option<T> {
    fn to_patch(&self) -> Patch<&T> {
        self.as_ref().map_or(Patch::Absent, Patch::Set)
    }

    fn from_patch(patch: Patch<T>) -> Self {
        patch.into_option()
    }
}
