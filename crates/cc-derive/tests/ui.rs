//! Compile-fail tests of `#[derive(ProcessTemplate)]`: every misuse gives a spanned
//! error on the offending attribute or field, and all errors of one struct are
//! reported by one compile.
//!
//! Update ritual: `TRYBUILD=overwrite cargo test -p cc-derive --test ui`, then
//! review the `.stderr` diff under `tests/ui/` before committing it.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
