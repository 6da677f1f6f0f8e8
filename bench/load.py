"""Prints StemSafe's speed figures beside a stock `rasa init` assistant measured in the same run.

Figures (REST channel, on this machine):
- cold start: process start to first answered message; resident memory of each process;
- one client: p50/p95 latency per message (StemSafe's mix includes clinic-check turns that call
  the action server and write to the records database);
- N clients sending back to back: messages per second, p50/p95/p99, errors;
- a steady arrival rate: p95 latency and errors.
Each simulated person has one conversation (the bot's script, 10 messages), then a new person takes
their place, as on a website; both assistants are driven the same way. With ``--replicas N`` the
scaled profile (PostgreSQL, Redis) runs N Rasa replicas behind HAProxy, which keeps each conversation
on one replica (bench/balancer.py). Every loop is bounded in count and time and only talks to
127.0.0.1. Not a test: it prints.

Usage: python bench/load.py [--skip-stock] [--replicas 2] [--clients 10 50] [--rate 20] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.balancer import Balancer  # noqa: E402
from tests.servers import BIN, Process, Stack, free_port, rest_headers  # noqa: E402

# One person's conversation. A step with several wordings picks one at random per person; every
# person names their own clinic and doctor, so the clinic names and doctors' names are new text that
# no cache has seen.
STEMSAFE_SCRIPT: list[str | tuple[str, ...]] = [
    ("hi", "hello", "hi there"),
    ("can donor stem cells be rejected?", "will my body reject donor cells?", "can my body reject donor stem cells"),
    ("check a clinic in Tijuana", "I want to vet a clinic in Cancun", "check a clinic in Mexico"),
    "Clinica {clinic}",
    "Dr. {doctor}, cédula {cedula}",
    ("only an aviso de funcionamiento", "they have a COFEPRIS licence", "I don't know"),
    ("what is a certificate of analysis?", "what's a certificate of analysis", "why does the certificate matter?"),
    ("stop", "pause", "stop the check"),
    ("what are the red flags of a clinic?", "what are warning signs of a bad clinic", "red flags?"),
    ("thanks", "thank you", "thanks!"),
]
STOCK_SCRIPT: list[str | tuple[str, ...]] = [
    "hi",
    "I am sad",
    "yes",
    "great",
    "bye",
    "are you a bot?",
    "hello",
    "no",
    "good",
    "goodbye",
]
NAMES = ["Vega", "Ortiz", "Salas", "Ruiz", "Campos", "Luna", "Rios", "Mora", "Paredes", "Navarro", "Serrano"]


def conversation(script: list[str | tuple[str, ...]], rng: random.Random) -> list[str]:
    """One person's messages: a wording per step, their own clinic and doctor."""
    fill = {
        "clinic": f"{rng.choice(NAMES)} {rng.randint(1, 99_999)}",
        "doctor": f"{rng.choice(NAMES)} {rng.choice(NAMES)}",
        "cedula": str(rng.randint(1_000_000, 99_999_999)),
    }
    return [(rng.choice(step) if isinstance(step, tuple) else step).format(**fill) for step in script]


@dataclass
class Target:
    name: str
    url: str
    script: list[str | tuple[str, ...]]
    processes: dict[str, int]

    def people(self, seed: int | None = None) -> Iterator[tuple[str, str]]:
        """(sender, message) pairs: one person has one conversation, then the next person starts."""
        rng = random.Random(seed)
        while True:
            sender = f"bench-{uuid.uuid4().hex}"
            for text in conversation(self.script, rng):
                yield sender, text


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    pids = [pid]
    try:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


async def send(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> tuple[float, bool]:
    start = time.perf_counter()
    try:
        body = {"sender": sender, "message": text}
        async with session.post(f"{url}/webhooks/rest/webhook", json=body, headers=rest_headers()) as r:
            await r.json()
            ok = r.status == 200  # an empty reply list is an answer too (the stock bot sometimes says nothing)
    except (aiohttp.ClientError, asyncio.TimeoutError):
        ok = False
    return (time.perf_counter() - start) * 1000, ok


async def one_client(target: Target, messages: int) -> dict:
    latencies: list[float] = []
    errors = 0
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        for sender, text in itertools.islice(target.people(), messages):
            ms, ok = await send(session, target.url, sender, text)
            latencies.append(ms)
            errors += not ok
    return {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95), "errors": errors}


async def back_to_back(target: Target, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    connector = aiohttp.TCPConnector(limit=clients)

    async def client(session: aiohttp.ClientSession) -> None:
        nonlocal errors
        for sender, text in target.people():
            if time.perf_counter() > deadline:
                return
            ms, ok = await send(session, target.url, sender, text)
            latencies.append(ms)
            errors += not ok

    start = time.perf_counter()
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=120)) as session:
        await asyncio.gather(*(client(session) for _ in range(clients)))
    elapsed = time.perf_counter() - start
    return {
        "msg_s": len(latencies) / elapsed,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "errors": errors,
        "n": len(latencies),
    }


async def steady_rate(target: Target, rate: float, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    total = int(rate * seconds)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        slots = max(1, int(rate))
        people = [target.people() for _ in range(slots)]
        locks = [asyncio.Lock() for _ in range(slots)]

        async def fire(i: int) -> None:
            nonlocal errors
            slot = i % slots
            async with locks[slot]:  # one message at a time per conversation, as a person would
                sender, text = next(people[slot])
                ms, ok = await send(session, target.url, sender, text)
            latencies.append(ms)
            errors += not ok

        start = time.perf_counter()
        tasks = []
        for i in range(total):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(fire(i)))
        await asyncio.gather(*tasks)
    return {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95), "errors": errors, "n": total}


def first_answer_ms(url: str, started: float) -> float:
    import requests

    while True:
        try:
            if requests.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": "cold", "message": "hi"},
                headers=rest_headers(),
                timeout=60,
            ).json():
                return (time.perf_counter() - started) * 1000
        except Exception:
            pass
        time.sleep(0.2)


def start_stemsafe(workdir: Path) -> tuple[Target, Stack]:
    stack = Stack(workdir)
    started = time.perf_counter()
    stack.start()
    cold = first_answer_ms(stack.url, started)
    processes = {"rasa": stack.rasa.proc.pid, "actions": stack.actions.proc.pid}
    print(f"StemSafe cold start (action server + Rasa server, to first answer): {cold / 1000:.1f} s")
    return Target("StemSafe", stack.url, STEMSAFE_SCRIPT, processes), stack


def start_stemsafe_replicas(workdir: Path, count: int, cleanup: ExitStack) -> Target:
    """The scaled profile: `count` Rasa replicas + one action server, PostgreSQL tracker store and
    records, Redis lock store (all on this machine), behind HAProxy routing per conversation.
    TensorFlow gets one thread per replica: the replicas share two cores."""
    import yaml

    from stores.endpoints import endpoints
    from tests.databases import database_url_for, temporary_database

    database = cleanup.enter_context(temporary_database("stemsafe_bench"))
    env = {
        "STEMSAFE_PROFILE": "scaled",
        "STEMSAFE_LOCAL_SERVICES": "1",  # the machine's own services, with their default credentials
        "TRACKER_DB_NAME": database,
        "TRACKER_DB_USER": "postgres",
        "LOCK_KEY_PREFIX": f"bench{uuid.uuid4().hex[:8]}",
        "DATABASE_URL": database_url_for(database),
        "SQL_POOL_SIZE": "10",
        "SQL_MAX_OVERFLOW": "10",
        "TF_INTER_OP_PARALLELISM_THREADS": "1",
        "TF_INTRA_OP_PARALLELISM_THREADS": "1",
    }
    stack = Stack(workdir / "replicas", extra_env=dict(env))
    stack.workdir.mkdir()
    config = endpoints(env)
    del config["action_endpoint"]
    stack.extra_env["TEST_TRACKER_STORE"] = yaml.safe_dump(config, sort_keys=False)
    cleanup.callback(stack.stop)
    stack.start_actions()
    processes = {"actions": stack.actions.proc.pid}
    urls = []
    for i in range(count):
        port = free_port()
        proc = stack.rasa_process(port, f"rasa-{i}.log").start(timeout=300)
        cleanup.callback(proc.stop)
        processes[f"rasa{i}"] = proc.proc.pid
        urls.append(f"http://127.0.0.1:{port}")
    balancer = Balancer(stack.workdir, free_port(), urls)
    cleanup.callback(balancer.stop)
    processes["haproxy"] = balancer.pid
    return Target(f"StemSafe x{count} replicas", balancer.url, STEMSAFE_SCRIPT, processes)


def start_stock(workdir: Path) -> tuple[Target, Process]:
    init_dir = workdir / "stock"
    init_dir.mkdir()
    t0 = time.perf_counter()
    subprocess.run(
        [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(init_dir)],
        cwd=workdir,
        check=True,
        capture_output=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"},
    )
    print(f"stock rasa init: created and trained in {time.perf_counter() - t0:.0f} s")
    port = free_port()
    model = sorted((init_dir / "models").glob("*.tar.gz"))[-1]
    proc = Process(
        "stock rasa",
        [str(BIN / "rasa"), "run", "--model", str(model), "--port", str(port), "--interface", "127.0.0.1"],
        {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"},
        workdir / "stock.log",
        f"http://127.0.0.1:{port}/",
    )
    started = time.perf_counter()
    # Run from its own folder: it must use its own endpoints and credentials, not StemSafe's.
    with proc.log.open("ab") as log:
        proc.proc = subprocess.Popen(
            proc.args, cwd=init_dir, env=proc.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    cold = first_answer_ms(url, started)
    print(f"stock cold start (Rasa server, to first answer): {cold / 1000:.1f} s")
    return Target("stock rasa init", url, STOCK_SCRIPT, {"rasa": proc.proc.pid}), proc


def table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-stock", action="store_true")
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--single", type=int, default=60, help="messages for the one-client figure")
    parser.add_argument("--replicas", type=int, default=0, help="also measure N replicas (scaled profile)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="stemsafe-bench-"))
    cleanup = ExitStack()
    targets = []
    target, stack = start_stemsafe(workdir)
    cleanup.callback(stack.stop)
    targets.append(target)
    if args.replicas > 1:
        targets.append(start_stemsafe_replicas(workdir, args.replicas, cleanup))
    if not args.skip_stock:
        stock, proc = start_stock(workdir)
        cleanup.callback(proc.stop)
        targets.append(stock)
    with cleanup:
        results: dict[str, dict] = {}
        for t in targets:
            r: dict = {"rss": {k: rss_mb(pid) for k, pid in t.processes.items()}}
            r["single"] = asyncio.run(one_client(t, args.single))
            for n in args.clients:
                cpu = {k: cpu_seconds(pid) for k, pid in t.processes.items()}
                r[f"c{n}"] = asyncio.run(back_to_back(t, n, args.seconds))
                r[f"c{n}"]["cpu"] = {
                    k: (cpu_seconds(pid) - cpu[k]) * 1000 / max(r[f"c{n}"]["n"], 1) for k, pid in t.processes.items()
                }
            r["rate"] = asyncio.run(steady_rate(t, args.rate, args.seconds))
            r["rss_after"] = {k: rss_mb(pid) for k, pid in t.processes.items()}
            results[t.name] = r
        names = [t.name for t in targets]
        rows = [("figure", *names)]
        rows.append(
            (
                "resident memory after load (MB)",
                *(", ".join(f"{k} {v:.0f}" for k, v in results[n]["rss_after"].items()) for n in names),
            )
        )
        rows.append(
            (
                "1 client p50 / p95 (ms)",
                *(f"{results[n]['single']['p50']:.0f} / {results[n]['single']['p95']:.0f}" for n in names),
            )
        )
        for c in args.clients:
            rows.append((f"{c} clients msg/s", *(f"{results[n][f'c{c}']['msg_s']:.1f}" for n in names)))
            rows.append(
                (
                    f"{c} clients p50/p95/p99 (ms)",
                    *("{p50:.0f} / {p95:.0f} / {p99:.0f}".format(**results[n][f"c{c}"]) for n in names),
                )
            )
            rows.append((f"{c} clients errors", *(str(results[n][f"c{c}"]["errors"]) for n in names)))
            rows.append(
                (
                    f"{c} clients CPU per message (ms)",
                    *(", ".join(f"{k} {v:.1f}" for k, v in results[n][f"c{c}"]["cpu"].items()) for n in names),
                )
            )
        rows.append(
            (
                f"steady {args.rate:g} msg/s p50 / p95 (ms)",
                *(f"{results[n]['rate']['p50']:.0f} / {results[n]['rate']['p95']:.0f}" for n in names),
            )
        )
        rows.append((f"steady {args.rate:g} msg/s errors", *(str(results[n]["rate"]["errors"]) for n in names)))
        print()
        table(rows)


if __name__ == "__main__":
    main()
