"""Conversations stored before channel-bound ids move to <channel>:<id> only when one channel proved them."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import flags
from bot.store import Store
from stores.channel_ids import move
from stores.tracker import PrivateSQLTrackerStore


def said(text: str, channel: str) -> UserUttered:
    return UserUttered(text, {"name": "greet", "confidence": 1.0}, input_channel=channel)


def stored_ids(s: PrivateSQLTrackerStore) -> set[str]:
    with s.session_scope() as session:
        return {row[0] for row in session.query(s.SQLEvent.sender_id).distinct()}


def test_legacy_conversations_move_only_when_one_channel_proved_them(tmp_path: Path) -> None:
    tracker_store = PrivateSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    records = Store.from_url(f"sqlite:///{tmp_path / 'records.db'}", flag_rules=flags.evaluate)
    conversations = {
        "whatsapp:+15550001111": ["twilio", "twilio"],  # a WhatsApp user: moves, with the clinic check
        "whatsapp:+15550002222": ["twilio", "rest"],  # someone wrote into it over REST (H1): left
        "700123": ["telegram"],
        "twilio:already-bound": ["twilio"],
    }
    for sender, channels in conversations.items():
        events = [said(f"message {i}", channel) for i, channel in enumerate(channels)] + [BotUttered("hi")]
        asyncio.run(tracker_store.save(DialogueStateTracker.from_events(sender, events)))
    records.start("whatsapp:+15550001111")
    records.record_answer("whatsapp:+15550001111", "clinic_name", "Clinica Uno", "Clinica Uno", {"name": "Clinica Uno"})
    records.start("whatsapp:+15550002222")

    result = move(tracker_store, records)
    assert stored_ids(tracker_store) == {
        "twilio:whatsapp:+15550001111",
        "whatsapp:+15550002222",
        "telegram:700123",
        "twilio:already-bound",
    }
    assert records.current("twilio:whatsapp:+15550001111").answers["clinic_name"][0] == "Clinica Uno"
    assert records.current("whatsapp:+15550001111") is None
    assert records.current("whatsapp:+15550002222") is not None  # left for retention, reachable by no channel
    assert (result.moved, result.left) == (2, 2)  # the mixed conversation, and its clinic check
    assert move(tracker_store, records).moved == 0  # nothing moves twice
    with tracker_store.session_scope() as session:
        texts = [json.loads(r.data).get("text") for r in session.query(tracker_store.SQLEvent)]
    assert "message 1" in texts  # every event kept
