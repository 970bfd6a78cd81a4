//! Which keys of a payload case normalisation could rename, decided cheaply:
//! most payloads spell every key exactly as the schema does, and skip the
//! renamed copy (see [`crate::schema::normalise`]) without walking the schema.

use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Every property name of a schema, for a cheap test of whether a payload has
/// a key that case normalisation could rename (see [`PropertyNames::may_rename`]).
#[derive(Default)]
pub(crate) struct PropertyNames {
    /// Names no other name of the schema equals when ASCII case is ignored: a
    /// key spelled exactly so is never renamed.
    unique: HashSet<&'static str>,
    /// Every name, ASCII-lowercased, with its spellings.
    folded: HashMap<String, Vec<&'static str>>,
    /// A name is not ASCII: the test gives up and always says yes.
    exotic: bool,
    /// Some name has an ASCII capital letter.
    capitals: bool,
}

impl PropertyNames {
    /// The names of every `properties` object anywhere in `schema`: a superset
    /// of the fields known at any place of a payload.
    pub(crate) fn of(schema: &'static Value) -> Self {
        fn collect(node: &'static Value, names: &mut PropertyNames) {
            match node {
                Value::Object(members) => {
                    if let Some(Value::Object(properties)) = members.get("properties") {
                        for name in properties.keys() {
                            names.exotic |= !name.is_ascii();
                            names.capitals |= name.bytes().any(|byte| byte.is_ascii_uppercase());
                            let spellings =
                                names.folded.entry(name.to_ascii_lowercase()).or_default();
                            if !spellings.contains(&name.as_str()) {
                                spellings.push(name);
                            }
                        }
                    }
                    members.values().for_each(|child| collect(child, names));
                }
                Value::Array(items) => items.iter().for_each(|child| collect(child, names)),
                _ => {}
            }
        }
        let mut names = Self::default();
        collect(schema, &mut names);
        names.unique = names
            .folded
            .values()
            .filter_map(|spellings| match spellings.as_slice() {
                [only] => Some(*only),
                _ => None,
            })
            .collect();
        names
    }

    /// Names for which every key may be renamed: normalising with them walks
    /// the whole payload (the reference the cheap test is checked against).
    #[cfg(test)]
    pub(crate) fn any_key() -> Self {
        Self {
            exotic: true,
            ..Self::default()
        }
    }

    /// False when no key of `value` can be renamed by [`crate::schema::normalise::normalise`]:
    /// a rename needs a key that differs from a known field but equals it when
    /// case is ignored. Payloads without such a key skip the normalised copy.
    pub(crate) fn may_rename(&self, value: &Value) -> bool {
        match value {
            Value::Object(members) => members
                .iter()
                .any(|(key, item)| self.may_rename_key(key) || self.may_rename(item)),
            Value::Array(items) => items.iter().any(|item| self.may_rename(item)),
            _ => false,
        }
    }

    pub(crate) fn may_rename_key(&self, key: &str) -> bool {
        if self.exotic || !key.is_ascii() {
            return true;
        }
        // With every name in lower case, a key without capitals folds to
        // itself: it is a name, or no name's variant. No hashing needed.
        if !self.capitals && !key.bytes().any(|byte| byte.is_ascii_uppercase()) {
            return false;
        }
        if self.unique.contains(key) {
            return false;
        }
        self.folded
            .get(&key.to_ascii_lowercase())
            .is_some_and(|spellings| spellings.iter().any(|spelling| *spelling != key))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Endpoint, PayloadKind, Validator};
    use serde_json::json;

    #[test]
    fn payloads_skip_normalising_only_when_no_key_can_be_renamed() {
        let payloads = [
            json!({"bk_biz_id": 1, "processes": [{"bk_process_id": 4, "proc_num": 1}]}),
            json!({"bk_biz_id": 1, "processes": [{"bk_process_id": 4, "Proc_Num": 1}]}),
            json!({"bk_biz_id": 1, "processes": [{"bk_process_id": 4, "bk_proces_name": 1}]}),
            json!({"BK_BIZ_ID": 1, "processes": []}),
            json!({"bk_biz_id": 1, "processes": [{"bind_info": [{"IP": "1.2.3.4", "port": 8}]}]}),
            json!({"bk_biz_id": 1, "processes": [{"spec": {"proc_num": {"Value": 1}}}]}),
            json!({"bk_biz_id": "x", "processes": [{"bk_process_id": 4, "pro\u{17f}": 1}]}),
            json!({"bk_biz_id": 1, "processes": [{"bk_process_id": 4, "proc_num": 1, "PROC_NUM": 2}]}),
        ];
        for endpoint in Endpoint::ALL {
            for kind in PayloadKind::ALL {
                let validator = Validator::get(endpoint, kind).expect("schemas compile");
                let names = super::PropertyNames::of(validator.schema());
                for payload in &payloads {
                    // The test must never say no where normalising renames a
                    // key: normalising without it (every key a candidate)
                    // must then rename nothing.
                    if crate::schema::normalise::normalise(
                        validator.schema(),
                        &super::PropertyNames::any_key(),
                        payload,
                    )
                    .is_some()
                    {
                        assert!(
                            names.may_rename(payload),
                            "{endpoint:?} {kind:?}: {payload}"
                        );
                    }
                }
            }
        }
        let validator = Validator::get(Endpoint::UpdateProcessInstance, PayloadKind::Request)
            .expect("compiles");
        let names = super::PropertyNames::of(validator.schema());
        assert!(!names.may_rename(&payloads[0]));
        assert!(names.may_rename(&payloads[1]));
        assert!(
            !names.may_rename(&payloads[2]),
            "a typo is not a case variant"
        );
        assert!(
            names.may_rename(&payloads[6]),
            "non-ASCII keys are always normalised"
        );
    }
}
