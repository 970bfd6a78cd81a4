//! `raw-process-edit`: an `update_process_instance` entry that the server writes
//! whole when the process was not created from a template (semantics section 6).

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use cc_model::attributes::PROCESS_ATTRIBUTES;
use cc_model::Endpoint;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: true,
    summary: "an update_process_instance entry the server may write whole, clearing what it omits",
    explanation: "For a process not created from a template the server marshals the decoded \
                  entry whole into the update (`proc_server/service/processinstance.go:490-502`, \
                  the struct's tags have no `omitempty`), so every field the entry omits is \
                  written as null, `bind_info` included, and the server says nothing. Only a \
                  template-bound process is updated field by field. The payload does not tell \
                  which: the rule runs with `--raw` (the processes were not created from a \
                  template) and lists the fields each entry clears; with `--template` the \
                  template rules apply instead. Without either the rule is quiet, and the other \
                  rules check each entry as a field-by-field edit; pass `--raw` for raw \
                  processes, since there an entry that omits a name is refused. The server accepts the call either way, \
                  unless the whole write leaves a required name null (see `instance-attribute`).",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "java", "user": "app"}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "java", "bk_start_param_regex": "", "proc_num": 1, "priority": 1, "timeout": 30, "bk_start_check_secs": 5, "auto_start": false, "start_cmd": "", "stop_cmd": "", "restart_cmd": "", "face_stop_cmd": "", "reload_cmd": "", "pid_file": "", "work_path": "", "user": "app", "description": "", "bind_info": []}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !context.is_request_of(Endpoint::UpdateProcessInstance)
        || context.processes.is_empty()
        || !context.previews.is_empty()
    {
        return;
    }
    // Without --raw the linter does not know (a template-bound process is
    // updated field by field; `--template` checks that); the rule is quiet.
    if !context.raw {
        return;
    }
    for process in &context.processes {
        let omitted: Vec<&str> = PROCESS_ATTRIBUTES
            .iter()
            .filter(|attribute| process.value(attribute.name).is_none())
            .map(|attribute| attribute.name)
            .collect();
        if omitted.is_empty() {
            continue;
        }
        let diagnostic = Diagnostic::new(
            Rule::RawProcessEdit,
            process.pointer(),
            format!(
                "the server writes this entry whole: the omitted {} {} cleared (written as null)",
                omitted
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                if omitted.len() == 1 { "is" } else { "are" }
            ),
        );
        out.push(diagnostic);
    }
}
