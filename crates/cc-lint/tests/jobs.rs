//! Linting in parallel: `--jobs 1` and `--jobs N` print the same bytes, in the
//! same order, in every format; `CC_LINT_JOBS`; `--quiet`; and no progress bar
//! when stderr is not a terminal.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::Path;
use std::process::{Command, Output};
use tempfile::TempDir;

fn cc_lint() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cc-lint"));
    command.env_remove("NO_COLOR").env_remove("CC_LINT_JOBS");
    command
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn update(id: usize, extra: &str) -> String {
    let (process_id, port) = (id + 1, 8000 + id);
    format!(
        r#"{{
  "bk_biz_id": 1,
  "processes": [
    {{
      "bk_process_id": {process_id},
      "bk_process_name": "proc-{id}",
      "bind_info": [{{"ip": "127.0.0.1", "port": "{port}", "protocol": "1", "template_row_id": 1}}]{extra}
    }}
  ]
}}
"#
    )
}

fn create(id: usize, name: &str, port: &str) -> String {
    format!(
        r#"{{
  "bk_biz_id": 1,
  "service_template_id": 51,
  "processes": [
    {{"spec": {{
      "bk_func_name": {{"value": "{name}", "as_default_value": true}},
      "bk_process_name": {{"value": "{name}", "as_default_value": true}},
      "bind_info": {{"value": [{{"ip": {{"value": "1", "as_default_value": true}},
        "port": {{"value": "{port}", "as_default_value": true}},
        "protocol": {{"value": "1", "as_default_value": true}}, "row_id": {id}}}],
        "as_default_value": true}}
    }}}}
  ]
}}
"#
    )
}

/// Many files of every kind: clean, broken in each way, with credentials, of
/// unknown endpoint, in nested directories; the order of the output depends on
/// their names only.
fn corpus() -> TempDir {
    let dir = TempDir::new().unwrap();
    for index in 0..160 {
        let dir = dir.path();
        let sub = ["a", "b/c", "d"][index % 3];
        match index % 10 {
            0 => write(
                dir,
                &format!("{sub}/{index:03}.update_process_instance.json"),
                &update(index, ""),
            ),
            1 => write(
                dir,
                &format!("{sub}/{index:03}.batch_create_proc_template.json"),
                &create(index, " padded ", "8080"),
            ),
            2 => write(
                dir,
                &format!("{sub}/{index:03}.update_process_instance.json"),
                &update(index, ",\n      ")[..60],
            ),
            3 => write(
                dir,
                &format!("{sub}/{index:03}.update_process_instance.json"),
                &update(index, ",\n      \"proc_num\": \"4\", \"priority\": 20000"),
            ),
            4 => write(
                dir,
                &format!("{sub}/{index:03}.batch_create_proc_template.json"),
                &create(index, "web", "8000,8000-8010,9000-8999"),
            ),
            5 => write(
                dir,
                &format!("{sub}/{index:03}.payload.json"),
                &update(index, ""),
            ),
            6 => write(
                dir,
                &format!("{sub}/{index:03}.payload.json"),
                "{\"x\": 1}\n",
            ),
            7 => write(
                dir,
                &format!("{sub}/{index:03}.update_process_instance.json"),
                &update(index, "").replacen(
                    "{\n",
                    "{\n  \"bk_app_secret\": \"s3cr3t-value-1234\",\n",
                    1,
                ),
            ),
            8 => write(
                dir,
                &format!("{sub}/{index:03}.update_process_instance.json"),
                &update(index, ",\n      \"Proc_Num\": 1, \"bk_process_id\": 7"),
            ),
            _ => write(
                dir,
                &format!("{sub}/{index:03}.update_process_instance.json"),
                &update(index, ",\n      \"bk_extra_note\": \"typo\""),
            ),
        }
    }
    dir
}

fn run(dir: &Path, args: &[&str], env: Option<(&str, &str)>) -> Output {
    let mut command = cc_lint();
    command.current_dir(dir).args(args);
    if let Some((key, value)) = env {
        command.env(key, value);
    }
    command.output().unwrap()
}

fn assert_same(one: &Output, other: &Output, what: &str) {
    assert_eq!(
        one.status.code(),
        other.status.code(),
        "{what}: exit status"
    );
    assert!(
        one.stdout == other.stdout,
        "{what}: stdout differs:\n{}\n---\n{}",
        String::from_utf8_lossy(&one.stdout),
        String::from_utf8_lossy(&other.stdout)
    );
    assert!(
        one.stderr == other.stderr,
        "{what}: stderr differs:\n{}\n---\n{}",
        String::from_utf8_lossy(&one.stderr),
        String::from_utf8_lossy(&other.stderr)
    );
}

#[test]
fn one_job_and_many_jobs_print_the_same_bytes_in_every_format() {
    let dir = corpus();
    for format in ["json", "human", "github", "sarif"] {
        // A missing path is reported first whatever the number of jobs.
        let args = ["--format", format, "missing.json", "b", ".", "d"];
        let sequential = run(dir.path(), &[&["--jobs", "1"][..], &args].concat(), None);
        assert_eq!(
            sequential.status.code(),
            Some(2),
            "{format}: some inputs fail"
        );
        assert!(!sequential.stdout.is_empty(), "{format}");
        for jobs in ["2", "4", "7"] {
            let parallel = run(dir.path(), &[&["--jobs", jobs][..], &args].concat(), None);
            assert_same(&sequential, &parallel, &format!("{format} --jobs {jobs}"));
        }
    }
    // The directories were walked in name order, and every file was reported.
    let json = run(dir.path(), &["--format", "json", "--jobs", "4", "."], None);
    let document: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let paths: Vec<&str> = document["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| file["path"].as_str().unwrap())
        .collect();
    // The `payload.json` files fit no endpoint: a walk skips them, in order too.
    let skipped: Vec<&str> = document["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| file["path"].as_str().unwrap())
        .collect();
    assert_eq!((paths.len(), skipped.len()), (144, 16));
    assert!(skipped.iter().all(|path| path.ends_with(".payload.json")));
    let mut sorted_skipped = skipped.clone();
    sorted_skipped.sort_by_key(|path| Path::new(path).to_path_buf());
    assert_eq!(skipped, sorted_skipped);
    let mut sorted = paths.clone();
    sorted.sort_by_key(|path| Path::new(path).to_path_buf());
    assert_eq!(paths, sorted);
}

#[test]
fn standard_input_keeps_its_places_among_files_linted_in_parallel() {
    let dir = corpus();
    // `-` first, inside a chunk of files and last, read once, reported at each
    // place.
    let args = [
        "--format",
        "json",
        "-",
        "b",
        "-",
        ".",
        "-",
        "--endpoint",
        "update_process_instance",
    ];
    let with_stdin = |jobs: &str| {
        let mut command = cc_lint();
        command
            .current_dir(dir.path())
            .args([&["--jobs", jobs][..], &args].concat())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().unwrap();
        {
            use std::io::Write as _;
            let mut input = child.stdin.take().unwrap();
            input
                .write_all(update(999, ",\n      \"priority\": 20000").as_bytes())
                .unwrap();
        }
        child.wait_with_output().unwrap()
    };
    let sequential = with_stdin("1");
    let document: serde_json::Value = serde_json::from_slice(&sequential.stdout).unwrap();
    let files = document["files"].as_array().unwrap();
    let stdin_places: Vec<usize> = files
        .iter()
        .enumerate()
        .filter(|(_, file)| file["path"] == "<stdin>")
        .map(|(index, _)| index)
        .collect();
    let in_b = files.len() - 160 - 3;
    assert_eq!(stdin_places, [0, 1 + in_b, 2 + in_b + 160]);
    assert!(
        files[0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|finding| finding["pointer"] == "/processes/0/priority"),
        "{}",
        files[0]
    );
    for jobs in ["2", "3"] {
        assert_same(&sequential, &with_stdin(jobs), &format!("--jobs {jobs}"));
    }
}

#[test]
fn the_number_of_jobs_comes_from_the_environment_unless_given() {
    let dir = corpus();
    let args = ["--format", "human", "."];
    let flag = run(dir.path(), &[&["--jobs", "3"][..], &args].concat(), None);
    let env = run(dir.path(), &args, Some(("CC_LINT_JOBS", "3")));
    assert_same(&flag, &env, "CC_LINT_JOBS=3");
    // The flag wins over the variable, even a broken one.
    let both = run(
        dir.path(),
        &[&["--jobs", "1"][..], &args].concat(),
        Some(("CC_LINT_JOBS", "x")),
    );
    assert_same(&flag, &both, "--jobs 1 with CC_LINT_JOBS=x");

    let zero = run(dir.path(), &["--jobs", "0", "."], None);
    assert_eq!(zero.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&zero.stderr).contains("at least 1"));
    let broken = run(dir.path(), &["."], Some(("CC_LINT_JOBS", "many")));
    assert_eq!(broken.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(stderr.contains("CC_LINT_JOBS"), "{stderr}");
    assert!(broken.stdout.is_empty());
}

#[test]
fn quiet_prints_the_findings_without_the_summary() {
    let dir = TempDir::new().unwrap();
    // Every field given: no reading of the write (raw-process-edit) matters.
    write(
        dir.path(),
        "clean.update_process_instance.json",
        r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 2, "bk_process_name": "p1", "bk_func_name": "java", "bk_start_param_regex": "", "proc_num": 2, "priority": 1, "timeout": 30, "bk_start_check_secs": 5, "auto_start": false, "start_cmd": "", "stop_cmd": "", "restart_cmd": "", "face_stop_cmd": "", "reload_cmd": "", "pid_file": "", "work_path": "", "user": "", "description": "", "bind_info": []}]}"#,
    );
    let clean = run(dir.path(), &["--quiet", "."], None);
    assert_eq!(clean.status.code(), Some(0));
    assert!(
        clean.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    assert!(clean.stderr.is_empty());

    write(
        dir.path(),
        "typo.update_process_instance.json",
        &update(2, ",\n      \"bk_extra_note\": \"typo\""),
    );
    let loud = run(dir.path(), &["."], None);
    let quiet = run(dir.path(), &["-q", "."], None);
    assert_eq!(loud.status.code(), quiet.status.code());
    let loud = String::from_utf8(loud.stdout).unwrap();
    let quiet = String::from_utf8(quiet.stdout).unwrap();
    assert!(quiet.contains("warning[unknown-field]"), "{quiet}");
    assert!(!quiet.contains("in 2 files"), "{quiet}");
    // The same findings, without the last line.
    let summary = loud.lines().last().unwrap();
    assert!(summary.contains("in 2 files"), "{loud}");
    assert_eq!(format!("{quiet}{summary}\n"), loud);
}

#[test]
fn no_progress_bar_unless_stderr_is_a_terminal() {
    let dir = TempDir::new().unwrap();
    for index in 0..320 {
        write(
            dir.path(),
            &format!("{index:03}.update_process_instance.json"),
            &update(index, ""),
        );
    }
    for format in ["human", "json"] {
        let output = run(dir.path(), &["--format", format, "--jobs", "2", "."], None);
        assert_eq!(output.status.code(), Some(0), "{format}");
        assert!(
            output.stderr.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
