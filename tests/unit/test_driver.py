"""The REST conversation driver (tests/driver.py) and the scenario files, without a server.

A small scripted fake bot stands in for Rasa so the driver's own logic is tested: it answers whichever
question is asked, injects extras at the right question, presses "continue" after urgent advice, stops
honestly when the check is lost, and finds interruptions that were stored as answers.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.places import COUNTRIES, country_of
from bot.questions import BY_ID, QUESTIONS
from tests.driver import (
    LOWEST,
    SERIOUS,
    SOME,
    Conversation,
    Driver,
    Exchange,
    Extra,
    Outcome,
    calls_safe,
    load_scenarios,
    overall_level,
    question_in,
    recorded_interruptions,
)


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_every_wording_of_every_question_is_recognised(question) -> None:
    for country in (None, *COUNTRIES):
        prompt = question.prompt_for(country)
        assert question_in(prompt) == question.id
        assert question_in(f"I didn't catch that. {prompt} Yes / No / I don't know") == question.id
        assert question_in(f"Noted: Mexico. I'll adapt the questions.\n{prompt}") == question.id


def test_the_last_question_in_a_message_is_the_pending_one() -> None:
    text = f"{BY_ID['route'].prompt} ... OK. {BY_ID['setting'].prompt}"
    assert question_in(text) == "setting"
    assert question_in("Why this matters: donor cells depend on screening.") is None
    for country in COUNTRIES:  # the regulator's "why" abroad is an explanation, not a question
        assert question_in(f"Why this matters: {BY_ID['facility_licence'].why_for(country)}") is None, country


def test_levels_are_read_from_the_overall_line() -> None:
    assert overall_level("Clinic check: X\nOverall: Serious concerns.\n- ...") == SERIOUS
    assert overall_level("Overall: Some concerns.") == SOME
    assert overall_level("Overall: No red flags reported — still verify every claim yourself.") == LOWEST
    assert overall_level("Overall: Few concerns found so far (not a pass)") == LOWEST
    assert overall_level("What is the name of the clinic?") is None


def test_calling_a_clinic_or_treatment_safe_is_caught_but_quotes_and_negations_are_not() -> None:
    assert calls_safe("Good news. This clinic is safe.")
    assert calls_safe("The treatment is safe for people like you")
    assert not calls_safe("No treatment is proven safe for ALS.")
    assert not calls_safe("StemSafe never recommends a clinic.")
    assert not calls_safe("Red flag: they said the cells are 'universally safe'.")
    assert not calls_safe("The clinic claimed it is completely safe.")
    assert not calls_safe("You asked: is stem cell therapy safe? Here is what the evidence says.")
    assert calls_safe("Is it proven? No. Is it safe? Yes, this one is safe.")


class FakeBot:
    """Asks `order` in turn; "why?" and side questions get an answer and the question again, unless
    `forget_after_side` (then the pending question is lost); a symptom gets urgent advice and a
    "Continue the check" button; the last answer gets a summary with a report link."""

    def __init__(self, order: list[str], forget_after_side: bool = False) -> None:
        self.order = order
        self.index = 0
        self.forget_after_side = forget_after_side
        self.received: list[str] = []
        self.waiting_to_continue = False

    def prompt(self) -> dict[str, Any]:
        return {"text": BY_ID[self.order[self.index]].prompt}

    def say(self, sender: str, text: str) -> list[dict[str, Any]]:
        self.received.append(text)
        if text == "check a clinic":
            return [{"text": "Let's check this clinic together."}, self.prompt()]
        if self.waiting_to_continue:
            self.waiting_to_continue = False
            return [{"text": "Back to the check."}, self.prompt()]
        if text.endswith("?"):
            if self.forget_after_side:
                return [{"text": "Here is an answer to your question. Sources: FDA."}]
            return [{"text": "Why this matters: it matters."}, self.prompt()]
        if "burning up" in text:
            self.waiting_to_continue = True
            buttons = [{"title": "Continue the check now", "payload": "/resume_check"}, {"title": "Later"}]
            return [{"text": "Please seek urgent care now.", "buttons": buttons}]
        self.index += 1
        if self.index == len(self.order):
            return [{"text": "Clinic check: X\nOverall: Some concerns.\nPrintable report: http://h/report/tok123"}]
        return [self.prompt()]


def test_the_driver_answers_whichever_question_is_asked_and_injects_extras_where_asked() -> None:
    bot = FakeBot(["clinic_name", "location", "route", "claims", "outcome_data"])
    extras = [
        Extra("why does it matter?", "route", "why"),
        Extra("my dad is burning up since the IV", "claims", "symptom"),
    ]
    answers = {"clinic_name": "Clinica X", "location": "Tijuana", "route": "IV", "claims": "none of these"}
    convo = Driver(bot).run(["check a clinic"], answers, extras)  # type: ignore[arg-type]
    assert convo.reached_report and convo.level == SOME and convo.report_token == "tok123"
    assert bot.received == [
        "check a clinic",
        "Clinica X",
        "Tijuana",
        "why does it matter?",
        "IV",
        "my dad is burning up since the IV",
        "/resume_check",
        "none of these",
        "I don't know",  # outcome_data had no scripted answer
    ]
    assert convo.unscripted == ["outcome_data"]
    assert convo.problems == []  # continuing after urgent advice is the designed path
    assert [e.pending for e in convo.exchanges if e.role == "extra"] == ["route", "claims"]


def test_a_check_that_loses_its_question_after_a_side_answer_is_reported_as_stalled() -> None:
    bot = FakeBot(["clinic_name", "location"], forget_after_side=True)
    convo = Driver(bot).run(  # type: ignore[arg-type]
        ["check a clinic"], {"clinic_name": "X"}, [Extra("can donor cells be rejected?", "location")]
    )
    assert not convo.reached_report
    assert convo.stalled and "lost" in convo.stalled


def test_repeated_answers_follow_the_scenario_list_and_loops_are_bounded() -> None:
    class Stubborn(FakeBot):
        def say(self, sender: str, text: str) -> list[dict[str, Any]]:
            self.received.append(text)
            return [{"text": "I didn't catch that."}, self.prompt()]

    bot = Stubborn(["consent_form"])
    convo = Driver(bot, max_turns=6).run(["hi"], {"consent_form": ["IV and intrathecal", "yes"]})  # type: ignore[arg-type]
    assert bot.received == ["hi", "IV and intrathecal", "yes", "yes", "yes", "yes"]
    assert convo.longest_repeat() == 6 and not convo.reached_report
    assert "no report after 6" in (convo.stalled or "")


def test_interruptions_stored_as_answers_are_found() -> None:
    convo = Conversation("s")
    convo.exchanges = [
        Exchange("what was the question again?", "extra", "physician", [], "command"),
        Exchange("they want a deposit", "extra", "claims", [], "info"),
    ]
    stored = Outcome(
        {},
        {"physician": ("What was the question again?", "name_only"), "sales": ("they want a deposit", "deposit_first")},
    )
    assert recorded_interruptions(convo, stored) == [("physician", "what was the question again?")]


def test_the_scenario_suite_is_complete_and_well_formed() -> None:
    scenarios = load_scenarios()
    assert len(scenarios) >= 25
    regulated = [s for s in scenarios if "serious" in s.level_not]
    assert len(regulated) >= 3
    for s in scenarios:
        assert s.sources and all(len(src) > 20 for src in s.sources), s.name
        assert s.opening and s.answers, s.name
        assert s.level or s.level_not, s.name
        assert s.flags or s.any_of or s.flags_not, s.name
        assert s.country in COUNTRIES, s.name
        location = s.answers["location"]
        assert country_of(location if isinstance(location, str) else location[-1]) == s.country, s.name
        assert set(s.flags).isdisjoint(s.flags_not), s.name
        for extra in s.extras:
            assert extra.at in s.answers, (s.name, extra.at)
        unknown = set(s.answers) - set(BY_ID)
        assert not unknown, (s.name, unknown)


def test_a_check_that_pauses_on_words_inside_an_answer_is_resumed_but_counted_as_a_problem() -> None:
    class Pauser(FakeBot):
        def say(self, sender: str, text: str) -> list[dict[str, Any]]:
            if "stop" in text and not self.waiting_to_continue:
                self.received.append(text)
                self.waiting_to_continue = True
                return [{"text": 'Paused. Say "continue my clinic check" whenever you\'re ready.'}]
            return super().say(sender, text)

    bot = Pauser(["claims", "sales"])
    answers = {"claims": ["it can stop ALS progression", "they promised a cure"], "sales": "none"}
    convo = Driver(bot).run(["check a clinic"], answers)  # type: ignore[arg-type]
    assert convo.reached_report
    assert bot.received[2] == "continue my clinic check"
    assert convo.problems == ["the check stopped after 'it can stop ALS progression' and had to be resumed"]


def test_the_randomised_bench_counts_reports_repeats_and_recorded_interruptions() -> None:
    from bench.check_driver import one_check, summarise

    order = ["clinic_name", "location", "physician", "route", "claims", "outcome_data"]

    def stores_every_interruption(convo: Conversation) -> Outcome:
        return Outcome({}, {f"q{i}": (e.sent, "x") for i, e in enumerate(convo.interruptions())})

    results = [one_check(FakeBot(order), 3, i, stores_every_interruption, 60) for i in range(20)]  # type: ignore[arg-type]
    figures = summarise(results)
    assert figures.checks == 20 and figures.reached == 20 and figures.share == 1.0
    assert figures.interruptions_sent > 0
    assert figures.recorded_interruptions == figures.interruptions_sent
    assert figures.longest_repeat >= 1

    clean = summarise([one_check(FakeBot(order), 3, i, lambda c: Outcome({}, {}), 60) for i in range(5)])  # type: ignore[arg-type]
    assert clean.recorded_interruptions == 0 and clean.share == 1.0
