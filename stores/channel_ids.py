"""Moves conversations stored before channel-bound ids to their ``<channel>:<id>`` (channels/identity.py).

Before, conversations and clinic checks were keyed by the bare sender id (``whatsapp:+1…``, a Telegram
chat id, a widget session id), whatever channel sent it. A stored id without a channel prefix is moved to
``<channel>:<id>`` when every message of its conversation came in on one channel (the ``input_channel``
of its user events), in the tracker store and the records database together, so an SMS, WhatsApp,
Telegram, Slack or Messenger user goes on where they were. An id whose messages came in on several
channels (someone wrote into it over REST: review finding H1) or with no message at all is left where it
is: no channel reaches it any more, and retention deletes it. An id whose new place is already taken is
left too. Running it again moves nothing new.

Runs at every `make run` start (scripts/run.sh), or ``python -m stores.channel_ids [ENDPOINTS]``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import read_endpoint_config
from sqlalchemy import select, update

from bot import flags
from bot.store import Assessment, Store
from channels.identity import CHANNELS, bound_id
from stores.tracker import RedactingSQLTrackerStore


@dataclass(frozen=True)
class Moved:
    moved: int  # conversations moved to their channel-bound id
    left: int  # conversations left where they were (several channels, no message, or the new id taken)


def bound(sender_id: str) -> bool:
    return any(sender_id.startswith(f"{channel}:") for channel in CHANNELS)


def channel_of(events: list[dict]) -> str | None:
    """The one channel every user message of a conversation came in on, if there is one."""
    channels = {event.get("input_channel") for event in events if event.get("event") == "user"}
    return channels.pop() if len(channels) == 1 and next(iter(channels)) in CHANNELS else None


def move(tracker_store: RedactingSQLTrackerStore, records: Store) -> Moved:
    moved = left = 0
    with tracker_store.session_scope() as session:
        event = tracker_store.SQLEvent
        senders = [row[0] for row in session.query(event.sender_id).distinct() if not bound(row[0])]
        taken = {row[0] for row in session.query(event.sender_id).distinct() if bound(row[0])}
        for sender_id in senders:
            rows = session.query(event.data).filter(event.sender_id == sender_id).all()
            channel = channel_of([json.loads(row[0]) for row in rows])
            target = bound_id(channel, sender_id) if channel else None
            if target is None or target in taken:
                left += 1
                continue
            with records.engine.begin() as conn:
                conn.execute(update(Assessment).where(Assessment.sender_id == sender_id).values(sender_id=target))
            session.query(event).filter(event.sender_id == sender_id).update(
                {event.sender_id: target}, synchronize_session=False
            )
            session.commit()
            taken.add(target)
            moved += 1
    with records.engine.connect() as conn:  # clinic checks with no conversation left: nothing can say whose
        orphans = conn.execute(select(Assessment.sender_id).distinct()).scalars().all()
    left += sum(1 for sender_id in orphans if not bound(sender_id))
    return Moved(moved, left)


def run(endpoints_file: str = "endpoints.yml") -> Moved:
    tracker_store = TrackerStore.create(read_endpoint_config(endpoints_file, "tracker_store"), Domain.empty())
    if not isinstance(tracker_store, RedactingSQLTrackerStore):
        return Moved(0, 0)
    return move(tracker_store, Store.from_url(flag_rules=flags.evaluate))


if __name__ == "__main__":
    result = run(*(sys.argv[1:2]))
    print(f"channel-bound ids: {result.moved} conversation(s) moved, {result.left} left for retention")
