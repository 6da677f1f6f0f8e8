"""Rasa SDK actions for the guided clinic check: thin adapters over bot.clinic_check.

The form `clinic_check_form` asks one question per slot (`q_<question id>`). These actions only move
data between Rasa (slots, messages, events) and bot.clinic_check, which owns every decision. Blocking
database work runs in a worker thread so one slow query never stalls other conversations. Every message is
in the conversation's language now (`language_of(tracker)`), so a check can change language half-way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Dict, List, TypeVar

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.language import language_of
from actions.trials import check_answer_numbers
from bot import page_check_prefill as page
from bot.clinic_check import ClinicCheck, Message, changed_line
from bot.gate import EMAIL_REPLY, asks_to_email_report
from bot.language import pick
from bot.questions import BY_ID, QUESTIONS, SLOTS, values_from_slots
from bot.report import asks_new_link
from bot.urgent import ANSWER, typed_after_advice

URGENT_ACTION = "action_urgent_care"

TRIES_SLOT = "check_tries"  # "<question id>:<misses in a row>", so the same question is not asked a third time
PREFILL_SLOT = "page_prefill"  # what a pasted clinic page implies (actions/page_check.py), offered for confirmation

logger = logging.getLogger(__name__)
FORM = "clinic_check_form"
TROUBLE = (
    "Sorry, I'm having trouble saving right now. Your earlier answers are safe. "
    "Please send your answer again in a minute."
)
TROUBLE_TEXTS = {
    "en": TROUBLE,
    "es": "Perdón, ahora tengo problemas para guardar. Sus respuestas anteriores están a salvo. Por favor envíe "
    "su respuesta otra vez en un minuto.",
}
PAUSED_NOTE = {
    "en": "Paused. Your answers so far were saved as you gave them.",
    "es": "Pausado. Sus respuestas hasta ahora se guardaron conforme las dio.",
}
CONFIRM_PAUSE = {
    "en": "Do you want to pause the clinic check here? Your answers so far are saved either way.",
    "es": "¿Quiere pausar aquí el chequeo de la clínica? Sus respuestas hasta ahora quedan guardadas de todos modos.",
}
CONFIRM_RESTART = {
    "en": "Do you want to start over? This conversation restarts; your clinic check's answers stay saved, and "
    '"continue my clinic check" brings them back.',
    "es": "¿Quiere empezar de nuevo? Esta conversación vuelve a empezar; las respuestas de su chequeo de la "
    "clínica siguen guardadas, y «continuar mi chequeo» las trae de vuelta.",
}
YES_PAUSE = {"en": "Yes, pause", "es": "Sí, pausar"}
YES_RESTART = {"en": "Yes, start over", "es": "Sí, empezar de nuevo"}
CARRY_ON = {"en": "No, carry on", "es": "No, seguir"}
CARRYING_ON = {
    "en": "OK, let's carry on with the clinic check.",
    "es": "De acuerdo, sigamos con el chequeo de la clínica.",
}
DELETE_FAILED = {
    "en": "Sorry, I couldn't delete your data just now. Please try again shortly.",
    "es": "Perdón, no pude borrar sus datos en este momento. Por favor intente de nuevo en un rato.",
}
T = TypeVar("T")


@lru_cache(maxsize=1)
def service() -> ClinicCheck:
    return ClinicCheck.from_env()


async def call(fn: Callable[..., T], *args: Any) -> T:
    """Run one blocking service call in a worker thread."""
    return await asyncio.to_thread(fn, *args)


def say(dispatcher: CollectingDispatcher, messages: List[Message]) -> None:
    for message in messages:
        if message.response:
            dispatcher.utter_message(response=message.response)
        else:
            dispatcher.utter_message(text=message.text, buttons=message.buttons or [])


def slot_values(tracker: Tracker) -> Dict[str, str]:
    return values_from_slots({name: tracker.get_slot(name) for name in SLOTS})


def set_all(values: Dict[str, str]) -> List[EventType]:
    """SlotSet events making the q_ slots equal to the saved answers (and clearing the rest)."""
    return [SlotSet(q.slot, values.get(q.id)) for q in QUESTIONS]


def rich_links(tracker: Tracker) -> bool:
    """The website widget (socket.io) renders Markdown links; text channels get plain addresses."""
    return tracker.get_latest_input_channel() == "socketio"


def latest_entity(tracker: Tracker, name: str) -> str | None:
    return next(tracker.get_latest_entity_values(name), None)


FAILED = object()  # what `attempt` returns when the service call failed


async def attempt(
    dispatcher: CollectingDispatcher, fn: Callable[..., T], *args: Any, failure: str = TROUBLE, lang: str = "en"
) -> Any:
    """Run one service call; on failure log it, tell the user `failure` (TROUBLE in `lang` by default) and
    return FAILED."""
    try:
        return await call(fn, *args)
    except Exception:
        logger.exception(f"{getattr(fn, '__name__', fn)} failed")
        dispatcher.utter_message(text=pick(TROUBLE_TEXTS, lang) if failure == TROUBLE else failure)
        return FAILED


class ActionStartClinicCheck(Action):
    def name(self) -> str:
        return "action_start_clinic_check"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        from_page = bool(page.loads(tracker.get_slot(PREFILL_SLOT))) and after_page_check(tracker)
        lang = language_of(tracker)
        country = latest_entity(tracker, "COUNTRY")
        request = (tracker.latest_message or {}).get("text")  # "…a place called X in Tijuana, can u check them"
        result = await attempt(
            dispatcher, service().start, tracker.sender_id, country, from_page, lang, request, lang=lang
        )
        if result is FAILED:  # the database is down: the user was told; the conversation goes on
            return []
        messages, values = result
        say(dispatcher, messages)
        kept = [] if from_page else [SlotSet(PREFILL_SLOT, None)]  # an older page is not this clinic's
        return set_all(values) + kept


def previous_action(tracker: Tracker) -> str | None:
    """The last action before the latest user message, other than listening."""
    for event in reversed(tracker.events or []):
        if event.get("event") == "action" and event.get("name") not in ("action_listen", None):
            return event.get("name")
    return None


def after_page_check(tracker: Tracker) -> bool:
    """The check starts right after the page check offered it ("Check this clinic")."""
    return previous_action(tracker) == "action_page_check"


def faq_key_of(message: Dict[str, Any]) -> str | None:
    return ((message.get("response_selector") or {}).get("faq") or {}).get("response", {}).get("intent_response_key")


class ValidateClinicCheckForm(FormValidationAction):
    """Decides which questions apply, and reads, records and flags each answer (via bot/)."""

    def name(self) -> str:
        return f"validate_{FORM}"

    def domain_slots(self, domain: DomainDict) -> List[str]:
        """The form's slots, from bot/ (Rasa sends no domain to the action server: enable_selective_domain)."""
        return list(SLOTS)

    async def required_slots(
        self, domain_slots: List[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[str]:
        return [BY_ID[qid].slot for qid in service().remaining(slot_values(tracker))]

    async def validate_answer(
        self, question_id: str, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Dict[str, Any]:
        slot = BY_ID[question_id].slot
        message = tracker.latest_message or {}
        text = slot_value if isinstance(slot_value, str) else message.get("text") or ""
        intent = (message.get("intent") or {}).get("name")
        faq_key = faq_key_of(message)
        tries = misses(tracker.get_slot(TRIES_SLOT), question_id)
        prefill = page.loads(tracker.get_slot(PREFILL_SLOT))
        lang = language_of(tracker)
        answer = service().answer
        try:
            turn = await call(answer, tracker.sender_id, question_id, text, intent, faq_key, tries, prefill, lang)
        except Exception:
            logger.exception("could not record an answer")
            dispatcher.utter_message(text=pick(TROUBLE_TEXTS, lang))
            return {slot: None}
        if turn.value is not None and answered_a_correction(tracker.events):
            turn.messages.insert(0, changed_line(question_id, turn.value, lang))
        say(dispatcher, turn.messages)
        if turn.value is not None:  # an NCT number in the answer is looked up at the source (issue 18 §4)
            await check_answer_numbers(dispatcher, service().store, tracker.sender_id, question_id, text, lang=lang)
        slots: Dict[str, Any] = {BY_ID[other].slot: value for other, value in turn.others.items()}
        slots[slot] = turn.value
        slots[TRIES_SLOT] = f"{question_id}:{turn.tries}" if turn.tries else None
        if turn.page_done and question_id in prefill:
            slots[PREFILL_SLOT] = page.dumps({q: o for q, o in prefill.items() if q != question_id})
        return slots


def answered_a_correction(events: List[Dict[str, Any]]) -> bool:
    """The message being validated answers a question that "Change an answer" reopened: action_apply_correction ran
    between the user's previous message and this one."""
    users = 0
    for event in reversed(events):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                return False
        elif users == 1 and event.get("event") == "action" and event.get("name") == "action_apply_correction":
            return True
    return False


def misses(stored: Any, question_id: str) -> int:
    """Misses in a row on this question, from the tries slot ("<question id>:<n>")."""
    asked, _, count = str(stored or "").partition(":")
    return int(count) if asked == question_id and count.isdigit() else 0


def _validator(question_id: str) -> Callable[..., Any]:
    async def validate(
        self: ValidateClinicCheckForm,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        return await self.validate_answer(question_id, slot_value, dispatcher, tracker)

    validate.__name__ = f"validate_{BY_ID[question_id].slot}"
    return validate


for _question in QUESTIONS:
    setattr(ValidateClinicCheckForm, f"validate_{_question.slot}", _validator(_question.id))


class ActionPauseClinicCheck(Action):
    def name(self) -> str:
        return "action_pause_clinic_check"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        paused_note = pick(PAUSED_NOTE, lang)
        message = await attempt(dispatcher, service().pause, tracker.sender_id, lang, failure=paused_note)
        if message is not FAILED:
            say(dispatcher, [message])
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionConfirmPause(Action):
    """A pause during a check asks first; the check waits (its answers are saved either way)."""

    def name(self) -> str:
        return "action_confirm_pause"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        dispatcher.utter_message(
            text=pick(CONFIRM_PAUSE, lang),
            buttons=[
                {"title": pick(YES_PAUSE, lang), "payload": "/affirm"},
                {"title": pick(CARRY_ON, lang), "payload": "/deny"},
            ],
        )
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionConfirmRestart(Action):
    """Starting over during a check asks first (the saved answers stay, as a paused check)."""

    def name(self) -> str:
        return "action_confirm_restart"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        dispatcher.utter_message(
            text=pick(CONFIRM_RESTART, lang),
            buttons=[
                {"title": pick(YES_RESTART, lang), "payload": "/affirm"},
                {"title": pick(CARRY_ON, lang), "payload": "/deny"},
            ],
        )
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionContinueCheck(Action):
    """ "No, carry on" after a pause or restart question: back to the question that was pending."""

    def name(self) -> str:
        return "action_continue_check"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        result = await attempt(dispatcher, service().resume, tracker.sender_id, lang, lang=lang)
        if result is FAILED:
            return []
        _messages, values = result
        dispatcher.utter_message(text=pick(CARRYING_ON, lang))
        return set_all(values)


class ActionResumeClinicCheck(Action):
    """ "Continue my clinic check", or a message typed after urgent advice instead of its buttons (then read
    as the answer to the pending question: bot.urgent.typed_after_advice)."""

    def name(self) -> str:
        return "action_resume_clinic_check"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        intent = (message.get("intent") or {}).get("name")
        lang = language_of(tracker)
        if previous_action(tracker) == URGENT_ACTION and typed_after_advice(intent, text) == ANSWER:
            continue_with = service().continue_with
            faq_key = faq_key_of(message)
            result = await attempt(dispatcher, continue_with, tracker.sender_id, text, intent, faq_key, lang, lang=lang)
        else:
            result = await attempt(dispatcher, service().resume, tracker.sender_id, lang, text, lang=lang)
        if result is FAILED:
            return []
        messages, values = result
        say(dispatcher, messages)
        return set_all(values)


class ActionOfferCorrection(Action):
    def name(self) -> str:
        return "action_offer_correction"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        result = await attempt(dispatcher, service().correction, tracker.sender_id, "", None, lang, lang=lang)
        if result is not FAILED:
            say(dispatcher, [result[0]])
        if tracker.active_loop_name:  # the check waits until an answer to change is chosen
            return [ActiveLoop(None), SlotSet("requested_slot", None)]
        return []


class ActionApplyCorrection(Action):
    def name(self) -> str:
        return "action_apply_correction"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        chosen = latest_entity(tracker, "question")
        text = (tracker.latest_message or {}).get("text") or ""
        lang = language_of(tracker)
        result = await attempt(dispatcher, service().correction, tracker.sender_id, text, chosen, lang, lang=lang)
        if result is FAILED:
            return []
        message, question_id = result
        say(dispatcher, [message])
        return [SlotSet(BY_ID[question_id].slot, None)] if question_id else []


class ActionFinishClinicCheck(Action):
    def name(self) -> str:
        return "action_finish_clinic_check"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        messages = await attempt(dispatcher, service().finish, tracker.sender_id, rich_links(tracker), lang, lang=lang)
        if messages is not FAILED:
            say(dispatcher, messages)
        return []


class ActionShowReport(Action):
    def name(self) -> str:
        return "action_show_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        renew = asks_new_link(tracker.latest_message.get("text"))
        lang = language_of(tracker)
        report = service().report
        message = await attempt(dispatcher, report, tracker.sender_id, rich_links(tracker), renew, lang, lang=lang)
        if message is not FAILED:
            # the e-mail line offers the link, so only with one ("You have no clinic check yet" followed it, 2026-12-01)
            by_email = asks_to_email_report(tracker.latest_message.get("text")) and "/report/" in (message.text or "")
            say(dispatcher, [Message(text=pick(EMAIL_REPLY, lang)), message] if by_email else [message])
        return []


class ActionDeleteMyData(Action):
    def name(self) -> str:
        return "action_delete_my_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        message = await attempt(
            dispatcher, service().delete, tracker.sender_id, lang, failure=pick(DELETE_FAILED, lang)
        )
        if message is FAILED:
            return []
        say(dispatcher, [message])
        return [AllSlotsReset()]
