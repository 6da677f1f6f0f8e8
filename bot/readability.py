"""Reading grade of StemSafe's answers: the Flesch-Kincaid grade level, computed offline.

Uses ``textstat`` (pinned), which counts syllables with ``pyphen``'s bundled hyphenation
dictionaries: nothing is downloaded at run time. Each line of an answer is read as its own sentence,
so a bulleted list is graded item by item, as a reader meets it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import textstat

MAX_GRADE = 9.0  # every answer must read at grade 9 or below (issue 10)

textstat.set_lang("en_US")
_END = re.compile(r"[.!?:]$")


def as_sentences(lines: Iterable[str]) -> str:
    """Join lines into prose, ending each line that has no end mark (a list item) with a full stop."""
    parts = []
    for line in lines:
        text = line.strip().lstrip("-•* ").rstrip(";,").strip()
        if text:
            parts.append(text if _END.search(text) else f"{text}.")
    return " ".join(parts)


def reading_grade(lines: Iterable[str]) -> float:
    """Flesch-Kincaid grade of the text made of ``lines`` (one answer body without its source line)."""
    return float(textstat.flesch_kincaid_grade(as_sentences(lines)))
