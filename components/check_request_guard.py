"""NLU guard: only a request to check, vet or verify a clinic starts the clinic check.

The classifiers learn "check a clinic" from a few dozen examples and then start a check for "are knee
injections safe?" or "can I get my money back from a clinic in Tijuana?", and miss "can you check it?" at the
end of a long message about a treatment. bot.check_request decides from the words: a request to check a
clinic (or "them", "this", "is this legit?") becomes ``start_clinic_check``; a ``start_clinic_check`` guess
for anything else falls back to the next intent (``nlu_fallback`` when that one is weak, which the ask-back
then handles). Runs after InputGuard: urgent care, commands, payloads and unusable input are left as they are.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.check_request import asks_to_check
from bot.gate import COMMAND_INTENTS, is_payload
from bot.input_check import Problem, classify
from components.input_guard import demote, set_intent
from components.message_rules import MessageRule

CHECK_INTENT = "start_clinic_check"
START = "__start__"
NEXT_BEST = "__next_best__"
# Left alone: urgent care first, commands (the gate decided), the page check, the refusal to recommend.
KEEP = frozenset(COMMAND_INTENTS) | {"report_symptoms", "check_clinic_text", "recommend_clinic", "choose_correction"}
USABLE = (Problem.UNCLEAR,)  # bot.input_check: nothing wrong with the message's form


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CheckRequestGuard(MessageRule):
    def revise(self, message: Message) -> None:
        predicted = (message.get(INTENT) or {}).get("name")
        override = self.override_for(message.get(TEXT) or "", predicted)
        if override == START:
            set_intent(message, CHECK_INTENT)
        elif override == NEXT_BEST:
            demote(message, skip=set(KEEP) | {CHECK_INTENT})

    @staticmethod
    def override_for(text: str, predicted: str | None) -> str | None:
        """START, NEXT_BEST or None (the prediction stands)."""
        if is_payload(text) or predicted in KEEP or classify(text) not in USABLE:
            return None
        asked = asks_to_check(text)
        if asked and predicted != CHECK_INTENT:
            return START
        if predicted == CHECK_INTENT and not asked:
            return NEXT_BEST
        return None
