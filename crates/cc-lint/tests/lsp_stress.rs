//! 5,000 edits to one document: the last diagnostics are those of the last
//! text (as the command line reports it), and the server's memory does not
//! grow with the number of edits.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod lsp_client;

use lsp_client::{Client, uri};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::fmt::Write as _;

const EDITS: usize = 5_000;
/// Where memory is first measured, once the server is warm.
const CHECKPOINT: usize = 1_000;
/// How much the resident set may grow between the checkpoint and the end: a
/// server that kept every version (about 15 KB each) would grow by 60 MB.
const GROWTH_LIMIT_KB: u64 = 16 * 1024;

/// The server's resident set size, from `/proc/<pid>/status`.
fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// The (rule, line, column) of each diagnostic, 0-based.
fn places(diagnostics: &[Value]) -> BTreeSet<(String, u64, u64)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn five_thousand_edits_end_with_the_last_texts_diagnostics_in_flat_memory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cc-lint.toml"),
        "allow = [\"raw-process-edit\"]\n",
    )
    .unwrap();
    let path = dir.path().join("update_process_instance.json");
    // Line 3 holds the edited value, a five-digit priority (at most 10000).
    let mut text = String::from("{\n  \"bk_biz_id\": 1,\n  \"processes\": [\n");
    text.push_str("    {\"bk_process_id\": 1, \"priority\": 00000},\n");
    for id in 2..100 {
        let _ = writeln!(
            text,
            "    {{\"bk_process_id\": {id}, \"priority\": 5, \"description\": \"process {id}, whose text gives the document weight\", \"start_cmd\": \"./bin/start --process {id} --config conf/process.conf\"}},"
        );
    }
    text.push_str("    {\"bk_process_id\": 100}\n  ]\n}\n");
    let column = u32::try_from(text.lines().nth(3).unwrap().find("00000").unwrap()).unwrap();
    let value = |edit: usize| (10_000 + edit).to_string();
    // The opened text has the first edit's value already.
    let mut current = text.replacen("00000", &value(0), 1);
    let uri = uri(&path);
    let (mut client, _) = Client::start(dir.path(), json!({}));
    let pid = client.child.id();
    client.open(&uri, 1, &current);
    client.diagnostics(&uri, 1);
    let mut at_checkpoint = 0;
    let mut samples = Vec::new();
    for edit in 1..=EDITS {
        let version = i64::try_from(edit).unwrap() + 1;
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{
                    "range": {"start": {"line": 3, "character": column}, "end": {"line": 3, "character": column + 5}},
                    "text": value(edit),
                }],
            }),
        );
        // Memory is sampled every 1,000 edits, once they are checked.
        if edit % 1_000 == 0 && edit < EDITS {
            client.diagnostics(&uri, version);
            client.backlog.clear();
            let rss = rss_kb(pid);
            samples.push((edit, rss));
            if edit == CHECKPOINT {
                at_checkpoint = rss;
            }
        }
    }
    let last = client.diagnostics(&uri, i64::try_from(EDITS).unwrap() + 1);
    client.backlog.clear();
    let at_end = rss_kb(pid);
    samples.push((EDITS, at_end));
    eprintln!("server VmRSS (edits, kB): {samples:?}");

    // The command line's findings for the last text.
    current = current.replacen(&value(0), &value(EDITS), 1);
    std::fs::write(&path, &current).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_cc-lint"))
        .current_dir(dir.path())
        .args(["--format", "json", "update_process_instance.json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let expected: BTreeSet<(String, u64, u64)> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap() - 1,
                d["column"].as_u64().unwrap() - 1,
            )
        })
        .collect();
    assert_eq!(
        expected,
        BTreeSet::from([("schema".to_owned(), 3, u64::from(column))])
    );
    assert_eq!(places(&last), expected);
    assert!(
        last[0]["message"]
            .as_str()
            .unwrap()
            .ends_with(&format!("got {}", 10_000 + EDITS)),
        "{last:#?}"
    );
    assert!(
        at_end <= at_checkpoint + GROWTH_LIMIT_KB,
        "memory grew from {at_checkpoint} kB to {at_end} kB over {} edits",
        EDITS - CHECKPOINT
    );
    assert!(client.shutdown().success());
}
