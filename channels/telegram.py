"""Telegram connector that checks Telegram's secret-token header and can talk to a configurable API.

Rasa 3.6's connector accepts any POST to its webhook. This one registers the webhook with a
``secret_token`` and refuses (403) any update whose ``X-Telegram-Bot-Api-Secret-Token`` header does
not match it. ``api_base_url`` (default Telegram's) lets tests point the bot at a local fake server.
Messages pass the entry gate (channels/entry_gate.py); oversized bodies get 413.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Dict, Optional, Text

from aiogram.bot.api import TelegramAPIServer
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from sanic import Blueprint

from channels.entry_gate import entry_gate, limit_body
from channels.security import guard_webhook, same_secret

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_API = "https://api.telegram.org"


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
        return guard_webhook(
            limit_body(super().blueprint(entry_gate(on_new_message, "telegram")), "telegram"),
            lambda request: same_secret(self.secret_token, request.headers.get(SECRET_HEADER)),
        )

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
