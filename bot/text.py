"""Text normalisation shared by the clinic check's reader and command gate: case and accents never matter."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"})


def normalise(text: str | None) -> str:
    """Lower case, accents removed, curly quotes straightened, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_QUOTES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", plain.casefold()).strip()
