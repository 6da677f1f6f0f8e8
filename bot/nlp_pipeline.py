"""Builds StemSafe's own spaCy pipeline: ``spacy.blank("en")`` plus an entity ruler.

The patterns live in ``data/spacy_patterns.jsonl`` so that linguists can edit them without touching
code. The output directory is what Rasa's ``SpacyNLP`` loads by path (see config.yml). Building is
deterministic: the same patterns give the same pipeline, and no model weights are downloaded.

Usage: ``python -m bot.nlp_pipeline [PATTERNS] [OUT_DIR]``
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import spacy
from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATTERNS = ROOT / "data" / "spacy_patterns.jsonl"
DEFAULT_OUT = ROOT / "models" / "spacy_pipeline"
ENTITY_LABELS = ("REGULATOR", "CELL_SOURCE", "ROUTE", "COUNTRY", "CREDENTIAL")


def build(patterns: Path = DEFAULT_PATTERNS) -> Language:
    """Return a blank English pipeline whose entity ruler carries the project's patterns."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "entity_ruler",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True, "validate": True},
    )
    ruler.from_disk(patterns)  # type: ignore[attr-defined]
    digest = hashlib.sha256(patterns.read_bytes()).hexdigest()[:12]
    nlp.meta["name"] = "stemsafe_rules"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = f"StemSafe rule pipeline built from {patterns.name} ({digest})"
    return nlp


def save(out_dir: Path = DEFAULT_OUT, patterns: Path = DEFAULT_PATTERNS) -> Path:
    """Build the pipeline and write it where SpacyNLP expects it; returns the directory."""
    nlp = build(patterns)
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    return out_dir


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]]
    written = save(*(reversed(args) if len(args) == 2 else ()))
    print(f"spaCy pipeline written to {written}")
