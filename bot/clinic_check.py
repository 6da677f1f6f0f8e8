"""The guided clinic check as a service, independent of Rasa: start, answer, pause, resume, correct,
finish, report, delete.

Rasa's form (actions/clinic_check.py) decides *when* to call these; this module decides *what* happens:
how an answer is read (bot/reader.py), recorded and flagged, when a message is a command or a digression
(bot/gate.py: a clear "why?", "what was the question?", a safety question) rather than an answer, and what
the user is told. A message that is not an answer is asked back with its choices and records nothing; the
same question is never asked a third time in a row (the third miss records "not answered" and moves on).
Every answer is written to the store the moment it is given, so a conversation that stops half-way loses
nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot import flags as flag_rules
from bot import page_check_prefill as page
from bot.countries import display_name
from bot.credentials import credential_notes
from bot.gate import Command, asks_why, command_in, is_payload, is_question
from bot.input_check import Problem, classify, reply_for
from bot.places import COUNTRIES, ambiguity
from bot.questions import (
    BY_ID,
    NOT_ANSWERED,
    Question,
    applicable,
    question_named_in,
)
from bot.reader import read
from bot.redact import redact
from bot.report import RENEWED, chat_label, chat_summary
from bot.store import ACTIVE, COMPLETE, NEW_CHECKS_PER_DAY, PAUSED, AssessmentRecord, CheckLimit, Store

_QUESTION_START = re.compile(
    r"^\s*(what|why|how|is|are|can|could|does|do|should|who|where|when|which|will|would|have|has|wait,? (what|how|can|"
    r"is|are|do|does))\b",
    re.I,
)
CREDENTIAL_QUESTIONS = {"physician", "facility_licence", "ad_notice", "protocol_authorised"}
COUNTRY_NAMES = {code: display_name(code) for code in COUNTRIES}
MAX_TRIES = 3  # the same question is never asked a third time in a row: the third miss records "not answered"
# Buttons that turn a command typed inside an answer into a clear request (the gate then lets it through).
COMMAND_BUTTONS = {
    Command.PAUSE: ("Pause the check", "/stop_check"),
    Command.RESTART: ("Start over", "/restart_conversation"),
    Command.CHANGE: ("Change an answer", "/correct_answer"),
    Command.DELETE: ("Delete my data", "/delete_my_data"),
    Command.REPORT: ("Show my report", "/show_report"),
}
ESCAPE_BUTTONS = [{"title": "Skip this one", "payload": "skip"}, {"title": "Pause", "payload": "/stop_check"}]


TOO_MANY_CHECKS = (
    f"You have started {NEW_CHECKS_PER_DAY} clinic checks in the last day, as many as I can keep for one person "
    'per day. Your earlier checks and answers are all kept: say "continue" to go on with the latest one, or '
    "start a new check tomorrow."
)


def report_base_url() -> str:
    return os.environ.get("STEMSAFE_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")


def report_url(record: AssessmentRecord) -> str:
    return f"{report_base_url()}/report/{record.report_token}"


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
    """The words that name a question: its id, label and prompts ("why does the route matter")."""
    prompts = [question.prompt, *question.prompts_by_country.values()]
    return " ".join([question.id.replace("_", " "), question.label, *prompts])


def looks_like_question(text: str) -> bool:
    return (text or "").strip().endswith("?") or bool(_QUESTION_START.match(text or ""))


def position(question_id: str, values: dict[str, str]) -> str:
    """ "question 7 of 21": where the check is, for clean returns after an interruption."""
    ids = [q.id for q in applicable(values)]
    if question_id not in ids:
        return "the clinic check"
    return f"question {ids.index(question_id) + 1} of {len(ids)}"


class ClinicCheck:
    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def from_env(cls) -> ClinicCheck:
        return cls(Store.from_url(flag_rules=flag_rules.evaluate))

    # --- the check ---------------------------------------------------------------------------------
    def start(
        self, sender_id: str, location: str | None = None, from_page: bool = False
    ) -> tuple[list[Message], dict[str, str]]:
        """Begin a new check (pausing any other); a place named in the first message is the first answer.
        `from_page`: started from a pasted clinic page, whose answers will be offered for confirmation."""
        try:
            self.store.start(sender_id)
        except CheckLimit:
            return [Message(text=TOO_MANY_CHECKS)], {}
        values: dict[str, str] = {}
        intro = (
            "Let's check this clinic together. I'll ask about the questions a careful patient puts to a clinic; "
            'answer in your own words with what the clinic told you. You can say "why?" to any question, "skip", '
            '"I don\'t know", "pause", or "change an answer". Your answers are saved as you go.'
        )
        if from_page:
            intro += (
                " Where the page you pasted answers a question, I'll show what it says and record it only "
                "if you confirm it."
            )
        messages = [Message(text=intro)]
        if location:
            turn = self.answer(sender_id, "location", location, None, None)
            if turn.value:
                values["location"] = turn.value
                messages += turn.messages  # "Noted: Mexico. I'll adapt the questions."
        return messages, values

    def answer(
        self,
        sender_id: str,
        question_id: str,
        text: str,
        intent: str | None,
        faq_key: str | None,
        tries: int = 0,
        prefill: Mapping[str, page.Offer] | None = None,
    ) -> Turn:
        """Handle one message sent while `question_id` was being asked (`tries`: misses in a row before it).

        A value the store already holds for this question (restored on resume, recorded when the check
        started, or noted from an earlier message) is accepted as it is, without recording it again.
        `prefill`: what a pasted clinic page implies (bot/page_check_prefill.py); the page's answer to this
        question is recorded only on the patient's "yes, that's right", and the next question's is offered.
        """
        question = BY_ID[question_id]
        text = (text or "").strip()
        before = self.store.current(sender_id)
        values = before.values if before else {}
        if values.get(question_id) == text:
            return Turn([], text)
        where = values.get("location")
        problem = classify(text)
        if problem in (Problem.EMPTY, Problem.TOO_LONG):
            return self._miss(sender_id, question, values, tries, [Message(text=reply_for(text)[0])])
        if is_payload(text):
            said = "I can't act on that command here, so I haven't recorded anything."
            return self._miss(sender_id, question, values, tries, [Message(text=said)])
        command = command_in(text)
        if command == Command.WHY or is_why(text, intent, question):
            why = question.why_for(where)
            said = f"Why this matters: {why}" if tries == 0 else _short_why(why)
            return self._miss(sender_id, question, values, tries, [Message(text=said)])
        if command in (Command.REPEAT, Command.RESUME):
            said = f"Here is {position(question.id, values)} again."
            return self._miss(sender_id, question, values, tries, [Message(text=said)])
        if command == Command.HELP:
            return self._miss(sender_id, question, values, tries, [Message(text=_help(question, values))])
        if command in COMMAND_BUTTONS:
            title, payload = COMMAND_BUTTONS[command]
            said = Message(
                text=f'Did you mean "{title.lower()}"? If so, press the button; otherwise just answer the question.',
                buttons=[{"title": title, "payload": payload}],
            )
            return self._miss(sender_id, question, values, tries, [said])
        if intent == "faq" and faq_key and looks_like_question(text):
            back = "Now, back to" if tries % 2 == 0 else "Let's return to"
            said = [Message(response=f"utter_{faq_key}"), Message(text=f"{back} {position(question.id, values)}.")]
            return self._miss(sender_id, question, values, tries, said)
        offer = (prefill or {}).get(question.id)
        if offer:
            kind = page.reply_kind(text)
            if kind == page.CONFIRM and page.value_for(question, offer, where):
                value = page.value_for(question, offer, where) or ""
                turn = self._record(sender_id, question, page.stored_text(offer), value, where, before, prefill)
                turn.messages.insert(0, Message(text=f"Noted from the page: {page.titles(question, value)}."))
                turn.page_done = True
                return turn
            if kind == page.DECLINE:
                said = f"OK, I won't use what the page says. {_hint(question)}"
                turn = self._miss(sender_id, question, values, tries, [Message(text=said)])
                turn.page_done = True
                return turn
        if is_question(text):  # a question is never an answer: nothing is recorded, the question is asked again
            said = (
                "That sounds like a question, so I haven't recorded it as an answer. I can't answer it here; "
                f"ask me again after the check. Now, back to {position(question.id, values)}."
            )
            return self._miss(sender_id, question, values, tries, [Message(text=said)])
        stored = redact(text, keep_numbers=question.id in CREDENTIAL_QUESTIONS) or ""
        reading = read(question, stored, where)
        known = {f.code for f in before.flags} if before else set()
        messages: list[Message] = []
        others = {
            other: value
            for other, value in reading.others.items()
            if other != question.id and values.get(other) is None and other in {q.id for q in applicable(values)}
        }
        for other, value in others.items():
            self.store.record_answer(sender_id, other, stored, value)
            messages.append(Message(text=f"I also noted that under {BY_ID[other].label}: {_titles(other, value)}."))
        if reading.value is None:
            unclear = ambiguity(stored) if question.id == "location" else None
            ask = Message(text=unclear) if unclear else _ask_back(question, tries)
            turn = self._miss(sender_id, question, values, tries, messages + [ask])
            turn.others = others
            return turn
        turn = self._record(sender_id, question, stored, reading.value, where, before, prefill, text, known)
        turn.messages[:0] = messages
        turn.others = others
        turn.page_done = offer is not None
        return turn

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
    ) -> Turn:
        """Record an answer; say the credential notes, new red flags, and the page's answer to the next question."""
        if known is None:
            known = {f.code for f in before.flags} if before else set()
        record = self.store.record_answer(
            sender_id, question.id, stored, value, self._clinic_fields(question, stored, value)
        )
        messages = (
            [
                Message(text=note)
                for note in credential_notes(question.id, text, value if question.id == "location" else where)
            ]
            if text
            else []
        )
        if question.id == "location":
            messages.append(
                Message(text=f"Noted: {COUNTRY_NAMES.get(value, 'location unknown')}. I'll adapt the questions.")
            )
        for flag in record.flags:
            if flag.code not in known and flag.severity == flag_rules.HIGH:
                messages.append(Message(text=f"Red flag: {flag_rules.describe(flag)[0]}"))
        offer = _next_offer(question.id, record.values, prefill)
        if offer:
            messages.append(offer)
        return Turn(messages, value)

    def _miss(
        self, sender_id: str, question: Question, values: dict[str, str], tries: int, messages: list[Message]
    ) -> Turn:
        """Not an answer: say so (changing tack the second time); the third miss in a row moves on."""
        tries += 1
        if tries >= MAX_TRIES:
            self.store.record_answer(sender_id, question.id, "(not answered)", NOT_ANSWERED)
            moved = (
                f'I\'ll mark "{question.label}" as not answered for now and move on; it stays on your list of '
                'things to ask the clinic, and you can answer it later with "change an answer".'
            )
            return Turn(messages + [Message(text=moved)], NOT_ANSWERED, tries=0)
        if tries == 2 and not any(m.buttons for m in messages):
            messages = messages + [
                Message(
                    text="If this question doesn't fit, you can skip it or pause the check.",
                    buttons=list(ESCAPE_BUTTONS),
                )
            ]
        return Turn(messages, None, tries=tries)

    @staticmethod
    def _clinic_fields(question: Question, text: str, value: str) -> dict[str, str]:
        if question.id == "clinic_name":
            return {"name": text}
        if question.id == "location":
            return {"location": text, "country": value}
        return {}

    # --- pause, resume, correct ------------------------------------------------------------------
    def pause(self, sender_id: str) -> Message:
        record = self.store.set_status(sender_id, PAUSED)
        if record is None:
            return Message(text="There is no clinic check in progress.")
        return Message(
            text=f"Paused. Your {_answered(record)} answer(s) for {chat_label(record)} are saved. "
            'Say "continue my clinic check" whenever you\'re ready.',
            buttons=[{"title": "Continue my clinic check", "payload": "/resume_check"}],
        )

    def resume(self, sender_id: str) -> tuple[list[Message], dict[str, str]]:
        """Reload the saved answers of the unfinished check (works after a restart: they are in the store)."""
        record = self.store.current(sender_id)
        if record is None:
            messages, values = self.start(sender_id)
            return [Message(text="I found no unfinished clinic check, so let's start a new one.")] + messages, values
        self.store.set_status(sender_id, ACTIVE)
        done = _answered(record)
        pending = next((q.id for q in applicable(record.values) if q.id not in record.values), None)
        where = f" Next is {position(pending, record.values)}." if pending else ""
        return [
            Message(text=f"Welcome back. Continuing the check of {chat_label(record)}: {done} answer(s) saved.{where}")
        ], record.values

    def continue_with(
        self, sender_id: str, text: str, intent: str | None, faq_key: str | None
    ) -> tuple[list[Message], dict[str, str]]:
        """After urgent advice the patient typed instead of pressing "Continue the check now": the message is
        read as the answer to the pending question (recorded if it is one; asked back if not), and the check
        goes on. Returns what to say and the answers, as `resume` does."""
        record = self.store.current(sender_id)
        if record is None:
            return self.resume(sender_id)
        self.store.set_status(sender_id, ACTIVE)
        pending = next((q.id for q in applicable(record.values) if q.id not in record.values), None)
        if pending is None:
            return [], record.values
        turn = self.answer(sender_id, pending, text, intent, faq_key)
        if turn.value is None:
            turn.messages.insert(0, Message(text=f"Back to the clinic check, {position(pending, record.values)}."))
        after = self.store.current(sender_id)
        return turn.messages, after.values if after else record.values

    def correction(self, sender_id: str, text: str, chosen: str | None) -> tuple[Message, str | None]:
        """Which answer to change: returns (message, question id to ask again) or buttons to pick one."""
        record = self.store.current(sender_id) or self.store.latest(sender_id)
        if record is None or not record.answers:
            return Message(text="There are no saved answers to change yet."), None
        if chosen and chosen not in BY_ID:
            return Message(text="I can't change that one. Which answer would you like to change?"), None
        target = BY_ID.get(chosen or "") or (None if is_payload(text) else question_named_in(text))
        if target is not None and target.id in record.answers:
            if record.status == COMPLETE:
                self.store.reopen(sender_id)
            self.store.forget_answer(sender_id, target.id)
            return Message(
                text=f"OK, let's change your answer to: {target.prompt_for(record.values.get('location'))}"
            ), target.id
        buttons = [
            {
                "title": BY_ID[q].prompt_for(record.values.get("location"))[:60],
                "payload": f'/choose_correction{{"question":"{q}"}}',
            }
            for q in record.answers
            if q in BY_ID
        ]
        return Message(text="Which answer would you like to change?", buttons=buttons), None

    # --- the end ---------------------------------------------------------------------------------
    def finish(self, sender_id: str, markdown_link: bool = False) -> list[Message]:
        record = self.store.set_status(sender_id, COMPLETE)
        if record is None:
            record = self.store.latest(sender_id)
        if record is None:
            return [Message(text="There is no clinic check to summarise yet.")]
        return [Message(text=chat_summary(record, report_url(record), markdown_link=markdown_link))]

    def report(self, sender_id: str, markdown_link: bool = False, renew: bool = False) -> Message:
        """The summary and report link; an expired link, or one the user asks to replace, is renewed."""
        record = self.store.latest(sender_id)
        if record is None:
            return Message(
                text='You have no clinic check yet. Say "check a clinic" to start one.',
                buttons=[{"title": "Check a clinic", "payload": "/start_clinic_check"}],
            )
        if renew or record.link_expired():
            record = self.store.renew_link(sender_id) or record
            summary = chat_summary(record, report_url(record), markdown_link=markdown_link)
            return Message(text=f"{RENEWED}\n{summary}")
        return Message(text=chat_summary(record, report_url(record), markdown_link=markdown_link))

    def delete(self, sender_id: str) -> Message:
        count = self.store.delete_user(sender_id)
        return Message(text=f"Done: I deleted {count} clinic check(s) with all their answers and flags.")

    def remaining(self, values: dict[str, str]) -> list[str]:
        """Ids of the questions that apply, in order (filled ones included: the form skips them)."""
        return [q.id for q in applicable(values)]


def _next_offer(answered: str, values: dict[str, str], prefill: Mapping[str, page.Offer] | None) -> Message | None:
    """The pasted page's answer to the question the check asks next, offered for confirmation."""
    if not prefill:
        return None
    pending = next((q for q in applicable(values) if q.id not in values and q.id != answered), None)
    if pending is None or pending.id not in prefill:
        return None
    said = page.offer_text(pending, prefill[pending.id], values.get("location"))
    return Message(text=said, buttons=list(page.OFFER_BUTTONS)) if said else None


def _titles(question_id: str, value: str) -> str:
    titles = {o.code: o.title for o in BY_ID[question_id].options}
    titles.update({"yes": "yes", "no": "no"})
    return ", ".join(titles.get(code, code.replace("_", " ")) for code in value.split(","))


def _ask_back(question: Question, tries: int) -> Message:
    """ "I didn't catch that": the choices in words (text channels show no buttons); the form asks again."""
    lead = "I didn't catch that." if tries == 0 else "Sorry, I still couldn't match that to an answer."
    return Message(text=f"{lead} {_hint(question)}")


def _hint(question: Question) -> str:
    """How to answer this question, with its choices in words."""
    choices = " / ".join(question.choice_titles())
    if question.kind in ("text", "number"):
        return "Please answer in a few words" + (', or say "I don\'t know".' if question.kind == "text" else ".")
    if question.kind == "multi":
        return f"You can name several: {choices}."
    return f"Please answer: {choices}."


def _help(question: Question, values: dict[str, str]) -> str:
    """What "help" gets inside the check: how to answer, and where the check is."""
    choices = " / ".join(question.choice_titles())
    return (
        f"We're at {position(question.id, values)} of the clinic check. Answer in your own words with what the "
        f'clinic told you (for example: {choices}). You can also say "skip", "why?", "pause" or '
        '"change an answer". Nothing is recorded until you answer.'
    )


def _short_why(why: str) -> str:
    first = why.split(". ")[0].rstrip(".")
    return f"In short, as I said just above: {first}."


def _answered(record: AssessmentRecord) -> int:
    """How many questions were answered (a stored registry lookup is not an answer the patient gave)."""
    return sum(1 for question_id in record.answers if question_id in BY_ID)
