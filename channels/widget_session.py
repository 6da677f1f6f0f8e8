"""Widget session ids a client cannot forge or claim from a leaked conversation id.

The socket.io server issues each browser a session token ``<id>.<mac>``: ``id`` is 32 random hex digits,
``mac`` is HMAC-SHA256(server key, id) (32 hex digits). The browser keeps the token in its session
storage and proves it on every ``session_request``; the conversation is stored as ``socketio:<id>``, so
the id that the tracker, the records database or a log holds is not enough to join it: whoever asks for a
session without the token gets a new, empty one. The key comes from ``STEMSAFE_SESSION_KEY`` (`make run`
keeps one in var/session.key; every replica must share it); without it, each start makes a random one
and open widget sessions start again after a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets

logger = logging.getLogger(__name__)
KEY_ENV = "STEMSAFE_SESSION_KEY"
_TOKEN = re.compile(r"^([0-9a-f]{32})\.([0-9a-f]{32})$")


class SessionTokens:
    def __init__(self, key: str | bytes | None = None) -> None:
        key = key if key is not None else os.environ.get(KEY_ENV, "")
        if not key:
            logger.warning(f"{KEY_ENV} is not set: widget sessions will not survive a restart")
            key = secrets.token_bytes(32)
        self.key = key.encode() if isinstance(key, str) else key

    def mac(self, session_id: str) -> str:
        return hmac.new(self.key, b"stemsafe-widget-session:" + session_id.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self) -> tuple[str, str]:
        """A new session: its id and the token the browser keeps."""
        session_id = secrets.token_hex(16)
        return session_id, f"{session_id}.{self.mac(session_id)}"

    def verify(self, token: object) -> str | None:
        """The session id the token proves, or None (made up, altered, or signed with another key)."""
        match = _TOKEN.match(token) if isinstance(token, str) else None
        if match is None or not hmac.compare_digest(match.group(2), self.mac(match.group(1))):
            return None
        return match.group(1)
