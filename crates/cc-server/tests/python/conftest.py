"""Fixtures of the cc-server suite: the cc-server binary that cargo built, started
on a free loopback port with a world file written here, and the official BlueKing
client (bkapi-component-open, with the operations of ``cmdb_client``) pointed at it.

``cargo xtask test`` runs this suite with CC_SERVER_BIN naming the binary
(``target/debug/cc-server``, which ``cargo test --workspace`` builds, or ``cargo
build -p cc-server`` with ``--python-only``). Every test is bounded: the server must
say where it listens within STARTUP_TIMEOUT, every request has REQUEST_TIMEOUT, a
whole test TEST_TIMEOUT, and the server is stopped (SIGTERM, then SIGKILL) after
each test.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from cmdb_client import NewerClient

REPO = Path(__file__).resolve().parents[4]
BUNDLED_WORLD = REPO / "crates" / "cc-server" / "examples" / "world.json"

STARTUP_TIMEOUT = 30.0
REQUEST_TIMEOUT = 10.0
STOP_TIMEOUT = 10.0
TEST_TIMEOUT = 120

APP_CODE = "cc-scenario"
APP_SECRET = "scenario-secret-not-a-real-one"
CREDENTIALS = {"bk_app_code": APP_CODE, "bk_app_secret": APP_SECRET}

# Business 1 with two hosts; service template 51 bound to module 10, module 11
# without a template; business 2 for nothing but being another business.
WORLD: Dict[str, Any] = {
    "apps": [CREDENTIALS],
    "businesses": [{"bk_biz_id": 1, "bk_biz_name": "scenario"}, {"bk_biz_id": 2, "bk_biz_name": "other"}],
    "hosts": [
        {"bk_host_id": 1, "bk_biz_id": 1, "bk_host_innerip": "10.0.0.5", "bk_host_outerip": "203.0.113.5"},
        {"bk_host_id": 2, "bk_biz_id": 1, "bk_host_innerip": "10.0.0.6"},
        {"bk_host_id": 3, "bk_biz_id": 2, "bk_host_innerip": "10.0.1.7"},
    ],
    "service_categories": [{"id": 1, "name": "Default"}],
    "service_templates": [{"id": 51, "bk_biz_id": 1, "name": "web", "service_category_id": 1}],
    "modules": [
        {"bk_module_id": 10, "bk_biz_id": 1, "bk_module_name": "web", "service_template_id": 51},
        {"bk_module_id": 11, "bk_biz_id": 1, "bk_module_name": "tools", "service_template_id": 0},
    ],
}

LISTENING = re.compile(r"listening on (http://127\.0\.0\.1:\d+)")


def server_bin() -> str:
    """The cc-server binary built by cargo."""
    path = os.environ.get("CC_SERVER_BIN") or str(REPO / "target" / "debug" / "cc-server")
    if not os.path.isfile(path):
        pytest.fail(f"no cc-server binary at {path}: set CC_SERVER_BIN (cargo xtask test does)")
    return path


@dataclass
class Server:
    """A running cc-server: where it listens and what it logged so far."""

    url: str
    process: subprocess.Popen
    log: List[str] = field(default_factory=list)


@contextmanager
def running(world: Path) -> Iterator[Server]:
    """cc-server with the world file ``world``, on a port the system picks."""
    process = subprocess.Popen(
        [server_bin(), "--listen", "127.0.0.1:0", "--world", str(world)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    log: List[str] = []
    lines: "queue.Queue[Any]" = queue.Queue()

    def pump() -> None:
        # Reads standard error to the end, so that the per-request log lines
        # never fill the pipe.
        for line in process.stderr:
            log.append(line)
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        url = None
        while url is None:
            try:
                line = lines.get(timeout=max(deadline - time.monotonic(), 0.001))
            except queue.Empty:
                pytest.fail(f"cc-server did not say where it listens within {STARTUP_TIMEOUT} s:\n{''.join(log)}")
            if line is None:
                pytest.fail(f"cc-server exited before listening (status {process.wait()}):\n{''.join(log)}")
            found = LISTENING.search(line)
            url = found.group(1) if found else None
        yield Server(url, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)
        reader.join(timeout=STOP_TIMEOUT)


@pytest.fixture()
def world_file(tmp_path: Path) -> Path:
    path = tmp_path / "world.json"
    path.write_text(json.dumps(WORLD, indent=2), encoding="utf-8")
    return path


@pytest.fixture()
def server(world_file: Path) -> Iterator[Server]:
    """cc-server with WORLD, fresh (in memory) for each test."""
    with running(world_file) as started:
        yield started


@pytest.fixture()
def bundled_server() -> Iterator[Server]:
    """cc-server with the bundled world file, as the README starts it."""
    with running(BUNDLED_WORLD) as started:
        yield started


def new_client(server: Server) -> NewerClient:
    """The official client for ``server``, without credentials, every request bounded."""
    client = NewerClient(endpoint=server.url)
    client.set_timeout(REQUEST_TIMEOUT)
    return client


@pytest.fixture()
def client(server: Server) -> NewerClient:
    """The client with the app's credentials in the X-Bkapi-Authorization header."""
    client = new_client(server)
    client.update_bkapi_authorization(**CREDENTIALS)
    return client


@pytest.fixture()
def body_client(server: Server) -> NewerClient:
    """The client without a header: the credentials go in each body (ESB style)."""
    return new_client(server)


@pytest.fixture(autouse=True)
def bounded() -> Iterator[None]:
    """Fails a test that runs longer than TEST_TIMEOUT (its fixtures still stop the server)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TimeoutError(f"the test took longer than {TEST_TIMEOUT} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(TEST_TIMEOUT)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
