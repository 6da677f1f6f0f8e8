"""The clinic scenarios through bot/ alone, without Rasa: how far do the reading and flag rules get?

A fast companion to tests/e2e/test_scenarios.py (seconds instead of minutes, no trained model): each
scenario's answers are given to bot.clinic_check.ClinicCheck in the order the check asks its questions,
with the scenario's "info" extras (answers meant for another question) at their place, and its other
extras (side questions, "why?", "help", junk) sent before the answer as if the NLU had recognised nothing:
none of them may be recorded. Symptom reports are left out (the urgent-care policy takes them before the
check sees them; bench/rail.py measures it). Prints, per scenario, PASS or what is missing, and with -v the
answers that were asked back or not understood.
Not a test: the end-to-end suite is the judge; this shows where the rules stand.

Usage: python bench/scenario_rules.py [name ...] [-v]
"""

from __future__ import annotations

import inspect
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import flags as flag_rules  # noqa: E402
from bot.clinic_check import ClinicCheck  # noqa: E402
from bot.questions import applicable  # noqa: E402
from bot.store import Store  # noqa: E402
from tests.driver import LOWEST, SERIOUS, SOME, Scenario, load_scenarios  # noqa: E402


def level_of(flags: list) -> str:
    words = flag_rules.level(flags).lower()
    return SERIOUS if words.startswith("serious") else SOME if words.startswith("some") else LOWEST


def play(service: ClinicCheck, scenario: Scenario) -> tuple[set[str], str, list[tuple[str, str, str | None]]]:
    """Answer every question the check asks, in its order; returns (flag codes, level, what was said)."""
    sender = f"rules-{scenario.name}-{uuid.uuid4().hex[:6]}"
    service.start(sender)
    takes_tries = "tries" in inspect.signature(service.answer).parameters
    info = {x.at: x.text for x in scenario.extras if x.kind == "info"}
    interruptions = {x.at: x.text for x in scenario.extras if x.kind not in ("info", "symptom")}
    attempts: dict[str, int] = {}
    tries = 0
    said: list[tuple[str, str, str | None]] = []
    for _ in range(90):
        record = service.store.current(sender)
        values = record.values if record else {}
        pending = next((q.id for q in applicable(values) if values.get(q.id) is None), None)
        if pending is None:
            break
        if pending in interruptions:
            text = interruptions.pop(pending)
            turn = service.answer(sender, pending, text, None, None, tries)
            tries = turn.tries
            said.append((pending, text, "RECORDED" if turn.value or turn.others else "interruption"))
            continue
        if pending in info:
            text = info.pop(pending)
        else:
            attempt = attempts.get(pending, 0)
            attempts[pending] = attempt + 1
            given = scenario.answers.get(pending, "I don't know")
            text = given if isinstance(given, str) else given[min(attempt, len(given) - 1)]
            if attempt >= 3:  # a check that never moves on would loop here for ever
                said.append((pending, text, "LOOP"))
                break
        turn = service.answer(sender, pending, text, None, None, tries) if takes_tries else None
        if turn is None:
            turn = service.answer(sender, pending, text, None, None)
        tries = getattr(turn, "tries", 0)
        said.append((pending, text, turn.value))
    record = service.store.current(sender) or service.store.latest(sender)
    flags = list(record.flags) if record else []
    return {f.code for f in flags}, level_of(flags), said


def judge(scenario: Scenario, codes: set[str], level: str, said: list[tuple[str, str, str | None]]) -> list[str]:
    problems = [f"interruption recorded at {qid}: {text!r}" for qid, text, value in said if value == "RECORDED"]
    return problems + scenario.level_problems(level) + scenario.flag_problems(codes)


def main() -> None:
    args = sys.argv[1:]
    verbose = "-v" in args
    names = [a for a in args if a != "-v"]
    service = ClinicCheck(Store.from_url(f"sqlite:///{tempfile.mkdtemp()}/rules.db", flag_rules=flag_rules.evaluate))
    passed = total = 0
    for scenario in load_scenarios():
        if names and not any(n in scenario.name for n in names):
            continue
        total += 1
        codes, level, said = play(service, scenario)
        problems = judge(scenario, codes, level, said)
        passed += not problems
        print(f"{'PASS' if not problems else 'FAIL'} {scenario.name} [{level}] {'; '.join(problems)}")
        if verbose or problems:
            print(f"     flags: {sorted(codes)}")
            for question_id, text, value in said:
                if verbose or value in (None, "not_answered", "other", "LOOP", "RECORDED"):
                    print(f"     {question_id}: {text!r} -> {value}")
    print(f"{passed}/{total} scenarios pass on the rules alone")


if __name__ == "__main__":
    main()
