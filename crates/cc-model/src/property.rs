//! `Property<T>`: the `{value, as_default_value}` wrapper of a template field.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One field of a process template: the value instances take, and whether the
/// template locks it.
///
/// Both members are always written, `null` included, the way the server and its
/// docs write them. A missing or `null` `as_default_value` means `false`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
#[schemars(rename = "Property_{T}")]
pub struct Property<T> {
    /// The value every instance created from the template starts with.
    #[serde(default)]
    pub value: Option<T>,
    /// When true the field is locked: instances always take the template's value
    /// and edits of it on an instance are dropped by the server.
    #[serde(default)]
    pub as_default_value: Option<bool>,
}

impl<T> Default for Property<T> {
    fn default() -> Self {
        Self {
            value: None,
            as_default_value: None,
        }
    }
}

impl<T> Property<T> {
    /// A property holding `value`, locked or not.
    pub const fn new(value: Option<T>, locked: bool) -> Self {
        Self {
            value,
            as_default_value: Some(locked),
        }
    }

    /// True when the template locks this field (`as_default_value: true`).
    #[must_use]
    pub fn is_locked(&self) -> bool {
        self.as_default_value == Some(true)
    }
}
