"""No loops outside the clinic check: the same "I didn't understand" is never said three times in a row.

The clinic check has its own rule for its questions (bot/clinic_check.py). Outside it, the replies that can
come back turn after turn are the ones for a message the assistant could not use (bot/input_check.REPLIES),
"something else", and the ask-back's "which of these is closest". Each of those belongs to a family; this
module counts how many of the bot's latest messages in a row came from the same family, and changes tack:
the first time the usual reply, the second time a different one with the menu, after that two closing
replies that alternate (so no message is ever said three times in a row) and point to the person's own
doctor. Every text has an English and a Spanish wording (chosen with `lang`); a loop counts the same
in either language. Urgent-care advice is never varied (it is exempt: plan.md), and nothing here reads or
records answers.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.input_check import HELP_BUTTONS, REPLIES_BY_LANGUAGE, Problem, classify, replies
from bot.language import LANGUAGES, pick

Button = dict[str, str]

CHECK_BUTTONS: dict[str, Button] = {
    "en": {"title": "Check a clinic", "payload": "/start_clinic_check"},
    "es": {"title": "Revisar una clínica", "payload": "/start_clinic_check"},
}
CHECK_BUTTON = CHECK_BUTTONS["en"]

# The second time: a change of tack, with the menu as buttons.
SECOND_TEXTS = {
    "en": "Sorry, I still can't tell what you need. You can press one of these buttons, "
    'or write your question in a few plain words, for example: "Can donor cells be rejected?"',
    "es": "Perdón, todavía no logro entender qué necesita. Puede presionar uno de estos botones "
    'o escribir su pregunta en pocas palabras sencillas, por ejemplo: "¿Se pueden rechazar las células de '
    'un donante?"',
}
SECOND_TEXT = SECOND_TEXTS["en"]
# After that: two closing replies that alternate, so none is said three times in a row.
CLOSING_TEXTS_BY_LANGUAGE = {
    "en": (
        "I don't want to keep asking you the same thing. When you're ready, press a button or type a short "
        "question. For questions about your own health, your own doctor is the best person to ask. "
        "If you feel unwell after a treatment, seek urgent care now.",
        "I still can't use that message, sorry. Take your time: a short question in English or Spanish works "
        'best, or press "What can you do?" to see what I can help with.',
    ),
    "es": (
        "No quiero seguir preguntándole lo mismo. Cuando guste, presione un botón o escriba una pregunta corta. "
        "Para preguntas sobre su propia salud, su médico es la mejor persona a quien consultar. "
        "Si se siente mal después de un tratamiento, busque atención de urgencias ahora.",
        "Perdón, sigo sin poder usar ese mensaje. Tómese su tiempo: una pregunta corta en español o en inglés "
        'funciona mejor, o presione "¿Qué puede hacer?" para ver en qué le puedo ayudar.',
    ),
}
CLOSING_TEXTS = CLOSING_TEXTS_BY_LANGUAGE["en"]
# A message in a language StemSafe does not speak: the reply stays in English AND Spanish, with the urgent-care
# line in both each time; the conversation's language comes first.
_UNSUPPORTED_EN = (
    "I'm sorry: StemSafe only answers in English and Spanish. For questions about your health, talk to your "
    "doctor. If you feel unwell after a treatment, seek urgent care now (911).",
    "English and Spanish only, sorry. Your doctor can help with questions about your health. If you have a "
    "fever, redness, vision problems, weakness or trouble breathing after a treatment, go to urgent care now "
    "(911).",
)
_UNSUPPORTED_ES = (
    "Lo siento: StemSafe solo responde en español y en inglés. Para preguntas sobre su salud, hable con su "
    "médico. Si se siente mal después de un tratamiento, busque atención de urgencias ahora (911).",
    "Solo en español y en inglés, perdón. Su médico puede ayudarle con preguntas sobre su salud. Si tiene "
    "fiebre, enrojecimiento, problemas de visión, debilidad o le cuesta respirar después de un tratamiento, "
    "vaya a urgencias ahora (911).",
)
UNSUPPORTED_TEXTS_BY_LANGUAGE = {
    "en": tuple(f"{en}\n{es}" for en, es in zip(_UNSUPPORTED_EN, _UNSUPPORTED_ES, strict=True)),
    "es": tuple(f"{es}\n{en}" for en, es in zip(_UNSUPPORTED_EN, _UNSUPPORTED_ES, strict=True)),
}
UNSUPPORTED_TEXTS = UNSUPPORTED_TEXTS_BY_LANGUAGE["en"]
ASK_BACK_SECOND_TEXTS = {
    "en": "I'm still not sure which topic you mean. These are the closest I have; "
    'if none fits, choose "Something else" and tell me in other words.',
    "es": "Todavía no sé bien a qué tema se refiere. Estos son los más cercanos que tengo; "
    'si ninguno es, elija "Algo más" y dígamelo con otras palabras.',
}
ASK_BACK_SECOND_TEXT = ASK_BACK_SECOND_TEXTS["en"]
ASK_BACK_CLOSING_TEXTS_BY_LANGUAGE = {
    "en": (
        'These are the nearest topics I know. If none of them is it, "Something else" is fine too: '
        "your own doctor can also help with questions about your health.",
        'Here are the closest topics again. Pick one, or choose "Something else".',
    ),
    "es": (
        'Estos son los temas más cercanos que conozco. Si no es ninguno, también puede elegir "Algo más": '
        "su médico también puede ayudarle con preguntas sobre su salud.",
        'Aquí están otra vez los temas más cercanos. Elija uno, o elija "Algo más".',
    ),
}
ASK_BACK_CLOSING_TEXTS = ASK_BACK_CLOSING_TEXTS_BY_LANGUAGE["en"]

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
    """Every text the "could not use that message" family can say, in both languages (a person may switch
    language in the middle of a loop): the usual replies and the variations."""
    return {*base_texts, *SECOND_TEXTS.values(), *(t for texts in CLOSING_TEXTS_BY_LANGUAGE.values() for t in texts)}


def unsupported_family(base_text: str) -> set[str]:
    every = (t for texts in UNSUPPORTED_TEXTS_BY_LANGUAGE.values() for t in texts)
    base = (r[Problem.UNSUPPORTED_LANGUAGE][0] for r in REPLIES_BY_LANGUAGE.values())
    return {base_text, *every, *base}


def unsupported(reply: Reply, already: int, lang: str = "en") -> Reply:
    """The reply to a message in a language StemSafe does not speak; after the first, two variations (in
    English and Spanish) alternate."""
    if already <= 0:
        return reply
    return Reply(pick(UNSUPPORTED_TEXTS_BY_LANGUAGE, lang)[(already - 1) % 2], reply.buttons)


def ask_back_family(ask_text: str) -> set[str]:
    closing = (t for texts in ASK_BACK_CLOSING_TEXTS_BY_LANGUAGE.values() for t in texts)
    return {ask_text, *ASK_BACK_SECOND_TEXTS.values(), *closing}


def _closing(texts: tuple[str, str], already: int) -> str:
    # already = 2 -> first closing text, 3 -> second, 4 -> first again ...
    return texts[already % 2]


def not_understood(reply: Reply, already: int, lang: str = "en") -> Reply:
    """The reply for a message the assistant could not use, when `already` such replies came just before."""
    if already <= 0:
        return reply
    if already == 1:
        return Reply(pick(SECOND_TEXTS, lang), [pick(HELP_BUTTONS, lang), pick(CHECK_BUTTONS, lang)])
    return Reply(_closing(pick(CLOSING_TEXTS_BY_LANGUAGE, lang), already), [pick(HELP_BUTTONS, lang)])


def ask_back(reply: Reply, already: int, lang: str = "en") -> Reply:
    """The ask-back (same buttons: the topics still matter), worded differently when it comes back."""
    if already <= 0:
        return reply
    if already == 1:
        return Reply(pick(ASK_BACK_SECOND_TEXTS, lang), reply.buttons)
    return Reply(_closing(pick(ASK_BACK_CLOSING_TEXTS_BY_LANGUAGE, lang), already), reply.buttons)


def fallback_reply(text: str | None, bot_texts: Sequence[str | None], lang: str = "en") -> Reply:
    """What to say to a message the assistant could not use, given the bot's latest messages, in `lang`."""
    problem = classify(text)
    base = Reply(*replies(lang)[problem])
    if problem == Problem.UNSUPPORTED_LANGUAGE:
        return unsupported(base, in_a_row(bot_texts, unsupported_family(base.text)), lang)
    usual = [
        t for language in LANGUAGES for p, (t, _) in replies(language).items() if p != Problem.UNSUPPORTED_LANGUAGE
    ]
    return not_understood(base, in_a_row(bot_texts, not_understood_family(usual)), lang)
