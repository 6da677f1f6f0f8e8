"""A small sample of the randomised clinic-check driver (bench/check_driver.py runs 300): every check
reaches its report, no bot reply repeats more than twice in a row, and nothing said in an interruption
(a side question, "why?", a symptom report, help) is recorded as an answer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.check_driver import run
from tests.servers import Stack

SAMPLE, SEED = 15, 2026
KNOWN = yaml.safe_load((Path(__file__).parent / "known_failures.yml").read_text(encoding="utf-8")) or {}


# Not strict: two checks run at once, so how many interruptions land as answers can vary between runs;
# bench/check_driver.py (300 checks) prints the figures. Take the entry off the list once it passes.
@pytest.mark.xfail(bool(KNOWN.get("driver_sample")), reason=str(KNOWN.get("driver_sample")), strict=False)
def test_randomised_checks_reach_their_report_without_loops_or_recorded_interruptions(stack: Stack) -> None:
    figures, results = run(stack.url, SAMPLE, SEED, stack.env["DATABASE_URL"], workers=2)
    failing = [r for r in results if not r.convo.reached_report or r.recorded or r.convo.longest_repeat() > 2]
    detail = "\n".join(figures.lines())
    if failing:
        first = failing[0]
        detail += f"\n\nfirst failing check ({first.error or first.convo.stalled}, recorded {first.recorded}):\n"
        detail += first.convo.transcript(limit=200)[-5000:]
    assert figures.share == 1.0, detail
    assert figures.longest_repeat <= 2, detail
    assert figures.recorded_interruptions == 0, detail
