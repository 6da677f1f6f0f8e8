"""REST channel (``POST /webhooks/rest/webhook``) that always answers, even when processing failed.

Messages pass the entry gate (channels/entry_gate.py) first. A body over the REST limit gets 413 with
the polite refusal as a JSON reply; a body that is not a JSON object with a text ``message`` gets 400
with a reply saying so, instead of Rasa's internal error.

Rasa's REST channel has no authentication: put it behind the operator's gateway (see SECURITY.md).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.entry_limits import refusal, text_limit
from channels.entry_gate import entry_gate, limit_body
from channels.safety_net import never_silent

UNREADABLE = 'I couldn\'t read that request. Send JSON like {"sender": "<id>", "message": "<your question>"}.'


def _collected(message: UserMessage) -> int:
    output = message.output_channel
    return len(output.messages) if isinstance(output, CollectingOutputChannel) else 0


def _too_large(_: Request) -> HTTPResponse:
    return response.json([{"recipient_id": None, "text": refusal(None, text_limit("rest"))}], status=413)


async def _well_formed(request: Request) -> HTTPResponse | None:
    if request.method != "POST":
        return None
    body = request.json  # unparseable JSON: Sanic answers 400
    if not isinstance(body, dict) or not isinstance(body.get("message", ""), (str, type(None))):
        return response.json([{"recipient_id": None, "text": UNREADABLE}], status=400)
    if not isinstance(body.get("sender", ""), (str, int, type(None))):
        return response.json([{"recipient_id": None, "text": UNREADABLE}], status=400)
    return None


class ReliableRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(never_silent(entry_gate(on_new_message, "rest"), _collected))
        limit_body(blueprint, "rest", _too_large)  # first: nothing parses an oversized body
        blueprint.middleware("request")(_well_formed)
        return blueprint
