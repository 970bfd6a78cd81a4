//! Template behaviour of plain (wrapped) process fields, table-driven: sync
//! (semantics section 7), edit preview (section 6), instantiate (section 5) and
//! `locked_fields` over a string, an integer, a bool and the always-locked
//! `bk_process_name`.

// Tests fail by panicking; an unwrap on a fixture is the clearest way to say so.
#![allow(clippy::unwrap_used)]

use cc_model::{
    DropReason, Dropped, FieldChange, LockedField, Patch, Process, ProcessTemplateSpec, Template,
};
use serde_json::{Map, Value, json};

/// One field under test: its JSON key, whether the server always locks it, two
/// distinct values and how to read it back from a [`Process`].
struct FieldCase {
    name: &'static str,
    always_locked: bool,
    /// The template's value, when the template sets one.
    a: Value,
    /// A value different from `a`.
    b: Value,
    get: fn(&Process) -> Patch<Value>,
}

fn cases() -> [FieldCase; 4] {
    [
        FieldCase {
            name: "user",
            always_locked: false,
            a: json!("root"),
            b: json!("nobody"),
            get: |process| process.user.as_ref().map(|value| json!(value)),
        },
        FieldCase {
            name: "proc_num",
            always_locked: false,
            a: json!(4),
            b: json!(7),
            get: |process| process.proc_num.as_ref().map(|value| json!(value)),
        },
        FieldCase {
            name: "auto_start",
            always_locked: false,
            a: json!(true),
            b: json!(false),
            get: |process| process.auto_start.as_ref().map(|value| json!(value)),
        },
        FieldCase {
            name: "bk_process_name",
            always_locked: true,
            a: json!("p1"),
            b: json!("p3"),
            get: |process| process.bk_process_name.as_ref().map(|value| json!(value)),
        },
    ]
}

/// The template's `as_default_value` for the field.
#[derive(Debug, Clone, Copy)]
enum Lock {
    /// `true`.
    Locked,
    /// `false`.
    Unlocked,
    /// `null`: means false.
    NullFlag,
    /// The key is missing: means false.
    NoFlag,
}

impl Lock {
    const ALL: [Self; 4] = [Self::Locked, Self::Unlocked, Self::NullFlag, Self::NoFlag];

    fn wrapper(self, value: &Value) -> Value {
        match self {
            Self::Locked => json!({"value": value, "as_default_value": true}),
            Self::Unlocked => json!({"value": value, "as_default_value": false}),
            Self::NullFlag => json!({"value": value, "as_default_value": null}),
            Self::NoFlag => json!({ "value": value }),
        }
    }

    /// Whether a field that the server does not always lock is locked.
    const fn locks(self) -> bool {
        matches!(self, Self::Locked)
    }
}

/// A symbolic field value, resolved per [`FieldCase`].
#[derive(Debug, Clone, Copy, PartialEq)]
enum Val {
    Absent,
    Null,
    A,
    B,
}

impl Val {
    fn json(self, case: &FieldCase) -> Option<Value> {
        match self {
            Self::Absent => None,
            Self::Null => Some(Value::Null),
            Self::A => Some(case.a.clone()),
            Self::B => Some(case.b.clone()),
        }
    }

    /// The value as a sync plan reports it (`null` for absent or null).
    fn reported(self, case: &FieldCase) -> Value {
        self.json(case).unwrap_or(Value::Null)
    }

    fn patch(self, case: &FieldCase) -> Patch<Value> {
        match self {
            Self::Absent => Patch::Absent,
            Self::Null => Patch::Null,
            Self::A => Patch::Set(case.a.clone()),
            Self::B => Patch::Set(case.b.clone()),
        }
    }
}

/// Sets (or removes, for `None`) `key` in a JSON object.
fn put(object: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    match value {
        Some(value) => object.insert(key.to_owned(), value),
        None => object.remove(key),
    };
}

/// A template locking both names to `p1`, with `case`'s field set to `value`
/// under `lock`.
fn template_json(case: &FieldCase, lock: Lock, value: &Value) -> Value {
    let mut template = json!({
        "bk_process_name": {"value": "p1", "as_default_value": true},
        "bk_func_name": {"value": "p1", "as_default_value": true},
    });
    let object = template.as_object_mut().unwrap();
    put(object, case.name, Some(lock.wrapper(value)));
    template
}

fn template(case: &FieldCase, lock: Lock, value: &Value) -> ProcessTemplateSpec {
    serde_json::from_value(template_json(case, lock, value)).unwrap()
}

/// A process created from the template (names `p1`), with `case`'s field set to
/// `value`.
fn instance_json(case: &FieldCase, value: Option<Value>) -> Value {
    let mut instance = json!({"bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "p1"});
    put(instance.as_object_mut().unwrap(), case.name, value);
    instance
}

/// The outcome of a sync for one field: `None` when nothing changes, else the
/// reported old and new values (the instance then holds `new`).
type Outcome = Option<(Val, Val)>;

/// `(as_default_value, template value, instance value, outcome for an ordinary
/// field, outcome for an always-locked field)`.
const SYNC_TABLE: &[(Lock, Val, Val, Outcome, Outcome)] = &[
    // Locked: the instance takes the template's value whenever they differ.
    (Lock::Locked, Val::Null, Val::Absent, None, None),
    (Lock::Locked, Val::Null, Val::Null, None, None),
    (
        Lock::Locked,
        Val::Null,
        Val::A,
        Some((Val::A, Val::Null)),
        Some((Val::A, Val::Null)),
    ),
    (
        Lock::Locked,
        Val::A,
        Val::Absent,
        Some((Val::Null, Val::A)),
        Some((Val::Null, Val::A)),
    ),
    (
        Lock::Locked,
        Val::A,
        Val::Null,
        Some((Val::Null, Val::A)),
        Some((Val::Null, Val::A)),
    ),
    (Lock::Locked, Val::A, Val::A, None, None),
    (
        Lock::Locked,
        Val::A,
        Val::B,
        Some((Val::B, Val::A)),
        Some((Val::B, Val::A)),
    ),
    // Unlocked: left alone, unless the server always locks the field.
    (Lock::Unlocked, Val::Null, Val::Absent, None, None),
    (Lock::Unlocked, Val::Null, Val::Null, None, None),
    (
        Lock::Unlocked,
        Val::Null,
        Val::A,
        None,
        Some((Val::A, Val::Null)),
    ),
    (
        Lock::Unlocked,
        Val::A,
        Val::Absent,
        None,
        Some((Val::Null, Val::A)),
    ),
    (
        Lock::Unlocked,
        Val::A,
        Val::Null,
        None,
        Some((Val::Null, Val::A)),
    ),
    (Lock::Unlocked, Val::A, Val::A, None, None),
    (Lock::Unlocked, Val::A, Val::B, None, Some((Val::B, Val::A))),
    // A null or missing as_default_value means false.
    (Lock::NullFlag, Val::A, Val::B, None, Some((Val::B, Val::A))),
    (
        Lock::NullFlag,
        Val::Null,
        Val::A,
        None,
        Some((Val::A, Val::Null)),
    ),
    (Lock::NoFlag, Val::A, Val::B, None, Some((Val::B, Val::A))),
    (
        Lock::NoFlag,
        Val::Null,
        Val::A,
        None,
        Some((Val::A, Val::Null)),
    ),
];

#[test]
fn sync_table() {
    for case in &cases() {
        for &(lock, template_value, instance_value, ordinary, always) in SYNC_TABLE {
            let context = format!(
                "{} {lock:?} template={template_value:?} instance={instance_value:?}",
                case.name
            );
            let outcome = if case.always_locked { always } else { ordinary };
            let spec = template(case, lock, &template_value.reported(case));
            let before: Process =
                serde_json::from_value(instance_json(case, instance_value.json(case))).unwrap();
            if case.always_locked && matches!(template_value, Val::Null) {
                // The name is required: a template without one cannot be applied.
                let error = spec.sync(&before, None).unwrap_err();
                assert_eq!(
                    error,
                    cc_model::InstantiateError::MissingRequiredValue {
                        pointer: format!("/{}/value", case.name),
                        field: case.name,
                    },
                    "{context}"
                );
                continue;
            }

            let synced = spec.sync(&before, None).unwrap();

            let expected_changes: Vec<FieldChange> = outcome
                .iter()
                .map(|&(old, new)| FieldChange {
                    field: case.name,
                    pointer: format!("/{}", case.name),
                    old: old.reported(case),
                    new: new.reported(case),
                })
                .collect();
            assert_eq!(synced.plan.fields, expected_changes, "{context}");
            assert_eq!(synced.plan.rows, Vec::new(), "{context}");
            let after = outcome.map_or(instance_value, |(_, new)| new);
            assert_eq!((case.get)(&synced.instance), after.patch(case), "{context}");
            // Nothing else moves: the names already match the template.
            assert_eq!(
                serde_json::to_value(&synced.instance).unwrap(),
                instance_json(case, after.json(case)),
                "{context}"
            );
        }
    }
}

/// The outcome of a preview for one field: the stored value and the reason the
/// edit is dropped, if it is.
type Kept = (Val, Option<DropReason>);

/// `(as_default_value, edit, outcome for an ordinary field, outcome for an
/// always-locked field)`.
const PREVIEW_TABLE: &[(Lock, Val, Kept, Kept)] = &[
    (
        Lock::Locked,
        Val::Absent,
        (Val::Absent, None),
        (Val::Absent, None),
    ),
    (
        Lock::Locked,
        Val::B,
        (Val::Absent, Some(DropReason::Locked)),
        (Val::Absent, Some(DropReason::Locked)),
    ),
    (
        Lock::Locked,
        Val::A,
        (Val::Absent, Some(DropReason::Locked)),
        (Val::Absent, Some(DropReason::Locked)),
    ),
    (
        Lock::Locked,
        Val::Null,
        (Val::Absent, Some(DropReason::NullOnLocked)),
        (Val::Absent, Some(DropReason::NullOnLocked)),
    ),
    (
        Lock::Unlocked,
        Val::Absent,
        (Val::Absent, None),
        (Val::Absent, None),
    ),
    (
        Lock::Unlocked,
        Val::B,
        (Val::B, None),
        (Val::Absent, Some(DropReason::Locked)),
    ),
    (
        Lock::Unlocked,
        Val::Null,
        (Val::Null, None),
        (Val::Absent, Some(DropReason::NullOnLocked)),
    ),
    (
        Lock::NullFlag,
        Val::B,
        (Val::B, None),
        (Val::Absent, Some(DropReason::Locked)),
    ),
    (
        Lock::NoFlag,
        Val::Null,
        (Val::Null, None),
        (Val::Absent, Some(DropReason::NullOnLocked)),
    ),
];

#[test]
fn preview_table() {
    for case in &cases() {
        for &(lock, edit_value, ordinary, always) in PREVIEW_TABLE {
            // The template's own value does not change what is stored; an edit
            // that sends it is listed as unchanged rather than dropped.
            for template_value in [Val::Null, Val::A] {
                let context = format!(
                    "{} {lock:?} template={template_value:?} edit={edit_value:?}",
                    case.name
                );
                let (stored_value, reason) = if case.always_locked { always } else { ordinary };
                let spec = template(case, lock, &template_value.reported(case));
                let mut edit = json!({"bk_process_id": 43});
                put(
                    edit.as_object_mut().unwrap(),
                    case.name,
                    edit_value.json(case),
                );
                let edit: Process = serde_json::from_value(edit).unwrap();

                let preview = spec.preview(&edit, None).unwrap();

                assert_eq!(
                    (case.get)(&preview.stored),
                    stored_value.patch(case),
                    "{context}"
                );
                // A locked field sent with the template's value (a required
                // name's null template value has none: it does not instantiate).
                let sends_template_value = edit_value == template_value
                    && !(case.always_locked && template_value == Val::Null);
                let entry = |reason| Dropped {
                    field: case.name,
                    row_id: None,
                    pointer: format!("/{}", case.name),
                    reason,
                };
                let (expected_dropped, expected_unchanged): (Vec<Dropped>, Vec<Dropped>) =
                    match reason {
                        Some(_) if sends_template_value => {
                            (vec![], vec![entry(DropReason::LockedUnchanged)])
                        }
                        other => (other.into_iter().map(entry).collect(), vec![]),
                    };
                assert_eq!(preview.dropped, expected_dropped, "{context}");
                assert_eq!(preview.unchanged, expected_unchanged, "{context}");
                assert_eq!(preview.reset_rows, Vec::new(), "{context}");
                // Server truth (edit-bookkeeping-fields-not-written,
                // edit-no-rows-writes-empty-list): the id is not written, and a
                // template without rows writes `bind_info: []`.
                let mut stored = json!({"bind_info": []});
                put(
                    stored.as_object_mut().unwrap(),
                    case.name,
                    stored_value.json(case),
                );
                assert_eq!(
                    serde_json::to_value(&preview.stored).unwrap(),
                    stored,
                    "{context}"
                );
            }
        }
    }
}

/// The template of upstream's `service_template_test.go` ("create proc
/// template", then "update process instance"): both names locked, the regex not.
fn upstream_template(regex_locked: bool) -> ProcessTemplateSpec {
    serde_json::from_value(json!({
        "bk_func_name": {"value": "p1", "as_default_value": true},
        "bk_process_name": {"value": "p1", "as_default_value": true},
        "bk_start_param_regex": {"value": "123", "as_default_value": regex_locked},
        "bk_enable_port": {"value": false, "as_default_value": false}
    }))
    .unwrap()
}

/// The body of upstream's `update_process_instance` API test (process 43).
fn upstream_edit() -> Process {
    serde_json::from_value(json!({
        "bk_func_name": "p3",
        "bk_process_name": "p3",
        "bk_start_param_regex": "1234",
        "bk_process_id": 43
    }))
    .unwrap()
}

#[test]
fn upstream_update_process_instance_drops_the_locked_names() {
    let preview = upstream_template(false)
        .preview(&upstream_edit(), None)
        .unwrap();

    assert_eq!(
        serde_json::to_value(&preview.stored).unwrap(),
        json!({"bk_start_param_regex": "1234", "bind_info": []})
    );
    assert_eq!(preview.stored.bk_process_name, Patch::Absent);
    assert_eq!(preview.stored.bk_func_name, Patch::Absent);
    assert_eq!(
        preview.stored.bk_start_param_regex,
        Patch::Set("1234".to_owned())
    );
    assert_eq!(preview.stored.bk_process_id, Patch::Absent);
    assert_eq!(
        preview.dropped,
        vec![
            Dropped {
                field: "bk_process_name",
                row_id: None,
                pointer: "/bk_process_name".to_owned(),
                reason: DropReason::Locked,
            },
            Dropped {
                field: "bk_func_name",
                row_id: None,
                pointer: "/bk_func_name".to_owned(),
                reason: DropReason::Locked,
            },
        ]
    );
    assert_eq!(preview.reset_rows, Vec::new());
}

#[test]
fn upstream_update_after_template_sync_is_a_no_op() {
    // The same body once the template locks the regex too: every field is dropped.
    let preview = upstream_template(true)
        .preview(&upstream_edit(), None)
        .unwrap();

    assert_eq!(
        serde_json::to_value(&preview.stored).unwrap(),
        json!({"bind_info": []})
    );
    let dropped: Vec<(&str, &str, DropReason)> = preview
        .dropped
        .iter()
        .map(|dropped| (dropped.field, dropped.pointer.as_str(), dropped.reason))
        .collect();
    assert_eq!(
        dropped,
        vec![
            ("bk_process_name", "/bk_process_name", DropReason::Locked),
            ("bk_func_name", "/bk_func_name", DropReason::Locked),
            (
                "bk_start_param_regex",
                "/bk_start_param_regex",
                DropReason::Locked
            ),
        ]
    );
}

#[test]
fn legacy_fields_in_an_edit_are_dropped_whatever_the_template_says() {
    let spec: ProcessTemplateSpec = serde_json::from_value(json!({
        "bk_process_name": {"value": "p1", "as_default_value": true},
        "bk_func_name": {"value": "p1", "as_default_value": true},
        "auto_time_gap": {"value": 60, "as_default_value": false},
        "process_template_id": {"value": 50, "as_default_value": true}
    }))
    .unwrap();
    let edit: Process = serde_json::from_value(json!({
        "bk_process_id": 43,
        "user": "root",
        "auto_time_gap": 30,
        "bk_func_id": null,
        "process_template_id": 51
    }))
    .unwrap();

    let preview = spec.preview(&edit, None).unwrap();

    assert_eq!(
        serde_json::to_value(&preview.stored).unwrap(),
        json!({"user": "root", "bind_info": []})
    );
    assert_eq!(preview.stored.auto_time_gap, Patch::Absent);
    assert_eq!(preview.stored.bk_func_id, Patch::Absent);
    assert_eq!(preview.stored.process_template_id, Patch::Absent);
    assert_eq!(
        preview.dropped,
        ["auto_time_gap", "bk_func_id", "process_template_id"]
            .map(|field| Dropped {
                field,
                row_id: None,
                pointer: format!("/{field}"),
                reason: DropReason::Legacy,
            })
            .to_vec()
    );
}

#[test]
fn legacy_fields_are_neither_instantiated_nor_synced() {
    let spec: ProcessTemplateSpec = serde_json::from_value(json!({
        "bk_process_name": {"value": "p1", "as_default_value": true},
        "bk_func_name": {"value": "p1", "as_default_value": true},
        "auto_time_gap": {"value": 60, "as_default_value": true},
        "bk_func_id": {"value": "7", "as_default_value": true}
    }))
    .unwrap();

    let created = spec.instantiate(None).unwrap();
    assert_eq!(created.auto_time_gap, Patch::Absent);
    assert_eq!(created.bk_func_id, Patch::Absent);

    let instance: Process = serde_json::from_value(json!({
        "bk_process_name": "p1",
        "bk_func_name": "p1",
        "auto_time_gap": 5
    }))
    .unwrap();
    let synced = spec.sync(&instance, None).unwrap();
    assert!(synced.plan.is_empty(), "{:?}", synced.plan);
    assert_eq!(synced.instance.auto_time_gap, Patch::Set(json!(5)));
    assert_eq!(synced.instance.bk_func_id, Patch::Absent);
}

#[test]
fn instantiate_copies_every_value_and_keeps_nulls() {
    let spec: ProcessTemplateSpec = serde_json::from_value(json!({
        "bk_process_name": {"value": "nginx", "as_default_value": true},
        "bk_func_name": {"value": "nginx"},
        "user": {"value": "root", "as_default_value": false},
        "proc_num": {"value": null, "as_default_value": true},
        "auto_start": {"value": false, "as_default_value": null},
        "priority": {"value": -5}
    }))
    .unwrap();

    let created = spec.instantiate(None).unwrap();

    assert_eq!(created.bk_process_name, Patch::Set("nginx".to_owned()));
    assert_eq!(created.user, Patch::Set("root".to_owned()));
    assert_eq!(created.proc_num, Patch::Null);
    assert_eq!(created.auto_start, Patch::Set(false));
    assert_eq!(created.priority, Patch::Set(-5));
    // A field the template does not mention is null; instance-only fields stay absent.
    assert_eq!(created.timeout, Patch::Null);
    assert_eq!(created.bk_process_id, Patch::Absent);
    assert_eq!(
        serde_json::to_value(&created).unwrap(),
        json!({
            "bk_process_name": "nginx",
            "bk_func_name": "nginx",
            "bk_start_param_regex": null,
            "proc_num": null,
            "priority": -5,
            "timeout": null,
            "bk_start_check_secs": null,
            "auto_start": false,
            "start_cmd": null,
            "stop_cmd": null,
            "restart_cmd": null,
            "reload_cmd": null,
            "face_stop_cmd": null,
            "pid_file": null,
            "work_path": null,
            "user": "root",
            "description": null,
            "bind_info": null
        })
    );
}

#[test]
fn instantiate_table() {
    for case in &cases() {
        for lock in Lock::ALL {
            for (template_value, expected) in [(Val::A, Val::A), (Val::Null, Val::Null)] {
                let context = format!("{} {lock:?} template={template_value:?}", case.name);
                let spec = template(case, lock, &template_value.reported(case));
                if case.always_locked && matches!(template_value, Val::Null) {
                    // The name is required: no instance without one.
                    assert!(spec.instantiate(None).is_err(), "{context}");
                    continue;
                }
                let created = spec.instantiate(None).unwrap();
                assert_eq!((case.get)(&created), expected.patch(case), "{context}");
            }
        }
    }
}

fn locked(field: &'static str) -> LockedField {
    LockedField {
        field,
        row_id: None,
        pointer: format!("/{field}"),
    }
}

#[test]
fn locked_fields_table() {
    for case in &cases() {
        for lock in Lock::ALL {
            let context = format!("{} {lock:?}", case.name);
            let spec = template(case, lock, &case.a);
            let mut expected = vec![locked("bk_process_name"), locked("bk_func_name")];
            if lock.locks() && !case.always_locked {
                // Declaration order: proc_num, auto_start, user come after the names.
                expected.push(locked(case.name));
            }
            assert_eq!(spec.locked_fields(), expected, "{context}");
        }
    }
}

#[test]
fn always_locked_names_are_listed_without_as_default_value() {
    let spec: ProcessTemplateSpec = serde_json::from_value(json!({
        "bk_process_name": {"value": "p1", "as_default_value": false},
        "bk_func_name": {"value": null},
        "user": {"value": "root", "as_default_value": true},
        "proc_num": {"value": 1, "as_default_value": false},
        "auto_start": {"value": null, "as_default_value": true},
        "auto_time_gap": {"value": 5, "as_default_value": true}
    }))
    .unwrap();

    assert_eq!(
        spec.locked_fields(),
        vec![
            LockedField {
                field: "bk_process_name",
                row_id: None,
                pointer: "/bk_process_name".to_owned(),
            },
            locked("bk_func_name"),
            locked("auto_start"),
            locked("user"),
        ]
    );
    // The default template locks only the names.
    assert_eq!(
        ProcessTemplateSpec::default().locked_fields(),
        vec![locked("bk_process_name"), locked("bk_func_name")]
    );
}

#[test]
fn always_locked_names_are_kept_by_sync_even_when_unlocked_in_the_template() {
    // The template says `as_default_value: false` for both names; the server
    // locks them anyway, so a sync renames the instance.
    let spec: ProcessTemplateSpec = serde_json::from_value(json!({
        "bk_process_name": {"value": "p1", "as_default_value": false},
        "bk_func_name": {"value": "f1", "as_default_value": false},
        "user": {"value": "root", "as_default_value": false}
    }))
    .unwrap();
    let instance: Process = serde_json::from_value(json!({
        "bk_process_name": "p3",
        "bk_func_name": "f3",
        "user": "nobody"
    }))
    .unwrap();

    let synced = spec.sync(&instance, None).unwrap();

    assert_eq!(
        synced.plan.fields,
        vec![
            FieldChange {
                field: "bk_process_name",
                pointer: "/bk_process_name".to_owned(),
                old: json!("p3"),
                new: json!("p1"),
            },
            FieldChange {
                field: "bk_func_name",
                pointer: "/bk_func_name".to_owned(),
                old: json!("f3"),
                new: json!("f1"),
            },
        ]
    );
    assert_eq!(
        serde_json::to_value(&synced.instance).unwrap(),
        json!({"bk_process_name": "p1", "bk_func_name": "f1", "user": "nobody"})
    );
}
