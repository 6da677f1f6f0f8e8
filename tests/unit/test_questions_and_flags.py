"""Answers are read the way a patient means them, and the flag rules raise what a careful patient would."""

from __future__ import annotations

import pytest

from bot import flags
from bot.questions import BY_ID, MEXICO, OTHER, US, applicable, next_question, parse, question_named_in


@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        ("coa", "Yes", "yes"),
        ("coa", "yeah they will email it", "yes"),
        ("coa", "No", "no"),
        ("coa", "they refused to show it", "no"),
        ("coa", "I don't know", "unknown"),
        ("coa", "not sure, haven't asked", "unknown"),
        ("coa", "skip", "skipped"),
        ("cell_source", "My own fat", "own_fat"),
        ("cell_source", "umbilical cord from a donor", "donor_cord"),
        ("cell_source", "they said it's proprietary", "unknown_origin"),
        ("cell_source", "exosomes", "exosomes"),
        ("route", "Spinal / intrathecal", "spinal"),
        ("route", "a shot in the knee with ultrasound guidance", "joint_imaging"),
        ("route", "into the eye", "eye"),
        ("setting", "in a hotel room", "hotel_office"),
        ("claims", "they said it will cure my MS and showed videos", "cure,testimonials"),
        ("claims", "None of these", "none"),
        ("sales", "they want a deposit up front and say only 2 spots left", "deposit_first,pressure"),
        ("quote", "$12,500", "12500"),
        ("quote", "about 15k", "15000"),
        ("quote", "no", "no"),
        ("location", "Tijuana", MEXICO),
        ("location", "Cancún, México", MEXICO),
        ("location", "Miami, FL", US),
        ("location", "Santa Fe, New Mexico", US),
        ("location", "Panama City, Panama", OTHER),
        ("physician", "Dr. Ana Ruiz, cédula 12345678", "number"),
        ("physician", "Dr. Ana Ruiz", "name_only"),
        ("physician", "they wouldn't tell me", "no"),
        ("facility_licence", "only an aviso de funcionamiento", "aviso_only"),
        ("facility_licence", "licencia sanitaria 17-AM-09-001-0001", "number"),
        ("facility_licence", "they're registered with the FDA", "fda_registered_only"),
        ("facility_licence", "IND 123456, NCT01234567", "ind_or_nct"),
        ("facility_licence", "no", "no"),
    ],
)
def test_parse(question: str, text: str, value: str) -> None:
    assert parse(BY_ID[question], text) == value


def test_questions_adapt_to_country_and_cell_source() -> None:
    mexico = [q.id for q in applicable({"location": MEXICO})]
    us = [q.id for q in applicable({"location": US})]
    assert "ad_notice" in mexico and "ad_notice" not in us
    assert "donor_screening" not in mexico
    assert "donor_screening" in [q.id for q in applicable({"location": MEXICO, "cell_source": "donor_cord"})]
    assert "cédula" in BY_ID["physician"].prompt_for(MEXICO)
    assert "state medical licence" in BY_ID["physician"].prompt_for(US)
    assert "IND" in BY_ID["facility_licence"].prompt_for(US)
    assert next_question({}).id == "clinic_name"
    assert next_question({"clinic_name": "X", "location": US}).id == "physician"


def test_every_question_offers_dont_know_and_skip_and_explains_itself_with_a_source() -> None:
    for question in BY_ID.values():
        titles = [b["title"] for b in question.buttons()]
        assert "I don't know" in titles and "Skip" in titles and "Why does this matter?" in titles
        assert "Source" in question.why


def test_correction_requests_name_their_question() -> None:
    assert question_named_in("change my answer about the cells").id == "cell_source"
    assert question_named_in("the lab answer was wrong").id == "lab"
    assert question_named_in("I want to change something") is None


def codes(values: dict[str, str]) -> dict[str, str]:
    return {f.code: f.severity for f in flags.evaluate(values)}


MEXICO_GOOD = {
    "clinic_name": "Clinica X",
    "location": MEXICO,
    "physician": "number",
    "facility_licence": "number",
    "ad_notice": "yes",
    "cell_source": "own_marrow",
    "lab": "Lab Y, COFEPRIS licence",
    "coa": "yes",
    "ethics_review": "yes",
    "consent_form": "yes",
    "route": "joint_imaging",
    "setting": "hospital",
    "claims": "none",
    "sales": "none",
    "quote": "9000",
    "medical_evaluation": "yes",
    "follow_up": "yes",
    "outcome_data": "yes",
}


def test_no_red_flags_when_every_answer_is_reassuring_but_level_never_says_safe() -> None:
    found = flags.evaluate(MEXICO_GOOD)
    assert found == []
    assert flags.level(found) == "No red flags reported — still verify every claim yourself"
    assert "safe" not in flags.level(found).lower()


@pytest.mark.parametrize(
    ("change", "code", "severity"),
    [
        ({"physician": "no"}, "physician_licence_missing", "high"),
        ({"physician": "name_only"}, "physician_licence_missing", "medium"),
        ({"facility_licence": "aviso_only"}, "only_aviso", "high"),
        ({"facility_licence": "no"}, "facility_licence_missing", "high"),
        ({"facility_licence": "yes"}, "facility_licence_number_missing", "medium"),
        ({"ad_notice": "no"}, "no_ad_notice", "low"),
        ({"cell_source": "unknown_origin"}, "cells_unknown_origin", "high"),
        ({"cell_source": "embryonic"}, "embryonic_fetal_cells", "high"),
        ({"cell_source": "exosomes"}, "exosome_product", "medium"),
        ({"lab": "unknown"}, "lab_unknown", "medium"),
        ({"coa": "no"}, "no_certificate_of_analysis", "high"),
        ({"coa": "unknown"}, "no_certificate_of_analysis_unknown", "medium"),
        ({"cell_source": "donor_cord", "donor_screening": "no"}, "donor_not_screened", "high"),
        ({"ethics_review": "no"}, "no_ethics_review", "high"),
        ({"consent_form": "no"}, "no_consent_form", "high"),
        ({"route": "spinal"}, "high_risk_route", "high"),
        ({"route": "eye"}, "high_risk_route", "high"),
        ({"route": "joint"}, "joint_without_imaging", "low"),
        ({"setting": "hotel_office"}, "non_medical_setting", "high"),
        ({"claims": "cure"}, "claims_cure", "high"),
        ({"claims": "many_diseases"}, "claims_many_diseases", "high"),
        ({"claims": "testimonials"}, "claims_testimonials", "medium"),
        ({"claims": "no_risk"}, "claims_no_risk", "high"),
        ({"sales": "deposit_first"}, "deposit_before_evaluation", "medium"),
        ({"sales": "pressure"}, "pressure_to_book", "medium"),
        ({"sales": "price_changed"}, "price_changes", "medium"),
        ({"quote": "no"}, "no_itemised_quote", "medium"),
        ({"medical_evaluation": "no"}, "no_medical_evaluation", "high"),
        ({"follow_up": "no"}, "no_follow_up_plan", "medium"),
        ({"outcome_data": "no"}, "no_outcome_data", "medium"),
    ],
)
def test_each_red_flag(change: dict[str, str], code: str, severity: str) -> None:
    found = codes({**MEXICO_GOOD, **change})
    assert found == {code: severity}


def test_us_rules_differ_from_mexico() -> None:
    us = {**MEXICO_GOOD, "location": US}
    us.pop("ad_notice")
    assert codes({**us, "facility_licence": "fda_registered_only"}) == {"fda_registered_not_approved": "high"}
    assert codes({**us, "facility_licence": "number"}) == {"no_ind_or_approval": "high"}
    assert codes({**us, "facility_licence": "ind_or_nct"}) == {}
    # A spinal injection inside a registered trial with ethics review is not flagged as outside a trial.
    assert codes({**us, "facility_licence": "ind_or_nct", "route": "spinal"}) == {}
    # The Mexico-only advertising question is ignored for a US clinic even if answered.
    assert codes({**us, "facility_licence": "ind_or_nct", "ad_notice": "no"}) == {}


def test_levels_and_order() -> None:
    found = flags.evaluate({**MEXICO_GOOD, "quote": "no", "coa": "no", "ad_notice": "no"})
    assert [f.severity for f in found] == ["high", "medium", "low"]
    assert flags.level(found) == "Serious concerns"
    assert flags.level(flags.evaluate({**MEXICO_GOOD, "quote": "no"})) == "Some concerns"
