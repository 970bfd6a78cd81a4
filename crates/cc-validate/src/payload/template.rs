//! Reading the process template that `--template` names: a bare template spec, a
//! `batch_create_proc_template` request holding one process, or a `get_proc_template`
//! / `list_proc_template` response holding one template.

use cc_model::ProcessTemplateSpec;
use serde_json::Value;
use std::fmt;

/// Why a file does not hold exactly one usable process template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError(String);

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TemplateError {}

/// The process template a payload holds, with the JSON pointer it was read at.
pub fn load_template(value: &Value) -> Result<(ProcessTemplateSpec, String), TemplateError> {
    let (spec, pointer) = locate(value)?;
    serde_json::from_value(spec.clone())
        .map(|spec| (spec, pointer.clone()))
        .map_err(|error| {
            TemplateError(format!(
                "the template at `{pointer}` is not a valid process template spec: {error}"
            ))
        })
}

fn one<'v>(items: &'v [Value], plural: &str) -> Result<&'v Value, TemplateError> {
    match items {
        [only] => Ok(only),
        [] => Err(TemplateError(format!(
            "the file holds no {plural}; give a file with one template"
        ))),
        _ => Err(TemplateError(format!(
            "the file holds {} {plural}; give a file with one template",
            items.len()
        ))),
    }
}

fn locate(value: &Value) -> Result<(&Value, String), TemplateError> {
    // A response: get_proc_template's `data` is the template object,
    // list_proc_template's `data.info` a page of them.
    if let Some(data) = value.get("data").filter(|_| value.get("result").is_some()) {
        if let Some(property) = data.get("property") {
            return Ok((property, "/data/property".to_owned()));
        }
        if let Some(info) = data.get("info").and_then(Value::as_array) {
            let item = one(info, "templates")?;
            let index = info
                .iter()
                .position(|candidate| std::ptr::eq(candidate, item))
                .unwrap_or(0);
            return item
                .get("property")
                .map(|property| (property, format!("/data/info/{index}/property")))
                .ok_or_else(|| TemplateError("the listed template has no `property`".to_owned()));
        }
        return Err(TemplateError(
            "the response's `data` holds no process template (`property`)".to_owned(),
        ));
    }
    // A batch_create_proc_template request.
    if let Some(processes) = value.get("processes").and_then(Value::as_array) {
        let item = one(processes, "processes")?;
        return item
            .get("spec")
            .map(|spec| (spec, "/processes/0/spec".to_owned()))
            .ok_or_else(|| TemplateError("the process has no `spec`".to_owned()));
    }
    // A bare spec.
    if value.get("bk_process_name").is_some() || value.get("bk_func_name").is_some() {
        return Ok((value, String::new()));
    }
    Err(TemplateError(
        "not a process template: expected a template spec, a batch_create_proc_template \
         request with one process, or a get_proc_template response"
            .to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec() -> Value {
        json!({"bk_process_name": {"value": "p1", "as_default_value": true},
               "bk_func_name": {"value": "p1", "as_default_value": true}})
    }

    #[test]
    fn reads_every_shape() {
        let shapes = [
            (spec(), ""),
            (
                json!({"bk_biz_id": 1, "processes": [{"spec": spec()}]}),
                "/processes/0/spec",
            ),
            (
                json!({"result": true, "code": 0, "data": {"id": 1, "property": spec()}}),
                "/data/property",
            ),
            (
                json!({"result": true, "code": 0, "data": {"count": 1, "info": [{"property": spec()}]}}),
                "/data/info/0/property",
            ),
        ];
        for (value, pointer) in shapes {
            let (template, at) = load_template(&value).expect("a template");
            assert_eq!(at, pointer);
            assert_eq!(template.bk_process_name.value.as_deref(), Some("p1"));
        }
    }

    #[test]
    fn rejects_what_is_not_one_template() {
        let two = json!({"processes": [{"spec": spec()}, {"spec": spec()}]});
        assert_eq!(
            load_template(&two).expect_err("two").to_string(),
            "the file holds 2 processes; give a file with one template"
        );
        assert!(load_template(&json!({"x": 1})).is_err());
        assert!(load_template(&json!({"bk_process_name": {"value": 5}})).is_err());
    }
}
