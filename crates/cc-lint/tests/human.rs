//! The human format, as annotate-snippets draws it under our own
//! `path:line:col: severity[rule]: message` line: the snippet and caret (long
//! lines cut around the caret, tabs and wide characters aligned), and the
//! rule's fix as a suggestion that says whether `--fix` applies it.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod common;

use common::{run, stdout, write};
use tempfile::TempDir;

/// The output of `cc-lint FILE` over `text`, saved as `name`.
fn human(name: &str, text: &str) -> String {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), name, text);
    let output = run(&[path.to_str().unwrap()]);
    stdout(&output).replace(path.to_str().unwrap(), name)
}

/// The lines of the finding whose first line starts with `header`, up to the
/// blank line after it.
fn finding<'a>(output: &'a str, header: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = output.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.starts_with(header))
        .unwrap_or_else(|| panic!("no `{header}` in:\n{output}"));
    lines[at..]
        .iter()
        .take_while(|line| !line.is_empty())
        .copied()
        .collect()
}

/// The 0-based column of the first caret under the source line, relative to
/// that line's text (both after the `N | ` gutter).
fn caret_column(lines: &[&str]) -> (String, usize) {
    let source = lines
        .iter()
        .find(|line| {
            line.split_once(" | ")
                .is_some_and(|(n, _)| n.trim().parse::<usize>().is_ok())
        })
        .unwrap();
    let (gutter, text) = source.split_once(" | ").unwrap();
    let caret = lines.iter().find(|line| line.contains('^')).unwrap();
    let column = caret.find('^').unwrap() - gutter.len() - 3;
    (text.to_owned(), column)
}

#[test]
fn a_long_line_is_cut_around_the_caret() {
    let long = "x".repeat(500);
    let text = format!(
        r#"{{"bk_biz_id": 1, "processes": [{{"bk_process_id": 43, "description": "{long}", "priority": 20000, "user": "{long}"}}]}}"#
    );
    let output = human("update_process_instance.long.json", &text);
    let column = text.find("20000").unwrap() + 1;
    let lines = finding(
        &output,
        &format!(
            "update_process_instance.long.json:1:{column}: error[schema]: `priority` must be between"
        ),
    );
    for line in &lines[1..] {
        assert!(line.chars().count() <= 140, "{} chars: {line}", line.len());
    }
    let (shown, column) = caret_column(&lines);
    assert!(shown.starts_with("...x"), "{shown}");
    assert!(shown.ends_with("x..."), "{shown}");
    assert_eq!(&shown[column..column + 5], "20000", "{output}");
    let carets = lines.iter().find(|line| line.contains('^')).unwrap();
    assert_eq!(carets.matches('^').count(), 5, "{output}");
}

#[test]
fn a_safe_fix_is_shown_as_a_suggestion() {
    let text = "{\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43, \"Proc_Num\": 2}]}\n";
    let output = human("update_process_instance.case.json", text);
    let lines = finding(
        &output,
        "update_process_instance.case.json:1:54: warning[key-case]:",
    );
    let at = lines
        .iter()
        .position(|line| {
            *line == "help: rename `Proc_Num` to `proc_num` (safe fix: `cc-lint --fix`)"
        })
        .unwrap_or_else(|| panic!("{output}"));
    assert_eq!(
        lines[at + 2],
        "1 - {\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43, \"Proc_Num\": 2}]}",
        "{output}"
    );
    assert_eq!(
        lines[at + 3],
        "1 + {\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43, \"proc_num\": 2}]}",
        "{output}"
    );
}

#[test]
fn an_unsafe_fix_says_it_is_unsafe() {
    let text = "{\"bk_biz_id\": 1,\n \"processes\": [{\"bk_process_id\": 43, \"auto_time_gap\": 60, \"proc_num\": 2}]}\n";
    let output = human("update_process_instance.legacy.json", text);
    let lines = finding(
        &output,
        "update_process_instance.legacy.json:2:38: warning[legacy-field]:",
    );
    assert!(
        lines
            .contains(&"help: remove `auto_time_gap` (unsafe fix: `cc-lint --fix --unsafe-fixes`)"),
        "{output}"
    );
    assert!(
        lines.contains(&"2 +  \"processes\": [{\"bk_process_id\": 43, \"proc_num\": 2}]}"),
        "{output}"
    );
}

#[test]
fn a_finding_without_a_fix_shows_no_suggestion() {
    let text =
        "{\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43, \"priority\": 20000}]}\n";
    let output = human("update_process_instance.range.json", text);
    let lines = finding(
        &output,
        "update_process_instance.range.json:1:66: error[schema]:",
    );
    assert_eq!(
        lines[1..],
        [
            "  |",
            "1 | {\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43, \"priority\": 20000}]}",
            "  |                                                                  ^^^^^",
        ],
        "{output}"
    );
}

#[test]
fn tabs_and_wide_characters_stay_aligned_under_the_caret() {
    // A tab is drawn as four spaces, and each of the two CJK characters takes
    // two columns: the caret sits under the value all the same.
    let text = "{\"bk_biz_id\": 1, \"processes\": [\n\t{\"bk_process_id\": 43, \"description\": \"名前\", \"priority\": 20000}]}\n";
    let output = human("update_process_instance.wide.json", text);
    let line = text.lines().nth(1).unwrap();
    let column = line[..line.find("20000").unwrap()].chars().count() + 1;
    let lines = finding(
        &output,
        &format!("update_process_instance.wide.json:2:{column}: error[schema]:"),
    );
    let (shown, column) = caret_column(&lines);
    assert_eq!(
        shown,
        "    {\"bk_process_id\": 43, \"description\": \"名前\", \"priority\": 20000}]}"
    );
    let before = &shown[..shown.find("20000").unwrap()];
    let width = before.chars().count() + before.chars().filter(|ch| !ch.is_ascii()).count();
    assert_eq!(column, width, "{output}");
}

#[test]
fn colour_off_gives_no_escape_codes() {
    // Standard output is a pipe here, and NO_COLOR is set too.
    let dir = TempDir::new().unwrap();
    let text = "{\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43, \"Proc_Num\": 2.0}]}\n";
    let path = write(dir.path(), "update_process_instance.json", text);
    let output = common::cc_lint()
        .env("NO_COLOR", "1")
        .arg(&path)
        .output()
        .unwrap();
    let text = stdout(&output);
    assert!(
        text.contains("help: write `2` (safe fix: `cc-lint --fix`)"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "{text}");
}

#[test]
fn many_findings_on_one_long_line_each_show_only_their_part_of_it() {
    // 2,000 findings on one line of about 100 kB: each draws a few lines of
    // at most 140 columns, not the whole line.
    let processes: Vec<String> = (1..=1000)
        .map(|id| format!(r#"{{"bk_process_id": {id}, "priority": 20000, "proc_num": 2.0}}"#))
        .collect();
    let text = format!(
        r#"{{"bk_biz_id": 1, "processes": [{}]}}"#,
        processes.join(", ")
    );
    let output = human("update_process_instance.many.json", &text);
    let findings = output
        .matches("update_process_instance.many.json:1:")
        .count();
    assert!(findings >= 2000, "{findings} findings");
    for line in output.lines().filter(|line| line.starts_with("1 ")) {
        assert!(line.chars().count() <= 140, "{line}");
    }
    assert!(output.len() < findings * 1200, "{} bytes", output.len());
}
