//! Words for messages: how to name a field and describe a value, never echoing a
//! secret.

use crate::vocab::pointer::pointer_tokens;
use serde_json::Value;

/// Keys whose values are credentials: never echoed in any message.
pub const SECRET_KEYS: [&str; 2] = ["bk_app_secret", "bk_token"];

/// The longest string shown in a message before it is cut.
const MAX_SHOWN: usize = 40;

/// A name for the member at `pointer`: its key, or `parent[index]` for an array
/// item, or `the payload` for the root.
#[must_use]
pub(crate) fn field_label(pointer: &str) -> String {
    let tokens: Vec<String> = pointer_tokens(pointer).collect();
    let mut label = String::new();
    let mut start = tokens.len();
    // Walk back over array indices so that `/processes/0` reads `processes[0]`.
    while start > 0 && is_index(&tokens[start - 1]) {
        start -= 1;
    }
    if start > 0 {
        let key = &tokens[start - 1];
        // A template wrapper's member reads `proc_num.value`.
        let wrapped = start == tokens.len()
            && start >= 2
            && (key == "value" || key == "as_default_value")
            && !is_index(&tokens[start - 2]);
        if wrapped {
            label.push_str(&tokens[start - 2]);
            label.push('.');
        }
        label.push_str(key);
    } else if tokens.is_empty() {
        return "the payload".to_owned();
    }
    for index in &tokens[start..] {
        label.push('[');
        label.push_str(index);
        label.push(']');
    }
    format!("`{label}`")
}

fn is_index(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|byte| byte.is_ascii_digit())
}

/// True when the member at `pointer` holds a credential.
#[must_use]
pub fn is_secret(pointer: &str) -> bool {
    pointer_tokens(pointer)
        .last()
        .is_some_and(|key| is_secret_key(&key))
}

/// True when `key` names a credential as the server matches keys: ignoring
/// case, with the Kelvin sign and the long s folded as Go's `EqualFold` does
/// (`BK_TOKEN` and `bk_to\u{212a}en` are `bk_token` to the server).
#[must_use]
pub fn is_secret_key(key: &str) -> bool {
    SECRET_KEYS.contains(&crate::vocab::keys::fold_key(key).as_str())
}

/// The JSON type name of a value, with an article: `a string`, `an integer`.
#[must_use]
pub(crate) fn type_phrase(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(number) if number.is_i64() || number.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A schema type name with an article.
#[must_use]
pub(crate) fn schema_type_phrase(name: &str) -> String {
    match name {
        "null" => "null".to_owned(),
        "integer" | "array" | "object" => format!("an {name}"),
        other => format!("a {other}"),
    }
}

/// What was found at `pointer`, for a message: `string "abc"`, `integer 5`,
/// `an object`. Credentials are described by type only.
#[must_use]
pub(crate) fn found(pointer: &str, value: &Value) -> String {
    if is_secret(pointer) {
        return type_phrase(value).to_owned();
    }
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => format!("{flag}"),
        Value::Number(number) => number.to_string(),
        Value::String(text) => quoted(text),
        Value::Array(_) | Value::Object(_) => type_phrase(value).to_owned(),
    }
}

/// A string in double quotes, cut after a few dozen characters.
#[must_use]
pub(crate) fn quoted(text: &str) -> String {
    if text.chars().count() > MAX_SHOWN {
        let cut: String = text.chars().take(MAX_SHOWN).collect();
        format!("{cut:?}…")
    } else {
        format!("{text:?}")
    }
}

/// `a`, `a or b`, `a, b or c`.
#[must_use]
pub(crate) fn one_of(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn labels_name_the_member() {
        assert_eq!(field_label(""), "the payload");
        assert_eq!(field_label("/processes/0/proc_num"), "`proc_num`");
        assert_eq!(field_label("/processes/3"), "`processes[3]`");
        assert_eq!(field_label("/data/0/1"), "`data[0][1]`");
        assert_eq!(
            field_label("/processes/0/spec/proc_num/value"),
            "`proc_num.value`"
        );
        assert_eq!(
            field_label("/processes/0/spec/bind_info/value/0"),
            "`value[0]`"
        );
    }

    #[test]
    fn secrets_are_described_by_type_only() {
        assert_eq!(found("/bk_app_secret", &json!("s3cr3t-value")), "a string");
        assert_eq!(found("/bk_token", &json!(12345)), "an integer");
        assert_eq!(found("/user", &json!("root")), "\"root\"");
    }

    #[test]
    fn long_strings_are_cut() {
        let long = "x".repeat(100);
        assert!(found("/user", &json!(long)).ends_with('…'));
    }
}
