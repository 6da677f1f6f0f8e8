"""Credential numbers are found in free text and their shape is checked; nothing is called genuine."""

from __future__ import annotations

import pytest

from bot.credentials import Kind, check_cedula, check_cofepris, check_ind, check_nct, check_us_license


@pytest.mark.parametrize(
    ("text", "found", "ok"),
    [
        ("Dr. Juan Pérez, cédula profesional 12345678", "12345678", True),
        ("cedula 7654321", "7654321", True),
        ("Cédula: 1234-5678", "12345678", True),
        ("la doctora tiene cédula 3456789 y de especialidad 10234567", "3456789", True),
        ("cedula 1234", "1234", False),
        ("her number is 123456789012", "123456789012", False),
        ("they said she has one", None, False),
        ("", None, False),
    ],
)
def test_cedula(text: str, found: str | None, ok: bool) -> None:
    check = check_cedula(text)
    assert (check.found, check.shape_ok) == (found, ok)


@pytest.mark.parametrize(
    ("text", "found", "ok"),
    [
        ("NCT01234567", "NCT01234567", True),
        ("the trial is nct04567890 on the website", "NCT04567890", True),
        ("NCT 0123456", "NCT0123456", False),
        ("NCT-123456789", "NCT123456789", False),
        ("registered trial 01234567", None, False),
    ],
)
def test_nct(text: str, found: str | None, ok: bool) -> None:
    check = check_nct(text)
    assert (check.found, check.shape_ok) == (found, ok)


@pytest.mark.parametrize(
    ("text", "found", "ok"),
    [
        ("IND 123456", "123456", True),
        ("IND #12,345", "12345", True),
        ("ind number: 98765", "98765", True),
        ("IND 12", "12", False),
        ("IND 12345678", "12345678", False),
        ("they have FDA approval", None, False),
    ],
)
def test_ind(text: str, found: str | None, ok: bool) -> None:
    check = check_ind(text)
    assert (check.found, check.shape_ok) == (found, ok)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("California license A123456", True),
        ("TX license N1234", True),
        ("license MD.12345", True),
        ("licence 987654", True),
        ("license 12", False),
    ],
)
def test_us_license(text: str, ok: bool) -> None:
    assert check_us_license(text).shape_ok is ok


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Licencia sanitaria 17-AM-09-001-0001", True),
        ("aviso de funcionamiento 2309012345", True),
        ("COFEPRIS permit 193300202A1234", True),
        ("licencia sanitaria número 123", False),
        ("they have one, approved by cofepris", False),
    ],
)
def test_cofepris(text: str, ok: bool) -> None:
    assert check_cofepris(text).shape_ok is ok


def test_summary_never_calls_a_number_genuine_and_says_where_to_verify() -> None:
    for check in (
        check_cedula("cédula 12345678"),
        check_cedula("none"),
        check_nct("NCT01234567"),
        check_ind("IND 123456"),
        check_cofepris("17-AM-09-001-0001"),
        check_us_license("A123456"),
    ):
        text = check.summary().lower().replace("does not show it is genuine", "")
        assert "genuine" not in text and "is valid" not in text and "verified" not in text
        assert check.verify in check.summary()
    assert "cedulaprofesional.sep.gob.mx" in check_cedula("12345678").summary()
    assert "does not show it is genuine" in check_cedula("12345678").summary()
    assert check_cedula("x").kind is Kind.CEDULA
