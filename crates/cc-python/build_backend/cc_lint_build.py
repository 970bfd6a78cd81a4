"""PEP 517 build backend of the cc-lint wheel: maturin, plus the cc-lint binary.

maturin builds one kind of target per wheel: here the PyO3 extension module
(`cc_lint._native`). The `cc-lint` command must be the Rust binary itself
(crates/cc-lint), not a Python rewrite or wrapper, so before maturin runs this
backend builds that binary with cargo, in the same profile and target directory,
and puts it in the wheel's data directory (`[tool.maturin] data`), under
`scripts/`, which pip installs on PATH. Everything else is maturin's.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import maturin
from maturin import (  # noqa: F401  (the hooks this backend does not change)
    build_sdist,
    get_requires_for_build_sdist,
    get_requires_for_build_wheel,
)

PROJECT = Path(__file__).resolve().parent.parent
WORKSPACE_MANIFEST = PROJECT.parent.parent / "Cargo.toml"
SCRIPTS = PROJECT / "build" / "wheel-data" / "scripts"
BINARY = "cc-lint"


def _build_cli():
    """Builds crates/cc-lint's binary and puts it into the wheel's scripts."""
    if not WORKSPACE_MANIFEST.is_file():
        raise RuntimeError(
            f"{WORKSPACE_MANIFEST} not found: the cc-lint wheel builds from a clone of the "
            "cc-process-lint repository (crates/cc-python inside its workspace)"
        )
    command = [
        os.environ.get("CARGO", "cargo"),
        "build",
        "--release",
        "--package",
        BINARY,
        "--bin",
        BINARY,
        "--manifest-path",
        str(WORKSPACE_MANIFEST),
        "--message-format=json-render-diagnostics",
    ]
    # Where to build it: cargo's target directory unless CC_LINT_CLI_TARGET_DIR says
    # otherwise (CI points it at the pre-commit hook test's build, the same command).
    if os.environ.get("CC_LINT_CLI_TARGET_DIR"):
        command += ["--target-dir", os.environ["CC_LINT_CLI_TARGET_DIR"]]
    print("Running `{}`".format(" ".join(command)), file=sys.stderr, flush=True)
    done = subprocess.run(command, stdout=subprocess.PIPE, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"building the cc-lint binary failed: {command}")
    executable = None
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        message = json.loads(line) if line.startswith("{") else {}
        target = message.get("target", {})
        if message.get("reason") == "compiler-artifact" and target.get("name") == BINARY:
            executable = message.get("executable") or executable
    if not executable:
        raise RuntimeError("cargo built no cc-lint executable")
    shutil.rmtree(SCRIPTS.parent, ignore_errors=True)
    SCRIPTS.mkdir(parents=True)
    shutil.copy2(executable, SCRIPTS / BINARY)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    """The wheel: the cc-lint binary, then maturin."""
    _build_cli()
    return maturin.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """An editable install: the cc-lint binary, then maturin."""
    _build_cli()
    return maturin.build_editable(wheel_directory, config_settings, metadata_directory)


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    """The metadata: maturin's (it wants the data directory to exist)."""
    SCRIPTS.mkdir(parents=True, exist_ok=True)
    return maturin.prepare_metadata_for_build_wheel(metadata_directory, config_settings)
