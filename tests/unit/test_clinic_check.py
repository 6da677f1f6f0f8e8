"""The clinic check as a patient experiences it, through bot.clinic_check on a real (SQLite) store."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import flags
from bot.clinic_check import ClinicCheck, is_why, looks_like_question
from bot.report import chat_summary, html_page
from bot.store import Store


@pytest.fixture
def check(tmp_path: Path) -> ClinicCheck:
    return ClinicCheck(Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate))


def texts(turn_messages: list) -> str:
    return "\n".join(m.text or m.response or "" for m in turn_messages)


def test_start_with_a_place_records_it_as_the_first_answer(check: ClinicCheck) -> None:
    messages, values = check.start("u1", "Tijuana")
    assert values == {"location": "mexico"}
    assert check.store.current("u1").answers["location"] == ("Tijuana", "mexico")
    assert "why?" in texts(messages) and "skip" in texts(messages)
    # When the form validates that pre-filled slot, the saved value passes without being recorded again.
    turn = check.answer("u1", "location", "mexico", None, None)
    assert turn.value == "mexico" and turn.messages == []
    assert check.store.current("u1").answers["location"] == ("Tijuana", "mexico")


def test_answer_is_recorded_with_credential_note_and_red_flag(check: ClinicCheck) -> None:
    check.start("u2", "Cancun")
    turn = check.answer("u2", "physician", "Dr. Luis Mora, cédula 1234", "inform", None)
    assert turn.value == "number"
    said = texts(turn.messages)
    assert "does not have the usual shape" in said and "cedulaprofesional.sep.gob.mx" in said
    turn = check.answer("u2", "facility_licence", "just an aviso de funcionamiento", None, None)
    assert turn.value == "aviso_only"
    assert "Red flag:" in texts(turn.messages)
    assert check.store.current("u2").answers["facility_licence"][1] == "aviso_only"


def test_why_and_faq_digressions_do_not_record_anything(check: ClinicCheck) -> None:
    check.start("u3")
    turn = check.answer("u3", "coa", "why does that matter?", "ask_why", None)
    assert turn.value is None and "Why this matters" in texts(turn.messages)
    turn = check.answer("u3", "coa", "what is a certificate of analysis?", "faq", "faq/certificate_of_analysis")
    assert turn.value is None and turn.messages[0].response == "utter_faq/certificate_of_analysis"
    assert check.store.current("u3").answers == {}
    # An answer that merely sounds like a FAQ topic is still an answer.
    turn = check.answer("u3", "cell_source", "umbilical cord cells from a donor", "faq", "faq/cell_sources")
    assert turn.value == "donor_cord"


def test_empty_and_huge_answers_are_refused_kindly(check: ClinicCheck) -> None:
    check.start("u4")
    assert check.answer("u4", "lab", "   ", None, None).value is None
    turn = check.answer("u4", "lab", "x" * 5000, None, None)
    assert turn.value is None and "too long" in texts(turn.messages)


def test_pause_resume_correct_finish_delete(check: ClinicCheck) -> None:
    check.start("u5", "Miami, FL")
    check.answer("u5", "clinic_name", "Sunshine Regenerative", None, None)
    check.answer("u5", "coa", "no", None, None)
    assert "saved" in check.pause("u5").text
    messages, values = check.resume("u5")
    assert values["coa"] == "no" and values["location"] == "us" and "Sunshine Regenerative" in texts(messages)
    offer, target = check.correction("u5", "", None)
    assert target is None and {b["payload"] for b in offer.buttons} >= {'/choose_correction{"question":"coa"}'}
    message, target = check.correction("u5", "", "coa")
    assert target == "coa" and "coa" not in check.store.current("u5").answers
    check.answer("u5", "coa", "yes", None, None)
    summary = texts(check.finish("u5"))
    assert "Sunshine Regenerative" in summary and "/report/" in summary and "own doctor" in summary
    assert "Overall:" in check.report("u5").text
    assert "deleted 1" in check.delete("u5").text
    assert check.store.latest("u5") is None


def test_resume_without_a_saved_check_starts_a_new_one(check: ClinicCheck) -> None:
    messages, values = check.resume("nobody")
    assert values == {} and "no unfinished clinic check" in texts(messages)


def test_report_page_escapes_user_text_and_never_says_safe(check: ClinicCheck) -> None:
    check.start("u6", "Tijuana")
    check.answer("u6", "clinic_name", "<script>alert('x')</script>", None, None)
    check.answer("u6", "claims", "they promised a cure", None, None)
    record = check.store.current("u6")
    page = html_page(record)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "Serious concerns" in page and "What to ask next" in page
    summary = chat_summary(record)
    assert "safe" not in summary.lower().replace("stemsafe", "")


@pytest.mark.parametrize(
    ("text", "why", "question"),
    [
        ("why?", True, True),
        ("Why does that matter", True, True),
        ("what does that mean?", True, True),
        ("Clinica Santa Fe", False, False),
        ("is exosome therapy risky?", False, True),
    ],
)
def test_digression_detection(text: str, why: bool, question: bool) -> None:
    assert is_why(text, None) is why
    assert looks_like_question(text) is question


def test_contact_details_are_not_recorded(check: ClinicCheck) -> None:
    check.start("u7")
    check.answer("u7", "lab", "Lab Norte, call me on +52 664 123 4567 or pat@example.com", None, None)
    check.answer("u7", "facility_licence", "aviso 2309012345", None, None)
    answers = check.store.current("u7").answers
    assert answers["lab"][0] == "Lab Norte, call me on [phone removed] or [email removed]"
    assert answers["facility_licence"][0] == "aviso 2309012345"
