"""cc_lint.explain, rules, endpoints and schema against `cc-lint explain` and `cc-lint schema`."""

from __future__ import annotations

import json

import pytest

import cc_lint
from conftest import run, rust_bin

RULES = cc_lint.rules()


def lines(args):
    done = run(rust_bin(), args)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode().splitlines()


def test_rules_are_the_explain_list():
    listed = [line.split(None, 2) for line in lines(["explain", "--list"])]
    assert [[r["rule"], r["severity"], r["summary"]] for r in RULES] == listed
    assert len(RULES) > 20


@pytest.mark.parametrize("rule", [r["rule"] for r in RULES])
def test_explain_holds_what_the_cli_prints(rule):
    entry = cc_lint.explain(rule)
    text = "\n".join(lines(["explain", rule]))
    assert text.startswith(f"rule:      {rule}\nseverity:  {entry['severity']} (by default)\n")
    assert f"summary:   {entry['summary']}" in text
    assert " ".join(entry["explanation"].split()) in " ".join(text.split())
    assert f"a request to {entry['endpoint']}" in text
    assert f"    {entry['bad']}" in text and f"    {entry['good']}" in text
    assert entry["template"] is None or json.loads(entry["template"]) is not None
    assert set(entry) == {"rule", "severity", "summary", "explanation", "endpoint", "template", "bad", "good"}


def test_endpoints_are_the_schema_list():
    assert cc_lint.endpoints() == [line.split()[0] for line in lines(["schema", "--list"])]


@pytest.mark.parametrize("endpoint", cc_lint.endpoints())
@pytest.mark.parametrize("kind", ["request", "response"])
def test_schema_is_the_cli_schema(endpoint, kind):
    expected = json.loads("\n".join(lines(["schema", endpoint, "--kind", kind])))
    assert cc_lint.schema(endpoint, kind) == expected
    if kind == "request":
        assert cc_lint.schema(endpoint) == expected
    # A fresh dict each time: changing one changes nothing else.
    cc_lint.schema(endpoint, kind)["title"] = "changed"
    assert cc_lint.schema(endpoint, kind) == expected
