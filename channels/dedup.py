"""Drops a delivery the platform already made: a replayed or retried webhook is not answered twice.

Twilio and Meta signatures carry no timestamp (a captured request stays valid), and every platform
retries when an answer is slow. Each connector asks ``SEEN.first(channel, id)`` with the platform's own
delivery id (Twilio ``MessageSid``, Messenger ``mid``, Slack ``event_id``, Telegram ``update_id``) and
drops the delivery when the id was seen within ``TTL_SECONDS``. The memory is bounded (``MAX_IDS``, the
oldest forgotten first) and belongs to one process: with several replicas, sticky routing (which the
lock store needs anyway, see deploy/) sends a conversation's retries to the same one.
"""

from __future__ import annotations

import time
from collections import OrderedDict

TTL_SECONDS = 600.0
MAX_IDS = 50_000


class SeenDeliveries:
    def __init__(self, ttl: float = TTL_SECONDS, max_ids: int = MAX_IDS) -> None:
        self.ttl = ttl
        self.max_ids = max_ids
        self._seen: OrderedDict[tuple[str, str], float] = OrderedDict()

    def first(self, channel: str, delivery_id: object) -> bool:
        """True the first time `delivery_id` comes in on `channel` (within the TTL); an empty id always counts."""
        if delivery_id is None or str(delivery_id) == "":
            return True
        now = time.monotonic()
        while self._seen:
            oldest, at = next(iter(self._seen.items()))
            if now - at <= self.ttl and len(self._seen) < self.max_ids:
                break
            self._seen.popitem(last=False)
        key = (channel, str(delivery_id))
        if key in self._seen:
            return False
        self._seen[key] = now
        return True


SEEN = SeenDeliveries()
