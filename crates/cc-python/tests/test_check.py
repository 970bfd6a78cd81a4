"""cc_lint.check against the CLI on the repository's real payloads, and its inputs."""

from __future__ import annotations

import json

import pytest

import cc_lint
from conftest import EXAMPLES, GOLDEN_INPUTS, REPO, TEMPLATES, cli_json, payload_files

FILES = payload_files()


def rel(path) -> str:
    return str(path.relative_to(REPO))


def test_every_payload_file_has_the_cli_findings(lint_report):
    checked = 0
    for path in FILES:
        entry = lint_report[rel(path)]
        if "error" in entry:
            continue  # the CLI could not tell the endpoint: see test_detection below
        found = cc_lint.check(path.read_bytes(), entry["endpoint"])
        assert [d.to_dict() for d in found] == entry["diagnostics"], rel(path)
        checked += 1
    assert checked > 100


def test_the_endpoint_is_told_from_the_content_as_the_cli_does(lint_report):
    told = 0
    # The examples and the seed payloads say what they are; some upstream ones fit
    # another endpoint than their directory's.
    for path in [*EXAMPLES.glob("*.json"), *(REPO / "tests" / "fixtures" / "seed").glob("*.json")]:
        entry = lint_report[rel(path)]
        try:
            found = cc_lint.check(path.read_bytes())
        except cc_lint.EndpointNotDetectedError:
            continue  # the CLI told it from the file's name
        if "error" not in entry:
            assert [d.to_dict() for d in found] == entry["diagnostics"], rel(path)
            told += 1
    assert told >= 8


def test_exact_diagnostics_of_the_readme_example():
    (found,) = cc_lint.check((EXAMPLES / "update_process_instance.out-of-range.json").read_bytes())
    assert found.rule == "schema"
    assert found.severity == "error"
    assert found.is_error
    assert found.pointer == "/processes/0/priority"
    assert (found.line, found.column) == (6, 19)
    assert found.message == "`priority` must be between -100 and 10000, got 20000"
    assert found.help is None
    assert found.related == ()
    assert found.to_dict() == {
        "severity": "error",
        "rule": "schema",
        "pointer": "/processes/0/priority",
        "line": 6,
        "column": 19,
        "message": "`priority` must be between -100 and 10000, got 20000",
    }
    assert repr(found) == (
        "<Diagnostic error[schema] 6:19 /processes/0/priority: "
        "`priority` must be between -100 and 10000, got 20000>"
    )
    assert str(found) == "6:19: error[schema]: `priority` must be between -100 and 10000, got 20000"


def test_a_clean_payload_has_no_findings():
    assert cc_lint.check((EXAMPLES / "batch_create_proc_template.valid.json").read_bytes()) == []
    # An edit checked without raw= or template=: only the note that its write is not known.
    found = cc_lint.check((EXAMPLES / "update_process_instance.valid.json").read_bytes())
    assert [(d.rule, d.severity) for d in found] == [("raw-process-edit", "warning")]


def test_related_places_and_help():
    text = '{"bk_biz_id": 1,\n "bk_biz_id": 2, "processes": [{"bk_process_id": 5}]}'
    # The partial entry also gets raw-process-edit's warning (the server accepts
    # repeated keys, so the write is still in question).
    (found,) = [d for d in cc_lint.check(text, "update_process_instance") if d.rule != "raw-process-edit"]
    assert found.rule == "duplicate-key"
    assert (found.line, found.column) == (2, 2)
    assert found.help == "remove all but one occurrence"
    (related,) = found.related
    assert (related.pointer, related.line, related.column, related.note) == ("/bk_biz_id", 1, 2, "first occurrence")
    assert related.to_dict() == {"pointer": "/bk_biz_id", "line": 1, "column": 2, "note": "first occurrence"}
    assert found.to_dict()["related"] == [related.to_dict()]
    assert repr(related) == "<Related 1:2 /bk_biz_id: first occurrence>"


def test_invalid_json_is_one_finding_as_in_the_cli():
    path = GOLDEN_INPUTS / "update_process_instance.syntax.json"
    (entry,) = cli_json([rel(path)])["files"]
    found = cc_lint.check(path.read_bytes(), "update_process_instance")
    assert [d.rule for d in found] == ["json-syntax"]
    assert [d.to_dict() for d in found] == entry["diagnostics"]
    assert [d.rule for d in cc_lint.check(b"")] == ["json-syntax"]
    assert [d.rule for d in cc_lint.check("{")] == ["json-syntax"]


@pytest.mark.parametrize("path", FILES[::7], ids=rel)
def test_str_bytes_and_bytearray_are_the_same_text(path):
    data = path.read_bytes()
    expected = cc_lint.check(data, "update_process_instance")
    assert cc_lint.check(data.decode("utf-8"), "update_process_instance") == expected
    assert cc_lint.check(bytearray(data), "update_process_instance") == expected


def strict_json(path):
    try:
        return json.loads(path.read_bytes())
    except ValueError:
        return None  # some upstream examples are not strict JSON


@pytest.mark.parametrize("path", [p for p in FILES if strict_json(p) is not None], ids=rel)
def test_a_dict_is_checked_as_its_json_dumps_text(path):
    value = strict_json(path)
    text = json.dumps(value, indent=2, ensure_ascii=False)
    for endpoint in ("update_process_instance", "batch_create_proc_template"):
        assert cc_lint.check(value, endpoint) == cc_lint.check(text, endpoint)


def test_every_kind_of_value_serialises_as_json_dumps_does():
    # Every key is unknown: each finding points at its key, so any difference in
    # the text before it shows in a line or a column.
    value = {
        "bk_biz_id": 1,
        "processes": [
            {
                "bk_process_id": 1,
                "s": "tab\t quote\" backslash\\ nl\n ctl\x01 del\x7f 中文 \u2028 😀",
                "ints": [0, -1, 2**63 - 1, 2**63, -(2**63) - 1, 10**30, True, False, None],
                "floats": [0.5, -1e-07, 1e16, 1.0, 123456789.123456789, 5e-324],
                "nested": {"empty": {}, "list": [], "tuple": (1, (2, [])), "deep": [[{"x": [{}]}]]},
                7: "int key",
                2.5: "float key",
                False: "bool key",
                None: "None key",
                "": "empty key",
            }
        ],
    }
    text = json.dumps(value, indent=2, ensure_ascii=False)
    found = cc_lint.check(value, "update_process_instance")
    assert found == cc_lint.check(text, "update_process_instance")
    assert [d.pointer.rsplit("/", 1)[1] for d in found if d.rule == "unknown-field"] == [
        "s", "ints", "floats", "nested", "7", "2.5", "false", "null", ""
    ]


def test_a_list_payload_is_checked_too():
    assert cc_lint.check([1, 2], "delete_proc_template") == cc_lint.check("[\n  1,\n  2\n]", "delete_proc_template")


def test_a_response_is_told_by_its_keys_or_forced():
    response = (FIXTURES_SEED := REPO / "tests" / "fixtures" / "seed") / "update_process_instance.response.json"
    data = response.read_bytes()
    assert cc_lint.check(data, "update_process_instance") == cc_lint.check(
        data, "update_process_instance", kind="response"
    )
    # Read as a request, the envelope's keys are keys no request has (and a
    # request without processes is answered before any check, so no error).
    as_request = cc_lint.check(data, "update_process_instance", kind="request")
    assert {d.pointer for d in as_request if d.rule == "unknown-field"} >= {"/result", "/data"}
    assert not [d for d in as_request if d.severity == "error"]
    assert FIXTURES_SEED.is_dir()


def test_overrides_drop_and_regrade_findings():
    data = (EXAMPLES / "update_process_instance.out-of-range.json").read_bytes()
    assert cc_lint.check(data, allow=["schema"]) == []
    assert cc_lint.check(data, allow="schema") == []
    assert [d.severity for d in cc_lint.check(data, warn=("schema",))] == ["warning"]
    # In the order allow, warn, deny: the later list wins.
    assert [d.severity for d in cc_lint.check(data, allow=["schema"], deny=["schema"])] == ["error"]
    assert [d.severity for d in cc_lint.check(data, warn={"schema"}, deny=iter(["schema"]))] == ["error"]
    unknown = b'{"bk_biz_id": 1, "processes": [{"bk_process_id": 1, "x": 1}]}'
    quiet = {"allow": ["raw-process-edit"]}  # the write is not known; not this test's rule
    assert [d.severity for d in cc_lint.check(unknown, "update_process_instance", **quiet)] == ["warning"]
    denied = cc_lint.check(unknown, "update_process_instance", deny=["unknown-field"], **quiet)
    assert [d.severity for d in denied] == ["error"]


def test_overrides_match_the_cli():
    path = EXAMPLES / "batch_create_proc_template.bad-enum.json"
    (entry,) = cli_json(["--warn", "schema", "--allow", "json-syntax", rel(path)])["files"]
    found = cc_lint.check(path.read_bytes(), warn=["schema"], allow=["json-syntax"])
    assert [d.to_dict() for d in found] == entry["diagnostics"]


def test_edits_are_checked_against_a_template_as_with_the_cli_flag():
    edit = TEMPLATES / "update_process_instance.json"
    template = TEMPLATES / "get_proc_template.response.json"
    host = TEMPLATES / "host.json"
    for extra in ([], ["--host", rel(host)]):
        (entry,) = cli_json(["--template", rel(template), *extra, rel(edit)])["files"]
        found = cc_lint.check(
            edit.read_bytes(),
            "update_process_instance",
            template=template.read_bytes(),
            host=host.read_text() if extra else None,
        )
        assert [d.to_dict() for d in found] == entry["diagnostics"]
        assert any(d.rule == "locked-field-edit" for d in found)
    as_dicts = cc_lint.check(
        edit.read_bytes(), template=json.loads(template.read_bytes()), host=json.loads(host.read_bytes())
    )
    assert as_dicts == cc_lint.check(edit.read_bytes(), template=template.read_bytes(), host=host.read_bytes())


def test_raw_edits_are_checked_as_with_the_cli_flag(tmp_path):
    edit = b'{"bk_biz_id": 2, "processes": [{"bk_process_id": 43, "user": "app"}]}'
    path = tmp_path / "edit.json"
    path.write_bytes(edit)
    (entry,) = cli_json(["--endpoint", "update_process_instance", "--raw", str(path)])["files"]
    found = cc_lint.check(edit, "update_process_instance", raw=True)
    assert [d.to_dict() for d in found] == entry["diagnostics"]
    # Written whole: the omitted names refuse the edit, and the cleared fields are listed.
    assert {d.rule for d in found} == {"instance-attribute", "raw-process-edit"}
    assert not [d for d in cc_lint.check(edit, "update_process_instance") if d.severity == "error"]


def test_fixes_are_the_cli_json_fix_members():
    data = b'{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "Proc_Num": 2.0}]}'
    found = cc_lint.check(data, "update_process_instance", allow=["raw-process-edit"])
    fixes = {d.rule: d.fix for d in found}
    assert fixes["key-case"]["applicability"] == "safe"
    (edit,) = fixes["key-case"]["edits"]
    assert data[edit["start"] : edit["end"]] == b'"Proc_Num"'
    assert edit["replacement"] == '"proc_num"'
    assert all(d.to_dict().get("fix") == d.fix for d in found)
    clean = cc_lint.check(b'{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "proc_num": 2}]}')
    assert all(d.fix is None and "fix" not in d.to_dict() for d in clean)


def test_diagnostics_are_frozen_hashable_values():
    data = (EXAMPLES / "update_process_instance.wrong-type.json").read_bytes()
    (first,) = cc_lint.check(data)
    (again,) = cc_lint.check(data)
    assert first == again and first is not again
    assert len({first, again}) == 1
    with pytest.raises(AttributeError):
        first.rule = "other"  # type: ignore[misc]
    assert isinstance(first, cc_lint.Diagnostic)
