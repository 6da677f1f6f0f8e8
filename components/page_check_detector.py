"""NLU component that recognises a pasted clinic text, so the page check answers it instead of a FAQ guess.

A paste is told apart from a question by bot.page_check (several sentences, at least two claims
recognised); the whole text is read, as the channel entry gate left it in the message's metadata
(``metadata["entry"]["full_text"]``) when the models only saw a window of it. A classifier's guess of
``check_clinic_text`` for anything else falls back to the next intent that passes the command gate (as in
InputGuard: a command only when clearly asked for; nlu_fallback when that intent is a distant guess).
Runs after InputGuard.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.page_check import looks_like_clinic_text
from components.input_guard import demote, set_intent, unclear_commands
from components.message_rules import MessageRule

PAGE_CHECK_INTENT = "check_clinic_text"
KEEP = {"report_symptoms"}  # the urgent-care rail is decided before anything else


def full_text(message: Message) -> str:
    metadata = message.get("metadata") or {}
    entry = metadata.get("entry") if isinstance(metadata, dict) else None
    if isinstance(entry, dict) and isinstance(entry.get("full_text"), str):
        return entry["full_text"]
    return message.get(TEXT) or ""


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PageCheckDetector(MessageRule):
    def revise(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        predicted = (message.get(INTENT) or {}).get("name")
        if text.startswith("/") or predicted in KEEP:
            return
        if looks_like_clinic_text(full_text(message)):
            set_intent(message, PAGE_CHECK_INTENT)
        elif predicted == PAGE_CHECK_INTENT:
            # The next intent, through the same command gate as InputGuard's: "yes, expanded in their lab"
            # looked like a clinic's page and fell to "restart_conversation", which then restarted the check.
            demote(message, skip={PAGE_CHECK_INTENT} | unclear_commands(text))
