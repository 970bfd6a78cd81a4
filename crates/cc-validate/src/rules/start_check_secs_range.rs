//! `start-check-secs-range`: a template's `bk_start_check_secs` in 601..=10000:
//! the template is created, but no instance can be made from it.

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::payload::views::Form;
use crate::vocab::rule::Rule;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::BatchCreateProcTemplate,
    template: None,
    raw: false,
    summary: "a template bk_start_check_secs above 600, which instances refuse",
    explanation: "Templates accept `bk_start_check_secs` 1..=10000 (`process.go:1860-1864`), but \
                  instances accept 0..=600 (the attribute range, \
                  `upgrader/y3.9.202012011450/change_proc_attr_index.go:69-85`). A template \
                  holding 601..=10000 is created, and then every instantiation and every sync of \
                  the locked value is refused (1108008, 1199011). On instances the value is \
                  checked by the instance schema's range.",
    bad: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "p1", "as_default_value": true}, "bk_func_name": {"value": "p1", "as_default_value": true}, "bk_start_check_secs": {"value": 900, "as_default_value": true}}}]}"#,
    good: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "p1", "as_default_value": true}, "bk_func_name": {"value": "p1", "as_default_value": true}, "bk_start_check_secs": {"value": 600, "as_default_value": true}}}]}"#,
};

/// What instances accept (the attribute range).
const INSTANCE_MAX: i64 = 600;
/// What templates accept (above it the schema's range check reports).
const TEMPLATE_MAX: i64 = 10_000;

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for process in &context.processes {
        if process.form != Form::Template {
            continue;
        }
        let Some(seconds) = process
            .value("bk_start_check_secs")
            .and_then(serde_json::Value::as_i64)
        else {
            continue;
        };
        // The pointer is built only for a finding.
        if (INSTANCE_MAX + 1..=TEMPLATE_MAX).contains(&seconds)
            && let Some(member) = process.member("bk_start_check_secs")
        {
            out.push(
                Diagnostic::new(
                    Rule::StartCheckSecsRange,
                    member.pointer,
                    format!(
                        "`bk_start_check_secs` is {seconds}: the template is created, but instances accept at most {INSTANCE_MAX}, so none can be made from it"
                    ),
                )
                .with_help("use at most 600 seconds"),
            );
        }
    }
}
