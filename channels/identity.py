"""Identity bound to the channel that proved it: every conversation and record is keyed ``<channel>:<id>``.

Each connector wraps the handler Rasa gives it as ``entry_gate(identify(handler, channel), channel)``: the
platform checked the id (a Twilio signature over ``From``, a Telegram secret header, a socket.io session
whose secret the browser proved, a REST token), so the id is only meaningful on that channel. Rasa, the
tracker store and the records database see ``rest:alice``, ``twilio:whatsapp:+1…``, ``socketio:<hex>``,
and a REST client that sends ``"sender": "whatsapp:+1…"`` reaches ``rest:whatsapp:+1…``, never the
WhatsApp user's conversation. ``input_channel`` is the connector's own name, whatever a client sends.

Replies still reach the channel's user: the prefix is ours, and it is removed from the recipient id
before the connector's output channel sends anything (Rasa sends every bot message through
``send_response``). What runs outside ``identify`` (the entry gate, the safety net) sees the raw id.
Inside it, consent and feedback clicks are answered beside the dialogue (channels/feedback_turns.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from channels.feedback_turns import feedback_turns

Handler = Callable[[UserMessage], Awaitable[Any]]
CHANNELS = ("rest", "socketio", "twilio", "telegram", "slack", "facebook", "shell")  # shell: `make shell`


def bound_id(channel: str, sender_id: Any) -> str:
    """The id a conversation and its records are stored under."""
    return f"{channel}:{sender_id}"


def channel_id(channel: str, stored_id: str) -> str:
    """The id the channel knows its user by (the stored id without our prefix)."""
    prefix = f"{channel}:"
    return stored_id[len(prefix) :] if stored_id.startswith(prefix) else stored_id


def unbind_output(output: OutputChannel | None, channel: str) -> None:
    """Make `output` send to the channel's own id when Rasa hands it the stored one."""
    if output is None or getattr(output, "_stemsafe_unbound", False):
        return
    send_response = output.send_response

    async def send(recipient_id: str, message: dict[str, Any]) -> None:
        await send_response(channel_id(channel, str(recipient_id)), message)

    output.send_response = send  # type: ignore[method-assign]
    output._stemsafe_unbound = True  # type: ignore[attr-defined]


def identify(on_new_message: Handler, channel: str) -> Handler:
    """Wrap Rasa's message handler so that the conversation is the channel's own (see the module docstring)."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")

    async def handle(message: UserMessage) -> Any:
        if message.sender_id is None or str(message.sender_id) == "":
            raise ValueError(f"{channel}: a message without a sender id")  # never the shared "default"
        unbind_output(message.output_channel, channel)
        bound = UserMessage(
            message.text,
            message.output_channel,
            bound_id(channel, message.sender_id),
            parse_data=message.parse_data,
            input_channel=channel,
            message_id=message.message_id,
            metadata=message.metadata,
        )
        return await handler(bound)

    handler = feedback_turns(on_new_message)  # consent and feedback clicks never reach the dialogue
    return handle
