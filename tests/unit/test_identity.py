"""Conversations are keyed by the channel that proved the id; replies still reach the channel's user."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.identity import identify
from channels.shell import LocalShellInput, install


def test_the_stored_id_names_the_channel_and_replies_go_to_the_channels_own_id() -> None:
    seen: list[UserMessage] = []

    async def rasa(message: UserMessage) -> None:
        seen.append(message)
        await message.output_channel.send_response(message.sender_id, {"text": "hello"})

    output = CollectingOutputChannel()
    message = UserMessage("hi", output, "whatsapp:+15550001111", input_channel="rest")
    asyncio.run(identify(rasa, "twilio")(message))
    assert seen[0].sender_id == "twilio:whatsapp:+15550001111" and seen[0].input_channel == "twilio"
    assert output.messages == [{"recipient_id": "whatsapp:+15550001111", "text": "hello"}]
    assert message.sender_id == "whatsapp:+15550001111"  # what runs outside (the entry gate) keeps the raw id
    asyncio.run(identify(rasa, "twilio")(UserMessage("again", output, "whatsapp:+15550001111")))
    assert output.messages[-1]["recipient_id"] == "whatsapp:+15550001111"  # a reused output is unbound once


def test_an_unknown_channel_is_refused() -> None:
    async def rasa(message: UserMessage) -> None:
        return None

    with pytest.raises(ValueError):
        identify(rasa, "whatsapp")


def test_make_shell_serves_the_channel_bound_endpoint() -> None:
    from rasa.core.channels import BUILTIN_CHANNELS

    original = BUILTIN_CHANNELS["cmdline"]
    try:
        install()
        assert BUILTIN_CHANNELS["cmdline"] is LocalShellInput
    finally:
        BUILTIN_CHANNELS["cmdline"] = original
