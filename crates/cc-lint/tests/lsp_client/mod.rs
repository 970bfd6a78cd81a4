//! A minimal LSP client for the tests: spawns `cc-lint lsp`, speaks
//! `Content-Length`-framed JSON-RPC to it and waits (bounded) for answers.

#![allow(dead_code, clippy::needless_pass_by_value)] // Calls read better with `json!(..)` values.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long any one answer may take.
pub(crate) const TIMEOUT: Duration = Duration::from_mins(1);

/// A running server and the messages it sent that nobody has read yet.
pub(crate) struct Client {
    pub(crate) child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications and server requests read while waiting for something else.
    pub(crate) backlog: Vec<Value>,
    next_id: i64,
}

/// Reads one frame's body from the server.
fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// `file://` URI of a path.
pub(crate) fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

impl Client {
    /// Starts `cc-lint lsp` in `dir` and initializes it with `capabilities`;
    /// returns the client and the `initialize` result.
    pub(crate) fn start(dir: &Path, capabilities: Value) -> (Self, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cc-lint"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cc-lint lsp starts");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take();
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let mut client = Self {
            child,
            stdin,
            incoming,
            backlog: Vec::new(),
            next_id: 1,
        };
        let result = client.request(
            "initialize",
            json!({"processId": null, "rootUri": uri(dir), "capabilities": capabilities}),
        );
        client.notify("initialized", json!({}));
        (client, result["result"].clone())
    }

    /// Writes raw bytes to the server.
    pub(crate) fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to the server");
        stdin.flush().expect("flush");
    }

    /// Sends one message.
    pub(crate) fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).expect("serialise");
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(&body);
        self.send_raw(&frame);
    }

    /// Sends a notification.
    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request without waiting; its id.
    pub(crate) fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its response (the whole message).
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.wait_for(|message| {
            message.get("id") == Some(&json!(id)) && message.get("method").is_none()
        })
    }

    /// The next message that `matches`, keeping the others in the backlog.
    pub(crate) fn wait_for(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.backlog.iter().position(&matches) {
            return self.backlog.remove(index);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if matches(&message) => return message,
                Ok(message) => self.backlog.push(message),
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no matching message within {TIMEOUT:?}; received: {:#?}",
                    self.backlog
                ),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "the server closed its output; received: {:#?}",
                        self.backlog
                    )
                }
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub(crate) fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait_for(|message| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && message["params"]["version"] == version
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Opens a document.
    pub(crate) fn open(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": version, "text": text}}),
        );
    }

    /// `shutdown` then `exit`; the exit status.
    pub(crate) fn shutdown(mut self) -> ExitStatus {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null, "{answer}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Closes the server's input and waits for it to exit (bounded).
    pub(crate) fn wait(mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit within {TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
