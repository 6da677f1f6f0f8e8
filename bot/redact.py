"""Removes e-mail addresses and phone numbers that users type, before text is logged or stored.

StemSafe needs neither to vet a clinic. Licence numbers stay: a cédula has 7-8 digits, an IND 5-6,
an NCT number has its prefix; a phone number has at least 10 digits.
"""

from __future__ import annotations

import re
import unicodedata

from bot import places

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{8,}\d(?!\w)")
EMAIL_MARK, PHONE_MARK = "[email removed]", "[phone removed]"


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    return PHONE_MARK if sum(c.isdigit() for c in text) >= 10 else text


def redact(text: str | None, keep_numbers: bool = False) -> str | None:
    """The text with e-mails and phone numbers replaced by a marker (None stays None).

    ``keep_numbers`` keeps long numbers: answers about licences, where a 10-digit COFEPRIS
    reference is what the user was asked for and is not personal data.
    """
    if not text:
        return text
    text = EMAIL.sub(EMAIL_MARK, text)
    return text if keep_numbers else PHONE.sub(_phone, text)


# --- questions kept for review (bot.feedback_store): people and places too ------------------------------
NAME_MARK, PLACE_MARK, ADDRESS_MARK = "[name removed]", "[place removed]", "[address removed]"
_NAME = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü'’-]+(?:\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñü'’-]+){0,2}"
# "my name is Ana Ruiz", "I'm called Ana", "Dr. Ortiz", "my daughter Lucía", "thanks, Ana" (at the end).
_NAMED = re.compile(
    r"(?i:\b(?:my name is|my name's|i am called|i'm called|call me|this is|me llamo|mi nombre es)\s+)"
    + _NAME
    + r"|\b(?:Dr|Dra|Doctor|Doctora|Mr|Mrs|Ms|Miss|Prof|Sr|Sra)\.?\s+"
    + _NAME
    + r"|(?i:\bmy\s+(?:wife|husband|son|daughter|mother|father|mom|mum|dad|sister|brother|partner|friend|"
    r"grandmother|grandfather|grandma|grandpa|aunt|uncle|niece|nephew|cousin|child|boyfriend|girlfriend)"
    r"(?:'s)?,?\s+)(?!I\b)"
    + _NAME
    + r"|(?i:\b(?:thanks|thank you|regards|best|cheers|gracias|saludos),?\s+)"
    + _NAME
    + r"\s*[.!]?\s*$"
)
_NAME_PREFIX = re.compile(
    r"^(?i:(?:my name is|my name's|i am called|i'm called|call me|this is|me llamo|mi nombre es)\s+)"
    r"|^(?i:my\s+\w+(?:'s)?,?\s+)|^(?i:(?:thanks|thank you|regards|best|cheers|gracias|saludos),?\s+)"
)
# Street addresses ("12 Oak Street", "Calle 5 de Mayo 123") and postal codes after a state ("TX 78701").
_ADDRESS = re.compile(
    r"\b\d{1,6}\s+(?:[A-Z][\w'-]*\s+){1,3}(?i:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|"
    r"court|ct|way|place|pl)\b\.?"
    r"|(?i:\b(?:calle|avenida|av\.|colonia|col\.)\s+)[\w .'-]{1,40}?\d{1,6}\b"
    r"|\b(?:[A-Z]{2}|(?i:zip(?: code)?|postcode|c\.?p\.?))\s*\d{5}(?:-\d{4})?\b"
)
# Countries stay (the review needs them); every named place below a country goes. `bot.places` knows the
# cities and states patients name most; "in/from/near <Capitalised Words>" catches the rest.
_COUNTRIES = frozenset(
    """mexico usa us america canada panama costa rica colombia bahamas cayman islands germany spain uk
    england britain india china japan thailand ukraine russia argentina brazil peru ecuador chile
    dominican republic cuba honduras guatemala belize turkey cyprus israel australia france italy
    switzerland austria netherlands belgium ireland portugal poland kazakhstan korea philippines""".split()
)
_PLACE_AFTER = re.compile(
    r"(?i:\b(?:in|from|near|outside|live|lives|living|vivo en|en|cerca de)\s+)"
    r"((?:[A-Z][a-záéíóúñ'-]+)(?:\s+(?:[A-Z][a-záéíóúñ'-]+|del|de|la|los)\b)*)"
)
_NOT_PLACES = frozenset(
    """I FDA COFEPRIS IND NCT MSC MSCs PRP BMAC ALS MS IRB ISSCR CDC NIH ClinicalTrials.gov Stem Cell Cells
    English Spanish Dr Doctor God Google Facebook Instagram YouTube March April May June July August Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday January February September October November December""".split()
)


def _place_words() -> list[str]:
    """Cities and states/regions bot.places knows, every country's (read defensively: a renamed table there
    leaves the "in/from/near <Name>" rule, and tests/unit/test_feedback.py notices)."""
    tables = (getattr(places, "_CITIES", {}), getattr(places, "_REGIONS", {}))
    words = {w for table in tables if isinstance(table, dict) for names in table.values() for w in names}
    below = [w for w in words if isinstance(w, str) and len(w) > 2 and w.replace(".", "") not in _COUNTRIES]
    return sorted(below, key=len, reverse=True) or ["\x00"]  # NUL never reaches here (entry gate)


KNOWN_PLACES = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _place_words()) + r")(?![^\W\d_])",
    re.IGNORECASE,
)
_TITLE = re.compile(r"\S{1,12}\s+")  # "Dr. ", "Doctora ": bounded, so a search stays linear


def _sub_folded(pattern: re.Pattern[str], mark: str, text: str) -> str:
    """`pattern.sub(mark, text)`, matched accent-blind ("San José" as "San Jose"), keeping the other characters."""
    folded = "".join(unicodedata.normalize("NFD", c)[0] for c in text)  # one character for one: spans agree
    pieces, last = [], 0
    for match in pattern.finditer(folded):
        pieces += [text[last : match.start()], mark]
        last = match.end()
    return "".join(pieces) + text[last:]


def _named(match: re.Match[str]) -> str:
    text = match.group(0)
    prefix = _NAME_PREFIX.match(text)
    if prefix:
        return prefix.group(0) + NAME_MARK + (text[len(text.rstrip(" .!")) :] if text.rstrip() != text else "")
    title = _TITLE.match(text)
    return (title.group(0) if title else "") + NAME_MARK


def _place_after(match: re.Match[str]) -> str:
    words = match.group(1)
    first = words.split()[0]
    if words.casefold() in _COUNTRIES or first.casefold() in _COUNTRIES or first in _NOT_PLACES:
        return match.group(0)
    return match.group(0)[: match.start(1) - match.start(0)] + PLACE_MARK


def redact_personal(text: str | None) -> str | None:
    """A question as the review queue keeps it: e-mails, phone numbers, street addresses and postal codes,
    people's names and every place below a country replaced by markers (countries stay). Best effort, rule
    based: tests/unit/test_feedback.py lists each kind it removes."""
    if not text:
        return text
    text = redact(text) or ""
    text = _ADDRESS.sub(ADDRESS_MARK, text)
    text = _NAMED.sub(_named, text)
    text = _sub_folded(KNOWN_PLACES, PLACE_MARK, text)
    if _title_case(text):  # "Do Stem Cells in Skincare Work?": a headline's capitals name no place
        return text
    return _PLACE_AFTER.sub(_place_after, text)


_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_case(text: str) -> bool:
    words = _WORD.findall(text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
