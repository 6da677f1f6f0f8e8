"""The urgent-care rail in Spanish: every Spanish report in tests/rail gets urgent advice first, Spanish questions,
history, diagnoses, routes, clinic claims and answers to the check do not, and Spanish reads like English
("¿es normal tener fiebre después de mi inyección?" is a possible report with a question to answer)."""

from __future__ import annotations

import pytest

from bot.questions import QUESTIONS
from bot.urgent import after_advice, decide
from tests.rail import non_reports, reports

SPANISH_REPORTS = [item for item in reports() if item.get("lang") == "es"]
SPANISH_NON_REPORTS = [item for item in non_reports() if item.get("lang") == "es"]


def test_the_spanish_sets_cover_what_they_must() -> None:
    assert len(SPANISH_REPORTS) >= 60 and len(SPANISH_NON_REPORTS) >= 60
    assert {"iv", "joint", "spine", "eye", "brain", "fat"} <= {item["route"] for item in SPANISH_REPORTS}
    kinds = {item["kind"] for item in SPANISH_NON_REPORTS}
    assert {"side_effects", "history", "diagnosis", "route", "claim", "answer"} <= kinds
    assert sum(1 for item in SPANISH_REPORTS if item.get("pending")) >= 3  # reports in the middle of the check


def test_every_spanish_report_gets_urgent_advice() -> None:
    missed = [item["text"] for item in SPANISH_REPORTS if not decide(item["text"], item.get("pending")).urgent]
    assert not missed


def test_spanish_false_alarms_are_at_most_two_percent() -> None:
    alarms = [item["text"] for item in SPANISH_NON_REPORTS if decide(item["text"], item.get("pending")).urgent]
    assert len(alarms) <= 0.02 * len(SPANISH_NON_REPORTS), alarms


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("I have a fever and chills since the infusion", "tengo calentura y escalofríos desde la infusión"),
        ("my knee is hot and swollen after the injection", "tengo la rodilla caliente e hinchada desde la inyección"),
        ("my heart is racing since the drip", "traigo el corazón bien acelerado desde el suero"),
        ("light hurts my eyes and I have a bad headache", "me molesta la luz y tengo un dolor de cabeza muy fuerte"),
        ("my dad has a stiff neck", "mi papá tiene el cuello tieso"),
        ("I can't feel my legs since the spinal injection", "no siento las piernas desde la inyección en la columna"),
        ("I can't pee since the epidural", "no puedo orinar desde la epidural"),
        ("my vision is blurry since the eye injection", "tengo la vista borrosa desde la inyección en el ojo"),
        ("she has hives and her throat is closing", "tiene ronchas y se le cierra la garganta"),
        ("my husband can't breathe", "mi esposo no puede respirar"),
        ("mom is confused and doesn't know where she is", "mi mamá está confundida y no sabe dónde está"),
    ],
)
def test_the_same_report_gets_urgent_advice_in_both_languages(english: str, spanish: str) -> None:
    assert decide(english).urgent and decide(spanish).urgent


@pytest.mark.parametrize(
    "text",
    [
        "¿las células madre pueden causar fiebre?",
        "hace 3 años tuve fiebre",
        "mi mamá tiene ELA",
        "se lo pusieron en la columna",
        "la clínica dice que la fiebre es normal",
        "me dijeron que es normal tener escalofríos",
        "no le ha dado fiebre desde la infusión",  # the negation is four words before the sign
        "tengo la rodilla hinchada por la artritis",
        "a veces veo borroso cuando me da un brote de esclerosis",
        "sí, me hicieron análisis de sangre",  # "sangre" is blood, not bleeding
    ],
)
def test_spanish_messages_that_are_not_reports(text: str) -> None:
    assert not decide(text).urgent


def test_is_it_normal_after_my_injection_is_a_possible_report_with_its_question_kept() -> None:
    decision = decide("¿es normal tener fiebre después de mi inyección?")
    assert decision.urgent and decision.question and decision.sign == "fiebre"
    mixed = decide("¿puede dar fiebre? está ardiendo en calentura")
    assert mixed.urgent and mixed.question
    assert not decide("¿puede dar fiebre?").urgent
    assert decide("¿se me va a quitar la fiebre?").urgent  # asking when it goes away: one has it now


def test_third_person_and_slang() -> None:
    for text in ("mi esposo anda con calentura", "mi hija está volando en fiebre", "estoy guacareando desde ayer"):
        assert decide(text).urgent, text
    assert not decide("mi esposo tiene esclerosis múltiple y debilidad en las piernas").urgent  # no tie, not new
    assert decide("de repente mi esposo tiene debilidad en las piernas").urgent  # new
    assert decide("mi esposo tiene debilidad en las piernas desde la inyección en la columna").urgent  # tied


def test_inside_the_check_a_spanish_answer_is_read_first_as_an_answer() -> None:
    answer = "sí, habla de riesgos como infección, fiebre y sangrado"
    assert not decide(answer, "consent_form").urgent
    assert decide("sí, pero mi papá tiene fiebre desde la infusión", "consent_form").urgent
    assert all(decide("no sé, pero tengo calentura desde el suero", q.id).urgent for q in QUESTIONS)
    assert not decide("Sí", "ethics_review").urgent and not decide("No sé", "lab").urgent


def test_what_follows_the_advice_in_a_check_is_spanish_in_a_spanish_conversation() -> None:
    lines = {after_advice(n, lang="es")[0] for n in range(3)}
    assert len(lines) == 3 and all("revisión" in line for line in lines)
    text, buttons = after_advice(0, lang="es")
    assert [b["payload"] for b in buttons] == ["/resume_check", "/stop_check"]
    assert buttons[0]["title"].startswith("Seguir")
    assert after_advice(0)[1][0]["title"] == "Continue the check now"  # English stays the default
    buttons[0]["title"] = "changed"
    assert after_advice(0, lang="es")[1][0]["title"].startswith("Seguir")  # callers get copies


def test_a_spanish_check_question_seen_in_the_last_turn_gives_the_context() -> None:
    """Without the form's slot (a channel that lost it), the bot's last Spanish message says what was asked."""
    from bot.questions import BY_ID

    answer = "fiebre y sangrado en la zona de la inyección"  # a report on its own; the consent form's risks here
    assert decide(answer).urgent
    assert not decide(answer, previous_bot=f"Anotado.\n{BY_ID['consent_form'].prompt_es}").urgent
    route = BY_ID["route"]
    spinal = next(o for o in route.options if "intratecal" in o.title_es.lower())
    assert not decide(spinal.title_es, previous_bot=route.prompt_es).urgent


def test_a_diagnosis_that_takes_away_speech_swallowing_or_breathing_alone_is_no_report_unless_new_or_tied() -> None:
    assert not decide("mi papá tuvo una embolia y no puede hablar bien", "condition").urgent
    assert not decide("mi esposo tiene ELA, ya casi no puede respirar solo, usa ventilador").urgent
    assert decide("de repente mi papá no puede hablar").urgent
    assert decide("mi mamá no puede tragar desde la infusión").urgent
    assert decide("mi esposo no puede respirar").urgent
