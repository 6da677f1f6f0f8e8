"""Shows where StemSafe's Rasa server and action server spend their time under load.

Starts the stack (as bench/load.py does), drives N clients back to back with the bench script while
py-spy samples each process, then prints the functions with the largest share of samples: "self"
(time in the function's own code) and "inclusive" (time with everything it called), grouped by a
few markers (TensorFlow, SQL, JSON schema, ...). Not a test: it prints.

Usage: python bench/profiling.py [--clients 10] [--seconds 25] [--top 25]
Needs py-spy (pinned in requirements.txt); sampling another process needs ptrace rights (root here).
(Not named profile.py: scripts in bench/ would import it instead of the standard library's profile.)
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import back_to_back, start_stemsafe  # noqa: E402
from tests.servers import BIN  # noqa: E402

# Where a sample's stack passes through one of these, it counts for that group (first match wins).
GROUPS = [
    ("TensorFlow inference", ("tensorflow/", "keras/")),
    ("JSON schema validation", ("jsonschema/",)),
    ("tracker store (SQL)", ("tracker_store.py", "stores/tracker.py")),
    ("records database (SQLAlchemy)", ("bot/store.py",)),
    ("action server calls (HTTP)", ("core/actions/action.py:run", "aiohttp/")),
    ("tracker featurisation / states", ("featurizers/tracker_featurizers.py", "trackers.py:past_states")),
    ("rule policy", ("rule_policy.py",)),
    ("NLU featurisers", ("nlu/featurizers/", "nlu/tokenizers/", "spacy/")),
    ("event (de)serialisation", ("shared/core/events.py",)),
]


def frames(line: str) -> tuple[list[str], int]:
    stack, _, count = line.rpartition(" ")
    return stack.split(";"), int(count)


def summarise(raw: Path, top: int) -> None:
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        if not line.strip():
            continue
        stack, count = frames(line)
        total += count
        own[stack[-1]] += count
        for name in set(stack):
            inclusive[name] += count
        joined = ";".join(stack)
        for group, markers in GROUPS:
            if any(m in joined for m in markers):
                groups[group] += count
                break
        else:
            groups["other"] += count
    if not total:
        print("  no samples")
        return
    print(f"  {total} samples")
    print("  by group (first matching marker):")
    for group, count in groups.most_common():
        print(f"    {100 * count / total:5.1f}%  {group}")
    print("  self time:")
    for name, count in own.most_common(top):
        print(f"    {100 * count / total:5.1f}%  {name}")
    print("  inclusive time:")
    for name, count in inclusive.most_common(top):
        print(f"    {100 * count / total:5.1f}%  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=25)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--rate", type=int, default=100, help="samples per second")
    parser.add_argument(
        "--nonblocking",
        action="store_true",
        help="sample without pausing the process: less overhead, but some stacks come out torn",
    )
    parser.add_argument(
        "--gil", action="store_true", help="count only samples holding the GIL (Python CPU work, not I/O waits)"
    )
    args = parser.parse_args()
    spy = shutil.which("py-spy", path=str(BIN)) or shutil.which("py-spy")
    if not spy:
        sys.exit("py-spy not found: run `make venv` (it is in requirements.txt)")
    workdir = Path(tempfile.mkdtemp(prefix="stemsafe-profile-"))
    target, stack = start_stemsafe(workdir)
    try:
        spies = {}
        for name, pid in target.processes.items():
            out = workdir / f"{name}.txt"
            spies[name] = (
                out,
                subprocess.Popen(
                    [
                        spy,
                        "record",
                        "--pid",
                        str(pid),
                        "--format",
                        "raw",
                        "--output",
                        str(out),
                        "--rate",
                        str(args.rate),
                        "--duration",
                        str(int(args.seconds) + 2),
                        *(["--nonblocking"] if args.nonblocking else []),
                        *(["--gil"] if args.gil else []),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                ),
            )
        result = asyncio.run(back_to_back(target, args.clients, args.seconds))
        print(
            f"{args.clients} clients: {result['msg_s']:.1f} msg/s, p95 {result['p95']:.0f} ms, "
            f"{result['errors']} errors"
        )
        for name, (out, proc) in spies.items():
            proc.wait(timeout=120)
            print(f"\n{name}:")
            summarise(out, args.top)
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
