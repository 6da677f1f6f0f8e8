"""SQL tracker store that keeps less personal data than Rasa's.

- E-mail addresses and phone numbers in what users type are redacted (bot.redact) before an event
  is written: a user event's text, parsed text and entity values, and text slot values.
- When ``action_delete_my_data`` runs, every stored event of that conversation is deleted in the same
  write, and only what follows the deletion is kept (Rasa would otherwise write the whole in-memory
  conversation back, since it stores "events not yet stored" by counting rows).
- Events published to an analytics broker are redacted the same way.
- ``delete_events_older_than`` serves the retention setting.
- Recent conversations stay in memory (``cache_size``, default 500, or ``TRACKER_CACHE_SIZE``): Rasa
  would otherwise read and replay a conversation's whole session from the database for every message
  (15% of the server's time under load). Before a kept conversation is used, one indexed query checks
  that the database still ends where this process left it (newest event id and number of events), so
  a write by another replica, a deletion or the retention job makes it read from the database again.
  A conversation is not kept when redaction changed what was stored. When a session starts, what is kept
  is what a read would give (Rasa reads from the latest session start), provided the database holds
  exactly the events this process wrote. So the assistant always works with what a fresh read would give.
- SQLite (the embedded profile) runs with pooled connections and a write-ahead log (see
  bot.store.sqlite_engine): commits no longer wait for the disk while the event loop waits on them.

Configured in endpoints.yml as ``type: stores.tracker.PrivateSQLTrackerStore`` (same keys as SQL).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import func
from sqlalchemy.orm import sessionmaker

from bot.lru import LRU
from bot.redact import redact
from bot.store import sqlite_engine

ERASE_ACTION = "action_delete_my_data"
DEFAULT_CACHE_SIZE = 500


def redact_event(event: Event) -> Tuple[Dict[str, Any], bool]:
    """The event as stored (contact details redacted), and whether redaction changed anything."""
    data = event.as_dict()
    changed = False

    def scrub(holder: Dict[str, Any], key: str) -> None:
        nonlocal changed
        value = holder.get(key)
        if isinstance(value, str):
            holder[key] = redact(value)
            changed = changed or holder[key] != value

    if isinstance(event, UserUttered):
        scrub(data, "text")
        parse = data.get("parse_data") or {}
        scrub(parse, "text")
        for entity in parse.get("entities") or []:
            scrub(entity, "value")
    elif isinstance(event, SlotSet):
        scrub(data, "value")  # free-text slots hold what the user typed
    return data, changed


def redacted_event_data(event: Event) -> Dict[str, Any]:
    return redact_event(event)[0]


def erase_point(events: List[Event]) -> int | None:
    """Index of the last deletion request among the new events, if any."""
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION:
            return index
    return None


@dataclass
class Kept:
    """A conversation kept in memory, and where the database ended when it was last read or written."""

    tracker: DialogueStateTracker
    length: int  # len(tracker.events) when it matched the database
    last_id: Optional[int]
    rows: int


class PrivateSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, cache_size: Optional[int] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":  # Rasa's engine: a new connection and an fsync per save
            url = self.engine.url
            self.engine.dispose()
            self.engine = sqlite_engine(url, future=False)
            self.sessionmaker = sessionmaker(bind=self.engine)
        size = cache_size if cache_size is not None else os.environ.get("TRACKER_CACHE_SIZE", DEFAULT_CACHE_SIZE)
        self._kept: LRU[Kept] = LRU(int(size))

    async def _stream_new_events(self, event_broker: Any, new_events: List[Event], sender_id: str) -> None:
        """Analytics get the same redacted events as the database."""
        for event in new_events:
            event_broker.publish({"sender_id": sender_id, **redacted_event_data(event)})

    def _end_of(self, session: Any, sender_id: str) -> Tuple[Optional[int], int]:
        """Newest event id and number of events stored for a conversation (one indexed query)."""
        last_id, rows = (
            session.query(func.max(self.SQLEvent.id), func.count(self.SQLEvent.id))
            .filter(self.SQLEvent.sender_id == sender_id)
            .one()
        )
        return last_id, int(rows)

    def kept(self, sender_id: str) -> Optional[DialogueStateTracker]:
        """The conversation held in memory, if any (for tests and diagnostics)."""
        entry = self._kept.peek(sender_id)
        return entry.tracker if entry else None

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        if fetch_events_from_all_sessions:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        with self.session_scope() as session:
            # Read where the database ends *before* the events: a write in between makes the
            # next check fail (one read more), never a stale conversation pass.
            last_id, rows = self._end_of(session, sender_id)
            entry = self._kept.get(sender_id)
            if (
                entry is not None
                and (entry.last_id, entry.rows) == (last_id, rows)
                and len(entry.tracker.events) == entry.length
            ):
                return entry.tracker
            self._kept.pop(sender_id)
            events = [json.loads(row.data) for row in self._event_query(session, sender_id, False).all()]
        if not (self.domain and events):
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        self._kept.put(sender_id, Kept(tracker, len(tracker.events), last_id, rows))
        return tracker

    @staticmethod
    def _read_back(tracker: DialogueStateTracker) -> List[Event]:
        """The events a read of this conversation gives: Rasa reads the events whose timestamp is at least
        that of the latest session start (all events when there is none)."""
        starts = [event.timestamp for event in tracker.events if isinstance(event, SessionStarted)]
        latest = max(starts, default=None)
        return [event for event in tracker.events if latest is None or event.timestamp >= latest]

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        sender_id = tracker.sender_id
        entry = self._kept.pop(sender_id)
        reused = entry is not None and entry.tracker is tracker
        keep, new_session = True, False
        with self.session_scope() as session:
            if reused:
                events = list(tracker.events)[entry.length :]
            else:
                events = list(self._additional_events(session, tracker))
            erase = erase_point(events)
            if erase is not None:
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
                events = events[erase + 1 :]
                keep = False
            rows = []
            for event in events:
                data, redacted = redact_event(event)
                keep = keep and not redacted
                new_session = new_session or isinstance(event, SessionStarted)
                rows.append(
                    self.SQLEvent(
                        sender_id=sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.add_all(rows)
            session.flush()
            ids = [row.id for row in rows]  # read before commit, which would expire them
            if keep and reused and not new_session:
                kept = Kept(tracker, len(tracker.events), max(ids, default=entry.last_id), entry.rows + len(rows))
            elif keep and self.domain is not None:
                # A new conversation or session: kept if the database holds exactly these events, as a
                # read would give them (from the latest session start; action_session_start comes before it).
                last_id, count = self._end_of(session, sender_id)
                written = entry.rows + len(rows) if reused and entry is not None else len(tracker.events)
                kept = None
                if count == written and last_id == max(ids, default=None):
                    events = self._read_back(tracker)
                    if len(events) != len(tracker.events):
                        tracker = DialogueStateTracker.from_events(sender_id, events, self.domain.slots)
                    kept = Kept(tracker, len(tracker.events), last_id, count)
            else:
                kept = None
            session.commit()
        if kept is not None:
            self._kept.put(sender_id, kept)

    def delete_events_older_than(self, days: float) -> int:
        """Retention: delete conversations whose newest event is older than `days`; returns events deleted."""
        cutoff = time.time() - days * 86400
        with self.session_scope() as session:
            newest = (
                session.query(self.SQLEvent.sender_id)
                .group_by(self.SQLEvent.sender_id)
                .having(func.max(self.SQLEvent.timestamp) < cutoff)
            )
            stale = [row[0] for row in newest]
            if not stale:
                return 0
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id.in_(stale))
                .delete(synchronize_session=False)
            )
            session.commit()
            return int(deleted)
