"""The NLU guard: symptom reports become report_symptoms, unusable messages nlu_fallback, and a classifier's
report_symptoms guess for a message that names nobody gives way to the next intent."""

from __future__ import annotations

from components.input_guard import InputGuard


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


def test_guard_leaves_diagnoses_and_history_to_the_classifiers() -> None:
    assert InputGuard.override_for("my husband has MS and we are thinking about Mexico") != "report_symptoms"
    assert InputGuard.override_for("my dad had a stroke two years ago") != "report_symptoms"
    assert InputGuard.override_for("can stem cells cause a fever?", "faq") is None
