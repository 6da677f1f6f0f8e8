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
