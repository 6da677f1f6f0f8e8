"""Rasa action for a pasted clinic text: lists the claims bot.page_check recognises, then offers a clinic check.

What the text implies for the clinic check (cells, route, licence, claims) is kept in the
``page_prefill`` slot (JSON, bot/page_check_prefill.py) for the check to offer for confirmation when it
reaches those questions; nothing is recorded as an answer until the patient confirms it.
The reply is in the conversation's language (the reader's), whatever the language of the pasted text.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import language_of
from actions.trials import page_lookup_lines
from bot import page_check
from bot import page_check_prefill as page
from bot.language import pick

OFFERS = {
    "en": "Would you like to check this clinic step by step? I'll ask the questions a careful patient asks.",
    "es": "¿Quiere revisar esta clínica paso a paso? Le haré las preguntas que haría un paciente cuidadoso.",
}
OFFER = OFFERS["en"]
BUTTON_TITLES = {"en": ("Check this clinic", "Not now"), "es": ("Revisar esta clínica", "Ahora no")}


def buttons(lang: str = "en") -> List[Dict[str, str]]:
    """Start the clinic check, or not now (intent payloads: they keep the conversation's language)."""
    check, later = pick(BUTTON_TITLES, lang)
    return [{"title": check, "payload": "/start_clinic_check"}, {"title": later, "payload": "/deny"}]


def pasted_text(tracker: Tracker) -> str:
    metadata = tracker.latest_message.get("metadata") or {}
    entry = metadata.get("entry") if isinstance(metadata, dict) else None
    if isinstance(entry, dict) and isinstance(entry.get("full_text"), str):
        return entry["full_text"]
    return tracker.latest_message.get("text") or ""


class ActionPageCheck(Action):
    def name(self) -> str:
        return "action_page_check"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        lang = language_of(tracker)
        result = await asyncio.get_running_loop().run_in_executor(None, page_check.check, pasted_text(tracker))
        for line in page_check.chat_lines(result, lang=lang):
            dispatcher.utter_message(text=line)
        for line in await page_lookup_lines(pasted_text(tracker), lang=lang):  # NCT numbers checked at the source
            dispatcher.utter_message(text=line)
        dispatcher.utter_message(text=pick(OFFERS, lang), buttons=buttons(lang))
        return [SlotSet("page_prefill", page.dumps(page.offers(result)))]
