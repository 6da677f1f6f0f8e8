"""Fallback action: tells the user kindly why a message was not understood, then forgets that message.

The reason (empty, too long, not English, garbled, unclear) and the words come from bot.input_check.
Reverting the user turn keeps any ongoing dialogue
(and everything already recorded) exactly where it was.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from bot.input_check import reply_for


class ActionStemsafeFallback(Action):
    def name(self) -> str:
        return "action_stemsafe_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        text, buttons = reply_for(tracker.latest_message.get("text"))
        dispatcher.utter_message(text=text, buttons=buttons)
        return [UserUtteranceReverted()]
