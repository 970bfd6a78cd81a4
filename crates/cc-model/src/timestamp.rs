//! The timestamps of a process (`create_time`, `last_time`) as the server reads
//! them: an entry of `update_process_instance` is decoded into Go's `Process`
//! struct (`proc_server/service/processinstance.go:397-402`), whose
//! `time.Time` fields take `null` or a strict RFC 3339 string
//! (`process.go:1080-1081`; Go 1.25's `Time.UnmarshalJSON`, bk-cmdb's
//! `go.mod:3`), and anything else fails the decoding of the whole request.
//!
//! Strict RFC 3339 is `YYYY-MM-DDTHH:MM:SS`, an optional fraction of one or
//! more digits, then `Z` or `+hh:mm` / `-hh:mm`: upper-case `T` and `Z`, a day
//! that exists in its month (29 February only in leap years), hours 00-23,
//! minutes and seconds 00-59 (no leap second), offset hours 00-23.
//!
//! [`PATTERN`] says it as a regular expression, for the schemas (editors and
//! the schema check see it there); [`is_timestamp`] says it as code, for
//! callers without a regex engine. cc-validate's tests hold the two to the
//! same answers.

/// [`is_timestamp`] as a regular expression (the schemas' `pattern` of
/// `create_time` and `last_time`).
pub const PATTERN: &str = concat!(
    "^(",
    // Days 01-28 of every month, 29-30 of every month but February, 31 of
    // the long months.
    "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])",
    "|[0-9]{4}-(0[13-9]|1[0-2])-(29|30)",
    "|[0-9]{4}-(0[13578]|1[02])-31",
    // 29 February of a leap year: divisible by 4 and not by 100, or by 400.
    "|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29",
    ")T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?",
    "(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
);

/// Whether `text` is a timestamp the server's decoder takes (see the module
/// docs).
///
/// ```
/// use cc_model::timestamp::is_timestamp;
///
/// assert!(is_timestamp("2019-06-19T15:24:04.763+08:00"));
/// assert!(is_timestamp("2024-02-29T00:00:00Z"));
/// assert!(!is_timestamp("2023-02-29T00:00:00Z"));
/// assert!(!is_timestamp("2019-06-19 15:24:04"));
/// assert!(!is_timestamp("yesterday"));
/// ```
#[must_use]
pub fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    let number = |at: usize, len: usize| -> Option<u32> {
        let part = bytes.get(at..at + len)?;
        part.iter().try_fold(0u32, |value, &byte| {
            byte.is_ascii_digit()
                .then(|| value * 10 + u32::from(byte - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if !separators
        .iter()
        .all(|&(at, byte)| bytes.get(at) == Some(&byte))
    {
        return false;
    }
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        number(0, 4),
        number(5, 2),
        number(8, 2),
        number(11, 2),
        number(14, 2),
        number(17, 2),
    ) else {
        return false;
    };
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in(month, year)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return false;
    }
    let mut rest = &bytes[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        if digits == 0 {
            return false;
        }
        rest = &fraction[digits..];
    }
    match rest {
        [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let pair = |high: u8, low: u8| {
                (high.is_ascii_digit() && low.is_ascii_digit())
                    .then(|| u32::from(high - b'0') * 10 + u32::from(low - b'0'))
            };
            matches!(
                (pair(*h1, *h2), pair(*m1, *m2)),
                (Some(0..=23), Some(0..=59))
            )
        }
        _ => false,
    }
}

/// The days of `month` (1-12) in `year`, in the proleptic Gregorian calendar.
const fn days_in(month: u32, year: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
