"""The tracker store keeps no contact details, forgets a conversation on request, and expires old ones."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
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
        ActionExecuted("action_listen"),
    ):
        tracker.update(event)
    asyncio.run(s.save(tracker))
    kept = rows(s, "p2")
    assert [d["event"] for d in kept] == ["bot", "action"]
    assert all(d.get("text") != "hello" for d in kept)


def test_retention_deletes_only_stale_conversations(tmp_path: Path) -> None:
    s = store(tmp_path)
    old = user("old question")
    old.timestamp = time.time() - 40 * 86400
    asyncio.run(s.save(DialogueStateTracker.from_events("old", [old])))
    asyncio.run(s.save(DialogueStateTracker.from_events("new", [user("new question")])))
    assert s.delete_events_older_than(30) == 1
    assert rows(s, "old") == [] and len(rows(s, "new")) == 1
