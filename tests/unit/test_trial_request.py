"""A request to search the trial registry is told apart from a question about trials, studies as evidence, or a
condition's card; the NLU guard turns such a FAQ guess into search_trials."""

from __future__ import annotations

import pytest

from bot.trial_request import asks_to_search
from components.input_guard import InputGuard

SEARCHES = [
    "Are there any trials for multiple sclerosis in Mexico?",
    "is there a trial for my dad's parkinson's near me?",
    "find me a stem cell study for ALS",
    "Which trials are recruiting for MS right now?",
    "I'd like to join a clinical trial for my knee arthritis",
    "any studies near me for autism",
    "¿Hay ensayos clínicos para el párkinson en México?",
    "búsqueme un estudio para la esclerosis múltiple",
    "quiero participar en un ensayo para la ELA",
]

QUESTIONS = [
    "What is a clinical trial?",
    "How do I find a trial?",
    "where can I sign up for a genuine stem cell research study",
    "Are paid stem cell trials legit?",
    "Is there a study showing stem cells work for autism?",
    "Are there any studies that prove it works for MS?",
    "Is there evidence from trials for knee arthritis?",
    "Should I pay to be in a trial?",
    "Do stem cells work for multiple sclerosis?",
    "¿Qué es un ensayo clínico?",
    "¿Hay estudios que demuestren que funciona para el autismo?",
    "¿Tengo que pagar para entrar a un ensayo?",
]


@pytest.mark.parametrize("text", SEARCHES)
def test_a_request_to_find_a_trial_is_a_search(text: str) -> None:
    assert asks_to_search(text)
    assert InputGuard.override_for(text, "faq") == "search_trials"


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_question_about_trials_or_evidence_stays_a_question(text: str) -> None:
    assert not asks_to_search(text)
    assert InputGuard.override_for(text, "faq") is None


def test_only_a_faq_guess_is_turned_into_a_search() -> None:
    # The clinic check's own answers and commands are not the guard's to reinterpret as a search.
    assert InputGuard.override_for("Are there any trials for MS in Mexico?", "search_trials") is None
    assert InputGuard.override_for("They said there is a trial for MS in Mexico", "inform") is None
