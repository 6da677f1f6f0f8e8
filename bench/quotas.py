"""Prints how long normal users wait for an answer, alone and while one client floods the server past its quota.

Starts StemSafe (action server + Rasa server, as tests.servers.Stack does) with the production quotas
(channels/quotas.py ``LIMITS``, or ``--quotas`` in ``STEMSAFE_QUOTAS`` form). Normal users each send
``--messages`` REST messages from their own loopback address (127.0.0.3, .4, ...), one every
``--pause`` seconds, first alone (baseline), then while a flooder on 127.0.0.2 sends as fast as
``--flood-connections`` connections allow (each message from a new sender, so only the per-address
quota stops it). Prints the median, 90th percentile and maximum answer time of normal users in both
phases, how many flood messages were answered and refused, and how long a refusal took.
Not a test: it prints (timings on a shared machine are figures, not assertions).

Usage: python bench/quotas.py [--users 3] [--messages 10] [--pause 1.0] [--flood-connections 8]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.security.rest_from import is_polite_refusal, say_from  # noqa: E402
from tests.servers import Stack  # noqa: E402

QUESTIONS = ("hello", "what is a stem cell clinic?", "are stem cell injections approved for knees?")


def normal_traffic(url: str, users: int, messages: int, pause: float, phase: str) -> list[tuple[float, bool]]:
    """Each user sends `messages` messages from its own address; (answer time, was refused) per message."""
    results: list[tuple[float, bool]] = []
    lock = threading.Lock()

    def user(index: int) -> None:
        for number in range(messages):
            _, replies, took = say_from(f"127.0.0.{3 + index}", url, f"{phase}-{index}", QUESTIONS[number % 3])
            with lock:
                results.append((took, is_polite_refusal(replies)))
            time.sleep(pause)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def summary(label: str, results: list[tuple[float, bool]]) -> None:
    times = sorted(took for took, _ in results)
    p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
    refused = sum(1 for _, was in results if was)
    print(
        f"{label:<34} n={len(times):3d}  median {statistics.median(times) * 1000:6.0f} ms  "
        f"p90 {p90 * 1000:6.0f} ms  max {times[-1] * 1000:6.0f} ms  refused {refused}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=3)
    parser.add_argument("--messages", type=int, default=10)
    parser.add_argument("--pause", type=float, default=1.0)
    parser.add_argument("--flood-connections", type=int, default=8)
    parser.add_argument("--quotas", default="", help="STEMSAFE_QUOTAS (default: the production limits)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stemsafe-quotas-") as workdir:
        stack = Stack(Path(workdir), extra_env={"STEMSAFE_QUOTAS": args.quotas})
        stack.start()
        try:
            normal_traffic(stack.url, 1, 2, 0, "warm-up")
            baseline = normal_traffic(stack.url, args.users, args.messages, args.pause, "alone")
            flood: list[tuple[float, bool]] = []
            stop = threading.Event()

            def flooder(worker: int) -> None:
                count = 0
                while not stop.is_set():
                    _, replies, took = say_from("127.0.0.2", stack.url, f"flood-{worker}-{count}", "hello")
                    flood.append((took, is_polite_refusal(replies)))
                    count += 1

            threads = [threading.Thread(target=flooder, args=(i,)) for i in range(args.flood_connections)]
            for thread in threads:
                thread.start()
            while not any(was for _, was in flood):  # wait until the flooder is over its quota
                time.sleep(0.1)
            flooded = normal_traffic(stack.url, args.users, args.messages, args.pause, "beside-flood")
            stop.set()
            for thread in threads:
                thread.join()
        finally:
            stack.stop()
    summary("normal users, alone", baseline)
    summary("normal users, one client flooding", flooded)
    refusals = [took for took, was in flood if was]
    print(
        f"flooder (127.0.0.2, {args.flood_connections} connections): {len(flood)} messages, "
        f"{len(flood) - len(refusals)} answered, {len(refusals)} refused politely "
        f"(median refusal {statistics.median(refusals) * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
