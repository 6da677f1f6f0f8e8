"""Never leave a user without an answer: when a turn produces no bot message (the action server or the
database is down, or processing failed), say so plainly.

A turn that was cancelled (a timeout inside Rasa) counts as failed too, so Rasa's REST channel never gets to
log the user's text for it (security review I4).

Every normal StemSafe turn says something (each rule and form step utters a message), so silence
means a failure. The wrapper counts what the output channel sent during the turn.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from rasa.core.channels.channel import UserMessage

logger = logging.getLogger(__name__)
TROUBLE = (
    "Sorry, I'm having trouble right now. Anything you already told me is saved. "
    "Please send your message again in a minute."
)


def never_silent(
    on_new_message: Callable[[UserMessage], Awaitable[None]], sent: Callable[[UserMessage], int]
) -> Callable[[UserMessage], Awaitable[None]]:
    """Wrap Rasa's message handler; `sent(message)` tells how many messages its output channel has sent."""

    async def handle(message: UserMessage) -> None:
        before = sent(message)
        try:
            await on_new_message(message)
        except (Exception, asyncio.CancelledError):  # a cancelled turn too: Rasa's REST channel would log its text
            logger.exception("processing a message failed")
        if sent(message) == before and message.output_channel is not None:
            await message.output_channel.send_text_message(message.sender_id, TROUBLE)

    return handle
