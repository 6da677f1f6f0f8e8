"""NLU guard that runs last in the pipeline and enforces StemSafe's safety rails on the parse result.

- A message that describes (even a long one) warning symptoms (bot.urgent.decide, read without the conversation) is
  classified ``report_symptoms`` whatever the classifiers said, so the urgent-care rule outranks every FAQ answer and
  every form question.
- A short message that asks to switch language ("en español, por favor", "in English please";
  bot.language.switch_request) is ``switch_language``: the language slot has already changed, and the reply
  says so (inside a clinic check, the check asks its question again in the new language).
- A message that is empty, too long or in a language StemSafe does not speak (bot.input_check: neither English nor
  Spanish) becomes ``nlu_fallback``, so no FAQ answer is guessed for it; the fallback action then says what went
  wrong. English, Spanish and the two mixed go to the classifiers alike.
- A classifier's ``report_symptoms`` guess that bot.urgent rejects ("Spinal / intrathecal", "my dad had a
  stroke two years ago") falls back to the next-ranked intent: the label follows the same decision, so a
  diagnosis or an answer is never labelled a report by a classifier that has seen only keywords.
- A FAQ guess (or a message the classifiers could not place) that asks us to name a clinic or doctor
  (bot.gate.asks_to_recommend: "¿qué clínica me recomienda?", "which facility should I choose?") is
  ``recommend_clinic``: the no-recommendation reply, never a FAQ answer in its place.
- A FAQ guess for a request to search for trials (bot.trial_request.asks_to_search: "are there any trials for
  MS in Mexico?") is ``search_trials``: the registry search, not the condition's card.
- A FAQ guess (or a message the classifiers could not place) that asks about the embryo research debate or what a
  disease is (bot.scope.off_topic: "why are embryonic stem cells controversial?", "what is multiple sclerosis?")
  is ``out_of_scope``: the scope reply, not a guessed or offered FAQ answer.
- A FAQ guess for a message that uses no word of StemSafe's field, in English or Spanish ("who will win the election?")
  becomes ``nlu_fallback`` too: classifiers are overconfident far from their training data.
- A message whose whole text clearly asks to pause the clinic check, to start over or to resume (bot.gate.command_in:
  "luego sigo", "Sí, pausar", "ya volví, le seguimos") is ``stop_check``, ``restart_conversation`` or
  ``resume_check`` whatever the classifiers guessed: the first two are confirmed before they act.
- A FAQ guess (or a message the classifiers could not place) whose whole text asks to erase the user's data
  (bot.gate.command_in: "please erase all my data", "borra mis datos") is ``delete_my_data``: erasure is a
  right, so the request is never lost to a guessed topic; the erasure itself still asks to confirm.
- The command gate (bot.gate): a command intent (pause, start over, why, change an answer, delete data,
  show the report, resume) stands only when the whole message clearly asks for it; otherwise the next
  intent that is not a command is used ("it can stop ALS progression" is an answer, not a pause). A
  `/intent{...}` payload with an unknown intent or entity becomes ``nlu_fallback``, and its text is
  masked so Rasa's payload handler cannot act on it.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import language
from bot.gate import (
    COMMAND_INTENTS,
    INTENT_OF,
    Command,
    asks_for_report,
    asks_to_delete_others,
    asks_to_recommend,
    command_in,
    intent_is_clear,
    payload_problem,
)
from bot.input_check import Problem, classify, is_too_long, mentions_domain
from bot.questions import YES
from bot.reader import answer_word_first
from bot.scope import off_topic
from bot.trial_request import asks_to_search
from bot.urgent import decide
from components.message_rules import MessageRule

URGENT_INTENT = "report_symptoms"
FALLBACK_INTENT = "nlu_fallback"
SWITCH_INTENT = "switch_language"
RECOMMEND_INTENT = "recommend_clinic"
TRIALS_INTENT = "search_trials"
OUT_OF_SCOPE_INTENT = "out_of_scope"
AFFIRM_INTENT = "affirm"
DENY_INTENT = "deny"
# Whole-message commands about the user's own data that a topic guess must never swallow: "please erase all my
# data", "enséñeme el reporte que llevo" (bot.gate decides; "how do I report a clinic?" is no command).
DATA_COMMANDS = (Command.DELETE, Command.REPORT)
# Whole-message commands that are confirmed before they act (pause, start over): a clear one is that command whatever
# the classifiers guessed ("luego sigo" was not understood; "Sí, pausar", a button's title typed out, was recorded as
# the answer to the pending question, 2026-12-01). The confirmation keeps a misreading harmless.
# Resuming is added: "ya volví, le seguimos" after a pause was not understood; with no check to resume, one starts.
CONFIRMED_COMMANDS = (Command.PAUSE, Command.RESTART, Command.RESUME)
SWITCH_MAX_WORDS = 8  # a longer message that asks for Spanish also asks something else: the model reads it
FAQ_INTENT = "faq"
NEXT_BEST = "__next_best__"
FALLBACK_THRESHOLD = 0.45  # config.yml's FallbackClassifier threshold (tests/unit/test_input_guard.py checks)
NOT_A_COMMAND = "__not_a_command__"
REFUSED_PAYLOAD = "__refused_payload__"
GATED_INTENTS = frozenset(COMMAND_INTENTS) | {"recommend_clinic"}
PAYLOAD_MASK = "\u2215"  # DIVISION SLASH: Rasa's payload handler only unpacks text starting with "/"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class InputGuard(MessageRule):
    """Overrides the predicted intent for urgent or unusable messages."""

    def revise(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        override = self.override_for(text, (message.get(INTENT) or {}).get("name"))
        if override in (NEXT_BEST, NOT_A_COMMAND):
            demote(message, skip=unclear_commands(text))
        elif override == REFUSED_PAYLOAD:
            set_intent(message, FALLBACK_INTENT)
            message.set(TEXT, PAYLOAD_MASK + text.lstrip()[1:])
        elif override:
            set_intent(message, override)

    @staticmethod
    def override_for(text: str, predicted: str | None = None) -> str | None:
        if text.startswith("/"):  # a button payload: the intent was chosen, not guessed, if the domain knows it
            return REFUSED_PAYLOAD if payload_problem(text) else None
        if decide(text).urgent:  # first: a long message about symptoms still gets urgent advice
            return URGENT_INTENT
        if language.switch_request(text) and len(text.split()) <= SWITCH_MAX_WORDS:
            return SWITCH_INTENT  # "en español, por favor": bot/language.py decided; nothing else is asked
        if is_too_long(text) or classify(text) in (Problem.EMPTY, Problem.UNSUPPORTED_LANGUAGE):
            return FALLBACK_INTENT
        if asks_to_delete_others(text):
            return FALLBACK_INTENT  # "borra los datos del número 664…": never an erasure; the fallback says why
        command = command_in(text)
        if command is None and asks_for_report(text):
            command = Command.REPORT  # "can i see the full report with everything i said? i want to check..."
        if command in DATA_COMMANDS and predicted != INTENT_OF[command]:
            return INTENT_OF[command]  # erasure is offered (and confirmed); the report is shown (never a new check)
        if command in CONFIRMED_COMMANDS and predicted != INTENT_OF[command]:
            return INTENT_OF[command]  # "luego sigo", "Sí, pausar": the pause (or start over) is asked to confirm
        if predicted == FAQ_INTENT and not mentions_domain(text):
            return FALLBACK_INTENT
        if predicted in (FAQ_INTENT, FALLBACK_INTENT) and asks_to_recommend(text):
            return RECOMMEND_INTENT  # "¿qué clínica me recomienda?": never a FAQ answer in its place
        if predicted == FAQ_INTENT and asks_to_search(text):
            return TRIALS_INTENT  # "are there trials for MS in Mexico?": the search, not the MS card
        if predicted in (FAQ_INTENT, FALLBACK_INTENT) and off_topic(text):
            return OUT_OF_SCOPE_INTENT  # the embryo debate, "what is MS?": the scope reply, not a topic
        if predicted == FALLBACK_INTENT and (answer := answer_word_first(text)):
            # "yes, they asked about his seizures and his heart": an answer that starts with yes or no and names
            # conditions is still a yes or a no (the check's reader records it the same way)
            return AFFIRM_INTENT if answer == YES else DENY_INTENT
        if predicted == URGENT_INTENT:  # the classifier's guess, which decide() just rejected
            return NEXT_BEST
        if not intent_is_clear(predicted, text):
            return NOT_A_COMMAND
        return None


def set_intent(message: Message, name: str) -> None:
    intent = {"name": name, "confidence": 1.0}
    ranking = [intent] + [entry for entry in (message.get(INTENT_RANKING_KEY) or []) if entry.get("name") != name]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


def unclear_commands(text: str) -> set[str]:
    """The gated intents (commands, clinic recommendations) this text does not clearly ask for."""
    return {name for name in GATED_INTENTS if not intent_is_clear(name, text)}


def demote(message: Message, skip: set[str] | None = None) -> None:
    """Replace the top intent by the next one in the ranking that is not in `skip`; nlu_fallback when there is
    none, or when it is below the FallbackClassifier's threshold (a distant second guess must not restart a
    conversation)."""
    unwanted = {URGENT_INTENT} | (skip or set())
    ranking = [entry for entry in (message.get(INTENT_RANKING_KEY) or [])[1:] if entry.get("name") not in unwanted]
    if not ranking or (ranking[0].get("confidence") or 0.0) < FALLBACK_THRESHOLD:
        set_intent(message, FALLBACK_INTENT)
        return
    message.set(INTENT, {"name": ranking[0]["name"], "confidence": ranking[0].get("confidence")}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
