"""Slack connector whose signature check is Slack's own SDK validator, with a configurable API base URL.

Rasa 3.6 already checks Slack's HMAC-SHA256 signature (5-minute replay window) but answers a forged
request with 400; this subclass refuses it with 403 before Rasa sees it, using
``slack_sdk.signature.SignatureVerifier``. ``api_base_url`` lets tests point replies at a local fake.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from channels.security import guard_webhook

DEFAULT_API = "https://slack.com/api/"


class VerifiedSlackInput(SlackInput):
    @classmethod
    def name(cls) -> Text:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        channel = super().from_credentials(credentials)
        channel.api_base_url = (credentials or {}).get("api_base_url") or DEFAULT_API  # type: ignore[attr-defined]
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        verifier = SignatureVerifier(self.slack_signing_secret)
        return guard_webhook(
            super().blueprint(on_new_message),
            lambda request: verifier.is_valid_request(request.body, dict(request.headers)),
        )

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> OutputChannel:
        bot = super().get_output_channel(channel, thread_id)
        if isinstance(bot, SlackBot):
            base = getattr(self, "api_base_url", DEFAULT_API)
            bot.client = AsyncWebClient(self.slack_token, base_url=base if base.endswith("/") else base + "/")
        return bot
