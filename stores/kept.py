"""Recent conversations kept in memory, as an optional layer over a SQL tracker store.

Without it, Rasa reads and replays a conversation's whole session from the database for every message
(15% of the server's time under load). With it (``cache_size``, default 500, or ``TRACKER_CACHE_SIZE``;
0 turns it off), the latest conversations stay in memory. Before a kept conversation is used, one
indexed query checks that the database still ends where this process left it (newest event id and
number of events), so a write by another replica, a deletion or the retention job makes it read from
the database again. A conversation is not kept when redaction changed what was stored or it was erased.
Memory is bounded twice: at most ``cache_size`` conversations, each of at most ``MAX_KEPT_EVENTS`` events.
When a session starts, what is kept is what a read would give (Rasa reads from the latest session
start), provided the database holds exactly the events this process wrote. So the assistant always
works with what a fresh read would give.

The layer uses only the store's public methods (``retrieve``, ``save``) and the building blocks of
``stores.tracker.RedactingSQLTrackerStore`` (``session_scope``, ``end_of``, ``read``, ``tracker_from``,
``unsaved``, ``write``, ``publish``); it is mixed in before that class.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, List, Optional, Tuple

from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from bot.lru import LRU
from bot.store import checkpoint

DEFAULT_CACHE_SIZE = 500
MAX_KEPT_EVENTS = 2000  # a longer conversation is read from the database each time, never kept (review L11)


@dataclass
class Kept:
    """A conversation kept in memory, and where the database ended when it was last read or written."""

    tracker: DialogueStateTracker
    length: int  # len(tracker.events) when it matched the database
    last_id: Optional[int]
    rows: int

    @property
    def end(self) -> Tuple[Optional[int], int]:
        return self.last_id, self.rows


def read_back(tracker: DialogueStateTracker) -> List[Event]:
    """The events a read of this conversation gives: Rasa reads the events whose timestamp is at least
    that of the latest session start (all events when there is none)."""
    starts = [event.timestamp for event in tracker.events if isinstance(event, SessionStarted)]
    latest = max(starts, default=None)
    return [event for event in tracker.events if latest is None or event.timestamp >= latest]


class KeptConversations:
    """Mixin for ``RedactingSQLTrackerStore``: keeps recent conversations in memory (see the module docstring)."""

    domain: Any

    def __init__(self, *args: Any, cache_size: Optional[int] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        size = cache_size if cache_size is not None else os.environ.get("TRACKER_CACHE_SIZE", DEFAULT_CACHE_SIZE)
        self._kept: LRU[Kept] = LRU(int(size))

    def kept(self, sender_id: str) -> Optional[DialogueStateTracker]:
        """The conversation held in memory, if any (for tests and diagnostics)."""
        entry = self._kept.peek(sender_id)
        return entry.tracker if entry else None

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        if not self._kept.size:
            return await super().retrieve(sender_id)  # type: ignore[misc]
        store: Any = self
        with store.session_scope() as session:
            # Read where the database ends *before* the events: a write in between makes the
            # next check fail (one read more), never a stale conversation pass.
            end = store.end_of(session, sender_id)
            entry = self._kept.get(sender_id)
            if entry is not None and entry.end == end and len(entry.tracker.events) == entry.length:
                return entry.tracker
            self._kept.pop(sender_id)
            events = store.read(session, sender_id)
        tracker = store.tracker_from(sender_id, events)
        if tracker is not None:
            if len(tracker.events) <= MAX_KEPT_EVENTS:
                self._kept.put(sender_id, Kept(tracker, len(tracker.events), *end))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        if not self._kept.size:
            return await super().save(tracker)  # type: ignore[misc]
        store: Any = self
        sender_id = tracker.sender_id
        entry = self._kept.pop(sender_id)
        reused = entry is not None and entry.tracker is tracker
        kept: Optional[Kept] = None
        with store.session_scope() as session:
            events = list(tracker.events)[entry.length :] if reused and entry else store.unsaved(session, tracker)
            written = store.write(session, sender_id, events)
            keep = not (written.erased or written.redacted)
            if keep and reused and entry and not written.new_session:
                kept = Kept(
                    tracker, len(tracker.events), max(written.ids, default=entry.last_id), entry.rows + len(written.ids)
                )
            elif keep and self.domain is not None:
                # A new conversation or session: kept if the database holds exactly these events, as a
                # read would give them (from the latest session start; action_session_start comes before it).
                last_id, count = store.end_of(session, sender_id)
                expected = entry.rows + len(written.ids) if reused and entry else len(tracker.events)
                if count == expected and last_id == max(written.ids, default=None):
                    current = read_back(tracker)
                    if len(current) != len(tracker.events):
                        tracker = DialogueStateTracker.from_events(sender_id, current, self.domain.slots)
                    kept = Kept(tracker, len(tracker.events), last_id, count)
            session.commit()
        if written.erased:
            checkpoint(store.engine)
        store.publish(sender_id, events)
        if kept is not None and kept.length <= MAX_KEPT_EVENTS:
            self._kept.put(sender_id, kept)
