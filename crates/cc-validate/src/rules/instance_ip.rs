//! `instance-ip`: an instance bind row's `ip` that is not an address the server
//! accepts: an IPv4 dotted quad, empty, or (deliberately, see the docs) an IPv6
//! address on a TCP6/UDP6 row.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::wording::{field_label, quoted};
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use crate::payload::views::Form;
use cc_model::attributes::instance_ip_matches;
use cc_model::{BindType, Endpoint};

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "an instance bind row's ip that is neither an IPv4 nor an IPv6 address, nor empty",
    explanation: "The server checks an instance row's ip against its ip sub-attribute, \
                  `(^IPV4$)|(^IPV6$)` after trimming \
                  (`upgrader/y3.10.202305110949/add_agent_id_related_attr.go:229-236`, \
                  `attribute.go:689`), and refuses anything else with 1199006 \
                  \"'bind_info' data parameter verification does not pass\" (wrapped as 1199011): \
                  host names and template bind-type codes are refused. The IPv4 part accepts \
                  a leading zero in a one- or two-digit group (`01.02.03.04`). There is no \
                  family check against the protocol on instances: `::1` with TCP is accepted.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"ip": "localhost", "port": "80", "protocol": "1", "enable": true, "template_row_id": 1}]}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"ip": "127.0.0.1", "port": "80", "protocol": "1", "enable": true, "template_row_id": 1}]}]}"#,
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
            if ip.trim().is_empty() || instance_ip_matches(ip) {
                continue;
            }
            let Some((pointer, _)) = row.string("ip") else {
                continue;
            };
            let label = field_label(&pointer);
            let help = if BindType::ALL.iter().any(|bind| bind.code() == ip) {
                "bind-type codes are for template rows; an instance row takes the address itself, e.g. \"127.0.0.1\""
            } else {
                "write an IPv4 dotted quad like \"10.0.0.1\" or an IPv6 address, or leave it empty"
            };
            out.push(
                Diagnostic::new(
                    Rule::InstanceIp,
                    pointer,
                    format!(
                        "{label} must be an IPv4 or IPv6 address, or empty; found {}",
                        quoted(ip)
                    ),
                )
                .with_help(help),
            );
        }
    }
}
