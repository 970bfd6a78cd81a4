//! The port strings of a payload's bind rows, each with its row and parsed once
//! for every port rule.

use crate::payload::ports::{PortError, PortItem, parse_ports};
use crate::payload::views::{Form, ProcessView, RowView};

/// A port string of a bind row, with its row.
#[derive(Debug, Clone)]
pub(crate) struct PortValue<'a> {
    /// The row holding it.
    row: RowView<'a>,
    /// The string.
    pub(crate) text: &'a str,
    /// Template or instance row.
    pub(crate) form: Form,
    /// The string parsed, once for every port rule.
    pub(crate) parsed: Result<Vec<PortItem<'a>>, PortError<'a>>,
}

impl PortValue<'_> {
    /// Pointer to the string (`.../port/value` in a template, `.../port` on an
    /// instance), built when a rule reports.
    pub(crate) fn pointer(&self) -> String {
        self.row
            .member("port")
            .map(|member| member.pointer)
            .unwrap_or_default()
    }
}

/// The port strings of every template bind row of `processes`, parsed, found once when
/// the check context is built. Non-string values are the schema's to report.
pub(crate) fn find_port_values<'a>(processes: &[ProcessView<'a>]) -> Vec<PortValue<'a>> {
    processes
        .iter()
        .flat_map(ProcessView::bind_rows)
        // Instance rows take one port or one range, which the instance
        // attribute checks read from cc_model::attributes.
        .filter(|row| row.form == Form::Template)
        .filter_map(|row| {
            let text = row.value("port")?.as_str()?;
            Some(PortValue {
                row: row.clone(),
                text,
                form: row.form,
                parsed: parse_ports(text),
            })
        })
        .collect()
}
