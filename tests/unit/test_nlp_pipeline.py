"""The project's spaCy pipeline builds from data/ and finds the entities the assistant relies on."""

from __future__ import annotations

from pathlib import Path

import spacy

from bot.condition_match import conditions_in
from bot.nlp_pipeline import ENTITY_LABELS, HELPER_LABELS, save


def test_pipeline_builds_saves_and_tags(tmp_path: Path) -> None:
    out = save(tmp_path / "pipeline")
    assert (out / "meta.json").exists()  # SpacyNLP refuses a directory without it
    nlp = spacy.load(out)
    doc = nlp("Tell us: is the Wharton's jelly IV in Tijuana checked by cofepris? My cédula and NCT01234567")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Wharton's jelly", "CELL_SOURCE") in ents
    assert ("IV", "ROUTE") in ents
    assert ("Tijuana", "COUNTRY") in ents
    assert ("cofepris", "REGULATOR") in ents
    assert ("cédula", "CREDENTIAL") in ents
    assert ("NCT01234567", "CREDENTIAL") in ents
    assert not any(e.text.lower() == "us" for e in doc.ents), "the pronoun 'us' is not a country"
    assert {e.label_ for e in doc.ents} <= set(ENTITY_LABELS)


def test_pipeline_tags_conditions_as_card_keys_without_taking_other_entities(tmp_path: Path) -> None:
    nlp = spacy.load(save(tmp_path / "pipeline"))
    doc = nlp("Will an IV in Tijuana help my husband's MS? I wrote it in MS Word. Is a knee injection ok for bad knees")
    ents = [(e.text, e.label_, e.ent_id_) for e in doc.ents if e.label_ in ENTITY_LABELS]
    assert ("MS", "CONDITION", "ms") in ents and ("bad knees", "CONDITION", "knee_oa") in ents
    assert ("IV", "ROUTE", "iv") in ents and ("Tijuana", "COUNTRY", "tijuana") in ents
    assert ("knee injection", "ROUTE", "knee injection") in ents, "a route stays a route"
    assert len([e for e in ents if e[1] == "CONDITION"]) == 2, "not 'MS Word'"
    assert {e.label_ for e in doc.ents} <= set(ENTITY_LABELS) | set(HELPER_LABELS)
    # the Rasa pipeline and bot.condition_match read the same patterns
    assert [e.ent_id_ for e in doc.ents if e.label_ == "CONDITION"] == conditions_in(doc.text)


def test_build_is_reproducible(tmp_path: Path) -> None:
    a, b = save(tmp_path / "a"), save(tmp_path / "b")
    for name in ("entity_ruler/patterns.jsonl", "condition_ruler/patterns.jsonl", "meta.json", "config.cfg"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
