"""Out of scope by its words (bot/scope.py): the embryo research debate and "what is <disease>?" get the scope
reply; questions about a treatment, a clinic, an ethics committee or a person's own care do not."""

from __future__ import annotations

import pytest

from bot.scope import disease_definition, off_topic, research_debate
from components.input_guard import InputGuard

DEBATE = [
    "is it morally wrong to destroy embryos for stem cell research?",
    "why did the government cut funding for embryonic stem cell work",
    "What does the Catholic Church teach about embryonic stem cells?",
    "should scientists be allowed to experiment on human embryos",
    "why is stem cell research such a political fight",
    "¿Es ético usar embriones humanos para investigar?",
    "¿por qué es polémica la investigación con células madre embrionarias?",
]
DEFINITIONS = [
    "what is ALS?",
    "What causes Parkinson's disease",
    "what are the symptoms of multiple sclerosis",
    "¿Qué es el lupus?",
    "¿Qué causa la artritis reumatoide?",
]
ANSWERED = [
    "does this clinic use embryonic cells?",  # cell sources / clinic check
    "are embryonic stem cells more likely to cause tumours?",  # tumours
    "which ethics committee approved the clinic's embryonic cell protocol?",  # ethics committee
    "is it ethical for them to inject fetal cells into my son?",  # someone's own treatment
    "can stem cells cure ALS?",  # the condition's card
    "what is the evidence for stem cells in Parkinson's?",
    "what is GVHD and should I worry about it?",  # transplant care
    "What is a bone marrow transplant?",
    "¿Las células madre sirven para el lupus?",
    "what is an IRB?",
    "what are stem cells?",
]


@pytest.mark.parametrize("text", DEBATE)
def test_the_research_debate_is_out_of_scope(text: str) -> None:
    assert research_debate(text)
    assert off_topic(text)


@pytest.mark.parametrize("text", DEFINITIONS)
def test_what_a_disease_is_is_out_of_scope(text: str) -> None:
    assert disease_definition(text)
    assert off_topic(text)


@pytest.mark.parametrize("text", ANSWERED)
def test_questions_about_treatment_clinics_and_care_stay_in_scope(text: str) -> None:
    assert not off_topic(text)


def test_the_guard_gives_the_scope_reply_only_for_a_faq_guess_or_an_unplaced_message() -> None:
    text = "why are embryonic stem cells so controversial?"
    assert InputGuard.override_for(text, "faq") == "out_of_scope"
    assert InputGuard.override_for(text, "nlu_fallback") == "out_of_scope"
    assert InputGuard.override_for(text, "start_clinic_check") is None
    assert InputGuard.override_for("what is multiple sclerosis?", "faq") == "out_of_scope"
    assert InputGuard.override_for("can stem cells help multiple sclerosis?", "faq") is None
    # Symptoms still come first.
    assert InputGuard.override_for("what is MS? I have a fever since my injection", "faq") == "report_symptoms"
