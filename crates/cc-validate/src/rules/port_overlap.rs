//! `port-overlap`: two items of a bind row's port list that share a port.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::wording::field_label;
use crate::vocab::diagnostic::Diagnostic;
use crate::payload::ports::PortError;
use crate::vocab::rule::Rule;
use cc_model::Endpoint;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::BatchCreateProcTemplate,
    template: None,
    raw: false,
    summary: "two items of a port list that share a port",
    explanation: "The server rejects a port list in which any port is covered twice: a repeated \
                  port (`80,80`), a port inside a range (`8000-8010,8005`) or two ranges that \
                  meet or cross (`10-20,20-30`). List each port once. Templates only (`process.go:2068-2107`): an instance row takes one port or one range \
                  (`instance-attribute` checks instance ports).",
    bad: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "web", "as_default_value": true}, "bk_func_name": {"value": "web", "as_default_value": true}, "bind_info": {"value": [{"ip": {"value": "1", "as_default_value": true}, "port": {"value": "8000-8010,8005", "as_default_value": true}, "protocol": {"value": "1", "as_default_value": true}, "row_id": 1}], "as_default_value": true}}}]}"#,
    good: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "web", "as_default_value": true}, "bk_func_name": {"value": "web", "as_default_value": true}, "bind_info": {"value": [{"ip": {"value": "1", "as_default_value": true}, "port": {"value": "8000-8010", "as_default_value": true}, "protocol": {"value": "1", "as_default_value": true}, "row_id": 1}], "as_default_value": true}}}]}"#,
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
