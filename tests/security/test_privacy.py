"""Privacy at the edges (server side): review findings L1, L3, L4, L5 (bot text), L6, L8, L9 (report
page), L11, L12, L13 and M4, each as what an attacker or a careless copy would see, against the real
stores (SQLite files, the local PostgreSQL), the real web app and the real scripts."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import markdown
import pytest
from aiohttp.test_utils import TestClient, TestServer
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, AllSlotsReset, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import DBAPIError

from bot import flags
from bot.clinic_check import ClinicCheck
from bot.entry_limits import admit
from bot.report import PRINT_SCRIPT, asks_new_link, chat_summary, markdown_safe
from bot.store import Answer, Assessment, Store, utcnow
from bot.web import make_app
from stores.endpoints import DefaultCredentials, endpoints
from stores.kept import MAX_KEPT_EVENTS
from stores.tracker import PrivateSQLTrackerStore
from tests.databases import postgres_schema_url, temporary_database

ROOT = Path(__file__).resolve().parents[2]
SECRET = "my mother has ALS, +1 619 555 0142"  # what must never reach a log or survive a deletion
TYPED = "my mother has ALS since 2019"  # stored as typed by the tracker store (no contact details)


def sqlite_store(tmp_path: Path) -> Store:
    return Store.from_url(f"sqlite:///{tmp_path / 'records.db'}", flag_rules=flags.evaluate)


def db_bytes(path: Path) -> bytes:
    """Everything a copy of the database would hold: the file and its write-ahead log."""
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


# --- L1: a database error never carries users' answers ------------------------------------------


def _failing_insert(store: Store) -> DBAPIError:
    """A write that the database refuses, as under load or a failover: SQLite's NOT NULL, PostgreSQL's
    "value too long" (a sender id over 255 characters)."""
    long_id = f"whatsapp:{SECRET}" + "x" * 300
    with pytest.raises(DBAPIError) as failed:
        with store.engine.begin() as connection:
            if store.engine.dialect.name == "sqlite":
                connection.execute(insert(Answer).values(assessment_id=1, question_id="q", raw_text=SECRET, value=None))
            else:
                connection.execute(insert(Assessment).values(sender_id=long_id, status="active", report_token="t"))
    return failed.value


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_logged_records_error_holds_no_answer_text(
    kind: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def check(store: Store) -> None:
        error = _failing_insert(store)
        logging.getLogger("actions.clinic_check").error("record_answer failed", exc_info=error)
        assert SECRET not in str(error) and "555 0142" not in caplog.text
        assert "hidden" in str(error)  # SQLAlchemy says the parameters were hidden

    if kind == "sqlite":
        check(sqlite_store(tmp_path))
    else:
        with postgres_schema_url() as url:
            store = Store.from_url(url, flag_rules=flags.evaluate)
            check(store)
            store.engine.dispose()


def test_a_tracker_store_error_on_postgresql_holds_no_message_text() -> None:
    with temporary_database("stemsafe_sec") as name:
        store = PrivateSQLTrackerStore(
            Domain.empty(), dialect="postgresql", host="127.0.0.1", port=5432, db=name, username="postgres"
        )
        with pytest.raises(DBAPIError) as failed:
            with store.session_scope() as session:  # sender_id is at most 255 characters
                sender = f"whatsapp:{SECRET}" + "x" * 300
                session.add(store.SQLEvent(sender_id=sender, type_name="user", timestamp=1.0, data=SECRET))
                session.commit()
        assert SECRET not in str(failed.value) and "hidden" in str(failed.value)
        store.engine.dispose()


# --- L13: a NUL byte never reaches PostgreSQL ---------------------------------------------------


def test_an_answer_with_a_nul_byte_is_stored_on_postgresql() -> None:
    typed = "Clinica\x00 Demo\x07 Tijuana"
    clean = admit(typed, "rest").full_text  # the entry gate's text, as every channel passes it on
    with postgres_schema_url() as url:
        store = Store.from_url(url, flag_rules=flags.evaluate)
        store.start("rest:nul")
        record = store.record_answer("rest:nul", "clinic_name", clean, clean, {"name": clean})
        assert record.clinic_name == "Clinica Demo Tijuana"
        store.engine.dispose()


# --- L3: deleted rows are not left readable in the SQLite files ---------------------------------


def test_deleted_answers_are_gone_from_the_records_file_and_its_log(tmp_path: Path) -> None:
    store = sqlite_store(tmp_path)
    store.start("rest:gone")
    for question in ("clinic_name", "location", "coa"):
        store.record_answer("rest:gone", question, f"{SECRET} {question}", "x")
    assert SECRET.encode() in db_bytes(tmp_path / "records.db")
    assert store.delete_user("rest:gone") == 1
    assert SECRET.encode() not in db_bytes(tmp_path / "records.db")


def test_retention_leaves_no_readable_answer_either(tmp_path: Path) -> None:
    store = sqlite_store(tmp_path)
    store.start("rest:old")
    store.record_answer("rest:old", "clinic_name", SECRET, "x")
    with store.engine.begin() as connection:
        connection.execute(update(Assessment).values(updated_at=utcnow() - timedelta(days=400)))
    assert store.delete_older_than(180) == 1
    assert SECRET.encode() not in db_bytes(tmp_path / "records.db")


def _user(text: str) -> UserUttered:
    return UserUttered(text, {"name": "inform", "confidence": 1.0}, parse_data={"text": text, "intent": {}})


def _erase_turn(succeeded: bool) -> list:
    events = [_user("yes"), ActionExecuted("action_delete_my_data"), BotUttered("Done")]
    return events + ([AllSlotsReset()] if succeeded else []) + [ActionExecuted("action_listen")]


def test_an_erased_conversation_is_gone_from_the_tracker_file_and_its_log(tmp_path: Path) -> None:
    store = PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    tracker = DialogueStateTracker.from_events("rest:t", [_user(TYPED), BotUttered("noted")])
    asyncio.run(store.save(tracker))
    assert TYPED.encode() in db_bytes(tmp_path / "tracker.db")
    for event in _erase_turn(succeeded=True):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    assert TYPED.encode() not in db_bytes(tmp_path / "tracker.db")


# --- L4: the conversation is erased only when the records were -----------------------------------


def test_a_failed_deletion_keeps_the_conversation(tmp_path: Path) -> None:
    store = PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    tracker = DialogueStateTracker.from_events("rest:f", [_user("clinic is Clinica Demo"), BotUttered("noted")])
    asyncio.run(store.save(tracker))
    for event in _erase_turn(succeeded=False):  # the action told the user it failed and returned nothing
        tracker.update(event)
    asyncio.run(store.save(tracker))
    fresh = asyncio.run(PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"),
                                               cache_size=0).retrieve("rest:f"))  # fmt: skip
    assert "clinic is Clinica Demo" in [e.text for e in fresh.events if isinstance(e, UserUttered)]


# --- L11: memory of conversations is bounded in events too ---------------------------------------


def test_a_huge_conversation_is_not_kept_in_memory(tmp_path: Path) -> None:
    domain = Domain.from_yaml("version: '3.1'\nintents: [inform]\n")
    store = PrivateSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    small = DialogueStateTracker.from_events("rest:small", [_user("hi"), BotUttered("hello")])
    asyncio.run(store.save(small))
    asyncio.run(store.retrieve("rest:small"))
    assert store.kept("rest:small") is not None
    events = [e for i in range(MAX_KEPT_EVENTS // 2 + 1) for e in (_user(f"message {i}"), BotUttered("ok"))]
    asyncio.run(store.save(DialogueStateTracker.from_events("rest:huge", events)))
    assert asyncio.run(store.retrieve("rest:huge")) is not None
    assert store.kept("rest:huge") is None


# --- L5: echoed values cannot become links ------------------------------------------------------


HOSTILE_NAME = "[Open your report](javascript:alert(document.cookie)) <img src=x onerror=alert(1)>"


def test_an_echoed_clinic_name_is_shown_as_typed_not_as_a_link(tmp_path: Path) -> None:
    store = sqlite_store(tmp_path)
    store.start("socketio:x")
    record = store.record_answer("socketio:x", "clinic_name", HOSTILE_NAME, HOSTILE_NAME, {"name": HOSTILE_NAME})
    html = markdown.markdown(chat_summary(record, "http://127.0.0.1:8000/report/t", markdown_link=True))
    assert re.findall(r'href="([^"]*)"', html) == ["http://127.0.0.1:8000/report/t"]  # only the report link
    assert "<img" not in html
    assert "[Open your report](javascript:alert(document.cookie))" in html  # the name, shown as typed
    paused = markdown.markdown(ClinicCheck(store).pause("socketio:x").text)
    assert "href=" not in paused and "<img" not in paused and "[Open your report]" in paused
    assert markdown.markdown(markdown_safe("a \\[b](c)")) == "<p>a \\[b](c)</p>"


# --- L8 and L9: report links expire and can be renewed; the page runs only its own script --------


def _finished_check(store: Store, sender: str, days_ago: int) -> str:
    record = store.start(sender)
    store.record_answer(sender, "clinic_name", "Clinica Demo", "Clinica Demo", {"name": "Clinica Demo"})
    store.set_status(sender, "complete")
    when = utcnow() - timedelta(days=days_ago)
    with store.engine.begin() as connection:
        connection.execute(
            update(Assessment).where(Assessment.sender_id == sender).values(completed_at=when, updated_at=when)
        )
    return record.report_token


def test_a_report_link_expires_after_30_days_and_a_new_one_can_be_asked_for(tmp_path: Path) -> None:
    store = sqlite_store(tmp_path)
    fresh = _finished_check(store, "rest:fresh", days_ago=29)
    old = _finished_check(store, "rest:old", days_ago=31)

    async def pages() -> tuple[int, int, str, dict]:
        async with TestClient(TestServer(make_app(store))) as client:
            ok, gone = await client.get(f"/report/{fresh}"), await client.get(f"/report/{old}")
            return ok.status, gone.status, await gone.text(), dict(ok.headers)

    ok, gone, text, _ = asyncio.run(pages())
    assert (ok, gone) == (200, 410)
    assert "expired" in text and "new report link" in text

    assert asks_new_link("new report link") and asks_new_link("my link expired, can I have another one?")
    assert not asks_new_link("show my report")
    message = ClinicCheck(store).report("rest:old")  # "show my report" on an expired link renews it
    assert "new link" in message.text
    new_token = re.search(r"/report/([\w-]+)", message.text).group(1)
    assert new_token != old
    renewed = ClinicCheck(store).report("rest:fresh", renew=True)  # "new report link": the old stops working
    fresh_new = re.search(r"/report/([\w-]+)", renewed.text).group(1)

    async def after() -> list[int]:
        async with TestClient(TestServer(make_app(store))) as client:
            return [(await client.get(f"/report/{t}")).status for t in (new_token, old, fresh, fresh_new)]

    assert asyncio.run(after()) == [200, 404, 404, 200]


def test_the_report_page_runs_only_its_print_script_and_cannot_be_framed(tmp_path: Path) -> None:
    store = sqlite_store(tmp_path)
    token = _finished_check(store, "rest:page", days_ago=1)

    async def page() -> tuple[str, str]:
        async with TestClient(TestServer(make_app(store))) as client:
            response = await client.get(f"/report/{token}")
            return response.headers["Content-Security-Policy"], await response.text()

    policy, body = asyncio.run(page())
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"]
    scripts = re.findall(r"<script>(.*?)</script>", body, re.S)
    assert scripts == [PRINT_SCRIPT]
    digest = hashlib.sha256(scripts[0].encode()).digest()
    assert f"'sha256-{base64.b64encode(digest).decode()}'" == directives["script-src"]
    assert not re.search(r"\son\w+=", body)  # no inline event handler (the CSP would block it)


# --- L6: the scaled profile does not start on default credentials -------------------------------


def test_the_scaled_profile_refuses_default_credentials(tmp_path: Path) -> None:
    scaled = {"STEMSAFE_PROFILE": "scaled", "TRACKER_DB_HOST": "db.internal", "REDIS_HOST": "redis.internal"}
    with pytest.raises(DefaultCredentials, match="TRACKER_DB_PASSWORD, REDIS_PASSWORD"):
        endpoints(scaled)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER_DB_", "REDIS_", "RABBITMQ_"))}
    run = subprocess.run(
        [sys.executable, "-m", "stores.endpoints", str(tmp_path / "endpoints.yml")],
        env={**env, **scaled, "RABBITMQ_HOST": "mq.internal", "PYTHONPATH": str(ROOT)},
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode != 0 and "RABBITMQ_PASSWORD" in run.stderr
    assert not (tmp_path / "endpoints.yml").exists()
    secrets = {"TRACKER_DB_PASSWORD": "p", "REDIS_PASSWORD": "r", "RABBITMQ_USER": "bot", "RABBITMQ_PASSWORD": "m"}
    assert endpoints({**scaled, **secrets, "RABBITMQ_HOST": "mq.internal"})["event_broker"]["username"] == "bot"
    with pytest.raises(DefaultCredentials):  # the local-services switch does not cover remote hosts
        endpoints({**scaled, "STEMSAFE_LOCAL_SERVICES": "1"})


# --- M4 and L12: local-only servers stay local ---------------------------------------------------


def test_make_shell_binds_both_servers_to_loopback() -> None:
    run = subprocess.run(["make", "-n", "shell"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    recipe = run.stdout
    actions = next(line for line in recipe.splitlines() if "run actions" in line)
    assert "SANIC_HOST=127.0.0.1" in actions
    assert re.search(r"serve shell .*--interface 127\.0\.0\.1", recipe)


def test_a_public_host_needs_a_public_url() -> None:
    env = {k: v for k, v in os.environ.items() if k != "STEMSAFE_PUBLIC_URL"}
    run = subprocess.run(
        ["bash", "scripts/run.sh"], cwd=ROOT, env={**env, "STEMSAFE_HOST": "0.0.0.0"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 2 and "STEMSAFE_PUBLIC_URL" in run.stderr


# --- M5: a cap on new clinic checks per sender and day -------------------------------------------


def test_new_clinic_checks_per_sender_and_day_are_capped_kindly(tmp_path: Path) -> None:
    from bot.clinic_check import TOO_MANY_CHECKS
    from bot.store import NEW_CHECKS_PER_DAY

    store = sqlite_store(tmp_path)
    check = ClinicCheck(store)
    for _ in range(NEW_CHECKS_PER_DAY):
        messages, _ = check.start("rest:many")
        assert TOO_MANY_CHECKS not in [m.text for m in messages]
    messages, _ = check.start("rest:many")
    assert [m.text for m in messages] == [TOO_MANY_CHECKS]  # a kind reply, not an error
    with store.engine.connect() as connection:
        count = connection.execute(select(func.count(Assessment.id))).scalar_one()
    assert count == NEW_CHECKS_PER_DAY  # no new row
    messages, _ = check.start("rest:someone-else")  # others are not affected
    assert TOO_MANY_CHECKS not in [m.text for m in messages]
    with store.engine.begin() as connection:  # a day later the user can start again
        connection.execute(update(Assessment).values(started_at=utcnow() - timedelta(days=1, minutes=1)))
    messages, _ = check.start("rest:many")
    assert TOO_MANY_CHECKS not in [m.text for m in messages]


# --- I4: a cancelled turn is answered, and its text is not handed to Rasa's error log ------------


def test_a_cancelled_turn_gets_the_trouble_reply_and_is_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    from channels.safety_net import TROUBLE, never_silent

    async def cancelled(_: UserMessage) -> None:
        raise asyncio.CancelledError

    output = CollectingOutputChannel()
    handle = never_silent(cancelled, lambda m: len(m.output_channel.messages))
    asyncio.run(handle(UserMessage(TYPED, output, "rest:c")))  # Rasa's "rest.message.received.timeout" never runs
    assert [m["text"] for m in output.messages] == [TROUBLE]
    assert TYPED not in caplog.text
