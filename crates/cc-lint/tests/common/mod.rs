//! Helpers shared by the integration tests: running the real binary.
#![allow(dead_code)] // Each test binary uses its own subset.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary, with colour and locale influences removed.
pub(crate) fn cc_lint() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cc-lint"));
    command.env_remove("NO_COLOR");
    command
}

/// Runs the binary with `args`.
pub(crate) fn run(args: &[&str]) -> Output {
    cc_lint().args(args).output().unwrap()
}

/// Runs the binary with `args` in the directory `dir`.
pub(crate) fn run_in(dir: &Path, args: &[&str]) -> Output {
    cc_lint().current_dir(dir).args(args).output().unwrap()
}

/// Runs the binary with `args`, feeding `input` on standard input.
pub(crate) fn run_with_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = cc_lint()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Standard output as text.
pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Standard error as text.
pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Standard output parsed as JSON.
pub(crate) fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{error}:\n{}", stdout(output)))
}

/// Writes `text` to `dir/name`, creating directories, and returns the path.
pub(crate) fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// `crates/cc-lint/tests/golden`.
pub(crate) fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// An `update_process_instance` payload whose one entry (process 43) gives
/// every field, `extra` members added: clean, since no reading of the write
/// (field by field or whole, `raw-process-edit`) changes what it stores.
pub(crate) fn complete_update(extra: &str) -> String {
    format!(
        r#"{{"bk_biz_id": 1, "processes": [{{"bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "java", "bk_start_param_regex": "", "proc_num": 2, "priority": 1, "timeout": 30, "bk_start_check_secs": 5, "auto_start": false, "start_cmd": "", "stop_cmd": "", "restart_cmd": "", "face_stop_cmd": "", "reload_cmd": "", "pid_file": "", "work_path": "", "user": "", "description": "", "bind_info": []{extra}}}]}}"#
    )
}
