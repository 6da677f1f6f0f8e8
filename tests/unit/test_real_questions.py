"""The real-question sets are well formed, and nobody trains on them.

tests/real_questions/*.yml hold questions real people asked, verbatim. They measure the assistant
(bench/real_questions.py); copying them, or near copies, into data/*.yml would make that measure
meaningless, so this test fails when any of them appears in a training file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bench.real_questions import CARD_LABEL, SETS_DIR, SPECIAL_LABELS, TOPICS, label_problem, load_file, normalise
from tests.held_out import assert_header_says, assert_unique, empty_fields

ROOT = Path(__file__).resolve().parents[2]
SET_FILES = sorted(SETS_DIR.glob("*.yml"))
TRAINING_FILES = sorted((ROOT / "data").glob("*.yml"))
HEADER_WORDS = ("verbatim", "never train")


def _questions():
    return [(path.name, q) for path in SET_FILES for q in load_file(path)]


def test_the_english_sets_exist():
    names = {p.name for p in SET_FILES}
    assert {"en_dev.yml", "en_final.yml"} <= names
    assert len(_questions()) >= 200


def test_the_spanish_sets_exist_and_load_like_the_english_ones():
    from bench.real_questions import load_questions

    dev, final = load_questions("es", "dev"), load_questions("es", "final")
    assert len(dev) + len(final) >= 100, "issue 13 item 3 asks for at least 100 Spanish questions"
    # A spent final part moves into dev whole, ids kept (es-final-*); the final part holds only the newest one.
    assert all(re.fullmatch(r"es-(dev|final|f\d+)-\d+", q.id) for q in dev)
    newest = {q.id.rsplit("-", 1)[0] for q in final}
    assert len(newest) == 1 and not newest & {"es-dev", "es-final"}, "the final part is one fresh collection"
    assert len(final) >= 30, "the final part is big enough to measure on (the corpus holds little unused Spanish)"


@pytest.mark.parametrize("path", SET_FILES, ids=lambda p: p.name)
def test_set_file_format(path: Path):
    text = path.read_text(encoding="utf-8")
    assert_header_says(path, text, HEADER_WORDS)
    data = yaml.safe_load(text)
    assert set(data) == {"questions"}
    problems = []
    for i, item in enumerate(data["questions"], 1):
        where = f"{path.name} item {i}"
        unknown = set(item) - {"id", "text", "source", "label", "also", "note"}
        if unknown:
            problems.append(f"{where}: unknown fields {sorted(unknown)}")
        problems += [f"{where}: {problem}" for problem in empty_fields(item)]
        if problem := label_problem(item.get("label")):
            problems.append(f"{where}: {problem}")
        also = item.get("also", [])
        if not isinstance(also, list) or any(
            a not in TOPICS | SPECIAL_LABELS and not (a.startswith(CARD_LABEL) and label_problem(a) is None)
            for a in also
        ):
            problems.append(f"{where}: also must list known keys or cards (no new:), got {also!r}")
        if "note" in item and (not isinstance(item["note"], str) or not item["note"].strip()):
            problems.append(f"{where}: a note must say something")
    assert not problems, "\n".join(problems)


def test_ids_and_texts_are_unique_across_sets():
    assert_unique(((name, q.id, q.text) for name, q in _questions()), normalise)


def test_no_question_is_a_piece_of_another_from_the_same_page():
    by_page: dict[str, list] = {}
    for _name, q in _questions():
        by_page.setdefault(q.source.split()[0], []).append(q)
    repeats = [
        (a.id, b.id)
        for qs in by_page.values()
        for a in qs
        for b in qs
        if a is not b and normalise(a.text) in normalise(b.text)
    ]
    assert not repeats


def _training_texts() -> tuple[dict[str, str], set[str]]:
    files, examples = {}, set()
    for path in TRAINING_FILES:
        raw = path.read_text(encoding="utf-8")
        files[path.name] = normalise(raw)
        for line in raw.splitlines():
            if m := re.match(r"\s*-\s+(.+)$", line):
                examples.add(_bare(m.group(1)))
    return files, examples


def _bare(text: str) -> str:
    return normalise(text).strip("\"'").rstrip("?.! ")


def test_no_real_question_is_in_the_training_data():
    """Case- and space-insensitive: a question inside any data/*.yml file, or an NLU example that
    equals a question up to its closing punctuation, fails."""
    files, examples = _training_texts()
    leaks = []
    for name, q in _questions():
        text = normalise(q.text)
        leaks += [f"{q.id} ({name}) is in data/{f}: {q.text!r}" for f, body in files.items() if text in body]
        if _bare(q.text) in examples:
            leaks.append(f"{q.id} ({name}) is an NLU example: {q.text!r}")
    assert not leaks, "Real questions must never be trained on:\n" + "\n".join(leaks)


def test_the_leak_check_catches_a_copied_question():
    q = _questions()[0][1]
    copied = normalise(f"nlu:\n- intent: faq/x\n  examples: |\n    - {q.text.upper()}\n")
    assert normalise(q.text) in copied


# --- the harness's reply classifier (bench/real_questions.py) ---------------------------------------


@pytest.fixture(scope="module")
def classifier():
    from bench.real_questions import ReplyClassifier

    return ReplyClassifier.from_project()


def test_every_faq_answer_is_recognised_as_itself(classifier):
    answers = {n: t for n, t in classifier.responses.items() if n.startswith("utter_faq/")}
    assert len(answers) >= 30
    wrong = {n: classifier.identify(texts[0]) for n, texts in answers.items() if classifier.identify(texts[0]) != n}
    assert not wrong


def test_replies_map_to_what_the_bot_did(classifier):
    from bench.real_questions import CLINIC_CHECK_INTRO, Got

    faq = classifier.responses["utter_faq/rejection"][0]
    urgent = classifier.responses["utter_urgent_care"][0]
    assert classifier.got([{"text": faq}]) == Got("faq", "rejection")
    assert classifier.got([{"text": urgent}, {"text": faq}]) == Got("urgent")
    assert classifier.got([{"text": classifier.responses["utter_no_recommendation"][0]}]) == Got("recommend")
    assert classifier.got([{"text": classifier.responses["utter_out_of_scope"][0]}]) == Got("out_of_scope")
    assert classifier.got([{"text": CLINIC_CHECK_INTRO + " I'll ask about..."}]).kind == "clinic_check"
    assert classifier.got([{"text": "Where do you live?! ### nothing like any answer"}]).kind == "unrecognised"
    assert classifier.got([{"text": "OK, let's carry on with the clinic check."}]).kind == "other"
    assert classifier.got([{"text": "OK, let's carry on with the clinic check."}, {"text": faq}]) == Got(
        "faq", "rejection"
    )
    from bot.input_check import Problem, reply_for

    assert classifier.got([{"text": reply_for("what about the thing")[0]}]) == Got(
        "fallback", Problem.UNCLEAR.name.lower()
    )


def test_topic_buttons_mean_asked_back_but_an_answer_with_an_offer_is_an_answer(classifier):
    buttons = [
        {"title": "Rejection", "payload": '/faq_choice{"topic": "rejection"}'},
        {"title": "Tumours", "payload": '/faq_choice{"topic": "tumours"}'},
        {"title": "Something else", "payload": "/something_else"},
    ]
    got = classifier.got([{"text": "Did you mean one of these?", "buttons": buttons}])
    assert got.kind == "asked_back" and got.offered == ("rejection", "tumours")
    faq = classifier.responses["utter_faq/side_effects"][0]
    assert classifier.got([{"text": faq, "buttons": buttons[:1]}]).kind == "faq"


def test_outcomes():
    from bench.real_questions import Got, Question, outcome

    q = Question("x", "Can my body reject donor cells?", "src", "rejection", ("donor_vs_own",))
    assert outcome(q, Got("faq", "rejection")) == "right"
    assert outcome(q, Got("faq", "donor_vs_own")) == "right"
    assert outcome(q, Got("faq", "tumours")) == "wrong"
    assert outcome(q, Got("clinic_check")) == "wrong"
    assert outcome(q, Got("asked_back", offered=("tumours",))) == "asked_back"
    assert outcome(q, Got("fallback", "unclear")) == "refused"
    assert outcome(q, Got("out_of_scope")) == "refused"
    oos = Question("y", "What is the capital of France?", "src", "out_of_scope")
    assert outcome(oos, Got("out_of_scope")) == outcome(oos, Got("fallback", "unclear")) == "right"
    assert outcome(oos, Got("faq", "rejection")) == "wrong"
    urgent = Question("z", "I have a fever since the injection", "src", "urgent")
    assert outcome(urgent, Got("urgent")) == "right"
    assert outcome(urgent, Got("faq", "side_effects")) == "wrong"


def test_a_card_label_is_answered_by_that_conditions_card_only():
    from bench.real_questions import Got, Question, label_problem, outcome
    from bot.conditions import load_cards

    cards = load_cards()
    q = Question("c", "Can stem cells repair a weak heart?", "src", "card:heart")
    assert label_problem("card:heart") is None and label_problem("card:gout") is not None
    assert outcome(q, Got("card", cards["heart"].name)) == "right"
    assert outcome(q, Got("card", cards["stroke"].name)) == "wrong"
    assert outcome(q, Got("faq", "does_it_work")) == "wrong"
    assert q.has_topic, "a card label is scored with the topics, not as 'no topic yet'"
