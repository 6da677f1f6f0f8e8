"""Fails when `rasa test core` recorded any failed test story (wrong intent, topic or action).

`--fail-on-prediction-errors` stops only on wrong actions; a misclassified intent or FAQ topic is
written to failed_test_stories.yml without failing the run. This makes it fail.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(results: Path) -> int:
    failed_file = results / "failed_test_stories.yml"
    if not failed_file.exists():
        print(f"no {failed_file}: did rasa test core run?", file=sys.stderr)
        return 1
    text = failed_file.read_text(encoding="utf-8")
    stories = (yaml.safe_load(text) or {}).get("stories") or []
    if stories:
        print(text)
        print(f"{len(stories)} test stories failed", file=sys.stderr)
        return 1
    passed = results / "successful_test_stories.yml"
    count = (
        len((yaml.safe_load(passed.read_text(encoding="utf-8")) or {}).get("stories") or []) if passed.exists() else 0
    )
    print(f"{count} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "results/core")))
