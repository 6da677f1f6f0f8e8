"""Every clinic scenario in tests/scenarios/ (written from public records), end to end over REST.

Each scenario is a whole conversation typed as a patient types it; the driver (tests/driver.py) answers
whichever question the check asks, injects the scenario's side questions and out-of-order information,
and then reads what the check stored. A scenario passes when the check reaches its report at the
expected level, raises every flag the record calls for and none it must not, records no interruption
as an answer, and no bot message calls a clinic or a treatment safe.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.driver import RestClient, Scenario, load_scenarios, outcome_from_store
from tests.servers import Stack

SCENARIOS = load_scenarios()
KNOWN = yaml.safe_load((Path(__file__).parent / "known_failures.yml").read_text(encoding="utf-8")) or {}
KNOWN_SCENARIOS: dict[str, str] = KNOWN.get("scenarios") or {}


def _param(scenario: Scenario) -> object:
    """A scenario main does not pass yet is an expected failure, strictly: passing it turns the run red."""
    reason = KNOWN_SCENARIOS.get(scenario.name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(scenario, id=scenario.name, marks=marks)


def test_the_known_failures_name_real_scenarios() -> None:
    assert set(KNOWN_SCENARIOS) <= {s.name for s in SCENARIOS}


@pytest.mark.parametrize("scenario", [_param(s) for s in SCENARIOS])
def test_scenario(stack: Stack, scenario: Scenario) -> None:
    convo = scenario.play(RestClient(stack.url))
    outcome = outcome_from_store(stack.env["DATABASE_URL"], convo.sender)
    problems = scenario.judge(convo, outcome)
    flags = sorted(outcome.flags.items()) if outcome else []
    assert not problems, (
        f"{scenario.title}\n" + "\n".join(f"- {p}" for p in problems) + f"\nflags: {flags}\n\n" + convo.transcript()
    )
