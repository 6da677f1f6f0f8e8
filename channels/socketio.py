"""socket.io channel for the website widget, with working session persistence.

Rasa 3.6's connector calls ``sio.enter_room(...)`` without ``await``; since python-socketio 5.10 that
call is a coroutine, so with ``session_persistence: true`` the browser never joins its room and no
bot reply arrives (RasaHQ/rasa#13027). This subclass replaces the ``session_request`` handler with one
that awaits the call when it is a coroutine (so it works on every python-socketio 5.x), and only
accepts unguessable session ids: with persistence on, whoever knows a session id receives that
conversation, so an id a client made up ("1", "alice") is replaced by a fresh random one. A message
is accepted only for a session this very socket has joined, so nobody can write into another
person's conversation by sending its id.

Messages pass the entry gate (channels/entry_gate.py); engine.io refuses packets over the socket.io body
limit, and metadata that is not JSON (or nested too deep to parse) is dropped.
"""

from __future__ import annotations

import inspect
import json
import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.entry_limits import body_limit
from channels.entry_gate import entry_gate, limit_body
from channels.safety_net import never_silent

logger = logging.getLogger(__name__)
_SESSION_ID = re.compile(r"^[0-9a-f]{32}$")


def safe_session_id(requested: str | None) -> str:
    """The requested id if it is a 32-hex-digit random id, else a new one."""
    return requested if isinstance(requested, str) and _SESSION_ID.match(requested) else uuid.uuid4().hex


class CountingSocketIOOutput(SocketIOOutput):
    """socket.io output that counts what it sent during a turn."""

    sent = 0

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)


def _sent(message: UserMessage) -> int:
    output = message.output_channel
    return output.sent if isinstance(output, CountingSocketIOOutput) else 0


class PersistentSocketIOInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = limit_body(super().blueprint(on_new_message), "socketio")
        sio = self.sio
        sio.eio.max_http_buffer_size = body_limit("socketio")  # long-polling bodies and websocket packets
        deliver = never_silent(entry_gate(on_new_message, "socketio"), _sent)

        async def session_request(sid: str, data: dict | None) -> None:
            session_id = safe_session_id((data or {}).get("session_id"))
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=self.namespace or "/")
                if inspect.isawaitable(joined):
                    await joined
            await sio.emit("session_confirm", session_id, room=sid)

        async def handle_message(sid: str, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            if self.session_persistence:
                sender_id = data.get("session_id")
                if not sender_id or sender_id not in sio.rooms(sid, namespace=self.namespace or "/"):
                    logger.warning("socket.io message ignored: its session was not requested by this socket")
                    return
            else:
                sender_id = sid
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except (ValueError, RecursionError):
                    metadata = {}
            text = data.get("message")
            message = UserMessage(
                text if isinstance(text, str) else "",
                CountingSocketIOOutput(sio, self.bot_message_evt),
                sender_id,
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else {},
            )
            await deliver(message)

        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return blueprint
