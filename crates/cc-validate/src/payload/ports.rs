//! The port-list syntax of bind rows: comma-separated items, each a port
//! `1..=65535` without leading zeros or a range `A-B` of such ports with
//! `A <= B`, no two items overlapping.
//!
//! [`parse_ports`] never panics and allocates only the list it returns (plus one
//! sorted copy to find overlaps); errors borrow the input. An input has at most
//! one error, in order of precedence: a malformed item (`port-syntax`), then a
//! range whose start is above its end (`port-range-order`), then two overlapping
//! items (`port-overlap`), so that one problem is never reported twice.

/// The largest port.
const MAX_PORT: u16 = u16::MAX;

/// One item of a port list: a single port (`start == end`) or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortItem<'a> {
    /// The item as written.
    pub text: &'a str,
    /// 1-based position of the item in the list.
    pub position: usize,
    /// First port.
    pub start: u16,
    /// Last port (equal to `start` for a single port).
    pub end: u16,
}

/// Why an item is malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemProblem<'a> {
    /// Nothing between two commas, or before the first or after the last one.
    Empty,
    /// A space or other whitespace somewhere in the item.
    Whitespace,
    /// More than one `-`.
    ExtraDash,
    /// A range without its start (`-80`).
    MissingStart,
    /// A range without its end (`80-`).
    MissingEnd,
    /// A character other than a digit or `-` (a sign, a letter, ...).
    BadChar(char),
    /// A number with a leading zero (`080`).
    LeadingZero(&'a str),
    /// A number outside `1..=65535`.
    OutOfRange(&'a str),
}

/// Why a port list is rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortError<'a> {
    /// The whole string is empty (allowed on an instance, not in a template).
    Empty,
    /// An item is malformed (`port-syntax`).
    Syntax {
        /// The item as written.
        item: &'a str,
        /// 1-based position of the item.
        position: usize,
        /// What is wrong with it.
        problem: ItemProblem<'a>,
    },
    /// A range starts above its end (`port-range-order`); the first such item.
    RangeOrder(PortItem<'a>),
    /// Two items share a port (`port-overlap`); `first` comes first in the list.
    Overlap {
        /// The earlier item.
        first: PortItem<'a>,
        /// The later item.
        second: PortItem<'a>,
    },
}

/// Parses a port list. See the module docs for the syntax and the precedence of
/// errors.
pub fn parse_ports(text: &str) -> Result<Vec<PortItem<'_>>, PortError<'_>> {
    if text.is_empty() {
        return Err(PortError::Empty);
    }
    // Most lists are one plain port: no splitting, no overlap to look for.
    if text.len() <= 5 && text.bytes().all(|byte| byte.is_ascii_digit()) {
        let port = parse_number(text).map_err(|problem| PortError::Syntax {
            item: text,
            position: 1,
            problem,
        })?;
        return Ok(vec![PortItem {
            text,
            position: 1,
            start: port,
            end: port,
        }]);
    }
    let mut items = Vec::new();
    let mut first_reversed = None;
    for (index, item) in text.split(',').enumerate() {
        let position = index + 1;
        let (start, end) = parse_item(item).map_err(|problem| PortError::Syntax {
            item,
            position,
            problem,
        })?;
        let parsed = PortItem {
            text: item,
            position,
            start,
            end,
        };
        if start > end && first_reversed.is_none() {
            first_reversed = Some(parsed);
        }
        items.push(parsed);
    }
    if let Some(reversed) = first_reversed {
        return Err(PortError::RangeOrder(reversed));
    }
    if let Some((first, second)) = find_overlap(&items) {
        return Err(PortError::Overlap { first, second });
    }
    Ok(items)
}

/// One item: its first and last port, not yet checked for order.
fn parse_item(item: &str) -> Result<(u16, u16), ItemProblem<'_>> {
    if item.is_empty() {
        return Err(ItemProblem::Empty);
    }
    if item.chars().any(char::is_whitespace) {
        return Err(ItemProblem::Whitespace);
    }
    let mut parts = item.splitn(3, '-');
    let start = parts.next().unwrap_or_default();
    let end = parts.next();
    if parts.next().is_some() {
        return Err(ItemProblem::ExtraDash);
    }
    match end {
        None => parse_number(start).map(|port| (port, port)),
        Some(end) => {
            if start.is_empty() {
                return Err(ItemProblem::MissingStart);
            }
            let first = parse_number(start)?;
            if end.is_empty() {
                return Err(ItemProblem::MissingEnd);
            }
            Ok((first, parse_number(end)?))
        }
    }
}

/// One port number: digits only, no leading zero, `1..=65535`.
fn parse_number(number: &str) -> Result<u16, ItemProblem<'_>> {
    if let Some(bad) = number.chars().find(|c| !c.is_ascii_digit()) {
        return Err(ItemProblem::BadChar(bad));
    }
    if number.len() > 1 && number.starts_with('0') {
        return Err(ItemProblem::LeadingZero(number));
    }
    // Without leading zeros, more than five digits is above 65535.
    if number.len() > 5 {
        return Err(ItemProblem::OutOfRange(number));
    }
    let value = number
        .bytes()
        .fold(0u32, |value, digit| value * 10 + u32::from(digit - b'0'));
    match u16::try_from(value) {
        Ok(port) if (1..=MAX_PORT).contains(&port) => Ok(port),
        _ => Err(ItemProblem::OutOfRange(number)),
    }
}

/// The first pair of overlapping items, earlier item first: the pair whose
/// later-starting item starts lowest.
fn find_overlap<'a>(items: &[PortItem<'a>]) -> Option<(PortItem<'a>, PortItem<'a>)> {
    if items.len() < 2 {
        return None;
    }
    let mut sorted = items.to_vec();
    sorted.sort_unstable_by_key(|item| (item.start, item.position));
    let mut widest = sorted[0];
    for &item in &sorted[1..] {
        if item.start <= widest.end {
            return Some(if widest.position < item.position {
                (widest, item)
            } else {
                (item, widest)
            });
        }
        if item.end > widest.end {
            widest = item;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(text: &str) -> Vec<(u16, u16)> {
        parse_ports(text)
            .unwrap_or_else(|error| panic!("{text:?} should parse, got {error:?}"))
            .iter()
            .map(|item| (item.start, item.end))
            .collect()
    }

    fn syntax(text: &str) -> (usize, &str, ItemProblem<'_>) {
        match parse_ports(text) {
            Err(PortError::Syntax {
                item,
                position,
                problem,
            }) => (position, item, problem),
            other => panic!("{text:?} should be a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn valid_lists_parse() {
        let cases: &[(&str, &[(u16, u16)])] = &[
            ("1", &[(1, 1)]),
            ("80", &[(80, 80)]),
            ("65535", &[(65535, 65535)]),
            ("1-1", &[(1, 1)]),
            ("1-65535", &[(1, 65535)]),
            ("80,81", &[(80, 80), (81, 81)]),
            ("81,80", &[(81, 81), (80, 80)]),
            ("80,443,8000-8010", &[(80, 80), (443, 443), (8000, 8010)]),
            ("10-20,21-30", &[(10, 20), (21, 30)]),
            ("21-30,10-20", &[(21, 30), (10, 20)]),
            ("100,1-99,101-65535", &[(100, 100), (1, 99), (101, 65535)]),
        ];
        for (text, expected) in cases {
            assert_eq!(ranges(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn items_keep_their_text_and_position() {
        let items = parse_ports("80,8000-8010").unwrap_or_default();
        assert_eq!(items.len(), 2);
        assert_eq!((items[1].text, items[1].position), ("8000-8010", 2));
    }

    #[test]
    fn the_empty_string_is_its_own_error() {
        assert_eq!(parse_ports(""), Err(PortError::Empty));
    }

    #[test]
    fn malformed_items_are_syntax_errors() {
        use ItemProblem::{
            BadChar, Empty, ExtraDash, LeadingZero, MissingEnd, MissingStart, OutOfRange,
            Whitespace,
        };
        let cases: &[(&str, usize, &str, ItemProblem<'_>)] = &[
            ("0", 1, "0", OutOfRange("0")),
            ("65536", 1, "65536", OutOfRange("65536")),
            ("99999", 1, "99999", OutOfRange("99999")),
            ("100000", 1, "100000", OutOfRange("100000")),
            ("0-80", 1, "0-80", OutOfRange("0")),
            ("1-65536", 1, "1-65536", OutOfRange("65536")),
            ("080", 1, "080", LeadingZero("080")),
            ("00", 1, "00", LeadingZero("00")),
            ("80-090", 1, "80-090", LeadingZero("090")),
            (" 80", 1, " 80", Whitespace),
            ("80 ", 1, "80 ", Whitespace),
            ("80, 81", 2, " 81", Whitespace),
            ("80 -90", 1, "80 -90", Whitespace),
            ("8\t0", 1, "8\t0", Whitespace),
            ("80,", 2, "", Empty),
            (",80", 1, "", Empty),
            ("80,,81", 2, "", Empty),
            (",", 1, "", Empty),
            ("+80", 1, "+80", BadChar('+')),
            ("-80", 1, "-80", MissingStart),
            ("80-", 1, "80-", MissingEnd),
            ("-", 1, "-", MissingStart),
            ("80x", 1, "80x", BadChar('x')),
            ("http", 1, "http", BadChar('h')),
            ("80;81", 1, "80;81", BadChar(';')),
            ("８０", 1, "８０", BadChar('８')),
            ("1-2-3", 1, "1-2-3", ExtraDash),
            ("--", 1, "--", ExtraDash),
            ("80,90-100-110", 2, "90-100-110", ExtraDash),
        ];
        for &(text, position, item, problem) in cases {
            assert_eq!(syntax(text), (position, item, problem), "{text:?}");
        }
    }

    #[test]
    fn reversed_ranges_are_order_errors() {
        let cases: &[(&str, usize, &str)] = &[
            ("9000-8000", 1, "9000-8000"),
            ("80,2-1", 2, "2-1"),
            ("65535-1", 1, "65535-1"),
            ("80,90-85,100-95", 2, "90-85"),
        ];
        for &(text, position, item) in cases {
            match parse_ports(text) {
                Err(PortError::RangeOrder(reversed)) => {
                    assert_eq!(
                        (reversed.position, reversed.text),
                        (position, item),
                        "{text:?}"
                    );
                }
                other => panic!("{text:?} should be an order error, got {other:?}"),
            }
        }
    }

    #[test]
    fn overlapping_items_are_overlap_errors() {
        let cases: &[(&str, &str, &str)] = &[
            ("80,80", "80", "80"),
            ("8000-8010,8005", "8000-8010", "8005"),
            ("8005,8000-8010", "8005", "8000-8010"),
            ("10-20,15-30", "10-20", "15-30"),
            ("10-20,20-30", "10-20", "20-30"),
            ("1-65535,443", "1-65535", "443"),
            ("80,1000-2000,443,1500", "1000-2000", "1500"),
            ("1-1,1", "1-1", "1"),
        ];
        for &(text, first, second) in cases {
            match parse_ports(text) {
                Err(PortError::Overlap {
                    first: a,
                    second: b,
                }) => {
                    assert_eq!((a.text, b.text), (first, second), "{text:?}");
                    assert!(a.position < b.position, "{text:?}");
                }
                other => panic!("{text:?} should be an overlap error, got {other:?}"),
            }
        }
    }

    #[test]
    fn syntax_comes_before_order_and_order_before_overlap() {
        // A malformed item anywhere wins over a reversed range or an overlap.
        assert!(matches!(
            parse_ports("9000-8000,80,80,x"),
            Err(PortError::Syntax { position: 4, .. })
        ));
        // A reversed range wins over an overlap.
        assert!(matches!(
            parse_ports("80,80,9000-8000"),
            Err(PortError::RangeOrder(PortItem { position: 3, .. }))
        ));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let long_digits = "9".repeat(1000);
        let long_list = "1,".repeat(5000);
        let long_range = format!("1-{}", "6".repeat(1000));
        let many_ranges: String = (1..=2000)
            .map(|n| format!("{}-{}", n * 30, n * 30 + 29))
            .collect::<Vec<_>>()
            .join(",");
        let inputs = [
            "",
            "-",
            "--",
            ",",
            ",,",
            "1-",
            "-1",
            "1--2",
            "é",
            "8é0",
            "\u{0}",
            "😀,😀",
            "١٢٣",
            "\u{200b}80",
            "80\u{a0}",
            "𝟖𝟎",
            "65535-65535",
            "4294967297",
            "18446744073709551617",
            long_digits.as_str(),
            long_list.as_str(),
            long_range.as_str(),
            many_ranges.as_str(),
        ];
        for input in inputs {
            let result = std::panic::catch_unwind(|| parse_ports(input).map(|items| items.len()));
            assert!(result.is_ok(), "{input:?} panicked");
        }
        assert!(parse_ports(&long_digits).is_err());
        assert!(parse_ports(&many_ranges).is_ok());
    }
}
