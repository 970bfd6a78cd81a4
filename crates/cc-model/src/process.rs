//! The plain process (an instance) and its bind rows. The `#[schemars(...)]`
//! limits on the fields are the template form's (`ProcessProperty.Validate`,
//! `process.go:1844-1883` at bk-cmdb 111e7ac), written here once;
//! `#[derive(ProcessTemplate)]` carries them into the template form. The
//! instance form's limits are declared once in [`crate::attributes`] and
//! replace these in the instance schemas.

use crate::codes::{BindType, Protocol};
use crate::{Patch, ProcessTemplate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A process instance: the flat object of `update_process_instance` and the
/// `process_info` of `create_process_instance`.
///
/// Every field is a [`Patch`]: absent, explicit `null` (clears the field in an
/// update), or set.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema, ProcessTemplate)]
#[cc(template = "ProcessTemplateSpec", partial = "ProcessTemplatePatch")]
#[serde(default)]
pub struct Process {
    /// Process alias, unique within a service instance. Always locked in a template.
    #[cc(required, always_locked)]
    #[schemars(length(min = 1))]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_process_name: Patch<String>,
    /// Process name (the binary's name). Always locked in a template.
    #[cc(required, always_locked, update_ignored)]
    #[schemars(length(min = 1))]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_func_name: Patch<String>,
    /// Regular expression matched against the start parameters, to tell apart
    /// processes with the same name.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_start_param_regex: Patch<String>,
    /// Number of copies started.
    #[schemars(range(min = 1, max = 10000))]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub proc_num: Patch<i64>,
    /// Start priority.
    #[schemars(range(min = -100, max = 10000))]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub priority: Patch<i64>,
    /// Operation timeout in seconds: 1..10000 in a template, 0..10000 on an
    /// instance.
    #[schemars(range(min = 1, max = 10000))]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub timeout: Patch<i64>,
    /// Seconds to wait before checking that the process started: 1..10000 in a
    /// template, 0..600 on an instance (a template above 600 cannot be
    /// instantiated).
    #[schemars(range(min = 1, max = 10000))]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_start_check_secs: Patch<i64>,
    /// Whether the process is started automatically.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub auto_start: Patch<bool>,
    /// Start command.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub start_cmd: Patch<String>,
    /// Stop command.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub stop_cmd: Patch<String>,
    /// Restart command.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub restart_cmd: Patch<String>,
    /// Reload command.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub reload_cmd: Patch<String>,
    /// Force-stop command (upstream spelling).
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub face_stop_cmd: Patch<String>,
    /// PID file path.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub pid_file: Patch<String>,
    /// Working directory.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub work_path: Patch<String>,
    /// The user the process runs as.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub user: Patch<String>,
    /// Free-text description.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub description: Patch<String>,
    /// Addresses and ports the process listens on.
    #[cc(nested)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bind_info: Patch<Vec<BindInfo>>,
    /// Process id; required (non-zero) in `update_process_instance`.
    #[cc(skip)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_process_id: Patch<i64>,
    /// Business id the process belongs to (bookkeeping; the request's top-level
    /// `bk_biz_id` decides).
    #[cc(skip)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_biz_id: Patch<i64>,
    /// Supplier account (bookkeeping).
    #[cc(skip)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_supplier_account: Patch<String>,
    /// The service instance holding the process (bookkeeping).
    #[cc(skip)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub service_instance_id: Patch<i64>,
    /// Creation time (bookkeeping): `null` or a strict RFC 3339 timestamp such
    /// as `2019-06-19T15:24:04.763+08:00`, which is all the server's decoder
    /// takes on an update (see `cc_model::timestamp`).
    #[cc(skip)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    #[schemars(regex(pattern = crate::timestamp::PATTERN))]
    pub create_time: Patch<String>,
    /// Last change time (bookkeeping): `null` or a strict RFC 3339 timestamp.
    #[cc(skip)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    #[schemars(regex(pattern = crate::timestamp::PATTERN))]
    pub last_time: Patch<String>,
    /// Legacy: pull-up interval. Accepted and ignored by current servers, with
    /// any value or type (not a field of the server's `Process`).
    #[cc(legacy)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub auto_time_gap: Patch<serde_json::Value>,
    /// Legacy: function id. Accepted and ignored by current servers, with any
    /// value or type.
    #[cc(legacy)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_func_id: Patch<serde_json::Value>,
    /// Legacy: process template id. Accepted and ignored by current servers,
    /// with any value or type.
    #[cc(legacy)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub process_template_id: Patch<serde_json::Value>,
}

/// One bind row of a process instance: an address, ports and protocol.
#[derive(
    Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, ProcessTemplate,
)]
#[cc(template = "BindInfoTemplate")]
#[serde(default)]
pub struct BindInfo {
    /// On an instance, an IPv4 or IPv6 address (whatever the protocol) or empty.
    /// In a template, a bind-type code `"1"`..`"8"` resolved per host.
    /// A template row whose ip is `""`, null or missing instantiates as `""`
    /// (`process.go:929-931`, `process_bind_info.go:681-690`), and so does a
    /// row an edit restores or a locked null ip an edit writes
    /// (`process_bind_info.go:467-494`); sync writes a null ip as null
    /// (`process_bind_info.go:267-275`).
    #[cc(template_type = "BindType", null_as_default(instantiate, edit))]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub ip: Patch<String>,
    /// Ports. In a template row (required): comma-separated ports `1..=65535` or
    /// ranges `A-B`, without overlaps. On an instance (required, not null): one
    /// port or one range.
    #[cc(required)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub port: Patch<String>,
    /// Protocol code: `"1"` TCP, `"2"` UDP, `"3"` TCP6, `"4"` UDP6. Required in a
    /// template row.
    #[cc(required)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub protocol: Patch<Protocol>,
    /// Whether the binding is enabled. Required (not null) on an instance; in a
    /// template, null or missing instantiates and syncs as false
    /// (`process_bind_info.go:703-709, 358-389`), while an edit writes it as
    /// null, which the instance checks refuse (`process_bind_info.go:541-565`).
    #[cc(null_as_default(instantiate, sync))]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub enable: Patch<bool>,
    /// The template row this row was created from (`row_id` in the template).
    #[cc(plain, rename = "row_id")]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub template_row_id: Patch<i64>,
}
