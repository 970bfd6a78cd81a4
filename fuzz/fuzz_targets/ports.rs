//! The port-list parser against a plain reference implementation: the same
//! verdict, items that rebuild the input, and errors that point at a real item.
#![no_main]

use cc_validate::__fuzz::{PortError, PortItem, parse_ports};
use libfuzzer_sys::fuzz_target;

/// One item by the book: digits only, no leading zero, 1..=65535, `A` or `A-B`.
fn reference_item(item: &str) -> Option<(u32, u32)> {
    let number = |text: &str| -> Option<u32> {
        let digits = !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit());
        if !digits || (text.len() > 1 && text.starts_with('0')) || text.len() > 5 {
            return None;
        }
        let value: u32 = text.parse().ok()?;
        (1..=65535).contains(&value).then_some(value)
    };
    match item.split_once('-') {
        None => number(item).map(|port| (port, port)),
        Some((start, end)) => Some((number(start)?, number(end)?)),
    }
}

fn check_item(text: &str, item: &PortItem<'_>) {
    assert!(item.position >= 1);
    assert_eq!(text.split(',').nth(item.position - 1), Some(item.text));
    let (start, end) = reference_item(item.text).expect("a parsed item is well formed");
    assert_eq!((u32::from(item.start), u32::from(item.end)), (start, end));
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let result = parse_ports(text);
    let reference: Option<Vec<(u32, u32)>> = text.split(',').map(reference_item).collect();
    match result {
        Ok(items) => {
            let reference = reference.expect("the reference accepts every item");
            let rebuilt: Vec<&str> = items.iter().map(|item| item.text).collect();
            assert_eq!(rebuilt.join(","), text);
            for (index, item) in items.iter().enumerate() {
                assert_eq!(item.position, index + 1);
                check_item(text, item);
                assert!(item.start <= item.end);
            }
            let mut sorted = reference;
            sorted.sort_unstable();
            for pair in sorted.windows(2) {
                assert!(pair[0].1 < pair[1].0, "overlap accepted: {text:?}");
            }
        }
        Err(PortError::Empty) => assert!(text.is_empty()),
        Err(PortError::Syntax { item, position, .. }) => {
            assert_eq!(text.split(',').nth(position - 1), Some(item));
            assert!(reference_item(item).is_none(), "{item:?} is well formed");
            let earlier = text.split(',').take(position - 1);
            assert!(earlier.clone().all(|item| reference_item(item).is_some()));
        }
        Err(PortError::RangeOrder(item)) => {
            let reference = reference.expect("no malformed item");
            check_item(text, &item);
            assert!(item.start > item.end);
            let first = reference.iter().position(|(start, end)| start > end);
            assert_eq!(first, Some(item.position - 1));
        }
        Err(PortError::Overlap { first, second }) => {
            let reference = reference.expect("no malformed item");
            assert!(reference.iter().all(|(start, end)| start <= end));
            check_item(text, &first);
            check_item(text, &second);
            assert!(first.position < second.position);
            assert!(first.start <= second.end && second.start <= first.end);
        }
    }
});
