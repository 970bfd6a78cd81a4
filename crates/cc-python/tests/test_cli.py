"""The `cc-lint` command the wheel installs is the Rust binary: the same output and exit
codes as the binary cargo built, for the same arguments and files."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import cc_lint
from conftest import EXAMPLES, installed_bin, run, rust_bin

EDIT = "crates/cc-lint/tests/template/update_process_instance.json"
TEMPLATE = "crates/cc-lint/tests/template/get_proc_template.response.json"
HOST = "crates/cc-lint/tests/template/host.json"

CASES = {
    "examples": (["examples"], 1),
    # The walked index.json files fit no endpoint: skipped, so only the
    # findings decide (1); --strict-detection makes them errors (2).
    "json": (["--format", "json", "examples", "tests/fixtures"], 1),
    "strict": (["--strict-detection", "-q", "tests/fixtures/upstream"], 2),
    "github": (["--format", "github", "tests/fixtures/invalid"], 1),
    "sarif": (["--format", "sarif", "examples"], 1),
    "quiet": (["-q", "-j", "1", "tests/fixtures/upstream"], 1),
    "overrides": (["--allow", "schema", "--deny", "unknown-field", "examples"], 0),
    "deny-warnings": (["--deny-warnings", "tests/fixtures/seed"], 1),
    "clean": (["examples/update_process_instance.valid.json"], 0),
    "template": (["--template", TEMPLATE, "--host", HOST, EDIT], 0),
    "endpoint": (["--endpoint", "update_process_instance", EDIT], 0),
    "preview": (["preview", "--template", TEMPLATE, "--host", HOST, EDIT], 0),
    "preview-no-host": (["preview", "--template", TEMPLATE, EDIT], 2),
    "sync-json": (["sync", "--template", TEMPLATE, "--host", HOST, "--format", "json", EDIT], 0),
    "instantiate": (["instantiate", "--template", TEMPLATE, "--host", HOST], 0),
    "explain": (["explain", "port-overlap"], 0),
    "explain-list": (["explain", "--list"], 0),
    "schema": (["schema", "update_process_instance", "--kind", "response"], 0),
    "schema-list": (["schema", "--list"], 0),
    "version": (["--version"], 0),
    "help": (["--help"], 0),
    "no-input": ([], 2),
    "unknown-flag": (["--bogus"], 2),
    "unknown-rule": (["--allow", "shema", "examples"], 2),
    "unknown-endpoint": (["--endpoint", "nope", "examples"], 2),
    "missing-file": (["no/such/file.json"], 2),
    "undetectable": (["tests/fixtures/upstream/index.json"], 2),
}


@pytest.mark.parametrize("case", CASES)
def test_the_installed_command_behaves_as_the_rust_binary(case):
    args, status = CASES[case]
    installed = run(installed_bin(), args)
    reference = run(rust_bin(), args)
    assert (installed.returncode, installed.stdout, installed.stderr) == (
        reference.returncode,
        reference.stdout,
        reference.stderr,
    )
    assert installed.returncode == status, installed.stderr.decode()
    assert installed.stdout or installed.stderr


def test_standard_input():
    data = (EXAMPLES / "update_process_instance.out-of-range.json").read_bytes()
    args = ["--endpoint", "update_process_instance", "-"]
    installed = run(installed_bin(), args, stdin=data)
    reference = run(rust_bin(), args, stdin=data)
    assert (installed.returncode, installed.stdout) == (reference.returncode, reference.stdout) == (1, reference.stdout)
    assert b"`priority` must be between -100 and 10000" in installed.stdout


def test_the_command_is_the_binary_not_a_python_script():
    path = installed_bin()
    assert os.path.dirname(path) == os.path.dirname(sys.executable), "the venv's scripts directory"
    with open(path, "rb") as binary:
        assert binary.read(4) == b"\x7fELF"
    assert os.path.samefile(cc_lint.find_cc_lint_bin(), path)


def test_python_dash_m_runs_the_binary():
    done = subprocess.run([sys.executable, "-m", "cc_lint", "--version"], capture_output=True, check=False)
    assert (done.returncode, done.stdout) == (0, run(rust_bin(), ["--version"]).stdout)
    assert done.stdout.decode().split()[-1] == cc_lint.__version__
