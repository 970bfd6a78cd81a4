//! `Patch<T>`: a field that is absent, explicitly `null`, or set.
//!
//! The CMDB server treats an absent key and an explicit `null` differently in
//! `update_process_instance` (a `null` clears the field), so the models keep the
//! three states apart instead of folding them into `Option<T>`.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;

/// A JSON object member that is absent, explicitly `null`, or holds a value.
///
/// Use it with `#[serde(default, skip_serializing_if = "Patch::is_absent")]` so that
/// an absent key stays absent when the value is written back.
///
/// ```
/// use cc_model::Patch;
/// #[derive(serde::Deserialize)]
/// struct Edit {
///     #[serde(default)]
///     user: Patch<String>,
/// }
/// let absent: Edit = serde_json::from_str("{}").unwrap();
/// let null: Edit = serde_json::from_str(r#"{"user": null}"#).unwrap();
/// let set: Edit = serde_json::from_str(r#"{"user": "root"}"#).unwrap();
/// assert!(absent.user.is_absent());
/// assert!(null.user.is_null());
/// assert_eq!(set.user.value(), Some(&"root".to_string()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Patch<T> {
    /// The key is not in the object.
    #[default]
    Absent,
    /// The key is present with the value `null`.
    Null,
    /// The key is present with a value.
    Set(T),
}

impl<T> Patch<T> {
    /// True when the key is not in the object.
    #[must_use]
    pub const fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// True when the key is present with the value `null`.
    #[must_use]
    pub const fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// True when the key is present (with a value or `null`).
    #[must_use]
    pub const fn is_present(&self) -> bool {
        !self.is_absent()
    }

    /// The value, when one is set.
    #[must_use]
    pub const fn value(&self) -> Option<&T> {
        match self {
            Self::Set(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The value as an `Option`, folding absent and `null` together.
    #[must_use]
    pub fn into_option(self) -> Option<T> {
        match self {
            Self::Set(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// Borrows the value: `Patch<&T>`.
    #[must_use]
    pub const fn as_ref(&self) -> Patch<&T> {
        match self {
            Self::Absent => Patch::Absent,
            Self::Null => Patch::Null,
            Self::Set(value) => Patch::Set(value),
        }
    }

    /// Maps the value, keeping absent and `null` as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Self::Absent => Patch::Absent,
            Self::Null => Patch::Null,
            Self::Set(value) => Patch::Set(f(value)),
        }
    }
}

impl<T> From<Option<T>> for Patch<T> {
    /// `Some` becomes [`Patch::Set`], `None` becomes [`Patch::Null`] (a present key).
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Null, Self::Set)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Set(value) => serializer.serialize_some(value),
            Self::Absent | Self::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Self::from)
    }
}

impl<T: JsonSchema> JsonSchema for Patch<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        <Option<T> as JsonSchema>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        <Option<T> as JsonSchema>::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <Option<T> as JsonSchema>::json_schema(generator)
    }

    fn _schemars_private_is_option() -> bool {
        true
    }
}
