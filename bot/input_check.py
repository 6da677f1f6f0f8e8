"""Sorts messages the assistant cannot use (empty, too long, garbled, not English) so each gets a kind reply.

Used in two places: the NLU guard (components/input_guard.py) refuses to match a FAQ answer to such a
message, and the fallback action picks the reply that says what went wrong.
"""

from __future__ import annotations

import re
from enum import Enum

MAX_CHARS = 1000  # longer messages are politely refused rather than guessed at

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SPANISH = {
    "que",
    "qué",
    "de",
    "la",
    "el",
    "los",
    "las",
    "es",
    "por",
    "para",
    "con",
    "una",
    "un",
    "células",
    "celulas",
    "madre",
    "cómo",
    "como",
    "hola",
    "gracias",
    "clínica",
    "clinica",
    "tratamiento",
    "seguro",
    "segura",
    "puedo",
    "quiero",
    "tengo",
    "mi",
    "mis",
    "usted",
    "dónde",
    "donde",
    "cuánto",
    "cuanto",
    "cuesta",
    "médico",
    "medico",
    "buenos",
    "días",
    "dias",
    "también",
    "pero",
    "muy",
    "y",
    "en",
    "no",
    "sí",
    "si",
    "esta",
    "está",
}
_ENGLISH = {
    "the",
    "a",
    "an",
    "is",
    "are",
    "i",
    "you",
    "my",
    "to",
    "of",
    "and",
    "in",
    "it",
    "what",
    "how",
    "can",
    "do",
    "does",
    "stem",
    "cells",
    "cell",
    "clinic",
    "for",
    "with",
    "this",
    "that",
    "me",
    "be",
    "about",
}


# Words that place a question within StemSafe's field. A safety answer is only given to a message that
# uses at least one: classifiers are confidently wrong on far-off questions ("who will win the
# election?"), and a wrong health answer is worse than asking the user to rephrase.
_DOMAIN = re.compile(
    r"\b(stem|cells?|msc|mscs|mesenchymal|stromal|clinics?|doctors?|physicians?|surgeon|treat\w*|therap\w*|"
    r"inject\w*|infusions?|shots?|iv|drip|donor|donated|cord|marrow|fat|adipose|exosomes?|wharton\w*|amniotic|"
    r"placenta\w*|embryonic|fetal|autologous|allogeneic|fda|cofepris|isscr|cdc|approv\w*|legal|illegal|"
    r"licen[cs]\w*|cedula|cédula|credential\w*|trials?|study|studies|irb|ethic\w*|consent|side effects?|"
    r"risks?|risky|danger\w*|reject\w*|immune|infect\w*|bacteri\w*|contaminat\w*|tumou?rs?|cancer|blind\w*|"
    r"harm\w*|report\w*|medwatch|complain\w*|pric\w*|cost\w*|cheap\w*|expensive|insurance|deposit|quote|"
    r"testimonials?|reviews?|videos?|knee|joints?|back|spine|spinal|disc|autis\w*|als|ms|sclerosis|arthritis|"
    r"osteoarthritis|mexic\w*|tijuana|cancun|canc\xfan|abroad|overseas|travel\w*|touris\w*|certificate|"
    r"analysis|coa|lab|labs|steril\w*|viab\w*|batch|361|351|hct|bla|ind|nct|aviso|notice|licencia|sanitar\w*|"
    r"red flags?|warning|scam\w*|legit\w*|fraud\w*|suspicious|vet|verify|check|hospital|regenerative|"
    r"ryoncil|protocol|regulat\w*|evidence|proof|effective|work|works|cure\w*|fever|symptoms?|sign\w*|cancel\w*|reactions?|outcomes?|"
    r"manipulat\w*|homologous|cfr|1271|comit\w*|[ée]tica|clinicaltrials\w*|patients?|success|goes wrong|"
    r"change my mind|before i go|need to know|consult\w*|"
    # topics added with issue 10 (PRP, exosome kin, proven transplants, state law, Mexican complaints, money)
    r"prp|platelet\w*|plasma|bmac|orthobiologic\w*|secretome|vesicles?|omisirge|casgevy|lyfgenia|a?hsct|"
    r"transplant\w*|leuka?emia|lymphoma|sickle|right to try|surgical|profeco|conamed|denuncia|expediente|"
    r"refund\w*|crowdfund\w*|gofundme|longevity|anti.?ag(?:e)?ing|cartilage|palsy|intrathecal|epidural|"
    # general topics added later in issue 10 (transplants, donation, the procedure, aftercare, evidence)
    r"procedures?|recover\w*|aftercare|bmt|gvhd|graft|donat\w*|donors?|harvest\w*|liposuction|an[a]?esthe\w*|"
    r"sedat\w*|numb\w*|candidates?|eligib\w*|peer.?review\w*|published|journals?|independently|vials?|medications?|results?)\b",
    re.I,
)


def mentions_domain(text: str) -> bool:
    """True when the message uses at least one word from StemSafe's field."""
    return bool(_DOMAIN.search(text or ""))


class Problem(str, Enum):
    """Why a message could not be understood."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_ENGLISH = "not_english"
    GARBLED = "garbled"
    UNCLEAR = "unclear"


HELP_BUTTON = {"title": "What can you do?", "payload": "/help"}
RED_FLAGS_BUTTON = {
    "title": "Red flags in a clinic",
    "payload": "What are the warning signs of a bad stem cell clinic?",
}

# What the assistant says for each problem: kind, specific, and never a guessed health answer.
REPLIES: dict[Problem, tuple[str, list[dict[str, str]]]] = {
    Problem.EMPTY: (
        'I didn\'t get a message there. Type a question, for example: "Can donor cells be rejected?"',
        [],
    ),
    Problem.TOO_LONG: (
        f"That message is too long for me to read reliably (please keep it under {MAX_CHARS:,} characters). "
        "Could you ask your question in a sentence or two?",
        [],
    ),
    Problem.NOT_ENGLISH: (
        "Sorry, I can only answer in English for now. Lo siento, por ahora solo puedo responder en inglés.\n"
        "Si tiene síntomas después de un tratamiento (fiebre, enrojecimiento, problemas de visión, debilidad, "
        "dificultad para respirar), busque atención de urgencias ahora (911).",
        [],
    ),
    Problem.GARBLED: ("I couldn't read that. Could you type your question again in a few words?", [HELP_BUTTON]),
    Problem.UNCLEAR: (
        "Sorry, I'm not sure I understood, and I'd rather not guess on a health question. "
        "Could you rephrase it? You can also pick a topic.",
        [HELP_BUTTON, RED_FLAGS_BUTTON],
    ),
}


def reply_for(text: str | None) -> tuple[str, list[dict[str, str]]]:
    """The reply (text and buttons) for a message the assistant could not use."""
    return REPLIES[classify(text)]


def is_too_long(text: str) -> bool:
    return len(text) > MAX_CHARS


def looks_spanish(words: list[str]) -> bool:
    spanish = sum(w in _SPANISH for w in words)
    english = sum(w in _ENGLISH for w in words)
    return spanish >= 2 and spanish > 2 * english


def classify(text: str | None) -> Problem:
    """Say why a message was not understood; UNCLEAR when nothing is wrong with its form."""
    text = (text or "").strip()
    if not text:
        return Problem.EMPTY
    if is_too_long(text):
        return Problem.TOO_LONG
    letters = sum(ch.isalpha() for ch in text)
    non_latin = sum(ch.isalpha() and ord(ch) > 0x24F for ch in text)
    if letters and non_latin / letters > 0.5:
        return Problem.NOT_ENGLISH
    words = [w.lower() for w in _WORD.findall(text)]
    if looks_spanish(words):
        return Problem.NOT_ENGLISH
    if letters < len(text) * 0.4 or (words and not any(_has_vowel(w) for w in words)):
        return Problem.GARBLED
    return Problem.UNCLEAR


def _has_vowel(word: str) -> bool:
    return bool(re.search(r"[aeiouyáéíóúü]", word))
