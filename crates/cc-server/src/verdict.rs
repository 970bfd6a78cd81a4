//! The server's verdict on cc-validate's findings: which ones CMDB rejects a
//! request for. This is the one place the mapping lives, so that it can be
//! replaced by cc-validate's own per-rule verdict once the library has one.

use cc_validate::{Diagnostic, Rule, Severity};

/// Whether CMDB rejects a request that has this finding.
///
/// Errors are rejections and warnings are not, except for the errors the
/// linter raises on payloads CMDB takes:
/// - `duplicate-key`: the server's JSON reader keeps the last value of a
///   repeated key and goes on (so does this server).
/// - `unknown-field`: a misspelt field is an error to the linter (the field
///   meant is not set), but the server ignores unknown keys.
/// - `surrounding-whitespace` is an error only where the server rejects it
///   (`batch_create_proc_template`); cc-validate already reports it as a
///   warning elsewhere.
#[must_use]
pub fn rejects(diagnostic: &Diagnostic) -> bool {
    match diagnostic.rule {
        Rule::DuplicateKey | Rule::UnknownField => false,
        _ => diagnostic.severity == Severity::Error,
    }
}

/// The field a finding's JSON pointer names, as CMDB names fields in messages
/// (`processes[0].spec.proc_num`); `the request body` for the root.
#[must_use]
pub fn field_label(pointer: &str) -> String {
    let mut label = String::new();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            label.push('[');
            label.push_str(&token);
            label.push(']');
        } else {
            if !label.is_empty() {
                label.push('.');
            }
            label.push_str(&token);
        }
    }
    if label.is_empty() {
        "the request body".to_owned()
    } else {
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_cmdb_field_paths() {
        assert_eq!(
            field_label("/processes/0/spec/proc_num"),
            "processes[0].spec.proc_num"
        );
        assert_eq!(field_label(""), "the request body");
        assert_eq!(field_label("/a~1b"), "a/b");
    }

    #[test]
    fn errors_reject_except_duplicate_keys() {
        let error = Diagnostic::new(Rule::Schema, "/bk_biz_id", "x");
        assert!(rejects(&error));
        let duplicate = Diagnostic::new(Rule::DuplicateKey, "/bk_biz_id", "x");
        assert!(!rejects(&duplicate));
        let warning = Diagnostic::new(Rule::KeyCase, "/x", "x");
        assert!(!rejects(&warning));
        // A misspelt field: an error to the linter, accepted by the server.
        let misspelt = Diagnostic::new(Rule::UnknownField, "/proc_nun", "x");
        assert!(misspelt.is_error() && !rejects(&misspelt));
    }
}
