//! A real editor as the client: headless Neovim (Debian's package, which
//! `.ci/run` installs) opens a broken payload with `cc-lint lsp` attached;
//! `tests/nvim/lsp.lua` checks Neovim's diagnostics list, applies the code
//! action and waits for the diagnostic to be gone.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long Neovim may take in all.
const TIMEOUT: Duration = Duration::from_mins(2);

/// A payload with a float `proc_num` on line 6 (integer-literal, with a safe
/// fix) and an out-of-range `priority` (a schema error, with none).
const PAYLOAD: &str = r#"{
  "bk_biz_id": 1,
  "processes": [
    {
      "bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "java",
      "description": "前端 😀", "proc_num": 2.0,
      "bk_start_param_regex": "", "priority": 20000, "timeout": 30, "bk_start_check_secs": 5,
      "auto_start": false, "start_cmd": "", "stop_cmd": "", "restart_cmd": "", "face_stop_cmd": "",
      "reload_cmd": "", "pid_file": "", "work_path": "", "user": "", "bind_info": []
    }
  ]
}
"#;

fn neovim_present() -> bool {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

#[test]
fn neovim_shows_the_diagnostic_and_its_code_action_fixes_it() {
    if !neovim_present() {
        // CI installs Neovim (.ci/run): there, its absence is a failure.
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim is not installed; .ci/run installs Debian's neovim package"
        );
        eprintln!("skipped: nvim is not installed (apt-get install neovim)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let payload = dir.path().join("update_process_instance.json");
    std::fs::write(&payload, PAYLOAD).unwrap();
    let result = dir.path().join("result.txt");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/lsp.lua");
    let state = dir.path().join("state");
    let mut nvim = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(dir.path())
        .env("CC_LINT", env!("CARGO_BIN_EXE_cc-lint"))
        .env("PAYLOAD", &payload)
        .env("EXPECT_RULE", "integer-literal")
        .env("EXPECT_LINE", "5")
        .env("KEEP_RULE", "schema")
        .env("RESULT", &result)
        // Neovim's log, cache and state files stay in the test's directory.
        .env("HOME", &state)
        .env("XDG_CACHE_HOME", &state)
        .env("XDG_STATE_HOME", &state)
        .env("XDG_DATA_HOME", &state)
        .env("XDG_CONFIG_HOME", &state)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = nvim.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = nvim.kill();
            let _ = nvim.wait();
            panic!(
                "nvim did not finish within {TIMEOUT:?}; result: {:?}",
                std::fs::read_to_string(&result).ok()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let outcome = std::fs::read_to_string(&result).unwrap_or_default();
    assert!(status.success(), "nvim exited with {status}: {outcome}");
    assert_eq!(
        outcome,
        "PASS: applied 'write `2`'; integer-literal at line 5 is gone\n"
    );
    // The buffer Neovim wrote holds the fix.
    let written = std::fs::read_to_string(&payload).unwrap();
    assert_eq!(
        written,
        PAYLOAD.replace("\"proc_num\": 2.0", "\"proc_num\": 2")
    );
}
