"""Keeps what StemSafe did with a question in the review queue (bot.feedback_store), for the FAQ and fallback
actions: a thin adapter. Nothing is kept without the conversation's consent (the store checks). An answer
that was kept gets the "Did this answer your question?" buttons on the answer message itself (no new bot
turn: the dialogue, the no-repeat rule and the urgent-care rail see the same turns as before), and only
when that message has no buttons of its own (an answer to two questions ends with the other one's offer).
The buttons are titled in the conversation's language (actions.language), and the item records that language.
"""

from __future__ import annotations

import asyncio
import logging
from functools import lru_cache
from typing import Any, Mapping, Sequence

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.language import language_of
from bot import ask_back, feedback
from bot.feedback_store import FeedbackStore
from bot.language import normalise

logger = logging.getLogger(__name__)
PAYLOAD_MASK = "\u2215"  # components/input_guard.py's mark on a refused `/intent{...}` payload


@lru_cache(maxsize=1)
def store() -> FeedbackStore:
    return FeedbackStore.from_url()


def language(message: Mapping[str, Any], tracker: Tracker | None = None) -> str:
    """The conversation's language ("en" or "es"): the `language` slot when there is a tracker, else the
    widget's `language` metadata when it names one, else English."""
    if tracker is not None:
        return language_of(tracker)
    return normalise((message.get("metadata") or {}).get("language")) or "en"


def kind_of(decision: ask_back.Decision, text: str | None = None) -> str:
    """What StemSafe did with a question: answered it, asked back, fell back, or refused a command payload."""
    if (text or "").lstrip().startswith((PAYLOAD_MASK, "/")):
        return feedback.REFUSED
    if decision.kind == ask_back.Kind.ANSWER:
        return feedback.ANSWER
    return feedback.ASK_BACK if decision.kind == ask_back.Kind.ASK_BACK else feedback.FALLBACK


async def keep(
    tracker: Tracker,
    dispatcher: CollectingDispatcher,
    decision: ask_back.Decision,
    ranking: ask_back.Ranking | None = None,
    card: str | None = None,
) -> None:
    """Keep the latest message (when the conversation consented) as what was done with it: answered (a FAQ
    topic, or a condition `card`), asked back, fell back or refused; an answer that was kept gets the feedback
    buttons on the last message said, when that message has no buttons of its own. Call after saying."""
    message = tracker.latest_message or {}
    text = str(message.get("text") or "")
    kind = feedback.ANSWER if card else kind_of(decision, text)
    topic, confidence, offered = _what(decision, ranking)
    if card:
        topic = f"{feedback.CARD_PREFIX}{card}"
    try:
        token = await asyncio.to_thread(
            store().add, tracker.sender_id, kind, text, topic, confidence, offered, language(message, tracker)
        )
    except Exception:  # the answer matters more than the queue: never fail the turn for it
        logger.exception("feedback: could not keep an item")
        return
    said = dispatcher.messages
    if token and kind == feedback.ANSWER and said and not said[-1].get("buttons"):
        said[-1]["buttons"] = feedback.feedback_buttons(token, language_of(tracker))


def _what(
    decision: ask_back.Decision | None, ranking: ask_back.Ranking | None
) -> tuple[str | None, float | None, Sequence[str]]:
    topics = list(ranking.topics) if ranking else []
    scores = dict(topics)
    if decision is None:
        return None, (topics[0][1] if topics else None), [t for t, _ in topics[:3]]
    if decision.kind == ask_back.Kind.ANSWER and decision.topic:
        others = [t for t, _ in topics if t != decision.topic][:3]
        return decision.topic, scores.get(decision.topic), others
    if decision.kind == ask_back.Kind.ASK_BACK:
        return None, (topics[0][1] if topics else None), list(decision.offered)
    return None, (topics[0][1] if topics else None), [t for t, _ in topics[:3]]


async def keep_choice(tracker: Tracker, dispatcher: CollectingDispatcher) -> None:
    """After a topic button (ask-back, or the topics offered after "No"): record the pick on the item it answers,
    and let the person rate the answer to an ask-back they picked."""
    said = dispatcher.messages
    answered = [m.get("response") for m in said if str(m.get("response") or "").startswith("utter_faq/")]
    if not answered:
        return
    topic = str(answered[-1]).split("/", 1)[1]
    try:
        token = await asyncio.to_thread(store().choose, tracker.sender_id, topic)
    except Exception:
        logger.exception("feedback: could not record a chosen topic")
        return
    if token and not said[-1].get("buttons"):
        said[-1]["buttons"] = feedback.feedback_buttons(token, language_of(tracker))
