"""Unusable messages get a reply that says what went wrong."""

from __future__ import annotations

import pytest

from bot.input_check import MAX_CHARS, Problem, classify, reply_for


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", Problem.EMPTY),
        ("   \n", Problem.EMPTY),
        (None, Problem.EMPTY),
        ("a" * (MAX_CHARS + 1), Problem.TOO_LONG),
        ("hola, quiero saber si las células madre son seguras", Problem.NOT_ENGLISH),
        ("¿Cuánto cuesta el tratamiento en la clínica de Tijuana?", Problem.NOT_ENGLISH),
        ("干细胞治疗安全吗", Problem.NOT_ENGLISH),
        ("Стволовые клетки", Problem.NOT_ENGLISH),
        ("#### $$$ %%% 1234", Problem.GARBLED),
        ("zxcvbnm qwrtp", Problem.GARBLED),
        ("tell me about the weather on mars", Problem.UNCLEAR),
        ("is the clinic in tijuana ok? they say it is legal", Problem.UNCLEAR),
    ],
)
def test_classify(text: str | None, problem: Problem) -> None:
    assert classify(text) is problem


def test_every_problem_has_a_kind_reply() -> None:
    for problem in Problem:
        assert problem in reply_for.__globals__["REPLIES"]
    text, _ = reply_for("a" * 5000)
    assert "too long" in text and f"{MAX_CHARS:,}" in text
    text, _ = reply_for("¿Es seguro el tratamiento con células madre en México?")
    assert "inglés" in text and "911" in text
