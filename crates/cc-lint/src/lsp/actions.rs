//! Code actions: each finding's fix (a safe one is the preferred quick fix),
//! and "fix all safe findings in this file" (what `cc-lint --fix` does).

use super::diagnostics::{Checked, options};
use super::positions::LineIndex;
use crate::config::Profile;
use cc_validate::{Applicability, Validator, fix_source};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Position, Range, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;

/// The title of the fix-all action.
pub(crate) const FIX_ALL: &str = "Fix all safe findings in this file";

/// The kind of the fix-all action (`source.fixAll.cc-lint`).
fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::from(format!(
        "{}.cc-lint",
        CodeActionKind::SOURCE_FIX_ALL.as_str()
    ))
}

/// Whether two ranges touch (a cursor at either end counts).
fn touches(a: Range, b: Range) -> bool {
    let before = |x: Position, y: Position| (x.line, x.character) < (y.line, y.character);
    !(before(a.end, b.start) || before(b.end, a.start))
}

/// Whether the client's `only` filter lets `kind` through.
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|allowed| {
            kind.as_str() == allowed.as_str()
                || kind
                    .as_str()
                    .strip_prefix(allowed.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

/// The actions for `range` of the document `uri` (`text`, checked as
/// `checked`) under `profile`.
pub(crate) fn actions(
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    checked: &Checked,
    profile: &Profile,
    range: Range,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    let edit = |edits: Vec<TextEdit>| WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    };
    if wanted(only, &CodeActionKind::QUICKFIX) {
        for (finding, diagnostic) in checked.findings.iter().zip(&checked.diagnostics) {
            let Some(fix) = &finding.fix else { continue };
            if !touches(diagnostic.range, range) {
                continue;
            }
            let edits = fix
                .edits
                .iter()
                .map(|edit| {
                    TextEdit::new(
                        index.range(text, edit.range.start, edit.range.end),
                        edit.replacement.clone(),
                    )
                })
                .collect();
            let safe = fix.applicability == Applicability::Safe;
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: if safe {
                    fix.message.clone()
                } else {
                    format!("{} (unsafe: review it)", fix.message)
                },
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit(edits)),
                is_preferred: Some(safe),
                ..CodeAction::default()
            }));
        }
    }
    let any_safe = checked.findings.iter().any(|finding| {
        finding
            .fix
            .as_ref()
            .is_some_and(|fix| fix.applies_at(Applicability::Safe))
    });
    let kind = fix_all_kind();
    if any_safe
        && wanted(only, &kind)
        && let Some((endpoint, payload)) = checked.endpoint
        && let Ok(validator) = Validator::get(endpoint, payload)
    {
        let fixed = fix_source(
            validator,
            text.as_bytes(),
            options(profile),
            &profile.overrides,
            Applicability::Safe,
        );
        if fixed.changed()
            && fixed.text != text.as_bytes()
            && let Ok(new_text) = String::from_utf8(fixed.text)
        {
            let whole = index.range(text, 0, text.len());
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: FIX_ALL.to_owned(),
                kind: Some(kind),
                edit: Some(edit(vec![TextEdit::new(whole, new_text)])),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_filters_by_kind_prefix() {
        let kind = fix_all_kind();
        assert!(wanted(None, &kind));
        assert!(wanted(Some(&[CodeActionKind::SOURCE]), &kind));
        assert!(!wanted(Some(&[CodeActionKind::QUICKFIX]), &kind));
        assert!(!wanted(Some(&[CodeActionKind::from("source.fix")]), &kind));
    }

    #[test]
    fn ranges_touch_at_their_ends() {
        let at = |line, character| Position::new(line, character);
        let a = Range::new(at(1, 2), at(1, 5));
        assert!(touches(a, Range::new(at(1, 5), at(1, 5))));
        assert!(!touches(a, Range::new(at(1, 6), at(2, 0))));
    }
}
