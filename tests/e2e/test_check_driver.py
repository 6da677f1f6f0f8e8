"""A small sample of the randomised clinic-check driver (bench/check_driver.py runs 300): every check
reaches its report, no bot reply repeats more than twice in a row, and nothing said in an interruption
(a side question, "why?", a symptom report, help) is recorded as an answer."""

from __future__ import annotations

from bench.check_driver import run
from tests.servers import Stack

SAMPLE, SEED = 15, 2026


# Two patients talk at the same time, as in bench/check_driver.py: each check is judged from the records
# store, which the driver opens once for the run (tests/driver.py), so concurrent checks do not interfere.
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
