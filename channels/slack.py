"""Slack connector whose signature check is Slack's own SDK validator, with a configurable API base URL.

Rasa 3.6 already checks Slack's HMAC-SHA256 signature (5-minute replay window) but answers a forged
request with 400; this subclass refuses it with 403 before Rasa sees it, using
``slack_sdk.signature.SignatureVerifier``. ``api_base_url`` lets tests point replies at a local fake.
Messages pass the entry gate (channels/entry_gate.py); oversized bodies get 413. Rasa's link clean-up
(a regex that is quadratic on some texts) is skipped for a message the gate will refuse anyway.
Every route but the health check is signature-checked; the connector refuses to start with an empty signing
secret or token (``SignatureVerifier("")`` would accept requests signed with the empty key); an event whose
``event_id`` was already delivered is dropped (channels/dedup.py). Conversations are keyed
``slack:<user id>`` (channels/identity.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.entry_limits import text_limit
from channels.dedup import SEEN
from channels.entry_gate import entry_gate, limit_body
from channels.identity import identify
from channels.security import guard_webhook, required

DEFAULT_API = "https://slack.com/api/"


class VerifiedSlackInput(SlackInput):
    @classmethod
    def name(cls) -> Text:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        required("slack", credentials, "slack_token", "slack_signing_secret")
        channel = super().from_credentials(credentials)
        channel.api_base_url = (credentials or {}).get("api_base_url") or DEFAULT_API  # type: ignore[attr-defined]
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        required("slack", {"slack_signing_secret": self.slack_signing_secret}, "slack_signing_secret")
        verifier = SignatureVerifier(self.slack_signing_secret)
        blueprint = guard_webhook(
            limit_body(super().blueprint(entry_gate(identify(on_new_message, "slack"), "slack")), "slack"),
            "slack",
            lambda request: verifier.is_valid_request(request.body, dict(request.headers)),
        )

        async def drop_repeats(request: Request) -> HTTPResponse | None:
            if request.method != "POST" or "json" not in (request.content_type or ""):
                return None
            body = request.json
            if isinstance(body, dict) and not SEEN.first("slack", body.get("event_id")):
                return response.text("", status=200, headers={"X-Slack-No-Retry": "1"})
            return None

        blueprint.middleware("request")(drop_repeats)
        return blueprint

    @staticmethod
    def _sanitize_user_message(text: Text, uids_to_remove: Optional[List[Text]]) -> Text:
        if len(text) > text_limit("slack"):
            return text  # refused by the entry gate without being read
        return SlackInput._sanitize_user_message(text, uids_to_remove)

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> OutputChannel:
        bot = super().get_output_channel(channel, thread_id)
        if isinstance(bot, SlackBot):
            base = getattr(self, "api_base_url", DEFAULT_API)
            bot.client = AsyncWebClient(self.slack_token, base_url=base if base.endswith("/") else base + "/")
        return bot
