"""Thoughts of suicide or self-harm (bot/crisis.py) get the crisis lines first, in English and Spanish, inside a
clinic check too (bot.urgent, components/urgent_policy.py, actions/urgent.py); dying as a risk, a death in the
family and "the pain is killing me" do not."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from bot.crisis import mentions_crisis
from bot.urgent import decide, normalise
from components.urgent_policy import next_step
from tests.unit.test_urgent_wiring import rasa_tracker, run, sdk_tracker

ROOT = Path(__file__).resolve().parent.parent.parent

CRISIS = [
    # Spanish first: an exploratory session in Spanish got a back-pain card and "not understood" for these
    "sinceramente ya no aguanto, a veces pienso que sería mejor ya no despertar",
    "me quiero morir ya con este dolor",
    "estoy pensando en suicidarme",
    "ya no quiero vivir así, nada ha servido",
    "mi papá dice que se quiere morir desde que el tratamiento no funcionó",
    "a veces quisiera quitarme la vida",
    "tengo pensamientos suicidas",
    "I want to kill myself",
    "honestly I don't want to live anymore after spending all that money",
    "my mom keeps saying she wants to die",
    "I've been feeling suicidal since the treatment failed",
    "sometimes I think we'd all be better off if I was dead, better off dead",
    "I'm going to end my life",
]
NOT_CRISIS = [
    "can you die from a stem cell injection?",
    "¿se puede morir uno con esas inyecciones?",
    "my dad died of ALS two years ago",
    "the pain in my knee is killing me",
    "what are suicide genes in engineered stem cells?",
    "he almost died after the infusion in 2019",
    "no quiero que guarden mis preguntas",
    "no quiero ir a urgencias porque me van a cobrar",
    "is it safe, or will it kill me?",
]


@pytest.mark.parametrize("text", CRISIS)
def test_thoughts_of_suicide_or_self_harm_are_recognised(text: str) -> None:
    assert mentions_crisis(normalise(text))
    decision = decide(text)
    assert decision.urgent and decision.crisis and not decision.question


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_dying_as_a_risk_or_a_past_death_is_no_crisis(text: str) -> None:
    assert not mentions_crisis(normalise(text))
    assert not decide(text).crisis


def test_inside_a_clinic_check_the_crisis_comes_first() -> None:
    text = "no se, ya no aguanto, me quiero morir"
    assert next_step(rasa_tracker(text, pending="consent_form")) == "action_urgent_care"
    messages, events = run(sdk_tracker(text, "consent_form", lang="es"))
    assert messages[0]["response"] == "utter_crisis"
    assert {"event": "slot", "name": "q_consent_form", "value": None, "timestamp": None} in events  # not an answer


def test_the_action_gives_the_crisis_lines_not_the_symptom_advice_or_an_answer() -> None:
    messages, events = run(sdk_tracker("I want to kill myself, is there any point?", faq=("faq/side_effects", 0.9)))
    assert [m["response"] for m in messages] == ["utter_crisis"] and events == []


def test_the_crisis_reply_gives_the_lines_in_both_languages() -> None:
    domain = yaml.safe_load((ROOT / "domain" / "urgent.yml").read_text(encoding="utf-8"))
    english, spanish = domain["responses"]["utter_crisis"]
    assert spanish["condition"] == [{"type": "slot", "name": "language", "value": "es"}]
    for variant in (english, spanish):
        text = variant["text"]
        assert "911" in text and "988" in text and "800 911 2000" in text
        assert "seguro" not in text.lower() and " safe" not in text.lower()
    sources = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    cited = english["text"].strip().splitlines()[-1].split(":", 1)[1]
    for source in cited.split(";"):
        assert f"### {source.strip()}\n" in sources


def test_the_crisis_patterns_grow_linearly() -> None:
    def cost(text: str) -> float:
        best = float("inf")
        for _ in range(7):
            started = time.perf_counter()
            mentions_crisis(text)
            best = min(best, time.perf_counter() - started)
        return best

    unit = "me quiero me quiero no quiero seguir want to want to kill kill suicid suicid "
    small, large = cost(unit * 40), cost(unit * 80)
    assert large < 3 * small + 0.002, (small, large)
