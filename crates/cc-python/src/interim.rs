//! INTERIM: a copy of two input readers that today live only in the `cc-lint`
//! binary (`crates/cc-lint/src/template_cmd.rs`: `read_host` and
//! `processes`), which a library cannot call. They belong in `cc-validate`
//! beside `load_template` (for example `load_host(&Value) -> Result<Host, _>`
//! and `load_processes(&Value) -> Result<Vec<(String, Process)>, _>`); once
//! they are there, this file goes and both callers use them. The tests
//! (`tests/test_templates.py`) hold the two copies to the same results by
//! comparing with the binary's output.

use cc_model::{Host, Process};
use serde_json::Value;

/// A host object with `bk_host_innerip` and friends, or a response whose
/// `data` is one.
pub(crate) fn load_host(value: Value) -> Result<Host, String> {
    let value = match value {
        Value::Object(mut object)
            if object.contains_key("result") && object.contains_key("data") =>
        {
            object.remove("data").unwrap_or(Value::Null)
        }
        other => other,
    };
    serde_json::from_value(value).map_err(|_| {
        "expected a host object with string fields bk_host_innerip, bk_host_outerip, \
         bk_host_innerip_v6, bk_host_outerip_v6"
            .to_owned()
    })
}

/// The processes of an input, with their pointers: an `update_process_instance`
/// request, a response whose `data` lists processes, a list, or one process.
pub(crate) fn load_processes(value: &Value) -> Result<Vec<(String, Process)>, String> {
    let (base, items): (String, Vec<&Value>) =
        if let Some(list) = value.get("processes").and_then(Value::as_array) {
            ("/processes".to_owned(), list.iter().collect())
        } else if let Some(data) = value.get("data").filter(|_| value.get("result").is_some()) {
            match data {
                Value::Array(list) => ("/data".to_owned(), list.iter().collect()),
                Value::Object(object) => match object.get("info").and_then(Value::as_array) {
                    Some(list) => ("/data/info".to_owned(), list.iter().collect()),
                    None => return Ok(vec![("/data".to_owned(), process(data, "/data")?)]),
                },
                _ => return Err("the response's `data` holds no process".to_owned()),
            }
        } else if let Value::Array(list) = value {
            (String::new(), list.iter().collect())
        } else {
            return Ok(vec![(String::new(), process(value, "")?)]);
        };
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let pointer = format!("{base}/{index}");
            // list_process_instance wraps each process as {property, relation}.
            let item = item.get("property").unwrap_or(item);
            Ok((pointer.clone(), process(item, &pointer)?))
        })
        .collect()
}

fn process(value: &Value, pointer: &str) -> Result<Process, String> {
    serde_json::from_value(value.clone()).map_err(|_| {
        format!(
            "`{}` is not a process (cc_lint.check() on it tells why)",
            if pointer.is_empty() { "/" } else { pointer }
        )
    })
}
