"""Dialogue policy for a typed choice of the answer to change ("the doctor one", "el nombre de la clínica").

After "change an answer", StemSafe asks "Which answer would you like to change?" with one button per answer
(`action_offer_correction`). Its rules follow the buttons' `/choose_correction{...}` payloads only, so a typed
choice went to the classifiers: "the clinic name" got the no-recommendation reply, "doctor" got "not understood"
(exploratory session, 2026-12-01). Right after that question, a typed message that names an answered question
(bot.questions.question_named_in, the same words the change action reads) predicts `action_apply_correction`, and
after it changed an answer, the clinic-check form (which asks that question again), as the button's rule does.
Symptoms and thoughts of self-harm stay with the urgent-care policy (bot.urgent.decide): this one predicts nothing
for them. It learns nothing from training data.
"""

from __future__ import annotations

from typing import Optional

from rasa.core.constants import RULE_POLICY_PRIORITY
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.questions import SLOT_PREFIX, question_named_in
from bot.urgent import decide
from components.step_policy import StepPolicy, action_before_user

OFFER_ACTION = "action_offer_correction"
APPLY_ACTION = "action_apply_correction"
CHECK_FORM = "clinic_check_form"


def _cleared_an_answer(tracker: DialogueStateTracker) -> bool:
    """The latest action_apply_correction cleared a clinic-check answer (so that question is asked again)."""
    for event in reversed(tracker.events):
        if isinstance(event, SlotSet) and event.key.startswith(SLOT_PREFIX) and event.value is None:
            return True
        if isinstance(event, ActionExecuted):
            return False
    return False


def next_step(tracker: DialogueStateTracker) -> Optional[str]:
    """The action this policy insists on now, or None."""
    if tracker.latest_action_name == APPLY_ACTION:
        return CHECK_FORM if tracker.active_loop_name is None and _cleared_an_answer(tracker) else None
    if tracker.latest_action_name != ACTION_LISTEN_NAME or action_before_user(tracker) != OFFER_ACTION:
        return None
    text = (tracker.latest_message.text if tracker.latest_message else None) or ""
    if not text.strip() or text.lstrip().startswith("/") or decide(text).urgent:
        return None
    return APPLY_ACTION if question_named_in(text) else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class TypedCorrectionPolicy(StepPolicy):
    """A typed choice of the answer to change goes to the change action, then back to the check."""

    PRIORITY = RULE_POLICY_PRIORITY + 2
    next_step = staticmethod(next_step)
