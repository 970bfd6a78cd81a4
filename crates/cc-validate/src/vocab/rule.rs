//! The rules' ids: every check's stable kebab-case id and default severity, in
//! catalogue order.
//!
//! The table is written once, here, as the `rule_table!` macro: this module
//! builds the [`Rule`] enum from it, and `crate::rules` builds the registry
//! (each rule's module, catalogue entry and check) from the same table, so that
//! the vocabulary every layer uses knows nothing of the checks themselves.

use crate::vocab::severity::Severity;
use std::fmt;
use std::str::FromStr;

/// Calls `$callback!` with the rule table: for each rule its doc line, its
/// variant, the module (under `crate::rules`) that holds its docs and check,
/// its id and its default severity.
macro_rules! rule_table {
    ($callback:ident) => {
        $callback! {
        /// The payload is not valid JSON.
        JsonSyntax => json_syntax, "json-syntax", Error;
        /// An object repeats a key.
        DuplicateKey => duplicate_key, "duplicate-key", Error;
        /// A JSON Schema violation.
        Schema => schema, "schema", Error;
        /// An integer field written as `1.0` or `1e2`, or outside i64.
        IntegerLiteral => integer_literal, "integer-literal", Error;
        /// A key no model of the endpoint knows (a warning when no known key is close).
        UnknownField => unknown_field, "unknown-field", Error;
        /// A key that matches a known field only case-insensitively.
        KeyCase => key_case, "key-case", Warning;
        /// A legacy field current servers accept and ignore.
        LegacyField => legacy_field, "legacy-field", Warning;
        /// A string value with leading or trailing whitespace.
        SurroundingWhitespace => surrounding_whitespace, "surrounding-whitespace", Error;
        /// A port list that does not parse.
        PortSyntax => port_syntax, "port-syntax", Error;
        /// A port range whose start is above its end.
        PortRangeOrder => port_range_order, "port-range-order", Error;
        /// Two items of a port list that overlap.
        PortOverlap => port_overlap, "port-overlap", Error;
        /// A template bind row's ip that is not a bind-type code.
        BindIpCode => bind_ip_code, "bind-ip-code", Error;
        /// An instance bind row's ip that is not an address the server accepts.
        InstanceIp => instance_ip, "instance-ip", Error;
        /// A bind address family that does not match the protocol's.
        IpProtocolFamily => ip_protocol_family, "ip-protocol-family", Error;
        /// Two bind rows of one process with the same row id.
        DuplicateRowId => duplicate_row_id, "duplicate-row-id", Error;
        /// Two processes of one batch with the same name.
        DuplicateProcessName => duplicate_process_name, "duplicate-process-name", Error;
        /// Two processes of one batch with the same function name and start-parameter regex.
        DuplicateFuncNameRegex => duplicate_func_name_regex, "duplicate-func-name-regex", Error;
        /// More items than the endpoint accepts.
        TooManyItems => too_many_items, "too-many-items", Error;
        /// An empty processes list: the call does nothing.
        EmptyBatch => empty_batch, "empty-batch", Warning;
        /// A `batch_create_proc_template` request without a service template id.
        MissingServiceTemplateId => missing_service_template_id, "missing-service-template-id", Error;
        /// An `update_process_instance` entry without a process id.
        MissingProcessId => missing_process_id, "missing-process-id", Error;
        /// An id the server refuses (0 or negative), or one it cannot read.
        InvalidId => invalid_id, "invalid-id", Error;
        /// A value an instance's process attribute definition refuses.
        InstanceAttribute => instance_attribute, "instance-attribute", Error;
        /// An `update_process_instance` entry the server may write whole.
        RawProcessEdit => raw_process_edit, "raw-process-edit", Warning;
        /// A template `bk_start_check_secs` above 600, which instances refuse.
        StartCheckSecsRange => start_check_secs_range, "start-check-secs-range", Warning;
        /// A credential that looks real rather than a placeholder.
        SecretInPayload => secret_in_payload, "secret-in-payload", Warning;
        /// A field the endpoint ignores or overwrites.
        IgnoredField => ignored_field, "ignored-field", Warning;
        /// With a template: an edit of a locked field, which the server drops.
        LockedFieldEdit => locked_field_edit, "locked-field-edit", Warning;
        /// With a template: a bind row matching no template row, which the server drops.
        UnmatchedTemplateRow => unmatched_template_row, "unmatched-template-row", Warning;
        /// With a template: an edit that leaves bind rows out, which the server resets.
        BindInfoReset => bind_info_reset, "bind-info-reset", Warning;
        /// The input is larger than the size limit (`--max-file-size`).
        FileTooLarge => file_too_large, "file-too-large", Error;
        }
    };
}
pub(crate) use rule_table;

macro_rules! rule_enum {
    ($($(#[$doc:meta])* $variant:ident => $module:ident, $id:literal, $severity:ident;)*) => {
        /// A check, with its stable kebab-case id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $($(#[$doc])* $variant,)*
        }

        impl Rule {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The stable id used in output and on the command line.
            #[must_use]
            pub const fn id(self) -> &'static str {
                match self {
                    $(Self::$variant => $id,)*
                }
            }

            /// The severity the rule reports at unless overridden (some rules
            /// report a lower severity on some endpoints; their docs say so).
            #[must_use]
            pub const fn default_severity(self) -> Severity {
                match self {
                    $(Self::$variant => Severity::$severity,)*
                }
            }
        }
    };
}

rule_table!(rule_enum);

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A rule id that names no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule `{0}`; `cc-lint explain --list` lists them")]
pub struct UnknownRule(pub String);

impl FromStr for Rule {
    type Err = UnknownRule;

    fn from_str(id: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|rule| rule.id() == id)
            .ok_or_else(|| UnknownRule(id.to_owned()))
    }
}
