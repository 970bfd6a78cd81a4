//! What the functions take as a payload: `bytes` (read as they are), `str`
//! (its UTF-8 encoding) or a parsed `dict`/`list` (serialised once, see
//! [`crate::json_text`]). Turned into the bytes the checker reads.

use crate::errors::{self, Kind};
use crate::json_text::{to_json, type_name};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};
use std::borrow::Cow;

/// The bytes of `value`, named `what` in errors: borrowed from a `bytes`
/// object (immutable, so they may be read without the GIL), copied otherwise.
pub(crate) fn source<'a>(value: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(bytes.as_bytes()));
    }
    if let Ok(text) = value.cast::<PyString>() {
        let text = text.to_cow().map_err(|error| {
            errors::new(
                value.py(),
                Kind::ArgumentValue,
                format!("{what}: the str cannot be encoded as UTF-8: {error}"),
            )
        })?;
        return Ok(Cow::Owned(text.into_owned().into_bytes()));
    }
    if let Ok(bytes) = value.cast::<PyByteArray>() {
        return Ok(Cow::Owned(bytes.to_vec()));
    }
    if value.is_instance_of::<PyDict>()
        || value.is_instance_of::<PyList>()
        || value.is_instance_of::<PyTuple>()
    {
        return to_json(value).map(Cow::Owned).map_err(|error| {
            // Name the argument in the serialiser's message.
            let py = value.py();
            let message = format!("{what}: {}", error.value(py));
            if error.is_instance_of::<pyo3::exceptions::PyTypeError>(py) {
                errors::new(py, Kind::ArgumentType, message)
            } else if error.is_instance_of::<pyo3::exceptions::PyValueError>(py) {
                errors::new(py, Kind::ArgumentValue, message)
            } else {
                error
            }
        });
    }
    Err(errors::new(
        value.py(),
        Kind::ArgumentType,
        format!(
            "{what} must be bytes, str, dict or list, not {}",
            type_name(value)
        ),
    ))
}
