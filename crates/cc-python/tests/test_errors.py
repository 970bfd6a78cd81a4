"""Every error path: each is a cc_lint.Error subclass with a clear message, and nothing a
caller passes crashes the interpreter."""

from __future__ import annotations

import math

import pytest

import cc_lint
from cc_lint import _native
from conftest import EXAMPLES, TEMPLATES

CLEAN = (EXAMPLES / "update_process_instance.valid.json").read_bytes()
TEMPLATE = (TEMPLATES / "get_proc_template.response.json").read_bytes()


def raises(kind, match):
    return pytest.raises(kind, match=match)


def test_the_hierarchy():
    for name in cc_lint._errors.__dict__:
        value = getattr(cc_lint._errors, name)
        if isinstance(value, type) and issubclass(value, BaseException) and value is not cc_lint.PayloadWarning:
            assert issubclass(value, cc_lint.Error) or value is cc_lint.Error, name
    assert issubclass(cc_lint.ArgumentTypeError, TypeError)
    assert issubclass(cc_lint.ArgumentValueError, ValueError)
    assert issubclass(cc_lint.UnknownEndpointError, cc_lint.ArgumentValueError)
    assert issubclass(cc_lint.UnknownRuleError, cc_lint.ArgumentValueError)
    assert issubclass(cc_lint.InputError, ValueError)
    assert issubclass(cc_lint.PayloadWarning, UserWarning)


@pytest.mark.parametrize("payload", [5, None, 1.5, object(), {1, 2}, memoryview(b"{}")])
def test_a_payload_of_the_wrong_type(payload):
    with raises(cc_lint.ArgumentTypeError, r"payload must be bytes, str, dict or list, not \w+"):
        cc_lint.check(payload, "get_proc_template")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"a": {1, 2}}, "payload: Object of type set is not JSON serializable"),
        ({"a": [b"x"]}, "payload: Object of type bytes is not JSON serializable"),
        ({(1, 2): 1}, "payload: keys must be str, int, float, bool or None, not tuple"),
    ],
)
def test_a_dict_that_is_no_json(value, message):
    with raises(cc_lint.ArgumentTypeError, message):
        cc_lint.check(value, "get_proc_template")


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_a_float_that_json_cannot_hold(number):
    with raises(cc_lint.ArgumentValueError, "payload: Out of range float values are not JSON compliant"):
        cc_lint.check({"bk_biz_id": number}, "get_proc_template")


def test_a_payload_that_contains_itself_or_nests_too_deep():
    looped: dict = {"bk_biz_id": 1}
    looped["self"] = [looped]
    with raises(cc_lint.ArgumentValueError, "payload: Circular reference detected"):
        cc_lint.check(looped, "get_proc_template")
    deep: list = []
    for _ in range(600):
        deep = [deep]
    with raises(cc_lint.ArgumentValueError, "deeper than 512 levels"):
        cc_lint.check(deep, "get_proc_template")
    # Within the serialiser's limit but past the parser's: a syntax finding, as for a file.
    deep = []
    for _ in range(200):
        deep = [deep]
    assert [d.rule for d in cc_lint.check(deep, "get_proc_template")] == ["json-syntax"]


def test_a_str_that_is_no_unicode():
    with raises(cc_lint.ArgumentValueError, "payload: the str cannot be encoded as UTF-8"):
        cc_lint.check('{"a": "\ud800"}', "get_proc_template")


def test_bytes_that_are_no_utf8_are_a_syntax_finding():
    assert [d.rule for d in cc_lint.check(b'{"a": "\xff"}', "get_proc_template")] == ["json-syntax"]


def test_unknown_endpoints_get_a_suggestion():
    with raises(cc_lint.UnknownEndpointError, r"unknown endpoint `update_proces_instance` \(did you mean `update_process_instance`\?\)"):
        cc_lint.check(CLEAN, "update_proces_instance")
    with raises(cc_lint.UnknownEndpointError, r"^unknown endpoint `x`; cc_lint.endpoints\(\) lists them$"):
        cc_lint.check(CLEAN, "x")
    with raises(cc_lint.UnknownEndpointError, "did you mean `get_proc_template`"):
        cc_lint.schema("get_proc_templat")
    with raises(cc_lint.ArgumentTypeError, "endpoint must be a str, not int"):
        cc_lint.check(CLEAN, 5)


def test_unknown_rules_get_a_suggestion():
    with raises(cc_lint.UnknownRuleError, r"unknown rule `shema` \(did you mean `schema`\?\)"):
        cc_lint.check(CLEAN, allow=["shema"])
    with raises(cc_lint.UnknownRuleError, "did you mean `port-overlap`"):
        cc_lint.explain("port-overlaps")
    with raises(cc_lint.UnknownRuleError, "unknown rule `zzz`"):
        cc_lint.check(CLEAN, deny="zzz")
    with raises(cc_lint.ArgumentTypeError, "allow must be a rule id or an iterable of rule ids, not int"):
        cc_lint.check(CLEAN, allow=5)
    with raises(cc_lint.ArgumentTypeError, "each rule id of warn must be a str, not int"):
        cc_lint.check(CLEAN, warn=["schema", 5])
    with raises(cc_lint.ArgumentTypeError, "rule must be a str, not NoneType"):
        cc_lint.explain(None)


def test_a_wrong_kind():
    with raises(cc_lint.ArgumentValueError, 'kind must be "request" or "response", not "req"'):
        cc_lint.check(CLEAN, kind="req")
    with raises(cc_lint.ArgumentValueError, "kind must be"):
        cc_lint.schema("get_proc_template", "both")
    with raises(cc_lint.ArgumentTypeError, "kind must be a str, not int"):
        cc_lint.check(CLEAN, kind=1)


def test_an_endpoint_that_cannot_be_told():
    with raises(cc_lint.EndpointNotDetectedError, r"cannot tell which endpoint this request is for; pass endpoint=NAME") as caught:
        cc_lint.check(b'{"nothing": "here"}')
    assert caught.value.candidates == ()
    with raises(cc_lint.EndpointNotDetectedError, "it fits .* and ") as caught:
        cc_lint.check(b'{"bk_biz_id": 1}')
    assert len(caught.value.candidates) >= 2
    assert set(caught.value.candidates) <= set(cc_lint.endpoints())


def test_templates_and_hosts_that_cannot_be_used():
    edit = (TEMPLATES / "update_process_instance.json").read_bytes()
    with raises(cc_lint.InputError, r"^template:1:\d+: "):
        cc_lint.check(edit, template=b"{not json")
    with raises(cc_lint.InputError, r"^template: "):
        cc_lint.check(edit, template={"bk_biz_id": 1})
    with raises(cc_lint.InputError, r"^host: expected a host object"):
        cc_lint.check(edit, template=TEMPLATE, host={"bk_host_innerip": 5})
    with raises(cc_lint.ArgumentTypeError, "template must be bytes, str, dict or list, not int"):
        cc_lint.preview(edit, 5)
    with raises(cc_lint.InputError, r"^edit: `/processes/0` is not a process"):
        cc_lint.preview({"processes": [{"bk_process_id": "x"}]}, TEMPLATE)
    with raises(cc_lint.InputError, r"^instance:2:1: "):
        cc_lint.sync("[1,\n", TEMPLATE)
    with raises(cc_lint.InputError, "^template: the file holds 2 templates"):
        two = {"result": True, "code": 0, "data": {"count": 2, "info": [{"property": {}}, {"property": {}}]}}
        cc_lint.instantiate(two)


def test_a_panic_never_crosses_into_python():
    for detached in (False, True):
        with raises(cc_lint.InternalError, "internal error in cc-lint .*: boom"):
            _native._panic("boom", detached)
    # The interpreter and the module still work.
    assert [d.rule for d in cc_lint.check(CLEAN)] == ["raw-process-edit"]
