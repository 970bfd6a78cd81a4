//! `cc-lint preview`, `sync` and `instantiate`: what the server does with a
//! template, printed for people (`human`) or scripts (`json`). The behaviour is
//! the derive's generated `Template` impl; this module reads inputs and prints.

use anyhow::{Context, Result};
use cc_model::{Dropped, EditPreview, Host, Process, ProcessTemplateSpec, Synced, Template};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::Path;

/// Reads a JSON file, naming it in every error.
pub(crate) fn read_json(path: &Path) -> Result<Value> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let document = cc_validate::Document::parse(&bytes).map_err(|syntax| {
        let at = syntax
            .location
            .map(|location| format!(":{}:{}", location.line, location.column))
            .unwrap_or_default();
        anyhow::anyhow!("{}{at}: {}", path.display(), syntax.message)
    })?;
    Ok(document.value)
}

/// Reads `--template`.
pub(crate) fn read_template(path: &Path) -> Result<ProcessTemplateSpec> {
    let value = read_json(path)?;
    let (template, _) = cc_validate::load_template(&value)
        .map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
    Ok(template)
}

/// Reads `--host`: a host object with `bk_host_innerip` and friends, or a
/// response whose `data` is one.
pub(crate) fn read_host(path: &Path) -> Result<Host> {
    let value = read_json(path)?;
    cc_validate::load_host(&value).map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))
}

/// The processes of an input, with their pointers (see
/// [`cc_validate::load_processes`]).
pub(crate) fn processes(value: &Value, path: &Path) -> Result<Vec<(String, Process)>> {
    cc_validate::load_processes(value).map_err(|error| match error {
        cc_validate::InputError::NotAProcess { .. } => anyhow::anyhow!(
            "{}: {error} (run `cc-lint` on the file for details)",
            path.display()
        ),
        other => anyhow::anyhow!("{}: {other}", path.display()),
    })
}

fn process_id(process: &Process) -> Value {
    process
        .bk_process_id
        .value()
        .map_or(Value::Null, |id| json!(id))
}

fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// `cc-lint instantiate`: the instance the server creates.
pub(crate) fn instantiate(
    template: &ProcessTemplateSpec,
    host: Option<&Host>,
    json_out: bool,
) -> Result<String> {
    if json_out {
        let document = cc_validate::instantiate_document(template, host)?;
        return Ok(format!("{}\n", serde_json::to_string_pretty(&document)?));
    }
    let instance = template
        .instantiate(host)
        .map_err(|error| anyhow::anyhow!("cannot instantiate: {error}"))?;
    let mut out = String::from("the server creates this process:\n");
    if let Value::Object(fields) = to_value(&instance) {
        for (name, value) in fields {
            let _ = writeln!(out, "  {name} = {value}");
        }
    }
    Ok(out)
}

/// One line per dropped part of an edit: field, row, pointer and why.
fn list_dropped(out: &mut String, pointer: &str, list: &[Dropped]) {
    for dropped in list {
        let row = dropped
            .row_id
            .map(|id| format!(" of bind row {id}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    {}{row} at {pointer}{}: {}",
            dropped.field,
            dropped.pointer,
            dropped.reason.describe()
        );
    }
}

/// `cc-lint preview`: per edited process, what the server stores and drops.
pub(crate) fn preview(
    template: &ProcessTemplateSpec,
    host: Option<&Host>,
    edits: &[(String, Process)],
    json_out: bool,
) -> Result<String> {
    if json_out {
        let document = cc_validate::preview_document(template, host, edits)?;
        return Ok(format!("{}\n", serde_json::to_string_pretty(&document)?));
    }
    let mut previews: Vec<(&String, &Process, EditPreview<Process>)> = Vec::new();
    for (pointer, edit) in edits {
        let preview = template
            .preview(edit, host)
            .map_err(|error| anyhow::anyhow!("{pointer}: cannot preview: {error}"))?;
        previews.push((pointer, edit, preview));
    }
    let mut out = String::new();
    for (pointer, edit, preview) in &previews {
        let _ = writeln!(out, "process {} ({pointer}):", process_id(edit));
        let stored = to_value(&preview.stored);
        let fields = stored.as_object().map_or(0, serde_json::Map::len);
        if fields == 0 {
            let _ = writeln!(out, "  the server stores nothing");
        } else {
            let _ = writeln!(out, "  the server stores:");
            for (name, value) in stored.as_object().into_iter().flatten() {
                let _ = writeln!(out, "    {name} = {value}");
            }
        }
        if preview.dropped.is_empty() {
            let _ = writeln!(out, "  nothing of the edit is dropped");
        } else {
            let _ = writeln!(out, "  the server ignores:");
            list_dropped(&mut out, pointer, &preview.dropped);
        }
        if !preview.unchanged.is_empty() {
            let _ = writeln!(out, "  unchanged (not applied, but stored as sent):");
            list_dropped(&mut out, pointer, &preview.unchanged);
        }
        if !preview.reset_rows.is_empty() {
            let ids: Vec<String> = preview
                .reset_rows
                .iter()
                .map(|row| {
                    row.row_id
                        .map_or_else(|| "without id".to_owned(), |id| id.to_string())
                })
                .collect();
            let _ = writeln!(
                out,
                "  bind rows reset to the template's values (left out of the edit): {}",
                ids.join(", ")
            );
        }
    }
    Ok(out)
}

/// `cc-lint sync`: per instance, what applying the template changes.
pub(crate) fn sync(
    template: &ProcessTemplateSpec,
    host: Option<&Host>,
    instances: &[(String, Process)],
    json_out: bool,
) -> Result<String> {
    if json_out {
        let document = cc_validate::sync_document(template, host, instances)?;
        return Ok(format!("{}\n", serde_json::to_string_pretty(&document)?));
    }
    let mut plans: Vec<(&String, &Process, Synced<Process>)> = Vec::new();
    for (pointer, instance) in instances {
        let synced = template
            .sync(instance, host)
            .map_err(|error| anyhow::anyhow!("{pointer}: cannot plan the sync: {error}"))?;
        plans.push((pointer, instance, synced));
    }
    let mut out = String::new();
    for (pointer, instance, synced) in &plans {
        let _ = writeln!(out, "process {} ({pointer}):", process_id(instance));
        if synced.plan.is_empty() {
            let _ = writeln!(out, "  in sync with the template: nothing changes");
            continue;
        }
        for change in &synced.plan.fields {
            let _ = writeln!(out, "  {}: {} -> {}", change.field, change.old, change.new);
        }
        for row in &synced.plan.rows {
            match row {
                cc_model::RowChange::Added { row_id, row } => {
                    let _ = writeln!(out, "  bind row {} added: {row}", show_id(*row_id));
                }
                cc_model::RowChange::Removed { row_id, pointer } => {
                    let _ = writeln!(out, "  bind row {} at {pointer} removed", show_id(*row_id));
                }
                cc_model::RowChange::Changed {
                    row_id, changes, ..
                } => {
                    for change in changes {
                        let _ = writeln!(
                            out,
                            "  bind row {} {}: {} -> {}",
                            show_id(*row_id),
                            change.field,
                            change.old,
                            change.new
                        );
                    }
                }
            }
        }
    }
    Ok(out)
}

fn show_id(id: Option<i64>) -> String {
    id.map_or_else(|| "without id".to_owned(), |id| id.to_string())
}
