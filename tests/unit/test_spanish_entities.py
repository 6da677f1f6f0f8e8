"""Spanish messages give the same entities as English ones (data/spacy_patterns.jsonl, issue 13), with or
without accents, and no Spanish country pattern names a country bot.places reads differently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from bot import places
from bot.nlp_pipeline import DEFAULT_PATTERNS, save


@pytest.fixture(scope="module")
def nlp(tmp_path_factory: pytest.TempPathFactory) -> spacy.language.Language:
    return spacy.load(save(tmp_path_factory.mktemp("pipeline")))


def entities(nlp: spacy.language.Language, text: str) -> set[tuple[str, str]]:
    return {(e.text.lower(), e.label_) for e in nlp(text).ents}


def test_a_spanish_story_gives_every_kind_of_entity(nlp: spacy.language.Language) -> None:
    found = entities(
        nlp,
        "A mi mamá le van a poner células de cordón umbilical por suero en Tijuana. El doctor dice que tiene "
        "cédula profesional y la clínica aviso de funcionamiento, ¿lo reviso con la COFEPRIS?",
    )
    assert {
        ("células de cordón", "CELL_SOURCE"),
        ("por suero", "ROUTE"),
        ("tijuana", "COUNTRY"),
        ("cédula profesional", "CREDENTIAL"),
        ("aviso de funcionamiento", "CREDENTIAL"),
        ("cofepris", "REGULATOR"),
    } <= found


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("me ofrecen celulas de medula osea", ("celulas de medula osea", "CELL_SOURCE")),
        ("usan la grasa del abdomen", ("grasa", "CELL_SOURCE")),
        ("es tejido adiposo", ("tejido adiposo", "CELL_SOURCE")),
        ("dicen que es gelatina de Wharton", ("gelatina de wharton", "CELL_SOURCE")),
        ("nos ofrecen exosomas", ("exosomas", "CELL_SOURCE")),
        ("se las ponen por vía intravenosa", ("vía intravenosa", "ROUTE")),
        ("es intratecal", ("intratecal", "ROUTE")),
        ("se las inyectan en la columna", ("en la columna", "ROUTE")),
        ("una inyeccion en el ojo", ("inyeccion en el ojo", "ROUTE")),
        ("la ponen en la rodilla", ("en la rodilla", "ROUTE")),
        ("la clínica tiene licencia sanitaria", ("licencia sanitaria", "CREDENTIAL")),
        ("lo aprobó la Secretaría de Salud", ("secretaría de salud", "REGULATOR")),
        ("la clinica esta en EE. UU.", ("ee. uu.", "COUNTRY")),
        ("vamos a ir a Islas Caimán", ("islas caimán", "COUNTRY")),
        ("es en Japón", ("japón", "COUNTRY")),
    ],
)
def test_spanish_and_unaccented_words(nlp: spacy.language.Language, text: str, entity: tuple[str, str]) -> None:
    assert entity in entities(nlp, text)


def test_no_spanish_country_pattern_is_read_as_another_country() -> None:
    """The clinic check starts from the COUNTRY entity's text: it must never land in the wrong country."""
    wrong = []
    for line in Path(DEFAULT_PATTERNS).read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["label"] != "COUNTRY" or not isinstance(entry["pattern"], str):
            continue
        code = places.country_of(entry["pattern"])
        if code == places.EU and entry["pattern"].lower().startswith(("e.u.a", "eua", "ee")):
            wrong.append(entry["pattern"])  # Estados Unidos abbreviations are not the European Union
    assert not wrong
