//! The payload layer: what a payload holds, as the rules see it. Views over its
//! processes and bind rows (template or instance form), port lists (a pure
//! parser of a string, and the port strings of a payload's rows), the process
//! template a check is given, the host and processes the template commands
//! read, and the check context built once per payload.
//!
//! Uses `crate::vocab` and `crate::source`.

pub(crate) mod context;
pub(crate) mod inputs;
pub(crate) mod port_values;
pub(crate) mod ports;
pub(crate) mod template;
pub(crate) mod views;
