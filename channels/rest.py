"""REST channel (``POST /webhooks/rest/webhook``): token-protected, and it always answers.

Rasa's REST channel has no authentication and lets the client choose any ``sender``. This one:
- is loaded only when ``STEMSAFE_REST_TOKEN`` is set (channels/config.py writes it into the credentials;
  `make run` leaves it out otherwise), refuses to start with an empty or short token, and answers 401 to
  a request without ``Authorization: Bearer <token>`` (constant-time compare);
- refuses (415) a body that is not ``application/json`` (a cross-site "simple" POST cannot send that), and
  (400) a body without a ``sender``: such a message never lands in a shared "default" conversation;
- keys the conversation ``rest:<sender>`` (channels/identity.py): a REST client only ever reaches REST
  conversations, whatever ``sender`` or ``input_channel`` it sends.

Messages pass the entry gate (channels/entry_gate.py) first. A body over the REST limit gets 413 with the
polite refusal as a JSON reply; a body that is not a JSON object with a text ``message`` gets 400 with a
reply saying so, instead of Rasa's internal error.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.entry_limits import refusal, text_limit
from channels.entry_gate import entry_gate, limit_body
from channels.identity import identify
from channels.safety_net import never_silent
from channels.security import required, same_secret

UNREADABLE = 'I couldn\'t read that request. Send JSON like {"sender": "<id>", "message": "<your question>"}.'
NO_SENDER = 'Every message needs a "sender": the id of your conversation (for example "app-user-42").'
NOT_JSON = "Send the message as JSON, with the header Content-Type: application/json."
MIN_TOKEN = 16  # characters
MAX_SENDER = 128  # characters


def _collected(message: UserMessage) -> int:
    output = message.output_channel
    return len(output.messages) if isinstance(output, CollectingOutputChannel) else 0


def _too_large(_: Request) -> HTTPResponse:
    return response.json([{"recipient_id": None, "text": refusal(None, text_limit("rest"))}], status=413)


def _reply(text: str, status: int) -> HTTPResponse:
    return response.json([{"recipient_id": None, "text": text}], status=status)


async def _well_formed(request: Request) -> HTTPResponse | None:
    if request.method != "POST":
        return None
    if (request.content_type or "").split(";")[0].strip().lower() != "application/json":
        return _reply(NOT_JSON, 415)
    body = request.json  # unparseable JSON: Sanic answers 400
    if not isinstance(body, dict) or not isinstance(body.get("message", ""), (str, type(None))):
        return _reply(UNREADABLE, 400)
    sender = body.get("sender")
    if isinstance(sender, bool) or not isinstance(sender, (str, int)):
        return _reply(NO_SENDER if sender is None else UNREADABLE, 400)
    if not str(sender).strip() or len(str(sender)) > MAX_SENDER:
        return _reply(NO_SENDER, 400)
    return None


class ReliableRestInput(RestInput):
    def __init__(self, token: str) -> None:
        required("rest", {"token": token}, "token")
        if len(token.strip()) < MIN_TOKEN:
            raise ValueError(f"rest: refusing to start with a token under {MIN_TOKEN} characters")
        self.token = token.strip()

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls(str((credentials or {}).get("token") or ""))

    def authorised(self, request: Request) -> bool:
        scheme, _, given = (request.headers.get("Authorization") or "").partition(" ")
        return scheme.lower() == "bearer" and same_secret(self.token, given.strip())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(never_silent(entry_gate(identify(on_new_message, "rest"), "rest"), _collected))
        limit_body(blueprint, "rest", _too_large)  # first: nothing parses an oversized body

        async def authenticate(request: Request) -> HTTPResponse | None:
            if request.method == "POST" and not self.authorised(request):
                return response.json(
                    [{"recipient_id": None, "text": "Unauthorised."}],
                    status=401,
                    headers={"WWW-Authenticate": 'Bearer realm="stemsafe"'},
                )
            return None

        blueprint.middleware("request")(authenticate)
        blueprint.middleware("request")(_well_formed)
        return blueprint
