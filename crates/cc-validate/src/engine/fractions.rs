//! A fraction where a new process takes an integer: `create_process_instance`
//! (and `create_service_instance`) keep `process_info` as a raw map, and the
//! instance validation reads an integer attribute's number with
//! `util.GetInt64ByInterface`, whose conversion error `validInt` ignores
//! (`common/metadata/attribute.go:537-555`, `common/util/conv.go:95-132`): a
//! `1.5`, `1.0` or `1e2` is checked as 0, and stored as sent. So it is
//! accepted where 0 is in the attribute's range (`priority`, `timeout`,
//! `bk_start_check_secs`) and refused where it is not (`proc_num`).

use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use crate::vocab::severity::Severity;
use cc_model::Endpoint;
use cc_model::attributes::{AttributeType, PROCESS_ATTRIBUTES};
use serde_json::Value;

/// Below this magnitude a number that is not an integer literal converts to
/// 0; at or above it the conversion saturates (an out-of-range error, which
/// leaves the limit), so the schema's range finding stands.
const SATURATES_AT: f64 = 9_223_372_036_854_775_808.0;

/// Replaces the schema's and `integer-literal`'s findings on such numbers with
/// what the server does: a warning where 0 is in range, an error naming the
/// range where it is not.
pub(crate) fn read_as_zero(context: &Context<'_>, diagnostics: &mut Vec<Diagnostic>) {
    if !(context.is_request_of(Endpoint::CreateProcessInstance)
        || context.is_request_of(Endpoint::CreateServiceInstance))
    {
        return;
    }
    let mut replaced: Vec<Diagnostic> = Vec::new();
    diagnostics.retain(|diagnostic| {
        if !matches!(diagnostic.rule, Rule::Schema | Rule::IntegerLiteral) {
            return true;
        }
        let Some(fraction) = fraction_at(context.value, &diagnostic.pointer) else {
            return true;
        };
        if !replaced
            .iter()
            .any(|done| done.pointer == diagnostic.pointer)
        {
            replaced.push(finding(&diagnostic.pointer, &fraction));
        }
        false
    });
    diagnostics.extend(replaced);
}

/// A number that converts to 0, at an integer attribute.
struct Fraction<'a> {
    name: &'static str,
    range: Option<(i64, i64)>,
    number: &'a serde_json::Number,
}

/// The fraction at `pointer` when it is an integer attribute of a
/// `process_info` holding a number that converts to 0.
fn fraction_at<'a>(value: &'a Value, pointer: &str) -> Option<Fraction<'a>> {
    let (parent, name) = pointer.rsplit_once('/')?;
    if !parent.ends_with("/process_info") {
        return None;
    }
    let attribute = PROCESS_ATTRIBUTES
        .iter()
        .find(|attribute| attribute.name == name)?;
    let AttributeType::Int(range) = attribute.kind else {
        return None;
    };
    let Value::Number(number) = value.pointer(pointer)? else {
        return None;
    };
    if number.is_i64() || number.is_u64() {
        return None;
    }
    let float = number.as_f64()?;
    (float.is_finite() && float.abs() < SATURATES_AT).then_some(Fraction {
        name: attribute.name,
        range,
        number,
    })
}

fn finding(pointer: &str, fraction: &Fraction<'_>) -> Diagnostic {
    let Fraction {
        name,
        range,
        number,
    } = *fraction;
    let read = format!(
        "`{name}` is {number}, not an integer literal: the server's instance check converts it to 0 (the conversion error is ignored)"
    );
    match range {
        Some((min, max)) if !(min..=max).contains(&0) => Diagnostic::new(
            Rule::IntegerLiteral,
            pointer,
            format!("{read}, which is outside {min}..{max}, so it refuses the process (1199011)"),
        )
        .with_help("write the number as a plain integer literal"),
        _ => {
            let within = range.map_or_else(String::new, |(min, max)| {
                format!(", which is within {min}..{max},")
            });
            let mut diagnostic = Diagnostic::new(
                Rule::IntegerLiteral,
                pointer,
                format!("{read}{within} so it accepts the process and stores the number as sent"),
            )
            .with_help("write the integer meant: the check did not see this value");
            diagnostic.severity = Severity::Warning;
            diagnostic
        }
    }
}
