"""Personal contact details typed by users are removed; licence numbers are kept."""

from __future__ import annotations

import pytest

from bot.redact import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("email me at maria.lopez+clinic@example.com please", "email me at [email removed] please"),
        ("call +52 664 123 4567 tomorrow", "call [phone removed] tomorrow"),
        ("my number is (619) 555-0142", "my number is [phone removed]"),
        ("US: 1-800-555-0199", "US: [phone removed]"),
        ("cédula 12345678", "cédula 12345678"),
        ("IND 123456 and NCT01234567", "IND 123456 and NCT01234567"),
        ("licencia 17-AM-09-001-0001", "licencia 17-AM-09-001-0001"),
        ("it costs 12,500 dollars", "it costs 12,500 dollars"),
        ("", ""),
        (None, None),
    ],
)
def test_redact(text: str | None, expected: str | None) -> None:
    assert redact(text) == expected


def test_licence_answers_keep_long_numbers_but_not_emails() -> None:
    assert (
        redact("aviso 2309012345, write to a@b.mx", keep_numbers=True) == "aviso 2309012345, write to [email removed]"
    )
    assert redact("aviso 2309012345") == "aviso [phone removed]"
