"""SQL tracker store that keeps less personal data than Rasa's, built on Rasa's public store methods.

``RedactingSQLTrackerStore`` is Rasa's SQL store with its public ``retrieve``, ``retrieve_full_tracker``
and ``save`` re-implemented (no private Rasa method is overridden or called):

- E-mail addresses and phone numbers in what users type are redacted (bot.redact) before an event
  is written: a user event's text, parsed text and entity values, and text slot values.
- When ``action_delete_my_data`` runs, every stored event of that conversation is deleted in the same
  write, and only what follows the deletion is kept (Rasa would otherwise write the whole in-memory
  conversation back, since it stores "events not yet stored" by counting rows).
- With an event broker, each new event is published once, redacted the same way, after it is
  committed. (Rasa's ``stream_events`` re-reads the conversation from the database on every save to
  find the new events; here they are the ones just written.)
- Conversations are keyed by the channel-bound id (``rest:…``, ``socketio:…``; channels/identity.py).
  ``ERASE_LISTENERS`` are called with the id of each conversation erased on request (the widget's channel
  tells the page to clear the browser's copy).
- ``delete_events_older_than`` serves the retention setting.
- SQLite (the embedded profile) runs with pooled connections and a write-ahead log (see
  bot.store.sqlite_engine): commits no longer wait for the disk while the event loop waits on them.

A read gives what Rasa's gives: the events from the latest ``session_started`` on (by timestamp), in
the order they were written; ``tests/unit/test_tracker_store.py`` compares the two.

``PrivateSQLTrackerStore`` (configured in endpoints.yml as ``type: stores.tracker.PrivateSQLTrackerStore``,
same keys as SQL, plus ``cache_size``) adds the optional memory of recent conversations
(``stores/kept.py``); ``cache_size: 0`` or ``TRACKER_CACHE_SIZE=0`` turns it off.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, AllSlotsReset, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import func
from sqlalchemy.orm import Query, Session, sessionmaker

from bot.redact import redact
from bot.store import checkpoint, sqlite_engine
from stores.kept import KeptConversations

ERASE_ACTION = "action_delete_my_data"
End = Tuple[Optional[int], int]  # newest event id and number of events stored for a conversation
ERASE_LISTENERS: List[Callable[[str], None]] = []  # called with a conversation's id when it is erased on request


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
    """Index of the last deletion that succeeded among the new events, if any.

    Rasa logs ``action_delete_my_data`` even when the action failed (records database down, action server
    unreachable), so the action's own result is the proof: it returns ``AllSlotsReset`` only once the
    records are deleted. Without it the conversation is kept, so the user who was told the deletion failed
    keeps the context to try again (security review L4).
    """
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION and _succeeded(events[index + 1 :]):
            return index
    return None


def _succeeded(after: List[Event]) -> bool:
    """The erase action's own events (those before the next action or message) include its success marker."""
    for event in after:
        if isinstance(event, AllSlotsReset):
            return True
        if isinstance(event, (ActionExecuted, UserUttered)):
            return False
    return False


@dataclass(frozen=True)
class Written:
    """What one save wrote."""

    ids: List[int]  # ids of the rows written, in order
    erased: bool  # the conversation's earlier rows were deleted on request
    redacted: bool  # some event was stored with contact details removed
    new_session: bool  # a session_started event was written


class RedactingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL store with redaction, erasure, redacted analytics and retention (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":  # Rasa's engine: a new connection and an fsync per save
            url = self.engine.url
            self.engine.dispose()
            self.engine = sqlite_engine(url, future=False)
            self.sessionmaker = sessionmaker(bind=self.engine)
        self.engine.hide_parameters = True  # a logged database error never carries what users typed

    # --- reading ----------------------------------------------------------------------------------
    def events_query(self, session: Session, sender_id: str, all_sessions: bool) -> Query:
        """A conversation's rows in the order written; unless ``all_sessions``, from the latest session
        start on (by timestamp, as Rasa reads them; all rows when there is none)."""
        query = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id)
        if not all_sessions:
            start = (
                session.query(func.max(self.SQLEvent.timestamp).label("start"))
                .filter(
                    self.SQLEvent.sender_id == sender_id,
                    self.SQLEvent.type_name == SessionStarted.type_name,
                )
                .subquery()
            )
            query = query.filter(sa.or_(self.SQLEvent.timestamp >= start.c.start, start.c.start.is_(None)))
        return query.order_by(self.SQLEvent.id)

    def read(self, session: Session, sender_id: str, all_sessions: bool = False) -> List[Dict[str, Any]]:
        return [json.loads(row.data) for row in self.events_query(session, sender_id, all_sessions).all()]

    def tracker_from(self, sender_id: str, events: List[Dict[str, Any]]) -> Optional[DialogueStateTracker]:
        if not (self.domain and events):
            return None
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    def end_of(self, session: Session, sender_id: str) -> End:
        """Newest event id and number of events stored for a conversation (one indexed query)."""
        last_id, rows = (
            session.query(func.max(self.SQLEvent.id), func.count(self.SQLEvent.id))
            .filter(self.SQLEvent.sender_id == sender_id)
            .one()
        )
        return last_id, int(rows)

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        with self.session_scope() as session:
            events = self.read(session, sender_id)
        return self.tracker_from(sender_id, events)

    async def retrieve_full_tracker(self, conversation_id: str) -> Optional[DialogueStateTracker]:
        with self.session_scope() as session:
            events = self.read(session, conversation_id, all_sessions=True)
        return self.tracker_from(conversation_id, events)

    # --- writing ----------------------------------------------------------------------------------
    def unsaved(self, session: Session, tracker: DialogueStateTracker) -> List[Event]:
        """The tracker's events not stored yet: those past the number stored for its latest session (Rasa's rule)."""
        stored = self.events_query(session, tracker.sender_id, all_sessions=False).count()
        return list(itertools.islice(tracker.events, stored, None))

    def write(self, session: Session, sender_id: str, events: List[Event]) -> Written:
        """Adds the new events (redacted); a deletion request among them first deletes the conversation."""
        erase = erase_point(events)
        if erase is not None:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            events = events[erase + 1 :]
            for listener in ERASE_LISTENERS:
                listener(sender_id)
        rows, redacted, new_session = [], False, False
        for event in events:
            data, changed = redact_event(event)
            redacted = redacted or changed
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
        return Written([row.id for row in rows], erase is not None, redacted, new_session)  # ids read before commit

    def publish(self, sender_id: str, events: List[Event]) -> None:
        """Analytics get each new event once, redacted as in the database."""
        if self.event_broker is None:
            return
        for event in events:
            self.event_broker.publish({"sender_id": sender_id, **redacted_event_data(event)})

    async def save(self, tracker: DialogueStateTracker) -> None:
        with self.session_scope() as session:
            events = self.unsaved(session, tracker)
            written = self.write(session, tracker.sender_id, events)
            session.commit()
        if written.erased:
            checkpoint(self.engine)
        self.publish(tracker.sender_id, events)

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
        checkpoint(self.engine)
        return int(deleted)


class PrivateSQLTrackerStore(KeptConversations, RedactingSQLTrackerStore):
    """The configured store: the redacting SQL store with recent conversations kept in memory."""
