"""With the trained model: cached answers are the model's own answers, and repeated input hits the cache."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.agent import Agent
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.cached_models import CachedDIETClassifier, CachedResponseSelector, CachedTEDPolicy
from tests.model.conftest import component

TEXTS = [
    "can donor stem cells be rejected?",
    "what does FDA approved mean",
    "how do I check a doctor's cedula",
    "hello",
    "thanks a lot",
]


def test_the_model_uses_the_cached_components(agent: Agent) -> None:
    for cls in (CachedDIETClassifier, CachedResponseSelector, CachedTEDPolicy):
        assert component(agent, cls).prediction_cache.size > 0


def test_a_repeated_question_gets_the_same_parse_from_the_cache(agent: Agent) -> None:
    diet = component(agent, CachedDIETClassifier)
    selector = component(agent, CachedResponseSelector)
    first = [asyncio.run(agent.parse_message(t)) for t in TEXTS]
    hits = diet.prediction_cache.hits, selector.prediction_cache.hits
    again = [asyncio.run(agent.parse_message(t)) for t in TEXTS]
    assert diet.prediction_cache.hits == hits[0] + len(TEXTS)
    assert selector.prediction_cache.hits == hits[1] + len(TEXTS)
    for a, b in zip(first, again, strict=True):
        assert a["intent"] == b["intent"] and a["intent_ranking"] == b["intent_ranking"]
        assert a.get("response_selector") == b.get("response_selector")


def test_cached_parse_equals_the_uncached_model(agent: Agent) -> None:
    diet = component(agent, CachedDIETClassifier)
    warm = [asyncio.run(agent.parse_message(t)) for t in TEXTS]
    size = diet.prediction_cache.size
    diet.prediction_cache.size = 0  # no caching: every parse runs TensorFlow
    try:
        cold = [asyncio.run(agent.parse_message(t + " ")) for t in TEXTS]  # a trailing space is tokenised away
    finally:
        diet.prediction_cache.size = size
    for a, b in zip(warm, cold, strict=True):
        assert a["intent"]["name"] == b["intent"]["name"]
        assert a["intent"]["confidence"] == pytest.approx(b["intent"]["confidence"], abs=1e-6)


def test_ted_predicts_the_same_for_the_same_dialogue_states(agent: Agent) -> None:
    ted = component(agent, CachedTEDPolicy)
    domain = agent.domain

    def tracker(sender: str) -> DialogueStateTracker:
        return DialogueStateTracker.from_events(
            sender,
            [ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet", "confidence": 1.0})],
            domain.slots,
        )

    first = ted.predict_action_probabilities(tracker("a"), domain)
    hits = ted.prediction_cache.hits
    second = ted.predict_action_probabilities(tracker("b"), domain)
    assert ted.prediction_cache.hits == hits + 1
    assert second.probabilities == first.probabilities
    size = ted.prediction_cache.size
    ted.prediction_cache.size = 0
    try:
        fresh = ted.predict_action_probabilities(tracker("c"), domain)
    finally:
        ted.prediction_cache.size = size
    assert fresh.probabilities == pytest.approx(first.probabilities, abs=1e-6)
