//! `ignored-field`: a field the endpoint accepts but ignores or overwrites:
//! `bk_func_name` in `update_proc_template`, `as_default_value: false` on a field
//! the server always locks, and the bookkeeping fields of a process being
//! created (`bk_process_id`, `bk_biz_id`, ...), which the server sets itself.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::fix::{Applicability, Edit, Fix, FixDoc};
use super::fix::FixSource;
use crate::vocab::rule::Rule;
use crate::vocab::pointer::escape_token;
use crate::payload::views::Form;
use cc_model::{Endpoint, FieldInfo, FieldKind, Process, ProcessTemplate};
use serde_json::Value;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::CreateProcessInstance,
    template: None,
    raw: false,
    summary: "a field the endpoint accepts but ignores or overwrites",
    explanation: "The server accepts some fields only to ignore or overwrite them: \
                  update_proc_template never changes `bk_func_name`; `bk_process_name` and \
                  `bk_func_name` are always locked, so `as_default_value: false` on them becomes \
                  true; and create_process_instance sets `bk_process_id`, `bk_biz_id`, \
                  `bk_supplier_account`, `service_instance_id`, `create_time` and `last_time` \
                  itself. What the payload says there has no effect.",
    bad: r#"{"bk_biz_id": 1, "service_instance_id": 48, "processes": [{"process_info": {"bk_process_name": "api", "bk_func_name": "java", "bk_process_id": 1}}]}"#,
    good: r#"{"bk_biz_id": 1, "service_instance_id": 48, "processes": [{"process_info": {"bk_process_name": "api", "bk_func_name": "java"}}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if context.kind != cc_model::PayloadKind::Request {
        return;
    }
    for process in &context.processes {
        let at = |key: &str| format!("{}/{}", process.pointer(), escape_token(key));
        let update = context.endpoint == Endpoint::UpdateProcTemplate;
        // The fields `update_proc_template` ignores whole (`#[cc(update_ignored)]`).
        let ignored = |info: &&FieldInfo| update && info.update_ignored;
        for (index, _) in Process::FIELDS
            .iter()
            .enumerate()
            .filter(|(_, info)| ignored(info))
        {
            if let Some(key) = process.present_key(index) {
                out.push(
                    Diagnostic::new(
                        Rule::IgnoredField,
                        at(key),
                        format!("update_proc_template ignores `{key}`: the template keeps its value"),
                    )
                    .at_key()
                    .with_help("remove it; to change it, create a new template"),
                );
            }
        }
        if process.form == Form::Template {
            // A field ignored whole is reported above, not its flag.
            for info in Process::FIELDS
                .iter()
                .filter(|info| info.always_locked && !ignored(info))
            {
                let Some(key) = info.template_name else {
                    continue;
                };
                let flag = process.object.get(key).and_then(|wrapper| wrapper.get("as_default_value"));
                if flag == Some(&Value::Bool(false)) {
                    out.push(
                        Diagnostic::new(
                            Rule::IgnoredField,
                            format!("{}/as_default_value", at(key)),
                            format!("the server always locks `{key}`: `as_default_value: false` becomes true"),
                        )
                        .with_help("write `as_default_value: true`"),
                    );
                }
            }
        }
        if context.endpoint == Endpoint::CreateProcessInstance {
            for info in Process::FIELDS.iter().filter(|info| info.kind == FieldKind::Skipped) {
                if process.object.contains_key(info.name) {
                    out.push(
                        Diagnostic::new(
                            Rule::IgnoredField,
                            at(info.name),
                            format!(
                                "create_process_instance sets `{}` itself: this value is ignored",
                                info.name
                            ),
                        )
                        .at_key()
                        .with_help("remove it"),
                    );
                }
            }
        }
    }
}

/// The fix: `as_default_value: true` on the fields the server always locks
/// (what it stores anyway); the other findings have none.
pub(crate) const FIX: FixDoc = FixDoc {
    applicability: Applicability::Safe,
    summary: "writes `as_default_value: true` on an always-locked field, as the server stores it",
};

/// Writes `true` over an always-locked field's `as_default_value: false`.
pub(crate) fn fix(diagnostic: &Diagnostic, source: &FixSource<'_>) -> Option<Fix> {
    if !diagnostic.pointer.ends_with("/as_default_value") {
        return None;
    }
    let (spot, text) = source.value_text(&diagnostic.pointer)?;
    if text != "false" {
        return None;
    }
    Some(Fix::new(
        Applicability::Safe,
        "write `as_default_value: true`",
        Edit::replace(spot.value, "true"),
    ))
}
