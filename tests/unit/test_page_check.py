"""The page check finds the claims a clinic's own text makes, quotes them, and leaves warnings and questions alone."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from bench.page_check import SEEDS, load, score
from bot.knowledge import load_sources, reading_grade
from bot.page_check import MAX_CHARS, catalogue, chat_lines, check, looks_like_clinic_text

ROOT = Path(__file__).resolve().parents[2]
ISSUE_OVERCLAIMS = {  # issue 11: every one of these must be found in the two seeds
    "immune_privileged",
    "universally_safe",
    "no_rejection",
    "negligible_infection",
    "proven_in_trials",
    "licence_vs_aviso",
    "fda_quality",
    "fever_as_healing",
    "testimonials_as_evidence",
}


def _texts() -> list[dict]:
    items = load()
    missing = [item["name"] for item in items if item["text"] is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"seed pages not found in {SEEDS}: {missing}")
        pytest.skip(f"seed pages not found in {SEEDS}")
    return items


def test_every_labelled_claim_is_found_in_every_text() -> None:
    for item in _texts():
        result = score(item)
        assert not result.missed, (item["name"], result.missed)
        assert not result.details_missed, (item["name"], result.details_missed)


def test_few_sentences_are_reported_that_do_not_make_the_claim() -> None:
    scores = [score(item) for item in _texts()]
    right = sum(len(s.right) for s in scores)
    wrong = sum(len(s.wrong) for s in scores)
    assert right / (right + wrong) >= 0.9, [w for s in scores for w in s.wrong]


def test_the_seeds_overclaims_named_in_the_issue_are_all_found() -> None:
    found: set[str] = set()
    for item in _texts():
        if "seed" in item:
            found |= set(check(item["text"], max_chars=60_000).codes)
    assert ISSUE_OVERCLAIMS <= found, ISSUE_OVERCLAIMS - found


def test_control_pages_raise_no_overclaim() -> None:
    for item in _texts():
        if item["name"].startswith("control"):
            kinds = {f.claim.kind for f in check(item["text"]).findings}
            assert "overclaim" not in kinds, item["name"]


def test_a_warning_a_question_or_a_negation_is_not_the_pages_claim() -> None:
    assert check("Be wary of any clinic that says its cells are immune privileged.").codes == []
    assert check("Red flags to watch for:\n• Claims of no risk\n• Guaranteed cures").codes == []
    assert check("Can donor cells be rejected?").codes == []
    assert check("No procedure is ever completely risk-free.").codes == []
    assert "no_risk" in check("There is no rejection and no risk.").codes
    assert "no_risk" in check("MSCs do not form tumors and have no known side effects.").codes


def test_case_and_accents_do_not_matter() -> None:
    assert "immune_privileged" in check("THESE CELLS ARE IMMUNE PRIVILEGED.").codes
    spanish = check("Las células son INMUNOPRIVILEGIADAS y no causan rechazo. Tratamiento 100% seguro.")
    assert spanish.language == "es"
    assert {"immune_privileged", "no_rejection", "universally_safe"} <= set(spanish.codes)
    assert "universally_safe" in check("Es un tratamiento totalmente seguro para usted.", language="es").codes


def test_a_licence_claimed_beside_a_notice_number_is_called_out() -> None:
    text = "We are a COFEPRIS-licensed clinic. Our sanitary notice is 2323025036X00098."
    result = check(text)
    assert "licence_vs_aviso" in result.codes
    only_licence = check("We are a COFEPRIS-licensed clinic with a licencia sanitaria.")
    assert "licence_vs_aviso" not in only_licence.codes


def test_what_the_page_says_is_offered_for_the_clinic_check() -> None:
    text = (
        "Donor umbilical cord MSCs, expanded in our own lab. "
        "Given by IV infusion and intrathecal injection. Cells are immune privileged."
    )
    prefill = check(text).prefill
    assert prefill["expanded"] == ["yes"]
    assert "IV" in prefill["route"] and any("spine" in r for r in prefill["route"])
    assert prefill["cell_source"] and prefill["claims"] == ["immune privileged"]


def test_chat_reply_quotes_each_claim_with_its_fact_and_source_and_never_calls_anything_safe() -> None:
    lines = chat_lines(check("Our cells are immune privileged, so there is no rejection. Book now: limited spots!"))
    text = "\n".join(lines)
    assert "“Our cells are immune privileged, so there is no rejection.”" in text
    assert text.count("Source:") == 3
    assert "antibodies against them" in text
    assert " is safe" not in text.lower() and "are safe" not in text.lower()
    assert "own doctor" in lines[-1]


def test_nothing_found_is_not_presented_as_a_pass() -> None:
    reply = " ".join(chat_lines(check("We are open Monday to Friday from 9 to 5.")))
    assert "doesn't make the clinic trustworthy" in reply


def test_a_paste_is_told_apart_from_a_question() -> None:
    paste = (
        "Our stem cells are immune privileged and cannot be rejected. The treatment is 100% safe. "
        "We have helped thousands of patients with autism, ALS and MS. Limited spots: book now. "
        "Our lab is COFEPRIS licensed and our cells are expanded in house."
    )
    assert looks_like_clinic_text(paste)
    assert not looks_like_clinic_text("Are donor cells immune privileged?")


def test_long_text_is_cut_at_the_limit_and_said_so() -> None:
    result = check("Our cells are immune privileged. " * 400)
    assert result.truncated and "immune_privileged" in result.codes
    assert any(f"{MAX_CHARS:,}" in line for line in chat_lines(result))


@pytest.mark.parametrize(
    "unit",
    ["a ", " ", "no ", "immune privileged ", "é" * 3 + " ", "\n• ", "NCT0" * 5 + " ", "💉", "risk-free! "],
)
def test_time_grows_linearly_with_the_length_of_pathological_text(unit: str) -> None:
    check("warm up the pipeline")

    def seconds(n: int) -> float:
        text = (unit * (n // len(unit) + 1))[:n]
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            check(text, max_chars=n)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = seconds(1_250), seconds(5_000)  # 4 times the text: linear ~4x the time, quadratic ~16x
    assert large < 8 * small + 0.25, (unit, small, large)  # a quadratic scan takes seconds here


def test_every_claim_cites_entries_of_the_sources_file_and_reads_at_grade_9_or_below() -> None:
    sources = load_sources()
    for code, claim in catalogue()[0].items():
        cited = [name.strip() for name in claim.sources.split(";")]
        assert cited and all(name in sources for name in cited), (code, cited)
        assert reading_grade((claim.fact, claim.ask)) <= 9, code
        fact = claim.fact.lower().replace("no cell treatment is safe for everyone", "")
        assert not re.search(r"\b(is|are|be|being|as)\s+(\w+\s+)?safe\b", fact), code  # never calls anything safe
