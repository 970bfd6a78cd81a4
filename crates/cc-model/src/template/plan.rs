//! What template behaviour reports: locked fields, sync plans and edit previews.

use serde::Serialize;
use serde_json::Value;

/// A field the template locks: instances always take the template's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LockedField {
    /// The plain field's name (`proc_num`, or `port` for a bind-row attribute).
    pub field: &'static str,
    /// The bind row's id, for a bind-row attribute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_id: Option<i64>,
    /// Pointer to the wrapper in the template (`/proc_num`, `/bind_info/value/0/port`).
    pub pointer: String,
}

/// One field whose value a sync changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The plain field's name.
    pub field: &'static str,
    /// Pointer to the value in the instance.
    pub pointer: String,
    /// The instance's value now (`null` when absent or null).
    pub old: Value,
    /// The value after the sync.
    pub new: Value,
}

/// One bind-row change of a sync.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum RowChange {
    /// A template row the instance lacks: the sync adds it.
    Added {
        /// The row's id.
        row_id: Option<i64>,
        /// The instance row the sync creates.
        row: Value,
    },
    /// An instance row no template row matches: the sync removes it.
    Removed {
        /// The row's `template_row_id`.
        row_id: Option<i64>,
        /// Pointer to the row in the instance.
        pointer: String,
    },
    /// A matched row whose locked attributes differ from the template's.
    Changed {
        /// The row's id.
        row_id: Option<i64>,
        /// Pointer to the row in the instance.
        pointer: String,
        /// The attribute changes.
        changes: Vec<FieldChange>,
    },
}

/// What applying a template to an instance changes (semantics section 7).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SyncPlan {
    /// Locked fields whose value differs from the template's.
    pub fields: Vec<FieldChange>,
    /// Bind-row changes.
    pub rows: Vec<RowChange>,
}

impl SyncPlan {
    /// True when the sync changes nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.rows.is_empty()
    }
}

/// A sync plan and the instance it produces.
#[derive(Debug, Clone, PartialEq)]
pub struct Synced<P> {
    /// What changes.
    pub plan: SyncPlan,
    /// The instance after the sync.
    pub instance: P,
}

/// Why the server drops part of an instance edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// The template locks the field; the edit is ignored.
    Locked,
    /// A `null` that would clear a locked field; ignored.
    NullOnLocked,
    /// A legacy field current servers ignore.
    Legacy,
    /// A bind row whose `template_row_id` matches no template row.
    NoTemplateRow,
    /// A locked bind-row attribute: the template's value is stored instead.
    TemplateValue,
    /// A locked field sent with the template's own value: the edit is not
    /// applied, but what is stored is what was sent.
    LockedUnchanged,
    /// A bind row matching no template row by id, sent exactly as a template
    /// row the edit leaves out: the server drops it and restores that row with
    /// the same values.
    RestoredAsSent,
}

impl DropReason {
    /// A short explanation, for messages.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Locked => "the template locks this field",
            Self::NullOnLocked => "the template locks this field, so null does not clear it",
            Self::Legacy => "current servers ignore this legacy field",
            Self::NoTemplateRow => "no template row has this template_row_id",
            Self::TemplateValue => {
                "the template locks this attribute and its value is stored instead"
            }
            Self::LockedUnchanged => {
                "the template locks this field, and the edit sends the template's value: nothing changes"
            }
            Self::RestoredAsSent => {
                "no template row has this template_row_id, but the server restores a template row exactly as sent"
            }
        }
    }
}

/// One part of an edit the server drops.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dropped {
    /// The plain field's name.
    pub field: &'static str,
    /// The bind row's id, for a bind-row attribute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_id: Option<i64>,
    /// Pointer into the edit (relative to the edited process).
    pub pointer: String,
    /// Why.
    pub reason: DropReason,
}

impl DropReason {
    /// True when the server stores what the edit sent although it does not
    /// apply the edit: nothing is lost.
    #[must_use]
    pub const fn is_unchanged(self) -> bool {
        matches!(self, Self::LockedUnchanged | Self::RestoredAsSent)
    }
}

/// A template bind row the edit does not mention: the server adds it back with
/// the template's values (an edit without `bind_info` resets every row).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResetRow {
    /// The row's id.
    pub row_id: Option<i64>,
    /// Pointer to the row in the template.
    pub template_pointer: String,
}

/// What the server does with one `update_process_instance` entry (section 6).
#[derive(Debug, Clone, PartialEq)]
pub struct EditPreview<P> {
    /// The fields the server writes (absent: left as stored).
    pub stored: P,
    /// The parts of the edit the server drops, and whose value it does not
    /// store.
    pub dropped: Vec<Dropped>,
    /// The parts of the edit the server does not apply but whose value it
    /// stores all the same: a locked field sent with the template's value, a
    /// row sent exactly as the template restores it. Nothing is lost.
    pub unchanged: Vec<Dropped>,
    /// Template rows restored because the edit left them out.
    pub reset_rows: Vec<ResetRow>,
}
