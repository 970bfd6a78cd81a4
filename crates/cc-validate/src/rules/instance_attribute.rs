//! `instance-attribute`: a value the process attribute definitions refuse on an
//! instance (`create_process_instance`, `update_process_instance`): byte
//! lengths after trimming, required attributes, the bind-row sub-attributes.
//! The limits are read from `cc_model::attributes`, where they are declared
//! once; the integer ranges reach the instance schemas from there too.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::payload::views::{Form, ProcessView, RowView};
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use cc_model::attributes::{
    AttributeType, BIND_ROW_ATTRIBUTES, LONGCHAR_MAX_BYTES, PROCESS_ATTRIBUTES,
    SINGLECHAR_MAX_BYTES, bind_row_attribute, instance_port_matches,
};
use cc_model::Endpoint;
use serde_json::Value;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::CreateProcessInstance,
    template: None,
    raw: false,
    summary: "a value an instance's process attribute definition refuses",
    explanation: "Instances are checked against the process attributes the admin server's \
                  upgraders install (`instance_validate.go:156-292, 392-454`, `attribute.go`), \
                  not against the template rules: strings are trimmed, then singlechar \
                  attributes (names, `user`, `description`) may hold 256 bytes and longchar \
                  ones (commands, paths, `bk_start_param_regex`) 2000 bytes (1199015); \
                  `bk_process_name` and `bk_func_name` are required, so on \
                  `create_process_instance` (whose keys are matched exactly) or a raw \
                  `update_process_instance` edit (`--raw`, written whole) a missing, null or \
                  blank name is refused (1199010); a bind row's `port` is one port or one range \
                  `A-B` (no comma list), and `port`, `protocol` and `enable` may not be null or \
                  empty; on `create_process_instance` a row key that is no sub-attribute refuses \
                  the whole `bind_info`. Every such refusal is answered 1199011 (or 1199006 for \
                  `bind_info`, wrapped). The integer ranges (`bk_start_check_secs` 0..600, \
                  `timeout` 0..10000) are in the instance schemas. With `--template`, only what \
                  the server writes is checked.",
    bad: r#"{"bk_biz_id": 1, "service_instance_id": 7, "processes": [{"process_info": {"bk_process_name": "p1", "bk_func_name": "java", "bind_info": [{"ip": "127.0.0.1", "port": "80,443", "protocol": "1", "enable": true}]}}]}"#,
    good: r#"{"bk_biz_id": 1, "service_instance_id": 7, "processes": [{"process_info": {"bk_process_name": "p1", "bk_func_name": "java", "bind_info": [{"ip": "127.0.0.1", "port": "80", "protocol": "1", "enable": true}]}}]}"#,
};

fn push(out: &mut Vec<Diagnostic>, pointer: String, message: String) {
    out.push(Diagnostic::new(Rule::InstanceAttribute, pointer, message));
}

fn byte_limit(kind: AttributeType) -> Option<usize> {
    match kind {
        AttributeType::SingleChar => Some(SINGLECHAR_MAX_BYTES),
        AttributeType::LongChar => Some(LONGCHAR_MAX_BYTES),
        _ => None,
    }
}

/// Whether the processes are created from what is sent: `create_process_instance`,
/// and the processes of `create_service_instance`, which the server creates the
/// same way (`serviceinstance.go:208-216`) in a module without a template.
fn creates(context: &Context<'_>) -> bool {
    context.is_request_of(Endpoint::CreateProcessInstance)
        || context.is_request_of(Endpoint::CreateServiceInstance)
}

/// Whether every attribute is written (missing ones as null or filled in): a
/// create and a raw edit. Required names are checked then.
fn written_whole(context: &Context<'_>) -> bool {
    creates(context) || context.raw
}

fn check_process(context: &Context<'_>, process: &ProcessView<'_>, out: &mut Vec<Diagnostic>) {
    let whole = written_whole(context);
    let at = process.pointer();
    for attribute in PROCESS_ATTRIBUTES {
        let value = process.value(attribute.name);
        let pointer = || format!("{at}/{}", attribute.name);
        if let (Some(limit), Some(Value::String(text))) = (byte_limit(attribute.kind), value) {
            let bytes = text.trim().len();
            if bytes > limit {
                push(
                    out,
                    pointer(),
                    format!(
                        "`{}` is {bytes} bytes after trimming; an instance holds at most {limit} (the server refuses it with 1199015)",
                        attribute.name
                    ),
                );
                continue;
            }
        }
        if !attribute.required {
            continue;
        }
        // A blank name refuses the process wherever it is written; a missing
        // or null one only where every attribute is written (an edit of a
        // template-bound process drops names, which are always locked).
        let blank = match value {
            None if whole => Some("missing"),
            Some(Value::Null) if whole => Some("null"),
            Some(Value::String(text)) if text.trim().is_empty() => Some("blank"),
            _ => None,
        };
        if let Some(blank) = blank {
            let (pointer, how) = if value.is_none() {
                (at.clone(), "the server writes every attribute and")
            } else {
                (pointer(), "the server")
            };
            push(
                out,
                pointer,
                format!(
                    "`{}` is {blank}: it is a required process attribute, and {how} refuses the process without it (1199010)",
                    attribute.name
                ),
            );
        }
    }
    for row in process.bind_rows() {
        check_row(context, row, out);
    }
}

fn check_row(context: &Context<'_>, row: &RowView<'_>, out: &mut Vec<Diagnostic>) {
    let at = row.pointer();
    if creates(context) {
        for key in row.object.keys() {
            if bind_row_attribute(key).is_none() {
                push(
                    out,
                    format!("{at}/{}", crate::vocab::pointer::escape_token(key)),
                    format!(
                        "`{key}` is not a bind-row attribute: the server refuses the whole `bind_info` (1199006)"
                    ),
                );
            }
        }
    }
    for attribute in BIND_ROW_ATTRIBUTES {
        let value = row.value(attribute.name);
        let pointer = format!("{at}/{}", attribute.name);
        let empty = match value {
            // Rows of an update are decoded into the row struct first, so a
            // missing key is written as null (`process_bind_info.go:883-900`).
            None => context.raw,
            // A null is the instance schema's to report (required
            // sub-attributes are not nullable there).
            Some(Value::String(text)) => text.trim().is_empty(),
            Some(_) => false,
        };
        if attribute.required && empty {
            let what = if value.is_none() { "missing" } else { "empty" };
            push(
                out,
                if value.is_none() { at.clone() } else { pointer },
                format!(
                    "bind-row `{}` is {what}: it is a required sub-attribute and the server refuses the row (1199006)",
                    attribute.name
                ),
            );
            continue;
        }
        if attribute.name == "port"
            && let Some(Value::String(port)) = value
            && !port.trim().is_empty()
            && !instance_port_matches(port)
        {
            push(
                out,
                pointer,
                format!(
                    "instance `port` \"{}\" is not one port 1-65535 or one range A-B, which is all an instance row takes (1199006)",
                    port.escape_debug()
                ),
            );
        }
    }
}

/// With `--template`: what the server writes for each entry, checked for the
/// bind-row attributes the update path leaves null (a reset row whose
/// template `enable` is null, `process_bind_info.go:559-563`).
fn check_previews(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for entry in &context.previews {
        let Some(rows) = entry.preview.stored.bind_info.value() else {
            continue;
        };
        for (index, row) in rows.iter().enumerate() {
            let null = [
                ("port", row.port.value().is_none()),
                ("protocol", row.protocol.value().is_none()),
                ("enable", row.enable.value().is_none()),
            ];
            for (name, missing) in null {
                if missing {
                    push(
                        out,
                        format!("{}/bind_info", entry.pointer),
                        format!(
                            "the server writes bind row {index} with `{name}` null (from the template), a required sub-attribute, and refuses the update (1199006)"
                        ),
                    );
                }
            }
        }
    }
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !(creates(context) || context.is_request_of(Endpoint::UpdateProcessInstance)) {
        return;
    }
    if context.previews.is_empty() {
        for process in &context.processes {
            if process.form == Form::Instance {
                check_process(context, process, out);
            }
        }
    } else {
        check_previews(context, out);
    }
}
