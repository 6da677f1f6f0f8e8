"""Quotas: how many messages one sender and one client address may send, as token buckets, kindly enforced.

The entry gate (channels/entry_gate.py) asks `QUOTAS.check` before anything reads a message. Each key has a
bucket of ``burst`` messages that refills at ``per_minute``; a message that finds its bucket empty gets a
polite reply saying how long to wait (never silence), held back `PAUSE` seconds (an idle wait, which
costs the server nothing, while it caps what a flooding client can send on its connections), costs no
model or database time, and leaves everyone else's buckets alone, so other users are not slowed (security
review M5).

- ``sender``: per conversation (``<channel>:<id>``), on every channel.
- ``ip``: per client address, on the channels a browser or script talks to directly (REST and socket.io),
  plus at most `IN_FLIGHT` of its messages being answered at once;
  the messaging platforms' webhooks all come from the platforms' own addresses, so there only the
  sender counts. Behind a proxy, set Sanic's ``SANIC_PROXIES_COUNT`` (or ``SANIC_REAL_IP_HEADER``) so the
  address is the client's, not the proxy's.

All limits live in `LIMITS`; ``STEMSAFE_QUOTAS`` overrides them, e.g. ``sender=20/10,ip=120/60``
(messages per minute / burst); ``STEMSAFE_QUOTAS=off`` turns them off. At most `MAX_KEYS` buckets are
kept (least recently used first out; a forgotten bucket starts full).
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.lru import LRU

MAX_KEYS = 100_000
IP_CHANNELS = frozenset({"rest", "socketio"})


@dataclass(frozen=True)
class Limit:
    """A token bucket: `burst` messages at once, refilled at `per_minute`."""

    per_minute: float
    burst: int

    @property
    def per_second(self) -> float:
        return self.per_minute / 60.0


# A person types a message every few seconds at most; a hospital or family may share one address.
LIMITS: dict[str, Limit] = {
    "sender": Limit(per_minute=20, burst=10),
    "ip": Limit(per_minute=120, burst=20),
}
IN_FLIGHT = 4  # messages of one address being answered at once; more wait politely (a burst cannot queue up)
PAUSE = 1.0  # seconds the polite reply is held back: a client flooding on N connections gets N replies a second


def limits_from(env: Mapping[str, str]) -> dict[str, Limit] | None:
    """`LIMITS` with ``STEMSAFE_QUOTAS`` applied; None when quotas are off."""
    setting = (env.get("STEMSAFE_QUOTAS") or "").strip()
    if setting == "off":
        return None
    limits = dict(LIMITS)
    for item in filter(None, (part.strip() for part in setting.split(","))):
        name, _, value = item.partition("=")
        rate, _, burst = value.partition("/")
        if name.strip() not in limits:
            raise ValueError(f"STEMSAFE_QUOTAS: unknown quota {name!r} (known: {', '.join(limits)})")
        limits[name.strip()] = Limit(float(rate), int(burst or max(1, float(rate) // 2)))
    return limits


def polite(wait: float) -> str:
    """The reply to a message over a quota: what happened, how long to wait, and that nothing is lost. In English
    and Spanish: the channel layer does not know the conversation's language (a Spanish chat got it in English)."""
    seconds = max(1, math.ceil(wait))
    return (
        "You're sending messages faster than I can answer them. "
        f"Please wait about {seconds} second{'s' if seconds != 1 else ''} and send that again; "
        "everything you told me before is kept.\n"
        "Está enviando mensajes más rápido de lo que puedo contestarlos. "
        f"Espere unos {seconds} segundo{'s' if seconds != 1 else ''} y vuelva a enviarlo; "
        "todo lo que me dijo antes se conserva."
    )


class Quotas:
    """Token buckets per key; `check` spends one token or says how long until one is back."""

    def __init__(self, limits: Mapping[str, Limit] | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = dict(limits) if limits is not None else None
        self._clock = clock
        self._buckets: LRU[tuple[float, float]] = LRU(MAX_KEYS)  # (tokens, time of last update)
        self._in_flight: dict[str, int] = {}
        self.refused = 0

    def enter(self, channel: str, client: str | None) -> bool:
        """Count one more message of `client` being answered; False (not counted) when it has `IN_FLIGHT`."""
        if self.limits is None or not client or channel not in IP_CHANNELS:
            return True
        if self._in_flight.get(client, 0) >= IN_FLIGHT:
            self.refused += 1
            return False
        self._in_flight[client] = self._in_flight.get(client, 0) + 1
        return True

    def leave(self, channel: str, client: str | None) -> None:
        if self.limits is None or not client or channel not in IP_CHANNELS or client not in self._in_flight:
            return
        self._in_flight[client] -= 1
        if self._in_flight[client] <= 0:
            del self._in_flight[client]

    def _take(self, kind: str, key: str, now: float) -> float:
        """Spend a token of `key`'s bucket; 0 if there was one, else the seconds until there is."""
        assert self.limits is not None
        limit = self.limits[kind]
        tokens, then = self._buckets.peek((kind, key)) or (float(limit.burst), now)
        tokens = min(float(limit.burst), tokens + (now - then) * limit.per_second)
        if tokens >= 1.0:
            self._buckets.put((kind, key), (tokens - 1.0, now))
            return 0.0
        self._buckets.put((kind, key), (tokens, now))
        return (1.0 - tokens) / limit.per_second if limit.per_second > 0 else 3600.0

    def check(self, channel: str, sender: str | None, client: str | None) -> str | None:
        """None when the message may go on; otherwise the polite reply to send instead."""
        if self.limits is None:
            return None
        now = self._clock()
        wait = 0.0
        if client and channel in IP_CHANNELS:
            wait = self._take("ip", client, now)
        if not wait and sender:
            wait = self._take("sender", f"{channel}:{sender}", now)
        if wait:
            self.refused += 1
            return polite(wait)
        return None


QUOTAS = Quotas(limits_from(os.environ))
