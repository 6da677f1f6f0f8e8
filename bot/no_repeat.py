"""No loops outside the clinic check: the same "I didn't understand" is never said three times in a row.

The clinic check has its own rule for its questions (bot/clinic_check.py). Outside it, the replies that can
come back turn after turn are the ones for a message the assistant could not use (bot/input_check.REPLIES),
"something else", and the ask-back's "which of these is closest". Each of those belongs to a family; this
module counts how many of the bot's latest messages in a row came from the same family, and changes tack:
the first time the usual reply, the second time a different one with the menu, after that two closing
replies that alternate (so no message is ever said three times in a row) and point to the person's own
doctor. Urgent-care advice is never varied (it is exempt: plan.md), and nothing here reads or records
answers.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.input_check import HELP_BUTTON, REPLIES, Problem, classify

Button = dict[str, str]

CHECK_BUTTON: Button = {"title": "Check a clinic", "payload": "/start_clinic_check"}

# The second time: a change of tack, with the menu as buttons.
SECOND_TEXT = (
    "Sorry, I still can't tell what you need. You can press one of these buttons, "
    'or write your question in a few plain words, for example: "Can donor cells be rejected?"'
)
# After that: two closing replies that alternate, so none is said three times in a row.
CLOSING_TEXTS = (
    "I don't want to keep asking you the same thing. When you're ready, press a button or type a short "
    "question. For questions about your own health, your own doctor is the best person to ask. "
    "If you feel unwell after a treatment, seek urgent care now.",
    "I still can't use that message, sorry. Take your time: a short question in English works best, "
    'or press "What can you do?" to see what I can help with.',
)
# A message in another language: the reply stays bilingual, with the urgent-care line in Spanish each time.
NOT_ENGLISH_TEXTS = (
    "I'm sorry: I can only answer in English for now. Lo siento: todavía solo respondo en inglés. "
    "Para preguntas sobre su salud, hable con su médico. Si se siente mal después de un tratamiento, "
    "busque atención de urgencias ahora (911).",
    "English only for now, sorry. Por ahora solo en inglés, perdón. Su médico puede ayudarle con preguntas "
    "sobre su salud. Si tiene fiebre, enrojecimiento, problemas de visión, debilidad o le cuesta respirar "
    "después de un tratamiento, vaya a urgencias ahora (911).",
)
ASK_BACK_SECOND_TEXT = (
    "I'm still not sure which topic you mean. These are the closest I have; "
    'if none fits, choose "Something else" and tell me in other words.'
)
ASK_BACK_CLOSING_TEXTS = (
    'These are the nearest topics I know. If none of them is it, "Something else" is fine too: '
    "your own doctor can also help with questions about your health.",
    'Here are the closest topics again. Pick one, or choose "Something else".',
)

_SPACE = re.compile(r"\s+")


def _norm(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip().casefold()


def in_a_row(bot_texts: Sequence[str | None], family: Collection[str]) -> int:
    """How many of the bot's latest messages, counted back from the last one, belong to `family`."""
    members = {_norm(t) for t in family}
    count = 0
    for text in reversed(bot_texts):
        if _norm(text) not in members:
            break
        count += 1
    return count


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: list[Button]


def not_understood_family(base_texts: Collection[str]) -> set[str]:
    """Every text the "could not use that message" family can say: the usual replies and the variations."""
    return {*base_texts, SECOND_TEXT, *CLOSING_TEXTS}


def not_english_family(base_text: str) -> set[str]:
    return {base_text, *NOT_ENGLISH_TEXTS}


def not_english(reply: Reply, already: int) -> Reply:
    """The reply to a message in another language; after the first, two bilingual variations alternate."""
    if already <= 0:
        return reply
    return Reply(NOT_ENGLISH_TEXTS[(already - 1) % 2], reply.buttons)


def ask_back_family(ask_text: str) -> set[str]:
    return {ask_text, ASK_BACK_SECOND_TEXT, *ASK_BACK_CLOSING_TEXTS}


def _closing(texts: tuple[str, str], already: int) -> str:
    # already = 2 -> first closing text, 3 -> second, 4 -> first again ...
    return texts[already % 2]


def not_understood(reply: Reply, already: int) -> Reply:
    """The reply for a message the assistant could not use, when `already` such replies came just before."""
    if already <= 0:
        return reply
    if already == 1:
        return Reply(SECOND_TEXT, [HELP_BUTTON, CHECK_BUTTON])
    return Reply(_closing(CLOSING_TEXTS, already), [HELP_BUTTON])


def ask_back(reply: Reply, already: int) -> Reply:
    """The ask-back (same buttons: the topics still matter), worded differently when it comes back."""
    if already <= 0:
        return reply
    if already == 1:
        return Reply(ASK_BACK_SECOND_TEXT, reply.buttons)
    return Reply(_closing(ASK_BACK_CLOSING_TEXTS, already), reply.buttons)


def fallback_reply(text: str | None, bot_texts: Sequence[str | None]) -> Reply:
    """What to say to a message the assistant could not use, given the bot's latest messages."""
    problem = classify(text)
    base = Reply(*REPLIES[problem])
    if problem == Problem.NOT_ENGLISH:
        return not_english(base, in_a_row(bot_texts, not_english_family(base.text)))
    usual = [t for p, (t, _) in REPLIES.items() if p != Problem.NOT_ENGLISH]
    return not_understood(base, in_a_row(bot_texts, not_understood_family(usual)))
