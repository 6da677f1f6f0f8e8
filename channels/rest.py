"""REST channel (``POST /webhooks/rest/webhook``) that always answers, even when processing failed.

Rasa's REST channel has no authentication: put it behind the operator's gateway (see SECURITY.md).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint

from channels.safety_net import never_silent


def _collected(message: UserMessage) -> int:
    output = message.output_channel
    return len(output.messages) if isinstance(output, CollectingOutputChannel) else 0


class ReliableRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(never_silent(on_new_message, _collected))
