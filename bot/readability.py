"""Reading level of StemSafe's answers, computed offline: Flesch-Kincaid grade (English) and
Fernández-Huerta ease (Spanish).

Uses ``textstat`` (pinned), which counts syllables with ``pyphen``'s bundled hyphenation
dictionaries (``en_US`` and ``es``): nothing is downloaded at run time. Each line of an answer is read as
its own sentence, so a bulleted list is graded item by item, as a reader meets it.

Spanish is scored by its own ``textstat`` instance set to Spanish syllables, so the module-wide English
instance (and every English grade) is never switched to another language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import textstat
from textstat.textstat import textstatistics

MAX_GRADE = 9.0  # every answer must read at grade 9 or below (issue 10)
# Fernández-Huerta ease (0-100, higher is easier): 60 and above is the "normal" band or easier, about the
# reading of a 13-15 year old (grades 8-9), the Spanish counterpart of MAX_GRADE (issue 13).
MIN_SPANISH_EASE = 60.0

textstat.set_lang("en_US")
_SPANISH = textstatistics()
_SPANISH.set_lang("es")  # pyphen's bundled Spanish dictionary: "infecciones" is in-fec-cio-nes
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


def spanish_ease(lines: Iterable[str]) -> float:
    """Fernández-Huerta ease of Spanish text made of ``lines`` (one answer body without its source line).

    textstat's formula: 206.84 - 60 x syllables per word - 1.02 x words per sentence.
    """
    return float(_SPANISH.fernandez_huerta(as_sentences(lines)))
