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
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    summary: "a port range A-B whose start is above its end",
    explanation: "The server rejects a port range `A-B` with A greater than B instead of reading \
                  it backwards, so the whole request fails. Write the lower port first; `A-A` is \
                  a valid one-port range.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"ip": "127.0.0.1", "port": "9000-8000", "protocol": "1", "template_row_id": 1}]}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [{"ip": "127.0.0.1", "port": "8000-9000", "protocol": "1", "template_row_id": 1}]}]}"#,
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
