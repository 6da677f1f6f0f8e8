"""A question that names a condition gets that condition's card, over REST, from the real servers."""

from __future__ import annotations

import uuid

import pytest

from bot import conditions
from tests.servers import Stack


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("will stem cells help my husband's MS?", "ms"),
        ("my son is on the spectrum, would this help him", "autism"),
    ],
)
def test_a_question_naming_a_condition_gets_its_card(stack: Stack, question: str, key: str) -> None:
    card = conditions.card(key)
    assert card is not None
    reply = texts(stack.say(f"test-{uuid.uuid4().hex}", question))
    assert card.status_sentence in reply
    assert "Source" in reply
    assert "warning sign" not in reply, "naming a condition is not a symptom report"
