"""Threads checking at once: the same results as one at a time, and the GIL is released
while checking (other Python threads run meanwhile)."""

from __future__ import annotations

import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import cc_lint
from conftest import payload_files


def big_payload(processes: int) -> bytes:
    rows = [{"enable": True, "ip": "10.0.0.1", "port": "8080", "protocol": "1", "template_row_id": 1}]
    items = [
        {"bk_process_id": i, "bk_process_name": f"p{i}", "proc_num": 1, "user": "app", "bind_info": rows}
        for i in range(1, processes + 1)
    ]
    return json.dumps({"bk_biz_id": 1, "processes": items}, indent=2).encode()


def test_threads_get_the_results_of_one_thread():
    files = [path.read_bytes() for path in payload_files()]

    def check_all(_):
        return [cc_lint.check(data, "update_process_instance") for data in files]

    expected = check_all(None)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(check_all, range(16)))
    assert all(result == expected for result in results)


def test_the_gil_is_released_while_checking():
    payload = big_payload(30_000)
    cc_lint.check(payload)  # warm up
    started = time.perf_counter()
    cc_lint.check(payload)
    duration = time.perf_counter() - started
    window = {}
    ticks = []

    def worker():
        window["start"] = time.perf_counter()
        cc_lint.check(payload)
        window["end"] = time.perf_counter()

    previous = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    try:
        thread = threading.Thread(target=worker)
        thread.start()
        while thread.is_alive():
            ticks.append(time.perf_counter())
        thread.join()
    finally:
        sys.setswitchinterval(previous)
    start, end = window["start"], window["end"]
    # The middle half of the check: a thread holding the GIL through it lets none run.
    quarter = (end - start) / 4
    inside = [t for t in ticks if start + quarter < t < end - quarter]
    assert duration > 0.02, f"the payload is too small to tell ({duration:.3f} s)"
    assert len(inside) > 100, f"{len(inside)} iterations of the main thread during a {end - start:.3f} s check"
