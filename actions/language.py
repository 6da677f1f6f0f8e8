"""Rasa SDK action that keeps the `language` slot up to date, and the helper every action uses to read it.

`action_set_language` runs after every user message through the slot's custom mapping
(domain/language.yml), before Rasa predicts anything, so responses in the domain (conditional on the slot)
and texts built by actions are in the language bot.language.choose decides from the message, the client's
language (`metadata.language`: the widget's switch, a channel's user locale) and the conversation so far.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import language

METADATA_KEY = "language"


def language_of(tracker: Tracker) -> str:
    """The conversation's language ("en" or "es")."""
    return language.normalise(tracker.get_slot(language.SLOT)) or language.DEFAULT


def _client_language(event: Dict[str, Any] | None) -> str | None:
    metadata = (event or {}).get("metadata") or {}
    return language.normalise(metadata.get(METADATA_KEY)) if isinstance(metadata, dict) else None


class ActionSetLanguage(Action):
    def name(self) -> str:
        return "action_set_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        users = [e for e in tracker.events if e.get("event") == "user"]
        if not users:
            return []
        latest = users[-1]
        previous = users[-2] if len(users) > 1 else None
        current = tracker.get_slot(language.SLOT)
        chosen = language.choose(
            current,
            latest.get("text"),
            _client_language(latest),
            _client_language(previous),
            first_message=previous is None,
        )
        return [] if chosen == current else [SlotSet(language.SLOT, chosen)]
