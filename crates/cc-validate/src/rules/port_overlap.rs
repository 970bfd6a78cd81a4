//! `port-overlap`: two items of a bind row's port list that share a port.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::wording::field_label;
use crate::vocab::diagnostic::Diagnostic;
use crate::payload::ports::PortError;
use crate::vocab::rule::Rule;
use cc_model::Endpoint;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    summary: "two items of a port list that share a port",
    explanation: "The server rejects a port list in which any port is covered twice: a repeated \
                  port (`80,80`), a port inside a range (`8000-8010,8005`) or two ranges that \
                  meet or cross (`10-20,20-30`). List each port once.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"ip": "127.0.0.1", "port": "8000-8010,8005", "protocol": "1", "template_row_id": 1}]}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"ip": "127.0.0.1", "port": "8000-8010", "protocol": "1", "template_row_id": 1}]}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for port in &context.ports {
        let Err(PortError::Overlap { first, second }) = &port.parsed else {
            continue;
        };
        let pointer = port.pointer();
        let message = format!(
            "{} items `{}` and `{}` overlap",
            field_label(&pointer),
            first.text,
            second.text
        );
        let shared = first.start.max(second.start);
        let help = format!(
            "port {shared} is in both item {} and item {}; list each port once",
            first.position, second.position
        );
        out.push(
            Diagnostic::new(Rule::PortOverlap, pointer, message).with_help(help),
        );
    }
}
