"""socket.io channel for the website widget: working session persistence, sessions nobody else can claim.

- Rasa 3.6's connector calls ``sio.enter_room(...)`` without ``await``; since python-socketio 5.10 that
  call is a coroutine, so with ``session_persistence: true`` the browser never joins its room and no bot
  reply arrives (RasaHQ/rasa#13027). This subclass awaits it when it is a coroutine.
- Sessions are issued by the server as signed tokens (channels/widget_session.py) and proved on every
  ``session_request``: a made-up or leaked conversation id gets a new, empty session. One socket holds a
  session at a time: a second socket that proves the token (a reload, a duplicated tab) takes it over, and
  the first one is told to reload instead of receiving the conversation. A message is accepted only from
  the socket that holds its session.
- Only the page's own origins may open a socket (``STEMSAFE_PAGE_ORIGINS``, comma-separated, e.g. a
  hospital that embeds the widget; default the origin of ``STEMSAFE_PUBLIC_URL``): engine.io answers 403
  to any other ``Origin`` before a session exists. (Clients that send no Origin are not browsers.)
- When "delete my data" erases the conversation (stores/tracker.py), the page gets ``stemsafe_forget``
  and clears the browser's copy (web/assets/chat.js).
- Links in bot text that do not go to http(s) are broken up before the widget renders them as Markdown
  (a ``javascript:`` link typed as a clinic name and echoed back never becomes a working link).
- Conversations are keyed ``socketio:<session id>`` (channels/identity.py).

Messages pass the entry gate (channels/entry_gate.py); engine.io refuses packets over the socket.io body
limit, and metadata that is not JSON (or nested too deep to parse) is dropped.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import os
import re
from collections.abc import Awaitable, Callable
from typing import Any, Text
from urllib.parse import urlsplit

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint, response

from bot.entry_limits import body_limit
from channels.entry_gate import entry_gate, limit_body, note_socket_client
from channels.identity import channel_id, identify
from channels.safety_net import never_silent
from channels.widget_session import SessionTokens
from stores import tracker as tracker_store

logger = logging.getLogger(__name__)
ORIGINS_ENV = "STEMSAFE_PAGE_ORIGINS"
FORGET_EVENT = "stemsafe_forget"
TAKEN_OVER = "This conversation is now open in another window or tab. Reload this page to continue here."
_UNSAFE_LINK = re.compile(r"\]\((?!\s*(?:<\s*)?https?://)")  # [text](target) whose target is not http(s)
_UNSAFE_AUTOLINK = re.compile(r"<(?=[A-Za-z][A-Za-z0-9+.\-]{0,31}:)(?!https?://)")  # <scheme:...>
_UNSAFE_DEFINITION = re.compile(r"\]:(?!\s*(?:<\s*)?https?://)")  # [ref]: target


def origin_of(url: str) -> str:
    parts = urlsplit(url.strip())
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def allowed_origins(env: dict[str, str] | None = None) -> set[str]:
    """The page origins allowed to open a socket (see the module docstring)."""
    env = dict(os.environ) if env is None else env
    listed = env.get(ORIGINS_ENV) or env.get("STEMSAFE_PUBLIC_URL") or "http://127.0.0.1:8000"
    return {origin for origin in (origin_of(item) for item in re.split(r"[,\s]+", listed)) if origin}


def safe_markdown(text: str) -> str:
    """Bot text with every non-http(s) Markdown link broken up, so the widget shows it as plain text."""
    text = _UNSAFE_LINK.sub("] (", text)
    text = _UNSAFE_AUTOLINK.sub("\\<", text)
    return _UNSAFE_DEFINITION.sub("] :", text)


class CountingSocketIOOutput(SocketIOOutput):
    """socket.io output that counts what it sent during a turn, and sends only safe links."""

    sent = 0

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        self.sent += 1
        if isinstance(response, dict) and isinstance(response.get("text"), str):
            response = {**response, "text": safe_markdown(response["text"])}
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
        namespace = self.namespace or "/"
        sio.eio.max_http_buffer_size = body_limit("socketio")  # long-polling bodies and websocket packets
        deliver = never_silent(entry_gate(identify(on_new_message, "socketio"), "socketio"), _sent)
        tokens = SessionTokens()
        origins = allowed_origins()
        holder: dict[str, str] = {}  # session id -> the socket that holds it
        held: dict[str, str] = {}  # socket -> the session it holds
        handle_request = sio.eio.handle_request

        async def origin_checked(request: Any, *args: Any, **kwargs: Any) -> Any:
            origin = request.headers.get("origin")
            if origin and origin_of(origin) not in origins:
                logger.info("socket.io: a connection from a foreign origin was refused")
                return response.text("Not an accepted origin.", status=403)
            return await handle_request(request, *args, **kwargs)

        sio.eio.handle_request = origin_checked  # attached to the app when the blueprint is registered

        async def join(sid: str, session_id: str) -> None:
            joined = sio.enter_room(sid, session_id, namespace=namespace)
            if inspect.isawaitable(joined):
                await joined

        async def leave(sid: str, session_id: str) -> None:
            left = sio.leave_room(sid, session_id, namespace=namespace)
            if inspect.isawaitable(left):
                await left

        async def session_request(sid: str, data: Any) -> None:
            token = data.get("session_id") if isinstance(data, dict) else None
            session_id = tokens.verify(token)
            if session_id is None:
                session_id, token = tokens.issue()
            if self.session_persistence:
                previous = held.pop(sid, None)
                if previous is not None and previous != session_id and holder.get(previous) == sid:
                    holder.pop(previous, None)
                    await leave(sid, previous)
                other = holder.get(session_id)
                if other is not None and other != sid:  # a reload or a second tab proved the token: it takes over
                    held.pop(other, None)
                    await leave(other, session_id)
                holder[session_id] = sid
                held[sid] = session_id
                await join(sid, session_id)
            await sio.emit("session_confirm", token, room=sid)

        async def disconnect(sid: str) -> None:
            session_id = held.pop(sid, None)
            if session_id is not None and holder.get(session_id) == sid:
                holder.pop(session_id, None)

        async def handle_message(sid: str, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            if self.session_persistence:
                sender_id = tokens.verify(data.get("session_id"))
                if sender_id is None or held.get(sid) != sender_id:
                    if sender_id is not None:  # its own session, taken over by another tab
                        await sio.emit(self.bot_message_evt, {"text": TAKEN_OVER}, room=sid)
                    logger.warning("socket.io message ignored: its session is not held by this socket")
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
            note_socket_client(sio.get_environ(sid))  # the client address, for the quotas
            await deliver(message)

        def forget(stored_id: str) -> None:
            """The conversation was erased: tell its page to clear the browser's copy."""
            if not stored_id.startswith("socketio:"):
                return
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return
            loop.create_task(sio.emit(FORGET_EVENT, {}, room=channel_id("socketio", stored_id), namespace=namespace))

        tracker_store.ERASE_LISTENERS.append(forget)
        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on("disconnect", disconnect, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return blueprint
