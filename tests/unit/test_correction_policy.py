"""A typed choice of the answer to change (components/correction_policy.py): right after "Which answer would you
like to change?", a message naming an answered question goes to the change action, then back to the check."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.correction_policy import TypedCorrectionPolicy, next_step

ROOT = Path(__file__).resolve().parent.parent.parent
DOMAIN = Domain.load(str(ROOT / "domain"))


def after_offer(text: str, offered: bool = True) -> DialogueStateTracker:
    events: list = [
        ActionExecuted("action_listen"),
        UserUttered("change an answer", {"name": "correct_answer", "confidence": 1.0}),
        ActionExecuted("action_offer_correction" if offered else "action_answer_faq"),
        BotUttered("Which answer would you like to change?"),
        ActiveLoop(None),
        ActionExecuted("action_listen"),
        UserUttered(text, {"name": "recommend_clinic", "confidence": 0.7}),
    ]
    return DialogueStateTracker.from_events("u1", events, DOMAIN.slots)


@pytest.mark.parametrize(
    "text",
    ["the clinic name", "i want to change the name of the clinic", "the doctor one", "doctor", "la del pais"],
)
def test_a_typed_choice_goes_to_the_change_action(text: str) -> None:
    assert next_step(after_offer(text)) == "action_apply_correction"


@pytest.mark.parametrize("text", ["thanks", '/choose_correction{"question":"lab"}', "since the IV my arm is red"])
def test_other_messages_are_left_to_the_other_policies(text: str) -> None:
    assert next_step(after_offer(text)) is None


def test_only_right_after_the_offer_and_back_to_the_check_after_a_change() -> None:
    assert next_step(after_offer("the doctor one", offered=False)) is None
    changed = after_offer("the doctor one")
    changed.update(ActionExecuted("action_apply_correction"))
    changed.update(SlotSet("q_physician", None))
    assert next_step(changed) == "clinic_check_form"
    unchanged = after_offer("the doctor one")
    unchanged.update(ActionExecuted("action_apply_correction"))  # nothing to change: the buttons again
    assert next_step(unchanged) is None


def test_the_policy_predicts_with_certainty_only_when_it_applies() -> None:
    policy = TypedCorrectionPolicy(TypedCorrectionPolicy.get_default_config(), None, None, _Context())  # type: ignore[arg-type]
    ours = policy.predict_action_probabilities(after_offer("doctor"), DOMAIN)
    assert ours.probabilities[DOMAIN.index_for_action("action_apply_correction")] == 1.0 and ours.is_no_user_prediction
    quiet = policy.predict_action_probabilities(after_offer("thanks"), DOMAIN)
    assert max(quiet.probabilities) == 0.0


class _Context:
    is_finetuning = False
