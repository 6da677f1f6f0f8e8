"""Fallback action: tells the user kindly why a message was not understood, then forgets that message.

The reason (empty, too long, a language StemSafe does not speak, garbled, unclear) and the words, in the
conversation's language (English or Spanish), come from bot.input_check.
A doubted message that may well be a safety question (bot.ask_back.decide_unclear: "faq" among the
likeliest intents, words of StemSafe's field) gets the likeliest topics as buttons instead, outside a
clinic check; one that names a condition gets that condition's card (actions.faq.say_with_conditions).
Reverting the user turn keeps any ongoing dialogue (and everything already recorded)
exactly where it was. Outside a check, the same reply is never said three times in a row (bot.no_repeat).
With the conversation's consent, the message is kept for review as a fallback, an ask-back, a refused command
or a card answer (actions/feedback.py); messages inside a clinic check are answers, not questions, and are
not kept.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions import feedback
from actions.faq import (
    bot_texts,
    card_for,
    known_topics,
    named_conditions,
    offered_choice,
    say_acknowledgement,
    say_decision,
    say_with_conditions,
)
from actions.language import language_of
from bot import ask_back, no_repeat
from bot.countries import rules_answer
from bot.gate import OTHERS_DATA_REPLY, asks_to_delete_others
from bot.input_check import Problem, classify, reply_for
from bot.language import pick


class ActionStemsafeFallback(Action):
    def name(self) -> str:
        return "action_stemsafe_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        message = tracker.latest_message or {}
        lang = language_of(tracker)
        if asks_to_delete_others(message.get("text")):  # someone else's data: only its own user can erase it
            dispatcher.utter_message(text=pick(OTHERS_DATA_REPLY, lang))
            return [UserUtteranceReverted()]
        if tracker.active_loop_name is None:
            picked = offered_choice(tracker, message)
            if picked:  # "lo de quejas" after a menu of topics: that topic
                return [
                    UserUtteranceReverted(),
                    *say_decision(dispatcher, ask_back.Decision(ask_back.Kind.ANSWER, picked), lang=lang),
                ]
            rules = rules_answer(message.get("text"), lang)
            if rules:  # "is it legal in panama": that country's rules
                dispatcher.utter_message(text=rules)
                return [UserUtteranceReverted()]
            say_acknowledgement(dispatcher, message, tracker, lang)  # "estoy desesperada...": read, not just parsed
            ranking = ask_back.Ranking.from_parse(message)
            decision = ask_back.decide_unclear(ranking, known_topics(), message.get("text"))
            if classify(message.get("text")) is Problem.UNCLEAR and named_conditions(message):
                # "my son is on the spectrum, would this help him": the condition's card, not "I didn't understand"
                said = say_with_conditions(dispatcher, decision, message, bot_texts(tracker), lang)
                await feedback.keep(tracker, dispatcher, decision, ranking, card_for(decision, message))
                return [UserUtteranceReverted(), *said]
            await feedback.keep(tracker, dispatcher, decision, ranking)
            if decision.kind == ask_back.Kind.ASK_BACK:
                return [UserUtteranceReverted(), *say_decision(dispatcher, decision, bot_texts(tracker), lang)]
            reply = no_repeat.fallback_reply(message.get("text"), bot_texts(tracker), lang=lang)
            dispatcher.utter_message(text=reply.text, buttons=reply.buttons)
            return [UserUtteranceReverted()]
        text, buttons = reply_for(message.get("text"), lang=lang)  # in a check, the check's own no-loop rule applies
        dispatcher.utter_message(text=text, buttons=buttons)
        return [UserUtteranceReverted()]
