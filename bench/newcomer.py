"""Prints how long a newcomer waits from a fresh clone to StemSafe's first answer, phase by phase.

Does what a newcomer's `make run` does, in a temporary folder: ``git clone`` of this repository's
committed HEAD, then the steps `make run` takes in order (``make venv``: a new .venv and
``pip install -r requirements.txt``; ``make spacy``; ``make train``, which writes the generated
domain first; ``make webchat``; ``scripts/run.sh``), and sends "hi" over REST until an answer comes
back. Each phase prints wall seconds and the CPU seconds of its processes (training is CPU-bound;
on a shared machine its CPU time is steadier than its wall time), with the load average, so a busy
machine shows. pip uses its own download cache and any wheel directory configured for pip on this
machine (PIP_FIND_LINKS), as a newcomer's pip would; a first install on a new machine downloads
about 2.7 GB more. Ports are picked free; everything started is stopped at the end. Not a test: it
prints.

Usage: python bench/newcomer.py [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import free_port, rest_headers, rest_token  # noqa: E402


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def phase(name: str, args: list[str], cwd: Path, env: dict[str, str], log: Path) -> tuple[float, float]:
    wall0, cpu0 = time.perf_counter(), children_cpu()
    with log.open("ab") as out:
        out.write(f"\n=== {name}: {' '.join(args)}\n".encode())
        out.flush()
        done = subprocess.run(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    wall, cpu = time.perf_counter() - wall0, children_cpu() - cpu0
    if done.returncode != 0:
        sys.exit(f"{name} failed (exit {done.returncode}); see {log}")
    print(f"  {name:<34} {wall:>7.0f} s wall {cpu:>7.0f} s CPU   load {os.getloadavg()[0]:.1f}", flush=True)
    return wall, cpu


def first_answer(url: str, proc: subprocess.Popen, timeout: float = 600) -> None:
    body = json.dumps({"sender": "newcomer", "message": "hi"}).encode()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"scripts/run.sh stopped before answering (exit {proc.returncode}); see the log")
        try:
            headers = {"Content-Type": "application/json", **rest_headers()}
            request = urllib.request.Request(url, body, headers)
            with urllib.request.urlopen(request, timeout=10) as response:
                if json.loads(response.read()):
                    return
        except (OSError, ValueError):
            pass
        time.sleep(0.5)
    sys.exit(f"no answer within {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", action="store_true", help="keep the clone (printed) instead of deleting it")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="stemsafe-newcomer-"))
    clone = base / "stemsafe"
    log = base / "newcomer.log"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    print(f"fresh clone of {commit.stdout.strip()} in {clone} (log: {log}); load {os.getloadavg()[0]:.1f}")
    total_wall = total_cpu = 0.0
    steps = [
        ("git clone", ["git", "clone", "--quiet", "--no-local", str(ROOT), str(clone)], base),
        ("install (make venv)", ["make", "venv"], clone),
        ("spaCy pipeline (make spacy)", ["make", "spacy"], clone),
        ("training (make train)", ["make", "train"], clone),
        ("chat widget (make webchat)", ["make", "webchat"], clone),
    ]
    for name, command, cwd in steps:
        wall, cpu = phase(name, command, cwd, env, log)
        total_wall += wall
        total_cpu += cpu
    ports = {"ACTION_PORT": free_port(), "RASA_PORT": free_port(), "WEB_PORT": free_port()}
    run_env = {**env, **{k: str(v) for k, v in ports.items()}, "STEMSAFE_REST_TOKEN": rest_token()}
    started = time.perf_counter()
    with log.open("ab") as out:
        proc = subprocess.Popen(
            ["scripts/run.sh"], cwd=clone, env=run_env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        first_answer(f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook", proc)
        start = time.perf_counter() - started
        print(f"  {'start to first answer (run.sh)':<34} {start:>7.0f} s wall   load {os.getloadavg()[0]:.1f}")
        total_wall += start
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        except ProcessLookupError:
            pass  # run.sh already stopped (and stopped what it started)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    print(f"fresh clone to first answer: {total_wall / 60:.1f} min wall ({total_cpu / 60:.1f} min CPU before start-up)")
    if args.keep:
        print(f"kept: {clone}")
    else:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
