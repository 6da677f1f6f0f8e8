"""Unusable messages get a reply that says what went wrong."""

from __future__ import annotations

import pytest

from bot.input_check import MAX_CHARS, Problem, classify, mentions_domain, reply_for


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


@pytest.mark.parametrize(
    "text",
    [
        "how soon would I notice results",
        "what is recovery like after the procedure",
        "can I keep my usual medications before the injection day",
        "is being a marrow donor painful",
        "was that study peer reviewed",
    ],
)
def test_questions_in_the_field_without_the_word_stem_cell_are_not_refused(text: str) -> None:
    # Patients often leave out "stem cells" once the subject is clear; the guard must not refuse them.
    assert mentions_domain(text)


@pytest.mark.parametrize("text", ["who won the game last night", "what's the best laptop", "how do I bake bread"])
def test_far_off_questions_still_fail_the_domain_check(text: str) -> None:
    assert not mentions_domain(text)
