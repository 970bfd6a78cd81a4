//! `--diff`: what `--fix` would change in one input, as a unified diff.

/// The unified diff (three lines of context) from `old` to `new`, both
/// headed with `path`; empty when they are equal.
pub(crate) fn unified(path: &str, old: &[u8], new: &[u8]) -> String {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
        .unified_diff()
        .context_radius(3)
        .header(path, path)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn a_changed_line_is_shown_with_its_context() {
        let old = b"{\n  \"a\": 1,\n  \"B\": 2\n}\n";
        let new = b"{\n  \"a\": 1,\n  \"b\": 2\n}\n";
        assert_eq!(
            unified("x.json", old, new),
            "--- x.json\n+++ x.json\n@@ -1,4 +1,4 @@\n {\n   \"a\": 1,\n-  \"B\": 2\n+  \"b\": 2\n }\n"
        );
        assert_eq!(unified("x.json", old, old), "");
    }
}
