//! `port-range-order`: a port range `A-B` of a bind row whose start is above its
//! end.

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
    summary: "a port range A-B whose start is above its end",
    explanation: "The server rejects a port range `A-B` with A greater than B instead of reading \
                  it backwards, so the whole request fails. Write the lower port first; `A-A` is \
                  a valid one-port range. Templates only (`process.go:2068-2107`): an instance row takes one port or one range, \
                  whose ends the server does not compare, so there `8010-8000` is accepted \
                  (`instance-attribute` checks instance ports).",
    bad: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "web", "as_default_value": true}, "bk_func_name": {"value": "web", "as_default_value": true}, "bind_info": {"value": [{"ip": {"value": "1", "as_default_value": true}, "port": {"value": "9000-8000", "as_default_value": true}, "protocol": {"value": "1", "as_default_value": true}, "row_id": 1}], "as_default_value": true}}}]}"#,
    good: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "web", "as_default_value": true}, "bk_func_name": {"value": "web", "as_default_value": true}, "bind_info": {"value": [{"ip": {"value": "1", "as_default_value": true}, "port": {"value": "8000-9000", "as_default_value": true}, "protocol": {"value": "1", "as_default_value": true}, "row_id": 1}], "as_default_value": true}}}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for port in &context.ports {
        let Err(PortError::RangeOrder(range)) = &port.parsed else {
            continue;
        };
        let pointer = port.pointer();
        let message = format!(
            "{} range `{}` starts above its end",
            field_label(&pointer),
            range.text
        );
        let help = format!(
            "write the lower port first: `{}-{}`",
            range.end, range.start
        );
        out.push(
            Diagnostic::new(Rule::PortRangeOrder, pointer, message).with_help(help),
        );
    }
}
