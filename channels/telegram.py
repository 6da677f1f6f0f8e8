"""Telegram connector that checks Telegram's secret-token header and can talk to a configurable API.

Rasa 3.6's connector accepts any POST to its webhook. This one registers the webhook with a
``secret_token`` and refuses (403) any update whose ``X-Telegram-Bot-Api-Secret-Token`` header does
not match it. ``api_base_url`` (default Telegram's) lets tests point the bot at a local fake server.
Every route but the health check needs the secret header; ``/set_webhook`` is refused outright (Rasa's
route re-registers the webhook without the secret, which silently breaks the channel): the webhook is
registered at start-up only, with the secret. An update whose ``update_id`` was already delivered is
dropped (channels/dedup.py). Conversations are keyed ``telegram:<chat id>`` (channels/identity.py).
Messages pass the entry gate (channels/entry_gate.py); oversized bodies get 413. The sender's
``language_code`` (their Telegram app's language) travels as ``metadata.language``: it chooses English or
Spanish when the message itself does not (bot/language.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Dict, Optional, Text

from aiogram.bot.api import TelegramAPIServer
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import language
from channels.dedup import SEEN
from channels.entry_gate import entry_gate, limit_body
from channels.identity import identify
from channels.security import guard_webhook, required, same_secret

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_API = "https://api.telegram.org"


def telegram_metadata(update: Any) -> Optional[Dict[Text, Any]]:
    """`{"language": ...}` from an update's `from.language_code` (a message, an edit or a button press)."""
    if not isinstance(update, dict):
        return None
    for key in ("message", "edited_message", "callback_query"):
        sender = (update.get(key) or {}).get("from") if isinstance(update.get(key), dict) else None
        if isinstance(sender, dict):
            code = language.normalise(sender.get("language_code"))
            return {"language": code} if code else None
    return None


class ConfigurableTelegramOutput(TelegramOutput):
    @classmethod
    def name(cls) -> Text:
        return "telegram"

    def __init__(self, access_token: Optional[Text], api_base_url: Text = DEFAULT_API) -> None:
        base = api_base_url.rstrip("/")
        server = TelegramAPIServer(base=f"{base}/bot{{token}}/{{method}}", file=f"{base}/file/bot{{token}}/{{path}}")
        super(TelegramOutput, self).__init__(access_token, server=server)


class SecureTelegramInput(TelegramInput):
    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        required("telegram", credentials, "access_token", "verify", "secret_token")
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            secret_token=credentials.get("secret_token"),
            api_base_url=credentials.get("api_base_url") or DEFAULT_API,
        )

    def __init__(self, *args: Any, secret_token: Optional[Text] = None, api_base_url: Text = DEFAULT_API, **kw: Any):
        super().__init__(*args, **kw)
        if not secret_token:
            raise ValueError("telegram: a secret_token is required (TELEGRAM_SECRET_TOKEN)")
        self.secret_token = secret_token
        self.api_base_url = api_base_url
        self.debug_mode = False

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = guard_webhook(
            limit_body(super().blueprint(entry_gate(identify(on_new_message, "telegram"), "telegram")), "telegram"),
            "telegram",
            lambda request: same_secret(self.secret_token, request.headers.get(SECRET_HEADER)),
            refused=("set_webhook",),
        )

        async def drop_repeats(request: Request) -> HTTPResponse | None:
            body = request.json if request.method == "POST" else None
            if isinstance(body, dict) and not SEEN.first("telegram", body.get("update_id")):
                return response.text("success")  # already delivered: Telegram must not retry it
            return None

        blueprint.middleware("request")(drop_repeats)
        return blueprint

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        """The sender's app language, as `{"language": "es"}`, when the update carries one we speak."""
        return telegram_metadata(request.json if request.method == "POST" else None)

    def get_output_channel(self) -> TelegramOutput:
        channel = ConfigurableTelegramOutput(self.access_token, self.api_base_url)
        if self.webhook_url:
            payload = {"url": self.webhook_url, "secret_token": self.secret_token}

            async def register() -> None:
                try:
                    await channel.request("setWebhook", payload)
                finally:  # the session belongs to this short-lived loop: close it, the server makes its own
                    await channel.close()

            try:
                asyncio.run(register())
            except Exception as error:  # Telegram unreachable: keep serving the other channels, say why
                logger.error(f"telegram: could not register the webhook: {error}")
        return channel
