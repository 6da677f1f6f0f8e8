"""NLU component that recognises a pasted clinic text, so the page check answers it instead of a FAQ guess.

A paste is told apart from a question by bot.page_check (several sentences, at least two claims
recognised); the whole text is read, as the channel entry gate left it in the message's metadata
(``metadata["entry"]["full_text"]``) when the models only saw a window of it. A classifier's guess of
``check_clinic_text`` for anything else falls back to the next intent. Runs after InputGuard.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.page_check import looks_like_clinic_text
from components.input_guard import _set_intent as set_intent

PAGE_CHECK_INTENT = "check_clinic_text"
KEEP = {"report_symptoms"}  # the urgent-care rail is decided before anything else


def full_text(message: Message) -> str:
    metadata = message.get("metadata") or {}
    entry = metadata.get("entry") if isinstance(metadata, dict) else None
    if isinstance(entry, dict) and isinstance(entry.get("full_text"), str):
        return entry["full_text"]
    return message.get(TEXT) or ""


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PageCheckDetector(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PageCheckDetector:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            predicted = (message.get(INTENT) or {}).get("name")
            if text.startswith("/") or predicted in KEEP:
                continue
            if looks_like_clinic_text(full_text(message)):
                set_intent(message, PAGE_CHECK_INTENT)
            elif predicted == PAGE_CHECK_INTENT:
                rest = [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get("name") != PAGE_CHECK_INTENT]
                message.set(INTENT_RANKING_KEY, rest, add_to_output=True)
                set_intent(message, rest[0]["name"] if rest else "nlu_fallback")
        return messages

