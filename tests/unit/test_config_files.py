"""The Rasa files agree with bot/, and the deployment profiles say what the README promises."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa.core.nlg.generator import ResponseVariationFilter
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.questions import BY_ID, LOCATION_VALUES, QUESTIONS, Question, ask_responses
from runtime import clinic_check_domain
from stores.endpoints import endpoints

ROOT = Path(__file__).resolve().parents[2]


def _load_domain() -> dict:
    """The domain as Rasa reads `domain/`: every file's sections merged."""
    merged: dict = {}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            elif isinstance(value, list):
                merged.setdefault(key, []).extend(value)
    return merged


DOMAIN = _load_domain()
RASA_DOMAIN = Domain.load(str(ROOT / "domain"))  # as Rasa itself reads it


def test_every_question_has_a_slot_an_ask_response_and_a_place_in_the_form() -> None:
    slots = DOMAIN["slots"]
    form = DOMAIN["forms"]["clinic_check_form"]["required_slots"]
    assert form == [q.slot for q in QUESTIONS]
    for question in QUESTIONS:
        mapping = slots[question.slot]["mappings"][0]
        assert mapping["type"] == "from_text"
        assert mapping["conditions"] == [{"active_loop": "clinic_check_form", "requested_slot": question.slot}]
        assert "stop_check" in mapping["not_intent"]
        # the urgent-care policy, not the intent, decides whether an answer is a report (components/urgent_policy.py)
        assert "report_symptoms" not in mapping["not_intent"]
        assert f"utter_ask_{question.slot}" in DOMAIN["responses"]
        assert not any(name.startswith("action_ask_") for name in DOMAIN["actions"])  # asking is a plain response


def test_domain_asks_each_question_as_bot_questions_words_it() -> None:
    """domain/clinic_check.yml is runtime.clinic_check_domain's output: `make` rewrites it after a question changes."""
    generated = {name: value for name, value in DOMAIN["responses"].items() if name.startswith("utter_ask_q_")}
    assert generated == ask_responses()
    committed = (ROOT / "domain" / "clinic_check.yml").read_text(encoding="utf-8")
    assert committed == clinic_check_domain.render(), "run: python -m runtime.clinic_check_domain"


def test_the_hand_written_domain_holds_no_generated_part() -> None:
    hand = yaml.safe_load((ROOT / "domain" / "domain.yml").read_text(encoding="utf-8"))
    assert "slots" not in hand and "forms" not in hand
    assert not any(name.startswith("utter_ask_q_") for name in hand["responses"])


def _asked(question: Question, slots: dict[str, str | None]) -> list[dict]:
    """Every variation Rasa's generator could say for the question with these slots (it picks one at random)."""
    generator = TemplatedNaturalLanguageGenerator(RASA_DOMAIN.responses)
    name = f"utter_ask_{question.slot}"
    return ResponseVariationFilter(generator.responses).responses_for_utter_action(name, "socketio", slots)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_rasa_asks_each_question_in_the_conversations_language_and_the_clinics_country(lang: str) -> None:
    """What Rasa's own response generator can pick, for every location value and language, is exactly one
    wording: the question's for that country in that language (a Spanish Mexico user never gets the English
    Mexico wording, nor the Spanish general one: Rasa does not prefer the variation with more conditions)."""
    for question in QUESTIONS:
        for where in LOCATION_VALUES:
            slots = {**{s.name: s.initial_value for s in RASA_DOMAIN.slots}, "language": lang, "q_location": where}
            suitable = _asked(question, slots)
            assert len(suitable) == 1, (question.id, where, lang)
            assert suitable[0]["text"] == question.prompt_for(where, lang), (question.id, where, lang)
            titles = {b["title"] for b in suitable[0]["buttons"]}
            expected = {"Skip", "I don't know", "Why does this matter?"}
            if lang == "es":
                expected = {"Saltar", "No sé", "¿Por qué importa esto?"}
            assert titles >= expected
    assert "cédula" in BY_ID["physician"].prompt_for("mexico")
    assert "cédula profesional" in BY_ID["physician"].prompt_for("mexico", "es")


def test_a_spanish_tracker_in_mexico_is_asked_the_spanish_mexican_wording() -> None:
    """Through a real tracker: the language slot's initial value is English; once it is Spanish, so is the
    question, with the country's wording; English again after a switch, answers kept."""
    generator = TemplatedNaturalLanguageGenerator(RASA_DOMAIN.responses)
    tracker = DialogueStateTracker.from_events("es-user", [SlotSet("q_location", "mexico")], RASA_DOMAIN.slots)

    def asked() -> str:
        return asyncio.run(generator.generate("utter_ask_q_facility_licence", tracker, "socketio"))["text"]

    assert asked() == BY_ID["facility_licence"].prompt_for("mexico")  # initial value: English
    tracker.update(SlotSet("language", "es"))
    assert "Licencia Sanitaria" in asked() and asked().startswith("¿Cómo se llama exactamente")
    tracker.update(SlotSet("language", "en"))
    assert asked() == BY_ID["facility_licence"].prompt_for("mexico")
    assert tracker.get_slot("q_location") == "mexico"


def test_embedded_profile_is_the_default() -> None:
    config = endpoints({})
    assert config["tracker_store"]["dialect"] == "sqlite"
    assert "lock_store" not in config and "event_broker" not in config


def test_scaled_profile_uses_postgres_redis_and_optionally_rabbitmq_without_writing_secrets() -> None:
    env = {
        "STEMSAFE_PROFILE": "scaled",
        "TRACKER_DB_NAME": "prod",
        "TRACKER_DB_PASSWORD": "hunter2",
        "REDIS_HOST": "redis",
        "REDIS_PASSWORD": "r3d1s",
        "ACTION_SERVER_URL": "http://actions:5055/webhook",
    }
    config = endpoints(env)
    assert config["tracker_store"]["type"] == "stores.tracker.PrivateSQLTrackerStore"
    assert config["tracker_store"]["dialect"] == "postgresql" and config["tracker_store"]["db"] == "prod"
    assert config["tracker_store"]["password"] == "${TRACKER_DB_PASSWORD}"
    assert config["lock_store"] == {
        "type": "redis",
        "url": "redis",
        "port": 6379,
        "db": 0,
        "key_prefix": "stemsafe",
        "password": "${REDIS_PASSWORD}",
    }
    assert config["action_endpoint"]["url"] == "http://actions:5055/webhook"
    assert "event_broker" not in config
    with_broker = endpoints({**env, "RABBITMQ_HOST": "rabbit", "RABBITMQ_USER": "bot", "RABBITMQ_PASSWORD": "b0t"})
    assert with_broker["event_broker"]["type"] == "pika" and with_broker["event_broker"]["url"] == "rabbit"
    assert "hunter2" not in yaml.safe_dump(config) and "r3d1s" not in yaml.safe_dump(config)
