"""SQL tracker store that keeps less personal data than Rasa's.

- E-mail addresses and phone numbers in what users type are redacted (bot.redact) before an event
  is written: a user event's text, parsed text and entity values, and text slot values.
- When ``action_delete_my_data`` runs, every stored event of that conversation is deleted in the same
  write, and only what follows the deletion is kept (Rasa would otherwise write the whole in-memory
  conversation back, since it stores "events not yet stored" by counting rows).
- Events published to an analytics broker are redacted the same way.
- ``delete_events_older_than`` serves the retention setting.

Configured in endpoints.yml as ``type: stores.tracker.PrivateSQLTrackerStore`` (same keys as SQL).
"""

from __future__ import annotations

import json
import time
from typing import Any, Dict, List

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import func

from bot.redact import redact

ERASE_ACTION = "action_delete_my_data"


def redacted_event_data(event: Event) -> Dict[str, Any]:
    data = event.as_dict()
    if isinstance(event, UserUttered):
        data["text"] = redact(data.get("text"))
        parse = data.get("parse_data") or {}
        if isinstance(parse.get("text"), str):
            parse["text"] = redact(parse["text"])
        for entity in parse.get("entities") or []:
            if isinstance(entity.get("value"), str):
                entity["value"] = redact(entity["value"])
    elif isinstance(event, SlotSet) and isinstance(data.get("value"), str):
        data["value"] = redact(data["value"])  # free-text slots hold what the user typed
    return data


def erase_point(events: List[Event]) -> int | None:
    """Index of the last deletion request among the new events, if any."""
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if isinstance(event, ActionExecuted) and event.action_name == ERASE_ACTION:
            return index
    return None


class PrivateSQLTrackerStore(SQLTrackerStore):
    async def _stream_new_events(self, event_broker: Any, new_events: List[Event], sender_id: str) -> None:
        """Analytics get the same redacted events as the database."""
        for event in new_events:
            event_broker.publish({"sender_id": sender_id, **redacted_event_data(event)})

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        with self.session_scope() as session:
            events = list(self._additional_events(session, tracker))
            erase = erase_point(events)
            if erase is not None:
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == tracker.sender_id).delete()
                events = events[erase + 1 :]
            for event in events:
                data = redacted_event_data(event)
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()

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
