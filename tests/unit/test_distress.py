"""Distress said in passing gets one kind line before the answer (bot/distress.py, actions/faq.py)."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions.fallback import ActionStemsafeFallback
from actions.faq import ActionAnswerFaq
from bot.distress import ACKNOWLEDGEMENT, acknowledgement
from tests.unit.test_ask_back import parse, run, tracker


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I'm so scared, she's getting worse and this clinic in Tijuana is our last hope. is it legit?", "en"),
        ("we don't know what to do anymore, nothing else has worked for his MS", "en"),
        ("estoy desesperada, ya no sé qué hacer con mi mamá, ¿sirven las células madre para el Parkinson?", "es"),
        ("tengo mucho miedo de que lo rechace su cuerpo", "es"),
    ],
)
def test_distress_is_acknowledged_once_before_the_answer(text: str, lang: str) -> None:
    line = acknowledgement(text, lang=lang)
    assert line == ACKNOWLEDGEMENT[lang]
    assert acknowledgement(text, ["Hello", line], lang) is None  # not again while it is among the latest messages


@pytest.mark.parametrize(
    "text",
    [
        "what are the side effects?",
        "I'm worried about rejection, can donor cells be rejected?",
        "me preocupa el costo",
        "I want to kill myself",  # the crisis lines, not this line (bot.crisis)
        '/faq_choice{"topic": "rejection"}',
    ],
)
def test_a_plain_question_a_worry_about_a_risk_or_a_crisis_gets_no_such_line(text: str) -> None:
    assert acknowledgement(text) is None


def test_the_answer_and_the_question_back_follow_the_line() -> None:
    text = "I'm so scared, a clinic wants 30k for stem cells for my dad. do they actually work?"
    said, _ = run(ActionAnswerFaq(), tracker(parse(text, [("does_it_work", 0.9)])))
    assert said[0]["text"] == ACKNOWLEDGEMENT["en"] and said[1]["response"] == "utter_faq/does_it_work"
    spanish = "estamos desesperados, ¿qué hacemos?"
    said, _ = run(
        ActionStemsafeFallback(),
        tracker(parse(spanish, [], intent="nlu_fallback", intents=[("nlu_fallback", 0.9)]), {"language": "es"}),
    )
    assert said[0]["text"] == ACKNOWLEDGEMENT["es"] and len(said) == 2


def test_inside_a_clinic_check_the_line_is_not_added_to_the_check_s_own_reply() -> None:
    tr = Tracker(
        "u1", {}, parse("estoy desesperada", [], intent="nlu_fallback"), [], False, None,
        {"name": "clinic_check_form"}, "action_listen",
    )  # fmt: skip
    said, _ = run(ActionStemsafeFallback(), tr)
    assert all(m.get("text") != ACKNOWLEDGEMENT["es"] for m in said)
