"""The model caches give back what the model said, never let a caller change it, and stay bounded."""

from __future__ import annotations

from typing import Any, Dict, Optional

import numpy as np
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.lru import LRU
from components.cached_models import _TextKeyedPredictions


class CountingModel:
    """Stands in for DIET's TensorFlow call: counts calls, answers by text length."""

    def __init__(self, size: int) -> None:
        self.component_config = {"cache_size": size}
        self.calls = 0

    def _predict(self, message: Message) -> Optional[Dict[str, Any]]:
        self.calls += 1
        text = message.get(TEXT)
        return None if text == "" else {"scores": np.array([len(text), 1.0])}


class Cached(_TextKeyedPredictions, CountingModel):
    pass


def message(text: str) -> Message:
    return Message(data={TEXT: text})


def test_the_same_text_runs_the_model_once() -> None:
    model = Cached(size=10)
    first = model._predict(message("is it approved?"))
    second = model._predict(message("is it approved?"))
    assert model.calls == 1
    assert np.array_equal(first["scores"], second["scores"])
    model._predict(message("is it approved ?"))  # another text is another question
    assert model.calls == 2


def test_a_caller_cannot_change_a_stored_answer() -> None:
    model = Cached(size=10)
    model._predict(message("hello"))["scores"][0] = -99
    assert model._predict(message("hello"))["scores"][0] == 5


def test_no_answer_is_not_stored_and_size_zero_turns_caching_off() -> None:
    model = Cached(size=10)
    assert model._predict(message("")) is None and model._predict(message("")) is None
    assert model.calls == 2
    off = Cached(size=0)
    off._predict(message("hi"))
    off._predict(message("hi"))
    assert off.calls == 2


def test_lru_forgets_the_least_recently_used() -> None:
    lru: LRU[int] = LRU(2)
    lru.put("a", 1)
    lru.put("b", 2)
    assert lru.get("a") == 1  # "a" is now the most recent
    lru.put("c", 3)
    assert lru.get("b") is None and lru.get("a") == 1 and lru.get("c") == 3
    assert len(lru) == 2 and (lru.hits, lru.misses) == (3, 1)


def test_texts_with_contact_details_are_not_kept() -> None:
    model = Cached(size=10)
    model._predict(message("call me on +1 619 555 0142"))
    model._predict(message("call me on +1 619 555 0142"))
    assert model.calls == 2 and len(model.prediction_cache) == 0


def test_the_selector_filters_loaded_examples_as_rasa_does_without_hashing_them() -> None:
    """LoadedTrainingData keeps the examples Rasa's own filter keeps, in the same order, with their features; only the
    second de-duplication by hash (a fingerprint of every feature matrix) is skipped."""
    import scipy.sparse
    from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY
    from rasa.shared.nlu.training_data.features import Features
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from components.cached_models import LoadedTrainingData

    rows = [
        ("can the cells be rejected?", "faq", "faq/rejection"),
        ("hello", "greet", None),
        ("could I get an infection", "faq", "faq/infection"),
        ("check a clinic", "start_clinic_check", None),
        ("is rejection common?", "faq", "faq/rejection"),
        ("can the cells be rejected?", "faq", "faq/rejection"),  # a duplicate: gone when loaded, as in Rasa
    ]
    examples = []
    for text, intent, key in rows:
        data = {TEXT: text, INTENT: intent}
        if key:
            data[INTENT_RESPONSE_KEY] = key
        examples.append(Message(data=data))
    responses = {"utter_faq/rejection": [{"text": "It can happen."}], "utter_faq/infection": [{"text": "Yes."}]}
    loaded = TrainingData(examples, responses=responses)
    for i, example in enumerate(loaded.training_examples):
        features = scipy.sparse.coo_matrix(np.arange(i, i + 4, dtype=float).reshape(1, 4))
        example.add_features(Features(features, "sentence", TEXT, "CountVectorsFeaturizer"))

    def is_faq(example: Message) -> bool:
        return example.get(INTENT) == "faq"

    theirs = loaded.filter_training_examples(is_faq)
    ours = LoadedTrainingData.of(loaded).filter_training_examples(is_faq)
    assert [id(e) for e in ours.training_examples] == [id(e) for e in theirs.training_examples]
    assert [e.get(TEXT) for e in ours.training_examples] == [
        "can the cells be rejected?",
        "could I get an infection",
        "is rejection common?",
    ]
    assert ours.responses == theirs.responses and ours.retrieval_intents == theirs.retrieval_intents
