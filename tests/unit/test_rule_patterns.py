"""Word lists written as regular expressions reach spaCy as word sets (bot/rule_patterns.py), with the same
matches: the pipeline built from them finds exactly the entities the regular expressions found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot import condition_match, nlp_pipeline, rule_patterns
from bot.spacy_light import spacy

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("regex", "words"),
    [
        ("^((knee|knees|kneee))$", ["knee", "knees", "kneee"]),
        ("^((problems?|issues?))$", ["problem", "problems", "issue", "issues"]),
        ("^(mom's|dad's)$", ["mom's", "dad's"]),
        ("^((prótesis|protesis))$", ["prótesis", "protesis"]),
    ],
)
def test_a_list_of_words_becomes_a_set(regex: str, words: list[str]) -> None:
    assert rule_patterns.word_set(regex) == words


@pytest.mark.parametrize("regex", ["^(?i:nct)\\d{8}$", "^e\\.m\\.$", "^((dm[12]))$", "^((a|b)c)$", "knee", "^(ms)"])
def test_anything_more_stays_a_regular_expression(regex: str) -> None:
    assert rule_patterns.word_set(regex) is None


def _texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((ROOT / "data").glob("nlu_conditions*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in (block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    texts.append(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip()[2:]))
    for path in sorted((ROOT / "tests" / "real_questions").glob("*_dev.yml")):
        texts += [q["text"] for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]
    return texts


def _entities(nlp: spacy.language.Language, texts: list[str]) -> list[list[tuple]]:
    return [[(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents] for doc in nlp.pipe(texts)]


def test_the_conditions_found_are_the_ones_the_regular_expressions_found() -> None:
    texts = _texts()
    as_written = spacy.blank("en")
    as_written.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": True}).from_disk(
        condition_match.PATTERNS
    )
    found = _entities(condition_match.build(), texts)
    assert found == _entities(as_written, texts)
    assert sum(map(len, found)) > 100  # the texts do name conditions


def test_the_rasa_pipeline_finds_the_same_entities_as_before() -> None:
    texts = _texts()
    as_written = spacy.blank("en")
    for name, path, overwrite in (
        ("entity_ruler", nlp_pipeline.DEFAULT_PATTERNS, True),
        ("condition_ruler", nlp_pipeline.CONDITION_PATTERNS, False),
    ):
        as_written.add_pipe(
            "entity_ruler", name=name, config={"phrase_matcher_attr": "LOWER", "overwrite_ents": overwrite}
        ).from_disk(path)
    assert _entities(nlp_pipeline.build(), texts) == _entities(as_written, texts)
