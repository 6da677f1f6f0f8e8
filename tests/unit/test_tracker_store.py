"""The tracker store keeps no contact details, forgets a conversation on request, and expires old ones."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, AllSlotsReset, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from stores.tracker import PrivateSQLTrackerStore


def store(tmp_path: Path) -> PrivateSQLTrackerStore:
    return PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))


def user(text: str) -> UserUttered:
    return UserUttered(
        text,
        {"name": "greet", "confidence": 1.0},
        entities=[{"entity": "x", "value": text, "start": 0, "end": len(text)}],
        parse_data={"text": text, "intent": {"name": "greet", "confidence": 1.0}, "entities": []},
    )


def rows(s: PrivateSQLTrackerStore, sender: str) -> list[dict]:
    with s.session_scope() as session:
        found = session.query(s.SQLEvent).filter(s.SQLEvent.sender_id == sender).order_by(s.SQLEvent.id).all()
        return [json.loads(r.data) for r in found]


def test_contact_details_are_redacted_before_storage(tmp_path: Path) -> None:
    s = store(tmp_path)
    tracker = DialogueStateTracker.from_events("p1", [user("reach me at pat@example.com or +1 619 555 0142")])
    asyncio.run(s.save(tracker))
    data = [d for d in rows(s, "p1") if d["event"] == "user"][0]
    dumped = json.dumps(data)
    assert "pat@example.com" not in dumped and "555 0142" not in dumped
    assert data["text"] == "reach me at [email removed] or [phone removed]"


def test_delete_my_data_erases_the_stored_conversation(tmp_path: Path) -> None:
    s = store(tmp_path)
    events = [user("hello"), BotUttered("hi"), user("delete my data"), BotUttered("sure?")]
    tracker = DialogueStateTracker.from_events("p2", events)
    asyncio.run(s.save(tracker))
    assert len(rows(s, "p2")) == 4
    for event in (
        user("yes"),
        ActionExecuted("action_delete_my_data"),
        BotUttered("Done"),
        AllSlotsReset(),  # the action's success marker
        ActionExecuted("action_listen"),
    ):
        tracker.update(event)
    asyncio.run(s.save(tracker))
    kept = rows(s, "p2")
    assert [d["event"] for d in kept] == ["bot", "reset_slots", "action"]
    assert all(d.get("text") != "hello" for d in kept)


def test_retention_deletes_only_stale_conversations(tmp_path: Path) -> None:
    s = store(tmp_path)
    old = user("old question")
    old.timestamp = time.time() - 40 * 86400
    asyncio.run(s.save(DialogueStateTracker.from_events("old", [old])))
    asyncio.run(s.save(DialogueStateTracker.from_events("new", [user("new question")])))
    assert s.delete_events_older_than(30) == 1
    assert rows(s, "old") == [] and len(rows(s, "new")) == 1


# --- conversations kept in memory -------------------------------------------------------------


def domain_store(tmp_path: Path, **kwargs: object) -> PrivateSQLTrackerStore:
    domain = Domain.from_yaml("version: '3.1'\nintents: [greet]\nslots:\n  note:\n    type: text\n    mappings: []\n")
    return PrivateSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "tracker.db"), **kwargs)


def turn(s: PrivateSQLTrackerStore, sender: str, text: str) -> DialogueStateTracker:
    """One message as Rasa handles it: read the conversation, add events, write it back."""
    tracker = asyncio.run(s.retrieve(sender)) or DialogueStateTracker(sender, s.domain.slots)
    for event in (
        user(text),
        ActionExecuted("utter_greet"),
        BotUttered("noted"),
        ActionExecuted("action_listen"),
    ):
        tracker.update(event)
    asyncio.run(s.save(tracker))
    return tracker


def texts(s: PrivateSQLTrackerStore, sender: str) -> list[str]:
    return [d["text"] for d in rows(s, sender) if d["event"] == "user"]


def test_a_kept_conversation_is_reused_and_written_once(tmp_path: Path) -> None:
    s = domain_store(tmp_path)
    turn(s, "k1", "one")
    second = turn(s, "k1", "two")  # read from the database, then kept
    assert s.kept("k1") is second
    third = turn(s, "k1", "three")
    assert third is second  # no second read
    assert texts(s, "k1") == ["one", "two", "three"]
    assert len(rows(s, "k1")) == len(third.events)
    fresh = asyncio.run(domain_store(tmp_path, cache_size=0).retrieve("k1"))
    assert [e.as_dict() for e in fresh.events] == [e.as_dict() for e in third.events]


def test_a_write_by_another_replica_is_seen(tmp_path: Path) -> None:
    a, b = domain_store(tmp_path), domain_store(tmp_path)
    turn(a, "k2", "one")
    turn(a, "k2", "two")
    assert a.kept("k2") is not None
    turn(b, "k2", "three")  # the other replica answers the next message
    after = turn(a, "k2", "four")
    assert [e.text for e in after.events if isinstance(e, UserUttered)] == ["one", "two", "three", "four"]
    assert texts(a, "k2") == ["one", "two", "three", "four"]


def test_a_turn_that_failed_before_saving_is_not_reused(tmp_path: Path) -> None:
    s = domain_store(tmp_path)
    turn(s, "k3", "one")
    tracker = turn(s, "k3", "two")
    tracker.update(user("never saved"))  # the turn broke before Rasa saved it
    again = asyncio.run(s.retrieve("k3"))
    assert "never saved" not in [e.text for e in again.events if isinstance(e, UserUttered)]


def test_redacted_or_deleted_conversations_are_read_again(tmp_path: Path) -> None:
    s = domain_store(tmp_path)
    turn(s, "k4", "one")
    turn(s, "k4", "two")
    turn(s, "k4", "mail me at pat@example.com")
    assert s.kept("k4") is None  # memory would hold what the database does not
    again = asyncio.run(s.retrieve("k4"))
    assert "pat@example.com" not in json.dumps([e.as_dict() for e in again.events])
    turn(s, "k5", "one")
    turn(s, "k5", "two")
    assert s.kept("k5") is not None
    old = time.time() + 1  # the retention job, run by another process, removes the conversation
    with s.session_scope() as session:
        session.query(s.SQLEvent).filter(s.SQLEvent.timestamp < old).delete()
        session.commit()
    assert asyncio.run(s.retrieve("k5")) is None


def test_memory_is_bounded(tmp_path: Path) -> None:
    s = domain_store(tmp_path, cache_size=2)
    for sender in ("m1", "m2", "m3"):
        turn(s, sender, "one")
        turn(s, sender, "two")
    assert s.kept("m1") is None and s.kept("m2") is not None and s.kept("m3") is not None


def test_a_killed_process_loses_no_saved_turn(tmp_path: Path) -> None:
    """SQLite runs with a write-ahead log and no fsync per commit: a process that dies keeps its commits."""
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from tests.unit.test_tracker_store import domain_store, turn\n"
        "s = domain_store(Path(sys.argv[1]))\n"
        "for text in ('one', 'two', 'three'):\n"
        "    turn(s, 'k9', text)\n"
        "os._exit(0)  # no clean shutdown: pooled connections are never closed\n"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=root, check=True, timeout=120)
    s = domain_store(tmp_path, cache_size=0)
    assert texts(s, "k9") == ["one", "two", "three"]
    with s.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def first_turn(s: PrivateSQLTrackerStore, sender: str, text: str, start: float) -> DialogueStateTracker:
    """The first message of a session as Rasa logs it (a read starts at session_started, after
    action_session_start)."""
    tracker = asyncio.run(s.retrieve(sender)) or DialogueStateTracker(sender, s.domain.slots)
    parse_data = {"text": text, "intent": {"name": "greet", "confidence": 1.0}, "entities": []}
    said = UserUttered(text, parse_data["intent"], [], parse_data, timestamp=start + 0.004)
    for event in (
        ActionExecuted("action_session_start", timestamp=start + 0.001),
        SessionStarted(timestamp=start + 0.002),
        ActionExecuted("action_listen", timestamp=start + 0.003),
        said,
        ActionExecuted("utter_greet", timestamp=start + 0.005),
        BotUttered("noted", timestamp=start + 0.006),
        ActionExecuted("action_listen", timestamp=start + 0.007),
    ):
        tracker.update(event)
    asyncio.run(s.save(tracker))
    return tracker


def test_a_new_conversation_is_kept_from_its_first_message_as_a_fresh_read_would_give_it(tmp_path: Path) -> None:
    s = domain_store(tmp_path)
    first_turn(s, "n1", "one", time.time() - 1)
    kept = s.kept("n1")
    fresh = asyncio.run(domain_store(tmp_path, cache_size=0).retrieve("n1"))
    assert kept is not None and fresh is not None
    assert [e.as_dict() for e in kept.events] == [e.as_dict() for e in fresh.events]
    assert kept.current_state() == fresh.current_state()
    assert turn(s, "n1", "two") is kept  # no read from the database
    assert texts(s, "n1") == ["one", "two"]


def test_a_new_session_of_an_older_conversation_is_kept_as_a_read_gives_it(tmp_path: Path) -> None:
    s = domain_store(tmp_path)
    first_turn(s, "n2", "one", time.time() - 7200)
    tracker = turn(s, "n2", "two")
    first_turn(s, "n2", "three", time.time() + 1)  # the session expired: Rasa starts a new one in the same tracker
    kept = s.kept("n2")
    assert kept is not None and kept is not tracker
    assert [e.text for e in kept.events if isinstance(e, UserUttered)] == ["three"]  # as a read gives it
    fresh = asyncio.run(domain_store(tmp_path, cache_size=0).retrieve("n2"))
    assert [e.as_dict() for e in kept.events] == [e.as_dict() for e in fresh.events]
    assert texts(s, "n2") == ["one", "two", "three"]


# --- analytics broker, reads as Rasa's, the memory layer off ----------------------------------------


class RecordingBroker:
    """Stands in for the RabbitMQ broker: records what the store publishes."""

    def __init__(self) -> None:
        self.published: list[dict] = []

    def publish(self, event: dict) -> None:
        self.published.append(event)


def count_full_reads(s: PrivateSQLTrackerStore) -> list[str]:
    """Records every statement that reads events' data (a read of a whole conversation)."""
    from sqlalchemy import event as sa_event

    reads: list[str] = []

    def before(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT count(*)".upper()):
            return  # counting the stored events of a new conversation, not reading them
        if statement.lstrip().upper().startswith("SELECT") and "events.data" in statement:
            reads.append(statement)

    sa_event.listen(s.engine, "before_cursor_execute", before)
    return reads


def test_a_broker_gets_each_new_event_once_without_rereading_the_conversation(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    plain = domain_store(tmp_path / "a")
    broker = RecordingBroker()
    with_broker = domain_store(tmp_path / "b", event_broker=broker)
    counts = []
    for s in (plain, with_broker):
        reads = count_full_reads(s)
        for text in ("one", "two", "three", "mail me at pat@example.com", "five"):
            turn(s, "b1", text)
        counts.append(len(reads))
    assert counts[1] == counts[0]  # the broker costs no read (Rasa's stream_events re-read on every save)
    assert counts[1] <= 2  # the first message (nothing stored yet) and the one after redaction
    stored = rows(with_broker, "b1")
    assert [{k: v for k, v in e.items() if k != "sender_id"} for e in broker.published] == stored
    assert all(e["sender_id"] == "b1" for e in broker.published)
    assert "pat@example.com" not in json.dumps(broker.published)


def test_without_the_memory_layer_a_broker_also_gets_each_event_once(tmp_path: Path) -> None:
    broker = RecordingBroker()
    s = domain_store(tmp_path, cache_size=0, event_broker=broker)
    for text in ("one", "two", "three"):
        turn(s, "b2", text)
    assert s.kept("b2") is None
    assert [{k: v for k, v in e.items() if k != "sender_id"} for e in broker.published] == rows(s, "b2")


def test_reads_give_what_rasas_sql_store_gives(tmp_path: Path) -> None:
    from rasa.core.tracker_store import SQLTrackerStore

    ours = domain_store(tmp_path, cache_size=0)
    first_turn(ours, "r1", "one", time.time() - 7200)
    turn(ours, "r1", "two")
    first_turn(ours, "r1", "three", time.time())  # a second session
    time.sleep(0.02)
    turn(ours, "r1", "four")
    rasas = SQLTrackerStore(ours.domain, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    for mine, theirs in (
        (asyncio.run(ours.retrieve("r1")), asyncio.run(rasas.retrieve("r1"))),
        (asyncio.run(ours.retrieve_full_tracker("r1")), asyncio.run(rasas.retrieve_full_tracker("r1"))),
    ):
        assert [e.as_dict() for e in mine.events] == [e.as_dict() for e in theirs.events]
    assert [e.text for e in asyncio.run(ours.retrieve("r1")).events if isinstance(e, UserUttered)] == ["three", "four"]
    assert asyncio.run(ours.retrieve("nobody")) is None and asyncio.run(rasas.retrieve("nobody")) is None


def test_the_memory_layer_is_optional(tmp_path: Path) -> None:
    s = domain_store(tmp_path, cache_size=0)
    for text in ("one", "two", "three"):
        turn(s, "o1", text)
    assert s.kept("o1") is None
    assert texts(s, "o1") == ["one", "two", "three"]
    assert len(rows(s, "o1")) == len(asyncio.run(s.retrieve("o1")).events)
