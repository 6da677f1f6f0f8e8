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

import re
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


# "How are the cells given for a spinal cord injury?", "does it matter how the cells are injected?", "¿cómo se aplican
# en la rodilla?": a question about how cells are given, which the routes topic answers (its risks by route); the
# condition's status follows it. Without this the card answered, and it says nothing of routes.
ROUTES_TOPIC = "routes"
_HOW_GIVEN = re.compile(
    r"\bhow (?:is|are|do|does|would|will|should|can)\b[^?.!]{0,60}?\b(?:inject(?:ed|s)?|given|give|deliver(?:ed)?|"
    r"appl(?:y|ied)|administered|infused|put in(?:to)?)\b|\bdoes it matter how\b|"
    r"\b(?:which|what) (?:way|route|method) (?:of|to|for|is)\b|"
    r"\bc[oó]mo se (?:aplica|aplican|inyecta|inyectan|administra|administran|ponen|pone)\b|"
    r"\bv[ií]as? de (?:aplicaci[oó]n|administraci[oó]n)\b",
    re.IGNORECASE,
)


def asks_how_given(text: str | None) -> bool:
    """The message asks how the cells are given (injected, infused, applied), not whether they work."""
    return bool(_HOW_GIVEN.search(text or ""))


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
    topic: str | None = None  # STATUS: the topic to answer first, when it is not the FAQ decision's own


def plan(
    keys: Sequence[str],
    decision: ask_back.Decision,
    has_card: Callable[[str], bool] = lambda key: True,
    text: str | None = None,
) -> Plan:
    """What a message naming the conditions `keys` (in order of mention) gets, given the FAQ decision; `text`, the
    message, tells a question about how cells are given (answered by the routes topic, then the status)."""
    carded = [key for key in keys if has_card(key)]
    if not carded:
        return Plan(Kind.NONE)
    key, others = carded[0], tuple(carded[1:])
    answered = decision.kind == ask_back.Kind.ANSWER and decision.topic not in (None, *CARD_TOPICS)
    if asks_how_given(text) and not answered:
        return Plan(Kind.STATUS, key, others, topic=ROUTES_TOPIC)
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
