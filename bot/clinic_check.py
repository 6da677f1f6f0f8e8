"""The guided clinic check as a service, independent of Rasa: start, answer, pause, resume, correct,
finish, report, delete.

Rasa's form (actions/clinic_check.py) decides *when* to call these; this module decides *what* happens:
how an answer is read, recorded and flagged, when a message is a digression (a "why?" or a safety
question) rather than an answer, and what the user is told. Every answer is written to the store the
moment it is given, so a conversation that stops half-way loses nothing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from bot import flags as flag_rules
from bot.input_check import Problem, classify, reply_for
from bot.questions import (
    BY_ID,
    MEXICO,
    OTHER,
    US,
    Question,
    applicable,
    credential_notes,
    next_question,
    parse,
    question_named_in,
)
from bot.redact import redact
from bot.report import chat_summary, clinic_label
from bot.store import ACTIVE, COMPLETE, PAUSED, AssessmentRecord, Store

_WHY = re.compile(
    r"^\s*why\s*\??\s*$|\bwhy (does|do|is|would|are) (that|this|it|you)\b|\bwhy (ask|do you ask|does it matter)\b|"
    r"\bwhat does (that|this) (mean|matter)\b|\bwhy (is )?(that|this) (important|relevant|matter)|\bexplain\b",
    re.I,
)
_QUESTION_START = re.compile(
    r"^\s*(what|why|how|is|are|can|could|does|do|should|who|where|when|which|will|would|have|has)\b", re.I
)
CREDENTIAL_QUESTIONS = {"physician", "facility_licence", "ad_notice"}
COUNTRY_NAMES = {MEXICO: "Mexico", US: "the United States", OTHER: "that country"}


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
    """The outcome of one user message inside the check: what to say, and the slot value (None: ask again)."""

    messages: list[Message]
    value: str | None


def is_why(text: str, intent: str | None) -> bool:
    return intent == "ask_why" or bool(_WHY.search(text or ""))


def looks_like_question(text: str) -> bool:
    return (text or "").strip().endswith("?") or bool(_QUESTION_START.match(text or ""))


class ClinicCheck:
    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def from_env(cls) -> ClinicCheck:
        return cls(Store.from_url(flag_rules=flag_rules.evaluate))

    # --- the check ---------------------------------------------------------------------------------
    def start(self, sender_id: str, location: str | None = None) -> tuple[list[Message], dict[str, str]]:
        """Begin a new check; a place named in the first message is recorded as the first answer."""
        self.store.start(sender_id)
        values: dict[str, str] = {}
        intro = (
            "Let's check this clinic together. I'll ask about the questions a careful patient puts to a clinic; "
            'answer with what the clinic told you. You can say "why?" to any question, "skip", '
            '"I don\'t know", "stop" to pause, or "change an answer". Your answers are saved as you go.'
        )
        messages = [Message(text=intro)]
        if location:
            turn = self.answer(sender_id, "location", location, None, None)
            values["location"] = turn.value or OTHER
            messages += turn.messages  # "Noted: Mexico. I'll adapt the questions."
        return messages, values

    def answer(self, sender_id: str, question_id: str, text: str, intent: str | None, faq_key: str | None) -> Turn:
        """Handle one message sent while `question_id` was being asked.

        A value the store already holds for this question (restored on resume, or recorded when the check
        started) is accepted as it is, without recording it again.
        """
        question = BY_ID[question_id]
        text = (text or "").strip()
        before = self.store.current(sender_id)
        if before is not None and before.values.get(question_id) == text:
            return Turn([], text)
        if is_why(text, intent):
            return Turn([Message(text=f"Why this matters: {question.why}")], None)
        if intent == "faq" and faq_key and looks_like_question(text):
            return Turn([Message(response=f"utter_{faq_key}"), Message(text="Now, back to the clinic check.")], None)
        problem = classify(text)
        if problem in (Problem.EMPTY, Problem.TOO_LONG):
            reply, _ = reply_for(text)
            return Turn([Message(text=reply)], None)
        stored = redact(text, keep_numbers=question.id in CREDENTIAL_QUESTIONS) or ""
        value = parse(question, stored)
        known = {f.code for f in before.flags} if before else set()
        where = before.values.get("location") if before else None
        record = self.store.record_answer(
            sender_id, question.id, stored, value, self._clinic_fields(question, stored, value)
        )
        messages = [
            Message(text=note)
            for note in credential_notes(question.id, text, value if question.id == "location" else where)
        ]
        if question.id == "location":
            messages.append(
                Message(
                    text=f"Noted: {COUNTRY_NAMES[value] if value in COUNTRY_NAMES else 'location unknown'}. "
                    "I'll adapt the questions."
                )
            )
        for flag in record.flags:
            if flag.code not in known and flag.severity == flag_rules.HIGH:
                messages.append(Message(text=f"Red flag: {flag.message}"))
        return Turn(messages, value)

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
            text=f"Paused. Your {len(record.answers)} answer(s) for {clinic_label(record)} are saved. "
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
        done = len(record.answers)
        return [
            Message(text=f"Welcome back. Continuing the check of {clinic_label(record)}: {done} answer(s) saved.")
        ], record.values

    def correction(self, sender_id: str, text: str, chosen: str | None) -> tuple[Message, str | None]:
        """Which answer to change: returns (message, question id to ask again) or buttons to pick one."""
        record = self.store.current(sender_id) or self.store.latest(sender_id)
        if record is None or not record.answers:
            return Message(text="There are no saved answers to change yet."), None
        target = BY_ID.get(chosen or "") or question_named_in(text)
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

    def report(self, sender_id: str, markdown_link: bool = False) -> Message:
        record = self.store.latest(sender_id)
        if record is None:
            return Message(
                text='You have no clinic check yet. Say "check a clinic" to start one.',
                buttons=[{"title": "Check a clinic", "payload": "/start_clinic_check"}],
            )
        return Message(text=chat_summary(record, report_url(record), markdown_link=markdown_link))

    def delete(self, sender_id: str) -> Message:
        count = self.store.delete_user(sender_id)
        return Message(text=f"Done: I deleted {count} clinic check(s) with all their answers and flags.")

    def remaining(self, values: dict[str, str]) -> list[str]:
        """Ids of the questions that apply, in order (filled ones included: the form skips them)."""
        return [q.id for q in applicable(values)]

    def next_id(self, values: dict[str, str]) -> str | None:
        question = next_question(values)
        return question.id if question else None
