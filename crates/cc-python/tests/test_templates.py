"""cc_lint.preview, sync and instantiate: the CLI's JSON documents, as dicts."""

from __future__ import annotations

import json

import pytest

import cc_lint
from conftest import REPO, TEMPLATES, run, rust_bin

EDIT = TEMPLATES / "update_process_instance.json"
TEMPLATE = TEMPLATES / "get_proc_template.response.json"
HOST = TEMPLATES / "host.json"
SEED = REPO / "tests" / "fixtures" / "seed"
UPSTREAM = REPO / "tests" / "fixtures" / "upstream"
# Template inputs of every accepted form: a get_proc_template response, a
# batch_create_proc_template request with one process.
TEMPLATE_FILES = [TEMPLATE, UPSTREAM / "batch_create_proc_template" / "cc-en.request.json"]


def rel(path) -> str:
    return str(path.relative_to(REPO))


def host_args(with_host):
    return ["--host", rel(HOST)] if with_host else []


def same_as_cli(args, call):
    """``call()`` returns the CLI's JSON document for ARGS, or raises InputError with the
    CLI's error message when the CLI fails (bind types that need the host, say)."""
    done = run(rust_bin(), [*args, "--format", "json"])
    if done.returncode == 0:
        expected = json.loads(done.stdout)
        assert call() == expected
        return expected
    assert done.returncode == 2
    message = done.stderr.decode().strip().removeprefix("cc-lint: error: ")
    with pytest.raises(cc_lint.InputError) as caught:
        call()
    assert str(caught.value) == message
    return None


@pytest.mark.parametrize("with_host", [False, True])
@pytest.mark.parametrize("template", TEMPLATE_FILES, ids=rel)
def test_preview_is_the_cli_document(template, with_host):
    args = ["preview", "--template", rel(template), *host_args(with_host), rel(EDIT)]
    host = HOST.read_bytes() if with_host else None
    same_as_cli(args, lambda: cc_lint.preview(EDIT.read_bytes(), template.read_bytes(), host))
    # The same from parsed values.
    parsed_host = json.loads(HOST.read_bytes()) if with_host else None
    parsed = (json.loads(EDIT.read_bytes()), json.loads(template.read_bytes()), parsed_host)
    expected = same_as_cli(args, lambda: cc_lint.preview(*parsed))
    assert expected is not None or not with_host


@pytest.mark.parametrize("with_host", [False, True])
@pytest.mark.parametrize(
    "instance",
    [EDIT, UPSTREAM / "list_process_instance" / "cc-en.response.json", SEED / "update_process_instance.request.json"],
    ids=rel,
)
def test_sync_is_the_cli_document(instance, with_host):
    args = ["sync", "--template", rel(TEMPLATE), *host_args(with_host), rel(instance)]
    host = HOST.read_text() if with_host else None
    expected = same_as_cli(args, lambda: cc_lint.sync(instance.read_text(), TEMPLATE.read_text(), host=host))
    assert expected is None or expected["processes"]
    assert expected is not None or not with_host


@pytest.mark.parametrize("with_host", [False, True])
@pytest.mark.parametrize("template", TEMPLATE_FILES, ids=rel)
def test_instantiate_is_the_cli_document(template, with_host):
    args = ["instantiate", "--template", rel(template), *host_args(with_host)]
    host = HOST.read_bytes() if with_host else None
    expected = same_as_cli(args, lambda: cc_lint.instantiate(template.read_bytes(), host))
    assert expected is None or expected["instance"]
    assert expected is not None or not with_host


def test_preview_reports_what_the_server_drops():
    document = cc_lint.preview(EDIT.read_bytes(), TEMPLATE.read_bytes(), HOST.read_bytes())
    assert document["version"] == 1
    dropped = [entry for process in document["processes"] for entry in process["dropped"]]
    assert dropped, "the fixture edits a locked field"
    assert all(entry["pointer"].startswith("/processes/") for entry in dropped)


def test_a_host_given_as_a_response_is_unwrapped():
    host = json.loads(HOST.read_bytes())
    wrapped = {"result": True, "code": 0, "message": "success", "data": host}
    assert cc_lint.instantiate(TEMPLATE.read_bytes(), wrapped) == cc_lint.instantiate(TEMPLATE.read_bytes(), host)
