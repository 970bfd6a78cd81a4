//! `bind-ip-code`: a template bind row's `ip.value` that is not a bind-type code.
//! Reported by the schema check (the code table is an enum in the schema).

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::BatchCreateProcTemplate,
    template: None,
    raw: false,
    summary: "a template bind row's ip that is not a bind-type code \"1\"..\"8\" (or empty)",
    explanation: "In a template, `ip.value` is not an address but a code the server resolves per \
                  host: \"1\" 127.0.0.1, \"2\" 0.0.0.0, \"3\"/\"4\" the host's first inner/outer \
                  IPv4, \"5\" ::1, \"6\" ::, \"7\"/\"8\" the host's first inner/outer IPv6. An \
                  address or any other value is rejected.",
    bad: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "web", "as_default_value": true}, "bk_func_name": {"value": "web", "as_default_value": true}, "bind_info": {"value": [{"ip": {"value": "127.0.0.1", "as_default_value": true}, "port": {"value": "80", "as_default_value": true}, "protocol": {"value": "1", "as_default_value": true}, "row_id": 1}], "as_default_value": true}}}]}"#,
    good: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "web", "as_default_value": true}, "bk_func_name": {"value": "web", "as_default_value": true}, "bind_info": {"value": [{"ip": {"value": "1", "as_default_value": true}, "port": {"value": "80", "as_default_value": true}, "protocol": {"value": "1", "as_default_value": true}, "row_id": 1}], "as_default_value": true}}}]}"#,
};

/// Reported by the schema check, before the semantic rules run.
pub(crate) fn check(_: &Context<'_>, _: &mut Vec<Diagnostic>) {}
