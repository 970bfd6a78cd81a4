//! `secret-in-payload`: a `bk_app_secret` or `bk_token` that looks real rather
//! than a placeholder. The value itself is never printed.

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::wording::SECRET_KEYS;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::fix::{Applicability, Edit, Fix, FixDoc};
use super::fix::{FixSource, last_token};
use crate::vocab::rule::Rule;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "a bk_app_secret or bk_token that looks like a real credential",
    explanation: "Payload files live in git; a real application secret or login token committed \
                  with them leaks to everyone who can read the repository. Keep a placeholder in \
                  the file (empty, `xxx`, `${BK_APP_SECRET}`, `{{ token }}`, `<secret>`) and \
                  inject the value when calling. The finding never shows the value.",
    bad: r#"{"bk_app_code": "ops", "bk_app_secret": "a8f3c1e9-real-looking-secret", "bk_biz_id": 1, "processes": [{"bk_process_id": 43, "user": "app"}]}"#,
    good: r#"{"bk_app_code": "ops", "bk_app_secret": "${BK_APP_SECRET}", "bk_biz_id": 1, "processes": [{"bk_process_id": 43, "user": "app"}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(object) = context.value.as_object() else {
        return;
    };
    for key in SECRET_KEYS {
        let Some(text) = object.get(key).and_then(serde_json::Value::as_str) else {
            continue;
        };
        if !is_placeholder(text) {
            out.push(
                Diagnostic::new(
                    Rule::SecretInPayload,
                    format!("/{key}"),
                    format!("`{key}` holds what looks like a real credential"),
                )
                .with_help(format!(
                    "keep a placeholder such as ${{{}}} in the file and inject the value when calling",
                    key.to_uppercase()
                )),
            );
        }
    }
}

/// True for values that are obviously not a credential: empty, a run of `x` or
/// `*`, or a template variable (`${VAR}`, `$VAR`, `{{ var }}`, `<var>`).
pub(crate) fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || text.chars().all(|ch| matches!(ch, 'x' | 'X' | '*')) {
        return true;
    }
    let wrapped = |open: &str, close: &str| {
        text.len() > open.len() + close.len() && text.starts_with(open) && text.ends_with(close)
    };
    if wrapped("${", "}") || wrapped("{{", "}}") || wrapped("<", ">") || wrapped("%", "%") {
        return true;
    }
    text.strip_prefix('$').is_some_and(|name| {
        !name.is_empty() && name.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
    })
}

/// The fix: a placeholder in place of the credential (unsafe: the server
/// would then receive the placeholder).
pub(crate) const FIX: FixDoc = FixDoc {
    applicability: Applicability::Unsafe,
    summary: "replaces the credential with a placeholder (`${BK_APP_SECRET}`, `${BK_TOKEN}`) to inject when calling",
};

/// Replaces the value with `${KEY}`.
pub(crate) fn fix(diagnostic: &Diagnostic, source: &FixSource<'_>) -> Option<Fix> {
    let key = last_token(&diagnostic.pointer)?;
    let (spot, _) = source.value_text(&diagnostic.pointer)?;
    let placeholder = format!("${{{}}}", key.to_uppercase());
    let literal = serde_json::to_string(&placeholder).ok()?;
    Some(Fix::new(
        Applicability::Unsafe,
        format!("replace `{key}` with `{placeholder}`"),
        Edit::replace(spot.value, literal),
    ))
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn placeholders() {
        for text in ["", "xxx", "XXXX", "****", "${BK_APP_SECRET}", "$TOKEN", "{{ token }}", "<secret>"] {
            assert!(is_placeholder(text), "{text}");
        }
        for text in ["a8f3c1e9d2", "x1", "${", "$", "secret-value", "xxxy"] {
            assert!(!is_placeholder(text), "{text}");
        }
    }
}
