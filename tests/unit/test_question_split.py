"""Counting the questions in one message (bot/question_split.py), for the two-question answer."""

from __future__ import annotations

import pytest

from bot.question_split import count_questions, questions_in


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Do stem cells help knees? What are the side effects?", 2),
        ("is it effective for MS. is it risky for her", 2),
        ("My mom has arthritis in both knees. Would stem cells help her?", 1),
        ("What do stem cell shots cost?", 1),
        ("ok? thanks!", 0),
        ("I want stem cells for memory and for joint pain", 0),
        ("", 0),
    ],
)
def test_questions_are_counted_by_sentence(text: str, count: int) -> None:
    assert count_questions(text) == count


def test_the_questions_are_returned_in_order() -> None:
    assert questions_in("Does it work? Is it risky?") == ["Does it work?", "Is it risky?"]


@pytest.mark.parametrize(
    ("text", "questions"),
    [
        ("¿Funciona para la rodilla? ¿Qué riesgos tiene?", ["¿Funciona para la rodilla?", "¿Qué riesgos tiene?"]),
        ("¿Es legal? ¿Cuánto cuesta?", ["¿Es legal?", "¿Cuánto cuesta?"]),
        ("¿Es legal en México y además cuánto cuesta?", ["¿Es legal en México", "cuánto cuesta?"]),
        ("¿Cuánto cuesta y también es legal en México?", ["¿Cuánto cuesta", "es legal en México?"]),
        ("funciona para la rodilla y ademas es legal", ["funciona para la rodilla", "es legal"]),
        (
            "Hola, ¿es seguro el tratamiento? ¿y cuánto cuesta?",
            ["Hola, ¿es seguro el tratamiento?", "¿y cuánto cuesta?"],
        ),
        # one question about two things, a statement then one question, an indirect question
        ("¿Sirve para la rodilla y también para la espalda?", ["¿Sirve para la rodilla y también para la espalda?"]),
        ("Mi papá tiene artritis. ¿Le ayudarían las células madre?", ["¿Le ayudarían las células madre?"]),
        ("Quiero tratarme la rodilla y también la espalda.", []),
        ("¿ok?", []),
    ],
)
def test_spanish_questions_are_split_too(text: str, questions: list[str]) -> None:
    assert questions_in(text) == questions
