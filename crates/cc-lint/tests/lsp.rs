//! `cc-lint lsp` driven with real LSP messages over its standard streams:
//! initialize, didOpen, didChange, hover, codeAction, completion, shutdown,
//! and what a broken client sends.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod lsp_client;

use lsp_client::{Client, uri};
use serde_json::{Value, json};
use std::path::Path;

/// An `update_process_instance` request that gives every field (so that no
/// reading of the write warns), with a float `proc_num` on a line with
/// non-ASCII text (integer-literal, a safe fix) and a repeated `user`
/// (duplicate-key, a safe fix, with a related location).
const PAYLOAD: &str = r#"{
  "bk_biz_id": 1,
  "processes": [
    {
      "bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "java",
      "description": "前端 😀", "proc_num": 2.0,
      "bk_start_param_regex": "", "priority": 1, "timeout": 30, "bk_start_check_secs": 5,
      "auto_start": false, "start_cmd": "", "stop_cmd": "", "restart_cmd": "", "face_stop_cmd": "",
      "reload_cmd": "", "pid_file": "", "work_path": "", "user": "", "user": "app",
      "bind_info": [{"ip": "127.0.0.1", "port": "80", "protocol": "1", "enable": true}]
    }
  ]
}
"#;

/// A workspace with the payload and a configuration that makes
/// integer-literal a warning (an error by default).
fn workspace() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cc-lint.toml"),
        "warn = [\"integer-literal\"]\n",
    )
    .unwrap();
    let path = dir.path().join("update_process_instance.json");
    std::fs::write(&path, PAYLOAD).unwrap();
    let uri = uri(&path);
    (dir, uri)
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}})
}

fn docs(rule: &str) -> String {
    format!("https://github.com/cc-process-lint/cc-process-lint/blob/main/docs/rules.md#{rule}")
}

/// The payload's diagnostics, with the integer literal's columns as the
/// encoding counts them.
fn expected(uri: &str, literal: (u32, u32)) -> Value {
    json!([
        {
            "range": range((5, literal.0), (5, literal.1)),
            "severity": 2,
            "code": "integer-literal",
            "codeDescription": {"href": docs("integer-literal")},
            "source": "cc-lint",
            "message": "`proc_num` must be written as an integer literal, got 2.0\nhelp: write the number as a plain integer literal, without `.0` or an exponent",
        },
        {
            "range": range((8, 69), (8, 75)),
            "severity": 1,
            "code": "duplicate-key",
            "codeDescription": {"href": docs("duplicate-key")},
            "source": "cc-lint",
            "message": "`user` is repeated in this object; the server keeps only the last one\nhelp: remove all but one occurrence",
            "relatedInformation": [{
                "location": {"uri": uri, "range": range((8, 57), (8, 63))},
                "message": "first occurrence",
            }],
        },
    ])
}

#[test]
fn initialize_agrees_on_utf16_unless_the_client_offers_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let (client, result) = Client::start(dir.path(), json!({}));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2);
    assert_eq!(result["serverInfo"]["name"], "cc-lint");
    assert!(client.shutdown().success());
    let (client, result) = Client::start(
        dir.path(),
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    );
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert!(client.shutdown().success());
}

#[test]
fn diagnostics_on_open_and_change_in_utf16() {
    let (dir, uri) = workspace();
    let (mut client, _) = Client::start(dir.path(), json!({}));
    client.open(&uri, 1, PAYLOAD);
    // UTF-16: `前端` are one unit each, `😀` two.
    assert_eq!(
        Value::Array(client.diagnostics(&uri, 1)),
        expected(&uri, (42, 45))
    );

    // An incremental change: `2.0` becomes `2`.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": range((5, 42), (5, 45)), "text": "2"}],
        }),
    );
    let after = client.diagnostics(&uri, 2);
    assert_eq!(
        after.iter().map(|d| d["code"].clone()).collect::<Vec<_>>(),
        ["duplicate-key"]
    );

    // A full change to text that does not parse still gets its syntax error.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [{"text": "{\"bk_biz_id\": 1,\n  \"processes\": [}\n"}],
        }),
    );
    let broken = client.diagnostics(&uri, 3);
    assert_eq!(broken.len(), 1, "{broken:#?}");
    assert_eq!(broken[0]["code"], "json-syntax");
    assert_eq!(broken[0]["range"], range((1, 16), (1, 17)));

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let closed = client.wait_for(|message| {
        message["method"] == "textDocument/publishDiagnostics"
            && message["params"]["version"].is_null()
    });
    assert_eq!(closed["params"]["diagnostics"], json!([]));
    assert!(client.shutdown().success());
}

#[test]
fn diagnostics_in_utf8_count_bytes() {
    let (dir, uri) = workspace();
    let (mut client, _) = Client::start(
        dir.path(),
        json!({"general": {"positionEncodings": ["utf-8"]}}),
    );
    client.open(&uri, 1, PAYLOAD);
    assert_eq!(
        Value::Array(client.diagnostics(&uri, 1)),
        expected(&uri, (48, 51))
    );
    assert!(client.shutdown().success());
}

#[test]
fn hover_explains_fields_and_codes() {
    let (dir, uri) = workspace();
    let (mut client, _) = Client::start(dir.path(), json!({}));
    client.open(&uri, 1, PAYLOAD);
    client.diagnostics(&uri, 1);
    let hover = |client: &mut Client, line: u32, character: u32| {
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )["result"]
            .clone()
    };
    // On `"priority"` (line 6).
    assert_eq!(
        hover(&mut client, 6, 36),
        json!({
            "contents": {"kind": "markdown", "value": "**`priority`**: `integer | null`\n\nStart priority.\n\nLimits: between -100 and 10000."},
            "range": range((6, 34), (6, 44)),
        })
    );
    // On the protocol code `"1"` (line 9).
    assert_eq!(
        hover(&mut client, 9, 67),
        json!({
            "contents": {"kind": "markdown", "value": "Protocol `\"1\"`: TCP over IPv4."},
            "range": range((9, 66), (9, 69)),
        })
    );
    // On punctuation: nothing.
    assert_eq!(hover(&mut client, 0, 0), Value::Null);
    assert!(client.shutdown().success());
}

#[test]
fn code_actions_are_the_fixes_and_fix_all() {
    let (dir, uri) = workspace();
    let (mut client, _) = Client::start(dir.path(), json!({}));
    client.open(&uri, 1, PAYLOAD);
    let diagnostics = client.diagnostics(&uri, 1);
    let answer = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range((5, 43), (5, 43)),
            "context": {"diagnostics": [diagnostics[0]]},
        }),
    );
    let actions = answer["result"].as_array().unwrap();
    assert_eq!(actions.len(), 2, "{actions:#?}");
    assert_eq!(
        actions[0],
        json!({
            "title": "write `2`",
            "kind": "quickfix",
            "diagnostics": [diagnostics[0]],
            "edit": {"changes": {uri.clone(): [{"range": range((5, 42), (5, 45)), "newText": "2"}]}},
            "isPreferred": true,
        })
    );
    assert_eq!(actions[1]["title"], "Fix all safe findings in this file");
    assert_eq!(actions[1]["kind"], "source.fixAll.cc-lint");
    let edits = &actions[1]["edit"]["changes"][&uri];
    assert_eq!(edits[0]["range"], range((0, 0), (13, 0)));
    // The same text `cc-lint --fix` writes.
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_cc-lint"))
        .current_dir(dir.path())
        .args(["--fix", "--quiet", "update_process_instance.json"])
        .status()
        .unwrap();
    assert!(status.success());
    let fixed = std::fs::read_to_string(dir.path().join("update_process_instance.json")).unwrap();
    assert_eq!(edits[0]["newText"], fixed.as_str());
    assert!(!fixed.contains("2.0") && fixed.matches("\"user\"").count() == 1);

    // Only the source actions when the client asks for those.
    let answer = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range((0, 0), (0, 0)),
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        }),
    );
    let titles: Vec<&str> = answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|action| action["title"].as_str())
        .collect();
    assert_eq!(titles, ["Fix all safe findings in this file"]);
    assert!(client.shutdown().success());
}

#[test]
fn completion_offers_fields_and_codes_with_descriptions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("update_process_instance.json");
    let text = "{\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 1, \"pri\n  \"bind_info\": [{\"protocol\": \"\"}]}]}\n";
    let uri = uri(&path);
    let (mut client, _) = Client::start(dir.path(), json!({}));
    client.open(&uri, 1, text);
    client.diagnostics(&uri, 1);
    let complete = |client: &mut Client, line: u32, character: u32| {
        client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )["result"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    // In the key `"pri` being typed: the process fields not given yet.
    let fields = complete(&mut client, 0, 56);
    let priority = fields
        .iter()
        .find(|item| item["label"] == "priority")
        .unwrap();
    assert_eq!(
        priority,
        &json!({
            "label": "priority",
            "kind": 5,
            "detail": "integer | null",
            "documentation": {"kind": "markdown", "value": "Start priority."},
            "filterText": "\"priority\"",
            "textEdit": {"range": range((0, 52), (0, 56)), "newText": "\"priority\""},
        })
    );
    assert!(!fields.iter().any(|item| item["label"] == "bk_process_id"));
    assert!(fields.iter().any(|item| item["label"] == "bind_info"));
    // In the protocol value: the four codes and what they mean.
    let codes = complete(&mut client, 1, 30);
    let labels: Vec<(&str, &str)> = codes
        .iter()
        .map(|item| {
            (
                item["label"].as_str().unwrap(),
                item["detail"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        labels,
        [
            ("\"1\"", "TCP over IPv4"),
            ("\"2\"", "UDP over IPv4"),
            ("\"3\"", "TCP over IPv6"),
            ("\"4\"", "UDP over IPv6"),
        ]
    );
    assert_eq!(codes[0]["textEdit"]["range"], range((1, 29), (1, 31)));
    assert!(client.shutdown().success());
}

#[test]
fn a_document_that_is_no_payload_gets_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(dir.path(), json!({}));
    let notes = uri(&dir.path().join("notes.json"));
    client.open(&notes, 1, "{\"hello\": \"world\"}\n");
    assert_eq!(client.diagnostics(&notes, 1), Vec::<Value>::new());
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": notes, "version": 2}, "contentChanges": [{"text": "{\"hello\": 2}"}]}),
    );
    assert_eq!(client.diagnostics(&notes, 2), Vec::<Value>::new());
    // Why it is not checked goes to the log, once.
    let logged: Vec<&Value> = client
        .backlog
        .iter()
        .filter(|message| {
            message["method"] == "window/logMessage"
                && message["params"]["message"]
                    .as_str()
                    .is_some_and(|text| text.starts_with(&notes))
        })
        .collect();
    assert_eq!(logged.len(), 1, "{logged:#?}");
    assert_eq!(
        logged[0]["params"]["message"],
        format!(
            "{notes}: not checked: its endpoint cannot be told: it fits no endpoint's payloads"
        )
    );
    // Not JSON, and nothing says it is a payload (JSON with comments).
    let tsconfig = uri(&dir.path().join("tsconfig.json"));
    client.open(
        &tsconfig,
        1,
        "{\n  // comment\n  \"compilerOptions\": {}\n}\n",
    );
    assert_eq!(client.diagnostics(&tsconfig, 1), Vec::<Value>::new());
    let text = uri(&dir.path().join("README.txt"));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": text, "languageId": "plaintext", "version": 1, "text": "{"}}),
    );
    assert_eq!(client.diagnostics(&text, 1), Vec::<Value>::new());
    // Nothing was shown to the user.
    assert!(
        !client
            .backlog
            .iter()
            .any(|message| message["method"] == "window/showMessage"),
        "{:#?}",
        client.backlog
    );
    assert!(client.shutdown().success());
}

#[test]
fn bad_messages_are_answered_and_the_server_goes_on() {
    let (dir, uri) = workspace();
    let (mut client, _) = Client::start(dir.path(), json!({}));
    // A frame that is not JSON, one that is JSON but no message, and a
    // request whose params do not fit: each answered or logged.
    client.send_raw(b"Content-Length: 9\r\n\r\nnot json!");
    client.send_raw(b"Content-Length: 20\r\n\r\n{\"id\": 7, \"x\": true}");
    let invalid = client.wait_for(|message| message["id"] == 7);
    assert_eq!(invalid["error"]["code"], -32600, "{invalid}");
    let answer = client.request("textDocument/hover", json!({"nope": 1}));
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    // An unknown document and an unknown method are errors, not crashes.
    let unknown = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.json"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(unknown["error"]["code"], -32602);
    assert_eq!(
        unknown["error"]["message"],
        "unknown document file:///nowhere.json: it is not open"
    );
    let method = client.request("textDocument/rename", json!({}));
    assert_eq!(method["error"]["code"], -32601);
    // Still serving.
    client.open(&uri, 1, PAYLOAD);
    assert_eq!(client.diagnostics(&uri, 1).len(), 2);
    assert!(client.shutdown().success());
}

#[test]
fn a_client_that_disappears_ends_the_session_cleanly() {
    let (dir, uri) = workspace();
    let (mut client, _) = Client::start(dir.path(), json!({}));
    client.open(&uri, 1, PAYLOAD);
    // Input closed mid-session, without shutdown: exit status 1, no signal.
    let status = client.wait();
    assert_eq!(status.code(), Some(1));
    // Input closed in the middle of a frame.
    let (mut client, _) = Client::start(Path::new(dir.path()), json!({}));
    client.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"");
    assert_eq!(client.wait().code(), Some(1));
}

#[test]
fn hover_says_whether_the_configured_template_locks_a_field() {
    let dir = tempfile::tempdir().unwrap();
    let template = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/template/get_proc_template.response.json");
    std::fs::copy(template, dir.path().join("template.json")).unwrap();
    std::fs::write(
        dir.path().join("cc-lint.toml"),
        "[[files]]\nglob = \"edits/*.json\"\ntemplate = \"template.json\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("edits")).unwrap();
    let uri = uri(&dir.path().join("edits/update_process_instance.json"));
    let text = "{\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43, \"proc_num\": 2, \"user\": \"app\"}]}\n";
    let (mut client, _) = Client::start(dir.path(), json!({}));
    client.open(&uri, 1, text);
    // The template is in force: the edit of the locked `proc_num` is reported.
    let codes: Vec<Value> = client
        .diagnostics(&uri, 1)
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert!(codes.contains(&json!("locked-field-edit")), "{codes:?}");
    let hover = |client: &mut Client, key: &str| {
        let character = u32::try_from(text.find(key).unwrap()).unwrap();
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": character}}),
        )["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(
        hover(&mut client, "proc_num").ends_with(
            "\n\nLocked by the template (`proc_num` has `as_default_value: true`): the server drops an edit of it."
        )
    );
    assert!(
        hover(&mut client, "user")
            .ends_with("\n\nNot locked by the template: an edit of `user` is written.")
    );
    assert!(client.shutdown().success());
}

#[test]
fn a_save_rereads_the_configuration() {
    let (dir, uri) = workspace();
    let (mut client, _) = Client::start(dir.path(), json!({}));
    client.open(&uri, 1, PAYLOAD);
    assert_eq!(client.diagnostics(&uri, 1)[0]["severity"], 2);
    std::fs::write(
        dir.path().join("cc-lint.toml"),
        "allow = [\"integer-literal\"]\n",
    )
    .unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let codes: Vec<Value> = client
        .diagnostics(&uri, 1)
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(codes, [json!("duplicate-key")]);
    assert!(client.shutdown().success());
}

#[test]
fn a_slow_check_holds_up_neither_other_documents_nor_newer_versions() {
    let dir = tempfile::tempdir().unwrap();
    // About 6 MB: its check takes about a second in a debug build.
    let rows: Vec<String> = (0..600)
        .map(|row| {
            format!(
                "{{\"ip\": \"127.0.0.1\", \"port\": \"{}\", \"protocol\": \"1\", \"enable\": true}}",
                1000 + row
            )
        })
        .collect();
    let processes: Vec<String> = (1..=100)
        .map(|id| {
            format!(
                "{{\"bk_process_id\": {id}, \"priority\": 5, \"bind_info\": [\n{}]}}",
                rows.join(",\n")
            )
        })
        .collect();
    let big = format!(
        "{{\"bk_biz_id\": 1, \"processes\": [\n{}]}}\n",
        processes.join(",\n")
    );
    let slow = uri(&dir.path().join("slow/update_process_instance.json"));
    let quick = uri(&dir.path().join("quick/update_process_instance.json"));
    let (mut client, _) = Client::start(dir.path(), json!({}));
    client.open(&slow, 1, &big);
    client.open(
        &quick,
        1,
        "{\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 0}]}",
    );
    // Five quick edits of the slow document: `"priority": 5` of process 1.
    let column = u32::try_from(
        big.find("\"priority\": 5").unwrap() - big.find("{\"bk_process_id\": 1,").unwrap(),
    )
    .unwrap()
        + 12;
    for version in 2..=6 {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": slow, "version": version},
                "contentChanges": [{"range": range((1, column), (1, column + 1)), "text": format!("{version}")}],
            }),
        );
    }
    // The small document's findings come while the big one is being checked.
    let quick_findings = client.diagnostics(&quick, 1);
    assert!(!quick_findings.is_empty());
    let published = |client: &Client| {
        client
            .backlog
            .iter()
            .filter(|message| message["params"]["uri"] == slow.as_str())
            .count()
    };
    assert_eq!(published(&client), 0, "the slow check was published first");
    // Only the last version's check is published: the stale ones are
    // replaced in the queue or dropped when they finish.
    client.diagnostics(&slow, 6);
    assert_eq!(published(&client), 0, "{:#?}", client.backlog);
    assert!(client.shutdown().success());
}

#[test]
fn bind_type_codes_of_a_template_are_explained_and_completed() {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri(&dir.path().join("batch_create_proc_template.json"));
    let text = "{\"bk_biz_id\": 1, \"service_template_id\": 51, \"processes\": [{\"spec\": {\n  \"bind_info\": {\"value\": [{\"ip\": {\"value\": \"3\"}, \"protocol\": {\"value\": \"1\"}}]}\n}}]}\n";
    let (mut client, _) = Client::start(dir.path(), json!({}));
    client.open(&uri, 1, text);
    client.diagnostics(&uri, 1);
    let at = json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 44}});
    let hover = client.request("textDocument/hover", at.clone());
    assert_eq!(
        hover["result"],
        json!({
            "contents": {"kind": "markdown", "value": "Bind type `\"3\"`: the host's first inner IPv4 address."},
            "range": range((1, 43), (1, 46)),
        })
    );
    let completion = client.request("textDocument/completion", at);
    let items: Vec<(&str, &str)> = completion["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["label"].as_str().unwrap(),
                item["detail"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(items.len(), 9, "{items:?}");
    assert_eq!(items[0], ("\"\"", "no bind type"));
    assert_eq!(items[2], ("\"2\"", "all IPv4 addresses, 0.0.0.0"));
    assert_eq!(items[8], ("\"8\"", "the host's first outer IPv6 address"));
    assert!(client.shutdown().success());
}

#[test]
fn hover_in_a_template_says_whether_it_locks_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri(&dir.path().join("batch_create_proc_template.json"));
    let text = "{\"bk_biz_id\": 1, \"service_template_id\": 51, \"processes\": [{\"spec\": {\n  \"bk_process_name\": {\"value\": \"nginx\", \"as_default_value\": true},\n  \"user\": {\"value\": \"www\"}\n}}]}\n";
    let (mut client, _) = Client::start(dir.path(), json!({}));
    client.open(&uri, 1, text);
    client.diagnostics(&uri, 1);
    let hover = |client: &mut Client, line: u32| {
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 4}}),
        )["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        hover(&mut client, 1),
        "**`bk_process_name`**: `string`\n\nProcess alias, unique within a service instance. Always locked in a template.\n\nLimits: at least 1 character.\n\nLocked here (`as_default_value: true`): instances take this value, and the server drops their edits of it."
    );
    assert!(hover(&mut client, 2).ends_with(
        "\n\nNot locked here (`as_default_value` is not `true`): instances may change it."
    ));
    assert!(client.shutdown().success());
}
