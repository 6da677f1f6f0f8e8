"""Measures StemSafe on real questions that nobody trains on (tests/real_questions/<lang>_<part>.yml).

Each question was asked by a real person (forums, Q&A sites, clinic and hospital FAQ pages) and is
labelled with the topic that should answer it. This module sends every question over REST to a
running StemSafe stack, one fresh sender per question, and classifies the first reply:

- right      the reply is the label's answer (or an `also` alternative);
- wrong      a confident answer on something else (another topic, a clinic check, urgent advice...);
- asked back the bot offered 2-3 topics as buttons (`/faq_choice{"topic": ...}` payloads, bot/ask_back.py);
- refused    the out-of-scope / fallback reply to an in-scope question.

Questions labelled `new:<name>` have no topic yet and are counted apart ("no topic yet").

    python bench/real_questions.py                       # dev part, starts its own stack
    python bench/real_questions.py --url http://localhost:5005
    python bench/real_questions.py --part final          # only when the work is done (the lead)
    python bench/real_questions.py --language both       # English and Spanish dev parts, side by side

Importable: `load_questions`, `ReplyClassifier`, `run_set`, `summarise`, `format_report`.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import tarfile
import tempfile
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import yaml

ROOT = Path(__file__).resolve().parent.parent
SETS_DIR = ROOT / "tests" / "real_questions"

# FAQ topic keys (the answers are utter_faq/<key>); kept in step with /work/notes/topics.md.
TOPICS = frozenset(
    """
    rejection infection donor_vs_own tumours side_effects serious_harms what_are_mscs cell_sources
    fda_approved section_361_351 approved_meaning cofepris_licences mexico_legal verify_cedula
    notice_numbers certificate_of_analysis ethics_committee clinicaltrials_listing testimonials
    evidence_knee evidence_back evidence_autism evidence_als evidence_ms cost_abroad medical_tourism
    red_flags questions_to_ask report_harm second_thoughts verify_clinic
    does_it_work will_it_work_for_me proven_treatments warning_signs same_day_procedure state_laws
    find_trial future_care exosomes prp_bmac children mexico_complaints cord_blood_banking paying
    homing_claims anti_ageing approved_elsewhere routes transplant_care stem_cell_donation
    """.split()
)
# Labels that are not FAQ topics.
SPECIAL_LABELS = frozenset({"clinic_check", "recommend", "urgent", "out_of_scope"})
NEW_PREFIX = "new:"
# "card:<key>": what the evidence says for one condition, answered by that condition's card (issue 18;
# data/condition_cards.yml). Such questions were labelled new:evidence_<condition> before the cards existed.
CARD_LABEL = "card:"
OUTCOMES = ("right", "wrong", "asked_back", "refused")


def label_problem(label: object) -> str | None:
    """Why `label` is not a valid real-question label, or None when it is."""
    if not isinstance(label, str) or not label:
        return "label must be a non-empty string"
    if label in TOPICS or label in SPECIAL_LABELS:
        return None
    if label.startswith(NEW_PREFIX) and re.fullmatch(r"[a-z][a-z0-9_]*", label[len(NEW_PREFIX) :]):
        return None
    if label.startswith(CARD_LABEL):
        from bot.conditions import load_cards

        if label[len(CARD_LABEL) :] in load_cards():
            return None
    return f"unknown label {label!r}"


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    source: str
    label: str
    also: tuple[str, ...] = ()

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.label, *self.also)

    @property
    def has_topic(self) -> bool:
        return not self.label.startswith(NEW_PREFIX)


def set_path(language: str = "en", part: str = "dev", sets_dir: Path = SETS_DIR) -> Path:
    return sets_dir / f"{language}_{part}.yml"


def load_questions(language: str = "en", part: str = "dev", sets_dir: Path = SETS_DIR) -> list[Question]:
    """The questions of one set (language and part are parameters: en/es, dev/final, ...)."""
    return load_file(set_path(language, part, sets_dir))


def load_file(path: Path) -> list[Question]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Question(
            id=str(item.get("id", f"{path.stem}-{i}")),
            text=item["text"],
            source=item["source"],
            label=item["label"],
            also=tuple(item.get("also") or ()),
        )
        for i, item in enumerate(data["questions"], 1)
    ]


def normalise(text: str) -> str:
    """Case-, whitespace- and quote-style-insensitive form used to compare texts ("it’s" is "it's")."""
    straight = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", straight.casefold()).strip()


# --- what the bot said -----------------------------------------------------------------------------

FAQ_PREFIX = "utter_faq/"
RECOMMEND_RESPONSE = "utter_no_recommendation"
URGENT_RESPONSE = "utter_urgent_care"
OUT_OF_SCOPE_RESPONSE = "utter_out_of_scope"
ASK_BACK_PAYLOAD = re.compile(r'^/faq_choice\s*\{\s*"topic"\s*:\s*"([a-z0-9_]+)"')
# The first sentence of the clinic check's opening message (bot/clinic_check.py ClinicCheck.start).
CLINIC_CHECK_INTRO = "Let's check this clinic together."
CLINIC_CHECK_INTRO_ES = "Revisemos juntos esta clínica."
# How a condition card's answer starts (bot/conditions.py Card.status_sentence): a question that names a
# condition gets it instead of the topics it replaces (bot/condition_reply.py CARD_TOPICS).
CARD_PREFIX = "Status for "
CARD_PREFIX_ES = "Células madre en "  # the Spanish status sentence (bot/conditions.py Card.status_text)


@dataclass(frozen=True)
class Got:
    """What the bot did with a question: `kind` is faq / card / clinic_check / recommend / urgent / out_of_scope /
    fallback / asked_back / other / unrecognised; `detail` is the FAQ key, the condition's name, the offered
    topics, or the response name."""

    kind: str
    detail: str = ""
    offered: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.kind == "faq":
            return self.detail
        if self.kind == "asked_back":
            return "asked back: " + ", ".join(self.offered)
        return f"{self.kind}: {self.detail}" if self.detail else self.kind


def _model_domain(model: Path) -> str:
    """The domain a trained Rasa model was built with (its responses are what it says)."""
    with tarfile.open(model) as archive:
        for member in archive.getmembers():
            if member.name.lstrip("/").endswith("domain_provider/domain.yml"):
                handle = archive.extractfile(member)
                return handle.read().decode("utf-8") if handle else ""
    return ""


def _template_regex(text: str) -> re.Pattern | None:
    if "{" not in text:
        return None
    parts = [re.escape(normalise(p)) for p in re.split(r"\{[^}]*\}", text)]
    return re.compile(".*?".join(parts), re.DOTALL)


@dataclass
class ReplyClassifier:
    """Maps a reply's text back to the response that produced it (data/*.yml and domain/*.yml responses,
    the fallback replies, the clinic check's questions), and a list of replies to what the bot did."""

    responses: dict[str, list[str]]
    clinic_check_texts: list[str] = field(default_factory=list)
    _index: list[tuple[str, str, re.Pattern | None]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        for name, texts in self.responses.items():
            for text in texts:
                self._index.append((name, normalise(text), _template_regex(text)))
        for text in self.clinic_check_texts:
            self._index.append(("clinic_check", normalise(text), _template_regex(text)))

    @classmethod
    def from_project(cls, root: Path = ROOT, model: Path | None = None) -> ReplyClassifier:
        """Responses from the project's data/ and domain/ files, and from the trained model's own domain
        (`model`, default models/stemsafe.tar.gz when it exists), so a reply is recognised even when
        the answers were edited after the model was trained."""
        responses: dict[str, list[str]] = defaultdict(list)
        documents = [path.read_text(encoding="utf-8") for path in sorted((root / "data").glob("*.yml"))]
        documents += [path.read_text(encoding="utf-8") for path in sorted((root / "domain").glob("*.yml"))]
        model = model or root / "models" / "stemsafe.tar.gz"
        if model.is_file():
            documents.append(_model_domain(model))
        for document in documents:
            data = yaml.safe_load(document) or {}
            for name, variations in (data.get("responses") or {}).items():
                for variation in variations or []:
                    if (
                        isinstance(variation, dict)
                        and variation.get("text")
                        and variation["text"] not in responses[name]
                    ):
                        responses[name].append(variation["text"])
        # Fixed texts that actions send from Python (e.g. "You have no clinic check yet..."): "other". They are
        # `text=` literals or the values of a per-language mapping ({"en": "...", "es": "..."}).
        fixed = re.compile(r"""(?:\btext=|["'](?:en|es)["']:\s*)(["'])(.{20,}?)(?<!\\)\1""")
        for path in sorted((root / "bot").glob("*.py")) + sorted((root / "actions").glob("*.py")):
            for literal in fixed.findall(path.read_text(encoding="utf-8")):
                responses[f"action:{path.stem}"].append(literal[1])
        clinic_check = [CLINIC_CHECK_INTRO, CLINIC_CHECK_INTRO_ES]
        try:  # the clinic check's question prompts, as tests/driver.py recognises them
            sys.path.insert(0, str(root))
            from bot.input_check import REPLIES_BY_LANGUAGE
            from bot.questions import QUESTIONS

            for q in QUESTIONS:
                clinic_check += [q.prompt, *q.prompts_by_country.values()]
                clinic_check += [q.prompt_es, *q.prompts_by_country_es.values()]
            for replies in REPLIES_BY_LANGUAGE.values():
                for problem, (text, _buttons) in replies.items():
                    responses[f"fallback:{problem.name.lower()}"].append(text)
        except ImportError:  # pragma: no cover - outside the project
            pass
        return cls(dict(responses), clinic_check)

    def identify(self, text: str) -> str | None:
        """The response name whose text this reply is (or contains), or None."""
        reply = normalise(text)
        if not reply:
            return None
        best, best_score = None, 0.0
        for name, candidate, pattern in self._index:
            if reply == candidate:
                return name
            if pattern is not None and pattern.search(reply):
                return name
            short, long_ = sorted((reply, candidate), key=len)
            if len(short) >= 25 and short in long_:
                score = 0.95 + len(short) / len(long_) / 100
            else:
                head = 300
                score = difflib.SequenceMatcher(None, reply[:head], candidate[:head], autojunk=False).quick_ratio()
                if score >= 0.8:
                    score = difflib.SequenceMatcher(None, reply[:head], candidate[:head], autojunk=False).ratio()
            if score > best_score:
                best, best_score = name, score
        return best if best_score >= 0.85 else None

    def got(self, replies: list[dict]) -> Got:
        """What the bot did, from its replies to one message (in order): the first reply that is an answer,
        urgent advice, a clinic check, a refusal or an ask-back decides; a message that is none of these
        (e.g. "Now, back to the clinic check.") decides only when nothing else follows."""
        unrecognised, other = "", None
        for reply in replies:
            text = reply.get("text") or ""
            for prefix in (CARD_PREFIX, CARD_PREFIX_ES):
                if text.startswith(prefix):
                    return Got("card", text[len(prefix) :].split(":", 1)[0])
            offered = tuple(
                m.group(1)
                for b in reply.get("buttons") or []
                if (m := ASK_BACK_PAYLOAD.match(str(b.get("payload", ""))))
            )
            if offered and not self._is_faq_answer(reply.get("text", "")):
                return Got("asked_back", offered=offered)
            name = self.identify(reply.get("text") or "")
            if name is None:
                unrecognised = unrecognised or (reply.get("text") or "")[:80]
                continue
            got = self._kind(name)
            if got.kind != "other":
                return got
            other = other or got
        return other or Got("unrecognised", unrecognised or "(no reply)")

    def _is_faq_answer(self, text: str) -> bool:
        name = self.identify(text) if text else None
        return bool(name and name.startswith(FAQ_PREFIX))

    @staticmethod
    def _kind(name: str) -> Got:
        if name.startswith(FAQ_PREFIX):
            return Got("faq", name[len(FAQ_PREFIX) :])
        if name == "clinic_check" or name.startswith("utter_ask_q_"):
            return Got("clinic_check")
        if name == RECOMMEND_RESPONSE:
            return Got("recommend")
        if name == URGENT_RESPONSE or name.startswith(URGENT_RESPONSE + "_"):
            return Got("urgent")
        if name == OUT_OF_SCOPE_RESPONSE:
            return Got("out_of_scope")
        if name.startswith("fallback:"):
            return Got("fallback", name.split(":", 1)[1])
        return Got("other", name)


# --- right / wrong / asked back / refused ----------------------------------------------------------

REFUSALS = ("out_of_scope", "fallback")


def card_keys(name: str) -> set[str]:
    """The card keys whose condition is called `name` in the card's "Status for <name>:" sentence."""
    from bot.conditions import load_cards

    return {card.key for card in load_cards().values() if name in (card.name, card.name_in("es"))}


def outcome(question: Question, got: Got) -> str:
    """right / wrong / asked_back / refused for one question (new:<name> labels are judged the same
    way but reported apart)."""
    accepted = set(question.accepted)
    if got.kind == "asked_back":
        return "asked_back"
    if got.kind in REFUSALS:
        return "right" if "out_of_scope" in accepted else "refused"
    if got.kind == "faq":
        return "right" if got.detail in accepted else "wrong"
    if got.kind == "card":  # the named condition's card, in place of a topic about whether it works, its risks...
        from bot.condition_reply import CARD_TOPICS

        return "right" if accepted & (CARD_TOPICS | {CARD_LABEL + key for key in card_keys(got.detail)}) else "wrong"
    if got.kind in SPECIAL_LABELS:
        return "right" if got.kind in accepted else "wrong"
    return "wrong"  # another response, or a reply we could not recognise


@dataclass
class Result:
    question: Question
    got: Got
    outcome: str
    replies: list[dict] = field(default_factory=list)


Sender = Callable[[str, str], list[dict]]


def run_set(
    questions: Iterable[Question],
    send: Sender,
    classifier: ReplyClassifier | None = None,
    progress: Callable[[int, Result], None] | None = None,
) -> list[Result]:
    """Ask every question as a new user (a fresh sender id each) and classify the first reply."""
    classifier = classifier or ReplyClassifier.from_project()
    results = []
    for i, q in enumerate(questions, 1):
        replies = send(f"realq-{uuid.uuid4().hex[:12]}", q.text)
        got = classifier.got(replies)
        result = Result(q, got, outcome(q, got), replies)
        results.append(result)
        if progress:
            progress(i, result)
    return results


def summarise(results: list[Result], available: set[str] | None = None) -> dict:
    """Counts and shares overall (questions with a topic), per label, and for new:<name> apart; with
    `available` (the FAQ keys the bot has), also for the questions whose answer exists yet."""
    scored = [r for r in results if r.question.has_topic]
    no_topic = [r for r in results if not r.question.has_topic]
    counts = Counter(r.outcome for r in scored)
    per_label: dict[str, Counter] = defaultdict(Counter)
    for r in scored:
        per_label[r.question.label][r.outcome] += 1
    no_topic_counts = Counter(
        "asked_back" if r.got.kind == "asked_back" else "refused" if r.got.kind in REFUSALS else "answered"
        for r in no_topic
    )
    total = len(scored)
    return {
        "questions": len(results),
        "scored": total,
        "counts": {k: counts[k] for k in OUTCOMES},
        "shares": {k: (counts[k] / total if total else 0.0) for k in OUTCOMES},
        "per_label": {label: {k: c[k] for k in OUTCOMES} for label, c in sorted(per_label.items())},
        "no_topic": {"questions": len(no_topic), **no_topic_counts},
        "answer_exists": _answer_exists(scored, available),
    }


def _answer_exists(scored: list[Result], available: set[str] | None) -> dict | None:
    """Outcomes for questions whose label (or an `also`) the bot can give today."""
    if available is None:
        return None
    can = available | SPECIAL_LABELS
    subset = [r for r in scored if any(a in can for a in r.question.accepted)]
    counts = Counter(r.outcome for r in subset)
    return {"questions": len(subset), **{k: counts[k] for k in OUTCOMES}}


def format_report(name: str, results: list[Result], show_wrong: bool = True, available: set[str] | None = None) -> str:
    s = summarise(results, available)
    lines = [
        f"Real questions: {name} — {s['questions']} questions, {s['scored']} with a topic, "
        f"{s['no_topic']['questions']} with no topic yet (new:<name>)",
        "",
        f"{'':14}{'count':>7}{'share':>8}",
    ]
    for k in OUTCOMES:
        lines.append(f"{k.replace('_', ' '):14}{s['counts'][k]:>7}{s['shares'][k]:>8.1%}")
    if ae := s["answer_exists"]:
        n = ae["questions"] or 1
        lines += [
            "",
            f"Of these, {ae['questions']} have an answer the bot already has: "
            f"right {ae['right']} ({ae['right'] / n:.1%}), wrong {ae['wrong']} ({ae['wrong'] / n:.1%}), "
            f"asked back {ae['asked_back']}, refused {ae['refused']}",
        ]
    nt = s["no_topic"]
    lines += [
        "",
        f"No topic yet: {nt['questions']} — answered with some topic {nt.get('answered', 0)}, "
        f"asked back {nt.get('asked_back', 0)}, refused {nt.get('refused', 0)}",
        "",
        f"{'per label':28}{'n':>4}{'right':>7}{'wrong':>7}{'asked':>7}{'refused':>9}",
    ]
    for label, c in s["per_label"].items():
        n = sum(c.values())
        lines.append(f"{label:28}{n:>4}{c['right']:>7}{c['wrong']:>7}{c['asked_back']:>7}{c['refused']:>9}")
    if show_wrong:
        wrong = [r for r in results if r.question.has_topic and r.outcome != "right"]
        if wrong:
            lines += ["", "Not right (id, label -> what the bot did, question):"]
            for r in wrong:
                lines.append(f"  {r.question.id:12} {r.question.label:22} -> {str(r.got):30} {r.question.text[:90]!r}")
        no_topic = [r for r in results if not r.question.has_topic]
        if no_topic:
            lines += ["", "No topic yet (id, label -> what the bot did):"]
            for r in no_topic:
                lines.append(f"  {r.question.id:12} {r.question.label:28} -> {r.got}")
    return "\n".join(lines)


# --- command line ------------------------------------------------------------------------------------


def rest_sender(url: str) -> Sender:
    import requests

    from tests.servers import rest_headers

    session = requests.Session()
    session.headers.update(rest_headers())  # the local token profile (tests/servers.py; STEMSAFE_REST_TOKEN)

    def send(sender: str, text: str) -> list[dict]:
        response = session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=120)
        response.raise_for_status()
        return response.json()

    return send


def side_by_side(summaries: dict[str, dict]) -> str:
    """One line per outcome, a column per set (e.g. en_dev beside es_dev)."""
    names = list(summaries)
    lines = ["Side by side (questions with a topic):", f"{'':14}" + "".join(f"{n:>18}" for n in names)]
    lines.append(f"{'with a topic':14}" + "".join(f"{summaries[n]['scored']:>18}" for n in names))
    for k in OUTCOMES:
        cells = "".join(f"{summaries[n]['counts'][k]:>9} ({summaries[n]['shares'][k]:>5.1%})" for n in names)
        lines.append(f"{k.replace('_', ' '):14}{cells}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", default="dev", help="dev (default) or final (only when the work is done)")
    parser.add_argument("--language", default="en", help="en (default), es, or both (printed side by side)")
    parser.add_argument("--set", dest="set_file", type=Path, help="a set file instead of --language/--part")
    parser.add_argument("--url", help="a running StemSafe server (default: start one with tests.servers.Stack)")
    parser.add_argument("--json", type=Path, help="also write every question's result here")
    args = parser.parse_args(argv)

    languages = ("en", "es") if args.language == "both" else (args.language,)
    paths = [args.set_file] if args.set_file else [set_path(lang, args.part) for lang in languages]
    is_final = args.part == "final" and not args.set_file
    stack = None
    runs: dict[str, list[Result]] = {}
    try:
        if args.url:
            url = args.url.rstrip("/")
        else:
            sys.path.insert(0, str(ROOT))
            from tests.servers import Stack

            stack = Stack(Path(tempfile.mkdtemp(prefix="realq-"))).start()
            url = stack.url
        classifier = ReplyClassifier.from_project()
        for path in paths:
            questions = load_file(path)

            def progress(i: int, r: Result, n: int = len(questions), name: str = path.stem) -> None:
                print(f"\r{name} {i}/{n}", end="", file=sys.stderr, flush=True)

            runs[path.stem] = run_set(questions, rest_sender(url), classifier, progress=progress)
            print(file=sys.stderr)
    finally:
        if stack:
            stack.stop()
    available = {n[len(FAQ_PREFIX) :] for n in classifier.responses if n.startswith(FAQ_PREFIX)}
    for name, results in runs.items():
        print(format_report(name, results, show_wrong=not is_final, available=available))
        print()
    if len(runs) > 1:
        print(side_by_side({name: summarise(results, available) for name, results in runs.items()}))
    if args.json:
        payload = {}
        for name, results in runs.items():
            rows = [
                {"id": r.question.id, "label": r.question.label, "got": str(r.got), "outcome": r.outcome}
                for r in results
            ]
            payload[name] = {"summary": summarise(results, available), "results": rows}
        args.json.write_text(json.dumps(payload if len(runs) > 1 else next(iter(payload.values())), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
