"""Rasa SDK action for urgent-care advice: a thin adapter over bot.urgent.

`action_urgent_care` runs when components/urgent_policy.py decides a message is a symptom report. It
says `utter_urgent_care` (the domain response; `utter_crisis`, the crisis lines, for thoughts of suicide or
self-harm: bot.crisis), then the answer to a question asked in the same message
("is fever normal after my injection?"). During a clinic check it stops the form without recording
anything from the report (it clears the slot the form would have filled from that text) and offers to
continue now (`/resume_check`) or later (`/stop_check`); the check's resume action asks the pending
question again. The continue-now-or-later line and its buttons are in the conversation's language (`language`
slot); the advice and the answer are domain responses with a Spanish variation on that slot.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import language_of
from bot.questions import BY_SLOT
from bot.urgent import after_advice, decide, faq_after

NAME = "action_urgent_care"
CRISIS_RESPONSE = "utter_crisis"  # thoughts of suicide or self-harm (bot.crisis): crisis lines instead
CHECK_FORM = "clinic_check_form"


def _times_before(tracker: Tracker) -> int:
    return sum(1 for e in tracker.events if e.get("event") == "action" and e.get("name") == NAME)


def _last_bot_text(tracker: Tracker) -> str | None:
    return next((e.get("text") for e in reversed(tracker.events) if e.get("event") == "bot"), None)


class ActionUrgentCare(Action):
    def name(self) -> str:
        return NAME

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        message = tracker.latest_message or {}
        in_check = tracker.active_loop_name == CHECK_FORM
        requested = tracker.get_slot("requested_slot") if in_check else None
        pending = BY_SLOT[requested].id if requested in BY_SLOT else None
        decision = decide(message.get("text"), pending, _last_bot_text(tracker))
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
