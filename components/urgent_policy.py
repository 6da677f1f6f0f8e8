"""Dialogue policy that puts urgent-care advice first, deciding with the conversation's context.

An NLU component sees one message; whether "bleeding at the injection site" is a report or the answer
to "which risks does the consent form list?" depends on the question pending in the clinic check and
on the bot's last turn. This policy sees the tracker: right after a user message it calls
`bot.urgent.decide(text, requested_slot's question, last bot text)` and, when that fires, predicts
`action_urgent_care` with certainty and a priority above RulePolicy, as a prediction that overrules
the form's happy path (Rasa's ensemble lets such "no user" predictions overrule all others). Right
after `action_urgent_care` it predicts `action_listen`; a message right after the advice that doubts or
asks about going ("can I wait until Monday?", "no tengo seguro", bot.urgent.doubts_going) gets
`action_urgent_care` again, which then gives the follow-up (don't wait, care without insurance, what to tell the
doctors). When the advice stopped a clinic check and the patient types instead of pressing "Continue the check
now" or "Later", it predicts the check's resume action (which reads the message as the answer to the pending
question, bot.urgent.typed_after_advice) and then the
form. Otherwise it predicts nothing and the other policies decide. It learns nothing from training data.
"""

from __future__ import annotations

from typing import Optional

from rasa.core.constants import RULE_POLICY_PRIORITY
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.questions import BY_SLOT
from bot.urgent import decide, doubts_going, on_the_way, typed_after_advice
from components.step_policy import StepPolicy, action_before_user

URGENT_ACTION = "action_urgent_care"
CHECK_FORM = "clinic_check_form"
RESUME_ACTION = "action_resume_clinic_check"


def pending_question(tracker: DialogueStateTracker) -> Optional[str]:
    """The clinic-check question being asked (None outside the check)."""
    if tracker.active_loop_name != CHECK_FORM:
        return None
    question = BY_SLOT.get(tracker.get_slot(REQUESTED_SLOT) or "")
    return question.id if question else None


def last_bot_text(tracker: DialogueStateTracker) -> Optional[str]:
    """What the bot said just before the latest user message."""
    seen_user = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_user:
                return None
            seen_user = True
        elif seen_user and isinstance(event, BotUttered):
            return event.text
    return None


def next_step(tracker: DialogueStateTracker) -> Optional[str]:
    """The action this policy insists on now, or None to leave the choice to the other policies."""
    latest = tracker.latest_action_name
    if latest == URGENT_ACTION:
        return ACTION_LISTEN_NAME
    if latest == RESUME_ACTION and tracker.active_loop_name is None:
        return CHECK_FORM  # as the resume rule does; also after a typed answer, which the resume action read
    if latest != ACTION_LISTEN_NAME or not _user_spoke_last(tracker):
        return None
    message = tracker.latest_message
    text = (message.text if message else None) or ""
    if decide(text, pending_question(tracker), last_bot_text(tracker)).urgent:
        return URGENT_ACTION
    if advice_just_given(tracker) and doubts_going(
        text, answering=advice_stopped_check(tracker) or not advice_was_for_a_report(tracker)
    ):
        return URGENT_ACTION  # "can I wait until Monday?" right after the advice: the follow-up, not a topic menu
    if tracker.active_loop_name is None and advice_given_lately(tracker) and doubts_going(text, answering=True):
        return URGENT_ACTION  # "is it ok to fly home first?" a turn or two later: still about putting care off
    if on_the_way(text) and advice_given_lately(tracker):
        return URGENT_ACTION  # "ya vamos para urgencias, ¿qué papeles llevo?" a few turns after it: what to tell them
    if advice_stopped_check(tracker) and typed_after_advice((message.intent or {}).get("name"), text):
        return RESUME_ACTION  # typed instead of a button after the advice: back to the check, answer read
    return None


LATELY = 4  # user turns back in which the urgent advice counts as recent for "we're going now"


def advice_given_lately(tracker: DialogueStateTracker) -> bool:
    """The urgent advice (or the crisis lines) was given within the last `LATELY` user turns."""
    users = 0
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            users += 1
            if users > LATELY:
                return False
        elif isinstance(event, ActionExecuted) and event.action_name == URGENT_ACTION and users >= 1:
            return True
    return False


def advice_was_for_a_report(tracker: DialogueStateTracker) -> bool:
    """The latest urgent action answered a report (not itself a follow-up to a doubt): after a follow-up, only words
    about going count ("how do i get my money back" got the follow-up again and again, 2026-12-01)."""
    seen_action = False
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name == URGENT_ACTION:
            seen_action = True
        elif seen_action and isinstance(event, UserUttered):
            return decide(event.text or "").urgent
    return False


def advice_just_given(tracker: DialogueStateTracker) -> bool:
    """The last action before the latest user message was the urgent advice (or the crisis lines)."""
    return action_before_user(tracker) == URGENT_ACTION


def advice_stopped_check(tracker: DialogueStateTracker) -> bool:
    """The action before the latest user message was urgent advice that stopped a clinic check."""
    stopped = False
    seen_user = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_user:
                return False
            seen_user = True
        elif not seen_user:
            continue
        elif isinstance(event, ActiveLoop) and event.name is None:
            stopped = True
        elif isinstance(event, ActionExecuted) and event.action_name != ACTION_LISTEN_NAME:
            return stopped and event.action_name == URGENT_ACTION
    return False


def _user_spoke_last(tracker: DialogueStateTracker) -> bool:
    """True when a user message came after the last action (slot events may sit in between)."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return True
        if isinstance(event, ActionExecuted):
            return False
    return False


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class UrgentCarePolicy(StepPolicy):
    """Urgent-care advice first, with the pending question and the last bot turn as context."""

    PRIORITY = RULE_POLICY_PRIORITY + 1
    next_step = staticmethod(next_step)
