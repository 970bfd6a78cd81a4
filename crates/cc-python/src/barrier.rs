//! The panic barrier: no Rust panic crosses into Python. Every function the
//! module exports runs its body through [`guarded`], which turns a panic into
//! `cc_lint.InternalError` (pyo3 would raise `PanicException`, a
//! `BaseException` that `except Exception` does not catch).

use crate::errors::{self, Kind};
use pyo3::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs `body`; a panic in it (GIL held or released) becomes `InternalError`.
pub(crate) fn guarded<T>(py: Python<'_>, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    // The body's state is dropped with the panic: nothing is observed after it.
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        Err(errors::new(
            py,
            Kind::Internal,
            format!("internal error in cc-lint (please report it): {message}"),
        ))
    })
}

/// Panics, with the GIL held or released: the tests' way to reach the barrier.
/// Not API.
#[pyfunction]
#[pyo3(signature = (message, detached = false))]
pub(crate) fn _panic(py: Python<'_>, message: String, detached: bool) -> PyResult<()> {
    guarded(py, || {
        if detached {
            py.detach(|| std::panic::panic_any(message));
        }
        std::panic::panic_any(message)
    })
}
