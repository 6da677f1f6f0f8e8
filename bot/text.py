"""Text normalisation shared by the clinic check's reader and command gate: case and accents never matter."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"})


def unaccented(text: str | None) -> str:
    """Accents removed and curly quotes straightened; case and spaces kept (where case means something)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_QUOTES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str | None) -> str:
    """Lower case, accents removed, curly quotes straightened, spaces collapsed."""
    return _SPACES.sub(" ", unaccented(text).casefold()).strip()
