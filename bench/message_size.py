"""Prints the time and memory one message costs the Rasa server, per message size and shape.

Starts StemSafe (action server + Rasa server, as tests.servers.Stack does) and sends one REST message
per size and shape, each from a new sender, sizes doubling from 1,000 characters to ``--max-chars``.
For each it prints the answer time, the server's resident memory after the answer (VmRSS) and its peak
so far (VmHWM), both read from /proc/<pid>/status, and the first words of the reply.

Shapes: ``letters`` ("a a a ...": many one-letter words, the worst case for the NLU models),
``words`` (a real sentence repeated), ``endless`` (one word without spaces), ``combining`` (letters
each followed by combining marks), ``emoji``.

A watchdog thread reads the server's memory every 0.2 s and kills it above ``--watchdog-gb``: before
the entry limits one 40,000-character message made Rasa grow to 24 GB on this shared machine, so run
the old code only up to 8,000-16,000 characters. Not a test: it prints.

Usage: python bench/message_size.py [--max-chars 65536] [--shapes letters words] [--watchdog-gb 6]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import Stack, rest_headers  # noqa: E402

SENTENCE = "my mother wants stem cell injections in her knee at a clinic in Tijuana "
SHAPES = {
    "letters": lambda n: ("a " * n)[:n],
    "words": lambda n: (SENTENCE * (n // len(SENTENCE) + 1))[:n],
    "endless": lambda n: "x" * n,
    "combining": lambda n: ("e\u0301\u0302\u0303\u0304" * n)[:n],
    "emoji": lambda n: ("\U0001f600" * n)[:n],
}


def status_kb(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Watchdog(threading.Thread):
    """Kills the process group of `pid` when its resident memory passes `limit_kb`."""

    def __init__(self, pid: int, limit_kb: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.limit_kb, self.fired, self.stopped = pid, limit_kb, False, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.2):
            if status_kb(self.pid, "VmRSS") > self.limit_kb:
                self.fired = True
                os.killpg(os.getpgid(self.pid), signal.SIGKILL)
                return


def sizes(max_chars: int) -> list[int]:
    found, size = [], 1000
    while size < max_chars:
        found.append(size)
        size *= 2
    return found + [max_chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-chars", type=int, default=65536)
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    parser.add_argument("--watchdog-gb", type=float, default=6.0)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="message-size-") as workdir:
        stack = Stack(Path(workdir)).start()
        try:
            pid = stack.rasa.proc.pid
            dog = Watchdog(pid, int(args.watchdog_gb * 1024 * 1024))
            dog.start()
            stack.say("warm-up", "hello")
            print(f"Rasa server pid {pid}; resident after warm-up {status_kb(pid, 'VmRSS') / 1024:,.0f} MB")
            print(
                f"{'shape':<10} {'chars':>7} {'body KB':>8} {'status':>6} {'seconds':>8} {'RSS MB':>8} "
                f"{'peak MB':>8}  reply"
            )
            for shape in args.shapes:
                for size in sizes(args.max_chars):
                    text = SHAPES[shape](size)
                    body = {"sender": f"size-{uuid.uuid4().hex}", "message": text}
                    started = time.perf_counter()
                    try:
                        response = requests.post(
                            f"{stack.url}/webhooks/rest/webhook",
                            json=body,
                            headers=rest_headers(),
                            timeout=args.timeout,
                        )
                        status = str(response.status_code)
                        replies = response.json() if response.ok else []
                        said = " / ".join(r.get("text", "") for r in replies)[:60].replace("\n", " ")
                    except requests.RequestException as error:
                        status, said = "error", type(error).__name__
                    seconds = time.perf_counter() - started
                    body_kb = len(json.dumps(body).encode()) / 1024
                    print(
                        f"{shape:<10} {size:>7,} {body_kb:>8.1f} {status:>6} {seconds:>8.2f} "
                        f"{status_kb(pid, 'VmRSS') / 1024:>8,.0f} {status_kb(pid, 'VmHWM') / 1024:>8,.0f}  {said}",
                        flush=True,
                    )
                    if dog.fired:
                        print(f"watchdog: the server passed {args.watchdog_gb} GB and was killed; stopping here")
                        return
            dog.stopped.set()
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
