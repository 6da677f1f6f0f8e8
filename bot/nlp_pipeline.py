"""Builds StemSafe's own spaCy pipeline: ``spacy.blank("en")`` plus two entity rulers.

The patterns live in ``data/`` so that linguists can edit them without touching code:
``data/spacy_patterns.jsonl`` (regulators, cell sources, routes, countries, credentials) and
``data/condition_patterns.jsonl`` (conditions as people name them; the `id` of each is a condition card key,
and bot.condition_match reads the same file). The condition ruler runs second and never overwrites an
entity of the first, so the entities the clinic check relies on are unchanged ("knee injection" stays a
ROUTE). Its NOT_CONDITION matches ("MS Word", "heat stroke") only keep a shorter condition match away.
The output directory is what Rasa's ``SpacyNLP`` loads by path (see config.yml). Building is deterministic:
the same patterns give the same pipeline, and no model weights are downloaded. Word lists written as regular
expressions reach spaCy as word sets (bot/rule_patterns.py: same matches, a fraction of the time).

Usage: ``python -m bot.nlp_pipeline [PATTERNS [CONDITION_PATTERNS] OUT_DIR]``
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import spacy
from spacy.language import Language

from bot import rule_patterns

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATTERNS = ROOT / "data" / "spacy_patterns.jsonl"
CONDITION_PATTERNS = ROOT / "data" / "condition_patterns.jsonl"
DEFAULT_OUT = ROOT / "models" / "spacy_pipeline"
ENTITY_LABELS = ("REGULATOR", "CELL_SOURCE", "ROUTE", "COUNTRY", "CREDENTIAL", "CONDITION")
# Spans the condition ruler marks only so that a shorter condition match inside them does not count.
HELPER_LABELS = ("NOT_CONDITION",)


def build(patterns: Path = DEFAULT_PATTERNS, condition_patterns: Path = CONDITION_PATTERNS) -> Language:
    """Return a blank English pipeline whose entity rulers carry the project's patterns."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "entity_ruler",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True, "validate": True},
    )
    ruler.add_patterns(rule_patterns.load(patterns))  # type: ignore[attr-defined]
    conditions = nlp.add_pipe(
        "entity_ruler",
        name="condition_ruler",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": False, "validate": True},
    )
    conditions.add_patterns(rule_patterns.load(condition_patterns))  # type: ignore[attr-defined]
    digest = hashlib.sha256(patterns.read_bytes() + condition_patterns.read_bytes()).hexdigest()[:12]
    nlp.meta["name"] = "stemsafe_rules"
    nlp.meta["version"] = "1.1.0"
    nlp.meta["description"] = (
        f"StemSafe rule pipeline built from {patterns.name} and {condition_patterns.name} ({digest})"
    )
    return nlp


def save(
    out_dir: Path = DEFAULT_OUT, patterns: Path = DEFAULT_PATTERNS, condition_patterns: Path = CONDITION_PATTERNS
) -> Path:
    """Build the pipeline and write it where SpacyNLP expects it; returns the directory."""
    nlp = build(patterns, condition_patterns)
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    return out_dir


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]]
    if len(args) == 3:
        written = save(args[2], args[0], args[1])
    elif len(args) == 2:  # PATTERNS OUT_DIR (the condition patterns from data/)
        written = save(args[1], args[0])
    else:
        written = save()
    print(f"spaCy pipeline written to {written}")
