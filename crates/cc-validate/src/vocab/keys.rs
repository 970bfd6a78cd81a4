//! How the server compares keys: Go's `EqualFold`, ASCII case ignored.

/// `ch` as Go's `EqualFold` compares it: ASCII case ignored, and the Kelvin
/// sign and the long s folded to `k` and `s` (the only non-ASCII characters
/// that fold to ASCII ones).
fn fold_char(ch: char) -> char {
    match ch {
        '\u{212a}' => 'k',
        '\u{17f}' => 's',
        other => other.to_ascii_lowercase(),
    }
}

/// `key` folded as Go's `EqualFold` compares it (see [`fold_char`]).
pub(crate) fn fold_key(key: &str) -> String {
    key.chars().map(fold_char).collect()
}

/// Whether Go's `EqualFold` finds `a` and `b` equal.
pub(crate) fn folds_equal(a: &str, b: &str) -> bool {
    a.chars().map(fold_char).eq(b.chars().map(fold_char))
}
