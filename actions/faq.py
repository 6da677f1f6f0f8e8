"""Rasa SDK action for safety questions: answer a clear FAQ topic, or ask back (a thin adapter over bot.ask_back).

`action_answer_faq` runs for the `faq` intent (the ResponseSelector's ranking of topics decides, through
bot.ask_back.decide), for a chosen topic (`faq_choice`: the button's `topic` entity, or a typed "the second
one" matched against the topics just offered), and from the fallback action when a doubted message may be a
FAQ question. It says the chosen answer (`utter_faq/<topic>`, data/faq_answers.yml) or the ask-back
buttons, and remembers the topics offered in the `ask_back_offered` slot.

A question that names a condition (the CONDITION entity, or bot.condition_match on its text) gets that
condition's card (bot.conditions.answer) when it asks whether treatment works, will help, is approved, is risky,
or about evidence or trials, and instead of an ask-back or a refusal; a question on another topic gets the
topic's answer and then the condition's status (bot.condition_reply decides).

Everything is said in the conversation's language (`lang`, actions.language.language_of): the FAQ answers are
domain responses with a Spanish variation on the `language` slot; the ask-back, its buttons and the condition
texts take `lang`. A typed "none of these" / "ninguna" gets the "something else" reply.

With the conversation's consent, the question is kept for review (actions/feedback.py) and the answer (FAQ or
card) carries the feedback buttons on its last message.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Sequence

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import feedback
from actions.language import language_of
from bot import ask_back, condition_reply, conditions, distress, no_repeat
from bot.condition_match import conditions_asked, conditions_in
from bot.countries import LEGAL_TOPICS, country_note, rules_answer
from bot.knowledge import load_answers
from bot.question_split import questions_in

NAME = "action_answer_faq"
OFFERED_SLOT = "ask_back_offered"
CONDITION_ENTITY = "CONDITION"


@lru_cache(maxsize=1)
def known_topics() -> frozenset[str]:
    """Topics StemSafe can answer and offer: an answer in data/faq_answers.yml and a button title."""
    return frozenset(load_answers()) & frozenset(ask_back.TITLES)


def bot_texts(tracker: Tracker, last: int = 12) -> List[str | None]:
    """The texts of the bot's latest messages, oldest first (for bot.no_repeat)."""
    texts = [e.get("text") for e in tracker.events if e.get("event") == "bot"]
    return texts[-last:]


def answers_legality(decision: ask_back.Decision) -> bool:
    """The decision answers a topic about what is legal or approved: its answer is followed by the named country's
    rules (bot.countries.country_note), so no separate rules answer is needed."""
    return decision.kind == ask_back.Kind.ANSWER and decision.topic in LEGAL_TOPICS


CHOICE_MAX_WORDS = 8  # a longer message after a menu is a new question, read as one


def offered_choice(tracker: Tracker, message: Dict[str, Any]) -> str | None:
    """The topic a short typed reply picks from the menu of topics just offered ("lo de quejas", "el primero,
    quejas y reembolsos", a button's title typed out), or None. Each of those got the same menu again in an
    exploratory session (2026-12-01): a typed reply is classified as a new question, not as `faq_choice`."""
    text = message.get("text") or ""
    offered = [t for t in tracker.get_slot(OFFERED_SLOT) or [] if t in known_topics()]
    if not offered or text.startswith("/") or len(text.split()) > CHOICE_MAX_WORDS:
        return None
    return ask_back.typed_choice(text, offered)


def say_acknowledgement(dispatcher: CollectingDispatcher, message: Dict[str, Any], tracker: Tracker, lang: str) -> None:
    """One kind line first when the message tells of distress ("I'm so scared..."; bot.distress)."""
    line = distress.acknowledgement(message.get("text"), bot_texts(tracker), lang)
    if line:
        dispatcher.utter_message(text=line)


def say_decision(
    dispatcher: CollectingDispatcher,
    decision: ask_back.Decision,
    history: Sequence[str | None] = (),
    lang: str = "en",
) -> List[EventType]:
    """Say what a decision calls for, in `lang`; the events remember the topics offered (or forget earlier ones).

    `history` is the bot's latest messages: an ask-back that comes back is worded differently (bot.no_repeat).
    """
    if decision.kind == ask_back.Kind.ANSWER and decision.topic:
        dispatcher.utter_message(response=f"utter_faq/{decision.topic}")
        return say_other_question(dispatcher, decision, lang)
    if decision.kind == ask_back.Kind.ASK_BACK:
        ask = ask_back.ask_text(lang)
        usual = no_repeat.Reply(ask, ask_back.buttons(decision.offered, lang=lang))
        already = no_repeat.in_a_row(history, no_repeat.ask_back_family(ask))
        reply = no_repeat.ask_back(usual, already, lang)
        dispatcher.utter_message(text=reply.text, buttons=reply.buttons)
        return [SlotSet(OFFERED_SLOT, list(decision.offered))]
    dispatcher.utter_message(response="utter_something_else")
    return [SlotSet(OFFERED_SLOT, None)]


def say_other_question(
    dispatcher: CollectingDispatcher, decision: ask_back.Decision, lang: str = "en"
) -> List[EventType]:
    """After an answer to a two-question message: offer the other topic, or ask for it on its own."""
    if decision.also:
        dispatcher.utter_message(
            text=ask_back.also_text(lang), buttons=ask_back.buttons([decision.also], False, lang=lang)
        )
        return [SlotSet(OFFERED_SLOT, [decision.also])]
    if decision.another:
        dispatcher.utter_message(text=ask_back.another_text(lang))
    return [SlotSet(OFFERED_SLOT, None)]


def named_conditions(message: Dict[str, Any]) -> List[str]:
    """Card keys of the conditions a message names: its text, then its CONDITION entities (same patterns)."""
    keys = conditions_asked(message.get("text"))
    for entity in message.get("entities") or []:
        if entity.get("entity") == CONDITION_ENTITY:
            keys += conditions_in(str(entity.get("value") or ""))
    return list(dict.fromkeys(keys))


def condition_plan(decision: ask_back.Decision, message: Dict[str, Any]) -> condition_reply.Plan:
    """What bot.condition_reply plans for this message: the conditions it names, those with a card, its text."""
    return condition_reply.plan(
        named_conditions(message), decision, lambda key: conditions.card(key) is not None, message.get("text")
    )


def say_with_conditions(
    dispatcher: CollectingDispatcher,
    decision: ask_back.Decision,
    message: Dict[str, Any],
    history: Sequence[str | None] = (),
    lang: str = "en",
) -> List[EventType]:
    """Say a FAQ decision for a message, with the card of a condition it names where one fits, in `lang`."""
    text = message.get("text") or ""
    plan = condition_plan(decision, message)
    if plan.kind == condition_reply.Kind.NONE or plan.key is None:
        events = say_decision(dispatcher, decision, history, lang)
        note = country_note(decision.topic, text, lang=lang) if decision.kind == ask_back.Kind.ANSWER else None
        if note:  # "¿cómo verifico a un doctor en Colombia?": that country's own way after the Mexico/US answer
            dispatcher.utter_message(text=note)
        return events
    card = conditions.card(plan.key)
    assert card is not None  # plan() only picks keys with a card
    if plan.kind == condition_reply.Kind.STATUS and (plan.topic or decision.topic):
        dispatcher.utter_message(response=f"utter_faq/{plan.topic or decision.topic}")
        events = say_other_question(dispatcher, decision, lang) if plan.topic is None else [SlotSet(OFFERED_SLOT, None)]
        dispatcher.utter_message(text=f"{card.status_text(lang)}\n{card.sources_line(lang=lang)}")
        say_others(dispatcher, plan, lang)
        return events
    dispatcher.utter_message(text=conditions.answer(plan.key, text, lang=lang))
    say_others(dispatcher, plan, lang)
    if decision.kind == ask_back.Kind.ANSWER:
        return say_other_question(dispatcher, decision, lang)
    if plan.offered:
        dispatcher.utter_message(
            text=condition_reply.offer_text(lang), buttons=ask_back.buttons(plan.offered, lang=lang)
        )
        return [SlotSet(OFFERED_SLOT, list(plan.offered))]
    return [SlotSet(OFFERED_SLOT, None)]


def card_for(decision: ask_back.Decision, message: Dict[str, Any]) -> str | None:
    """The condition card say_with_conditions says for this message, if any (the same plan)."""
    plan = condition_plan(decision, message)
    return None if plan.kind == condition_reply.Kind.NONE else plan.key


def say_others(dispatcher: CollectingDispatcher, plan: condition_reply.Plan, lang: str = "en") -> None:
    names = [c.name_in(lang) for c in (conditions.card(key) for key in plan.others) if c is not None]
    if names:
        dispatcher.utter_message(text=condition_reply.others_text(names, lang))


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return NAME

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        message = tracker.latest_message or {}
        lang = language_of(tracker)
        intent = (message.get("intent") or {}).get("name")
        if intent == ask_back.CHOICE_INTENT:
            events = self.chosen(dispatcher, tracker, message)
            await feedback.keep_choice(tracker, dispatcher)
            return events
        picked = offered_choice(tracker, message)
        if picked:  # "Quejas y reembolsos en México" typed from the menu just shown: that topic, not a new menu
            return say_decision(dispatcher, ask_back.Decision(ask_back.Kind.ANSWER, picked), lang=lang)
        ranking = ask_back.Ranking.from_parse(message)
        decision = ask_back.decide(ranking, questions_in(message.get("text")), known_topics())
        rules = None if answers_legality(decision) else rules_answer(message.get("text"), lang)
        if rules:  # "is stem cell treatment even legal in panama?" got a menu or a card: Panama's rules instead
            dispatcher.utter_message(text=rules)
            return [SlotSet(OFFERED_SLOT, None)]
        say_acknowledgement(dispatcher, message, tracker, lang)
        events = say_with_conditions(dispatcher, decision, message, bot_texts(tracker), lang)
        await feedback.keep(tracker, dispatcher, decision, ranking, card_for(decision, message))
        return events

    @staticmethod
    def chosen(dispatcher: CollectingDispatcher, tracker: Tracker, message: Dict[str, Any]) -> List[EventType]:
        lang = language_of(tracker)
        offered = [t for t in tracker.get_slot(OFFERED_SLOT) or [] if t in known_topics()]
        given = next((e.get("value") for e in message.get("entities") or [] if e.get("entity") == "topic"), None)
        if given is not None:
            topic = ask_back.chosen_topic(given, known_topics())
            if topic is None:  # the gate refuses unknown topics; never answer a made-up key anyway
                dispatcher.utter_message(text=ask_back.unknown_topic_text(lang), buttons=[ask_back.help_button(lang)])
                return [SlotSet(OFFERED_SLOT, None)]
        else:
            if ask_back.typed_none(message.get("text")):  # "none of these", "ninguna"
                dispatcher.utter_message(response="utter_something_else")
                return [SlotSet(OFFERED_SLOT, None)]
            topic = ask_back.typed_choice(message.get("text"), offered)
        if topic is None:
            if offered:
                dispatcher.utter_message(text=ask_back.which_text(lang), buttons=ask_back.buttons(offered, lang=lang))
                return []
            dispatcher.utter_message(response="utter_something_else")
            return []
        return say_decision(dispatcher, ask_back.Decision(ask_back.Kind.ANSWER, topic), lang=lang)
