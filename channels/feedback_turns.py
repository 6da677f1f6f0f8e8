"""Consent and feedback clicks, handled beside the dialogue: they never reach Rasa's NLU, policies or tracker.

`channels/identity.py` wraps every channel's handler with `feedback_turns`, after the entry gate and with the
channel-bound id, so every channel behaves the same:
- ``/stemsafe_consent{"keep": "yes"|"no"}`` (the greeting's buttons, or their numbers on SMS/WhatsApp; the
  Spanish greeting's add ``"lang": "es"``), or the same answer typed in words that name keeping the questions
  ("no thanks, dont keep my questions", bot.feedback.typed_consent), records or withdraws consent (withdrawing
  deletes what was kept) and says so, in the greeting's language;
- ``/stemsafe_feedback{"item": <token>, "helpful": "yes"|"no"}`` (the buttons on an answer) records the
  feedback on that conversation's item; "No" asks what the person wanted to know and offers the closest
  other topics as the ask-back's own topic buttons;
- after a "No", the conversation's next message is also kept, redacted, as what the person wanted to know,
  and goes on to the dialogue as usual (it is answered, and the urgent-care rail sees it).
A click is not a dialogue turn, so the clinic check's pending question, the no-repeat rule and the
urgent-care rail are exactly where they were. Blocking database work runs in a worker thread.
The replies are in English or Spanish: a feedback click's in the language its item was kept in (the
conversation's language then), a consent click's in the client's language (`metadata.language`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Any

from rasa.core.channels.channel import UserMessage

from bot import ask_back, feedback, language
from bot.feedback_store import FeedbackStore

logger = logging.getLogger(__name__)
Handler = Callable[[UserMessage], Awaitable[Any]]
WAITING: OrderedDict[str, float] = OrderedDict()  # conversations whose "No" waits for a message (this process)
MAX_WAITING = 10_000
NO_KEY_TEXTS = {
    "en": "Thank you. This StemSafe server keeps no questions, so nothing will be kept.",
    "es": "Gracias. Este servidor de StemSafe no guarda preguntas, así que no se guardará nada.",
}
NO_KEY_TEXT = NO_KEY_TEXTS["en"]


def client_language(message: UserMessage) -> str:
    """The client's language ("en" or "es") from the message's metadata; English when it names none."""
    metadata = message.metadata if isinstance(message.metadata, dict) else {}
    return language.normalise(metadata.get("language")) or language.DEFAULT


@lru_cache(maxsize=1)
def store() -> FeedbackStore:
    return FeedbackStore.from_url()


async def _say(message: UserMessage, text: str, buttons: list[dict[str, str]] | None = None) -> None:
    if message.output_channel is not None:
        await message.output_channel.send_response(message.sender_id, {"text": text, "buttons": buttons or []})


def feedback_turns(on_new_message: Handler) -> Handler:
    """Wrap a channel's (identified) handler: consent and feedback clicks are answered here (see the module)."""

    async def handle(message: UserMessage) -> Any:
        text = message.text or ""
        typed = feedback.typed_consent(text)
        if not feedback.looks_like_ours(text) and typed is None:
            if text and not text.startswith("/") and _waiting(message.sender_id):
                await _keep_wanted(message.sender_id, text)
            return await on_new_message(message)
        given = typed or feedback.parse(text)
        lang = (given.lang if isinstance(given, feedback.Consent) else None) or client_language(message)
        try:
            if isinstance(given, feedback.Consent):
                kept = await asyncio.to_thread(store().set_consent, message.sender_id, given.keep)
                said = ("consent_yes" if given.keep else "consent_no") if kept else None
                await _say(message, feedback.text(said, lang) if said else language.pick(NO_KEY_TEXTS, lang))
                return None
            if isinstance(given, feedback.Feedback):
                item = await asyncio.to_thread(store().give_feedback, message.sender_id, given.item, given.helpful)
                if item is not None and not given.helpful:
                    _wait(message.sender_id)
                await _say_after_feedback(message, item, given.helpful, lang)
                return None
        except Exception:
            logger.exception("feedback: a consent or feedback click could not be recorded")
        # malformed, or not this conversation's item: nothing recorded
        await _say(message, feedback.text("gone", lang))
        return None

    return handle


async def _say_after_feedback(message: UserMessage, item: Any, helpful: bool, lang: str = "en") -> None:
    if item is None:
        await _say(message, feedback.text("gone", lang))
        return
    lang = language.normalise(getattr(item, "language", None)) or lang  # the language the answer was given in
    if helpful:
        await _say(message, feedback.text("helped", lang))
        return
    topics = [t for t in item.offered if t in ask_back.TITLES][: ask_back.MAX_OFFERED]
    if topics:
        buttons = ask_back.buttons(topics, something_else=False, lang=lang)
        await _say(message, feedback.text("not_helped_topics", lang), buttons)
    else:
        await _say(message, feedback.text("not_helped", lang))


def _wait(sender_id: str) -> None:
    WAITING[sender_id] = time.monotonic()
    WAITING.move_to_end(sender_id)
    while len(WAITING) > MAX_WAITING:
        WAITING.popitem(last=False)


def _waiting(sender_id: str) -> bool:
    """Whether this conversation's next message may be "what I wanted to know" (the store decides for sure):
    only those ask the database, so other messages cost nothing."""
    since = WAITING.pop(sender_id, None)
    return since is not None and time.monotonic() - since <= feedback.WANTED_MINUTES * 60


async def _keep_wanted(sender_id: str, text: str) -> None:
    try:
        await asyncio.to_thread(store().take_wanted, sender_id, text)
    except Exception:
        logger.exception("feedback: could not keep what the person wanted to know")
