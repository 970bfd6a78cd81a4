//! The README's rules table lists every rule of the catalogue, with its default
//! severity and summary, in catalogue order.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_validate::Rule;

#[test]
fn readme_rules_table_matches_the_catalogue() {
    let readme = include_str!("../../README.md");
    let start = readme.find("<!-- rules:start").unwrap();
    let end = readme.find("<!-- rules:end -->").unwrap();
    let rows: Vec<String> = readme[start..end]
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(str::to_owned)
        .collect();
    let expected: Vec<String> = Rule::ALL
        .iter()
        .map(|rule| {
            format!(
                "| `{}` | {} | {} |",
                rule.id(),
                rule.default_severity(),
                rule.summary()
            )
        })
        .collect();
    assert_eq!(
        rows, expected,
        "regenerate the README's rules table with `cargo xtask docs`"
    );
}
