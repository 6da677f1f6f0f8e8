"""How many separate questions a message asks ("Does it work? Is it safe?" asks two).

Used by the ask-back (bot/ask_back.py): a message with two questions gets the most safety-relevant answer
first and the other offered after it. A question is a sentence that ends with "?" or starts like a
question ("is", "can", "how", "what"...), with enough words to stand on its own. Pure text rules.
"""

from __future__ import annotations

import re

_SENTENCES = re.compile(r"[^.?!\n]+[.?!]*")
_QUESTION_START = re.compile(
    r"^(?:and |also |but |so |plus )?(?:is|are|was|were|do|does|did|can|could|will|would|should|shall|may|might|"
    r"has|have|how|what|what's|whats|when|where|which|who|whom|whose|why|isn't|aren't|don't|doesn't)\b"
)
MIN_WORDS = 3


def questions_in(text: str | None) -> list[str]:
    """The question sentences of a message, in order."""
    found = []
    for match in _SENTENCES.finditer(text or ""):
        sentence = match.group(0).strip()
        words = sentence.rstrip("?.!").split()
        if len(words) < MIN_WORDS:
            continue
        if sentence.endswith("?") or _QUESTION_START.match(sentence.lower()):
            found.append(sentence)
    return found


def count_questions(text: str | None) -> int:
    return len(questions_in(text))
