//! Template behaviour of bind rows: instantiation on a host (semantics sections 3
//! and 5), edit previews that rebuild `bind_info` from the template (section 6)
//! and syncs matched by row id (section 7).

// Tests fail by panicking; an unwrap on a fixture is the clearest way to say so.
#![allow(clippy::unwrap_used)]

use cc_model::{
    BindInfo, BindType, DropReason, Dropped, FieldChange, Host, InstantiateError, LockedField,
    Patch, Process, ProcessTemplateSpec, Protocol, ResetRow, RowChange, Template,
};
use serde_json::{Value, json};

/// Row 1: ip `"1"` and protocol locked, port and enable free. Row 2: port and
/// enable locked, ip and protocol free.
fn rows_template() -> Value {
    json!({
        "bk_process_name": {"value": "p1", "as_default_value": true},
        "bk_func_name": {"value": "p1", "as_default_value": true},
        "bind_info": {"as_default_value": false, "value": [
            {
                "row_id": 1,
                "ip": {"value": "1", "as_default_value": true},
                "port": {"value": "8080", "as_default_value": false},
                "protocol": {"value": "1", "as_default_value": true},
                "enable": {"value": true, "as_default_value": false}
            },
            {
                "row_id": 2,
                "ip": {"value": "2", "as_default_value": false},
                "port": {"value": "9000", "as_default_value": true},
                "protocol": {"value": "2", "as_default_value": false},
                "enable": {"value": false, "as_default_value": true}
            }
        ]}
    })
}

fn spec(template: Value) -> ProcessTemplateSpec {
    serde_json::from_value(template).unwrap()
}

/// Row 1 as the template creates it.
fn row1() -> Value {
    json!({"ip": "127.0.0.1", "port": "8080", "protocol": "1", "enable": true, "template_row_id": 1})
}

/// Row 2 as the template creates it.
fn row2() -> Value {
    json!({"ip": "0.0.0.0", "port": "9000", "protocol": "2", "enable": false, "template_row_id": 2})
}

/// An `update_process_instance` entry of process 43 with these bind rows (`None`:
/// no `bind_info` key).
fn edit(rows: Option<Value>) -> Process {
    let mut edit = json!({"bk_process_id": 43});
    if let Some(rows) = rows {
        edit["bind_info"] = rows;
    }
    serde_json::from_value(edit).unwrap()
}

/// The `bind_info` the preview stores.
fn stored_rows(stored: &Process) -> Value {
    serde_json::to_value(&stored.bind_info).unwrap()
}

fn dropped(field: &'static str, row_id: Option<i64>, pointer: &str, reason: DropReason) -> Dropped {
    Dropped {
        field,
        row_id,
        pointer: pointer.to_owned(),
        reason,
    }
}

fn reset(row_id: i64, index: usize) -> ResetRow {
    ResetRow {
        row_id: Some(row_id),
        template_pointer: format!("/bind_info/value/{index}"),
    }
}

#[test]
fn matched_rows_keep_free_attributes_and_equal_locked_ones() {
    let template = spec(rows_template());
    let edit = edit(Some(json!([
        {"template_row_id": 1, "ip": "127.0.0.1", "port": "8081", "protocol": "1", "enable": false},
        {"template_row_id": 2, "ip": "10.0.0.5", "port": "9000", "protocol": "1", "enable": false}
    ])));

    let preview = template.preview(&edit, None).unwrap();

    assert_eq!(
        stored_rows(&preview.stored),
        json!([
            {"ip": "127.0.0.1", "port": "8081", "protocol": "1", "enable": false, "template_row_id": 1},
            {"ip": "10.0.0.5", "port": "9000", "protocol": "1", "enable": false, "template_row_id": 2}
        ])
    );
    assert_eq!(preview.dropped, Vec::new());
    assert_eq!(preview.reset_rows, Vec::new());
}

#[test]
fn locked_row_attributes_take_the_template_value() {
    let template = spec(rows_template());
    let edit = edit(Some(json!([
        {"template_row_id": 1, "ip": "10.0.0.9", "port": "8081", "protocol": "2", "enable": false},
        {"template_row_id": 2, "ip": "10.0.0.5", "port": "9001", "protocol": "2", "enable": true}
    ])));

    let preview = template.preview(&edit, None).unwrap();

    assert_eq!(
        stored_rows(&preview.stored),
        json!([
            {"ip": "127.0.0.1", "port": "8081", "protocol": "1", "enable": false, "template_row_id": 1},
            {"ip": "10.0.0.5", "port": "9000", "protocol": "2", "enable": false, "template_row_id": 2}
        ])
    );
    assert_eq!(
        preview.dropped,
        vec![
            dropped("ip", Some(1), "/bind_info/0/ip", DropReason::TemplateValue),
            dropped(
                "protocol",
                Some(1),
                "/bind_info/0/protocol",
                DropReason::TemplateValue
            ),
            dropped(
                "port",
                Some(2),
                "/bind_info/1/port",
                DropReason::TemplateValue
            ),
            dropped(
                "enable",
                Some(2),
                "/bind_info/1/enable",
                DropReason::TemplateValue
            ),
        ]
    );
    assert_eq!(preview.reset_rows, Vec::new());
}

#[test]
fn locked_and_free_port_table() {
    // (edit port, stored port of row 1 (free), stored port of row 2 (locked
    // "9000"), row 2's port dropped?)
    type Case = (
        Option<Value>,
        Patch<&'static str>,
        Patch<&'static str>,
        bool,
    );
    let table: [Case; 4] = [
        (None, Patch::Absent, Patch::Set("9000"), false),
        (Some(Value::Null), Patch::Null, Patch::Set("9000"), true),
        (
            Some(json!("9000")),
            Patch::Set("9000"),
            Patch::Set("9000"),
            false,
        ),
        (
            Some(json!("7000")),
            Patch::Set("7000"),
            Patch::Set("9000"),
            true,
        ),
    ];
    let template = spec(rows_template());
    for (port, free, locked, is_dropped) in table {
        let context = format!("edit port {port:?}");
        let mut rows = json!([{"template_row_id": 1}, {"template_row_id": 2}]);
        if let Some(port) = port {
            rows[0]["port"] = port.clone();
            rows[1]["port"] = port;
        }

        let preview = template.preview(&edit(Some(rows)), None).unwrap();

        let stored = preview.stored.bind_info.value().unwrap();
        assert_eq!(
            stored[0].port.as_ref().map(String::as_str),
            free,
            "{context}"
        );
        assert_eq!(
            stored[1].port.as_ref().map(String::as_str),
            locked,
            "{context}"
        );
        // Row 1's locked ip and protocol come from the template, unasked.
        assert_eq!(
            stored[0].ip,
            Patch::Set("127.0.0.1".to_owned()),
            "{context}"
        );
        assert_eq!(stored[0].protocol, Patch::Set(Protocol::Tcp), "{context}");
        // Row 2's free ones stay absent, as the edit left them.
        assert_eq!(stored[1].ip, Patch::Absent, "{context}");
        let expected: Vec<Dropped> = is_dropped
            .then(|| {
                dropped(
                    "port",
                    Some(2),
                    "/bind_info/1/port",
                    DropReason::TemplateValue,
                )
            })
            .into_iter()
            .collect();
        assert_eq!(preview.dropped, expected, "{context}");
    }
}

#[test]
fn an_edit_row_matching_no_template_row_is_dropped() {
    let template = spec(rows_template());
    let edit = edit(Some(json!([
        {"template_row_id": 1, "ip": "127.0.0.1", "port": "8081", "protocol": "1", "enable": true},
        {"template_row_id": 99, "ip": "10.0.0.1", "port": "22", "protocol": "1", "enable": true},
        {"ip": "10.0.0.1", "port": "23", "protocol": "1", "enable": true}
    ])));

    let preview = template.preview(&edit, None).unwrap();

    assert_eq!(
        preview.dropped,
        vec![
            dropped(
                "bind_info",
                Some(99),
                "/bind_info/1",
                DropReason::NoTemplateRow
            ),
            dropped("bind_info", None, "/bind_info/2", DropReason::NoTemplateRow),
        ]
    );
    // Row 2 is not in the edit: it comes back with the template's values.
    assert_eq!(preview.reset_rows, vec![reset(2, 1)]);
    assert_eq!(
        stored_rows(&preview.stored),
        json!([
            {"ip": "127.0.0.1", "port": "8081", "protocol": "1", "enable": true, "template_row_id": 1},
            row2()
        ])
    );
}

#[test]
fn a_template_row_missing_from_the_edit_is_reset() {
    let template = spec(rows_template());
    let edit = edit(Some(json!([
        {"template_row_id": 2, "ip": "10.0.0.5", "port": "9000", "protocol": "2", "enable": false}
    ])));

    let preview = template.preview(&edit, None).unwrap();

    assert_eq!(preview.reset_rows, vec![reset(1, 0)]);
    assert_eq!(preview.dropped, Vec::new());
    assert_eq!(
        stored_rows(&preview.stored),
        json!([
            row1(),
            {"ip": "10.0.0.5", "port": "9000", "protocol": "2", "enable": false, "template_row_id": 2}
        ])
    );
}

#[test]
fn an_edit_without_rows_resets_every_row() {
    let template = spec(rows_template());
    // No key, an empty list and an explicit null all rebuild every row.
    for rows in [None, Some(json!([])), Some(Value::Null)] {
        let context = format!("bind_info {rows:?}");

        let preview = template.preview(&edit(rows), None).unwrap();

        assert_eq!(
            preview.reset_rows,
            vec![reset(1, 0), reset(2, 1)],
            "{context}"
        );
        assert_eq!(preview.dropped, Vec::new(), "{context}");
        assert_eq!(
            stored_rows(&preview.stored),
            json!([row1(), row2()]),
            "{context}"
        );
    }
}

#[test]
fn a_template_without_rows_stores_what_the_edit_says() {
    let template = spec(json!({
        "bk_process_name": {"value": "p1", "as_default_value": true},
        "bk_func_name": {"value": "p1", "as_default_value": true}
    }));

    // Server truth (edit-no-rows-writes-empty-list, `process.go:1802-1804`):
    // a template without rows writes `[]` even when the edit has no bind_info.
    let absent = template.preview(&edit(None), None).unwrap();
    assert_eq!(absent.stored.bind_info, Patch::Set(Vec::new()));
    let empty = template.preview(&edit(Some(json!([]))), None).unwrap();
    assert_eq!(empty.stored.bind_info, Patch::Set(Vec::new()));
    // Every row of the edit then matches no template row.
    let rows = template
        .preview(
            &edit(Some(json!([{"template_row_id": 1, "port": "80"}]))),
            None,
        )
        .unwrap();
    assert_eq!(rows.stored.bind_info, Patch::Set(Vec::new()));
    assert_eq!(
        rows.dropped,
        vec![dropped(
            "bind_info",
            Some(1),
            "/bind_info/0",
            DropReason::NoTemplateRow
        )]
    );
}

#[test]
fn reordered_edit_rows_match_by_id_and_follow_template_order() {
    let template = spec(rows_template());
    let edit = edit(Some(json!([
        {"template_row_id": 2, "ip": "10.0.0.5", "port": "9001", "protocol": "2", "enable": false},
        {"template_row_id": 1, "ip": "127.0.0.1", "port": "8081", "protocol": "1", "enable": true}
    ])));

    let preview = template.preview(&edit, None).unwrap();

    assert_eq!(
        stored_rows(&preview.stored),
        json!([
            {"ip": "127.0.0.1", "port": "8081", "protocol": "1", "enable": true, "template_row_id": 1},
            {"ip": "10.0.0.5", "port": "9000", "protocol": "2", "enable": false, "template_row_id": 2}
        ])
    );
    // The pointer names the row where the edit has it.
    assert_eq!(
        preview.dropped,
        vec![dropped(
            "port",
            Some(2),
            "/bind_info/0/port",
            DropReason::TemplateValue
        )]
    );
    assert_eq!(preview.reset_rows, Vec::new());
}

#[test]
/// Server truth (edit-duplicate-template-row-id-last-wins,
/// `process_bind_info.go:410-413`): the last edit row with an id wins.
fn duplicate_row_ids_in_an_edit_last_match_wins() {
    let template = spec(rows_template());
    let edit = edit(Some(json!([
        {"template_row_id": 1, "port": "1111"},
        {"template_row_id": 1, "port": "2222"}
    ])));

    let preview = template.preview(&edit, None).unwrap();

    let stored = preview.stored.bind_info.value().unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].port, Patch::Set("2222".to_owned()));
    assert_eq!(stored[0].template_row_id, Patch::Set(1));
    assert_eq!(serde_json::to_value(&stored[1]).unwrap(), row2());
    assert_eq!(
        preview.dropped,
        vec![dropped(
            "bind_info",
            Some(1),
            "/bind_info/0",
            DropReason::NoTemplateRow
        )]
    );
    assert_eq!(preview.reset_rows, vec![reset(2, 1)]);
}

/// A template whose second row binds to `code` (the first binds to localhost),
/// with a protocol of the code's family.
fn template_with_code(code: &str) -> ProcessTemplateSpec {
    let protocol = if ["5", "6", "7", "8"].contains(&code) {
        "3"
    } else {
        "1"
    };
    spec(json!({
        "bk_process_name": {"value": "p1", "as_default_value": true},
        "bk_func_name": {"value": "p1", "as_default_value": true},
        "bind_info": {"value": [
            {"row_id": 1, "ip": {"value": "1"}, "port": {"value": "80"}, "protocol": {"value": "1"}},
            {"row_id": 2, "ip": {"value": code, "as_default_value": true}, "port": {"value": "81"},
             "protocol": {"value": protocol}, "enable": {"value": true}}
        ]}
    }))
}

fn full_host() -> Host {
    Host {
        bk_host_innerip: Some("10.0.0.1,10.0.0.2".to_owned()),
        bk_host_outerip: Some("203.0.113.1,203.0.113.2".to_owned()),
        bk_host_innerip_v6: Some("fd00::1,fd00::2".to_owned()),
        bk_host_outerip_v6: Some("2001:db8::1,2001:db8::2".to_owned()),
    }
}

/// `(code, bind type, address on full_host(), host field codes 3/4/7/8 need)`.
const BIND_TYPES: [(&str, BindType, &str, Option<&str>); 8] = [
    ("1", BindType::Localhost, "127.0.0.1", None),
    ("2", BindType::All, "0.0.0.0", None),
    (
        "3",
        BindType::FirstInnerIp,
        "10.0.0.1",
        Some("bk_host_innerip"),
    ),
    (
        "4",
        BindType::FirstOuterIp,
        "203.0.113.1",
        Some("bk_host_outerip"),
    ),
    ("5", BindType::LocalhostV6, "::1", None),
    ("6", BindType::AllV6, "::", None),
    (
        "7",
        BindType::FirstInnerIpV6,
        "fd00::1",
        Some("bk_host_innerip_v6"),
    ),
    (
        "8",
        BindType::FirstOuterIpV6,
        "2001:db8::1",
        Some("bk_host_outerip_v6"),
    ),
];

#[test]
fn all_bind_types_instantiated_on_a_host_with_addresses() {
    let host = full_host();
    for (code, _, address, _) in BIND_TYPES {
        let created = template_with_code(code).instantiate(Some(&host)).unwrap();
        let rows = created.bind_info.value().unwrap();
        assert_eq!(rows.len(), 2, "code {code}");
        assert_eq!(
            rows[0].ip,
            Patch::Set("127.0.0.1".to_owned()),
            "code {code}"
        );
        assert_eq!(rows[1].ip, Patch::Set(address.to_owned()), "code {code}");
        assert_eq!(rows[1].port, Patch::Set("81".to_owned()), "code {code}");
        assert_eq!(rows[1].template_row_id, Patch::Set(2), "code {code}");
        assert_eq!(rows[1].enable, Patch::Set(true), "code {code}");
    }
}

#[test]
fn bind_types_without_host_addresses() {
    // Only the fields the code does not need.
    let partial = |field: &str| {
        let mut host = full_host();
        match field {
            "bk_host_innerip" => host.bk_host_innerip = Some(" , ".to_owned()),
            "bk_host_outerip" => host.bk_host_outerip = None,
            "bk_host_innerip_v6" => host.bk_host_innerip_v6 = Some(String::new()),
            _ => host.bk_host_outerip_v6 = None,
        }
        host
    };
    for (code, bind, address, needs) in BIND_TYPES {
        let template = template_with_code(code);
        let hosts: Vec<Option<Host>> = vec![
            None,
            Some(Host::default()),
            needs.map(partial).or_else(|| Some(Host::default())),
        ];
        for host in &hosts {
            let context = format!("code {code} host {host:?}");
            let created = template.instantiate(host.as_ref());
            match needs {
                None => {
                    let created = created.unwrap();
                    let rows = created.bind_info.value().unwrap();
                    assert_eq!(rows[1].ip, Patch::Set(address.to_owned()), "{context}");
                }
                // Server truth (instantiate-bind-type-3-no-address,
                // instantiate-bind-type-3-no-host-error, `process.go:935-946`):
                // only a missing host is an error; a host without the address
                // gives "".
                Some(host_field) if host.is_none() => assert_eq!(
                    created.unwrap_err(),
                    InstantiateError::MissingHostAddress {
                        pointer: "/bind_info/value/1/ip/value".to_owned(),
                        bind,
                        host_field,
                    },
                    "{context}"
                ),
                Some(_) => {
                    let created = created.unwrap();
                    let ip = &created.bind_info.value().unwrap()[1].ip;
                    // `" , "` is cut at its first comma: `" "`.
                    assert!(
                        *ip == Patch::Set(String::new()) || *ip == Patch::Set(" ".to_owned()),
                        "{context}: {ip:?}"
                    );
                }
            }
        }
    }
}

#[test]
/// Server truth (instantiate-bind-type-3-first-address, -leading-comma,
/// -trailing-comma; `process.go:939-946`): the list is cut at the position of
/// the first comma of its comma-trimmed form.
fn the_host_list_is_cut_where_the_server_cuts_it() {
    for (list, address) in [
        ("10.0.0.5,10.0.0.6", "10.0.0.5"),
        (",10.0.0.5,10.0.0.6", ",10.0.0."),
        ("10.0.0.5,", "10.0.0.5,"),
        (" ,10.0.0.2, 10.0.0.3", " "),
        ("", ""),
    ] {
        let host = Host {
            bk_host_innerip: Some(list.to_owned()),
            ..Host::default()
        };
        let created = template_with_code("3").instantiate(Some(&host)).unwrap();
        assert_eq!(
            created.bind_info.value().unwrap()[1].ip,
            Patch::Set(address.to_owned()),
            "{list:?}"
        );
    }
}

#[test]
fn a_missing_host_address_fails_sync_and_preview_where_the_value_is_needed() {
    let template = template_with_code("4");
    let error = InstantiateError::MissingHostAddress {
        pointer: "/bind_info/value/1/ip/value".to_owned(),
        bind: BindType::FirstOuterIp,
        host_field: "bk_host_outerip",
    };
    // Row 2 missing from the instance: the sync creates it.
    let created = instance(json!([{"template_row_id": 1, "ip": "127.0.0.1", "port": "80"}]));
    assert_eq!(template.sync(&created, None).unwrap_err(), error);
    // Row 2 present: its locked ip is compared with the template's address.
    let created = instance(json!([{"template_row_id": 2, "ip": "203.0.113.1", "port": "81"}]));
    assert_eq!(template.sync(&created, None).unwrap_err(), error);
    // An edit without rows resets row 2.
    assert_eq!(template.preview(&edit(None), None).unwrap_err(), error);
    // On the host the same sync changes nothing but the missing row 1.
    let host = full_host();
    let synced = template.sync(&created, Some(&host)).unwrap();
    assert_eq!(synced.plan.fields, Vec::new());
    assert_eq!(
        synced.plan.rows,
        vec![RowChange::Added {
            row_id: Some(1),
            row: json!({"ip": "127.0.0.1", "port": "80", "protocol": "1", "enable": false, "template_row_id": 1}),
        }]
    );
}

#[test]
fn a_free_bind_type_needs_no_host_address() {
    // Row 1's ip (`"1"`) is not locked; a row-3 code that is not locked is not
    // resolved when the edit gives the row.
    let template = spec(json!({
        "bk_process_name": {"value": "p1", "as_default_value": true},
        "bk_func_name": {"value": "p1", "as_default_value": true},
        "bind_info": {"value": [
            {"row_id": 1, "ip": {"value": "3", "as_default_value": false}, "port": {"value": "80"}, "protocol": {"value": "1"}}
        ]}
    }));
    let edit = edit(Some(
        json!([{"template_row_id": 1, "ip": "10.9.9.9", "port": "80", "protocol": "1"}]),
    ));
    let preview = template.preview(&edit, None).unwrap();
    assert_eq!(
        preview.stored.bind_info.value().unwrap()[0].ip,
        Patch::Set("10.9.9.9".to_owned())
    );
    let created =
        instance(json!([{"template_row_id": 1, "ip": "10.9.9.9", "port": "80", "protocol": "1"}]));
    let synced = template.sync(&created, None).unwrap();
    assert!(synced.plan.is_empty(), "{:?}", synced.plan);
}

#[test]
/// Server truth (instantiate-ip-empty-string, instantiate-ip-null,
/// instantiate-ip-missing; `process.go:929-931`): the ip is `""`, not null.
fn empty_or_null_bind_type_instantiates_an_empty_address() {
    for ip in [json!({"value": ""}), json!({"value": null}), json!(null)] {
        let mut row = json!({"row_id": 1, "port": {"value": "80"}, "protocol": {"value": "1"}});
        if !ip.is_null() {
            row["ip"] = ip.clone();
        }
        let template = spec(json!({
            "bk_process_name": {"value": "p1"},
            "bk_func_name": {"value": "p1"},
            "bind_info": {"value": [row]}
        }));
        let created = template.instantiate(None).unwrap();
        assert_eq!(
            created.bind_info.value().unwrap()[0].ip,
            Patch::Set(String::new()),
            "ip {ip}"
        );
    }
}

/// Section 5 says "enable null becomes false" when instantiated. The
/// implementation copies the null (every wrapped field is copied as is, and the
/// derive has no per-field "null means default" marker), so this is ignored
/// until that exists.
#[test]
fn enable_null_instantiates_as_false() {
    for enable in [
        Some(json!({"value": null})),
        Some(json!({"value": null, "as_default_value": true})),
        None,
    ] {
        let mut row = json!({"row_id": 1, "ip": {"value": "1"}, "port": {"value": "80"}, "protocol": {"value": "1"}});
        if let Some(enable) = enable {
            row["enable"] = enable;
        }
        let template = spec(json!({
            "bk_process_name": {"value": "p1"},
            "bk_func_name": {"value": "p1"},
            "bind_info": {"value": [row]}
        }));
        let created = template.instantiate(None).unwrap();
        assert_eq!(
            created.bind_info.value().unwrap()[0].enable,
            Patch::Set(false)
        );
    }
}

/// Section 5: port and protocol are copied and "must be non-empty": a template
/// row without one cannot be instantiated, and the error names the row's value.
#[test]
fn empty_template_port_or_protocol_cannot_be_instantiated() {
    for (port, protocol, pointer, field) in [
        (
            json!(""),
            json!("1"),
            "/bind_info/value/0/port/value",
            "port",
        ),
        (
            json!(null),
            json!("1"),
            "/bind_info/value/0/port/value",
            "port",
        ),
        (
            json!("80"),
            json!(null),
            "/bind_info/value/0/protocol/value",
            "protocol",
        ),
    ] {
        let template = spec(json!({
            "bk_process_name": {"value": "p1"},
            "bk_func_name": {"value": "p1"},
            "bind_info": {"value": [
                {"row_id": 1, "ip": {"value": "1"}, "port": {"value": port}, "protocol": {"value": protocol}}
            ]}
        }));
        assert_eq!(
            template.instantiate(None).unwrap_err(),
            InstantiateError::MissingRequiredValue {
                pointer: pointer.to_owned(),
                field,
            }
        );
    }
}

#[test]
fn instantiate_creates_every_row_in_template_order() {
    let created = spec(rows_template()).instantiate(None).unwrap();
    assert_eq!(stored_rows(&created), json!([row1(), row2()]));
    let no_rows =
        spec(json!({"bk_process_name": {"value": "p1"}, "bk_func_name": {"value": "p1"}}));
    assert_eq!(no_rows.instantiate(None).unwrap().bind_info, Patch::Null);
    let empty = spec(json!({
        "bk_process_name": {"value": "p1"},
        "bk_func_name": {"value": "p1"},
        "bind_info": {"value": [], "as_default_value": true}
    }));
    // Server truth (instantiate-empty-rows-null, `process_bind_info.go:668, 718`).
    assert_eq!(empty.instantiate(None).unwrap().bind_info, Patch::Null);
}

#[test]
fn locked_fields_list_locked_row_attributes_with_their_row() {
    let mut template = rows_template();
    template["bind_info"]["as_default_value"] = json!(true);
    let locked = |field: &'static str, row_id: Option<i64>, pointer: &str| LockedField {
        field,
        row_id,
        pointer: pointer.to_owned(),
    };

    assert_eq!(
        spec(template).locked_fields(),
        vec![
            locked("bk_process_name", None, "/bk_process_name"),
            locked("bk_func_name", None, "/bk_func_name"),
            locked("bind_info", None, "/bind_info"),
            locked("ip", Some(1), "/bind_info/value/0/ip"),
            locked("protocol", Some(1), "/bind_info/value/0/protocol"),
            locked("port", Some(2), "/bind_info/value/1/port"),
            locked("enable", Some(2), "/bind_info/value/1/enable"),
        ]
    );
}

/// An instance created from `rows_template()`, with these rows.
fn instance(rows: Value) -> Process {
    let mut instance = json!({"bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "p1"});
    instance["bind_info"] = rows;
    serde_json::from_value(instance).unwrap()
}

#[test]
fn sync_adds_a_template_row_the_instance_lacks() {
    let synced = spec(rows_template())
        .sync(&instance(json!([row1()])), None)
        .unwrap();

    assert_eq!(synced.plan.fields, Vec::new());
    assert_eq!(
        synced.plan.rows,
        vec![RowChange::Added {
            row_id: Some(2),
            row: row2(),
        }]
    );
    assert_eq!(stored_rows(&synced.instance), json!([row1(), row2()]));
}

#[test]
fn sync_adds_every_row_to_an_instance_without_rows() {
    for rows in [json!([]), Value::Null] {
        let synced = spec(rows_template())
            .sync(&instance(rows.clone()), None)
            .unwrap();
        assert_eq!(
            synced.plan.rows,
            vec![
                RowChange::Added {
                    row_id: Some(1),
                    row: row1(),
                },
                RowChange::Added {
                    row_id: Some(2),
                    row: row2(),
                },
            ],
            "rows {rows}"
        );
        assert_eq!(
            stored_rows(&synced.instance),
            json!([row1(), row2()]),
            "rows {rows}"
        );
    }
}

#[test]
fn sync_removes_an_instance_row_no_template_row_matches() {
    let stray = json!({"ip": "10.0.0.1", "port": "22", "protocol": "1", "enable": true, "template_row_id": 99});
    let synced = spec(rows_template())
        .sync(&instance(json!([row1(), stray, row2()])), None)
        .unwrap();

    assert_eq!(synced.plan.fields, Vec::new());
    assert_eq!(
        synced.plan.rows,
        vec![RowChange::Removed {
            row_id: Some(99),
            pointer: "/bind_info/1".to_owned(),
        }]
    );
    assert_eq!(stored_rows(&synced.instance), json!([row1(), row2()]));
}

#[test]
fn sync_overwrites_a_differing_locked_attribute() {
    let mut moved = row2();
    moved["port"] = json!("9001");
    // A free attribute that differs is left alone.
    moved["ip"] = json!("10.0.0.7");
    let synced = spec(rows_template())
        .sync(&instance(json!([moved, row1()])), None)
        .unwrap();

    assert_eq!(synced.plan.fields, Vec::new());
    assert_eq!(
        synced.plan.rows,
        vec![RowChange::Changed {
            row_id: Some(2),
            pointer: "/bind_info/0".to_owned(),
            changes: vec![FieldChange {
                field: "port",
                pointer: "/bind_info/0/port".to_owned(),
                old: json!("9001"),
                new: json!("9000"),
            }],
        }]
    );
    // Template order; row 2 keeps its own ip.
    let mut expected = row2();
    expected["ip"] = json!("10.0.0.7");
    assert_eq!(stored_rows(&synced.instance), json!([row1(), expected]));
}

#[test]
fn sync_reports_every_differing_locked_attribute_of_a_row() {
    let synced = spec(rows_template())
        .sync(
            &instance(json!([
                {"ip": "10.0.0.9", "port": "8081", "protocol": "2", "enable": null, "template_row_id": 1},
                row2()
            ])),
            None,
        )
        .unwrap();

    assert_eq!(
        synced.plan.rows,
        vec![RowChange::Changed {
            row_id: Some(1),
            pointer: "/bind_info/0".to_owned(),
            changes: vec![
                FieldChange {
                    field: "ip",
                    pointer: "/bind_info/0/ip".to_owned(),
                    old: json!("10.0.0.9"),
                    new: json!("127.0.0.1"),
                },
                FieldChange {
                    field: "protocol",
                    pointer: "/bind_info/0/protocol".to_owned(),
                    old: json!("2"),
                    new: json!("1"),
                },
            ],
        }]
    );
    assert_eq!(
        stored_rows(&synced.instance),
        json!([
            // Server truth (sync-unlocked-enable-null-becomes-false,
            // `process_bind_info.go:361-365`): an unlocked null enable is written false.
            {"ip": "127.0.0.1", "port": "8081", "protocol": "1", "enable": false, "template_row_id": 1},
            row2()
        ])
    );
}

#[test]
fn a_different_number_of_rows_is_a_change() {
    let template = spec(json!({
        "bk_process_name": {"value": "p1", "as_default_value": true},
        "bk_func_name": {"value": "p1", "as_default_value": true},
        "bind_info": {"value": [
            {"row_id": 1, "ip": {"value": "1"}, "port": {"value": "8080"}, "protocol": {"value": "1"}, "enable": {"value": true}}
        ]}
    }));
    // The same row twice: the last one is kept, the first removed
    // (sync-duplicate-template-row-id-last-wins).
    let synced = template
        .sync(&instance(json!([row1(), row1()])), None)
        .unwrap();
    assert_eq!(
        synced.plan.rows,
        vec![RowChange::Removed {
            row_id: Some(1),
            pointer: "/bind_info/0".to_owned(),
        }]
    );
    assert_eq!(stored_rows(&synced.instance), json!([row1()]));
    // Equal counts and rows: nothing to do.
    let synced = template.sync(&instance(json!([row1()])), None).unwrap();
    assert!(synced.plan.is_empty(), "{:?}", synced.plan);
}

#[test]
fn sync_without_template_rows() {
    let template = spec(json!({
        "bk_process_name": {"value": "p1", "as_default_value": true},
        "bk_func_name": {"value": "p1", "as_default_value": true}
    }));
    let absent: Process =
        serde_json::from_value(json!({"bk_process_name": "p1", "bk_func_name": "p1"})).unwrap();
    let synced = template.sync(&absent, None).unwrap();
    assert!(synced.plan.is_empty(), "{:?}", synced.plan);
    assert_eq!(synced.instance.bind_info, Patch::Absent);

    let synced = template.sync(&instance(json!([row1()])), None).unwrap();
    assert_eq!(
        synced.plan.rows,
        vec![RowChange::Removed {
            row_id: Some(1),
            pointer: "/bind_info/0".to_owned(),
        }]
    );
    assert_eq!(
        synced.instance.bind_info,
        Patch::Set(Vec::<BindInfo>::new())
    );
}

/// One template row with port 80 and protocol 1, its `ip` and `enable`
/// wrappers as given (`None`: no key).
fn null_rows_template(ip: Option<Value>, enable: Option<Value>) -> ProcessTemplateSpec {
    let mut row = json!({"row_id": 1, "port": {"value": "80"}, "protocol": {"value": "1"}});
    if let Some(ip) = ip {
        row["ip"] = ip;
    }
    if let Some(enable) = enable {
        row["enable"] = enable;
    }
    spec(json!({
        "bk_process_name": {"value": "p1"},
        "bk_func_name": {"value": "p1"},
        "bind_info": {"value": [row]}
    }))
}

/// Found by `cc-validate/tests/agreement.rs` (sync idempotence): a row that
/// sync adds takes a null template ip as null, not as instantiation's `""`
/// (`process_bind_info.go:208-216, 267-275`), locked or not, so syncing again
/// changes nothing.
#[test]
fn sync_adds_a_row_with_a_null_template_ip_as_null() {
    for ip in [
        None,
        Some(json!({"value": null})),
        Some(json!({"value": null, "as_default_value": true})),
    ] {
        let template = null_rows_template(ip.clone(), None);
        let synced = template.sync(&instance(json!([])), None).unwrap();
        let added = json!([{"ip": null, "port": "80", "protocol": "1", "enable": false, "template_row_id": 1}]);
        assert_eq!(stored_rows(&synced.instance), added, "ip {ip:?}");
        let again = template.sync(&synced.instance, None).unwrap();
        assert_eq!(again.instance, synced.instance, "ip {ip:?}");
    }
    // Instantiation still gives `""` (`process.go:929-931`).
    let created = null_rows_template(None, None).instantiate(None).unwrap();
    assert_eq!(
        created.bind_info.value().unwrap()[0].ip,
        Patch::Set(String::new())
    );
}

/// Sync leaves an unlocked ip alone, a null one included
/// (`process_bind_info.go:263-265`); only `enable` null becomes false.
#[test]
fn sync_leaves_an_unlocked_null_ip_null() {
    let template = null_rows_template(Some(json!({"value": "1"})), None);
    let row =
        json!({"ip": null, "port": "80", "protocol": "1", "enable": null, "template_row_id": 1});
    let synced = template.sync(&instance(json!([row])), None).unwrap();
    assert_eq!(
        stored_rows(&synced.instance),
        json!([{"ip": null, "port": "80", "protocol": "1", "enable": false, "template_row_id": 1}])
    );
}

/// Server truth (update-reset-row-enable-null-rejected): the update path writes
/// a null template `enable` as null, on a row it restores and on a matched row
/// that locks it (`process_bind_info.go:541-565`), without instantiation's and
/// sync's null -> false fix; a null ip it writes as `""` (`:467-494`).
#[test]
fn an_edit_writes_a_null_template_enable_as_null() {
    let locked_null = json!({"value": null, "as_default_value": true});
    // Restored: the edit has no row 1.
    for enable in [
        None,
        Some(json!({"value": null})),
        Some(locked_null.clone()),
    ] {
        let template = null_rows_template(None, enable.clone());
        let preview = template.preview(&edit(Some(json!([]))), None).unwrap();
        assert_eq!(
            stored_rows(&preview.stored),
            json!([{"ip": "", "port": "80", "protocol": "1", "enable": null, "template_row_id": 1}]),
            "enable {enable:?}"
        );
    }
    // Matched, enable locked null: the edit's false is dropped for null.
    let template = null_rows_template(None, Some(locked_null));
    let row =
        json!({"ip": "", "port": "80", "protocol": "1", "enable": false, "template_row_id": 1});
    let preview = template.preview(&edit(Some(json!([row]))), None).unwrap();
    assert_eq!(
        stored_rows(&preview.stored),
        json!([{"ip": "", "port": "80", "protocol": "1", "enable": null, "template_row_id": 1}])
    );
    assert_eq!(
        preview.dropped,
        vec![dropped(
            "enable",
            Some(1),
            "/bind_info/0/enable",
            DropReason::TemplateValue
        )]
    );
    // Matched, enable free and null in the template: the edit's value stays.
    let template = null_rows_template(None, Some(json!({"value": null})));
    let preview = template.preview(&edit(Some(json!([row]))), None).unwrap();
    assert_eq!(stored_rows(&preview.stored), json!([row]));
}

/// Server truth (edit-strings-stored-trimmed, `instance_validate.go:435-438`):
/// an edit's top-level strings are stored trimmed; bind-row strings are not
/// (bind-row-port-leading-space-accepted, `attribute.go:689` trims for the
/// check only).
#[test]
fn an_edit_stores_top_level_strings_trimmed_and_row_strings_as_sent() {
    let template = spec(json!({
        "bk_process_name": {"value": "p1", "as_default_value": true},
        "bk_func_name": {"value": "java", "as_default_value": true},
        "user": {"value": null, "as_default_value": false},
        "bind_info": {"value": [
            {"row_id": 1, "ip": {"value": "1"}, "port": {"value": "80"}, "protocol": {"value": "1"}, "enable": {"value": true}}
        ]}
    }));
    let row = json!({"template_row_id": 1, "ip": "127.0.0.1", "port": " 80", "protocol": "1", "enable": true});
    let edit: Process = serde_json::from_value(json!({
        "bk_process_id": 43, "user": "  root  ", "description": "\tweb\n", "bind_info": [row]
    }))
    .unwrap();
    let stored = template.preview(&edit, None).unwrap().stored;
    assert_eq!(stored.user, Patch::Set("root".to_owned()));
    assert_eq!(stored.description, Patch::Set("web".to_owned()));
    assert_eq!(stored_rows(&stored), json!([row]));
}
