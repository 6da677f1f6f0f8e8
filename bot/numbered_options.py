"""Buttons for channels that have none (SMS, WhatsApp via Twilio): numbered options and numbered replies.

The assistant's buttons become "1. Yes / 2. No ..." under the message; a reply that is just one of
those numbers is turned back into that button's payload. The options last offered to each person are
kept in memory for a limited time (one process; route each conversation to one replica, as socket.io
and Rasa's lock store need anyway).
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict

from bot.language import pick

_NUMBER = re.compile(r"(\d{1,2})\s*[.)]?")  # matched whole against the stripped text: linear


_REPLY_WITH = {"en": "Reply with a number:", "es": "Responda con un número:"}


def render(text: str, buttons: list[dict], lang: str = "en") -> str:
    """The message with its buttons as numbered lines, introduced in the conversation's language."""
    lines = [text.rstrip(), "", pick(_REPLY_WITH, lang)]
    lines += [f"{i}. {b.get('title', '')}" for i, b in enumerate(buttons, start=1)]
    return "\n".join(lines)


class OfferedOptions:
    """Remembers the last numbered options per recipient (bounded in size and age)."""

    def __init__(self, ttl_seconds: float = 3600, max_people: int = 10_000) -> None:
        self._ttl = ttl_seconds
        self._max = max_people
        self._offers: OrderedDict[str, tuple[float, list[str]]] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, recipient: str, buttons: list[dict]) -> None:
        with self._lock:
            self._offers[recipient] = (time.monotonic(), [str(b.get("payload", b.get("title", ""))) for b in buttons])
            self._offers.move_to_end(recipient)
            while len(self._offers) > self._max:
                self._offers.popitem(last=False)

    def resolve(self, recipient: str, text: str) -> str:
        """The payload a numbered reply stands for, or the text unchanged."""
        match = _NUMBER.fullmatch((text or "").strip())
        if not match:
            return text
        with self._lock:
            offered = self._offers.get(recipient)
        if not offered or time.monotonic() - offered[0] > self._ttl:
            return text
        index = int(match.group(1)) - 1
        return offered[1][index] if 0 <= index < len(offered[1]) else text
