//! `cc_lint.preview`, `cc_lint.sync` and `cc_lint.instantiate`: what the server
//! does with a template, as the documents `cc-lint preview|sync|instantiate
//! --format json` print, as dicts. Both are written by cc-validate
//! (`preview_document` and friends); this is the glue.

use crate::barrier::guarded;
use crate::errors::{self, Kind};
use crate::options;
use crate::to_python::to_python;
use cc_model::{Host, Process, ProcessTemplateSpec};
use pyo3::prelude::*;
use serde_json::Value;

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
            cc_validate::preview_document(template, host, edits).map_err(|error| error.to_string())
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
            cc_validate::sync_document(template, host, instances).map_err(|error| error.to_string())
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
        cc_validate::instantiate_document(template, host).map_err(|error| error.to_string())
    })
}
