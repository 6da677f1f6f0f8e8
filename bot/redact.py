"""Removes e-mail addresses and phone numbers that users type, before text is logged or stored.

StemSafe needs neither to vet a clinic. Licence numbers stay: a cédula has 7-8 digits, an IND 5-6,
an NCT number has its prefix; a phone number has at least 10 digits.
"""

from __future__ import annotations

import re

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
