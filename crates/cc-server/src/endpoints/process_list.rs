//! `list_process_instance`: every process of a service instance with its
//! relation, answered from the stored JSON text.

use super::Call;
use crate::http::ApiError;
use crate::http::envelope::Data;
use crate::store::processes::{self, Relation};
use crate::store::service_instances;
use cc_model::endpoints::ListProcessInstanceRequest;
use rusqlite::Transaction;
#[cfg(test)]
use serde_json::Value;

/// `list_process_instance`: every process of a service instance, with its
/// relation. Answered from the stored JSON text, spliced next to the relation
/// columns: the bytes [`with_relation`] of each parsed process would give,
/// without parsing, converting or serialising any process.
pub(super) fn list(tx: &Transaction<'_>, call: &Call) -> Result<Data, ApiError> {
    let request: ListProcessInstanceRequest = call.parse()?;
    let instance = service_instances::get(tx, request.service_instance_id)?
        .filter(|instance| instance.bk_biz_id == request.bk_biz_id)
        .ok_or_else(|| ApiError::invalid("service_instance_id"))?;
    let mut listed = String::with_capacity(4096);
    listed.push('[');
    processes::each_of_service_instance(tx, instance.id, |relation, body| {
        if listed.len() > 1 {
            listed.push(',');
        }
        listed_process(&mut listed, relation, body);
    })?;
    listed.push(']');
    Ok(Data::Json(listed))
}

/// Appends a process as `list_process_instance` returns it: its stored JSON
/// text as `property`, its columns as `relation`, keys in the order of
/// [`with_relation`].
fn listed_process(out: &mut String, relation: Relation, body: &str) {
    let Relation {
        bk_process_id,
        bk_biz_id,
        service_instance_id,
        process_template_id,
        bk_host_id,
    } = relation;
    let mut number = itoa::Buffer::new();
    out.push_str(r#"{"property":"#);
    out.push_str(body);
    for (key, value) in [
        (r#","relation":{"bk_biz_id":"#, bk_biz_id),
        (r#","bk_process_id":"#, bk_process_id),
        (r#","service_instance_id":"#, service_instance_id),
        (r#","process_template_id":"#, process_template_id),
        (r#","bk_host_id":"#, bk_host_id),
    ] {
        out.push_str(key);
        out.push_str(number.format(value));
    }
    out.push_str(r#","bk_supplier_account":"0"}}"#);
}

/// A process as `list_process_instance` returns it, as a value: what
/// [`listed_process`] writes the text of (its tests compare the two).
#[cfg(test)]
fn with_relation(stored: &crate::store::processes::StoredProcess) -> Value {
    serde_json::json!({
        "property": stored.process,
        "relation": {
            "bk_biz_id": stored.bk_biz_id,
            "bk_process_id": stored.bk_process_id,
            "service_instance_id": stored.service_instance_id,
            "process_template_id": stored.process_template_id,
            "bk_host_id": stored.bk_host_id,
            "bk_supplier_account": "0"
        }
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // Tests fail loudly by design.

    use super::*;
    use crate::store::{Location, Store};
    use cc_model::{Patch, Process};
    use proptest::prelude::*;
    use serde_json::{Map, json};

    /// Any JSON value (the legacy fields hold any).
    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            any::<String>().prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..4)
                    .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
            ]
        })
    }

    /// `set` or null, or the key left out.
    fn member(
        key: &'static str,
        set: impl Strategy<Value = Value> + 'static,
    ) -> impl Strategy<Value = Option<(&'static str, Value)>> {
        prop_oneof![
            Just(None),
            Just(Some((key, Value::Null))),
            set.prop_map(move |value| Some((key, value))),
        ]
    }

    /// A text: any, or one of those that JSON escapes or writes as they are.
    fn text() -> impl Strategy<Value = Value> {
        prop_oneof![
            any::<String>(),
            Just(" quote \" backslash \\ slash / tab \t nul \0 del \u{7f} ".to_owned()),
            Just("进程 ü \u{1F600} \u{2028}\u{2029} \u{FEFF}".to_owned()),
        ]
        .prop_map(Value::from)
    }

    /// A bind row.
    fn bind_row() -> impl Strategy<Value = Value> {
        (
            member("ip", text()),
            member("port", text()),
            member(
                "protocol",
                prop::sample::select(vec!["1", "2", "3", "4"]).prop_map(Value::from),
            ),
            member("enable", any::<bool>().prop_map(Value::from)),
            member("template_row_id", any::<i64>().prop_map(Value::from)),
        )
            .prop_map(|(a, b, c, d, e)| {
                Value::Object(
                    [a, b, c, d, e]
                        .into_iter()
                        .flatten()
                        .map(|(key, value)| (key.to_owned(), value))
                        .collect(),
                )
            })
    }

    /// A process: every kind of field absent, null or set, names aside.
    fn process() -> impl Strategy<Value = Process> {
        let texts = prop::collection::vec(member("", text()), 12);
        let numbers = prop::collection::vec(member("", any::<i64>().prop_map(Value::from)), 4);
        let legacy = prop::collection::vec(member("", value()), 3);
        (
            texts,
            numbers,
            legacy,
            member("auto_start", any::<bool>().prop_map(Value::from)),
            member(
                "bind_info",
                prop::collection::vec(bind_row(), 0..4).prop_map(Value::Array),
            ),
        )
            .prop_map(|(texts, numbers, legacy, auto_start, bind_info)| {
                let names = [
                    "bk_start_param_regex",
                    "start_cmd",
                    "stop_cmd",
                    "restart_cmd",
                    "reload_cmd",
                    "face_stop_cmd",
                    "pid_file",
                    "work_path",
                    "user",
                    "description",
                    "bk_supplier_account",
                    "create_time",
                ]
                .into_iter()
                .zip(texts);
                let numbers = ["proc_num", "priority", "timeout", "bk_start_check_secs"]
                    .into_iter()
                    .zip(numbers);
                let legacy = ["auto_time_gap", "bk_func_id", "process_template_id"]
                    .into_iter()
                    .zip(legacy);
                let mut object = Map::new();
                for (key, member) in names.chain(numbers).chain(legacy) {
                    if let Some((_, value)) = member {
                        object.insert(key.to_owned(), value);
                    }
                }
                for (key, value) in [auto_start, bind_info].into_iter().flatten() {
                    object.insert(key.to_owned(), value);
                }
                serde_json::from_value(Value::Object(object)).unwrap()
            })
    }

    /// A store with business 1, host 2, module 3 and service instance 1.
    fn store() -> Store {
        let store = Store::open(Location::Memory).unwrap();
        store
            .write(|tx| {
                tx.execute_batch(
                    "INSERT INTO businesses (bk_biz_id, bk_biz_name) VALUES (1, 'b');
                     INSERT INTO hosts VALUES (2, 1, '10.0.0.2', '', '', '');
                     INSERT INTO modules VALUES (3, 1, 'm', 0);
                     INSERT INTO service_instances (bk_biz_id, name, bk_module_id, bk_host_id,
                         service_template_id, creator, modifier, create_time, last_time)
                         VALUES (1, 's', 3, 2, 0, 'u', 'u', '', '');",
                )
            })
            .unwrap();
        store
    }

    /// The list as the fast path writes it and as the values of the parsed
    /// processes serialise.
    fn both(store: &Store) -> (String, String) {
        store
            .read(|tx| {
                let mut listed = String::from("[");
                processes::each_of_service_instance(tx, 1, |relation, body| {
                    if listed.len() > 1 {
                        listed.push(',');
                    }
                    listed_process(&mut listed, relation, body);
                })?;
                listed.push(']');
                let values: Vec<Value> = processes::of_service_instance(tx, 1)?
                    .iter()
                    .map(with_relation)
                    .collect();
                Ok::<_, ApiError>((listed, serde_json::to_string(&values).unwrap()))
            })
            .unwrap()
    }

    fn named(mut process: Process, index: usize) -> Process {
        process.bk_process_name = Patch::Set(format!("p{index}"));
        process.bk_func_name = Patch::Set(format!("f{index}"));
        process
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Stored processes (created, some then replaced) are listed as the
        /// bytes the struct → value → text path gives.
        #[test]
        fn the_listed_text_is_what_the_parsed_values_serialise_to(
            created in prop::collection::vec(process(), 0..5),
            replaced in prop::collection::vec(process(), 0..3),
        ) {
            let store = store();
            for (index, process) in created.into_iter().enumerate() {
                let template = if index % 2 == 0 { 0 } else { 7 };
                store.write(|tx| processes::insert(tx, named(process, index), 1, 1, template, 2)).unwrap();
            }
            let stored = store.read(|tx| processes::of_service_instance(tx, 1)).unwrap();
            for ((index, process), old) in replaced.into_iter().enumerate().zip(&stored) {
                store.write(|tx| processes::update(tx, old, named(process, index))).unwrap();
            }
            let (fast, values) = both(&store);
            prop_assert_eq!(&fast, &values);
            let parsed: Value = serde_json::from_str(&fast).unwrap();
            prop_assert_eq!(parsed.as_array().map(Vec::len), Some(stored.len()));
        }
    }

    #[test]
    fn a_listed_process_holds_its_property_then_its_relation() {
        let store = store();
        let process: Process = serde_json::from_value(json!({
            "bk_process_name": "名字", "bk_func_name": "f", "description": null,
            "bind_info": [{"ip": "127.0.0.1", "port": "80", "protocol": "1", "enable": true, "template_row_id": 1}]
        }))
        .unwrap();
        let id = store
            .write(|tx| processes::insert(tx, process, 1, 1, 9, 2))
            .unwrap();
        let (fast, values) = both(&store);
        assert_eq!(fast, values);
        let listed: Value = serde_json::from_str(&fast).unwrap();
        let entry = listed[0].as_object().unwrap();
        assert_eq!(entry.keys().collect::<Vec<_>>(), ["property", "relation"]);
        assert_eq!(
            listed[0]["relation"],
            json!({"bk_biz_id": 1, "bk_process_id": id, "service_instance_id": 1,
                "process_template_id": 9, "bk_host_id": 2, "bk_supplier_account": "0"})
        );
        assert_eq!(listed[0]["property"]["bk_process_name"], "名字");
        assert_eq!(listed[0]["property"]["description"], Value::Null);
        assert_eq!(listed[0]["property"]["bind_info"][0]["port"], "80");
    }

    #[test]
    fn a_stored_text_that_is_no_object_is_refused() {
        let store = store();
        let process: Process =
            serde_json::from_value(json!({"bk_process_name": "p", "bk_func_name": "f"})).unwrap();
        store
            .write(|tx| processes::insert(tx, process, 1, 1, 0, 2))
            .unwrap();
        store
            .write(|tx| tx.execute("UPDATE processes SET body = '[]'", []))
            .unwrap();
        let refused = store.read(|tx| processes::each_of_service_instance(tx, 1, |_, _| {}));
        assert!(matches!(refused, Err(ApiError::Internal(_))), "{refused:?}");
    }
}
