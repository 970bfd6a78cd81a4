"""The README's Python examples run as written (the guard's against no real server)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO

BLOCKS = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_check_example_prints_the_finding():
    done = subprocess.run([sys.executable, "-c", BLOCKS[0]], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "6:19: error[schema]: `priority` must be between -100 and 10000, got 20000\n"
    assert len(BLOCKS[0].strip().splitlines()) <= 6


def test_the_guard_example_guards():
    # Its client points at a host of the docs; only the guard's part runs: the
    # payload with errors is refused before any connection.
    call = "client.cc.update_process_instance(edit)"
    assert call in BLOCKS[1]
    code = "import cc_lint\n" + BLOCKS[1].replace(
        call, f"try:\n    {call}\nexcept cc_lint.PayloadError as error:\n    print(error)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("update_process_instance: 1 error(s) in the payload, not sent\n")
    assert "`priority` must be between -100 and 10000, got 20000" in done.stdout
