"""The urgent-care rail recognises people describing symptoms and leaves general questions alone."""

from __future__ import annotations

import pytest

from bot.safety import describes_symptoms
from components.input_guard import InputGuard

URGENT = [
    "I had stem cells injected in my knee on Monday and now I have a fever",
    "My knee is hot to the touch and the redness is spreading",
    "since the eye injection I can't see out of my left eye",
    "my vision is blurry after the clinic injected my eyes",
    "I feel weak and my legs are numb since the spinal injection",
    "my mom has a severe headache and a stiff neck after intrathecal stem cells",
    "my husband has trouble breathing after his IV stem cell infusion",
    "I'm short of breath and have chest pain after the drip",
    "I have chills and I'm shivering after the treatment yesterday",
    "Tengo fiebre y escalofríos después de la inyección",
    "my dad is confused and feverish after the infusion",
    "there is pus coming out where they injected me",
    "she fainted after the exosome infusion",
    "I feel really sick after my infusion yesterday",
]
NOT_URGENT = [
    "can stem cells cause fever?",
    "what are the side effects of stem cell therapy",
    "Does the treatment cause blindness?",
    "the evidence is weak, is my clinic ok?",
    "I am confused about the 361 rule",
    "What should I do if I get a fever after treatment?",
    "is there a risk of infection with donor cells",
    "how do I check my doctor's cedula",
    "",
]


@pytest.mark.parametrize("text", URGENT)
def test_symptom_reports_are_urgent(text: str) -> None:
    assert describes_symptoms(text)


@pytest.mark.parametrize("text", NOT_URGENT)
def test_general_questions_are_not_urgent(text: str) -> None:
    assert not describes_symptoms(text)


def test_guard_overrides_for_symptoms_long_and_empty_messages() -> None:
    assert InputGuard.override_for("I have a fever after my stem cell shot") == "report_symptoms"
    assert InputGuard.override_for("x " * 800) == "nlu_fallback"
    assert InputGuard.override_for("   ") == "nlu_fallback"
    long_with_symptoms = "Background about my treatment. " * 60 + "Now I have a fever and chills."
    assert InputGuard.override_for(long_with_symptoms) == "report_symptoms"
    assert InputGuard.override_for("¿Es legal el tratamiento con células madre en México?") == "nlu_fallback"
    assert InputGuard.override_for("Tengo fiebre después de la inyección") == "report_symptoms"
    assert InputGuard.override_for("what is an IRB?") is None
    assert InputGuard.override_for("Spinal / intrathecal", "report_symptoms") == "__next_best__"
    assert InputGuard.override_for("I feel really sick after my infusion", "report_symptoms") == "report_symptoms"
    assert InputGuard.override_for('/start_clinic_check{"x": "I have a fever"}') is None
