"""What a pasted clinic page implies is offered in the clinic check and recorded only when the patient confirms."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import flags
from bot import page_check_prefill as page
from bot.clinic_check import ClinicCheck
from bot.page_check import check as page_check
from bot.questions import BY_ID, applicable
from bot.store import Store

PAGE = (
    "Our donor umbilical cord stem cells are expanded in our own laboratory. "
    "Cells are given by lumbar puncture for neurological patients. "
    "Mesenchymal cells are immune privileged, so there is no rejection."
)


@pytest.fixture
def check(tmp_path: Path) -> ClinicCheck:
    return ClinicCheck(Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate))


@pytest.fixture(scope="module")
def prefill() -> dict[str, page.Offer]:
    return page.loads(page.dumps(page.offers(page_check(PAGE))))


def texts(messages: list) -> str:
    return "\n".join(m.text or m.response or "" for m in messages)


FIRST_ANSWERS = {"clinic_name": "Clinica Sol", "location": "Tijuana, Mexico", "condition": "ALS"}


def answer_until(check: ClinicCheck, sender: str, stop_at: str, prefill: dict[str, page.Offer]) -> str:
    """Answer every question before `stop_at` ("I don't know" after the first three); return the last reply."""
    said = ""
    while True:
        values = check.store.current(sender).values
        pending = next(q.id for q in applicable(values) if q.id not in values)
        if pending == stop_at:
            return said
        text = FIRST_ANSWERS.get(pending, "I don't know")
        said = texts(check.answer(sender, pending, text, None, None, 0, prefill).messages)


def test_the_page_gives_its_sentences_for_each_question_it_answers(prefill: dict[str, page.Offer]) -> None:
    assert {"cell_source", "expanded", "route", "claims"} <= set(prefill)
    assert any("lumbar puncture" in q for q in prefill["route"]["quotes"])
    # The page names the spine only: confirming records the spine, not the catalogue's "spine, eye or brain".
    assert page.value_for(BY_ID["route"], prefill["route"], "mexico") == "spinal"
    claims = page.value_for(BY_ID["claims"], prefill["claims"], "mexico") or ""
    assert set(claims.split(",")) == {"immune_privileged", "no_rejection"}


@pytest.mark.parametrize("raw", [None, "", "not json", "[1, 2]", '{"nope": ["x"]}', '{"route": 5}'])
def test_a_malformed_slot_offers_nothing(raw: str | None) -> None:
    assert page.loads(raw) == {}


def test_the_check_offers_the_page_and_records_only_what_the_patient_confirms(
    check: ClinicCheck, prefill: dict[str, page.Offer]
) -> None:
    messages, _ = check.start("p1", None, from_page=True)
    assert "confirm" in texts(messages)
    said = answer_until(check, "p1", "cell_source", prefill)
    assert "The page you pasted says" in said and "umbilical cord" in said and "Is that right" in said
    assert "cell_source" not in check.store.current("p1").answers  # offered, not recorded

    turn = check.answer("p1", "cell_source", "Yes, that's right", None, None, 0, prefill)
    assert turn.value == "donor_cord" and turn.page_done
    raw, value = check.store.current("p1").answers["cell_source"]
    assert value == "donor_cord" and raw.startswith("(confirmed from the clinic's page)")
    assert "grown" in texts(turn.messages) or "expanded" in texts(turn.messages)  # the next question's offer

    turn = check.answer("p1", "expanded", "no", None, None, 0, prefill)  # "is that right?" "no": asked plainly
    assert turn.value is None and turn.page_done and "won't use what the page says" in texts(turn.messages)
    assert "expanded" not in check.store.current("p1").answers
    rest = {q: o for q, o in prefill.items() if q not in ("cell_source", "expanded")}
    turn = check.answer("p1", "expanded", "no, same day", None, None, turn.tries, rest)
    assert turn.value == "no"


def test_an_answer_in_the_patients_own_words_wins_over_the_page(
    check: ClinicCheck, prefill: dict[str, page.Offer]
) -> None:
    check.start("p2", None, from_page=True)
    answer_until(check, "p2", "route", prefill)
    turn = check.answer("p2", "route", "just an IV drip", None, None, 0, prefill)
    assert turn.value == "iv" and turn.page_done
    assert check.store.current("p2").answers["route"] == ("just an IV drip", "iv")


def test_without_a_page_nothing_is_offered(check: ClinicCheck) -> None:
    messages, _ = check.start("p3")
    assert "page" not in texts(messages)
    said = answer_until(check, "p3", "cell_source", {})
    assert "page" not in said
    assert check.answer("p3", "cell_source", "yes, that's right", None, None).value is None
