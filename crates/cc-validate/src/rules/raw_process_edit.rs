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
                  written as null, `bind_info` included, and the server says nothing; an \
                  entry that omits `bk_process_name` or `bk_func_name` is refused (see \
                  `instance-attribute`). Only a template-bound process is updated field by \
                  field. The payload does not tell which: with `--raw` (the processes were \
                  not created from a template) the rule lists the fields each entry clears; \
                  with `--template` the template rules apply instead. Without either the \
                  linter cannot know, and the rule says so once per payload that has no \
                  error, on the first entry that omits a field, so that the call is not \
                  sent on a guess; the other rules then check each entry as a \
                  field-by-field edit. The server \
                  accepts the call either way, unless the whole write leaves a required \
                  name null.",
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
    let omissions = context
        .processes
        .iter()
        .map(|process| {
            let omitted: Vec<&str> = PROCESS_ATTRIBUTES
                .iter()
                .filter(|attribute| process.value(attribute.name).is_none())
                .map(|attribute| attribute.name)
                .collect();
            (process, omitted)
        })
        .filter(|(_, omitted)| !omitted.is_empty());
    if !context.raw {
        // Without --raw or --template the linter does not know which write the
        // server makes: said once, on the first entry where it matters, when
        // nothing else refuses the call (the rules before this one in the
        // table include every error rule).
        if out.iter().any(Diagnostic::is_error) {
            return;
        }
        let mut omissions = omissions;
        if let Some((process, omitted)) = omissions.next() {
            out.push(unknown_write(&process.pointer(), &omitted, omissions.count()));
        }
        return;
    }
    for (process, omitted) in omissions {
        let diagnostic = Diagnostic::new(
            Rule::RawProcessEdit,
            process.pointer(),
            format!(
                "the server writes this entry whole: the omitted {} {} cleared (written as null)",
                names(&omitted),
                if omitted.len() == 1 { "is" } else { "are" }
            ),
        );
        out.push(diagnostic);
    }
}

fn names(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The finding of a payload checked without `--raw` or `--template`, on the
/// first entry that omits `omitted`; `others` more entries omit fields.
fn unknown_write(pointer: &str, omitted: &[&str], others: usize) -> Diagnostic {
    let (required, cleared): (Vec<&str>, Vec<&str>) = omitted.iter().partition(|name| {
        PROCESS_ATTRIBUTES
            .iter()
            .any(|attribute| attribute.name == **name && attribute.required)
    });
    let mut effects = Vec::new();
    if !required.is_empty() {
        effects.push(format!(
            "refuses it for the omitted {}",
            names(&required)
        ));
    }
    if !cleared.is_empty() {
        effects.push(format!(
            "clears the {} other field{} it omits",
            cleared.len(),
            if cleared.len() == 1 { "" } else { "s" }
        ));
    }
    let more = match others {
        0 => String::new(),
        1 => "; 1 more entry omits fields too".to_owned(),
        _ => format!("; {others} more entries omit fields too"),
    };
    let help = format!(
        "pass `--raw` if the processes were not created from a template, or \
         `--template FILE` with their template if they were{more}"
    );
    Diagnostic::new(
        Rule::RawProcessEdit,
        pointer,
        format!(
            "not known whether the server writes this entry field by field (a template-bound \
             process) or whole (a raw process), which {}",
            effects.join(" and ")
        ),
    )
    .with_help(help)
}
