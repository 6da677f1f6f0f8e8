"""Prints, for every clinic scenario (tests/scenarios/), the level and the flags the check reached over REST.

The figures the closing note of the clinic-check issue asks for: each scenario is played whole, typed as a
patient types it, by the REST driver (tests/driver.py) against a running StemSafe stack (started here unless
--url is given); the flags are read from the records database the check wrote. Each line says PASS or the
problems the judge found (tests/e2e/test_scenarios.py is the test; this only prints).

Usage: python bench/scenarios.py [name ...] [--url http://localhost:5005 --database-url sqlite:///...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.driver import RestClient, load_scenarios, outcome_from_store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="scenario names (default: all)")
    parser.add_argument("--url", help="a running StemSafe server (default: start one)")
    parser.add_argument("--database-url", help="its records database (with --url)")
    args = parser.parse_args()
    scenarios = [s for s in load_scenarios() if not args.names or s.name in args.names]
    stack = None
    try:
        if args.url:
            url, database_url = args.url.rstrip("/"), args.database_url
        else:
            from tests.servers import Stack

            stack = Stack(Path(tempfile.mkdtemp(prefix="scenarios-"))).start()
            url, database_url = stack.url, stack.env["DATABASE_URL"]
        passed = 0
        print(f"{'scenario':<40} {'expected':<10} {'reached':<10} result")
        for scenario in scenarios:
            convo = scenario.play(RestClient(url))
            outcome = outcome_from_store(database_url, convo.sender) if database_url else None
            problems = scenario.judge(convo, outcome)
            passed += not problems
            expected = scenario.level or "not " + "/".join(scenario.level_not)
            print(f"{scenario.name:<40} {expected:<10} {convo.level or '-':<10} {'PASS' if not problems else 'FAIL'}")
            flags = sorted(outcome.flags.items()) if outcome else []
            print("    flags: " + (", ".join(f"{code} ({severity})" for code, severity in flags) or "none"))
            for problem in problems:
                print(f"    - {problem}")
        print(f"\n{passed}/{len(scenarios)} scenarios pass over REST")
    finally:
        if stack:
            stack.stop()


if __name__ == "__main__":
    main()
