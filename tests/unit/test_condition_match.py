"""Conditions are recognised as people name them (bot.condition_match over data/condition_patterns.jsonl)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot import condition_match
from bot.condition_match import LABEL, NOT_LABEL, PATTERNS, ROOT, conditions_in, first_condition, known_keys

# The condition cards (issue 18 §1; data/condition_cards.yml when it exists).
CARD_KEYS = frozenset(
    """knee_oa joint_tendon back_pain ms als parkinsons autism cerebral_palsy spinal_cord_injury stroke tbi
    lung_disease heart type1_diabetes type2_diabetes kidney eye_disease hair_loss erectile_dysfunction anti_ageing
    long_covid lupus rheumatoid_arthritis crohns gvhd blood_cancers sickle_cell cartilage_defects limbal_deficiency
    epidermolysis_bullosa""".split()
)

NAMED = [
    # the way people ask, family phrasing included
    ("Will stem cells help my husband's MS?", ["ms"]),
    ("my son is on the spectrum, would this help him", ["autism"]),
    ("Is there anything for my knees that's proven?", ["knee_oa"]),
    ("the doctor says it's wear and tear, bone on bone", ["knee_oa"]),
    ("would it help my bad knees", ["knee_oa"]),
    ("my grandad has Lou Gehrig's", ["als"]),
    ("my dad has parkinsons", ["parkinsons"]),
    ("Mum was diagnosed with Parkinson's disease last year", ["parkinsons"]),
    ("she has ms and can barely walk", ["ms"]),
    ("she was diagnosed with MS in 2010", ["ms"]),
    ("my daughter has cerebral palsy", ["cerebral_palsy"]),
    ("he became a quadriplegic after a diving accident", ["spinal_cord_injury"]),
    ("my wife had a stroke in March", ["stroke"]),
    ("a concussion from football years ago", ["tbi"]),
    ("my father has COPD", ["lung_disease"]),
    ("congestive heart failure", ["heart"]),
    ("I'm a type 1 diabetic", ["type1_diabetes"]),
    ("type 2 diabetes for 10 years", ["type2_diabetes"]),
    # the old names and short forms of each type: "non-insulin dependent" is type 2, not type 1
    ("non-insulin dependent diabetes since my forties", ["type2_diabetes"]),
    ("NIDDM, can stem cells help?", ["type2_diabetes"]),
    ("stem cells for diabetes mellitus type II", ["type2_diabetes"]),
    ("T2 diabetes and stem cells", ["type2_diabetes"]),
    ("I have diabetes 2, can stem cells help?", ["type2_diabetes"]),
    ("diabetes mellitus 1 in my son", ["type1_diabetes"]),
    ("mom is on dialysis", ["kidney"]),
    ("wet macular degeneration", ["eye_disease"]),
    ("thinning hair and a receding hairline", ["hair_loss"]),
    ("the P-shot for erectile dysfunction", ["erectile_dysfunction"]),
    ("anti-aging IV infusions", ["anti_ageing"]),
    ("long covid since 2021", ["long_covid"]),
    ("lupus flares", ["lupus"]),
    ("rheumatoid arthritis in my hands", ["rheumatoid_arthritis"]),
    ("Crohn's with a perianal fistula", ["crohns"]),
    ("graft-versus-host disease after my transplant", ["gvhd"]),
    ("my brother has leukemia", ["blood_cancers"]),
    ("sickle cell anemia", ["sickle_cell"]),
    ("a cartilage defect in my knee", ["cartilage_defects"]),
    ("limbal stem cell deficiency after a chemical burn to my eye", ["limbal_deficiency"]),
    ("our baby has epidermolysis bullosa", ["epidermolysis_bullosa"]),
    ("lower back pain from a herniated disc", ["back_pain"]),
    ("a torn rotator cuff", ["joint_tendon"]),
    ("arthritis in my hip", ["joint_tendon"]),
    # misspellings
    ("can stem cells cure multiple sclerosus", ["ms"]),
    ("my son has autisim", ["autism"]),
    ("parkinsens disease", ["parkinsons"]),
    ("cerebral palsey", ["cerebral_palsy"]),
    ("leukaemia", ["blood_cancers"]),
    ("my mom has rhumatoid arthritis", ["rheumatoid_arthritis"]),
    # Spanish
    ("¿sirven las células madre para la rodilla?", ["knee_oa"]),
    ("tengo artrosis", ["knee_oa"]),
    ("mi esposo tiene esclerosis múltiple", ["ms"]),
    ("esclerosis multiple", ["ms"]),
    ("mi hijo tiene autismo", ["autism"]),
    ("parálisis cerebral", ["cerebral_palsy"]),
    ("lesión medular por un accidente", ["spinal_cord_injury"]),
    ("mi papá tuvo un derrame cerebral", ["stroke"]),
    ("diabetes tipo 1", ["type1_diabetes"]),
    # several, in order of mention, each once
    ("rheumatoid arthritis and type 1 diabetes", ["rheumatoid_arthritis", "type1_diabetes"]),
    ("knee pain, and my knees are bone on bone; also my hip", ["knee_oa", "joint_tendon"]),
]

NOT_NAMED = [
    "it's been diabetes 2 years now with no change",  # a count of years, not the type
    "diabetes I have had for 1 year",  # the pronoun "I", not type I
    "Ms. Smith at the clinic said it would work",
    "Ms Jones is the coordinator",
    "I typed the consent form in MS Word",
    "she has an MS in biology",
    "the page loaded in 200 ms",
    "he got heat stroke in Cancún",
    "a stroke of luck",
    "I went to the ED after the injection",
    "kidney stones",
    "is a lumbar puncture risky?",
    "psoriatic arthritis",
    "long haul flight to Mexico",
    "Are stem cell clinics in Mexico legal?",
    "What side effects do stem cell treatments have?",
    "Has anybody been blinded or paralysed by stem cell clinics?",
    "the Stop Aging Now clinic",
    "",
]


@pytest.mark.parametrize("text,keys", NAMED)
def test_conditions_as_people_name_them(text: str, keys: list[str]) -> None:
    assert conditions_in(text) == keys


@pytest.mark.parametrize("text", NOT_NAMED)
def test_words_that_look_like_a_condition_but_are_not(text: str) -> None:
    assert conditions_in(text) == []


# A general word names its card only when nothing more precise is named (ids ending in "#weak").
WEAK = [
    ("can stem cells help my arthritis?", ["knee_oa"]),
    ("lupus can cause joint pain and tiredness", ["lupus"]),
    ("my husband has rheumatoid arthritis and joint pain", ["rheumatoid_arthritis"]),
    ("she has cerebral palsy and brain damage from lack of oxygen at birth", ["cerebral_palsy"]),
    ("he had a head injury in a car crash", ["tbi"]),
    ("he is quadriplegic after a fall", ["spinal_cord_injury"]),
    ("spastic quadriplegic CP", ["cerebral_palsy"]),
    ("a clinic says it is rejuvenating worn knees with stem cells", ["knee_oa"]),
    ("stem cell rejuvenation packages", ["anti_ageing"]),
    ("my knee arthritis and my MS", ["knee_oa", "ms"]),  # a precise knee phrase is not weak
]
# A sport's stroke is not a stroke ("context:stroke"), and a name with an initial is a person.
CONTEXT = [
    ("swimmers lose speed when the stroke is too deep", []),
    ("the coach says my freestyle stroke needs a stronger kick", []),
    ("my dad had a stroke last spring", ["stroke"]),
    ("C. Northcote Parkinson wrote about committees", []),
    ("fue un partido de infarto", []),
    ("mi papá tuvo un infarto", ["heart"]),
    ("post-COVID syndrome", ["long_covid"]),
    ("40 quadriplegics joined the trial", ["spinal_cord_injury"]),
]

# A condition named after a negation is left out, but only when another one is named: "not MS" alone still asks
# about MS (and "no MS treatment" is about MS).
NEGATED = [
    ("ELA, no la esclerosis múltiple", ["als"]),
    ("tengo ELA, no esclerosis múltiple", ["als"]),
    ("ALS, not MS", ["als"]),
    ("I don't have MS, I have ALS", ["als"]),
    ("MS, not ALS", ["ms"]),
    ("not MS", ["ms"]),
    ("is there no MS treatment?", ["ms"]),
    ("can stem cells help MS and ALS?", ["ms", "als"]),
    # a feared outcome of a treatment is not the condition asked about (2026-12-02); "quedó" (past) is the person's
    ("me da miedo quedar paralitico", []),
    ("will it leave me paralyzed?", []),
    ("quedo paralitico tras un accidente, las celulas madre le ayudan?", ["spinal_cord_injury"]),
]


@pytest.mark.parametrize("text,keys", WEAK + CONTEXT + NEGATED)
def test_general_words_and_context(text: str, keys: list[str]) -> None:
    assert conditions_in(text) == keys


def test_first_condition_and_none() -> None:
    assert first_condition("my mum's MS and her bad knees") == "ms"
    assert first_condition(None) is None
    assert conditions_in("   ") == []


def test_patterns_are_data_with_card_keys() -> None:
    lines = [json.loads(line) for line in PATTERNS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert {entry["label"] for entry in lines} == {LABEL, NOT_LABEL}
    assert all(entry.get("id") for entry in lines)
    contexts = {entry["id"].split(":", 1)[1] for entry in lines if entry["id"].startswith("context:")}
    assert contexts <= CARD_KEYS, "a context rule names a card"
    assert known_keys() == CARD_KEYS, "every card has patterns, and every pattern names a card"
    cards = ROOT / "data" / "condition_cards.yml"
    if cards.exists():  # the cards' own file, once it exists, is the authority on keys
        data = yaml.safe_load(cards.read_text(encoding="utf-8")) or {}
        entries = data.get("cards", data) if isinstance(data, dict) else data
        keys = set(entries) if isinstance(entries, dict) else {c.get("key") for c in entries if isinstance(c, dict)}
        assert known_keys() <= keys


def test_every_card_is_found_by_its_plain_name() -> None:
    found = {key for text, keys in NAMED for key in keys}
    assert found == CARD_KEYS


def test_long_text_is_cut_not_refused() -> None:
    assert conditions_in("tell me about lupus. " + "word " * 5000 + "and ALS") == ["lupus"]


def _printed_with_tensorflow_check(code: str) -> list[str]:
    """What `code` prints in a fresh interpreter, followed by whether TensorFlow got loaded."""
    code += "; import sys; print('tensorflow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(ROOT), capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_matching_does_not_load_tensorflow() -> None:
    """The action server imports this: spaCy's optional TensorFlow (600 MB) must stay out of it."""
    code = "from bot.condition_match import conditions_in; print(conditions_in('MS'))"
    assert _printed_with_tensorflow_check(code) == ["['ms']", "False"]


def test_the_action_server_does_not_load_tensorflow() -> None:
    """Every action module (the page check's spaCy matchers included) loads without TensorFlow."""
    code = (
        "import importlib, pkgutil, actions; "
        "[importlib.import_module('actions.' + m.name) for m in pkgutil.iter_modules(actions.__path__)]; "
        "from bot.page_check import check; check('Our stem cells cure MS and autism.')"
    )
    assert _printed_with_tensorflow_check(code)[-1] == "False"


# Spanish lay names (issue 13): how people in Mexico name a condition, and look-alikes that are not one.
SPANISH = [
    ("a mi papá le dio una embolia hace dos años", ["stroke"]),
    ("mi abuelita tuvo un derrame y ya no habla bien", ["stroke"]),
    ("quedó con secuelas de un EVC", ["stroke"]),
    ("le dio una trombosis cerebral", ["stroke"]),
    ("mi hijo tiene parálisis cerebral infantil (PCI)", ["cerebral_palsy"]),
    ("¿sirven para la enfermedad de la neurona motora?", ["als"]),
    ("mi tío tiene esclerosis lateral", ["als"]),
    ("a mi esposo le diagnosticaron esclerosis hace poco", ["ms"]),
    ("tuvo un accidente y se lesionó la médula", ["spinal_cord_injury"]),
    ("mi hermano es parapléjico desde el accidente", ["spinal_cord_injury"]),
    ("me duelen mucho las rodillas al subir escaleras", ["knee_oa"]),
    ("tengo las rodillas desgastadas", ["knee_oa"]),
    ("soy DM2 desde hace diez años", ["type2_diabetes"]),
    ("mi hija está dentro del espectro", ["autism"]),
    ("tiene bronquitis crónica por fumar", ["lung_disease"]),
    ("le diagnosticaron falla cardíaca", ["heart"]),
    ("mi mamá tiene DMAE", ["eye_disease"]),
    ("mi papá se está quedando ciego", ["eye_disease"]),
    ("se me cae el pelo desde hace meses", ["hair_loss"]),
    ("quiero verme más joven", ["anti_ageing"]),
    ("tengo colitis ulcerosa", ["crohns"]),
    ("mi sobrino tiene anemia aplásica", ["blood_cancers"]),
    ("tengo dolor lumbar desde hace años", ["back_pain"]),
    ("tuvo una quemadura química en el ojo", ["limbal_deficiency"]),
    ("parálisis cerebral espástica cuadripléjica", ["cerebral_palsy"]),  # the quadriplegia is the palsy's
]
SPANISH_NOT = [
    "le dio una embolia pulmonar después de la cirugía",
    "tengo derrame en la rodilla después de correr",
    "le encontraron un derrame pleural",
    "tiene esclerosis sistémica",
    "hubo un derrame de petróleo en el golfo",
]


@pytest.mark.parametrize("text,keys", SPANISH)
def test_spanish_lay_names(text: str, keys: list[str]) -> None:
    assert conditions_in(text) == keys


@pytest.mark.parametrize("text", SPANISH_NOT)
def test_spanish_look_alikes_name_no_card_for_them(text: str) -> None:
    assert "stroke" not in conditions_in(text) and "ms" not in conditions_in(text)


SPANISH_MORE = [
    ("tuvo una embolía el año pasado", ["stroke"]),
    ("a mi papá le diagnosticaron ELA", ["als"]),
    ("quedó paralítico por una lesión raquimedular", ["spinal_cord_injury"]),
    ("me van a operar la rodilla", ["knee_oa"]),
    ("tiene osteoartrosis de rodilla", ["knee_oa"]),
    ("está en hemodiálisis tres veces por semana", ["kidney"]),
    ("tiene problemas de erección", ["erectile_dysfunction"]),
    ("mi hermana tiene LES", ["lupus"]),
    ("tengo artritis reumática", ["rheumatoid_arthritis"]),
    ("tengo una protrusión discal", ["back_pain"]),
    ("tengo desgaste en la columna", ["back_pain"]),
    ("tengo codo de tenista", ["joint_tendon"]),
    ("una lesión condral en la rodilla", ["cartilage_defects"]),
    ("LES PRESENTAMOS NUESTRA CLÍNICA", []),
    ("la columna vertebral de la empresa", []),
]


@pytest.mark.parametrize("text,keys", SPANISH_MORE)
def test_more_spanish_lay_names(text: str, keys: list[str]) -> None:
    assert conditions_in(text) == keys


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("If stem cells can cure type 1 diabetes, can they cure type 2?", "type2_diabetes"),
        ("If I have MS, can stem cells help my knee arthritis?", "knee_oa"),
        ("Si funciona para la diabetes tipo 1, ¿funciona para la tipo 2?", "type2_diabetes"),
        ("Can stem cells help MS and ALS?", "ms"),  # no premise: the order named
        ("if my dad has ALS and MS, what works?", "als"),  # both in the premise: the order named
    ],
)
def test_the_condition_asked_about_comes_before_the_premise(text: str, first: str) -> None:
    assert condition_match.conditions_asked(text)[0] == first
