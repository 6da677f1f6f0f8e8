"""The lay-phrasing sets of conditions are well formed, and nobody trains on them.

tests/conditions/phrasings_*.yml hold short snippets real people and clinic, hospital and forum pages
wrote, verbatim, each labelled with the condition-card keys it names (issue 18 §7). They measure the
condition matcher (precision and recall); copying them into data/ (patterns, NLU examples, lookups)
would make that measure meaningless, so this test fails when any of them appears in a data file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.held_out import assert_header_says, assert_unique, empty_fields

ROOT = Path(__file__).resolve().parents[2]
SETS_DIR = ROOT / "tests" / "conditions"
SET_FILES = sorted(SETS_DIR.glob("phrasings_*.yml"))
DATA_FILES = sorted((ROOT / "data").glob("*.yml")) + sorted((ROOT / "data").glob("*.jsonl"))
CARDS_FILE = ROOT / "data" / "condition_cards.yml"

# The 30 condition cards of issue 18 (../shared/content/conditions.md, one key per card).
CARD_KEYS = frozenset(
    """
    knee_oa joint_tendon back_pain ms als parkinsons autism cerebral_palsy spinal_cord_injury stroke tbi
    lung_disease heart type1_diabetes type2_diabetes kidney eye_disease hair_loss erectile_dysfunction
    anti_ageing long_covid lupus rheumatoid_arthritis crohns gvhd blood_cancers sickle_cell cartilage_defects
    limbal_deficiency epidermolysis_bullosa
    """.split()
)
FIELDS = {"id", "text", "source", "lang", "conditions"}
HEADER_WORDS = ("verbatim", "never train", "seed")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold()).strip()


def _load(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["phrasings"]


def _phrasings() -> list[tuple[str, dict]]:
    return [(path.name, item) for path in SET_FILES for item in _load(path)]


def test_the_dev_and_final_sets_exist_and_are_big_enough():
    assert {p.name for p in SET_FILES} == {"phrasings_dev.yml", "phrasings_final.yml"}
    items = [item for _name, item in _phrasings()]
    assert len(items) >= 300
    assert sum(item["lang"] == "es" for item in items) >= 80
    assert sum(not item["conditions"] for item in items) >= 60
    dev = len(_load(SETS_DIR / "phrasings_dev.yml"))
    assert 0.5 <= dev / len(items) <= 0.7, "the split is ~60% dev / 40% final"


@pytest.mark.parametrize("path", SET_FILES, ids=lambda p: p.name)
def test_set_file_format(path: Path):
    text = path.read_text(encoding="utf-8")
    assert_header_says(path, text, HEADER_WORDS)
    data = yaml.safe_load(text)
    assert set(data) == {"phrasings"}
    problems = []
    for i, item in enumerate(data["phrasings"], 1):
        where = f"{path.name} item {i} ({item.get('id')})"
        if missing := FIELDS - set(item):
            problems.append(f"{where}: missing {sorted(missing)}")
        if unknown := set(item) - FIELDS - {"note"}:
            problems.append(f"{where}: unknown fields {sorted(unknown)}")
        problems += [f"{where}: {problem}" for problem in empty_fields(item)]
        if isinstance(item.get("text"), str) and len(item["text"]) > 300:
            problems.append(f"{where}: text longer than 300 characters")
        if item.get("lang") not in ("en", "es"):
            problems.append(f"{where}: lang must be en or es")
        if not str(item.get("source", "")).startswith(("http://", "https://")):
            problems.append(f"{where}: source must be the page's URL")
        conditions = item.get("conditions")
        if not isinstance(conditions, list) or any(k not in CARD_KEYS for k in conditions):
            problems.append(f"{where}: conditions must list card keys, got {conditions!r}")
        elif len(set(conditions)) != len(conditions):
            problems.append(f"{where}: a key is listed twice")
        if "note" in item and (not isinstance(item["note"], str) or not item["note"].strip()):
            problems.append(f"{where}: an empty note")
    assert not problems, "\n".join(problems)


def test_ids_and_texts_are_unique_across_sets():
    assert_unique(((name, item["id"], item["text"]) for name, item in _phrasings()), normalise)


def test_every_card_is_named_at_least_four_times():
    counts = {key: 0 for key in CARD_KEYS}
    for _name, item in _phrasings():
        for key in item["conditions"]:
            counts[key] += 1
    assert not {k: n for k, n in counts.items() if n < 4}


def test_the_card_keys_match_the_cards_file():
    if not CARDS_FILE.exists():
        pytest.skip("data/condition_cards.yml has not landed yet")
    cards = yaml.safe_load(CARDS_FILE.read_text(encoding="utf-8"))["cards"]
    assert set(cards) == CARD_KEYS


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _body(path: Path) -> str:
    """A data file's text, normalised; a .jsonl file's strings are decoded first (\\u escapes, quotes)."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        raw = "\n".join(s for line in raw.splitlines() if line.strip() for s in _strings(json.loads(line)))
    return normalise(raw)


def _leaks(phrasings: list[tuple[str, dict]], files: list[Path]) -> list[str]:
    bodies = {path.name: _body(path) for path in files}
    return [
        f"{item['id']} ({name}) is in data/{file}: {item['text']!r}"
        for name, item in phrasings
        for file, body in bodies.items()
        if normalise(item["text"]) in body
    ]


def test_no_phrasing_is_in_the_data_files():
    """Case- and space-insensitive: a snippet inside any data/*.yml or data/*.jsonl file fails."""
    leaks = _leaks(_phrasings(), DATA_FILES)
    assert not leaks, "Phrasings must never be copied into data/:\n" + "\n".join(leaks)


def test_the_leak_check_catches_a_copied_phrasing(tmp_path: Path):
    spanish = next(
        item for _name, item in _phrasings() if item["lang"] == "es" and re.search(r"[^\x00-\x7f]", item["text"])
    )
    pattern = {"label": "CONDITION", "pattern": spanish["text"].upper(), "id": "x"}
    (tmp_path / "patterns.jsonl").write_text(json.dumps(pattern) + "\n", encoding="utf-8")  # \\u escapes
    (tmp_path / "nlu.yml").write_text("nlu:\n- intent: x\n  examples: |\n    - something else\n", encoding="utf-8")
    leaks = _leaks([("phrasings_dev.yml", spanish)], sorted(tmp_path.iterdir()))
    assert len(leaks) == 1 and "patterns.jsonl" in leaks[0]
