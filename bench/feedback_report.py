"""Figures from the review queue (issue 19): over a period, per language, the share of answers marked helpful,
the ask-back and fallback rates, refused commands and the question groups that went unanswered most; and, with
``--page-timing``, the time the editor's page takes with 100,000 items in the queue.

    python -m bench.feedback_report [--days 30] [--database URL]
    python -m bench.feedback_report --page-timing [--items 100000] [--database postgresql://127.0.0.1/test]
    python -m bench.feedback_report --dev-set [--url http://127.0.0.1:5005]

``--dev-set`` uses the loop once on the development part of the real-question set (tests/real_questions/
en_dev.yml; never the final part): each question is asked over REST by a new person who agreed in the greeting,
an "editor" labels each kept item with the set's own label (the bot's topic when it matched, else the other
topic, the new topic, out of scope or urgent), the labelled items are exported as a real-question set and read
back with bench.real_questions.load_file; it prints the queue's figures and how many round-tripped unchanged.

The period report reads the records database (``DATABASE_URL``, default var/records.db). The page timing
fills a throw-away database (a SQLite file, or a new schema in the given PostgreSQL) with synthetic items,
logs an editor in and times whole HTTP requests to ``/editor`` through the real web app. Times are figures
to read, not thresholds (a shared machine).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import tempfile
import time
from contextlib import nullcontext
from datetime import datetime, timedelta
from pathlib import Path

from bot import feedback, flags
from bot.feedback_store import FeedbackStore
from bot.store import Store, utcnow

LANGUAGE_ORDER = ("all", "en", "es")


def period_report(queue: FeedbackStore, since: datetime, until: datetime, top: int = 10) -> str:
    figures = queue.figures(since, until)
    lines = [f"Review queue, {since:%Y-%m-%d %H:%M} to {until:%Y-%m-%d %H:%M} UTC (only consenting conversations)"]
    lines.append(
        f"{'language':<9}{'items':>8}{'answers':>9}{'rated':>7}{'helpful':>9}{'ask-back':>10}{'fallback':>10}{'refused':>9}"
    )
    for language in sorted(figures, key=lambda k: (LANGUAGE_ORDER.index(k) if k in LANGUAGE_ORDER else 9, k)):
        f = figures[language]
        lines.append(
            f"{language:<9}{f['items']:>8.0f}{f['answers']:>9.0f}{f['rated']:>7.0f}{f['helpful_share']:>9.1%}"
            f"{f['ask_back_rate']:>10.1%}{f['fallback_rate']:>10.1%}{f['refused']:>9.0f}"
        )
    for language in [None, *sorted(k for k in figures if k != "all")]:
        groups = queue.top_unanswered(since, until, language, top)
        lines.append(f"\nTop unanswered question groups ({language or 'all languages'}):")
        lines += [f"{n:>6}  {text[:100]}" for n, text in groups] or ["  (none)"]
    return "\n".join(lines)


def fill(queue: FeedbackStore, count: int, groups: int) -> None:
    """`count` synthetic items in `groups` near-duplicate groups, over 90 days, mixed kinds and feedback."""
    from sqlalchemy import insert

    from bot.feedback_store import ItemRow

    now = utcnow()
    topics = ["rejection", "tumours", "fda_approved", "cost_abroad", None]
    batch = []
    with queue.session() as s:
        for i in range(count):
            kind = feedback.KINDS[i % 7 % 4] if i % 7 < 4 else feedback.ANSWER
            batch.append(
                {
                    "token": f"bench{i:020d}",
                    "person_ref": f"{i % 9973:064x}",
                    "kind": kind,
                    "text": f"synthetic question {i % groups} about stem cells",
                    "group_key": f"{i % groups:024x}",
                    "topic": topics[i % 5] if kind == feedback.ANSWER else None,
                    "confidence": (i % 100) / 100,
                    "helpful": (None, "yes", "no")[i % 3] if kind == feedback.ANSWER else None,
                    "language": "es" if i % 5 == 0 else "en",
                    "channel": ("socketio", "rest", "twilio", "telegram")[i % 4],
                    "created_at": now - timedelta(minutes=i % (90 * 24 * 60)),
                }
            )
            if len(batch) == 10_000:
                s.execute(insert(ItemRow), batch)
                batch = []
        if batch:
            s.execute(insert(ItemRow), batch)


async def time_pages(store: Store, repeats: int) -> list[tuple[str, float, float]]:
    from aiohttp.test_utils import TestClient, TestServer

    from bot.editors import Editors
    from bot.web import make_app

    password = "bench password 123"
    Editors(FeedbackStore(store.engine)).add("bench", password)
    async with TestClient(TestServer(make_app(store))) as client:
        form = await (await client.get("/editor/login")).text()
        token = re.search(r"name='csrf' value='([^']+)'", form)
        assert token, "no login form"
        await client.post("/editor/login", data={"csrf": token.group(1), "name": "bench", "password": password})
        first = await (await client.get("/editor")).text()
        pages = int(re.search(r"Page 1 of (\d+)", first).group(1))  # type: ignore[union-attr]
        cases = [
            ("first page", "/editor"),
            ("middle page", f"/editor?page={pages // 2}"),
            ("last page", f"/editor?page={pages}"),
            ("filter: language es, failed", "/editor?language=es&feedback=failed"),
            ("filter: topic tumours, not helpful", "/editor?topic=tumours&feedback=no"),
            ("export: real-question set", "/editor/export/real_questions.yml"),
        ]
        out = []
        for name, path in cases:
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                response = await client.get(path)
                await response.read()
                times.append((time.perf_counter() - start) * 1000)
                assert response.status == 200, (path, response.status)
            out.append((name, statistics.median(times), max(times)))
        return out


def page_timing(items: int, groups: int, database: str | None, repeats: int) -> str:
    from tests.databases import postgres_schema_url

    with tempfile.TemporaryDirectory() as tmp:
        context = postgres_schema_url() if database and database.startswith("postgres") else nullcontext(None)
        with context as pg_url:
            url = pg_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
            store = Store.from_url(url, flag_rules=flags.evaluate)
            start = time.perf_counter()
            fill(FeedbackStore(store.engine), items, groups)
            filled = time.perf_counter() - start
            with store.engine.begin() as connection:  # statistics, as a live database keeps them (autovacuum)
                connection.exec_driver_sql("ANALYZE feedback_items" if pg_url else "ANALYZE")
            results = asyncio.run(time_pages(store, repeats))
            store.engine.dispose()
    kind = "PostgreSQL" if database and database.startswith("postgres") else "SQLite"
    lines = [
        f"Editor page, {items:,} items in {groups:,} groups, {kind} (filled in {filled:.1f} s); {repeats} requests each"
    ]
    lines += [f"  {name:<38} median {median:7.1f} ms   max {worst:7.1f} ms" for name, median, worst in results]
    return "\n".join(lines)


def dev_set(url: str | None) -> str:
    """The loop once on en_dev.yml (see the module docstring); a Stack is started when no `url` is given."""
    import os
    import sys
    import uuid

    from bench.real_questions import load_file, load_questions, rest_sender
    from tests.servers import Stack, rest_id

    questions = load_questions("en", "dev")
    stack = None if url else Stack(Path(tempfile.mkdtemp(prefix="fb-dev-"))).start()
    try:
        send = rest_sender(url or stack.url)  # type: ignore[union-attr]
        env = stack.env if stack else os.environ
        os.environ[feedback.KEY_ENV] = env.get(feedback.KEY_ENV, "")
        database = env.get("DATABASE_URL")
        asked: list[tuple[str, object]] = []
        for i, q in enumerate(questions, 1):
            sender = f"fbdev-{uuid.uuid4().hex[:12]}"
            send(sender, feedback.consent_payload(True))
            send(sender, q.text)
            asked.append((rest_id(sender), q))
            print(f"\r{i}/{len(questions)}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    finally:
        if stack:
            stack.stop()
    queue = FeedbackStore.from_url(database)
    kept = skipped = 0
    expected: dict[str, tuple[str, str]] = {}
    for sender, q in asked:
        items = queue.items_of(sender)
        if not items:
            continue
        kept += 1
        item = items[0]
        label = q.label  # type: ignore[attr-defined]
        if label == item.topic:
            chosen, value = feedback.RIGHT_TOPIC, None
        elif label.startswith("new:"):
            chosen, value = feedback.NEW_TOPIC, label[4:]
        elif label in ("out_of_scope", "urgent"):
            chosen, value = label, None
        elif label in ("clinic_check", "recommend"):
            skipped += 1  # not labels an editor gives a question (the dialogue handles them)
            continue
        else:
            chosen, value = feedback.OTHER_TOPIC, label
        queue.label(item.id, chosen, value, "bench")
        expected[item.text] = (q.text, label)  # type: ignore[attr-defined]
    until = utcnow() + timedelta(seconds=1)
    report = period_report(queue, until - timedelta(days=1), until, top=5)
    exported = queue.labelled()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fb_dev.yml"
        path.write_text(feedback.export_real_questions(exported), encoding="utf-8")
        loaded = load_file(path)
    same_label = sum(1 for x in loaded if x.text in expected and expected[x.text][1] == x.label)
    redacted = sum(1 for x in loaded if x.text in expected and expected[x.text][0] != x.text)
    lines = [
        report,
        "",
        f"en_dev: {len(questions)} questions asked with consent; {kept} kept; {len(exported)} labelled and exported "
        f"({skipped} clinic-check/recommend questions not labelled; near-duplicates exported once)",
        f"read back by bench.real_questions.load_file: {len(loaded)} questions, {same_label} with the same label; "
        f"{redacted} texts changed by redaction (names, places, contacts)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=float, default=30, help="the period: the last N days (default 30)")
    parser.add_argument("--database", help="records database URL (default DATABASE_URL or var/records.db)")
    parser.add_argument("--page-timing", action="store_true", help="time the editor page with a big queue")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--groups", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--dev-set", action="store_true", help="the loop once on the real-question dev set")
    parser.add_argument("--url", help="with --dev-set: a running StemSafe (default: start one)")
    args = parser.parse_args(argv)
    if args.dev_set:
        print(dev_set(args.url))
        return 0
    if args.page_timing:
        print(page_timing(args.items, args.groups, args.database, args.repeats))
        return 0
    queue = FeedbackStore.from_url(args.database)
    until = utcnow() + timedelta(seconds=1)
    print(period_report(queue, until - timedelta(days=args.days), until))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
