//! `cc_lint.preview`, `cc_lint.sync` and `cc_lint.instantiate`: what the server
//! does with a template, as the documents `cc-lint preview|sync|instantiate
//! --format json` print (`crates/cc-lint/src/template_cmd.rs`), as dicts. The
//! behaviour is cc-model's generated `Template` impl; this is the glue.

use crate::barrier::guarded;
use crate::errors::{self, Kind};
use crate::options;
use crate::to_python::to_python;
use cc_model::{Dropped, Host, Process, ProcessTemplateSpec, Template};
use pyo3::prelude::*;
use serde_json::{Value, json};

/// The version of the documents' shapes (that of the CLI's).
const VERSION: u32 = 1;

/// Reads the inputs, runs `plan` without the GIL, hands back its document.
fn run<'py>(
    py: Python<'py>,
    template: &Bound<'py, PyAny>,
    host: Option<&Bound<'py, PyAny>>,
    processes: Option<(&Bound<'py, PyAny>, &str)>,
    plan: impl FnOnce(
        &ProcessTemplateSpec,
        Option<&Host>,
        &[(String, Process)],
    ) -> Result<Value, String>
    + Send,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(py, || {
        let template = options::template(template)?;
        let host = host
            .filter(|host| !host.is_none())
            .map(options::host)
            .transpose()?;
        let processes = match processes {
            Some((value, what)) => {
                let json = options::json_value(value, what)?;
                cc_validate::load_processes(&json).map_err(|error| {
                    let hint = match error {
                        cc_validate::InputError::NotAProcess { .. } => {
                            " (cc_lint.check() on it tells why)"
                        }
                        _ => "",
                    };
                    errors::new(py, Kind::Input, format!("{what}: {error}{hint}"))
                })?
            }
            None => Vec::new(),
        };
        let document = py
            .detach(|| plan(&template, host.as_ref(), &processes))
            .map_err(|message| errors::new(py, Kind::Input, message))?;
        to_python(py, &document)
    })
}

fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn process_id(process: &Process) -> Value {
    process
        .bk_process_id
        .value()
        .map_or(Value::Null, |id| json!(id))
}

/// What the server stores of each edited process, and what it drops: the document
/// `cc-lint preview --format json` prints, as a dict.
///
/// `edit` is an `update_process_instance` request, a response listing processes, a
/// list of processes or one process; `template` a template spec, a
/// `batch_create_proc_template` request with one process or a `get_proc_template` /
/// `list_proc_template` response; `host` the host, to resolve bind types 3, 4, 7
/// and 8. Each is `bytes`, `str` or the parsed value. An input that cannot be used
/// raises `InputError`.
#[pyfunction]
#[pyo3(signature = (edit, template, host = None))]
pub(crate) fn preview<'py>(
    py: Python<'py>,
    edit: &Bound<'py, PyAny>,
    template: &Bound<'py, PyAny>,
    host: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    run(
        py,
        template,
        host,
        Some((edit, "edit")),
        |template, host, edits| {
            let mut processes = Vec::new();
            for (pointer, edit) in edits {
                let preview = template
                    .preview(edit, host)
                    .map_err(|error| format!("{pointer}: cannot preview: {error}"))?;
                // Each dropped or unchanged field's pointer, from the payload's root.
                let entries = |list: &[Dropped]| -> Vec<Value> {
                    list.iter()
                        .map(|dropped| {
                            let mut entry = to_value(dropped);
                            entry["pointer"] = json!(format!("{pointer}{}", dropped.pointer));
                            entry
                        })
                        .collect()
                };
                processes.push(json!({
                    "pointer": pointer,
                    "bk_process_id": process_id(edit),
                    "stored": to_value(&preview.stored),
                    "dropped": entries(&preview.dropped),
                "unchanged": entries(&preview.unchanged),
                    "reset_rows": to_value(&preview.reset_rows),
                }));
            }
            Ok(json!({"version": VERSION, "processes": processes}))
        },
    )
}

/// What applying the template changes in each instance: the document
/// `cc-lint sync --format json` prints, as a dict. The inputs are read as by
/// `preview`.
#[pyfunction]
#[pyo3(signature = (instance, template, host = None))]
pub(crate) fn sync<'py>(
    py: Python<'py>,
    instance: &Bound<'py, PyAny>,
    template: &Bound<'py, PyAny>,
    host: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    run(
        py,
        template,
        host,
        Some((instance, "instance")),
        |template, host, instances| {
            let mut processes = Vec::new();
            for (pointer, instance) in instances {
                let synced = template
                    .sync(instance, host)
                    .map_err(|error| format!("{pointer}: cannot plan the sync: {error}"))?;
                processes.push(json!({
                    "pointer": pointer,
                    "bk_process_id": process_id(instance),
                    "fields": to_value(&synced.plan.fields),
                    "rows": to_value(&synced.plan.rows),
                    "result": to_value(&synced.instance),
                }));
            }
            Ok(json!({"version": VERSION, "processes": processes}))
        },
    )
}

/// The process instance the server creates from the template: the document
/// `cc-lint instantiate --format json` prints, as a dict. The inputs are read as
/// by `preview`.
#[pyfunction]
#[pyo3(signature = (template, host = None))]
pub(crate) fn instantiate<'py>(
    py: Python<'py>,
    template: &Bound<'py, PyAny>,
    host: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    run(py, template, host, None, |template, host, _| {
        let instance = template
            .instantiate(host)
            .map_err(|error| format!("cannot instantiate: {error}"))?;
        Ok(json!({"version": VERSION, "instance": to_value(&instance)}))
    })
}
