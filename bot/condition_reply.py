"""A question that names a condition gets that condition's card (issue 18 §2).

"Will stem cells help my husband's MS?" deserves what is true for MS, not the general "does it work?" answer.
`plan` takes the conditions the message names (bot.condition_match) and what the FAQ decision would do
(bot.ask_back) and returns what to say:

- CARD: the card's answer (bot.conditions.answer: the lines that fit the question, status first) instead of a
  topic about whether it works, will help, is approved, its risks, evidence or trials, and instead of asking
  back or refusing; the topics the ask-back would have offered are still offered after the card;
- STATUS: the topic's own answer (the question was about something else: cost, Mexico's rules, cord blood
  banking..., or it asked two things) followed by the card's status sentence, so the reply still says what
  is true for the condition;
- NONE: no condition named, or no card for it.

A message that names several conditions gets the first one's card and is told to ask about the others on
their own. Symptom reports never reach this (the urgent-care rail runs first). Pure logic: no Rasa.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from bot import ask_back
from bot.language import pick

# FAQ topics a condition's card answers better when the question names a condition: does it work, will it
# help, is it approved, is it risky, the evidence, trials, claims about it. "Is it FDA approved?" keeps its
# topic answer (what FDA approval means in the US, which no card repeats) and gets the status after it.
CARD_TOPICS = frozenset(
    {
        "evidence_knee",
        "evidence_back",
        "evidence_autism",
        "evidence_als",
        "evidence_ms",
        "does_it_work",
        "will_it_work_for_me",
        "proven_treatments",
        "approved_elsewhere",
        "approved_meaning",
        "find_trial",
        "children",
        "side_effects",
        "serious_harms",
        "testimonials",
        "homing_claims",
        "anti_ageing",
    }
)
OTHERS_TEXTS = {
    "en": "You also named {names}. Ask me about {pronoun} on its own, and I'll tell you what is known.",
    "es": "También mencionó {names}. Hágame una pregunta aparte sobre {pronoun} y le diré lo que se sabe.",
}
OTHERS_TEXT = OTHERS_TEXTS["en"]
OFFER_TEXTS = {
    "en": "Was your question about something else? Choose one of these, or ask in other words.",
    "es": "¿Su pregunta era sobre otra cosa? Elija una de estas opciones o pregúntelo con otras palabras.",
}
OFFER_TEXT = OFFER_TEXTS["en"]
_AND = {"en": " and ", "es": " y "}
_PRONOUN = {"en": ("it", "each"), "es": ("esa enfermedad", "cada enfermedad")}


class Kind(str, Enum):
    CARD = "card"
    STATUS = "status"
    NONE = "none"


@dataclass(frozen=True)
class Plan:
    kind: Kind
    key: str | None = None  # the card to answer from
    others: tuple[str, ...] = ()  # other conditions the message named
    offered: tuple[str, ...] = field(default=())  # CARD instead of an ask-back: the topics it would have offered


def plan(keys: Sequence[str], decision: ask_back.Decision, has_card: Callable[[str], bool] = lambda key: True) -> Plan:
    """What a message naming the conditions `keys` (in order of mention) gets, given the FAQ decision."""
    carded = [key for key in keys if has_card(key)]
    if not carded:
        return Plan(Kind.NONE)
    key, others = carded[0], tuple(carded[1:])
    if decision.kind == ask_back.Kind.ANSWER and decision.topic:
        # A two-question message keeps its safety-first answer and offer (bot.ask_back); the status follows.
        if decision.topic not in CARD_TOPICS or decision.also or decision.another:
            return Plan(Kind.STATUS, key, others)
    offered = tuple(t for t in decision.offered if t not in CARD_TOPICS)
    return Plan(Kind.CARD, key, others, offered)


def offer_text(lang: str = "en") -> str:
    """The line before the offered topics' buttons, in ``lang``."""
    return pick(OFFER_TEXTS, lang)


def others_text(names: Iterable[str], lang: str = "en") -> str:
    """The other conditions a message named (their names in ``lang``), to ask about one at a time."""
    names = list(names)
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + pick(_AND, lang) + names[-1]
    one, each = pick(_PRONOUN, lang)
    return pick(OTHERS_TEXTS, lang).format(names=joined, pronoun=one if len(names) == 1 else each)
