"""`make shell`'s channel: Rasa's command-line REST endpoint, with its conversations keyed ``shell:<id>``.

``rasa shell`` serves Rasa's stock ``CmdlineInput`` (a REST endpoint at ``/webhooks/rest/webhook`` with no
authentication) for the terminal client, on the same tracker and records databases as `make run`. With
channel-bound ids (channels/identity.py) that endpoint reaches only ``shell:`` conversations: nothing typed
or posted there can address an SMS, WhatsApp, widget or REST user. ``runtime.serve shell`` installs it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.console import CmdlineInput
from sanic import Blueprint

from channels.identity import identify


class LocalShellInput(CmdlineInput):
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(identify(on_new_message, "shell"))


def install() -> None:
    """Make ``rasa shell`` serve `LocalShellInput` instead of Rasa's ``CmdlineInput``."""
    from rasa.core.channels import BUILTIN_CHANNELS

    BUILTIN_CHANNELS[CmdlineInput.name()] = LocalShellInput
