"""The lexical second opinion: trained, stored and loaded with the model; it moves a topic that both models like
to the top, lowers one that only the selector likes, and leaves intents and non-FAQ messages alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.lexical_topics import LexicalTopicBlender, UntrustedModel, blend, faq_share

EXAMPLES = {
    "faq/rejection": ["can my body reject donor cells", "will my immune system attack the cells", "rejection risk"],
    "faq/infection": ["can I get an infection from the injection", "bacteria in the vial", "infection risk"],
    "faq/tumours": ["can stem cells cause cancer", "could it grow a tumour", "tumor risk after stem cells"],
    "greet": ["hello", "hi there", "good morning"],
}
RESPONSES = {f"utter_{key}": [{"text": f"answer about {key}"}] for key in EXAMPLES if key.startswith("faq/")}


def training_data() -> TrainingData:
    messages = []
    for label, texts in EXAMPLES.items():
        for text in texts:
            data: dict[str, Any] = {TEXT: text, INTENT: label.split("/")[0]}
            if "/" in label:
                data[INTENT_RESPONSE_KEY] = label
            messages.append(Message(data=data))
    return TrainingData(training_examples=messages, responses=RESPONSES)


@pytest.fixture()
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def trained(storage: LocalModelStorage, weight: float = 0.5) -> LexicalTopicBlender:
    resource = Resource("lexical_topics")
    context = ExecutionContext(GraphSchema({}), "test")
    component = LexicalTopicBlender.create({"weight": weight}, storage, resource, context)
    component.train(training_data())
    return LexicalTopicBlender.load({"weight": weight}, storage, resource, context)


def parsed(text: str, selector: dict[str, float], intent: str = "faq") -> Message:
    """A message as the ResponseSelector leaves it, with its ranking of topics."""
    ranking = [
        {"id": i, "confidence": c, INTENT_RESPONSE_KEY: k}
        for i, (k, c) in enumerate(sorted(selector.items(), key=lambda kv: -kv[1]))
    ]
    top = ranking[0][INTENT_RESPONSE_KEY]
    faq = {
        "response": {
            "responses": [{"text": f"answer about {top}"}],
            "confidence": ranking[0]["confidence"],
            INTENT_RESPONSE_KEY: top,
            "utter_action": f"utter_{top}",
        },
        "ranking": ranking,
    }
    return Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.9}, "response_selector": {"faq": faq}})


def test_blend_averages_both_rankings_and_counts_a_missing_topic_as_zero() -> None:
    selector = [
        {"id": 1, "confidence": 0.6, INTENT_RESPONSE_KEY: "faq/a"},
        {"confidence": 0.4, INTENT_RESPONSE_KEY: "faq/b"},
    ]
    ranking = blend(selector, {"faq/b": 0.9, "faq/c": 0.1}, weight=0.5)
    assert [e[INTENT_RESPONSE_KEY] for e in ranking] == ["faq/b", "faq/a", "faq/c"]
    assert [round(e["confidence"], 3) for e in ranking] == [0.65, 0.3, 0.05]
    assert ranking[1]["id"] == 1
    assert blend(selector, {}, weight=1.0)[0]["confidence"] == pytest.approx(0.6)


def test_faq_share_keeps_faq_topics_only_and_sums_to_one() -> None:
    share = faq_share(["faq/a", "greet", "faq/b"], [0.2, 0.6, 0.2])
    assert share == pytest.approx({"faq/a": 0.5, "faq/b": 0.5})
    assert faq_share(["greet"], [1.0]) == {}


def test_a_topic_only_the_selector_likes_loses_its_confident_answer(storage: LocalModelStorage) -> None:
    component = trained(storage)
    # The selector put infection first for a question about cancer; the words say tumours.
    message = parsed("could stem cells cause a tumour or cancer?", {"faq/infection": 0.7, "faq/tumours": 0.3})
    component.process([message])
    faq = message.get("response_selector")["faq"]
    assert faq["ranking"][0][INTENT_RESPONSE_KEY] == "faq/tumours"
    assert faq["response"][INTENT_RESPONSE_KEY] == "faq/tumours"
    assert faq["response"]["utter_action"] == "utter_faq/tumours"
    assert faq["response"]["responses"] == [{"text": "answer about faq/tumours"}]
    assert faq["response"]["confidence"] == faq["ranking"][0]["confidence"] < 0.7
    assert message.get(INTENT)["name"] == "faq"  # intents are not its business


def test_agreement_keeps_the_topic_and_its_response(storage: LocalModelStorage) -> None:
    component = trained(storage)
    message = parsed("will my immune system reject donor cells?", {"faq/rejection": 0.8, "faq/infection": 0.2})
    component.process([message])
    faq = message.get("response_selector")["faq"]
    assert faq["ranking"][0][INTENT_RESPONSE_KEY] == "faq/rejection"
    assert faq["response"]["responses"] == [{"text": "answer about faq/rejection"}]
    assert sum(e["confidence"] for e in faq["ranking"]) == pytest.approx(1.0, abs=0.01)
    # Both opinions stay beside the blend, for replays of other weights.
    assert [e[INTENT_RESPONSE_KEY] for e in faq["selector_ranking"]] == ["faq/rejection", "faq/infection"]
    assert faq["lexical_ranking"][0][INTENT_RESPONSE_KEY] == "faq/rejection"
    assert sum(e["confidence"] for e in faq["lexical_ranking"]) == pytest.approx(1.0)


def test_weight_one_keeps_the_selectors_ranking(storage: LocalModelStorage) -> None:
    component = trained(storage, weight=1.0)
    message = parsed("could stem cells cause a tumour or cancer?", {"faq/infection": 0.7, "faq/tumours": 0.3})
    component.process([message])
    assert message.get("response_selector")["faq"]["ranking"][0][INTENT_RESPONSE_KEY] == "faq/infection"


def test_a_message_without_a_faq_ranking_is_left_alone(storage: LocalModelStorage) -> None:
    component = trained(storage)
    message = Message(data={TEXT: "hello", INTENT: {"name": "greet", "confidence": 0.99}})
    component.process([message])
    assert message.get("response_selector") is None


def test_without_a_stored_model_it_changes_nothing(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    component = LexicalTopicBlender.load({}, storage, Resource("never_trained"), context)
    message = parsed("could stem cells cause cancer?", {"faq/infection": 0.7, "faq/tumours": 0.3})
    component.process([message])
    assert message.get("response_selector")["faq"]["ranking"][0][INTENT_RESPONSE_KEY] == "faq/infection"


def test_a_stored_file_with_other_types_stops_the_load(storage: LocalModelStorage) -> None:
    from sklearn.preprocessing import FunctionTransformer

    resource = Resource("tampered")
    context = ExecutionContext(GraphSchema({}), "test")
    LexicalTopicBlender({}, storage, resource, FunctionTransformer(func=print), {}).persist()
    with pytest.raises(UntrustedModel):
        LexicalTopicBlender.load({}, storage, resource, context)
