//! `duplicate-func-name-regex`: two processes of one `batch_create_proc_template`
//! call with the same `bk_func_name` and `bk_start_param_regex`.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::wording::quoted;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use crate::payload::views::{Form, ProcessView};
use cc_model::Endpoint;
use std::collections::HashMap;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::BatchCreateProcTemplate,
    template: None,
    raw: false,
    summary: "two processes of one batch with the same bk_func_name and bk_start_param_regex",
    explanation: "The server tells processes with the same binary apart by their start-parameter \
                  regex, so the pair (`bk_func_name`, `bk_start_param_regex`) is unique within a \
                  service template. The query compares the stored regex with the new one, `\"\"` \
                  when the new one has none; a template stored without a regex holds null, \
                  which matches nothing, so two templates without a regex are both created, \
                  while `\"\"` followed by none collide (1113020). Instances fill a missing regex \
                  with `\"\"`, so there two processes without one collide (1199014).",
    bad: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "a"}, "bk_func_name": {"value": "java"}, "bk_start_param_regex": {"value": ""}}}, {"spec": {"bk_process_name": {"value": "b"}, "bk_func_name": {"value": "java"}}}]}"#,
    good: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "a"}, "bk_func_name": {"value": "java"}, "bk_start_param_regex": {"value": "app-a"}}}, {"spec": {"bk_process_name": {"value": "b"}, "bk_func_name": {"value": "java"}, "bk_start_param_regex": {"value": "app-b"}}}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Both creates add every process of the call to one service template or
    // service instance, where names are unique.
    if !(context.is_request_of(Endpoint::BatchCreateProcTemplate)
        || context.is_request_of(Endpoint::CreateProcessInstance))
    {
        return;
    }
    // The first process of each pair; pointers are built only for a finding.
    let mut seen: HashMap<(&str, &str), &ProcessView<'_>> = HashMap::new();
    for process in &context.processes {
        let Some(func) = process
            .value("bk_func_name")
            .and_then(serde_json::Value::as_str)
        else {
            continue;
        };
        let given = process
            .value("bk_start_param_regex")
            .and_then(serde_json::Value::as_str);
        let regex = given.unwrap_or("");
        if let Some(first) = seen.get(&(func, regex)) {
            let (Some((pointer, _)), Some((first, _))) =
                (process.string("bk_func_name"), first.string("bk_func_name"))
            else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    Rule::DuplicateFuncNameRegex,
                    pointer,
                    format!(
                        "`bk_func_name` {} with `bk_start_param_regex` {} is already used by another process of this batch",
                        quoted(func),
                        quoted(regex)
                    ),
                )
                .with_related(first, "first used here"),
            );
        } else if given.is_some() || process.form == Form::Instance {
            // A template stored without a regex holds null, which the query's
            // `""` never matches (`core process_template.go:127-153`); an
            // instance's missing regex is filled with "" (`validator_util.go:37-104`).
            seen.insert((func, regex), process);
        }
    }
}
