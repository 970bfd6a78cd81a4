//! The template behaviour `#[derive(ProcessTemplate)]` generates: instantiate,
//! locked fields, sync and edit preview. The public methods are written once
//! here; the derive writes the per-field parts (`__`-prefixed, hidden).

use super::host::{Host, InstantiateError};
use super::plan::{
    Dropped, EditPreview, FieldChange, LockedField, ResetRow, RowChange, SyncPlan, Synced,
};

/// A generated template type: what the server does with it (semantics sections
/// 5 to 7).
pub trait Template: Sized {
    /// The plain (instance) type.
    type Plain;

    /// Every field the template locks, bind-row attributes included. The server
    /// always locks `bk_process_name` and `bk_func_name`.
    fn locked_fields(&self) -> Vec<LockedField> {
        let mut out = Vec::new();
        self.__locked("", None, &mut out);
        out
    }

    /// The instance the server creates from this template on `host` (section 5).
    /// Bind types 3, 4, 7 and 8 need the host's addresses.
    fn instantiate(&self, host: Option<&Host>) -> Result<Self::Plain, InstantiateError> {
        self.__instantiate(host, "", super::ops::Op::Instantiate)
    }

    /// What applying the template to `instance` changes, and the instance after
    /// it (section 7).
    fn sync(
        &self,
        instance: &Self::Plain,
        host: Option<&Host>,
    ) -> Result<Synced<Self::Plain>, InstantiateError> {
        let mut plan = SyncPlan::default();
        let instance = self.__sync(instance, host, "", "", &mut plan.fields, &mut plan.rows)?;
        Ok(Synced { plan, instance })
    }

    /// What the server stores for the `update_process_instance` entry `edit` of
    /// a process created from this template, and what it drops (section 6).
    fn preview(
        &self,
        edit: &Self::Plain,
        host: Option<&Host>,
    ) -> Result<EditPreview<Self::Plain>, InstantiateError> {
        let mut dropped = Vec::new();
        let mut reset_rows = Vec::new();
        let stored = self.__preview(edit, host, "", "", &mut dropped, &mut reset_rows)?;
        let (unchanged, dropped) = dropped
            .into_iter()
            .partition(|dropped| dropped.reason.is_unchanged());
        Ok(EditPreview {
            stored,
            dropped,
            unchanged,
            reset_rows,
        })
    }

    /// Generated: appends the locked fields under `at`.
    #[doc(hidden)]
    fn __locked(&self, at: &str, row_id: Option<i64>, out: &mut Vec<LockedField>);

    /// Generated: the instance value of every field, as `op` builds it.
    #[doc(hidden)]
    fn __instantiate(
        &self,
        host: Option<&Host>,
        at: &str,
        op: super::ops::Op,
    ) -> Result<Self::Plain, InstantiateError>;

    /// Generated: syncs every field (locked ones take the template's value).
    #[doc(hidden)]
    fn __sync(
        &self,
        instance: &Self::Plain,
        host: Option<&Host>,
        template_at: &str,
        instance_at: &str,
        fields: &mut Vec<FieldChange>,
        rows: &mut Vec<RowChange>,
    ) -> Result<Self::Plain, InstantiateError>;

    /// Generated: filters a process edit (locked fields are not updated).
    #[doc(hidden)]
    fn __preview(
        &self,
        edit: &Self::Plain,
        host: Option<&Host>,
        template_at: &str,
        edit_at: &str,
        dropped: &mut Vec<Dropped>,
        reset: &mut Vec<ResetRow>,
    ) -> Result<Self::Plain, InstantiateError>;

    /// Generated: merges an edited bind row with its template row (locked
    /// attributes take the template's value).
    #[doc(hidden)]
    fn __merge_row(
        &self,
        edit: &Self::Plain,
        host: Option<&Host>,
        template_at: &str,
        edit_at: &str,
        dropped: &mut Vec<Dropped>,
    ) -> Result<Self::Plain, InstantiateError>;

    /// Generated: the row id of a template row (its `plain` field), if any.
    #[doc(hidden)]
    fn __template_key(&self) -> Option<i64>;

    /// Generated: the row id of a plain row (its `plain` field), if any.
    #[doc(hidden)]
    fn __plain_key(plain: &Self::Plain) -> Option<i64>;

    /// Generated: whether two plain rows are equal in every field but their
    /// `plain` key fields.
    #[doc(hidden)]
    fn __same_but_key(a: &Self::Plain, b: &Self::Plain) -> bool;
}
