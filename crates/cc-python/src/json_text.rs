//! Serialising a parsed payload (`dict`, `list` and what they hold) to JSON
//! text, byte for byte as `json.dumps(payload, indent=2, ensure_ascii=False)`
//! writes it, so that the line and column of a finding can be looked up in that
//! text. Python's rules are followed: `str`, `int`, `float`, `bool` and `None`
//! keys become strings, tuples are arrays, anything else is a type error.

use crate::errors::{self, Kind};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

/// Containers nested deeper than this are refused (the parser stops at 128
/// levels anyway); it also stops a payload that contains itself.
const MAX_DEPTH: usize = 512;

/// The JSON text of `value`.
pub(crate) fn to_json(value: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    let mut writer = Writer {
        out: Vec::with_capacity(256),
        open: Vec::new(),
    };
    writer.value(value)?;
    Ok(writer.out)
}

struct Writer {
    out: Vec<u8>,
    /// The containers being written, outermost first (to detect cycles).
    open: Vec<usize>,
}

impl Writer {
    fn value(&mut self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = value.py();
        if let Ok(text) = value.cast::<PyString>() {
            self.string(&text.to_cow()?);
        } else if value.is_none() {
            self.out.extend_from_slice(b"null");
        } else if let Ok(flag) = value.cast::<PyBool>() {
            let text: &[u8] = if flag.is_true() { b"true" } else { b"false" };
            self.out.extend_from_slice(text);
        } else if value.is_instance_of::<PyInt>() {
            self.int(value)?;
        } else if value.is_instance_of::<PyFloat>() {
            self.float(value)?;
        } else if let Ok(list) = value.cast::<PyList>() {
            self.enter(value)?;
            self.array(list.len(), list.iter())?;
            self.open.pop();
        } else if let Ok(tuple) = value.cast::<PyTuple>() {
            self.enter(value)?;
            self.array(tuple.len(), tuple.iter())?;
            self.open.pop();
        } else if let Ok(dict) = value.cast::<PyDict>() {
            self.enter(value)?;
            self.object(dict)?;
            self.open.pop();
        } else {
            return Err(errors::new(
                py,
                Kind::ArgumentType,
                format!(
                    "Object of type {} is not JSON serializable",
                    type_name(value)
                ),
            ));
        }
        Ok(())
    }

    fn enter(&mut self, container: &Bound<'_, PyAny>) -> PyResult<()> {
        let id = container.as_ptr() as usize;
        if self.open.contains(&id) {
            return Err(errors::new(
                container.py(),
                Kind::ArgumentValue,
                "Circular reference detected",
            ));
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(errors::new(
                container.py(),
                Kind::ArgumentValue,
                format!("the payload nests containers deeper than {MAX_DEPTH} levels"),
            ));
        }
        self.open.push(id);
        Ok(())
    }

    fn newline(&mut self) {
        self.out.push(b'\n');
        let width = 2 * self.open.len();
        self.out.resize(self.out.len() + width, b' ');
    }

    fn array<'py>(
        &mut self,
        len: usize,
        items: impl Iterator<Item = Bound<'py, PyAny>>,
    ) -> PyResult<()> {
        if len == 0 {
            self.out.extend_from_slice(b"[]");
            return Ok(());
        }
        self.out.push(b'[');
        for (index, item) in items.enumerate() {
            if index > 0 {
                self.out.push(b',');
            }
            self.newline();
            self.value(&item)?;
        }
        self.close(b']');
        Ok(())
    }

    fn object(&mut self, dict: &Bound<'_, PyDict>) -> PyResult<()> {
        if dict.is_empty() {
            self.out.extend_from_slice(b"{}");
            return Ok(());
        }
        self.out.push(b'{');
        for (index, (key, item)) in dict.iter().enumerate() {
            if index > 0 {
                self.out.push(b',');
            }
            self.newline();
            self.key(&key)?;
            self.out.extend_from_slice(b": ");
            self.value(&item)?;
        }
        self.close(b'}');
        Ok(())
    }

    /// Writes the closing bracket on its own line, one level out.
    fn close(&mut self, bracket: u8) {
        let id = self.open.pop();
        self.newline();
        self.out.push(bracket);
        if let Some(id) = id {
            self.open.push(id);
        }
    }

    fn key(&mut self, key: &Bound<'_, PyAny>) -> PyResult<()> {
        if let Ok(text) = key.cast::<PyString>() {
            self.string(&text.to_cow()?);
            return Ok(());
        }
        // As json.dumps: the key's JSON text, quoted.
        let scalar = key.is_none()
            || key.is_instance_of::<PyBool>()
            || key.is_instance_of::<PyInt>()
            || key.is_instance_of::<PyFloat>();
        if !scalar {
            return Err(errors::new(
                key.py(),
                Kind::ArgumentType,
                format!(
                    "keys must be str, int, float, bool or None, not {}",
                    type_name(key)
                ),
            ));
        }
        let start = self.out.len();
        self.value(key)?;
        let text = String::from_utf8_lossy(&self.out[start..]).into_owned();
        self.out.truncate(start);
        self.string(&text);
        Ok(())
    }

    fn string(&mut self, text: &str) {
        // serde_json escapes exactly what json.dumps escapes with
        // ensure_ascii=False: `"`, `\` and the control characters below 0x20,
        // the short forms where there are some, otherwise \u00xx.
        if serde_json::to_writer(&mut self.out, text).is_err() {
            // Writing a &str to a Vec cannot fail.
            self.out.extend_from_slice(b"\"\"");
        }
    }

    fn int(&mut self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        if let Ok(number) = value.extract::<i64>() {
            self.out.extend_from_slice(number.to_string().as_bytes());
            return Ok(());
        }
        // Beyond 64 bits (the checker reports those): int.__repr__, as json.dumps.
        let text = value
            .py()
            .get_type::<PyInt>()
            .getattr("__repr__")?
            .call1((value,))?;
        self.out
            .extend_from_slice(text.cast::<PyString>()?.to_cow()?.as_bytes());
        Ok(())
    }

    fn float(&mut self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let number: f64 = value.extract()?;
        if !number.is_finite() {
            return Err(errors::new(
                value.py(),
                Kind::ArgumentValue,
                format!("Out of range float values are not JSON compliant: {number}"),
            ));
        }
        let text = value
            .py()
            .get_type::<PyFloat>()
            .getattr("__repr__")?
            .call1((value,))?;
        self.out
            .extend_from_slice(text.cast::<PyString>()?.to_cow()?.as_bytes());
        Ok(())
    }
}

/// The name of a value's type, as Python's messages show it.
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |name| name.to_string())
}
