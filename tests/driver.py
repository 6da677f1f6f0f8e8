"""Drives whole clinic checks over Rasa's REST channel, as a patient types them, and judges the result.

Used by the scenario suite (tests/e2e/test_scenarios.py, scenarios in tests/scenarios/*.yml) and by the
randomised driver (bench/check_driver.py). The check asks its questions in an order that depends on the
answers, so a conversation is not a fixed script: answers are keyed by question id, and the driver answers
whichever question the bot asks. It recognises a question by its wording, read from bot/questions.py
(every country's wording), so it follows the check when questions are reworded or added. Extra turns (side
questions, "why?", information given for another question, symptom reports) are injected when a given
question is pending. Every bot message is recorded; at the end the driver reads what the check stored
(the records database, or the printable report page) and compares it with the scenario's expectations.
"""

from __future__ import annotations

import html
import re
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import yaml

from bot import questions as catalogue
from tests.servers import rest_headers, rest_id

SCENARIO_DIR = Path(__file__).resolve().parent / "scenarios"

# Levels as the report words them; the lowest level's wording is being renamed, so it is "anything else".
SERIOUS, SOME, LOWEST = "serious", "some", "lowest"
_OVERALL = re.compile(r"(?:Overall|Resultado general):\s*([^\n]+)")
_REPORT_LINK = re.compile(r"(https?://[^\s)\]]+)?/report/([A-Za-z0-9_\-]+)")
_SAFE = re.compile(r"(?<![A-Za-z])safe(?![A-Za-z])", re.I)
_NEGATION = re.compile(
    r"\b(not|never|no|isn'?t|aren'?t|doesn'?t|don'?t|cannot|can'?t|won'?t|nothing|without|neither|nor)\b|n't\b", re.I
)
_QUOTED_SAFE = re.compile(r"[\"'“‘«]\s*[^\"'“”‘’«»]{0,40}\bsafe\b[^\"'“”‘’«»]{0,40}[\"'”’»]", re.I)
_CLAIM = re.compile(r"\b(said|says|claim\w*|told|promis\w*|called it|market\w*|advertis\w*)\b", re.I)
# Offers to go on after an interruption ("Continue the check now, or later?"), pressed like a button.
_CONTINUE = re.compile(r"\b(continue|carry on|go on|resume|continuar|seguir|sigamos|retomar)\b", re.I)


# --- recognising what the bot asked ---------------------------------------------------------------
def _wordings() -> list[tuple[str, str]]:
    """(wording, question id) for every question in every country, longest first, plus first sentences."""
    found: dict[str, str] = {}
    for question in catalogue.QUESTIONS:
        variants = [question.prompt, *getattr(question, "prompts_by_country", {}).values()]
        variants += [question.prompt_es, *question.prompts_by_country_es.values()] if question.prompt_es else []
        for text in variants:
            found.setdefault(text.strip(), question.id)
            first = re.split(r"(?<=[?.:])\s", text.strip(), maxsplit=1)[0]
            if len(first) >= 20:
                found.setdefault(first, question.id)
    return sorted(found.items(), key=lambda item: -len(item[0]))


WORDINGS = _wordings()


def question_in(text: str) -> str | None:
    """The id of the clinic-check question a bot message asks (its wording appears in it), if any."""
    if not text:
        return None
    best: tuple[int, str] | None = None
    for wording, question_id in WORDINGS:
        at = text.rfind(wording)
        if at >= 0 and (best is None or at > best[0]):
            best = (at, question_id)
    return best[1] if best else None


def texts(replies: Sequence[Mapping[str, Any]]) -> list[str]:
    return [r.get("text") or "" for r in replies if r.get("text")]


def pending_question(replies: Sequence[Mapping[str, Any]]) -> str | None:
    """The question the bot is waiting for after a turn: the last one asked in its replies."""
    for text in reversed(texts(replies)):
        found = question_in(text)
        if found:
            return found
    return None


def overall_level(text: str) -> str | None:
    """serious / some / lowest from a summary's "Overall:" line; None when there is no such line."""
    match = _OVERALL.search(text or "")
    if not match:
        return None
    words = match.group(1).strip().lower()
    if words.startswith(("serious", "preocupaciones serias")):
        return SERIOUS
    if words.startswith(("some", "algunas preocupaciones")):
        return SOME
    return LOWEST


def calls_safe(text: str) -> list[str]:
    """Sentences of a bot message that call something safe (not negated, not quoting a claim)."""
    bad = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", (text or "").replace("StemSafe", "StemXafe")):
        if not _SAFE.search(sentence):
            continue
        if _NEGATION.search(sentence) or _QUOTED_SAFE.search(sentence) or _CLAIM.search(sentence):
            continue
        if sentence.rstrip().endswith("?") or re.search(r"\bwhether\b", sentence, re.I):
            continue  # a question ("Is it safe?"), not a statement
        bad.append(sentence.strip())
    return bad


# --- talking to the server ------------------------------------------------------------------------
class RestClient:
    """Rasa's REST channel: one POST per patient message, the bot's replies back."""

    def __init__(self, url: str, timeout: float = 90.0, session: requests.Session | None = None) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers.update(rest_headers())  # the local token profile (tests/servers.py)

    def say(self, sender: str, text: str) -> list[dict[str, Any]]:
        response = self.session.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=self.timeout
        )
        response.raise_for_status()
        return response.json()


@dataclass(frozen=True)
class Extra:
    """A turn that is not the answer asked for, sent when question `at` is pending (before answering).

    kind: why / side_question / info (an answer to another question) / symptom / command / junk.
    Everything but "info" is an interruption: it must never be recorded as an answer.
    """

    text: str
    at: str
    kind: str = "side_question"

    @property
    def interruption(self) -> bool:
        return self.kind != "info"


@dataclass
class Exchange:
    sent: str
    role: str  # opening / answer / extra / continue
    pending: str | None  # the question pending when the message was sent
    replies: list[dict[str, Any]]
    kind: str | None = None  # an extra's kind

    @property
    def text(self) -> str:
        return "\n".join(texts(self.replies))


@dataclass
class Conversation:
    sender: str
    exchanges: list[Exchange] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)  # question ids, in the order they were asked
    unscripted: list[str] = field(default_factory=list)  # questions asked that the scenario had no answer for
    level: str | None = None
    summary: str | None = None
    report_url: str | None = None
    report_token: str | None = None
    stalled: str | None = None  # why the driver stopped before a report
    problems: list[str] = field(default_factory=list)  # what went wrong on the way, even if a report came

    @property
    def reached_report(self) -> bool:
        return self.level is not None

    def bot_messages(self) -> list[str]:
        return [t for e in self.exchanges for t in texts(e.replies)]

    def interruptions(self) -> list[Exchange]:
        return [e for e in self.exchanges if e.role == "extra" and e.kind != "info"]

    def longest_repeat(self) -> int:
        """The longest run of consecutive turns that got exactly the same reply from the bot."""
        longest = run = 0
        previous: str | None = None
        for exchange in self.exchanges:
            reply = exchange.text
            run = run + 1 if reply and reply == previous else 1
            previous = reply
            longest = max(longest, run)
        return longest

    def transcript(self, limit: int = 400) -> str:
        lines = []
        for e in self.exchanges:
            tag = f"{e.role}{'/' + e.kind if e.kind else ''}@{e.pending or '-'}"
            lines.append(f"> [{tag}] {e.sent}")
            lines += [f"  < {t[:limit]}" for t in texts(e.replies)]
        return "\n".join(lines)


AnswerSource = Mapping[str, "str | Sequence[str]"] | Callable[[str, int], str | None]


class Driver:
    """Plays one patient through a whole clinic check over REST."""

    def __init__(self, client: RestClient, sender: str | None = None, max_turns: int = 90) -> None:
        self.client = client
        self.sender = sender or f"scenario-{uuid.uuid4().hex}"
        self.max_turns = max_turns

    def run(
        self,
        opening: Sequence[str],
        answers: AnswerSource,
        extras: Sequence[Extra] | Callable[[str, int], Extra | None] = (),
        default_answer: str = "I don't know",
    ) -> Conversation:
        """Open the conversation, then answer whichever question is asked until the report (or a stall).

        `answers` maps a question id to an answer, or to a list of answers used in turn when the same
        question is asked again (the last one repeats); or it is a function (question id, attempt) ->
        answer. Extras are sent once each, when their question is first pending; or `extras` is a function
        (pending question id, extras already sent at it) -> the extra to send now, or None to answer.
        """
        convo = Conversation(self.sender)
        pending: str | None = None
        for text in opening:
            pending = self._send(convo, text, "opening", pending) or pending
        if pending is None and opening:
            # Noted as a failure, then the patient asks plainly, so the rest of the check is judged too.
            convo.problems.append(f"the opening did not start a clinic check: {opening[-1]!r}")
            pending = self._send(convo, "check a clinic", "opening", None)
        waiting = [] if callable(extras) else list(extras)
        sent_at: dict[str, int] = {}
        attempts: dict[str, int] = {}
        continued = 0
        while len(convo.exchanges) < self.max_turns and not convo.reached_report:
            if pending is None:
                offer = self._continue_offer(convo)
                if offer is None or continued >= 3:
                    convo.stalled = (
                        "no question pending and no report: the check was lost"
                        if convo.asked
                        else "the opening did not start a clinic check"
                    )
                    break
                continued += 1
                last = convo.exchanges[-1]
                if last.kind != "symptom":  # only urgent advice may hand the choice back to the patient
                    convo.problems.append(f"the check stopped after {last.sent!r} and had to be resumed")
                pending = self._send(convo, offer, "continue", None)
                if pending is not None:
                    # Continuing worked: count only continues in a row that lead nowhere. (A patient who
                    # reports symptoms four times in one check, and continues each time, still reaches the
                    # report; the driver used to give up at the fourth continue of the whole check.)
                    continued = 0
                continue
            if callable(extras):
                extra = extras(pending, sent_at.get(pending, 0))
            else:
                extra = next((x for x in waiting if x.at == pending), None)
                if extra is not None:
                    waiting.remove(extra)
            if extra is not None:
                sent_at[pending] = sent_at.get(pending, 0) + 1
                pending = self._send(convo, extra.text, "extra", pending, extra.kind)
                continue
            attempt = attempts.get(pending, 0)
            attempts[pending] = attempt + 1
            answer = self._answer(answers, pending, attempt)
            if answer is None:
                if pending not in convo.unscripted:
                    convo.unscripted.append(pending)
                answer = default_answer
            pending = self._send(convo, answer, "answer", pending)
        else:
            if not convo.reached_report:
                convo.stalled = f"no report after {self.max_turns} messages"
        return convo

    @staticmethod
    def _answer(answers: AnswerSource, question_id: str, attempt: int) -> str | None:
        if callable(answers):
            return answers(question_id, attempt)
        given = answers.get(question_id)
        if given is None:
            return None
        if isinstance(given, str):
            return given
        return given[min(attempt, len(given) - 1)] if given else None

    @staticmethod
    def _continue_offer(convo: Conversation) -> str | None:
        """After urgent advice the check may offer to continue now or later: the patient presses "continue"
        (the button's payload, as the chat widget sends it), or types it when there is no button."""
        if not convo.exchanges:
            return None
        last = convo.exchanges[-1]
        for reply in last.replies:
            for button in reply.get("buttons") or []:
                if _CONTINUE.search(button.get("title") or ""):
                    return button.get("payload") or button["title"]
        if _CONTINUE.search(last.text):
            return "continue my clinic check"
        return None

    def _send(
        self, convo: Conversation, text: str, role: str, pending: str | None, kind: str | None = None
    ) -> str | None:
        replies = self.client.say(self.sender, text)
        exchange = Exchange(text, role, pending, replies, kind)
        convo.exchanges.append(exchange)
        for message in texts(replies):
            level = overall_level(message)
            if level is not None and convo.level is None:
                convo.level, convo.summary = level, message
                link = _REPORT_LINK.search(message)
                if link:
                    convo.report_url = link.group(0)
                    convo.report_token = link.group(2)
        asked = pending_question(replies)
        if asked is not None:
            convo.asked.append(asked)
        return asked


# --- what the check stored -------------------------------------------------------------------------
@dataclass
class Outcome:
    """What the check recorded: flags (code -> severity) and answers (question id -> (raw text, value))."""

    flags: dict[str, str]
    answers: dict[str, tuple[str, str]]
    status: str | None = None


_STORES: dict[str, Any] = {}
_STORES_LOCK = threading.Lock()


def _store(database_url: str) -> Any:
    """One records store per database for the whole run: opening one runs Alembic's upgrade, whose
    environment is process-global, so two checks judged at once (bench/check_driver.py's workers) crashed
    with KeyError: 'config'."""
    from bot import flags as flag_rules
    from bot.store import Store

    with _STORES_LOCK:
        if database_url not in _STORES:
            _STORES[database_url] = Store.from_url(database_url, flag_rules=flag_rules.evaluate)
        return _STORES[database_url]


def outcome_from_store(database_url: str, sender: str) -> Outcome | None:
    record = _store(database_url).latest(rest_id(sender))  # REST conversations are stored as rest:<sender>
    if record is None:
        return None
    return Outcome(
        {f.code: f.severity for f in record.flags},
        {k: (str(v[0]), str(v[1])) for k, v in record.answers.items()},
        record.status,
    )


_ROW = re.compile(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", re.S)


def outcome_from_report_page(url: str, timeout: float = 30.0) -> Outcome | None:
    """Answers as the printable report shows them (raw text only; the page shows no flag codes)."""
    response = requests.get(url, timeout=timeout)
    if response.status_code != 200:
        return None
    prompts = {w: qid for w, qid in WORDINGS}
    answers = {}
    for label, raw in _ROW.findall(response.text):
        label = html.unescape(label)
        answers[prompts.get(label, label)] = (html.unescape(raw), "")
    return Outcome({}, answers)


def recorded_interruptions(convo: Conversation, outcome: Outcome) -> list[tuple[str, str]]:
    """(question id, text) of every interruption the check stored as an answer."""
    from bot.redact import redact

    sent = {}
    for exchange in convo.interruptions():
        sent[exchange.sent.strip().lower()] = exchange.sent
        for keep_numbers in (True, False):  # the check redacts what it stores (numbers kept for credentials)
            sent[(redact(exchange.sent, keep_numbers=keep_numbers) or "").strip().lower()] = exchange.sent
    return [
        (question_id, sent[raw.strip().lower()])
        for question_id, (raw, _value) in outcome.answers.items()
        if raw.strip().lower() in sent
    ]


# --- scenarios ---------------------------------------------------------------------------------------
@dataclass
class Scenario:
    name: str
    title: str
    sources: list[str]
    country: str
    opening: list[str]
    answers: dict[str, str | list[str]]
    extras: list[Extra]
    level: str | None  # the level that must be reached
    level_not: list[str]  # levels that must not be reached
    flags: list[str]  # flag codes that must appear
    flags_not: list[str]  # flag codes that must not appear
    any_of: list[list[str]]  # at least one code of each group must appear
    path: Path | None = None

    @classmethod
    def load(cls, path: Path) -> Scenario:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        expect = data.get("expect") or {}
        extras = [
            Extra(str(x["text"]), str(x["at"]), str(x.get("kind", "side_question"))) for x in data.get("extras") or []
        ]
        return cls(
            name=path.stem,
            title=str(data.get("title", path.stem)),
            sources=[str(s) for s in data.get("sources", [])],
            country=str(data.get("country", "")),
            opening=[str(t) for t in data.get("opening", [])],
            answers={str(k): v for k, v in (data.get("answers") or {}).items()},
            extras=extras,
            level=expect.get("level"),
            level_not=list(expect.get("level_not") or []),
            flags=list(expect.get("flags") or []),
            flags_not=list(expect.get("flags_not") or []),
            any_of=[list(group) for group in expect.get("any_of") or []],
            path=path,
        )

    def play(self, client: RestClient, sender: str | None = None) -> Conversation:
        return Driver(client, sender or f"scenario-{self.name}-{uuid.uuid4().hex[:8]}").run(
            self.opening, self.answers, self.extras
        )

    def level_problems(self, level: str | None) -> list[str]:
        """How a reached level misses this scenario's expected level (empty: it does not)."""
        problems = []
        if self.level and level != self.level:
            problems.append(f"level {level!r}, expected {self.level!r}")
        if level in self.level_not:
            problems.append(f"level {level!r} must not be reached")
        return problems

    def flag_problems(self, codes: set[str]) -> list[str]:
        """How the stored flag codes miss this scenario's expected flags (empty: they do not)."""
        problems = []
        missing = [c for c in self.flags if c not in codes]
        if missing:
            problems.append(f"flags missing: {missing}")
        unwanted = [c for c in self.flags_not if c in codes]
        if unwanted:
            problems.append(f"flags that must not appear: {unwanted}")
        for group in self.any_of:
            if not codes.intersection(group):
                problems.append(f"none of these flags: {group}")
        return problems

    def judge(self, convo: Conversation, outcome: Outcome | None) -> list[str]:
        """Every way the conversation missed this scenario's expectations (empty: it passed)."""
        problems: list[str] = list(convo.problems)
        if not convo.reached_report:
            problems.append(f"no report: {convo.stalled}")
        problems += self.level_problems(convo.level)
        for message in convo.bot_messages():
            for sentence in calls_safe(message):
                problems.append(f"a bot message calls something safe: {sentence!r}")
        if outcome is None:
            problems.append("nothing was recorded for this conversation")
            return problems
        problems += self.flag_problems(set(outcome.flags))
        for question_id, text in recorded_interruptions(convo, outcome):
            problems.append(f"an interruption was recorded as the answer to {question_id}: {text!r}")
        return problems


def load_scenarios(directory: Path = SCENARIO_DIR) -> list[Scenario]:
    return [Scenario.load(p) for p in sorted(directory.glob("*.yml"))]
