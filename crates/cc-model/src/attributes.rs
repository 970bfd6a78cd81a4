//! The instance form's limits: the process attribute definitions the admin
//! server's upgraders install (bk-cmdb 111e7ac, `docs/semantics.md` section 8),
//! which the coreservice checks every instance against (create, update,
//! instantiation and sync).
//!
//! Each form's limits are declared once. The template form's are the
//! `#[schemars(...)]` limits on [`crate::Process`]'s fields (`process.go`'s
//! `ProcessProperty.Validate`), which `#[derive(ProcessTemplate)]` carries into
//! the template wrappers' value schemas. The instance form's are the tables
//! below: [`crate::schema`] writes their integer ranges into the instance
//! schemas (`$defs/Process`), replacing the template's, and cc-validate's
//! `instance-attribute` rule checks what a JSON Schema cannot say (byte lengths
//! after trimming, required attributes, the bind-row sub-attributes).

/// How an instance attribute is typed, with its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeType {
    /// An integer in `min..=max` (`attribute.go` `validInt`); `None` for no
    /// limit.
    Int(Option<(i64, i64)>),
    /// A string of at most [`SINGLECHAR_MAX_BYTES`] bytes after trimming, and
    /// matching `regex` when one is given (`validChar`).
    SingleChar,
    /// A string of at most [`LONGCHAR_MAX_BYTES`] bytes after trimming.
    LongChar,
    /// A JSON boolean.
    Bool,
    /// One of the enum ids, compared untrimmed (`validEnum`).
    Enum(&'static [&'static str]),
    /// A list of rows whose keys are sub-attributes ([`BIND_ROW_ATTRIBUTES`]).
    Table,
}

/// One instance attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstanceAttribute {
    /// The attribute id (the JSON key).
    pub name: &'static str,
    /// Its type and limits.
    pub kind: AttributeType,
    /// `null`, missing or empty (after trimming) is refused.
    pub required: bool,
    /// The upgrader lines (at bk-cmdb 111e7ac) that define it.
    pub source: &'static str,
}

/// The fields of a new process that the server sets itself whatever the
/// request holds, of any value or type (`processinstance.go:122-133`): a
/// `create_process_instance` (or `create_service_instance`) process's
/// `process_info` may carry them, and they are neither checked nor stored as
/// sent.
pub const OVERWRITTEN_ON_CREATE: [&str; 6] = [
    "bk_process_id",
    "bk_biz_id",
    "bk_supplier_account",
    "create_time",
    "last_time",
    "service_instance_id",
];

/// Byte limit of a singlechar attribute (`common/definitions.go:1058`).
pub const SINGLECHAR_MAX_BYTES: usize = 256;
/// Byte limit of a longchar attribute (`common/definitions.go:1061`).
pub const LONGCHAR_MAX_BYTES: usize = 2000;

const fn attr(
    name: &'static str,
    kind: AttributeType,
    required: bool,
    source: &'static str,
) -> InstanceAttribute {
    InstanceAttribute {
        name,
        kind,
        required,
        source,
    }
}

use AttributeType::{Bool, Enum, Int, LongChar, SingleChar, Table};

/// The process attributes an instance is checked against.
pub const PROCESS_ATTRIBUTES: &[InstanceAttribute] = &[
    attr(
        "bk_process_name",
        SingleChar,
        true,
        "upgrader/history/x19.05.16.01/update_process_property.go:147-176",
    ),
    attr(
        "bk_func_name",
        SingleChar,
        true,
        "upgrader/history/v3.0.8/objAttDescData.go:289-291, upgrader/history/x08.09.26.01/upgrader.go:47-57",
    ),
    attr(
        "description",
        SingleChar,
        false,
        "upgrader/history/v3.0.8/objAttDescData.go:268-270",
    ),
    attr(
        "user",
        SingleChar,
        false,
        "upgrader/history/v3.0.8/objAttDescData.go:294-295",
    ),
    attr(
        "work_path",
        LongChar,
        false,
        "upgrader/history/v3.0.8/objAttDescData.go:292-293",
    ),
    attr(
        "start_cmd",
        LongChar,
        false,
        "upgrader/history/v3.0.8/objAttDescData.go:307-322",
    ),
    attr(
        "stop_cmd",
        LongChar,
        false,
        "upgrader/history/v3.0.8/objAttDescData.go:307-322",
    ),
    attr(
        "restart_cmd",
        LongChar,
        false,
        "upgrader/history/v3.0.8/objAttDescData.go:307-322",
    ),
    attr(
        "face_stop_cmd",
        LongChar,
        false,
        "upgrader/history/v3.0.8/objAttDescData.go:307-322",
    ),
    attr(
        "reload_cmd",
        LongChar,
        false,
        "upgrader/history/v3.0.8/objAttDescData.go:307-322",
    ),
    attr(
        "pid_file",
        LongChar,
        false,
        "upgrader/history/v3.0.8/objAttDescData.go:307-322",
    ),
    attr(
        "bk_start_param_regex",
        LongChar,
        false,
        "upgrader/history/v3.1.0-alpha.2/addBkStartParamRegex.go",
    ),
    attr(
        "proc_num",
        Int(Some((1, 10_000))),
        false,
        "upgrader/history/x19.05.16.01/update_process_property.go:273-300",
    ),
    attr(
        "priority",
        Int(Some((-100, 10_000))),
        false,
        "upgrader/y3.9.202106031151/update_process_pri_range.go:11-31",
    ),
    attr(
        "timeout",
        Int(Some((0, 10_000))),
        false,
        "upgrader/history/x19.09.03.08/update_process_property.go:29-50",
    ),
    attr(
        "bk_start_check_secs",
        Int(Some((0, 600))),
        false,
        "upgrader/y3.9.202011171550/change_process_attr.go:96-132, upgrader/y3.9.202012011450/change_proc_attr_index.go:69-85",
    ),
    attr(
        "auto_start",
        Bool,
        false,
        "upgrader/history/v3.0.8/objAttDescData.go:323-325",
    ),
    attr(
        "bind_info",
        Table,
        false,
        "upgrader/history/y3.8.202009101702/proc_bind_change.go:32-86",
    ),
];

/// The protocol enum ids of a bind row.
pub const PROTOCOL_IDS: &[&str] = &["1", "2", "3", "4"];

/// The sub-attributes of an instance bind row (`attribute.go:982-1075`).
pub const BIND_ROW_ATTRIBUTES: &[InstanceAttribute] = &[
    attr(
        "ip",
        SingleChar,
        false,
        "upgrader/y3.9.202107311844/set_proc_bind_ip_not_reuqired.go:29-41, upgrader/y3.10.202305110949/add_agent_id_related_attr.go:229-236",
    ),
    attr(
        "port",
        SingleChar,
        true,
        "upgrader/history/y3.8.202009101702/proc_bind_change.go:278-287",
    ),
    attr(
        "protocol",
        Enum(PROTOCOL_IDS),
        true,
        "upgrader/history/y3.8.202009101702/proc_bind_change.go:288-298",
    ),
    attr(
        "enable",
        Bool,
        true,
        "upgrader/history/y3.8.202009101702/proc_bind_change.go:299-307",
    ),
    attr(
        "template_row_id",
        Int(None),
        false,
        "upgrader/y3.9.202112061431/add_bind_info_option.go:62-76",
    ),
];

/// The process attribute `name`, if the process has one.
#[must_use]
pub fn process_attribute(name: &str) -> Option<&'static InstanceAttribute> {
    PROCESS_ATTRIBUTES
        .iter()
        .find(|attribute| attribute.name == name)
}

/// The bind-row sub-attribute `name`, if rows have one.
#[must_use]
pub fn bind_row_attribute(name: &str) -> Option<&'static InstanceAttribute> {
    BIND_ROW_ATTRIBUTES
        .iter()
        .find(|attribute| attribute.name == name)
}

/// True when `port` (trimmed) is one port 1-65535 or one range `A-B` of such
/// ports, the ends not compared: the port sub-attribute's regex
/// (`proc_bind_change.go:278-287`).
#[must_use]
pub fn instance_port_matches(port: &str) -> bool {
    fn one(text: &str) -> bool {
        !text.is_empty()
            && text.len() <= 5
            && text.bytes().all(|byte| byte.is_ascii_digit())
            && !text.starts_with('0')
            && text
                .parse::<u32>()
                .is_ok_and(|port| (1..=65_535).contains(&port))
    }
    let port = port.trim();
    match port.split_once('-') {
        Some((start, end)) => one(start) && one(end),
        None => one(port),
    }
}

/// True when `ip` (trimmed) matches the ip sub-attribute's regex
/// `(^IPV4$)|(^IPV6$)` (`add_agent_id_related_attr.go:229-236`): a dotted quad
/// whose groups are 0-255 (a two-digit group may have a leading zero, `01`), or
/// an IPv6 address (approximated by the standard parser: zone ids are refused). Empty is checked by the caller (the
/// attribute is not required).
#[must_use]
pub fn instance_ip_matches(ip: &str) -> bool {
    let ip = ip.trim();
    ip.parse::<std::net::Ipv6Addr>().is_ok() || ipv4_matches(ip)
}

fn ipv4_matches(ip: &str) -> bool {
    let groups: Vec<&str> = ip.split('.').collect();
    groups.len() == 4
        && groups.iter().all(|group| {
            // `1?\d{1,2}|2[0-4]\d|25[0-5]`: three digits only from 100.
            (1..=3).contains(&group.len())
                && group.bytes().all(|byte| byte.is_ascii_digit())
                && (group.len() < 3 || group.starts_with('1') || group.starts_with('2'))
                && group.parse::<u16>().is_ok_and(|value| value <= 255)
        })
}
