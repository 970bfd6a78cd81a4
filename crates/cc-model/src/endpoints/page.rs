//! The paging object of the list endpoints (the server's `BasePage`).

use crate::Patch;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which slice of the results a list request asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Page {
    /// Offset of the first record returned.
    #[schemars(range(min = 0))]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub start: Patch<i64>,
    /// Records per page, at most 1000 (the server's `BKMaxPageSize`). A missing or
    /// 0 limit is rejected by `list_process_related_info`.
    #[schemars(range(min = 1, max = 1000))]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub limit: Patch<i64>,
    /// Sort field, e.g. `bk_process_id`.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub sort: Patch<String>,
    /// Ask for the number of records only.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub enable_count: Patch<bool>,
}
