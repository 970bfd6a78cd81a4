"""Shared fixtures of the cc_lint tests. They run against the installed wheel (never
python/ in the source tree): `cargo xtask test` builds it, installs it into a fresh
virtual environment and runs them there, with CC_LINT_RUST_BIN naming the cc-lint
binary that `cargo test` built, to compare the installed command with."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Sequence

import pytest

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples"
FIXTURES = REPO / "tests" / "fixtures"
TEMPLATES = REPO / "crates" / "cc-lint" / "tests" / "template"
GOLDEN_INPUTS = REPO / "crates" / "cc-lint" / "tests" / "golden" / "inputs"


def payload_files() -> List[Path]:
    """Every payload file of examples/ and tests/fixtures/."""
    return sorted(p for d in (EXAMPLES, FIXTURES) for p in d.rglob("*.json") if p.name != "index.json")


def rust_bin() -> str:
    """The cc-lint binary built by cargo, independently of the wheel."""
    path = os.environ.get("CC_LINT_RUST_BIN") or str(REPO / "target" / "debug" / "cc-lint")
    if not os.path.isfile(path):
        pytest.fail(f"no Rust cc-lint binary at {path}: set CC_LINT_RUST_BIN (cargo xtask test does)")
    return path


def installed_bin() -> str:
    """The cc-lint command the wheel installed, as found on PATH."""
    path = shutil.which("cc-lint")
    if path is None:
        pytest.fail("cc-lint is not on PATH: the wheel did not install it")
    return path


def run(binary: str, args: Sequence[str], stdin: bytes = b"") -> subprocess.CompletedProcess:
    """Runs ``binary ARGS`` in the repository (so that paths print the same)."""
    env = {k: v for k, v in os.environ.items() if k not in ("CC_LINT_JOBS", "NO_COLOR")}
    return subprocess.run([binary, *args], cwd=REPO, input=stdin, capture_output=True, env=env, timeout=120)


def cli_json(args: Sequence[str]) -> Dict[str, Any]:
    """The JSON document the Rust binary prints for ARGS."""
    done = run(rust_bin(), [*args, "--format", "json"])
    assert done.returncode in (0, 1, 2) and done.stdout, done.stderr.decode()
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def lint_report() -> Dict[str, Dict[str, Any]]:
    """The Rust binary's JSON report of every payload file, by path relative to the repository."""
    # --strict-detection: a file that fits no endpoint is reported in `files` with an
    # error (as when named), not skipped, so that every payload file has an entry.
    document = cli_json(["--jobs", "1", "--strict-detection", "examples", "tests/fixtures"])
    return {entry["path"]: entry for entry in document["files"]}
