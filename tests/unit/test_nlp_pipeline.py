"""The project's spaCy pipeline builds from data/ and finds the entities the assistant relies on."""

from __future__ import annotations

from pathlib import Path

import spacy

from bot.nlp_pipeline import ENTITY_LABELS, save


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


def test_build_is_reproducible(tmp_path: Path) -> None:
    a, b = save(tmp_path / "a"), save(tmp_path / "b")
    for name in ("entity_ruler/patterns.jsonl", "meta.json", "config.cfg"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
