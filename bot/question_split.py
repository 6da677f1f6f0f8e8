"""How many separate questions a message asks ("Does it work? Is it safe?" asks two), in English or Spanish.

Used by the ask-back (bot/ask_back.py): a message with two questions gets the most safety-relevant answer
first and the other offered after it. A question is a sentence that ends with "?", opens with "¿", or starts
like a question ("is", "can", "how", "what"...; "es", "puede", "cómo", "qué"...), with enough words to stand on
its own. In Spanish one sentence often holds two questions joined by "y también" or "además" ("¿Es legal y
además cuánto cuesta?"): it is split there when what follows starts like a question. Pure text rules.
"""

from __future__ import annotations

import re

_SENTENCES = re.compile(r"[^.?!\n]+[.?!]*")
_QUESTION_START = re.compile(
    r"^(?:and |also |but |so |plus )?(?:is|are|was|were|do|does|did|can|could|will|would|should|shall|may|might|"
    r"has|have|how|what|what's|whats|when|where|which|who|whom|whose|why|isn't|aren't|don't|doesn't)\b"
)
# Spanish, with or without accents (people often type without them); "¿" marks a question on its own.
_PREGUNTA_START = re.compile(
    r"^[¿¡]?\s*(?:y |pero |entonces |o sea |también |además,? )?(?:es|son|está|esta|están|estan|era|fue|"
    r"puede|pueden|podría|podria|podrían|podrian|puedo|debo|debería|deberia|hay|tiene|tienen|tengo|"
    r"cómo|como|qué|que|cuál|cual|cuáles|cuales|cuánto|cuanto|cuánta|cuanta|cuántos|cuantos|cuántas|cuantas|"
    r"cuándo|cuando|dónde|donde|adónde|quién|quien|quiénes|quienes|por qué|por que|para qué|para que|"
    r"sirve|sirven|funciona|funcionan|existe|existen|necesito|me conviene|le conviene|vale la pena|"
    r"me ayuda|le ayuda|me ayudaría|le ayudaría|me ayudaria|le ayudaria)\b",
    re.IGNORECASE,
)
# Where a Spanish sentence joins a second question: "... y también ...", "... además ...", "..., y ¿...".
_JOINERS = re.compile(
    # (?<![\s,]): a match starts only at the first space or comma of a run, so a long run is scanned once
    r"(?<![\s,]),?\s+(?:y\s+también|y\s+tambien|y\s+además|y\s+ademas|además|ademas)\b,?\s*|(?<![\s,]),?\s+y\s+(?=¿)",
    re.I,
)
MIN_WORDS = 3
MIN_WORDS_MARKED = 2  # "¿Es legal?" stands on its own: Spanish leaves the subject out


def _is_question(sentence: str) -> bool:
    lowered = sentence.lower()
    return (
        sentence.endswith("?")
        or sentence.startswith("¿")
        or bool(_QUESTION_START.match(lowered))
        or bool(_PREGUNTA_START.match(lowered))
    )


def _starts_like_a_question(text: str) -> bool:
    """ "¿...", "cuánto cuesta", "is it legal": not "para la espalda?" (one question about two things)."""
    lowered = text.lower()
    return text.startswith("¿") or bool(_QUESTION_START.match(lowered) or _PREGUNTA_START.match(lowered))


def _long_enough(sentence: str) -> bool:
    words = sentence.strip("¿?¡!.").split()
    return len(words) >= (MIN_WORDS_MARKED if "¿" in sentence else MIN_WORDS)


def _parts(sentence: str) -> list[str]:
    """A question sentence, cut where "y también" / "además" joins a second question to it."""
    parts, start = [], 0
    for joint in _JOINERS.finditer(sentence):
        rest = sentence[joint.end() :]
        if _starts_like_a_question(rest):
            before = sentence[start : joint.start()].strip()
            if _long_enough(before) or _PREGUNTA_START.match(before.lower()):
                parts.append(before)
                start = joint.end()
    parts.append(sentence[start:].strip())
    return [p for p in parts if p]


def questions_in(text: str | None) -> list[str]:
    """The question sentences of a message, in order."""
    found = []
    for match in _SENTENCES.finditer(text or ""):
        sentence = match.group(0).strip()
        if not sentence or not _is_question(sentence):
            continue
        parts = _parts(sentence)
        if len(parts) > 1:
            found += parts
        elif _long_enough(sentence):
            found.append(sentence)
    return found


def count_questions(text: str | None) -> int:
    return len(questions_in(text))
