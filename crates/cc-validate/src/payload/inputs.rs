//! Reading the other inputs of the template commands: the host that `--host`
//! names, and the processes of an edit or of a listing.

use cc_model::{Host, Process};
use serde_json::Value;

/// Why an input does not hold a host, or processes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// The value is not a host object.
    #[error(
        "expected a host object with string fields bk_host_innerip, bk_host_outerip, \
         bk_host_innerip_v6, bk_host_outerip_v6"
    )]
    NotAHost,
    /// A response whose `data` is neither a process, a list of them, nor an
    /// object listing them under `info`.
    #[error("the response's `data` holds no process")]
    NoProcess,
    /// The value at `pointer` is not a process.
    #[error("`{}` is not a process", if pointer.is_empty() { "/" } else { pointer })]
    NotAProcess {
        /// Where the value is (`""` for the root).
        pointer: String,
    },
}

/// A host object with `bk_host_innerip` and friends, or a response whose `data`
/// is one.
pub fn load_host(value: &Value) -> Result<Host, InputError> {
    let host = value
        .get("data")
        .filter(|_| value.get("result").is_some())
        .unwrap_or(value);
    serde_json::from_value(host.clone()).map_err(|_| InputError::NotAHost)
}

/// The processes of an input, each with its JSON pointer: an
/// `update_process_instance` request, a response whose `data` lists processes
/// (`list_process_instance` wraps each as `{property, relation}`), a list, or
/// one process.
pub fn load_processes(value: &Value) -> Result<Vec<(String, Process)>, InputError> {
    let (base, items): (&str, &[Value]) =
        if let Some(list) = value.get("processes").and_then(Value::as_array) {
            ("/processes", list)
        } else if let Some(data) = value.get("data").filter(|_| value.get("result").is_some()) {
            match data {
                Value::Array(list) => ("/data", list),
                Value::Object(object) => match object.get("info").and_then(Value::as_array) {
                    Some(list) => ("/data/info", list),
                    None => return Ok(vec![("/data".to_owned(), process(data, "/data")?)]),
                },
                _ => return Err(InputError::NoProcess),
            }
        } else if let Value::Array(list) = value {
            ("", list)
        } else {
            return Ok(vec![(String::new(), process(value, "")?)]);
        };
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let pointer = format!("{base}/{index}");
            let item = item.get("property").unwrap_or(item);
            let process = process(item, &pointer)?;
            Ok((pointer, process))
        })
        .collect()
}

fn process(value: &Value, pointer: &str) -> Result<Process, InputError> {
    serde_json::from_value(value.clone()).map_err(|_| InputError::NotAProcess {
        pointer: pointer.to_owned(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly by design.
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_host_is_read_alone_or_from_a_response() {
        let host = json!({"bk_host_innerip": "10.0.0.8"});
        assert_eq!(
            load_host(&host).unwrap().bk_host_innerip.as_deref(),
            Some("10.0.0.8")
        );
        let response = json!({"result": true, "data": host});
        assert_eq!(load_host(&response).unwrap(), load_host(&host).unwrap());
        assert_eq!(load_host(&json!([1])), Err(InputError::NotAHost));
    }

    #[test]
    fn processes_are_found_with_their_pointers() {
        let process = json!({"bk_process_id": 43});
        let pointers = |value: Value| -> Vec<String> {
            load_processes(&value)
                .unwrap()
                .into_iter()
                .map(|(pointer, _)| pointer)
                .collect()
        };
        assert_eq!(
            pointers(json!({"processes": [process, process]})),
            ["/processes/0", "/processes/1"]
        );
        assert_eq!(
            pointers(json!({"result": true, "data": [process]})),
            ["/data/0"]
        );
        assert_eq!(
            pointers(
                json!({"result": true, "data": {"info": [{"property": process, "relation": {}}]}})
            ),
            ["/data/info/0"]
        );
        assert_eq!(
            pointers(json!({"result": true, "data": process})),
            ["/data"]
        );
        assert_eq!(pointers(json!([process])), ["/0"]);
        assert_eq!(pointers(process.clone()), [""]);
        assert_eq!(
            load_processes(&json!({"result": true, "data": 3})),
            Err(InputError::NoProcess)
        );
        let error = load_processes(&json!({"processes": [{"bk_process_id": "x"}]})).unwrap_err();
        assert_eq!(error.to_string(), "`/processes/0` is not a process");
    }
}
