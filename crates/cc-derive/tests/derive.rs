//! `#[derive(ProcessTemplate)]` used for real: the generated template type's JSON,
//! its `FIELDS` metadata and its JSON Schema, on small structs defined here and on
//! `cc_model::Process` itself.

// Tests fail by panicking; an unwrap on a fixture is the clearest way to say so.
#![allow(clippy::unwrap_used)]

use cc_model::schema::{for_endpoint, settings};
use cc_model::{Endpoint, FieldInfo, FieldKind, Patch, PayloadKind, Process, ProcessTemplate};
use cc_model::{ProcessTemplateSpec, Property};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A string-code enum, as the API writes its code tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
enum Kind {
    #[serde(rename = "1")]
    Local,
    #[serde(rename = "2")]
    Any,
}

/// A `Kind` in a template stands for an address on an instance.
impl cc_model::template::Resolve<String> for Kind {
    fn resolve(
        &self,
        _: Option<&cc_model::Host>,
        _: &str,
    ) -> Result<Option<String>, cc_model::InstantiateError> {
        Ok(Some(
            match self {
                Self::Local => "127.0.0.1",
                Self::Any => "0.0.0.0",
            }
            .to_owned(),
        ))
    }
}

/// A row of `Worker::ports`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema, ProcessTemplate)]
#[serde(default)]
struct PortRow {
    #[cc(template_type = "Kind")]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    addr: Patch<String>,
    #[cc(plain, rename = "row_id")]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    row: Patch<i64>,
}

/// The plain struct most tests derive from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema, ProcessTemplate)]
#[serde(default)]
struct Worker {
    /// The worker's name.
    #[cc(required, always_locked)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    name: Patch<String>,
    #[schemars(range(min = 1, max = 10))]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    copies: Patch<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[cc(skip)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    id: Patch<i64>,
    #[cc(legacy)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    old: Patch<String>,
    #[cc(nested)]
    #[serde(skip_serializing_if = "Patch::is_absent")]
    ports: Patch<Vec<PortRow>>,
}

/// The root schema of `T`, generated the way the project generates all schemas.
fn schema_of<T: JsonSchema>() -> Value {
    settings()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

fn full_template() -> WorkerTemplate {
    WorkerTemplate {
        name: Property::new(Some("web".to_owned()), true),
        copies: Some(Property::new(Some(3), false)),
        enabled: Some(Property::default()),
        old: None,
        ports: Some(Property::new(
            Some(vec![
                PortRowTemplate {
                    addr: Some(Property::new(Some(Kind::Any), true)),
                    row_id: Patch::Set(7),
                },
                PortRowTemplate {
                    addr: Some(Property::new(Some(Kind::Local), false)),
                    row_id: Patch::Null,
                },
            ]),
            false,
        )),
    }
}

// ---- JSON of the generated template -------------------------------------------

#[test]
fn template_serialises_to_exact_json_and_back() {
    let template = full_template();
    let written = serde_json::to_value(&template).unwrap();
    assert_eq!(
        written,
        json!({
            "name": {"value": "web", "as_default_value": true},
            "copies": {"value": 3, "as_default_value": false},
            // Both members are written even when null.
            "enabled": {"value": null, "as_default_value": null},
            // `old` is None: not written. `id` is skipped: not a template field.
            "ports": {
                "value": [
                    {"addr": {"value": "2", "as_default_value": true}, "row_id": 7},
                    // A plain Patch field keeps an explicit null.
                    {"addr": {"value": "1", "as_default_value": false}, "row_id": null},
                ],
                "as_default_value": false,
            },
        })
    );
    let back: WorkerTemplate = serde_json::from_value(written).unwrap();
    assert_eq!(back, template);
}

#[test]
fn absent_optional_template_fields_are_not_written() {
    let template = WorkerTemplate {
        name: Property::new(None, false),
        ..WorkerTemplate::default()
    };
    assert_eq!(
        serde_json::to_string(&template).unwrap(),
        r#"{"name":{"value":null,"as_default_value":false}}"#
    );
    let row = PortRowTemplate::default();
    assert_eq!(serde_json::to_string(&row).unwrap(), "{}");
}

#[test]
fn plain_row_id_keeps_absent_and_null_apart() {
    let absent: PortRowTemplate = serde_json::from_str("{}").unwrap();
    let null: PortRowTemplate = serde_json::from_str(r#"{"row_id": null}"#).unwrap();
    let set: PortRowTemplate = serde_json::from_str(r#"{"row_id": 4}"#).unwrap();
    assert_eq!(absent.row_id, Patch::Absent);
    assert_eq!(null.row_id, Patch::Null);
    assert_eq!(set.row_id, Patch::Set(4));
    assert_eq!(absent.addr, None);
}

#[test]
fn required_template_field_must_be_present() {
    let error = serde_json::from_value::<WorkerTemplate>(json!({
        "copies": {"value": 2, "as_default_value": true},
    }))
    .unwrap_err();
    assert!(
        error.to_string().contains("missing field `name`"),
        "unexpected error: {error}"
    );

    let minimal: WorkerTemplate = serde_json::from_value(json!({"name": {"value": "w"}})).unwrap();
    assert_eq!(minimal.name.value.as_deref(), Some("w"));
    assert_eq!(minimal.name.as_default_value, None);
    assert!(!minimal.name.is_locked());
    assert_eq!(minimal.copies, None);
    assert_eq!(minimal.ports, None);
}

#[test]
fn template_value_takes_the_template_type() {
    // `addr` is a String on the plain row and a `Kind` code in the template.
    let row: PortRowTemplate =
        serde_json::from_value(json!({"addr": {"value": "1", "as_default_value": true}})).unwrap();
    assert_eq!(row.addr, Some(Property::new(Some(Kind::Local), true)));
    assert!(
        serde_json::from_value::<PortRowTemplate>(json!({"addr": {"value": "10.0.0.1"}})).is_err()
    );
}

// ---- FIELDS metadata -------------------------------------------------------

const fn info(
    name: &'static str,
    template_name: Option<&'static str>,
    kind: FieldKind,
    flags: [bool; 3],
) -> FieldInfo {
    let [required, always_locked, legacy] = flags;
    FieldInfo {
        name,
        template_name,
        kind,
        required,
        always_locked,
        legacy,
        update_ignored: false,
    }
}

#[test]
fn fields_describe_every_field_in_declaration_order() {
    const NONE: [bool; 3] = [false; 3];
    assert_eq!(
        Worker::FIELDS,
        [
            info(
                "name",
                Some("name"),
                FieldKind::Wrapped,
                [true, true, false]
            ),
            info("copies", Some("copies"), FieldKind::Wrapped, NONE),
            info("enabled", Some("enabled"), FieldKind::Wrapped, NONE),
            info("id", None, FieldKind::Skipped, NONE),
            info("old", Some("old"), FieldKind::Wrapped, [false, false, true]),
            info("ports", Some("ports"), FieldKind::Nested, NONE),
        ]
    );
    assert_eq!(
        PortRow::FIELDS,
        [
            info("addr", Some("addr"), FieldKind::Wrapped, NONE),
            info("row", Some("row_id"), FieldKind::Plain, NONE),
        ]
    );
}

#[test]
fn field_lookups_use_plain_and_template_keys() {
    assert_eq!(PortRow::field("row").unwrap().template_name, Some("row_id"));
    assert_eq!(PortRow::template_field("row_id").unwrap().name, "row");
    assert!(PortRow::field("row_id").is_none());
    assert!(PortRow::template_field("row").is_none());
    assert_eq!(Worker::field("id").unwrap().kind, FieldKind::Skipped);
    assert!(Worker::template_field("id").is_none());
}

// ---- JSON Schema -----------------------------------------------------------

/// The `{value, as_default_value}` object of a template property: an optional
/// wrapper may also be `null` (the server reads `null` as absent), so its
/// schema is `anyOf: [wrapper, null]`.
fn wrapper(property: &serde_json::Value) -> &serde_json::Value {
    property
        .get("anyOf")
        .and_then(|branches| branches.get(0))
        .unwrap_or(property)
}

#[test]
fn limits_on_the_plain_field_appear_in_both_schemas() {
    let plain = schema_of::<Worker>();
    let template = schema_of::<WorkerTemplate>();
    let plain_copies = &plain["properties"]["copies"];
    let template_copies = &wrapper(&template["properties"]["copies"])["properties"]["value"];
    for copies in [plain_copies, template_copies] {
        assert_eq!(copies["minimum"], 1, "{copies}");
        assert_eq!(copies["maximum"], 10, "{copies}");
        assert_eq!(copies["type"], json!(["integer", "null"]), "{copies}");
    }
    // The limit belongs to `copies` only.
    let enabled = &wrapper(&template["properties"]["enabled"])["properties"]["value"];
    assert_eq!(enabled, &json!({"type": ["boolean", "null"]}));
}

#[test]
fn required_field_has_a_non_null_required_value() {
    let template = schema_of::<WorkerTemplate>();
    assert_eq!(template["required"], json!(["name"]));
    let name = &template["properties"]["name"];
    assert_eq!(name["required"], json!(["value"]));
    assert_eq!(name["properties"]["value"]["type"], "string");
    assert_eq!(
        name["properties"]["value"]["description"],
        "The worker's name."
    );
    assert_eq!(
        name["properties"]["as_default_value"]["type"],
        json!(["boolean", "null"])
    );
    // The plain field itself stays nullable and optional.
    let plain = schema_of::<Worker>();
    assert_eq!(
        plain["properties"]["name"]["type"],
        json!(["string", "null"])
    );
    assert!(plain.get("required").is_none());
    // An optional template field has no `required` of its own.
    assert!(template["properties"]["copies"].get("required").is_none());
}

#[test]
fn template_schema_keeps_only_template_fields_and_is_closed() {
    let template = schema_of::<WorkerTemplate>();
    let properties = template["properties"].as_object().unwrap();
    let mut keys: Vec<&str> = properties.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["copies", "enabled", "name", "old", "ports"]);
    assert!(schema_of::<Worker>()["properties"].get("id").is_some());

    assert_eq!(template["additionalProperties"], false);
    for (key, property) in properties {
        // A legacy field takes any value (the server drops it).
        if key == "old" {
            assert!(property.get("type").is_none(), "{property}");
            continue;
        }
        let property = wrapper(property);
        assert_eq!(property["type"], "object", "{key}");
        assert_eq!(property["additionalProperties"], false, "{key}");
    }
    let row = &template["$defs"]["PortRowTemplate"];
    assert_eq!(row["additionalProperties"], false);
    assert_eq!(
        wrapper(&row["properties"]["addr"])["additionalProperties"],
        false
    );
}

#[test]
fn nested_rows_use_their_own_template() {
    let template = schema_of::<WorkerTemplate>();
    let ports = &wrapper(&template["properties"]["ports"])["properties"]["value"];
    assert_eq!(ports["type"], json!(["array", "null"]));
    assert_eq!(ports["items"], json!({"$ref": "#/$defs/PortRowTemplate"}));

    let row = &template["$defs"]["PortRowTemplate"]["properties"];
    // `row_id` is copied as it is: a nullable integer, not a {value, ...} object.
    assert_eq!(
        row["row_id"],
        json!({"type": ["integer", "null"], "format": "int64"})
    );
    assert!(row.get("row").is_none());
    // `addr` takes the template type's schema, not the plain String's.
    assert_eq!(
        wrapper(&row["addr"])["properties"]["value"],
        json!({"anyOf": [{"$ref": "#/$defs/Kind"}, {"type": "null"}]})
    );
    let kind = &template["$defs"]["Kind"];
    assert_eq!(kind["type"], "string");
    assert_eq!(kind["enum"], json!(["1", "2"]));
}

// ---- Container attributes ----------------------------------------------------

#[derive(Serialize, Deserialize, JsonSchema, ProcessTemplate)]
#[cc(template = "JobSpec")]
struct Job {
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    retries: Patch<i64>,
}

#[test]
fn template_attribute_names_the_generated_type() {
    // Compiles only if `JobSpec` is `Job`'s template type.
    let spec: <Job as ProcessTemplate>::Template = JobSpec {
        retries: Some(Property::new(Some(2), true)),
    };
    assert_eq!(
        serde_json::to_value(&spec).unwrap(),
        json!({"retries": {"value": 2, "as_default_value": true}})
    );
    assert_eq!(schema_of::<JobSpec>()["title"], "JobSpec");
    assert_eq!(Job::FIELDS[0].name, "retries");
}

mod reexport {
    pub(crate) use cc_model as m;
}

#[derive(Serialize, Deserialize, JsonSchema, cc_model::ProcessTemplate)]
#[cc(crate = "crate::reexport::m")]
struct Routed {
    #[cc(plain)]
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    tag: Patch<String>,
    #[schemars(range(max = 5))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<i64>,
}

#[test]
fn crate_attribute_reaches_cc_model_through_another_path() {
    let template = RoutedTemplate {
        tag: Patch::Set("a".to_owned()),
        count: Some(Property::new(Some(4), false)),
    };
    assert_eq!(
        serde_json::to_value(&template).unwrap(),
        json!({"tag": "a", "count": {"value": 4, "as_default_value": false}})
    );
    assert_eq!(
        serde_json::to_value(RoutedTemplate::default()).unwrap(),
        json!({})
    );
    let schema = schema_of::<RoutedTemplate>();
    assert_eq!(
        wrapper(&schema["properties"]["count"])["properties"]["value"]["maximum"],
        5
    );
    assert_eq!(Routed::FIELDS[0].kind, FieldKind::Plain);
}

/// A stand-in for cc-model whose `ProcessTemplate` is a different trait: only a
/// derive that really uses the `crate` path can implement it.
mod shim {
    pub(crate) use cc_model::{
        __private, Dropped, FieldChange, FieldInfo, FieldKind, Host, InstantiateError, LockedField,
        Patch, Property, ResetRow, RowChange, Template, schema, template,
    };

    pub(crate) trait ProcessTemplate {
        type Template;
        const FIELDS: &'static [FieldInfo];
        fn field_index(name: &str) -> Option<usize>;
        fn template_field_index(name: &str) -> Option<usize>;
    }
}

#[derive(Serialize, Deserialize, JsonSchema, cc_model::ProcessTemplate)]
#[cc(crate = "crate::shim")]
struct Shimmed {
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    size: Patch<i64>,
    #[cc(plain)]
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    label: Patch<String>,
}

#[test]
fn crate_attribute_is_used_for_every_generated_path() {
    let template: <Shimmed as shim::ProcessTemplate>::Template = ShimmedTemplate {
        size: Some(shim::Property::new(Some(1), true)),
        label: shim::Patch::Absent,
    };
    // `label` is skipped through `crate::shim::Patch::is_absent`.
    assert_eq!(
        serde_json::to_value(&template).unwrap(),
        json!({"size": {"value": 1, "as_default_value": true}})
    );
    let fields = <Shimmed as shim::ProcessTemplate>::FIELDS;
    assert_eq!(fields.len(), 2);
    assert_eq!(fields[0].name, "size");
    assert_eq!(fields[0].kind, shim::FieldKind::Wrapped);
    assert_eq!(fields[1].kind, shim::FieldKind::Plain);
    assert_eq!(
        <Shimmed as shim::ProcessTemplate>::field_index("label"),
        Some(1)
    );
    assert_eq!(
        <Shimmed as shim::ProcessTemplate>::template_field_index("size"),
        Some(0)
    );
}

// ---- cc_model::Process -------------------------------------------------------

fn names_where(fields: &[FieldInfo], pick: impl Fn(&FieldInfo) -> bool) -> Vec<&'static str> {
    fields
        .iter()
        .filter(|field| pick(field))
        .map(|field| field.name)
        .collect()
}

#[test]
fn process_fields_carry_the_server_rules() {
    let fields = Process::FIELDS;
    assert_eq!(
        names_where(fields, |field| field.required),
        ["bk_process_name", "bk_func_name"]
    );
    assert_eq!(
        names_where(fields, |field| field.always_locked),
        ["bk_process_name", "bk_func_name"]
    );
    assert_eq!(
        names_where(fields, |field| field.legacy),
        ["auto_time_gap", "bk_func_id", "process_template_id"]
    );
    assert_eq!(
        names_where(fields, |field| field.update_ignored),
        ["bk_func_name"]
    );
    let process_id = Process::field("bk_process_id").unwrap();
    assert_eq!(process_id.kind, FieldKind::Skipped);
    assert_eq!(process_id.template_name, None);
    assert_eq!(Process::field("bind_info").unwrap().kind, FieldKind::Nested);
    assert_eq!(
        cc_model::BindInfo::template_field("row_id").unwrap().name,
        "template_row_id"
    );
    // The declared template type.
    let _: <Process as ProcessTemplate>::Template = ProcessTemplateSpec::default();
}

#[test]
fn proc_num_limits_are_written_once_and_appear_in_both_endpoints() {
    let create = for_endpoint(Endpoint::BatchCreateProcTemplate, PayloadKind::Request).to_value();
    let spec = &create["$defs"]["ProcessTemplateSpec"];
    let template_proc_num = &wrapper(&spec["properties"]["proc_num"])["properties"]["value"];
    assert_eq!(spec["required"], json!(["bk_process_name", "bk_func_name"]));

    let update = for_endpoint(Endpoint::UpdateProcessInstance, PayloadKind::Request).to_value();
    let instance_proc_num = &update["$defs"]["Process"]["properties"]["proc_num"];

    for proc_num in [template_proc_num, instance_proc_num] {
        assert_eq!(proc_num["minimum"], 1, "{proc_num}");
        assert_eq!(proc_num["maximum"], 10000, "{proc_num}");
    }
    // Instance-only fields stay out of the template.
    assert!(spec["properties"].get("bk_process_id").is_none());
    assert!(
        update["$defs"]["Process"]["properties"]
            .get("bk_process_id")
            .is_some()
    );
}

#[test]
fn field_lookup_by_name_agrees_with_the_field_list() {
    use cc_model::{BindInfo, Process, ProcessTemplate};
    fn check<P: ProcessTemplate>() {
        for (index, info) in P::FIELDS.iter().enumerate() {
            assert_eq!(P::field_index(info.name), Some(index), "{}", info.name);
            assert_eq!(P::field(info.name), Some(info), "{}", info.name);
            if let Some(key) = info.template_name {
                assert_eq!(P::template_field_index(key), Some(index), "{key}");
                assert_eq!(P::template_field(key), Some(info), "{key}");
            }
        }
        for missing in ["no_such_field", "", "value"] {
            assert!(P::field(missing).is_none() && P::template_field(missing).is_none());
        }
    }
    check::<Process>();
    check::<BindInfo>();
    assert!(Process::FIELDS.len() > 20 && BindInfo::FIELDS.len() >= 5);
}
