//! `port-syntax`: a bind row's `port` that is not a comma-separated list of ports
//! `1..=65535` and ranges `A-B`, or an empty `port` in a template row.

use super::RuleDoc;
use crate::payload::context::Context;
use crate::vocab::wording::{field_label, quoted};
use crate::vocab::diagnostic::Diagnostic;
use crate::payload::ports::{ItemProblem, PortError};
use crate::vocab::rule::Rule;
use crate::payload::views::Form;
use cc_model::Endpoint;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::BatchCreateProcTemplate,
    template: None,
    raw: false,
    summary: "a bind row's port that is not a comma-separated list of ports 1-65535 and ranges A-B",
    explanation: "The server accepts a port list only as comma-separated items, each a port \
                  1-65535 without leading zeros or a range `A-B` of such ports, with no spaces \
                  and no empty items; anything else rejects the whole request. A template row \
                  must have a port; an instance row may leave it empty.",
    bad: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "web", "as_default_value": true}, "bk_func_name": {"value": "web", "as_default_value": true}, "bind_info": {"value": [{"ip": {"value": "1", "as_default_value": true}, "port": {"value": "80, 443", "as_default_value": true}, "protocol": {"value": "1", "as_default_value": true}, "row_id": 1}], "as_default_value": true}}}]}"#,
    good: r#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {"bk_process_name": {"value": "web", "as_default_value": true}, "bk_func_name": {"value": "web", "as_default_value": true}, "bind_info": {"value": [{"ip": {"value": "1", "as_default_value": true}, "port": {"value": "80,443", "as_default_value": true}, "protocol": {"value": "1", "as_default_value": true}, "row_id": 1}], "as_default_value": true}}}]}"#,
};

const HELP: &str = "write each comma-separated item as a port 1-65535 without leading zeros or a \
                    range `A-B` of such ports, with no spaces, e.g. \"80,443,8000-8010\"";

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for port in &context.ports {
        // The pointer and label are built only for a finding: most ports are fine.
        let pointer = || port.pointer();
        let (pointer, message) = match &port.parsed {
            Err(PortError::Empty) if port.form == Form::Template => {
                let pointer = pointer();
                let message = format!(
                    "{} must not be empty in a template row",
                    field_label(&pointer)
                );
                (pointer, message)
            }
            Err(PortError::Syntax {
                item,
                position,
                problem,
            }) => {
                let pointer = pointer();
                let message = item_message(
                    &field_label(&pointer),
                    port.text,
                    item,
                    *position,
                    *problem,
                );
                (pointer, message)
            }
            _ => continue,
        };
        out.push(Diagnostic::new(Rule::PortSyntax, pointer, message).with_help(HELP));
    }
}

/// `` `port` item 2 "080" has a leading zero ``: the field, the item's position
/// and text, and what is wrong with it.
fn item_message(
    label: &str,
    whole: &str,
    item: &str,
    position: usize,
    problem: ItemProblem<'_>,
) -> String {
    let shown = quoted(item);
    let what = match problem {
        ItemProblem::Empty => {
            return format!(
                "{label} item {position} is empty in {}; expected a port or a range between commas",
                quoted(whole)
            );
        }
        ItemProblem::Whitespace => "contains whitespace".to_owned(),
        ItemProblem::ExtraDash => {
            "has more than one `-`; expected a port or a range `A-B`".to_owned()
        }
        ItemProblem::MissingStart => "is a range without a start; expected `A-B`".to_owned(),
        ItemProblem::MissingEnd => "is a range without an end; expected `A-B`".to_owned(),
        ItemProblem::BadChar(bad) => {
            format!("contains {bad:?}; expected only digits and `-`")
        }
        ItemProblem::LeadingZero(number) if number == item => "has a leading zero".to_owned(),
        ItemProblem::LeadingZero(number) => format!("has a leading zero in {}", quoted(number)),
        ItemProblem::OutOfRange(number) if number == item => "is not a port 1-65535".to_owned(),
        ItemProblem::OutOfRange(number) => {
            format!("has {}, which is not a port 1-65535", quoted(number))
        }
    };
    format!("{label} item {position} {shown} {what}")
}
