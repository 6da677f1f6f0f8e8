"""The entry gate: the one check every channel applies to a message before Rasa's NLU sees it.

Each connector wraps the ``on_new_message`` handler Rasa gives its blueprint with `entry_gate` and puts
`limit_body` on its blueprint, so REST, socket.io, Telegram, Slack, Messenger and Twilio bound input the
same way, with the limits of ``bot/entry_limits.py``:
- a message over the channel's limit gets a polite refusal, decided on its length alone (never tokenised);
- otherwise control characters are removed, the models read a bounded window of the text, and a
  windowed message's full text travels in its metadata under ``entry`` (``{"full_text": ...}``, for the
  page check); client metadata that is deep or large is dropped;
- a request body over the channel's limit is refused with 413 before anything parses it, and the
  server's own limit (Sanic's ``REQUEST_MAX_SIZE``) is lowered to the largest channel limit;
- first of all, a message over its sender's or its client address's quota (channels/quotas.py) gets a
  polite "please wait" and goes no further. The address is the HTTP request's (`limit_body` records it
  in `CLIENT`) or, for socket.io, the handshake's (`note_socket_client`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from typing import Any

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.entry_limits import ENTRY_KEY, SERVER_BODY_LIMIT, admit, body_limit, bound_metadata
from channels.quotas import PAUSE, QUOTAS, polite

logger = logging.getLogger(__name__)
Handler = Callable[[UserMessage], Awaitable[Any]]
TooLarge = Callable[[Request], HTTPResponse]
TOO_LARGE = "Request body too large"
CLIENT: ContextVar[str | None] = ContextVar("stemsafe_client_address", default=None)


def client_address(request: Request | None) -> str | None:
    """The client's address: the proxy-reported one when Sanic is configured to trust it, else the peer's."""
    if request is None:
        return None
    return request.remote_addr or request.ip or None


def note_socket_client(environ: Mapping[str, Any] | None) -> None:
    """Record the address of a socket.io message's client (from its engine.io handshake) for the gate."""
    CLIENT.set(client_address((environ or {}).get("sanic.request")))


def entry_gate(on_new_message: Handler, channel: str) -> Handler:
    """Wrap Rasa's message handler for `channel` so that only bounded, clean text reaches the NLU."""

    async def handle(message: UserMessage) -> Any:
        client = CLIENT.get()
        over = QUOTAS.check(channel, message.sender_id, client)
        if over is None and not QUOTAS.enter(channel, client):
            over = polite(1)
        if over is not None:
            logger.info(f"{channel}: a message over its quota was answered with 'please wait'")
            await asyncio.sleep(PAUSE)  # idle: slows the flooder's connections, nobody else's
            if message.output_channel is not None:
                await message.output_channel.send_text_message(message.sender_id, over)
            return None
        try:
            return await admitted(message)
        finally:
            QUOTAS.leave(channel, client)

    async def admitted(message: UserMessage) -> Any:
        admission = admit(message.text, channel, message.sender_id)
        if admission.refusal is not None:
            logger.info(f"{channel}: a message of {len(message.text or '')} characters was refused as too long")
            if message.output_channel is not None:
                await message.output_channel.send_text_message(message.sender_id, admission.refusal)
            return None
        metadata, dropped = bound_metadata(message.metadata, channel)
        if dropped:
            logger.info(f"{channel}: oversized or deep metadata dropped")
        metadata.pop(ENTRY_KEY, None)  # only the gate writes this key
        if admission.windowed:
            metadata[ENTRY_KEY] = {"full_text": admission.full_text}
        message.text = admission.model_text
        message.metadata = metadata or None
        return await on_new_message(message)

    return handle


def limit_body(blueprint: Blueprint, channel: str, too_large: TooLarge | None = None) -> Blueprint:
    """Refuse (413) a request to `blueprint` whose body is over `channel`'s limit, before it is parsed."""
    limit = body_limit(channel)

    async def check(request: Request) -> HTTPResponse | None:
        CLIENT.set(client_address(request))  # same task as the handler: the gate reads it there
        if len(request.body or b"") > limit:
            logger.info(f"{channel}: a request body of {len(request.body)} bytes was refused")
            return too_large(request) if too_large else response.text(TOO_LARGE, status=413)
        return None

    async def lower_server_limit(app: Any, _loop: Any) -> None:
        if app.config.REQUEST_MAX_SIZE > SERVER_BODY_LIMIT:
            app.config.REQUEST_MAX_SIZE = SERVER_BODY_LIMIT

    blueprint.middleware("request")(check)
    blueprint.listener("before_server_start")(lower_server_limit)
    return blueprint
