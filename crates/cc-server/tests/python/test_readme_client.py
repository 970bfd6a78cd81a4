"""The README's example of the official client driving cc-server runs as written
(against the binary, started with the bundled world file as the README starts it),
prints what the README says, and declares the operations ``cmdb_client`` declares."""

from __future__ import annotations

import re
import subprocess
import sys

from bkapi_component.open.client import CcGroup

import cmdb_client
from conftest import REPO, Server

README = (REPO / "README.md").read_text(encoding="utf-8")
(BLOCK,) = [b for b in re.findall(r"```python\n(.*?)```", README, re.S) if "NewerCcGroup" in b]
ENDPOINT = '"http://127.0.0.1:8090"'
ADDED = ["list_process_related_info", "list_service_template_difference", "sync_service_template_to_service_instance"]


def test_the_example_prints_what_the_readme_says(bundled_server: Server):
    assert BLOCK.count(ENDPOINT) == 1
    code = BLOCK.replace(ENDPOINT, repr(bundled_server.url))
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    said = re.search(r"It prints `([^`]*)`, then `([^`]*)`\.", README)
    assert said is not None
    assert done.stdout.splitlines() == [said.group(1), said.group(2)]


def test_the_example_declares_the_operations_of_the_helper():
    namespace: dict = {}
    exec(BLOCK[: BLOCK.index("client = NewerClient(")], namespace)  # noqa: S102 (the README's own code)
    theirs = namespace["NewerClient"](endpoint="http://127.0.0.1:9").cc
    ours = cmdb_client.NewerClient(endpoint="http://127.0.0.1:9").cc
    for name in ADDED:
        mine, readme = getattr(ours, name), getattr(theirs, name)
        assert (readme.name, readme.method, readme.path) == (mine.name, mine.method, mine.path)
        assert mine.path == f"/api/c/compapi{{bk_api_ver}}/cc/{name}/"
        # Why the subclass: the package's own group has no such operation.
        assert not hasattr(CcGroup, name)
    # The operations the package has stay the package's.
    assert ours.list_proc_template.path == "/api/c/compapi{bk_api_ver}/cc/list_proc_template/"
