"""The Spanish held-out set (tests/nlu_holdout_es.yml) covers every FAQ topic and never leaks into training."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.knowledge import load_answers

ROOT = Path(__file__).resolve().parents[2]
HOLDOUT = ROOT / "tests" / "nlu_holdout_es.yml"


def _examples(path: Path) -> dict[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, list[str]] = {}
    for block in data.get("nlu") or []:
        if "intent" in block:
            lines = [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
            out.setdefault(block["intent"], []).extend(lines)
    return out


def test_every_faq_topic_has_spanish_held_out_examples() -> None:
    holdout = _examples(HOLDOUT)
    missing = [topic for topic in load_answers() if not holdout.get(f"faq/{topic}")]
    assert not missing, f"no Spanish held-out example for {missing}"


def test_no_spanish_held_out_example_is_in_the_training_data() -> None:
    training = {t.lower() for path in (ROOT / "data").glob("*.yml") for ts in _examples(path).values() for t in ts}
    leaked = [t for ts in _examples(HOLDOUT).values() for t in ts if t.lower() in training]
    assert not leaked, f"held-out examples found in data/: {leaked}"
