//! `ip-protocol-family`: a bind row whose address family does not match its
//! protocol's: an IPv4 bind type or address with TCP6/UDP6, or an IPv6 bind type
//! with TCP/UDP. (An instance's IPv6 address with TCP/UDP is `instance-ip`'s.)

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::wording::field_label;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use crate::payload::views::{Form, RowView};
use cc_model::{BindType, Endpoint, Family, Protocol};

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::BatchCreateProcTemplate,
    template: None,
    raw: false,
    summary: "a bind row whose ip family (IPv4 or IPv6) does not match its protocol's",
    explanation: "Bind types \"1\"-\"4\" are IPv4 and go only with protocol \"1\" (TCP) or \"2\" \
                  (UDP); bind types \"5\"-\"8\" are IPv6 and go only with \"3\" (TCP6) or \"4\" \
                  (UDP6). The server rejects a template row that mixes them; on an instance, an \
                  IPv4 address with TCP6/UDP6 cannot be bound as asked.",
    bad: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "web", "as_default_value": true}, "bk_func_name": {"value": "web", "as_default_value": true}, "bind_info": {"value": [{"ip": {"value": "5", "as_default_value": true}, "port": {"value": "80", "as_default_value": true}, "protocol": {"value": "1", "as_default_value": true}, "row_id": 1}], "as_default_value": true}}}]}"#,
    good: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "web", "as_default_value": true}, "bk_func_name": {"value": "web", "as_default_value": true}, "bind_info": {"value": [{"ip": {"value": "5", "as_default_value": true}, "port": {"value": "80", "as_default_value": true}, "protocol": {"value": "3", "as_default_value": true}, "row_id": 1}], "as_default_value": true}}}]}"#,
};

/// A row's protocol: `None` when missing or null; otherwise its pointer and the
/// protocol, `None` for a value that is no protocol code (the schema's to report).
pub(super) fn row_protocol(row: &RowView<'_>) -> Option<(String, Option<Protocol>)> {
    let member = row.member("protocol")?;
    if member.value.is_null() {
        return None;
    }
    let protocol = member.value.as_str().and_then(|code| {
        Protocol::ALL
            .into_iter()
            .find(|protocol| protocol.code() == code)
    });
    Some((member.pointer, protocol))
}

/// `"1" (TCP, IPv4)`.
pub(super) fn protocol_phrase(protocol: Protocol) -> String {
    let name = match protocol {
        Protocol::Tcp => "TCP",
        Protocol::Udp => "UDP",
        Protocol::Tcp6 => "TCP6",
        Protocol::Udp6 => "UDP6",
    };
    format!(
        "\"{}\" ({name}, {})",
        protocol.code(),
        family_name(protocol.family())
    )
}

/// `IPv4` or `IPv6`.
pub(super) const fn family_name(family: Family) -> &'static str {
    match family {
        Family::V4 => "IPv4",
        Family::V6 => "IPv6",
    }
}

/// What a bind type binds to.
const fn bind_meaning(bind: BindType) -> &'static str {
    match bind {
        BindType::Unset => "none",
        BindType::Localhost => "127.0.0.1",
        BindType::All => "0.0.0.0",
        BindType::LocalhostV6 => "::1",
        BindType::AllV6 => "::",
        BindType::FirstInnerIp | BindType::FirstInnerIpV6 => "first inner IP",
        BindType::FirstOuterIp | BindType::FirstOuterIpV6 => "first outer IP",
    }
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for process in &context.processes {
        for row in process.bind_rows() {
            // Values first; pointers only for a finding.
            let Some(ip) = row.value("ip").and_then(serde_json::Value::as_str) else {
                continue;
            };
            let Some(protocol) = row
                .value("protocol")
                .filter(|value| !value.is_null())
                .and_then(serde_json::Value::as_str)
                .and_then(|code| {
                    Protocol::ALL
                        .into_iter()
                        .find(|protocol| protocol.code() == code)
                })
            else {
                continue;
            };
            let wanted = protocol.family();
            let (pointer, message, help) = match row.form {
                Form::Template => {
                    let Some(bind) = BindType::ALL.into_iter().find(|bind| bind.code() == ip)
                    else {
                        continue;
                    };
                    let Some(family) = bind.family().filter(|family| *family != wanted) else {
                        continue;
                    };
                    let Some((pointer, _)) = row.string("ip") else {
                        continue;
                    };
                    let label = field_label(&pointer);
                    (
                        pointer,
                        format!(
                            "{label} bind type \"{ip}\" ({}, {}) does not go with protocol {}",
                            bind_meaning(bind),
                            family_name(family),
                            protocol_phrase(protocol)
                        ),
                        match family {
                            Family::V4 => {
                                "use an IPv6 bind type \"5\"-\"8\" with protocol \"3\" (TCP6) or \"4\" (UDP6), or protocol \"1\" (TCP) or \"2\" (UDP) with this one"
                            }
                            Family::V6 => {
                                "use an IPv4 bind type \"1\"-\"4\" with protocol \"1\" (TCP) or \"2\" (UDP), or protocol \"3\" (TCP6) or \"4\" (UDP6) with this one"
                            }
                        },
                    )
                }
                // Instances have no family check: the ip sub-attribute is
                // `(^IPV4$)|(^IPV6$)` whatever the protocol
                // (`add_agent_id_related_attr.go:229-236`).
                Form::Instance => continue,
            };
            let Some((protocol_pointer, _)) = row_protocol(row) else {
                continue;
            };
            out.push(
                Diagnostic::new(Rule::IpProtocolFamily, pointer, message)
                    .with_help(help)
                    .with_related(protocol_pointer, "protocol set here"),
            );
        }
    }
}
