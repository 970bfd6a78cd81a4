//! The Python exceptions this module raises. They are defined once, in Python
//! (`cc_lint/_errors.py`, so that each can also be a `TypeError` or a
//! `ValueError`); this module looks them up and raises them.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

/// One of the exception classes of `cc_lint._errors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An argument of the wrong type (also a `TypeError`).
    ArgumentType,
    /// An argument of the right type with a wrong value (also a `ValueError`).
    ArgumentValue,
    /// A name that is no endpoint (an `ArgumentValue`).
    UnknownEndpoint,
    /// An id that is no rule (an `ArgumentValue`).
    UnknownRule,
    /// A payload whose endpoint cannot be told from its content.
    EndpointNotDetected,
    /// A template, host, edit or instance that cannot be used.
    Input,
    /// A panic caught at the boundary: a bug of cc-lint, never of the caller.
    Internal,
}

impl Kind {
    const ALL: [Self; 7] = [
        Self::ArgumentType,
        Self::ArgumentValue,
        Self::UnknownEndpoint,
        Self::UnknownRule,
        Self::EndpointNotDetected,
        Self::Input,
        Self::Internal,
    ];

    /// The class name in `cc_lint._errors`.
    const fn class_name(self) -> &'static str {
        match self {
            Self::ArgumentType => "ArgumentTypeError",
            Self::ArgumentValue => "ArgumentValueError",
            Self::UnknownEndpoint => "UnknownEndpointError",
            Self::UnknownRule => "UnknownRuleError",
            Self::EndpointNotDetected => "EndpointNotDetectedError",
            Self::Input => "InputError",
            Self::Internal => "InternalError",
        }
    }

    fn index(self) -> usize {
        Self::ALL
            .iter()
            .position(|kind| *kind == self)
            .unwrap_or_default()
    }
}

/// The classes, looked up on first use.
static CLASSES: [PyOnceLock<Py<PyType>>; Kind::ALL.len()] =
    [const { PyOnceLock::new() }; Kind::ALL.len()];

fn class(py: Python<'_>, kind: Kind) -> PyResult<&Bound<'_, PyType>> {
    CLASSES[kind.index()]
        .get_or_try_init(py, || {
            let class = py
                .import("cc_lint._errors")?
                .getattr(kind.class_name())?
                .cast_into::<PyType>()?;
            Ok::<_, PyErr>(class.unbind())
        })
        .map(|class| class.bind(py))
}

/// An exception of `kind` with `message`.
pub(crate) fn new(py: Python<'_>, kind: Kind, message: impl Into<String>) -> PyErr {
    let message = message.into();
    match class(py, kind) {
        Ok(class) => PyErr::from_type(class.clone(), message),
        // `cc_lint._errors` ships in the same wheel; without it, still an exception.
        Err(_) => PyRuntimeError::new_err(message),
    }
}

/// An exception of `kind` built with `args` (for classes that carry more than
/// a message).
pub(crate) fn with_args<'py, A>(py: Python<'py>, kind: Kind, args: A) -> PyErr
where
    A: pyo3::call::PyCallArgs<'py>,
{
    match class(py, kind).and_then(|class| class.call1(args)) {
        Ok(instance) => PyErr::from_value(instance),
        Err(error) => error,
    }
}
