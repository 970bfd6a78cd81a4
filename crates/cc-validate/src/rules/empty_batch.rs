//! `empty-batch`: an empty `processes` list; the server succeeds and does nothing.

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::rule::Rule;
use crate::payload::views::process_list;

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "an empty processes list: the call succeeds and does nothing",
    explanation: "The docs mark `processes` as required, and the server accepts an empty list, \
                  returns `data: []` and changes nothing. An empty batch in a payload file is \
                  usually a generation mistake.",
    bad: r#"{"bk_biz_id": 1, "processes": []}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "user": "app"}]}"#,
};

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if let Some((pointer, items)) = process_list(context.endpoint, context.kind, context.value)
        && items.is_empty()
    {
        out.push(Diagnostic::new(
            Rule::EmptyBatch,
            pointer,
            "`processes` is empty: the call succeeds and does nothing",
        ));
    }
}
