//! `instance-ip`: an instance bind row's `ip` that is not an address the server
//! accepts: an IPv4 dotted quad, empty, or (deliberately, see the docs) an IPv6
//! address on a TCP6/UDP6 row.

use super::RuleDoc;
use super::ip_protocol_family::{protocol_phrase, row_protocol};
use crate::payload::context::Context;
use crate::vocab::wording::{field_label, quoted};
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use crate::payload::views::Form;
use cc_model::{BindType, Endpoint, Family};
use std::net::{Ipv4Addr, Ipv6Addr};

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    summary: "an instance bind row's ip that is not an IPv4 address, an IPv6 address with TCP6/UDP6, or empty",
    explanation: "The server takes an instance row's ip as a concrete address: an IPv4 dotted \
                  quad without leading zeros, or empty; host names and template bind-type codes \
                  are rejected. Upstream also rejects IPv6 addresses even on TCP6/UDP6 rows, \
                  which is an upstream bug: this rule deliberately accepts an IPv6 address when \
                  the row's protocol is \"3\" (TCP6) or \"4\" (UDP6), and reports one with TCP, \
                  UDP or no protocol.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"ip": "localhost", "port": "80", "protocol": "1", "template_row_id": 1}]}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"ip": "127.0.0.1", "port": "80", "protocol": "1", "template_row_id": 1}]}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for process in &context.processes {
        if process.form != Form::Instance {
            continue;
        }
        for row in process.bind_rows() {
            let Some(ip) = row.value("ip").and_then(serde_json::Value::as_str) else {
                continue;
            };
            if ip.is_empty() || ip.parse::<Ipv4Addr>().is_ok() {
                continue;
            }
            // The pointer is built only for a finding.
            let Some((pointer, _)) = row.string("ip") else {
                continue;
            };
            let label = field_label(&pointer);
            let diagnostic = if ip.parse::<Ipv6Addr>().is_ok() {
                let expected = "needs protocol \"3\" (TCP6) or \"4\" (UDP6)";
                let diagnostic = match row_protocol(row) {
                    None => Diagnostic::new(
                        Rule::InstanceIp,
                        pointer,
                        format!(
                            "{label} {} is an IPv6 address, which {expected}; the row has no protocol",
                            quoted(ip)
                        ),
                    ),
                    Some((protocol_pointer, Some(protocol))) if protocol.family() == Family::V4 => {
                        Diagnostic::new(
                            Rule::InstanceIp,
                            pointer,
                            format!(
                                "{label} {} is an IPv6 address, which {expected}; found protocol {}",
                                quoted(ip),
                                protocol_phrase(protocol)
                            ),
                        )
                        .with_related(protocol_pointer, "protocol set here")
                    }
                    // TCP6/UDP6, or not a protocol code (the schema reports that).
                    Some(_) => continue,
                };
                diagnostic.with_help(
                    "set the row's protocol to \"3\" (TCP6) or \"4\" (UDP6), or use an IPv4 address",
                )
            } else {
                let help = if BindType::ALL.iter().any(|bind| bind.code() == ip) {
                    "bind-type codes are for template rows; an instance row takes the address itself, e.g. \"127.0.0.1\""
                } else {
                    "write a dotted quad like \"10.0.0.1\" (no host names, no leading zeros), leave it empty, or use an IPv6 address with protocol TCP6/UDP6"
                };
                Diagnostic::new(
                    Rule::InstanceIp,
                    pointer,
                    format!(
                        "{label} must be an IPv4 address, an IPv6 address with protocol TCP6/UDP6, or empty; found {}",
                        quoted(ip)
                    ),
                )
                .with_help(help)
            };
            out.push(diagnostic);
        }
    }
}
