"""The urgent-care decision: every symptom report in tests/rail gets urgent advice; diagnoses, history,
routes, claims, general questions and answers to the clinic check do not; and it reads in linear time."""

from __future__ import annotations

import re
import time

import pytest

from bot import safety
from bot.questions import QUESTIONS
from bot.urgent import MAX_SCAN, decide, normalise
from tests.rail import non_reports, reports

REPORTS = reports()
NON_REPORTS = non_reports()
ANSWERS = [item for item in NON_REPORTS if item["kind"] == "answer"]


def test_the_sets_cover_what_they_must() -> None:
    assert len(REPORTS) >= 160 and len(NON_REPORTS) >= 220
    assert sum(1 for item in REPORTS if item.get("lang") == "es") >= 20
    assert {"iv", "joint", "spine", "eye", "brain", "fat"} <= {item["route"] for item in REPORTS}
    assert {q.id for q in QUESTIONS} <= {item["pending"] for item in ANSWERS}  # answers to every check question
    texts = [(item["text"], item.get("pending")) for item in REPORTS + NON_REPORTS]
    assert len(texts) == len(set(texts))  # the same words count twice only as answers to different questions


@pytest.mark.parametrize("item", REPORTS, ids=lambda item: item["text"][:60])
def test_every_report_gets_urgent_advice(item: dict) -> None:
    decision = decide(item["text"], item.get("pending"))
    assert decision.urgent, item["text"]


@pytest.mark.parametrize("item", ANSWERS, ids=lambda item: f"{item['pending']}: {item['text'][:50]}")
def test_no_answer_to_a_check_question_gets_urgent_advice(item: dict) -> None:
    assert not decide(item["text"], item["pending"]).urgent


def test_false_alarms_are_at_most_two_percent_of_non_reports() -> None:
    alarms = [item["text"] for item in NON_REPORTS if decide(item["text"], item.get("pending")).urgent]
    assert len(alarms) <= 0.02 * len(NON_REPORTS), alarms


@pytest.mark.parametrize(
    "text",
    [
        "my husband has MS and we are thinking about Mexico",
        "my dad had a stroke two years ago",
        "she has COPD and uses oxygen at night",
        "I had a stem cell transplant for leukemia ten years ago, is that the same thing",
        "can I fly home the day after",
        "can stem cells cause a fever?",
        "they said a fever means the stem cells are fighting the disease",
        "no fever, no swelling, everything is fine after my injection",
        "I'm sick of waiting for the FDA",
    ],
)
def test_the_issue_examples_are_not_reports(text: str) -> None:
    assert not decide(text).urgent


def test_a_report_after_a_question_in_the_same_message_counts_and_the_question_is_kept() -> None:
    decision = decide("can it cause fever? she's burning up")
    assert decision.urgent and decision.question
    assert not decide("can it cause fever?").urgent


def test_a_statement_before_a_question_in_one_sentence_is_read_as_a_statement() -> None:
    assert decide("my dad has had a fever since this morning, what could be causing it?").urgent
    assert not decide("If I get chills, what should I tell the doctor?").urgent
    assert not decide("I had a blood clot in my leg years ago, can I still have an IV infusion?").urgent


def test_is_it_normal_after_my_injection_is_a_possible_report_with_a_question_to_answer() -> None:
    decision = decide("Is fever normal after my injection?")
    assert decision.urgent and decision.question and decision.sign == "fever"
    assert not decide("she's burning up").question  # nothing else to answer


def test_inside_a_check_the_message_is_read_first_as_an_answer() -> None:
    text = "bleeding at the injection site"  # a report on its own; a risk the form lists, as a consent answer
    assert decide(text).urgent
    assert not decide(text, "consent_form").urgent
    consent_prompt = next(q.prompt for q in QUESTIONS if q.id == "consent_form")
    assert not decide(text, previous_bot=f"Noted.\n{consent_prompt}").urgent  # the question seen in the last turn
    assert decide("yes, but I've been vomiting since yesterday's infusion", "consent_form").urgent


def test_a_report_caught_at_one_check_question_is_caught_at_every_one() -> None:
    """Reading in context must not make a question deaf: the same report (the set's, and the driver's) gets urgent
    advice whichever question is pending, or at none (a few reports name no person or treatment: those are caught
    outside the check only)."""
    from bench.check_driver import INTERRUPTIONS

    texts = [item["text"] for item in reports()] + list(INTERRUPTIONS["symptom"])
    for text in texts:
        fired = {q.id for q in QUESTIONS if decide(text, q.id).urgent}
        assert fired in (set(), {q.id for q in QUESTIONS}), (text, sorted({q.id for q in QUESTIONS} - fired))
    assert all(decide(text, q.id).urgent for text in INTERRUPTIONS["symptom"] for q in QUESTIONS)


def test_a_choice_button_is_an_answer() -> None:
    assert not decide("Spinal / intrathecal", "route").urgent
    assert not decide('/inform{"text": "I have a fever"}').urgent  # a payload is not something typed


def test_a_long_message_is_read_head_and_tail() -> None:
    assert decide("Background about my treatment. " * 60 + "Now I have a fever and chills.").urgent
    assert decide("Some background. " * 600 + "Since the injection my eye is red.").urgent  # 10,000+ characters
    assert len(normalise("word " * 5000)) <= MAX_SCAN + 1


# --- linear time: every pattern on pathological input ---------------------------------------------------
PATTERNS = {name: value for name, value in vars(safety).items() if isinstance(value, re.Pattern)}
PATHOLOGICAL = {
    "repeated sign": "fever " * 834,
    "repeated person and sign": "she has a fever and I have chills " * 150,
    "repeated link": "since the injection " * 250,
    "repeated question": "is it normal " * 385,
    "repeated claim": "they said " * 500,
    "repeated negation": "no " * 1666,
    "apostrophes": "can't " * 833,
    "spaces": "fever" + " " * 4990 + "x",
    "tabs and newlines": "\t\n " * 1666,
    "one long word": "a" * 5000,
    "digits": "3" * 5000,
    "years": "in 20" * 1000,
    "commas": "fever," * 833,
    "hyphens": "light-" * 833,
}


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_pattern_is_fast_on_pathological_input(name: str) -> None:
    pattern = PATTERNS[name]
    for label, text in PATHOLOGICAL.items():
        elapsed = float("inf")
        for _ in range(3):  # the best of three: a busy machine slows one run, backtracking slows them all
            started = time.perf_counter()
            list(pattern.finditer(text))
            elapsed = min(elapsed, time.perf_counter() - started)
        assert elapsed < 0.05, f"{name} took {elapsed * 1000:.0f} ms on {label}"


def test_the_decision_grows_linearly() -> None:
    def cost(text: str) -> float:
        best = float("inf")
        for _ in range(7):  # the best of seven: on a busy machine one run in three can be slowed by others
            started = time.perf_counter()
            decide(text, "route")
            best = min(best, time.perf_counter() - started)
        return best

    unit = "my knee is hot, they said no risk, but is it normal? I had it in 2012. "
    small, large = cost(unit * 30), cost(unit * 60)
    assert large < 3 * small + 0.002, (small, large)


@pytest.mark.parametrize(
    "text",
    [
        "the injected shoulder is much more painful and swollen today",
        "the knee they injected is throbbing and hot to the touch",
        "the harvest site is bleeding through the bandage",
        "there's a red hot lump where they injected",
    ],
)
def test_inside_a_check_a_report_of_how_the_treated_site_is_gets_urgent_care_at_every_question(text: str) -> None:
    """No person and no "after my injection", but it says how the treated site is now: a report, whatever is asked."""
    assert all(decide(text, q.id).urgent for q in QUESTIONS)


@pytest.mark.parametrize(
    "text",
    [
        # an exploratory session (2026-12-01): each got "go now" again, and the question was never answered
        "ok ahora como los reporto? mi papa sigue internado con la infeccion",
        "ya esta en el hospital!! ya lo atendieron. solo quiero saber como poner la denuncia",
        "ya lo llevamos. como denuncio a esa clinica ante cofepris?",
        "we ARE at the hospital already. he's been seen. now how do I report it",
        "she's in the hospital now with an infection, how do I report the clinic?",
    ],
)
def test_someone_already_in_care_is_not_told_again_to_go(text: str) -> None:
    from bot.urgent import decide, doubts_going, in_care

    assert in_care(text) and not decide(text).urgent and not doubts_going(text)


@pytest.mark.parametrize(
    "text",
    [
        "she was in the hospital last year for pneumonia, now she has a fever after the stem cell drip",
        "ya la llevamos a la clinica en tijuana y le pusieron celulas, ahora tiene fiebre",
        "my mom has a fever after the infusion",
    ],
)
def test_a_hospital_stay_in_the_past_or_the_clinic_visit_is_not_care_now(text: str) -> None:
    from bot.urgent import decide, in_care

    assert not in_care(text) and decide(text).urgent


def test_being_seen_by_the_clinic_is_not_care() -> None:
    """The clinic's own doctor is not emergency care (the advice says not to rely on the clinic)."""
    from bot.urgent import decide

    assert decide("he's been seen by the clinic doctor, he has a fever of 39 after the cells").urgent
    assert decide("I've been treated with stem cells and now I have a fever").urgent


@pytest.mark.parametrize(
    ("text", "answering"),
    [
        # exploratory sessions (2026-12-01): a topic menu, or the check resumed with no word about the advice
        ("we're still in cancun at the hotel, the clinic doctor is coming to see him at 5. isnt that enough?", False),
        ("lol im fine its just a little red, ill ice it. Continue the check now", True),
        ("pero no es emergencia creo, ya tiene semanas asi. con q doctor lo llevo, neurologo?", False),
    ],
)
def test_doubting_or_playing_down_right_after_the_advice_gets_the_follow_up(text: str, answering: bool) -> None:
    from bot.urgent import doubts_going

    assert doubts_going(text, answering=answering)


def test_an_answer_typed_after_the_advice_in_a_check_is_not_a_doubt() -> None:
    from bot.urgent import doubts_going

    for text in ("Dr. Solis, a surgeon", "yes", "it's fine, they have a licence", "IV and into the knee"):
        assert not doubts_going(text, answering=True)


def test_saying_to_go_on_after_the_advice_in_a_check_continues_it() -> None:
    """'ya se me pasó joven, fue un ratito nomás, sigamos' was recorded as 'yes' to the pending question (Spanish
    exploratory session, 2026-12-02)."""
    from bot.urgent import ANSWER, CONTINUE, typed_after_advice

    assert typed_after_advice("faq", "ya se me pasó joven, fue un ratito nomás, sigamos") == CONTINUE
    assert typed_after_advice("faq", "ok lets continue") == CONTINUE
    assert typed_after_advice("faq", "they quoted 5000, to pay later") == ANSWER
