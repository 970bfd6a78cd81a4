//! Hostile input: every case ends quickly with a clear finding for the file
//! (exit 1) while the other inputs are still linted; only usage and I/O
//! problems (a FIFO, a device, an unreadable path) exit 2. The linter never
//! writes to what it reads, and `--output` writes its report atomically.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod common;

use common::{cc_lint, write};
use serde_json::Value;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// No case may take longer than this (debug build, loaded CI machine).
const BOUND: Duration = Duration::from_mins(1);

/// A valid payload, linted beside each hostile one to show it still is.
/// Every field given, so no reading of the write (`raw-process-edit`) matters.
const GOOD: &str = r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "java", "bk_start_param_regex": "", "proc_num": 2, "priority": 1, "timeout": 30, "bk_start_check_secs": 5, "auto_start": false, "start_cmd": "", "stop_cmd": "", "restart_cmd": "", "face_stop_cmd": "", "reload_cmd": "", "pid_file": "", "work_path": "", "user": null, "description": "", "bind_info": []}]}"#;

/// Runs the binary with `args` and `stdin`, killing it (and failing) past
/// [`BOUND`], so that a hang is a failure rather than a stuck CI.
fn run_bounded(args: &[&str], stdin: Stdio) -> Output {
    let mut child = cc_lint()
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let read = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).unwrap();
            bytes
        })
    };
    let (stdout, stderr) = (read(Box::new(stdout)), read(Box::new(stderr)));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > BOUND {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("cc-lint {args:?} still running after {BOUND:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

fn lint_json(paths: &[&Path], extra: &[&str]) -> (Output, Value) {
    let mut args: Vec<&str> = vec!["--format", "json"];
    args.extend(extra);
    args.extend(paths.iter().map(|path| path.to_str().unwrap()));
    let output = run_bounded(&args, Stdio::null());
    let document = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "{error}:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output, document)
}

/// The diagnostics reported for the file whose path ends with `name`.
fn findings<'a>(document: &'a Value, name: &str) -> &'a Vec<Value> {
    document["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|file| file["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name} not in {document:#}"))["diagnostics"]
        .as_array()
        .unwrap()
}

/// Lints `hostile` (as bytes) beside a good payload: exit 1, exactly one
/// finding of `rule` for it whose message contains `words`, none for the good
/// one. Returns that finding.
fn one_finding(hostile: &[u8], rule: &str, words: &str) -> Value {
    let dir = TempDir::new().unwrap();
    let bad = dir.path().join("update_process_instance.bad.json");
    fs::write(&bad, hostile).unwrap();
    let good = write(dir.path(), "update_process_instance.good.json", GOOD);
    let (output, document) = lint_json(&[&bad, &good], &[]);
    assert_eq!(output.status.code(), Some(1), "{document:#}");
    assert!(findings(&document, "good.json").is_empty(), "{document:#}");
    let found = findings(&document, "bad.json");
    let hit = found
        .iter()
        .find(|finding| finding["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule}: {document:#}"));
    let message = hit["message"].as_str().unwrap();
    assert!(message.contains(words), "{message}");
    hit.clone()
}

#[test]
fn nesting_100_000_levels_deep_is_a_syntax_error() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    one_finding(deep.as_bytes(), "json-syntax", "nested too deeply");
    let objects = format!("{}1{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000));
    one_finding(objects.as_bytes(), "json-syntax", "nested too deeply");
}

#[test]
fn a_200_mb_file_is_reported_unread() {
    let dir = TempDir::new().unwrap();
    let big = dir.path().join("update_process_instance.big.json");
    // Sparse: 200 MB on paper, no disk blocks, and never read.
    fs::File::create(&big)
        .unwrap()
        .set_len(200 * 1_000_000)
        .unwrap();
    let good = write(dir.path(), "update_process_instance.good.json", GOOD);
    let start = Instant::now();
    let (output, document) = lint_json(&[&big, &good], &[]);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(output.status.code(), Some(1), "{document:#}");
    assert!(findings(&document, "good.json").is_empty());
    let found = findings(&document, "big.json");
    assert_eq!(found.len(), 1, "{document:#}");
    assert_eq!(found[0]["rule"], "file-too-large");
    assert_eq!(
        found[0]["message"],
        "the file is 190.7 MiB, larger than the 64 MiB limit; it was not read"
    );

    // The limit is a flag, and standard input is held to it too: as a
    // redirected file (its size known) and as a pipe (read up to the limit).
    let (output, document) = lint_json(&[&good], &["--max-file-size", "16"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        findings(&document, "good.json")[0]["rule"],
        "file-too-large"
    );
    let args = [
        "--format",
        "json",
        "--endpoint",
        "update_process_instance",
        "-",
    ];
    let output = run_bounded(&args, Stdio::from(fs::File::open(&big).unwrap()));
    assert_eq!(output.status.code(), Some(1));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(findings(&document, "<stdin>")[0]["rule"], "file-too-large");
    let mut child = cc_lint()
        .args(["--max-file-size", "1K"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // The linter stops reading past the limit: the writer may see a closed pipe.
    let _ = stdin.write_all(&vec![b' '; 1 << 20]);
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found = findings(&document, "<stdin>");
    assert_eq!(found[0]["rule"], "file-too-large");
    assert_eq!(
        found[0]["message"],
        "the input is larger than the 1 KiB limit; it was not read past it"
    );
}

#[test]
fn invalid_utf8_is_named_with_its_place() {
    let hit = one_finding(
        b"{\"bk_biz_id\": 1,\n \"processes\": [{\"user\": \"r\xC3\xA9\xFFt\"}]}",
        "json-syntax",
        "not valid UTF-8 (byte 0xFF)",
    );
    assert_eq!(
        (hit["line"].as_u64(), hit["column"].as_u64()),
        (Some(2), Some(28))
    );
}

#[test]
fn a_byte_order_mark_is_reported_and_columns_stay_right_after_it() {
    let mut text = b"\xEF\xBB\xBF".to_vec();
    text.extend_from_slice(br#"{"bk_biz_id": "1", "processes": [{"bk_process_id": 43}]}"#);
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("update_process_instance.json");
    fs::write(&path, &text).unwrap();
    let (output, document) = lint_json(&[&path], &[]);
    assert_eq!(output.status.code(), Some(1));
    let found = findings(&document, "update_process_instance.json");
    assert_eq!(found[0]["rule"], "json-syntax", "{document:#}");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("starts with a UTF-8 byte order mark"),
        "{document:#}"
    );
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(1), Some(1))
    );
    // The rest is still checked; `"1"` is at column 15 as an editor shows it.
    let schema = found
        .iter()
        .find(|finding| finding["rule"] == "schema")
        .unwrap();
    assert_eq!(schema["pointer"], "/bk_biz_id");
    assert_eq!(
        (schema["line"].as_u64(), schema["column"].as_u64()),
        (Some(1), Some(15))
    );
    // The human snippet has no byte order mark, and its caret is under the value.
    let output = run_bounded(&[path.to_str().unwrap()], Stdio::null());
    let human = String::from_utf8(output.stdout).unwrap();
    assert!(!human.contains('\u{feff}'), "{human}");
    let lines: Vec<&str> = human.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.contains("error[schema]"))
        .unwrap();
    let source = lines[at + 2].split_once("| ").unwrap().1;
    let caret = lines[at + 3].split_once("| ").unwrap().1;
    assert_eq!(&source[caret.find('^').unwrap()..][..3], "\"1\"", "{human}");
}

#[test]
fn nul_bytes_are_syntax_errors_and_never_reach_the_terminal() {
    let text = b"{\"bk_biz_id\": 1, \"processes\": [{\"user\": \"a\x00\x1b[2Jb\"}]}\x00";
    one_finding(text, "json-syntax", "raw control character U+0000");
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("update_process_instance.json");
    fs::write(&path, text).unwrap();
    let output = run_bounded(&[path.to_str().unwrap()], Stdio::null());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        !output.stdout.iter().any(|byte| *byte == 0 || *byte == 0x1b),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn numbers_with_10_000_digits_end_quickly_with_a_finding() {
    let digits = "9".repeat(10_000);
    let start = Instant::now();
    one_finding(
        format!(r#"{{"bk_biz_id": {digits}, "processes": []}}"#).as_bytes(),
        "json-syntax",
        "number out of range",
    );
    one_finding(
        format!(
            r#"{{"bk_biz_id": 1.{}, "processes": []}}"#,
            "0".repeat(10_000)
        )
        .as_bytes(),
        "integer-literal",
        "integer literal",
    );
    one_finding(
        format!(
            r#"{{"bk_biz_id": 0.{}, "processes": []}}"#,
            "5".repeat(10_000)
        )
        .as_bytes(),
        "schema",
        "bk_biz_id",
    );
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn fifty_thousand_findings_on_one_line_are_each_located() {
    // One object of 50,000 unknown keys and a case variant, on one line:
    // locating each finding must not rescan the object or the line.
    let count = 50_000;
    let mut members = vec![
        r#""bk_process_id": 43"#.to_owned(),
        r#""Proc_Num": 2"#.to_owned(),
    ];
    members.extend((0..count).map(|index| format!(r#""k{index}": {index}"#)));
    let text = format!(
        r#"{{"bk_biz_id": 1, "processes": [{{{}}}]}}"#,
        members.join(", ")
    );
    let dir = TempDir::new().unwrap();
    let bad = dir.path().join("update_process_instance.wide.json");
    fs::write(&bad, &text).unwrap();
    let (output, document) = lint_json(&[&bad], &[]);
    assert_eq!(output.status.code(), Some(0), "warnings only");
    let mut found = findings(&document, "wide.json").clone();
    // And raw-process-edit's note that the write is not known, once.
    let notes = found.len();
    found.retain(|finding| finding["rule"] != "raw-process-edit");
    assert_eq!(notes - found.len(), 1);
    assert_eq!(found.len(), count + 1);
    assert_eq!(found[0]["rule"], "key-case");
    let last = &found[count];
    assert_eq!(last["pointer"], format!("/processes/0/k{}", count - 1));
    let column = text.find(&format!(r#""k{}""#, count - 1)).unwrap() + 1;
    assert_eq!(
        (last["line"].as_u64(), last["column"].as_u64()),
        (Some(1), Some(column as u64))
    );
}

#[test]
fn duplicate_keys_are_reported() {
    let hit = one_finding(
        br#"{"bk_biz_id": 1, "bk_biz_id": 2, "processes": []}"#,
        "duplicate-key",
        "`bk_biz_id` is repeated",
    );
    assert_eq!(hit["column"], 18);
}

#[test]
fn an_empty_file_and_a_closed_stdin_are_empty_input() {
    one_finding(b"", "json-syntax", "the file is empty");
    one_finding(b" \n\t\n", "json-syntax", "only whitespace");
    let output = run_bounded(
        &[
            "--format",
            "json",
            "--endpoint",
            "update_process_instance",
            "-",
        ],
        Stdio::null(),
    );
    assert_eq!(output.status.code(), Some(1));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found = findings(&document, "<stdin>");
    assert_eq!(found[0]["rule"], "json-syntax");
    assert_eq!(found[0]["message"], "invalid JSON: the file is empty");
}

#[cfg(unix)]
#[test]
fn a_directory_symlink_loop_does_not_trap_the_walk() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("payloads");
    write(&root, "update_process_instance.json", GOOD);
    std::os::unix::fs::symlink(&root, root.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", root.join("up")).unwrap();
    let (output, document) = lint_json(&[&root], &[]);
    assert_eq!(output.status.code(), Some(0), "{document:#}");
    assert_eq!(document["summary"]["files"], 1, "{document:#}");

    // A `*.json` link that loops on itself is reported, not skipped.
    std::os::unix::fs::symlink("self.json", root.join("self.json")).unwrap();
    let (output, document) = lint_json(&[&root], &[]);
    assert_eq!(output.status.code(), Some(2), "{document:#}");
    assert_eq!(document["summary"]["files"], 2, "{document:#}");
    assert!(findings(&document, "update_process_instance.json").is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let failure = document["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|file| file["path"].as_str().unwrap().ends_with("self.json"))
        .unwrap();
    assert!(
        failure["error"].as_str().unwrap().contains("cannot read"),
        "{failure:#} {stderr}"
    );
}

/// Runs with a special file given explicitly beside a good payload: exit 2,
/// the path and what it is named on stderr, the good payload linted anyway.
#[cfg(unix)]
fn refused(special: &Path, what: &str) {
    let dir = TempDir::new().unwrap();
    let good = write(dir.path(), "update_process_instance.good.json", GOOD);
    let output = run_bounded(
        &[
            "--endpoint",
            "update_process_instance",
            special.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        Stdio::null(),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}: error: cannot read: not a regular file ({what})",
            special.display()
        )),
        "{stderr}"
    );
    assert!(stdout.contains("in 2 files"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_without_blocking() {
    refused(Path::new("/dev/zero"), "a character device");
    refused(Path::new("/dev/null"), "a character device");
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("update_process_instance.fifo.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|status| status.success());
    if made {
        // Nobody ever writes to it: opening it would block forever.
        refused(&fifo, "a FIFO");
        // Found while walking a directory, it is reported too, and not opened.
        write(dir.path(), "update_process_instance.good.json", GOOD);
        let (output, document) = lint_json(&[dir.path()], &[]);
        assert_eq!(output.status.code(), Some(2), "{document:#}");
        assert_eq!(document["summary"]["files"], 2, "{document:#}");
    } else {
        eprintln!("mkfifo unavailable: FIFO case skipped");
    }
}

/// True when permissions do not stop this process reading (root, or a file
/// system that ignores modes).
#[cfg(unix)]
fn permissions_ignored(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    fs::write(&probe, "x").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read(&probe).is_ok();
    fs::remove_file(&probe).unwrap();
    readable
}

#[cfg(unix)]
#[test]
fn unreadable_inputs_exit_2_and_the_others_are_still_linted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let good = write(dir.path(), "update_process_instance.good.json", GOOD);
    // Tests may run as root, where mode 000 does not stop a read: then the
    // unreadable input is a path through a file (`good.json/x.json`, "not a
    // directory") and a dangling link instead; the code path is the same.
    let unreadable: Vec<PathBuf> = if permissions_ignored(dir.path()) {
        let dangling = dir.path().join("update_process_instance.dangling.json");
        std::os::unix::fs::symlink(dir.path().join("missing.json"), &dangling).unwrap();
        vec![good.join("x.json"), dangling]
    } else {
        let locked = write(dir.path(), "update_process_instance.locked.json", GOOD);
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        vec![locked]
    };
    for path in &unreadable {
        let output = run_bounded(
            &[path.to_str().unwrap(), good.to_str().unwrap()],
            Stdio::null(),
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!("{}: error: cannot read", path.display())),
            "{stderr}"
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("in 2 files"), "{stdout}");
    }
}

/// Every file under `dir` with its contents and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                pending.push(path);
            } else if meta.is_file() {
                files.push((
                    path.clone(),
                    fs::read(&path).unwrap(),
                    meta.modified().unwrap(),
                ));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn linting_never_modifies_an_input_and_the_report_file_appears_whole() {
    let dir = TempDir::new().unwrap();
    let inputs = dir.path().join("payloads");
    write(&inputs, "update_process_instance.json", GOOD);
    write(
        &inputs,
        "a/update_process_instance.json",
        r#"{"bk_biz_id": "1", "processes": []}"#,
    );
    write(
        &inputs,
        "b/batch_create_proc_template.json",
        "{\"broken\": ",
    );
    fs::write(
        inputs.join("update_process_instance.bom.json"),
        b"\xEF\xBB\xBF{}",
    )
    .unwrap();
    let before = snapshot(&inputs);
    let report = dir.path().join("report.sarif");
    for format in ["human", "json", "github", "sarif"] {
        let args = [
            "--format",
            format,
            "--output",
            report.to_str().unwrap(),
            inputs.to_str().unwrap(),
        ];
        let output = run_bounded(&args, Stdio::null());
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert!(
            output.stdout.is_empty(),
            "{format}: the report went to the file"
        );
        // The same report as on stdout.
        let stdout = run_bounded(
            &args[..2]
                .iter()
                .chain(&args[4..])
                .copied()
                .collect::<Vec<_>>(),
            Stdio::null(),
        );
        assert_eq!(fs::read(&report).unwrap(), stdout.stdout, "{format}");
    }
    assert_eq!(snapshot(&inputs), before, "an input changed");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}

#[test]
fn a_failed_report_write_leaves_no_partial_file() {
    let dir = TempDir::new().unwrap();
    let input = write(dir.path(), "update_process_instance.json", GOOD);
    let before = snapshot(dir.path());
    // Into a directory that does not exist, onto a directory, onto an input.
    let missing = dir.path().join("no/such/dir/report.json");
    let onto_dir = dir.path().to_path_buf();
    for (target, words) in [
        (&missing, "cannot write the report"),
        (&onto_dir, "it is a directory"),
        (&input, "it is one of the inputs"),
    ] {
        let output = run_bounded(
            &[
                "--output",
                target.to_str().unwrap(),
                input.to_str().unwrap(),
            ],
            Stdio::null(),
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(words), "{stderr}");
        assert_eq!(snapshot(dir.path()), before, "{}", target.display());
    }
    assert!(!missing.exists());
}
