//! No credential, token or secret field reaches a log line, an error message
//! or a response: the real binary is sent real-looking secrets in bodies,
//! headers and query strings, on accepted and refused requests, and its whole
//! standard error and every answer are scanned for them.

mod common;

use common::binary::{Binary, exchange, world_path};
use serde_json::json;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(10);
const TOKEN: &str = "tok-5f0c9e2b7a1d48c3b6e9";
const ACCESS: &str = "at-Zx81Qm0PaV7rLs2KdW4n";
const PASSWORD: &str = "pw-Hunter2-8d1c6b";
const WRONG: &str = "sk-wrong-0a7e55c1b9f2d3";
const BEARER: &str = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.3q2-7wE";

/// A raw request: `head` lines after the request line, then `body`.
fn request(method: &str, path: &str, headers: &[String], body: &str) -> Vec<u8> {
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\n");
    for header in headers {
        text.push_str(header);
        text.push_str("\r\n");
    }
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(
        format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
    bytes
}

#[test]
fn secrets_sent_in_bodies_headers_and_queries_appear_in_no_log_line_or_answer() {
    let server = Binary::start(&["--world", &world_path()]);
    let json_type = "Content-Type: application/json".to_owned();
    let good_header = format!(
        "X-Bkapi-Authorization: {}",
        json!({"bk_app_code": common::APP, "bk_app_secret": common::SECRET,
               "bk_token": TOKEN, "access_token": ACCESS})
    );
    let wrong_header = format!(
        "X-Bkapi-Authorization: {}",
        json!({"bk_app_code": common::APP, "bk_app_secret": WRONG, "bk_token": TOKEN})
    );
    let extra = [
        format!("Authorization: Bearer {BEARER}"),
        format!("Cookie: bk_token={TOKEN}; bk_ticket={ACCESS}"),
    ];
    let secret_fields = json!({"bk_token": TOKEN, "access_token": ACCESS, "password": PASSWORD,
                               "bk_username": "admin"});
    let body_with = |base: serde_json::Value, secret: &str| {
        let mut body = base;
        body["bk_app_code"] = json!(common::APP);
        body["bk_app_secret"] = json!(secret);
        for (key, value) in secret_fields.as_object().expect("object") {
            body[key] = value.clone();
        }
        body.to_string()
    };
    let list = json!({"bk_biz_id": 1, "service_template_id": 51});
    let create = json!({"bk_biz_id": 1, "service_template_id": 51,
                        "processes": [{"spec": common::spec("p1", "")}]});
    let mut bad_spec = common::spec("p2", "");
    bad_spec["proc_num"]["value"] = json!(-3);
    let refused_create = json!({"bk_biz_id": 1, "service_template_id": 51,
                                "processes": [{"spec": bad_spec}]});
    let esb = |endpoint: &str| format!("/api/c/compapi/v2/cc/{endpoint}/");
    let query = format!("?bk_app_secret={}&bk_token={TOKEN}", common::SECRET);
    let with_extra = |mut headers: Vec<String>| {
        headers.extend(extra.iter().cloned());
        headers
    };
    let requests = vec![
        // Accepted: header credentials, and body credentials with secret fields.
        request(
            "POST",
            "/api/v3/findmany/proc/proc_template",
            &with_extra(vec![json_type.clone(), good_header.clone()]),
            &list.to_string(),
        ),
        request(
            "POST",
            &esb("batch_create_proc_template"),
            &with_extra(vec![json_type.clone()]),
            &body_with(create.clone(), common::SECRET),
        ),
        request(
            "POST",
            &format!("{}{query}", esb("list_proc_template")),
            &with_extra(vec![json_type.clone()]),
            &body_with(list.clone(), common::SECRET),
        ),
        // Refused: wrong secrets, a bad payload, bad JSON, a bad header, an
        // unknown path, a content type carrying a token.
        request(
            "POST",
            &esb("list_proc_template"),
            &with_extra(vec![json_type.clone()]),
            &body_with(list.clone(), WRONG),
        ),
        request(
            "POST",
            &esb("list_proc_template"),
            &with_extra(vec![json_type.clone(), wrong_header]),
            &list.to_string(),
        ),
        request(
            "POST",
            &esb("batch_create_proc_template"),
            &with_extra(vec![json_type.clone()]),
            &body_with(refused_create, common::SECRET),
        ),
        request(
            "POST",
            &esb("list_proc_template"),
            &with_extra(vec![json_type.clone(), good_header.clone()]),
            &format!(r#"{{"bk_app_secret": "{WRONG}", "password": "{PASSWORD}", "#),
        ),
        request(
            "POST",
            &esb("list_proc_template"),
            &with_extra(vec![
                json_type.clone(),
                format!("X-Bkapi-Authorization: {}:{}", common::APP, common::SECRET),
            ]),
            &list.to_string(),
        ),
        request(
            "POST",
            &format!("/api/c/compapi/v2/cc/no_such_endpoint/{query}"),
            &with_extra(vec![json_type.clone()]),
            &body_with(list.clone(), common::SECRET),
        ),
        request(
            "POST",
            &esb("list_proc_template"),
            &with_extra(vec![
                format!("Content-Type: text/plain; token={TOKEN}"),
                good_header.clone(),
            ]),
            &list.to_string(),
        ),
    ];
    let mut answers = Vec::new();
    for raw in &requests {
        let reply = exchange(server.address, raw, TIMEOUT).expect("answered");
        assert!(reply.body.is_object(), "{}", reply.head);
        answers.push(format!("{}\n{}", reply.head, reply.body));
    }
    // The accepted ones were accepted, the refused ones refused.
    let results: Vec<bool> = answers
        .iter()
        .map(|answer| answer.contains(r#""result":true"#))
        .collect();
    assert_eq!(
        results,
        [
            true, true, true, false, false, false, false, false, false, false
        ],
        "{answers:#?}"
    );
    let log = server.stop_with("TERM");
    assert!(
        log.iter()
            .filter(|line| line.contains("request_id="))
            .count()
            >= requests.len(),
        "{log:#?}"
    );
    let secrets = [common::SECRET, TOKEN, ACCESS, PASSWORD, WRONG, BEARER];
    for secret in secrets {
        for line in &log {
            assert!(!line.contains(secret), "{secret} in the log: {line}");
        }
        for answer in &answers {
            assert!(!answer.contains(secret), "{secret} in an answer: {answer}");
        }
    }
}
