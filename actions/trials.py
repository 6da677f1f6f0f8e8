"""Rasa SDK adapters for ClinicalTrials.gov: the trial search, and NCT numbers looked up at the source.

- `action_find_trial` ("is there a trial for my MS near me?"): the condition named (the condition card's registry words,
  bot.conditions + bot.condition_match, else the words after "for"), the country if one is named; at most five
  recruiting interventional studies (bot.trials), or, offline or on an error, the registry's search link for
  that condition. No condition named: the find_trial answer and an invitation to name one.
- `check_answer_numbers`: an NCT number in a clinic-check answer (the regulator/authorisation questions) is
  looked up; the findings are said and stored as flags (bot.registry_flags).
- `page_lookup_lines`: NCT numbers in a pasted page are looked up and the findings said.
The HTTP client is stores/registry.py; every lookup that cannot run says so and never counts as a pass.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.language import language_of
from bot import conditions, language, registry_flags, trials
from bot.store import Store
from stores import registry

logger = logging.getLogger(__name__)
LOOKUP_QUESTIONS = {"facility_licence", "protocol_authorised", "ad_notice"}  # where bot/credentials.py reads NCTs


def card_for(text: str) -> conditions.Card | None:
    """The condition card of the first condition named in `text` (bot.conditions, with bot.condition_match)."""
    try:
        keys = conditions.conditions_in(text) or conditions.keys_of(conditions.condition_of(text))
    except Exception:  # the matcher failed: search with the patient's own words instead
        logger.exception("condition matcher failed")
        return None
    return next((card for card in map(conditions.card, keys) if card is not None), None)


def requested(tracker: Tracker, lang: str = "en") -> tuple[str | None, str | None, str | None]:
    """(search term, the condition's name as shown in ``lang``, country as the registry spells it) for this
    message. The search term is English (the registry's language): a known condition's card term, else the
    patient's own words."""
    text = (tracker.latest_message or {}).get("text") or ""
    entities = [e.get("value") for e in (tracker.latest_message or {}).get("entities") or [] if e.get("value")]
    country = trials.country_in(text) or next(
        (trials.country_in(str(v)) for v in entities if trials.country_in(str(v))), None
    )
    card = card_for(text)
    if card is not None:
        return trials.search_term(card.trial or card.name), card.name_in(lang), country
    typed = trials.condition_text(text)
    if typed:
        return trials.search_term(None, typed), typed, country
    return None, None, country


class ActionFindTrial(Action):
    def name(self) -> str:
        return "action_find_trial"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        lang = language_of(tracker)
        term, name, country = requested(tracker, lang)
        if not term or not name:
            dispatcher.utter_message(response="utter_faq/find_trial")
            dispatcher.utter_message(text=trials.no_condition(lang))
            return []
        link = trials.search_link(term, country)
        try:
            search = await registry.client().search(term, country)
        except Exception:  # the client never raises by design; if it does, the link still helps
            logger.exception("trial search failed")
            search = trials.Search(ok=False)
        if search.ok:
            dispatcher.utter_message(text=trials.search_reply(search, name, country, link, lang=lang))
        else:
            dispatcher.utter_message(text=trials.offline_reply(name, country, link, lang=lang))
        return []


async def check_answer_numbers(
    dispatcher: CollectingDispatcher, store: Store, sender_id: str, question_id: str, text: str, lang: str = "en"
) -> None:
    """After an answer to a regulator/authorisation question: look up the NCT numbers the check's answers now
    give (this one and the others stored), say what the registry shows and store it as flags. An answer changed
    so that no number is left removes the stored lookup."""
    if question_id not in LOOKUP_QUESTIONS:
        return
    record = await asyncio.to_thread(store.current, sender_id)
    if record is None:
        return
    given = [text] + [record.answers[q][0] for q in sorted(LOOKUP_QUESTIONS) if q in record.answers]
    numbers = trials.nct_numbers_in(" ".join(given))
    if not numbers:
        if registry_flags.LOOKUP_ANSWER in record.answers:
            await asyncio.to_thread(store.forget_answer, sender_id, registry_flags.LOOKUP_ANSWER)
        return
    stored = record.answers.get(registry_flags.LOOKUP_ANSWER)
    if stored and stored[0] == ", ".join(numbers) and "registry_unchecked" not in stored[1]:
        return  # already looked up and said (a later answer in Mexico's licence questions)
    lookups = await registry.client().studies(numbers)
    raw, value, lines = registry_flags.lookup_answer(lookups, record.answers, lang=lang)
    try:
        await asyncio.to_thread(store.record_answer, sender_id, registry_flags.LOOKUP_ANSWER, raw, value)
    except Exception:
        logger.exception("could not store the registry lookup")
    for line in lines:
        dispatcher.utter_message(text=line)


LOOKED_UP = {"en": "I looked up {numbers} on ClinicalTrials.gov:", "es": "Busqué {numbers} en ClinicalTrials.gov:"}


async def page_lookup_lines(text: str, lang: str = "en") -> List[str]:
    """What the registry shows for the NCT numbers in a pasted page (nothing when it has none), in ``lang``."""
    numbers = trials.nct_numbers_in(text)
    if not numbers:
        return []
    lines = registry_flags.page_lines(await registry.client().studies(numbers), lang=lang)
    return [language.pick(LOOKED_UP, lang).format(numbers=", ".join(numbers))] + lines
