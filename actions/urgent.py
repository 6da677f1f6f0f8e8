"""Rasa SDK action for urgent-care advice: a thin adapter over bot.urgent.

`action_urgent_care` runs when components/urgent_policy.py decides a message is a symptom report. It
says `utter_urgent_care` (the domain response; `utter_crisis`, the crisis lines, for thoughts of suicide or
self-harm: bot.crisis), then the answer to a question asked in the same message
("is fever normal after my injection?"). During a clinic check it stops the form without recording
anything from the report (it clears the slot the form would have filled from that text) and offers to
continue now (`/resume_check`) or later (`/stop_check`); the check's resume action asks the pending
question again. The continue-now-or-later line and its buttons are in the conversation's language (`language`
slot); the advice and the answer are domain responses with a Spanish variation on that slot. Called by the
policy for a doubt about going right after the advice ("can I wait until Monday?"), it gives the follow-up
(`utter_urgent_follow_up`); for "we're going now", a short acknowledgement (`utter_urgent_on_the_way`); or the
crisis lines again when those were what it had just given.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import language_of
from bot.questions import BY_SLOT
from bot.urgent import after_advice, decide, faq_after, on_the_way

NAME = "action_urgent_care"
CRISIS_RESPONSE = "utter_crisis"  # thoughts of suicide or self-harm (bot.crisis): crisis lines instead
FOLLOW_UP_RESPONSE = "utter_urgent_follow_up"  # a doubt about going, right after the advice
ON_THE_WAY_RESPONSE = "utter_urgent_on_the_way"  # "we're going now", right after the advice
CRISIS_LINE = "800 911 2000"  # in both languages' crisis replies: the advice just given was the crisis lines
CHECK_FORM = "clinic_check_form"


def _times_before(tracker: Tracker) -> int:
    return sum(1 for e in tracker.events if e.get("event") == "action" and e.get("name") == NAME)


def _last_bot_text(tracker: Tracker) -> str | None:
    return next((e.get("text") for e in reversed(tracker.events) if e.get("event") == "bot"), None)


def _last_bot_turn(tracker: Tracker) -> str:
    """Everything the bot said between the two latest user messages."""
    said: list[str] = []
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                break
        elif event.get("event") == "bot" and users == 1:
            said.append(event.get("text") or "")
    return "\n".join(reversed(said))


class ActionUrgentCare(Action):
    def name(self) -> str:
        return NAME

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        message = tracker.latest_message or {}
        in_check = tracker.active_loop_name == CHECK_FORM
        requested = tracker.get_slot("requested_slot") if in_check else None
        pending = BY_SLOT[requested].id if requested in BY_SLOT else None
        decision = decide(message.get("text"), pending, _last_bot_text(tracker))
        if not decision.urgent:  # the policy's follow-up: a doubt about going, right after the advice
            if CRISIS_LINE in (_last_bot_turn(tracker) or ""):
                dispatcher.utter_message(response=CRISIS_RESPONSE)
            else:
                going = on_the_way(message.get("text"))
                dispatcher.utter_message(response=ON_THE_WAY_RESPONSE if going else FOLLOW_UP_RESPONSE)
            return []
        dispatcher.utter_message(response=CRISIS_RESPONSE if decision.crisis else "utter_urgent_care")
        selected = ((message.get("response_selector") or {}).get("faq") or {}).get("response") or {}
        follow = faq_after(decision, selected.get("intent_response_key"), selected.get("confidence"))
        if follow:
            dispatcher.utter_message(response=follow)
        if not in_check:
            return []
        text, buttons = after_advice(_times_before(tracker), lang=language_of(tracker))
        dispatcher.utter_message(text=text, buttons=buttons)
        events: List[EventType] = [ActiveLoop(None), SlotSet("requested_slot", None)]
        if requested in BY_SLOT:
            events.insert(0, SlotSet(requested, None))  # nothing said in a report is recorded as an answer
        return events
