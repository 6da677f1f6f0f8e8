"""Every safety answer and every domain response has a Spanish wording that meets StemSafe's content rules.

The Spanish wording is a conditional variation (slot `language` = es) beside the English default: Rasa serves
it when the conversation is in Spanish. An answer in Spanish carries the same sources as the English one,
reads at Fernández-Huerta ease 60 or above, and never calls a treatment "seguro" (safe).
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
import textstat
import yaml

from bench.reading_grade import is_spanish, spanish_answers
from bot import language
from bot.knowledge import load_answers, load_sources
from bot.readability import MIN_SPANISH_EASE, reading_grade, spanish_ease

ROOT = Path(__file__).resolve().parents[2]
FAQ_FILE = ROOT / "data" / "faq_answers.yml"
# Domain files whose responses this suite covers (domain/clinic_check.yml is generated elsewhere).
DOMAIN_FILES = ("domain.yml", "ask_back.yml", "urgent.yml", "page_check.yml", "trials.yml", "conditions.yml")
MIN_WORDS, MAX_WORDS = 40, 130
SOURCE_LINE = re.compile(r"^Fuentes?: \S.+$")
# Never "seguro/segura" (safe), never a promise, never an endorsement.
FORBIDDEN = re.compile(
    r"\b(segur[oae]s?|garantiza\w*|100 ?%|recomendamos|la mejor clínica|cura[sn]?|curar|curad[oa]s?)\b", re.I
)
UNCONFIRMED = ("334", "20 muertes")
# Topics that talk about fever or infection after an injection: they must say when to get urgent care.
URGENT_TOPICS = ("side_effects", "infection", "warning_signs", "routes")


def _responses(path: Path) -> dict[str, list[dict[str, Any]]]:
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}


ENGLISH = load_answers()
SPANISH = spanish_answers(FAQ_FILE)


def test_every_topic_has_one_spanish_answer_and_english_stays_the_default() -> None:
    assert set(SPANISH) == set(ENGLISH)
    missing = sorted(topic for topic, found in SPANISH.items() if len(found) != 1)
    assert not missing, f"topics without exactly one Spanish answer: {missing}"
    for variations in _responses(FAQ_FILE).values():
        # The first, unconditioned text is the English default (bot.knowledge reads it).
        assert "condition" not in variations[0] and variations[0]["text"].strip().splitlines()[-1].startswith("Source")


@pytest.mark.parametrize("topic", sorted(ENGLISH))
def test_spanish_answer_meets_content_rules(topic: str) -> None:
    (item,) = SPANISH[topic]
    words = len(item.body.split())
    assert MIN_WORDS <= words <= MAX_WORDS, f"{words} words"
    assert language.detect(item.body) == "es"
    match = FORBIDDEN.search(item.body)
    assert match is None, f"forbidden wording {match.group(0)!r}"
    assert not [fig for fig in UNCONFIRMED if fig in item.body]
    ease = item.ease
    assert ease >= MIN_SPANISH_EASE, f"Fernández-Huerta {ease:.1f} (want {MIN_SPANISH_EASE:g} or above)"


@pytest.mark.parametrize("topic", sorted(ENGLISH))
def test_spanish_answer_cites_the_same_sources_as_the_english_one(topic: str) -> None:
    (item,) = SPANISH[topic]
    assert SOURCE_LINE.match(item.sources), item.sources
    assert item.cited == ENGLISH[topic].cited
    assert set(item.cited) <= set(load_sources())
    assert item.sources.startswith("Fuentes:" if len(item.cited) > 1 else "Fuente:")


@pytest.mark.parametrize("topic", URGENT_TOPICS)
def test_spanish_answers_about_fever_and_infection_say_when_to_get_urgent_care(topic: str) -> None:
    body = SPANISH[topic][0].body.lower()
    assert "911" in body and "fiebre" in body and "urgencias" in body


def test_no_spanish_answer_calls_fever_expected_or_normal() -> None:
    for (item,) in SPANISH.values():
        for sentence in re.split(r"(?<=[.!?])\s+", item.body):
            if "fiebre" in sentence.lower():
                assert not re.search(r"\b(esperad[ao]|normal|no se preocupe|nada grave)\b", sentence, re.I), sentence


def test_spanish_rejection_answer_corrects_the_never_rejected_claim() -> None:
    body = SPANISH["rejection"][0].body.lower()
    assert "puede pasar" in body and "11.5%" in body and "nunca se rechazan" in body


def test_hard_spanish_fails_the_ease_rule_and_plain_spanish_passes() -> None:
    hard = [
        "Las preparaciones autólogas de células estromales mesenquimatosas administradas intraarticularmente "
        "demostraron una mejoría sintomática estadísticamente indistinguible respecto de los comparadores "
        "corticoesteroideos, no obstante la considerable heterogeneidad metodológica."
    ]
    plain = ["Pida el estudio a la clínica.", "Léalo con su médico.", "No pague antes de saber qué le van a poner."]
    assert spanish_ease(hard) < MIN_SPANISH_EASE <= spanish_ease(plain)


def test_spanish_scoring_leaves_english_grading_unchanged() -> None:
    lines = ["Ask the clinic for the study.", "Read it with your own doctor before you pay."]
    before = reading_grade(lines), textstat.syllable_count("reactions")
    spanish_ease(["Las células de donante pueden causar reacciones del sistema inmune."])
    assert (reading_grade(lines), textstat.syllable_count("reactions")) == before
    # The Spanish syllable counter is not the English one: it splits Spanish words as Spanish readers do.
    assert spanish_ease(["Infecciones."]) != spanish_ease(["Reactions."])


# --- domain responses ---------------------------------------------------------------------------------


def domain_responses() -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for name in DOMAIN_FILES:
        found.update(_responses(ROOT / "domain" / name))
    return found


DOMAIN = domain_responses()


@pytest.mark.parametrize("name", sorted(DOMAIN))
def test_every_domain_response_has_a_spanish_variation_in_spanish(name: str) -> None:
    variations = DOMAIN[name]
    spanish = [v for v in variations if is_spanish(v)]
    english = [v for v in variations if not v.get("condition")]
    assert len(spanish) == 1 and len(english) == 1, name
    (es,), (en,) = spanish, english
    assert language.detect(es["text"]) == "es", es["text"]
    assert len(es.get("buttons") or []) == len(en.get("buttons") or [])
    for button in es.get("buttons") or []:
        # A Spanish button sends an /intent payload or Spanish text, so the reply stays in Spanish.
        payload = button["payload"]
        assert payload.startswith("/") or language.detect(payload) == "es", payload
        assert not re.search(r"\b(the|what|how|yes|keep|delete)\b", button["title"], re.I), button["title"]


def test_spanish_urgent_care_is_complete() -> None:
    (es,) = [v for v in DOMAIN["utter_urgent_care"] if is_spanish(v)]
    text = es["text"]
    assert "911" in text and "México" in text and "Estados Unidos" in text and "urgencias" in text
    assert "qué le inyectaron" in text and "cuándo" in text and "No espere" in text
    assert text.strip().splitlines()[-1].startswith("Fuentes:")


def test_rasa_says_the_spanish_variation_when_the_conversation_is_in_spanish() -> None:
    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load([str(ROOT / "domain"), str(FAQ_FILE)])
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)

    def say(name: str, lang: str) -> dict[str, Any]:
        tracker = DialogueStateTracker.from_events("u", [SlotSet(language.SLOT, lang)], slots=domain.slots)
        message = asyncio.run(nlg.generate(name, tracker, "rest"))
        assert message is not None
        return message

    greeting = say("utter_greet", "es")
    assert greeting["text"].startswith("Hola") and greeting["buttons"][0]["title"] == "Riesgos y efectos secundarios"
    assert say("utter_greet", "en")["text"].startswith("Hello")
    spanish = say("utter_faq/rejection", "es")["text"]
    cited = "Ankrum 2014 (Nat Biotechnol); Sanabria-de la Torre 2021 (J Clin Med)"
    assert spanish.strip().splitlines()[-1] == f"Fuentes: {cited}" and spanish.startswith("Sí, puede pasar.")
    assert say("utter_faq/rejection", "en")["text"] == ENGLISH["rejection"].text + "\n"


def test_forbidden_wording_catches_safe_claims_and_spares_other_words() -> None:
    for claim in (
        "Es un tratamiento seguro.",
        "Las células son seguras.",
        "Le garantizamos resultados.",
        "Cura la ELA.",
    ):
        assert FORBIDDEN.search(claim), claim
    for fine in ("El gobierno no revisa la seguridad.", "Su aseguradora no lo cubre.", "La procuraduría lo revisa."):
        assert not FORBIDDEN.search(fine), fine


def test_spanish_answers_do_not_copy_seed_sentences() -> None:
    seeds = " ".join(p.read_text(encoding="utf-8") for p in (ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds not present")
    seed_norm = re.sub(r"\s+", " ", seeds.lower())
    for (item,) in SPANISH.values():
        words = item.body.lower().split()
        for i in range(len(words) - 11):
            chunk = " ".join(words[i : i + 12])
            assert chunk not in seed_norm, f"{item.topic} copies a seed sentence: {chunk!r}"


def test_spanish_buttons_pass_the_command_gate_and_name_real_topics() -> None:
    from bot import feedback
    from bot.gate import payload_problem

    for name, variations in DOMAIN.items():
        for variation in filter(is_spanish, variations):
            for button in variation.get("buttons") or []:
                payload = button["payload"]
                if feedback.parse(payload) is not None:  # consent: the channel handles it before the gate
                    assert payload in (feedback.consent_payload(True, "es"), feedback.consent_payload(False, "es"))
                elif payload.startswith("/"):
                    assert payload_problem(payload) is None, (name, payload)
                    assert language.detect(payload) is None  # a payload leaves the conversation's language as it is
    assert payload_problem('/faq_choice{"topic": "not_a_topic"}') is not None
