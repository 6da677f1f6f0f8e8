"""The guided clinic check as a service, independent of Rasa: start, answer, pause, resume, correct,
finish, report, delete.

Rasa's form (actions/clinic_check.py) decides *when* to call these; this module decides *what* happens:
how an answer is read (bot/reader.py), recorded and flagged, when a message is a command or a digression
(bot/gate.py: a clear "why?", "what was the question?", a safety question) rather than an answer, and what
the user is told. A message that is not an answer is asked back with its choices and records nothing; the
same question is never asked a third time in a row (the third miss records "not answered" and moves on).
Every answer is written to the store the moment it is given, so a conversation that stops half-way loses
nothing.

Every message is worded in the conversation's CURRENT language (`lang`, "en" or "es"; English by default), so
a check started in one language can be finished in the other: the stored answers are language-neutral values
(codes) and the patient's own words.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot import conditions
from bot import flags as flag_rules
from bot import page_check_prefill as page
from bot.check_request import clinic_named_in
from bot.condition_match import conditions_in as matched_conditions
from bot.countries import country_note, display_name
from bot.credentials import credential_notes
from bot.gate import (
    Command,
    answer_then_question,
    asks_first,
    asks_for_report,
    asks_the_bot,
    asks_to_recommend,
    asks_why,
    command_in,
    disputes,
    holds_on,
    is_payload,
    is_question,
)
from bot.input_check import Problem, classify, reply_for
from bot.language import normalise as normalise_language
from bot.language import pick, switch_request
from bot.places import COUNTRIES, ambiguity
from bot.questions import (
    BY_ID,
    NOT_ANSWERED,
    SKIPPED,
    Question,
    applicable,
    correction_named_in,
    question_named_in,
)
from bot.reader import read
from bot.redact import redact
from bot.report import chat_label, chat_summary, renewed
from bot.store import ACTIVE, COMPLETE, NEW_CHECKS_PER_DAY, PAUSED, AssessmentRecord, CheckLimit, Store
from bot.text import normalise as normalise_text

_QUESTION_START = re.compile(
    r"^\s*(what|why|how|is|are|can|could|does|do|should|who|where|when|which|will|would|have|has|wait,? (what|how|can|"
    r"is|are|do|does))\b",
    re.I,
)
# A Spanish question: "¿…", or an accented interrogative ("qué", "cómo", "por qué") at the start.
_QUESTION_START_ES = re.compile(r"^\s*(¿|(qué|cómo|cuál|cuáles|cuánto|cuánta|dónde|cuándo|quién|por qué)\b)", re.I)
CREDENTIAL_QUESTIONS = {"physician", "facility_licence", "ad_notice", "protocol_authorised"}
COUNTRY_NAMES = {code: display_name(code) for code in COUNTRIES}
_SPANISH_PLACES = {option.code: option.title_es for option in BY_ID["location"].options}
MAX_TRIES = 3  # the same question is never asked a third time in a row: the third miss records "not answered"
# Buttons that turn a command typed inside an answer into a clear request (the gate then lets it through).
COMMAND_BUTTONS = {
    Command.PAUSE: {"en": ("Pause the check", "/stop_check"), "es": ("Pausar el chequeo", "/stop_check")},
    Command.RESTART: {
        "en": ("Start over", "/restart_conversation"),
        "es": ("Empezar de nuevo", "/restart_conversation"),
    },
    Command.CHANGE: {"en": ("Change an answer", "/correct_answer"), "es": ("Cambiar una respuesta", "/correct_answer")},
    Command.DELETE: {"en": ("Delete my data", "/delete_my_data"), "es": ("Borrar mis datos", "/delete_my_data")},
    Command.REPORT: {"en": ("Show my report", "/show_report"), "es": ("Ver mi reporte", "/show_report")},
}
# A Spanish button sends Spanish text ("saltar"): what a person sends decides the conversation's language.
ESCAPE_BUTTONS = {
    "en": [{"title": "Skip this one", "payload": "skip"}, {"title": "Pause", "payload": "/stop_check"}],
    "es": [{"title": "Saltar esta", "payload": "saltar"}, {"title": "Pausar", "payload": "/stop_check"}],
}


TOO_MANY_CHECKS = (
    f"You have started {NEW_CHECKS_PER_DAY} clinic checks in the last day, as many as I can keep for one person "
    'per day. Your earlier checks and answers are all kept: say "continue" to go on with the latest one, or '
    "start a new check tomorrow."
)
TOO_MANY_CHECKS_TEXTS = {
    "en": TOO_MANY_CHECKS,
    "es": f"Ya empezó {NEW_CHECKS_PER_DAY} chequeos de clínicas en el último día, el máximo que puedo guardar para "
    "una persona por día. Sus chequeos y respuestas anteriores están todos guardados: diga «continuar» para "
    "seguir con el más reciente, o empiece uno nuevo mañana.",
}


def _es(lang: str | None) -> bool:
    return normalise_language(lang) == "es"


def report_base_url() -> str:
    return os.environ.get("STEMSAFE_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")


def report_url(record: AssessmentRecord, lang: str = "en") -> str:
    """The printable report's address; a Spanish conversation's opens in Spanish (bot/web.py reads ?lang)."""
    url = f"{report_base_url()}/report/{record.report_token}"
    return f"{url}?lang=es" if _es(lang) else url


def country_name(code: str | None, lang: str = "en") -> str:
    """The country as the check says it back ("Noted: Mexico.")."""
    if code not in COUNTRIES:
        return pick({"en": "location unknown", "es": "lugar desconocido"}, lang)
    if not _es(lang):
        return COUNTRY_NAMES[code]
    named = display_name(code, lang=lang)  # bot/countries.py; the location choice's Spanish title until it has one
    return named if named != COUNTRY_NAMES[code] else _SPANISH_PLACES[code]


@dataclass
class Message:
    """One thing to say: plain text (with optional buttons) or a named response from the domain."""

    text: str | None = None
    response: str | None = None
    buttons: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Turn:
    """The outcome of one message inside the check.

    `value` is the slot value for the question asked (None: not an answer, the form asks it again);
    `others` are answers to other questions found in the same message (recorded, so the form skips them);
    `tries` counts the misses in a row on this question (0 after an answer); `page_done` says the pasted
    page's offer for this question was used or declined (the caller drops it).
    """

    messages: list[Message]
    value: str | None
    others: dict[str, str] = field(default_factory=dict)
    tries: int = 0
    page_done: bool = False


def is_why(text: str, intent: str | None = None, question: Question | None = None) -> bool:
    """A "why?" about the question asked ("they didn't explain" is an answer, not a why; "why does the lab
    matter" at the lab question is a why)."""
    if intent == "ask_why" and (text or "").startswith("/"):
        return True
    return asks_why(text, topic(question)) if question is not None else command_in(text) == Command.WHY


def topic(question: Question) -> str:
    """The words that name a question in either language: its id, labels and prompts ("why does the route
    matter", "¿por qué importa el laboratorio?")."""
    prompts = [question.prompt, *question.prompts_by_country.values()]
    prompts += [question.prompt_es, *question.prompts_by_country_es.values()]
    return " ".join([question.id.replace("_", " "), question.label, question.label_es, *prompts])


def is_language_switch(text: str) -> bool:
    """ "in English please", "en español": the language changed (bot/language.py); nothing to record."""
    return bool(switch_request(text)) and len(text.split()) <= 8


def looks_like_question(text: str) -> bool:
    text = text or ""
    return text.strip().endswith("?") or bool(_QUESTION_START.match(text) or _QUESTION_START_ES.match(text))


def position(question_id: str, values: dict[str, str], lang: str = "en") -> str:
    """ "question 7 of 21" ("la pregunta 7 de 21"): where the check is, for clean returns after an interruption."""
    ids = [q.id for q in applicable(values)]
    if question_id not in ids:
        return pick({"en": "the clinic check", "es": "el chequeo de la clínica"}, lang)
    where = {"en": "question {n} of {total}", "es": "la pregunta {n} de {total}"}
    return pick(where, lang).format(n=ids.index(question_id) + 1, total=len(ids))


def back_to(question_id: str, values: dict[str, str], lang: str = "en", again: bool = False) -> str:
    """ "Now, back to question 7 of 21." ("Ahora, de vuelta a la pregunta 7 de 21.")"""
    lead = {"en": "Let's return to" if again else "Now, back to", "es": "Volvamos a" if again else "Ahora, de vuelta a"}
    return f"{pick(lead, lang)} {position(question_id, values, lang)}.".replace(" a el ", " al ")


class ClinicCheck:
    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def from_env(cls) -> ClinicCheck:
        return cls(Store.from_url(flag_rules=flag_rules.evaluate))

    # --- the check ---------------------------------------------------------------------------------
    def start(
        self,
        sender_id: str,
        location: str | None = None,
        from_page: bool = False,
        lang: str = "en",
        request: str | None = None,
    ) -> tuple[list[Message], dict[str, str]]:
        """Begin a new check (pausing any other); a place named in the first message is the first answer, and so
        are the clinic's name and a condition the request gives (`request`: its text; "…my wife has ALS, theres a
        place in bangkok called Siam Stem Life, can u check them"), so they are not asked again.
        `from_page`: started from a pasted clinic page, whose answers will be offered for confirmation."""
        try:
            self.store.start(sender_id)
        except CheckLimit:
            return [Message(text=pick(TOO_MANY_CHECKS_TEXTS, lang))], {}
        values: dict[str, str] = {}
        intro = pick(_INTRO, lang)
        if from_page:
            intro += pick(_INTRO_PAGE, lang)
        messages = [Message(text=intro)]
        if location:
            turn = self.answer(sender_id, "location", location, None, None, lang=lang)
            if turn.value:
                values["location"] = turn.value
                messages += turn.messages  # "Noted: Mexico. I'll adapt the questions."
        if request and not is_payload(request):
            messages += self._from_request(sender_id, request, values, lang)
        return messages, values

    def _from_request(self, sender_id: str, request: str, values: dict[str, str], lang: str) -> list[Message]:
        """The clinic's name and the condition a check request gives, recorded as their answers (said so)."""
        found: dict[str, tuple[str, str]] = {}  # question id -> (stored text, value)
        name = clinic_named_in(request)
        if name:
            found["clinic_name"] = (name, name)
        if matched_conditions(request):
            value = conditions.condition_of(request)
            if value:
                # the condition's name, not the whole request ("hola buenas tardes, mi esposo tiene diabetes…")
                found["condition"] = (conditions.display_name(value, lang), value)
        messages = []
        for question_id, (stored, value) in found.items():
            question = BY_ID[question_id]
            self.store.record_answer(
                sender_id, question_id, stored, value, self._clinic_fields(question, stored, value)
            )
            values[question_id] = value
            titles = value if question_id == "clinic_name" else _titles(question_id, value, lang)
            messages.append(
                Message(text=pick(_NOTED_FROM_REQUEST, lang).format(label=question.label_for(lang), titles=titles))
            )
        return messages

    def answer(
        self,
        sender_id: str,
        question_id: str,
        text: str,
        intent: str | None,
        faq_key: str | None,
        tries: int = 0,
        prefill: Mapping[str, page.Offer] | None = None,
        lang: str = "en",
    ) -> Turn:
        """Handle one message sent while `question_id` was being asked (`tries`: misses in a row before it).

        A value the store already holds for this question (restored on resume, recorded when the check
        started, or noted from an earlier message) is accepted as it is, without recording it again.
        `prefill`: what a pasted clinic page implies (bot/page_check_prefill.py); the page's answer to this
        question is recorded only on the patient's "yes, that's right", and the next question's is offered.
        Everything said is in `lang`, the conversation's language now.
        """
        question = BY_ID[question_id]
        text = (text or "").strip()
        before = self.store.current(sender_id)
        values = before.values if before else {}
        if values.get(question_id) == text:
            return Turn([], text)
        where = values.get("location")

        def miss(*said: Message | str) -> Turn:
            messages = [m if isinstance(m, Message) else Message(text=m) for m in said]
            return self._miss(sender_id, question, values, tries, messages, lang)

        problem = classify(text)
        if problem in (Problem.EMPTY, Problem.TOO_LONG):
            return miss(reply_for(text, lang)[0])
        if is_payload(text):
            return miss(pick(_PAYLOAD, lang))
        if holds_on(text):  # "ahorita vengo, que me están hablando": nothing recorded, no miss counted
            return Turn([Message(text=pick(_HOLD_ON, lang))], None, tries=tries)
        command = command_in(text)
        if command is None and asks_for_report(text):  # "no!! i want the report for regenera vida": never a name
            command = Command.REPORT
        if command == Command.WHY or is_why(text, intent, question):
            why = question.why_for(where, lang)
            return miss(pick(_WHY, lang).format(why=why) if tries == 0 else _short_why(why, lang))
        # a longer message that asks for another language is no free-text answer either ("sorry my wife will read this
        # too, in english please" was stored as the doctor's name, 2026-12-01); a yes/no in it is still read
        switched = is_language_switch(text) or (question.kind == "text" and switch_request(text) is not None)
        if command in (Command.REPEAT, Command.RESUME) or switched:
            return miss(pick(_AGAIN, lang).format(position=position(question.id, values, lang)))
        if command == Command.HELP:
            return miss(_help(question, values, lang))
        if command in COMMAND_BUTTONS:
            title, payload = pick(COMMAND_BUTTONS[command], lang)
            said = Message(text=pick(_DID_YOU_MEAN, lang).format(title=title.lower()))
            said.buttons = [{"title": title, "payload": payload}]
            return miss(said)
        split = answer_then_question(text) if question.kind in _SPLIT_KINDS or question.id in _SPLIT_TEXT else None
        if split is not None and question.id in _SPLIT_TEXT and not _SPLIT_TEXT[question.id](split[0]):
            split = None
        if split is not None:
            turn = self._answer_and_question(sender_id, question, split, intent, faq_key, where, before, prefill, lang)
            if turn is not None:
                return turn
        if intent == "faq" and faq_key and (looks_like_question(text) or asks_the_bot(text)):
            answer = _faq_answer(faq_key, text, where, lang)
            return miss(*answer, back_to(question.id, values, lang, again=tries % 2 == 1))
        offer = (prefill or {}).get(question.id)
        if offer:
            kind = page.reply_kind(text)
            if kind == page.CONFIRM and page.value_for(question, offer, where):
                value = page.value_for(question, offer, where) or ""
                stored_text = page.stored_text(offer, lang)
                turn = self._record(sender_id, question, stored_text, value, where, before, prefill, lang=lang)
                noted = pick(_FROM_PAGE, lang).format(titles=page.titles(question, value, lang))
                turn.messages.insert(0, Message(text=noted))
                turn.page_done = True
                return turn
            if kind == page.DECLINE:
                turn = miss(f"{pick(_PAGE_DECLINED, lang)} {_hint(question, lang)}")
                turn.page_done = True
                return turn
        corrected = correction_named_in(text)
        if corrected is not None and corrected[0].id != question.id and corrected[0].id in values:
            target, rest = corrected
            return self._typed_correction(sender_id, question, target, rest, values, before, tries, lang)
        if asks_to_recommend(text):  # "di que BioRegen es segura" was recorded as the doctor's name (2026-12-01)
            return miss(pick(_NO_VOUCH, lang))
        if disputes(text):  # "oiga no!! yo no contesté eso", "regrésate": never a "No" to this question
            title, payload = pick(COMMAND_BUTTONS[Command.CHANGE], lang)
            said = Message(text=pick(_DISPUTED, lang))
            said.buttons = [{"title": title, "payload": payload}]
            return miss(said)
        if is_question(text) or asks_the_bot(text) or (question.kind == "yesno" and asks_first(text)):
            # a question is never an answer: nothing is recorded, the question is asked again
            return miss(f"{pick(_A_QUESTION, lang)} {back_to(question.id, values, lang)}")
        stored = redact(text, keep_numbers=question.id in CREDENTIAL_QUESTIONS) or ""
        reading = read(question, stored, where, lang)
        known = {f.code for f in before.flags} if before else set()
        messages: list[Message] = []
        others = {
            other: value
            for other, value in reading.others.items()
            if other != question.id and values.get(other) is None and other in {q.id for q in applicable(values)}
        }
        for other, value in others.items():
            # a place read from another answer ("Regenera Vida in Cancun, ...") sets the clinic's country too
            fields = {"location": country_name(value, lang), "country": value} if other == "location" else None
            self.store.record_answer(sender_id, other, stored, value, fields)
            noted = pick(_ALSO_NOTED, lang).format(
                label=BY_ID[other].label_for(lang), titles=_titles(other, value, lang)
            )
            messages.append(Message(text=noted))
        if reading.value is None:
            unclear = ambiguity(stored, lang=lang) if question.id == "location" else None
            ask = Message(text=unclear) if unclear else _ask_back(question, tries, lang)
            turn = self._miss(sender_id, question, values, tries, messages + [ask], lang)
            turn.others = others
            return turn
        turn = self._record(sender_id, question, stored, reading.value, where, before, prefill, text, known, lang)
        turn.messages[:0] = messages
        turn.others = others
        turn.page_done = offer is not None
        return turn

    def _answer_and_question(
        self,
        sender_id: str,
        question: Question,
        split: tuple[str, str],
        intent: str | None,
        faq_key: str | None,
        where: str | None,
        before: AssessmentRecord | None,
        prefill: Mapping[str, page.Offer] | None,
        lang: str,
    ) -> Turn | None:
        """ "no they didn't give me one, but what does endotoxin mean?": the answer is recorded (it was dropped as "a
        question"), then the question is answered (a FAQ topic, or why this question matters) or kept for after the
        check. None when the first part is not an answer to this question."""
        statement, asked = split
        stored = redact(statement, keep_numbers=question.id in CREDENTIAL_QUESTIONS) or ""
        reading = read(question, stored, where, lang)
        if reading.value is None:
            return None
        turn = self._record(sender_id, question, stored, reading.value, where, before, prefill, statement, lang=lang)
        noted = pick(_NOTED_ANSWER, lang).format(
            label=question.label_for(lang), titles=_titles(question.id, reading.value, lang)
        )
        if command_in(asked) == Command.WHY or is_why(asked, None, question):
            then = [Message(text=pick(_WHY, lang).format(why=question.why_for(where, lang)))]
        elif intent == "faq" and faq_key:
            then = _faq_answer(faq_key, asked, where, lang)
        else:
            then = [Message(text=pick(_QUESTION_LATER, lang))]
        turn.messages = [Message(text=noted), *turn.messages, *then]
        return turn

    def _typed_correction(
        self,
        sender_id: str,
        question: Question,
        target: Question,
        text: str,
        values: Mapping[str, str],
        before: AssessmentRecord | None,
        tries: int,
        lang: str,
    ) -> Turn:
        """ "wait the location is wrong, its bangkok thailand", typed while another question was asked: what follows
        the correction word (`text`) is the named question's new answer, never this question's; this question is
        asked again. When there is no new answer to read, a button opens the change of that answer."""
        where = values.get("location") if target.id != "location" else None
        stored = redact(text, keep_numbers=target.id in CREDENTIAL_QUESTIONS) or ""
        # "…lo del comité de ética, eso no lo contesté yo": a protest, not the new answer
        reading = read(target, stored, where, lang) if re.search(r"\w\w", stored) and not disputes(text) else None
        label = target.label_for(lang)
        if reading is None or reading.value is None:
            said = Message(text=pick(_CHANGE_WHICH, lang).format(label=label))
            said.buttons = [{"title": label[:60], "payload": f'/choose_correction{{"question":"{target.id}"}}'}]
            return self._miss(sender_id, question, dict(values), tries, [said], lang)
        old = before.answers.get(target.id) if before else None
        if target.id in CREDENTIAL_QUESTIONS and old:
            stored = merged_credential(old[0], stored)
        turn = self._record(sender_id, target, stored, reading.value, where, before, None, text, lang=lang)
        changed = changed_line(target.id, reading.value, lang)
        after = self.store.current(sender_id)
        again = back_to(question.id, after.values if after else dict(values), lang, again=True)
        return Turn([changed, *turn.messages, Message(text=again)], None, others={target.id: reading.value})

    def _record(
        self,
        sender_id: str,
        question: Question,
        stored: str,
        value: str,
        where: str | None,
        before: AssessmentRecord | None,
        prefill: Mapping[str, page.Offer] | None,
        text: str = "",
        known: set[str] | None = None,
        lang: str = "en",
    ) -> Turn:
        """Record an answer; say the credential notes, new red flags, and the page's answer to the next question."""
        if known is None:
            known = {f.code for f in before.flags} if before else set()
        record = self.store.record_answer(
            sender_id, question.id, stored, value, self._clinic_fields(question, stored, value)
        )
        country = value if question.id == "location" else where
        messages = [Message(text=note) for note in credential_notes(question.id, text, country, lang)] if text else []
        if question.id == "location":
            messages.append(Message(text=pick(_LOCATION_NOTED, lang).format(country=country_name(value, lang))))
        for flag in record.flags:
            if flag.code not in known and flag.severity == flag_rules.HIGH:
                red_flag = flag_rules.describe(flag, lang=lang)[0]
                messages.append(Message(text=pick(_RED_FLAG, lang).format(flag=red_flag)))
        offer = _next_offer(question.id, record.values, prefill, lang)
        if offer:
            messages.append(offer)
        return Turn(messages, value)

    def _miss(
        self,
        sender_id: str,
        question: Question,
        values: dict[str, str],
        tries: int,
        messages: list[Message],
        lang: str = "en",
    ) -> Turn:
        """Not an answer: say so (changing tack the second time); the third miss in a row moves on."""
        tries += 1
        if tries >= MAX_TRIES:
            self.store.record_answer(sender_id, question.id, "(not answered)", NOT_ANSWERED)
            moved = pick(_MOVED_ON, lang).format(label=question.label_for(lang))
            return Turn(messages + [Message(text=moved)], NOT_ANSWERED, tries=0)
        if tries == 2 and not any(m.buttons for m in messages):
            escape = Message(text=pick(_ESCAPE, lang), buttons=list(pick(ESCAPE_BUTTONS, lang)))
            messages = messages + [escape]
        return Turn(messages, None, tries=tries)

    @staticmethod
    def _clinic_fields(question: Question, text: str, value: str) -> dict[str, str]:
        if question.id == "clinic_name":
            return {"name": value}  # the name alone, not the rest of a longer message (bot.reader.name_and_rest)
        if question.id == "location":
            return {"location": text, "country": value}
        return {}

    # --- pause, resume, correct ------------------------------------------------------------------
    def pause(self, sender_id: str, lang: str = "en") -> Message:
        record = self.store.set_status(sender_id, PAUSED)
        if record is None:
            return Message(text=pick(_NO_CHECK, lang))
        said = pick(_PAUSED, lang).format(count=_answered(record), label=chat_label(record, lang=lang))
        button = pick({"en": "Continue my clinic check", "es": "Continuar mi chequeo"}, lang)
        return Message(text=said, buttons=[{"title": button, "payload": "/resume_check"}])

    def resume(self, sender_id: str, lang: str = "en", text: str | None = None) -> tuple[list[Message], dict[str, str]]:
        """Reload the saved answers of the unfinished check (works after a restart: they are in the store). With two
        or more unfinished, the one `text` names ("continue my check of CellMed Guadalajara", "go back to the
        guadalajara one") is taken up; the others are named, with how to go back to them."""
        unfinished = self.store.unfinished(sender_id)
        named = _named_check(text, unfinished) if len(unfinished) > 1 else None
        record = self.store.activate(sender_id, named.id) if named else self.store.current(sender_id)
        if record is None:
            messages, values = self.start(sender_id, lang=lang)
            return [Message(text=pick(_NOTHING_TO_RESUME, lang))] + messages, values
        self.store.set_status(sender_id, ACTIVE)
        done = _answered(record)
        pending = next((q.id for q in applicable(record.values) if q.id not in record.values), None)
        where = pick(_NEXT_IS, lang).format(position=position(pending, record.values, lang)) if pending else ""
        said = pick(_WELCOME_BACK, lang).format(label=chat_label(record, lang=lang), count=done, next=where)
        others = [chat_label(other, lang=lang) for other in unfinished if other.id != record.id]
        if others:
            said += " " + pick(_OTHER_CHECKS, lang).format(labels="; ".join(others), label=others[0])
        return [Message(text=said)], record.values

    def continue_with(
        self, sender_id: str, text: str, intent: str | None, faq_key: str | None, lang: str = "en"
    ) -> tuple[list[Message], dict[str, str]]:
        """After urgent advice the patient typed instead of pressing "Continue the check now": the message is
        read as the answer to the pending question (recorded if it is one; asked back if not), and the check
        goes on. Returns what to say and the answers, as `resume` does."""
        record = self.store.current(sender_id)
        if record is None:
            return self.resume(sender_id, lang)
        self.store.set_status(sender_id, ACTIVE)
        pending = next((q.id for q in applicable(record.values) if q.id not in record.values), None)
        if pending is None:
            return [], record.values
        turn = self.answer(sender_id, pending, text, intent, faq_key, lang=lang)
        if turn.value is None:
            back = pick(_BACK_TO_CHECK, lang).format(position=position(pending, record.values, lang))
            turn.messages.insert(0, Message(text=back))
        after = self.store.current(sender_id)
        return turn.messages, after.values if after else record.values

    def correction(self, sender_id: str, text: str, chosen: str | None, lang: str = "en") -> tuple[Message, str | None]:
        """Which answer to change: returns (message, question id to ask again) or buttons to pick one."""
        record = self.store.current(sender_id) or self.store.latest(sender_id)
        if record is None or not record.answers:
            return Message(text=pick(_NOTHING_TO_CHANGE, lang)), None
        if chosen and chosen not in BY_ID:
            return Message(text=pick(_CANNOT_CHANGE, lang)), None
        target = BY_ID.get(chosen or "") or (None if is_payload(text) else question_named_in(text))
        where = record.values.get("location")
        if target is not None and target.id in record.answers:
            if record.status == COMPLETE:
                self.store.reopen(sender_id)
            self.store.forget_answer(sender_id, target.id)
            said = pick(_CHANGE_TO, lang).format(prompt=target.prompt_for(where, lang))
            return Message(text=said), target.id
        buttons = [
            {"title": _change_title(q, record.answers[q], lang), "payload": f'/choose_correction{{"question":"{q}"}}'}
            for q in record.answers
            if q in BY_ID
        ]
        return Message(text=pick(_WHICH_ANSWER, lang), buttons=buttons), None

    # --- the end ---------------------------------------------------------------------------------
    def finish(self, sender_id: str, markdown_link: bool = False, lang: str = "en") -> list[Message]:
        record = self.store.set_status(sender_id, COMPLETE)
        if record is None:
            record = self.store.latest(sender_id)
        if record is None:
            return [Message(text=pick(_NOTHING_TO_SUMMARISE, lang))]
        return [Message(text=chat_summary(record, report_url(record, lang), markdown_link=markdown_link, lang=lang))]

    def report(self, sender_id: str, markdown_link: bool = False, renew: bool = False, lang: str = "en") -> Message:
        """The summary and report link; an expired link, or one the user asks to replace, is renewed."""
        record = self.store.latest(sender_id)
        if record is None:
            title = pick({"en": "Check a clinic", "es": "Revisar una clínica"}, lang)
            return Message(text=pick(_NO_REPORT, lang), buttons=[{"title": title, "payload": "/start_clinic_check"}])
        if renew or record.link_expired():
            record = self.store.renew_link(sender_id) or record
            summary = chat_summary(record, report_url(record, lang), markdown_link=markdown_link, lang=lang)
            return Message(text=f"{renewed(lang)}\n{summary}")
        return Message(text=chat_summary(record, report_url(record, lang), markdown_link=markdown_link, lang=lang))

    def delete(self, sender_id: str, lang: str = "en") -> Message:
        count = self.store.delete_user(sender_id)
        return Message(text=pick(_DELETED, lang).format(count=count))

    def remaining(self, values: dict[str, str]) -> list[str]:
        """Ids of the questions that apply, in order (filled ones included: the form skips them)."""
        return [q.id for q in applicable(values)]


def _named_check(text: str | None, records: list[AssessmentRecord]) -> AssessmentRecord | None:
    """The unfinished check whose clinic name or place `text` names best ("the guadalajara one"), or None."""
    words = set(re.findall(r"[a-z0-9]{4,}", normalise_text(text)))
    if not words:
        return None
    scored = []
    for record in records:
        named = " ".join(filter(None, (record.clinic_name, record.clinic_location, record.values.get("clinic_name"))))
        scored.append((len(words & set(re.findall(r"[a-z0-9]{4,}", normalise_text(named)))), record))
    best = max(score for score, _ in scored)
    chosen = [record for score, record in scored if score == best]
    return chosen[0] if best > 0 and len(chosen) == 1 else None


def _next_offer(
    answered: str, values: dict[str, str], prefill: Mapping[str, page.Offer] | None, lang: str = "en"
) -> Message | None:
    """The pasted page's answer to the question the check asks next, offered for confirmation."""
    if not prefill:
        return None
    pending = next((q for q in applicable(values) if q.id not in values and q.id != answered), None)
    if pending is None or pending.id not in prefill:
        return None
    said = page.offer_text(pending, prefill[pending.id], values.get("location"), lang)
    return Message(text=said, buttons=list(pick(page.OFFER_BUTTONS, lang))) if said else None


BUTTON_CHARS = 60  # Telegram, Messenger and the widget show about this much of a button's title


def _change_title(question_id: str, answer: tuple[str, str], lang: str = "en") -> str:
    """A "which answer to change?" button: the answer's label and what is recorded ("The clinic's name: Vida
    Nueva"; the words typed where the question has no choices), cut at a word with "…" when long. The question's
    prompt cut at 60 characters read "Who is the treating physician, and what is their cédula profesional (and sp"
    (exploratory session, 2026-12-01)."""
    question = BY_ID[question_id]
    label = question.label_for(lang)
    title = label[:1].upper() + label[1:]
    raw, value = answer
    if value and value not in (SKIPPED, NOT_ANSWERED):
        worded = question.options or question_id in ("condition", "location")
        said = _titles(question_id, value, lang) if worded else raw
        title += f": {' '.join(said.split())}"
    if len(title) <= BUTTON_CHARS:
        return title
    return title[: BUTTON_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


_CREDENTIAL_NUMBER = re.compile(r"\d[\d\s/-]{2,}\d")
_NUMBER_WORDS = frozenset(
    """the his her their its it is was number no num licence license licencia cedula professional profesional
    doctor doctors doctora dr dra s medico not oops typo
    specialty especialidad state medical el la su sus de del es era numero correct correcto right wrong actually
    sorry perdon i meant mean quise decir""".split()
)


def merged_credential(old: str, new: str) -> str:
    """A typed correction that gives only a new licence number keeps the rest of the old answer ("Dr. Laura Gómez,
    cédula 1234567" corrected with "7654321" lost the doctor's name, 2026-12-01); one that names someone replaces it."""
    numbers = _CREDENTIAL_NUMBER.findall(new)
    words = re.findall(r"[^\W\d_]+", _CREDENTIAL_NUMBER.sub(" ", normalise_text(new)))
    if not numbers or any(word not in _NUMBER_WORDS for word in words):
        return new
    instead = re.search(r"\b(?:not|no)\s+(\d[\d\s/-]{2,}\d)", new)  # "8899011 not 8899001": that one changes
    if instead and instead.group(1).strip() in old and numbers[0].strip() != instead.group(1).strip():
        return old.replace(instead.group(1).strip(), numbers[0].strip(), 1)
    if _CREDENTIAL_NUMBER.search(old):
        return _CREDENTIAL_NUMBER.sub(numbers[0].strip(), old, count=1)
    return f"{old}, {numbers[0].strip()}"


def _faq_answer(faq_key: str, text: str, where: str | None, lang: str) -> list[Message]:
    """A safety question asked inside the check: its answer, and the way a clinic's country has of its own (a check of
    a clinic in Colombia asking how to verify a doctor)."""
    note = country_note(faq_key.split("/", 1)[-1], text, where, lang)
    return [Message(response=f"utter_{faq_key}"), *([Message(text=note)] if note else [])]


def changed_line(question_id: str, value: str, lang: str = "en") -> Message:
    """ "I changed your answer under the lab: …": said when an answer chosen with "Change an answer" is given again
    (a button correction ended with the next question and no word that the change was made, 2026-12-01)."""
    question = BY_ID[question_id]
    return Message(
        text=pick(_CHANGED, lang).format(label=question.label_for(lang), titles=_titles(question_id, value, lang))
    )


def _titles(question_id: str, value: str, lang: str = "en") -> str:
    """A recorded value in the reader's words: a condition and a country by their names, choices by their titles."""
    if question_id == "condition" and conditions.keys_of(value):
        return conditions.display_name(value, lang)
    if question_id == "location":
        return country_name(value, lang)
    return page.titles(BY_ID[question_id], value, lang)


def _ask_back(question: Question, tries: int, lang: str = "en") -> Message:
    """ "I didn't catch that": the choices in words (text channels show no buttons); the form asks again."""
    lead = pick(_NOT_CAUGHT if tries == 0 else _STILL_NOT_CAUGHT, lang)
    return Message(text=f"{lead} {_hint(question, lang)}")


def _hint(question: Question, lang: str = "en") -> str:
    """How to answer this question, with its choices in words."""
    choices = " / ".join(question.choice_titles(lang))
    if question.kind == "text":
        return pick({"en": 'Please answer in a few words, or say "I don\'t know".', "es": _ES_TEXT_HINT}, lang)
    if question.kind == "number":
        return pick({"en": "Please answer in a few words.", "es": "Por favor conteste en pocas palabras."}, lang)
    if question.kind == "multi":
        return pick({"en": "You can name several: {choices}.", "es": "Puede nombrar varias: {choices}."}, lang).format(
            choices=choices
        )
    return pick({"en": "Please answer: {choices}.", "es": "Por favor conteste: {choices}."}, lang).format(
        choices=choices
    )


def _help(question: Question, values: dict[str, str], lang: str = "en") -> str:
    """What "help" gets inside the check: how to answer, and where the check is."""
    choices = " / ".join(question.choice_titles(lang))
    return pick(_HELP, lang).format(position=position(question.id, values, lang), choices=choices)


def _short_why(why: str, lang: str = "en") -> str:
    first = why.split(". ")[0].rstrip(".")
    return pick(
        {"en": "In short, as I said just above: {first}.", "es": "En pocas palabras, como le dije arriba: {first}."},
        lang,
    ).format(first=first)


def _answered(record: AssessmentRecord) -> int:
    """How many questions were answered (a stored registry lookup is not an answer the patient gave)."""
    return sum(1 for question_id in record.answers if question_id in BY_ID)


# --- what the check says, in each language (Spanish: plain Mexican Spanish, "usted") ----------------------
_INTRO = {
    "en": "Let's check this clinic together. I'll ask about the questions a careful patient puts to a clinic; "
    'answer in your own words with what the clinic told you. You can say "why?" to any question, "skip", '
    '"I don\'t know", "pause", or "change an answer". Your answers are saved as you go.',
    "es": "Revisemos juntos esta clínica. Le haré las preguntas que un paciente cuidadoso le hace a una clínica; "
    "conteste con sus propias palabras lo que la clínica le dijo. En cualquier pregunta puede decir «¿por qué?», "
    "«saltar», «no sé», «pausa» o «cambiar una respuesta». Sus respuestas se guardan sobre la marcha.",
}
_INTRO_PAGE = {
    "en": " Where the page you pasted answers a question, I'll show what it says and record it only if you confirm it.",
    "es": " Cuando la página que pegó responda una pregunta, le mostraré lo que dice y solo lo anotaré si usted "
    "lo confirma.",
}
_PAYLOAD = {
    "en": "I can't act on that command here, so I haven't recorded anything.",
    "es": "Aquí no puedo usar ese comando, así que no anoté nada.",
}
_WHY = {"en": "Why this matters: {why}", "es": "Por qué importa: {why}"}
_AGAIN = {"en": "Here is {position} again.", "es": "Aquí está otra vez {position}."}
_DID_YOU_MEAN = {
    "en": 'Did you mean "{title}"? If so, press the button; otherwise just answer the question.',
    "es": "¿Quiso decir «{title}»? Si es así, toque el botón; si no, solo conteste la pregunta.",
}
_FROM_PAGE = {"en": "Noted from the page: {titles}.", "es": "Anotado de la página: {titles}."}
_PAGE_DECLINED = {"en": "OK, I won't use what the page says.", "es": "De acuerdo, no usaré lo que dice la página."}
_A_QUESTION = {
    "en": "That sounds like a question, so I haven't recorded it as an answer. I can't answer it here; ask me "
    "again after the check.",
    "es": "Eso parece una pregunta, así que no lo anoté como respuesta. Aquí no puedo contestarla; pregúntemela "
    "otra vez al terminar el chequeo.",
}
_SPLIT_KINDS = frozenset({"yesno", "choice", "multi", "number"})  # readings that need the answer's own words
# Free-text questions whose first part is taken only when it plainly answers them: a condition named, a doctor or a
# licence number given ("el dr. Hector Salinas, ortopedista ... q es la cedula de especialidad?", 2026-12-01).
_SPLIT_TEXT = {
    "condition": lambda said: bool(conditions.condition_of(said)),
    "physician": lambda said: bool(
        re.search(r"\b(?:dr|dra|doctor|doctora|medico|medica)\b|\d{5,}", normalise_text(said))
    ),
}
_NOTED_ANSWER = {"en": "Noted under {label}: {titles}.", "es": "Anotado en «{label}»: {titles}."}
_QUESTION_LATER = {
    "en": "You also asked something I can't answer inside the check; ask me again when it's done.",
    "es": "También me hizo una pregunta que no puedo contestar dentro del chequeo; hágamela otra vez al terminar.",
}
_ALSO_NOTED = {
    "en": "I also noted that under {label}: {titles}.",
    "es": "También anoté esto en «{label}»: {titles}.",
}
_LOCATION_NOTED = {
    "en": "Noted: {country}. I'll adapt the questions.",
    "es": "Anotado: {country}. Adaptaré las preguntas.",
}
_RED_FLAG = {"en": "Red flag: {flag}", "es": "Señal de alerta: {flag}"}
_MOVED_ON = {
    "en": 'I\'ll mark "{label}" as not answered for now and move on; it stays on your list of things to ask the '
    'clinic, and you can answer it later with "change an answer".',
    "es": "Por ahora marcaré «{label}» como sin respuesta y seguiré; queda en su lista de cosas que preguntarle a "
    "la clínica, y puede contestarla después con «cambiar una respuesta».",
}
_ESCAPE = {
    "en": "If this question doesn't fit, you can skip it or pause the check.",
    "es": "Si esta pregunta no aplica, puede saltarla o pausar el chequeo.",
}
_NO_CHECK = {"en": "There is no clinic check in progress.", "es": "No hay ningún chequeo de clínica en curso."}
_PAUSED = {
    "en": 'Paused. Your {count} answer(s) for {label} are saved. Say "continue my clinic check" whenever you\'re '
    "ready.",
    "es": "Pausado. Sus {count} respuesta(s) sobre {label} están guardadas. Diga «continuar mi chequeo» cuando "
    "quiera seguir.",
}
_OTHER_CHECKS = {
    "en": 'You also have an unfinished check of {labels}. To go back to it later, say "continue my check of {label}".',
    "es": "También tiene sin terminar el chequeo de {labels}. Para volver a él después, diga «continuar mi chequeo "
    "de {label}».",
}
_NOTHING_TO_RESUME = {
    "en": "I found no unfinished clinic check, so let's start a new one.",
    "es": "No encontré ningún chequeo sin terminar, así que empecemos uno nuevo.",
}
_NEXT_IS = {"en": " Next is {position}.", "es": " Sigue {position}."}
_WELCOME_BACK = {
    "en": "Welcome back. Continuing the check of {label}: {count} answer(s) saved.{next}",
    "es": "Qué bueno que regresó. Seguimos con el chequeo de {label}: {count} respuesta(s) guardada(s).{next}",
}
_BACK_TO_CHECK = {
    "en": "Back to the clinic check, {position}.",
    "es": "De vuelta al chequeo de la clínica, {position}.",
}
_NOTHING_TO_CHANGE = {
    "en": "There are no saved answers to change yet.",
    "es": "Todavía no hay respuestas guardadas que cambiar.",
}
_CANNOT_CHANGE = {
    "en": "I can't change that one. Which answer would you like to change?",
    "es": "Esa no la puedo cambiar. ¿Qué respuesta quiere cambiar?",
}
_NOTED_FROM_REQUEST = {
    "en": 'From your message, I noted {label}: {titles}. (To change it, say "change an answer".)',
    "es": "De su mensaje anoté {label}: {titles}. (Para cambiarlo, diga «cambiar una respuesta».)",
}
_CHANGED = {
    "en": "I changed your answer under {label}: {titles}.",
    "es": "Cambié su respuesta en «{label}»: {titles}.",
}
_NO_VOUCH = {
    "en": "I don't recommend or rank clinics, and I never call a clinic or a treatment safe. I didn't record that as "
    "an answer.",
    "es": "No recomiendo ni califico clínicas, y nunca digo que una clínica o un tratamiento sea seguro. No lo anoté "
    "como respuesta.",
}
_HOLD_ON = {
    "en": "Sure, take your time. Your answers are saved; when you're back, just answer the question.",
    "es": "Claro, aquí le espero. Sus respuestas están guardadas; cuando regrese, solo conteste la pregunta.",
}
_DISPUTED = {
    "en": "I didn't record anything from that. To change an earlier answer, press the button; otherwise, just "
    "answer the question.",
    "es": "No anoté nada de eso. Para cambiar una respuesta anterior, presione el botón; si no, solo conteste la "
    "pregunta.",
}
_CHANGE_WHICH = {
    "en": "To change your answer under {label}, press the button and tell me the right one.",
    "es": "Para cambiar su respuesta en «{label}», presione el botón y dígame la correcta.",
}
_CHANGE_TO = {"en": "OK, let's change your answer to: {prompt}", "es": "De acuerdo, cambiemos su respuesta a: {prompt}"}
_WHICH_ANSWER = {"en": "Which answer would you like to change?", "es": "¿Qué respuesta quiere cambiar?"}
_NOTHING_TO_SUMMARISE = {
    "en": "There is no clinic check to summarise yet.",
    "es": "Todavía no hay ningún chequeo de clínica que resumir.",
}
_NO_REPORT = {
    "en": 'You have no clinic check yet. Say "check a clinic" to start one.',
    "es": "Todavía no tiene ningún chequeo de clínica. Diga «revisar una clínica» para empezar uno.",
}
_DELETED = {
    "en": "Done: I deleted {count} clinic check(s) with all their answers and flags.",
    "es": "Listo: borré {count} chequeo(s) de clínica con todas sus respuestas y señales de alerta.",
}
_NOT_CAUGHT = {"en": "I didn't catch that.", "es": "No le entendí."}
_STILL_NOT_CAUGHT = {
    "en": "Sorry, I still couldn't match that to an answer.",
    "es": "Perdón, todavía no pude relacionar eso con una respuesta.",
}
_ES_TEXT_HINT = "Por favor conteste en pocas palabras, o diga «no sé»."
_HELP = {
    "en": "We're at {position} of the clinic check. Answer in your own words with what the clinic told you (for "
    'example: {choices}). You can also say "skip", "why?", "pause" or "change an answer". Nothing is recorded '
    "until you answer.",
    "es": "Estamos en {position} del chequeo de la clínica. Conteste con sus propias palabras lo que la clínica le "
    "dijo (por ejemplo: {choices}). También puede decir «saltar», «¿por qué?», «pausa» o «cambiar una respuesta». "
    "No se anota nada hasta que usted conteste.",
}
