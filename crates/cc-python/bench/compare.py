"""How much checking a payload from Python costs over the Rust library's check of the same bytes.

Writes the payloads to DIR (default: target/python/bench/): the seed examples of
tests/fixtures/seed/ (they have findings), the clean examples of examples/, and clean
payloads of 100 processes with three bind rows each, generated as cc-validate's criterion
bench generates them; then times ``cc_lint.check(bytes, endpoint)`` with timeit (median
of 31 samples) and runs ``cargo bench -p cc-python --bench check -- DIR``, which times
``cc_validate::check`` on the same files in release mode, and prints both and the ratio.
The fixed overhead is the difference on the smallest payload.

Run it with the Python that has the wheel installed (after ``cargo xtask test``):

    target/python/test-env/bin/python crates/cc-python/bench/compare.py [--instructions]

Times move a lot on a shared machine; ``--instructions`` counts instructions per call
instead, with ``valgrind --tool=callgrind`` (N calls minus none, on each side: the
bench binary with CC_BENCH_CALLS=N, this Python calling cc_lint.check N times), which
repeat to the instruction whatever else the machine does.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import timeit
from pathlib import Path

import cc_lint

REPO = Path(__file__).resolve().parents[3]


def wrapped(value, locked):
    return {"value": value, "as_default_value": locked}


def generated(endpoint: str, processes: int) -> bytes:
    """A clean payload of ``processes`` processes (cc-validate's benches/validate.rs)."""
    items = []
    for i in range(1, processes + 1):
        rows = range(1, 4)
        if endpoint == "batch_create_proc_template":
            items.append({"spec": {
                "bk_func_name": wrapped(f"server{i}", True),
                "bk_process_name": wrapped(f"proc-{i}", True),
                "bk_start_param_regex": wrapped(f"--instance={i}", True),
                "work_path": wrapped("/data/app", False),
                "user": wrapped("app", False),
                "proc_num": wrapped(1 + i % 8, False),
                "priority": wrapped(1 + i % 100, False),
                "timeout": wrapped(30, False),
                "start_cmd": wrapped("./bin/start.sh", False),
                "stop_cmd": wrapped("./bin/stop.sh", False),
                "pid_file": wrapped(f"/var/run/proc-{i}.pid", False),
                "auto_start": wrapped(i % 2 == 0, False),
                "description": wrapped("generated", False),
                "bind_info": {"value": [{
                    "enable": wrapped(True, True),
                    "ip": wrapped(["1", "2", "3", "4"][row % 4], True),
                    "port": wrapped(f"{8000 + row * 10}", True),
                    "protocol": wrapped("1", True),
                    "row_id": row,
                } for row in rows], "as_default_value": True},
            }})
        else:
            items.append({
                "bk_process_id": i, "bk_process_name": f"proc-{i}", "bk_func_name": f"server{i}",
                "bk_start_param_regex": f"--instance={i}", "work_path": "/data/app", "user": "app",
                "proc_num": 1 + i % 8, "priority": 1 + i % 100, "timeout": 30,
                "start_cmd": "./bin/start.sh", "stop_cmd": "./bin/stop.sh", "description": "generated",
                "auto_start": i % 2 == 0,
                "bind_info": [{"enable": True, "ip": f"10.0.{i % 256}.{row}", "port": f"{8000 + row * 10}",
                               "protocol": "1", "template_row_id": row} for row in rows],
            })
    payload = {"bk_biz_id": 3, "processes": items}
    if endpoint == "batch_create_proc_template":
        payload = {"bk_biz_id": 3, "service_template_id": 51, "processes": items}
    return json.dumps(payload, indent=2).encode()


def write_payloads(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    for endpoint in ("batch_create_proc_template", "update_process_instance"):
        shutil.copy(REPO / "tests/fixtures/seed" / f"{endpoint}.request.json", directory / f"{endpoint}.1-seed.json")
        shutil.copy(REPO / "examples" / f"{endpoint}.valid.json", directory / f"{endpoint}.2-small.json")
        large = generated(endpoint, 100)
        assert cc_lint.check(large, endpoint) == [], "the generated payload must stay clean"
        (directory / f"{endpoint}.3-large.json").write_bytes(large)


def python_median_ns(data: bytes, endpoint: str) -> float:
    check = cc_lint.check
    timer = timeit.Timer(lambda: check(data, endpoint))
    number, _ = timer.autorange()  # at least 0.2 s a sample
    number = max(1, number // 5)  # about 40 ms a sample, as the Rust side
    samples = timer.repeat(repeat=31, number=number)
    return statistics.median(samples) / number * 1e9


def rust_medians_ns(directory: Path) -> dict:
    command = [os.environ.get("CARGO", "cargo"), "bench", "--quiet", "-p", "cc-python", "--bench", "check", "--",
               str(directory)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{command} failed:\n{done.stderr}")
    medians = {}
    for line in done.stdout.splitlines():
        name, nanoseconds, _ = line.split()
        medians[name] = float(nanoseconds)
    return medians


def callgrind_instructions(command, env=None) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, check=True,
    )
    return int(done.stderr.split("Collected : ")[1].split()[0])


def bench_binary() -> str:
    command = [os.environ.get("CARGO", "cargo"), "bench", "--quiet", "-p", "cc-python", "--bench", "check",
               "--no-run", "--message-format=json"]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
    for line in done.stdout.splitlines():
        message = json.loads(line)
        if message.get("executable") and message.get("target", {}).get("name") == "check":
            return message["executable"]
    sys.exit("cargo built no bench binary")


def instructions(directory: Path) -> None:
    binary = bench_binary()
    print(f"{'payload':<45} {'bytes':>7} {'Rust':>11} {'Python':>11} {'ratio':>6} {'extra':>9}  (instructions a call)")
    for path in sorted(directory.glob("*.json")):
        alone = directory / "one" / path.stem
        alone.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, alone / path.name)
        calls = 100 if "large" in path.name else 2000
        rust = [callgrind_instructions([binary, str(alone)], {"CC_BENCH_CALLS": str(n)}) for n in (0, calls)]
        script = ("import sys, cc_lint; data = open(sys.argv[1], 'rb').read(); e = sys.argv[2]\n"
                  "for _ in range(int(sys.argv[3])): cc_lint.check(data, e)")
        endpoint = path.name.split(".")[0]
        python = [callgrind_instructions([sys.executable, "-c", script, str(path), endpoint, str(n)])
                  for n in (0, calls)]
        r, p = (rust[1] - rust[0]) / calls, (python[1] - python[0]) / calls
        print(f"{path.stem:<45} {path.stat().st_size:>7} {r:>11.0f} {p:>11.0f} {p / r:>5.2f}x {p - r:>9.0f}")


def main() -> None:
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    args = [arg for arg in sys.argv[1:] if arg != "--instructions"]
    directory = Path(args[0]) if args else target / "python" / "bench"
    write_payloads(directory)
    if "--instructions" in sys.argv[1:]:
        instructions(directory)
        return
    rust = rust_medians_ns(directory)
    print(f"{'payload':<45} {'bytes':>7} {'Rust':>11} {'Python':>11} {'ratio':>6} {'extra':>9}")
    for path in sorted(directory.glob("*.json")):
        endpoint = path.name.split(".")[0]
        data = path.read_bytes()
        python = python_median_ns(data, endpoint)
        r = rust[path.name]
        print(f"{path.stem:<45} {len(data):>7} {r / 1000:>9.2f}us {python / 1000:>9.2f}us "
              f"{python / r:>5.2f}x {(python - r) / 1000:>7.2f}us")


if __name__ == "__main__":
    main()
