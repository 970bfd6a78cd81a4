//! `cc_lint._native`, the extension module of the `cc-lint` Python package:
//! cc-validate's checks and cc-model's template behaviour for Python. The
//! package (`python/cc_lint/`) re-exports it; see its docstrings and
//! `_native.pyi` for the Python API, and the README for the build.
//!
//! Built by maturin (`pyproject.toml`) as an abi3 wheel for `CPython` 3.9 and
//! later; tested from Python against the installed wheel (`tests/`).

mod barrier;
mod catalogue;
mod check;
mod diagnostic;
mod errors;
mod input;
mod json_text;
mod names;
mod options;
mod templates;
mod to_python;

use pyo3::prelude::*;

/// The module `cc_lint._native`.
#[pymodule]
#[pyo3(name = "_native")]
fn native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_class::<diagnostic::Diagnostic>()?;
    module.add_class::<diagnostic::Related>()?;
    module.add_function(wrap_pyfunction!(check::check, module)?)?;
    module.add_function(wrap_pyfunction!(templates::preview, module)?)?;
    module.add_function(wrap_pyfunction!(templates::sync, module)?)?;
    module.add_function(wrap_pyfunction!(templates::instantiate, module)?)?;
    module.add_function(wrap_pyfunction!(catalogue::explain, module)?)?;
    module.add_function(wrap_pyfunction!(catalogue::rules, module)?)?;
    module.add_function(wrap_pyfunction!(catalogue::endpoints, module)?)?;
    module.add_function(wrap_pyfunction!(catalogue::schema, module)?)?;
    module.add_function(wrap_pyfunction!(barrier::_panic, module)?)?;
    Ok(())
}
