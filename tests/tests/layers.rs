//! cc-validate's layout: each top-level folder of its `src/` is a layer that
//! uses only the layers below it, and no module imports another in a loop (see
//! `docs/architecture.md`). A failure names the import that breaks it.

use cc_tests::layers::{Layers, check, imports, read_sources};
use std::path::Path;

/// cc-validate's layers, bottom first, each with the layers it may use; each
/// folder's `mod.rs` says the same in its opening comment.
fn cc_validate_layers() -> Layers {
    Layers {
        rules: vec![
            ("vocab", vec![]),
            ("source", vec!["vocab"]),
            ("schema", vec!["vocab", "source"]),
            ("payload", vec!["vocab", "source"]),
            ("rules", vec!["vocab", "source", "schema", "payload"]),
            (
                "engine",
                vec!["vocab", "source", "schema", "payload", "rules"],
            ),
        ],
    }
}

#[test]
fn cc_validate_modules_import_only_lower_layers_and_never_in_a_loop() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/cc-validate/src");
    let sources = read_sources(&src).expect("cc-validate's sources are readable");
    let imports = imports(&sources);
    // The reader sees the imports at all: a broken reader would pass any tree.
    assert!(
        imports.len() > 50,
        "only {} imports read from {}",
        imports.len(),
        src.display()
    );
    let violations = check(&cc_validate_layers(), &sources, &imports);
    let report: Vec<String> = violations.iter().map(ToString::to_string).collect();
    assert!(violations.is_empty(), "{}", report.join("\n"));
}

#[test]
fn each_layer_says_what_it_may_use() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/cc-validate/src");
    for (layer, uses) in cc_validate_layers().rules {
        let text = std::fs::read_to_string(src.join(layer).join("mod.rs"))
            .unwrap_or_else(|error| panic!("{layer}/mod.rs: {error}"));
        let docs: String = text
            .lines()
            .take_while(|line| line.starts_with("//!"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            !docs.is_empty(),
            "{layer}/mod.rs opens without a `//!` comment"
        );
        for used in uses {
            assert!(
                docs.contains(&format!("`crate::{used}`")),
                "{layer}/mod.rs does not say that it may use `crate::{used}`"
            );
        }
    }
}
