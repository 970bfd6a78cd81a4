//! Plain-text listings in aligned columns (`explain --list`, `schema --list`).

use std::fmt::Write as _;

/// One line per row, its first two cells padded to the widest of their column
/// and every cell separated by two spaces; the last cell is not padded.
pub(crate) fn aligned(rows: &[[&str; 3]]) -> String {
    let width = |column: usize| {
        rows.iter()
            .map(|row| row[column].len())
            .max()
            .unwrap_or_default()
    };
    let (first, second) = (width(0), width(1));
    let mut out = String::new();
    for [a, b, c] in rows {
        let _ = writeln!(out, "{a:first$}  {b:second$}  {c}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::aligned;

    #[test]
    fn columns_line_up_and_lines_end_without_padding() {
        let text = aligned(&[["a", "long", "x"], ["wider", "b", "y z"]]);
        assert_eq!(text, "a      long  x\nwider  b     y z\n");
    }
}
