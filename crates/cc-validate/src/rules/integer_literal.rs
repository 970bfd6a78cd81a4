//! `integer-literal`: an integer field written as `1.0` or `1e2`, or a number
//! outside the 64-bit range. JSON Schema counts `1.0` as an integer; the server's
//! decoder does not.

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::wording::field_label;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::fix::{Applicability, Edit, Fix, FixDoc};
use super::fix::FixSource;
use crate::vocab::rule::Rule;
use crate::schema::nav::{child, declares_type, expand};
use crate::vocab::pointer::escape_token;
use serde_json::{Number, Value};

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "an integer field written as 1.0 or 1e2, or outside the 64-bit range",
    explanation: "JSON Schema accepts `1.0` where an integer is expected, but the server decodes \
                  integer fields with Go's strict number parsing: a fraction or exponent literal, or \
                  a value outside i64, is rejected. A new process's `process_info` \
                  (`create_process_instance`, `create_service_instance`) is a raw map instead: its \
                  instance check converts such a number to 0, ignoring the conversion error \
                  (`attribute.go:537-555`, `util/conv.go:95-132`), and stores it as sent, so there \
                  it is a warning where 0 is in the attribute's range and an error where it is not \
                  (`proc_num`).",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "proc_num": 1.0}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "proc_num": 1}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Only a number that is not an i64 can be reported: most payloads have
    // none (the parse noticed), and then the schema need not be walked at all.
    if !context.traits.non_i64_number || !has_non_i64(context.value) {
        return;
    }
    let root = expand(context.schema, context.schema);
    walk(context.schema, context.value, &root, &mut String::new(), out);
}

fn walk(schema: &Value, value: &Value, nodes: &[&Value], pointer: &mut String, out: &mut Vec<Diagnostic>) {
    if nodes.is_empty() {
        return;
    }
    match value {
        Value::Number(number) if declares_type(nodes, "integer") => {
            if let Some(message) = problem(number) {
                out.push(
                    Diagnostic::new(
                        Rule::IntegerLiteral,
                        pointer.clone(),
                        format!("{} {message}", field_label(pointer)),
                    )
                    .with_help("write the number as a plain integer literal, without `.0` or an exponent"),
                );
            }
        }
        Value::Array(items) => {
            let next = child(schema, nodes, "", true);
            for (index, item) in items.iter().enumerate() {
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                walk(schema, item, &next, pointer, out);
                pointer.truncate(length);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                let next = child(schema, nodes, key, false);
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(&escape_token(key));
                walk(schema, item, &next, pointer, out);
                pointer.truncate(length);
            }
        }
        _ => {}
    }
}

/// True when some number in `value` is not an i64 (what [`problem`] can report).
fn has_non_i64(value: &Value) -> bool {
    match value {
        Value::Number(number) => !number.is_i64(),
        Value::Array(items) => items.iter().any(has_non_i64),
        Value::Object(members) => members.values().any(has_non_i64),
        _ => false,
    }
}

/// What is wrong with an integer field's number, if anything.
fn problem(number: &Number) -> Option<String> {
    if number.is_i64() {
        return None;
    }
    if number.is_u64() {
        return Some(format!("is {number}, outside the 64-bit integer range the server accepts"));
    }
    let float = number.as_f64()?;
    if float.fract() != 0.0 {
        // Not an integer at all: the schema's type check reports it.
        return None;
    }
    // 2^63: the first integral float that does not fit i64.
    if float.abs() >= 9_223_372_036_854_775_808.0 {
        return Some(format!("is {number}, outside the 64-bit integer range the server accepts"));
    }
    Some(format!("must be written as an integer literal, got {number}"))
}

/// The fix: the same integer as a plain literal (`1.0` -> `1`, `1e2` ->
/// `100`), which the server reads as the author meant.
pub(crate) const FIX: FixDoc = FixDoc {
    applicability: Applicability::Safe,
    summary: "writes the number as a plain integer literal (`1.0` -> `1`, `1e2` -> `100`)",
};

/// Rewrites an integral number within i64 as a plain integer literal.
pub(crate) fn fix(diagnostic: &Diagnostic, source: &FixSource<'_>) -> Option<Fix> {
    let (spot, literal) = source.value_text(&diagnostic.pointer)?;
    let integer = plain_integer(literal)?;
    Some(Fix::new(
        Applicability::Safe,
        format!("write `{integer}`"),
        Edit::replace(spot.value, integer),
    ))
}

/// The JSON number `literal` as a plain i64 literal, exactly (no float on the
/// way), when it is an integer within i64.
fn plain_integer(literal: &str) -> Option<String> {
    let (negative, unsigned) = match literal.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, literal),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], unsigned[at + 1..].parse::<i64>().ok()?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits = format!("{whole}{fraction}");
    let shift = exponent.checked_sub(i64::try_from(fraction.len()).ok()?)?;
    if shift >= 0 {
        // An i64 has at most 19 digits: anything longer is out of range.
        if shift > 19 {
            return (digits.bytes().all(|byte| byte == b'0')).then(|| "0".to_owned());
        }
        digits.push_str(&"0".repeat(usize::try_from(shift).ok()?));
    } else {
        let cut = usize::try_from(-shift).ok()?;
        if cut > digits.len() {
            return digits.bytes().all(|byte| byte == b'0').then(|| "0".to_owned());
        }
        let (kept, dropped) = digits.split_at(digits.len() - cut);
        if !dropped.bytes().all(|byte| byte == b'0') {
            return None;
        }
        digits = kept.to_owned();
    }
    let magnitude = digits.trim_start_matches('0');
    let text = if magnitude.is_empty() {
        "0".to_owned()
    } else if negative {
        format!("-{magnitude}")
    } else {
        magnitude.to_owned()
    };
    text.parse::<i64>().ok().map(|number| number.to_string())
}

#[cfg(test)]
mod tests {
    use super::plain_integer;

    #[test]
    fn integral_literals_become_plain_integers() {
        for (literal, integer) in [
            ("1.0", "1"),
            ("1e2", "100"),
            ("1E+2", "100"),
            ("-3.00", "-3"),
            ("1.5e1", "15"),
            ("2500e-2", "25"),
            ("0.0", "0"),
            ("0e400", "0"),
            ("9223372036854775807.0", "9223372036854775807"),
            ("-9223372036854775808.0", "-9223372036854775808"),
        ] {
            assert_eq!(plain_integer(literal).as_deref(), Some(integer), "{literal}");
        }
        for literal in ["1.5", "9223372036854775808.0", "1e19", "1e400", "15e-1"] {
            assert_eq!(plain_integer(literal), None, "{literal}");
        }
    }
}
