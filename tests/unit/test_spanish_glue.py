"""Spanish loose ends across the clinic check and the page check (issue 13): places as Mexican patients write
them ("E.U.A." is the United States, never the EU), the "which San José?" question in Spanish, the Spanish
"continuar mi chequeo" / "saltar" working like "continue my clinic check" / "skip", and the registry lines
and condition-claim texts following a Spanish reader."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.clinic_check as clinic_actions
from actions.page_check import ActionPageCheck
from bot import conditions, flags, trials
from bot.clinic_check import ClinicCheck
from bot.gate import Command, command_in
from bot.page_check import chat_lines, check
from bot.places import EU, MEXICO, OTHER, US, ambiguity, country_of
from bot.questions import BY_ID, SKIPPED
from bot.reader import read
from bot.store import Store
from stores import registry
from tests.fake_registry import load_studies


@pytest.fixture
def clinic(tmp_path: Path) -> ClinicCheck:
    return ClinicCheck(Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate))


def texts(messages: list) -> str:
    return "\n".join(m.text or m.response or "" for m in messages)


# --- places ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("E.U.A.", US),
        ("e.u.a", US),
        ("Houston, Texas, E.U.A.", US),
        ("EE. UU.", US),
        ("EE.UU.", US),
        ("EEUU", US),
        ("EUA", US),
        ("Estados Unidos", US),
        ("Estados Unidos de América", US),
        ("en Miami, Estados Unidos de América", US),
        ("Nuevo México", US),  # the US state, not Mexico
        ("Nueva York", US),
        ("una clínica mexicana", MEXICO),
        ("Es una clínica mexicana, en Baja", MEXICO),
        ("Estados Unidos Mexicanos", MEXICO),
        ("Tijuana, México", MEXICO),
        ("República Dominicana", OTHER),
        ("Punta Cana, República Dominicana", OTHER),
        ("Ucrania", OTHER),
        ("Kiev, Ucrania", OTHER),
        ("Rusia", OTHER),
        ("Alemania", EU),
        ("Unión Europea", EU),
        ("Viena, Austria", EU),
    ],
)
def test_places_written_in_spanish(typed: str, expected: str) -> None:
    assert country_of(typed) == expected
    assert read(BY_ID["location"], typed).value == expected


def test_eua_is_never_the_european_union() -> None:
    assert country_of("E.U.A.") != EU
    assert country_of("EU") == EU  # the English abbreviation keeps its meaning


def test_the_which_san_jose_question_follows_the_conversation_language() -> None:
    spanish = ambiguity("San José", lang="es") or ""
    assert "Costa Rica" in spanish and "California" in spanish and "¿en qué país está la clínica?" in spanish
    assert "which country" not in spanish
    assert "Italia" in (ambiguity("Naples", lang="es") or "")
    assert "which country" in (ambiguity("San José") or "")  # English stays the default


def test_a_spanish_check_asks_which_san_jose_in_spanish(clinic: ClinicCheck) -> None:
    clinic.start("s1", lang="es")
    turn = clinic.answer("s1", "location", "San José", None, None, lang="es")
    assert turn.value is None and "¿en qué país está la clínica?" in turn.messages[-1].text
    turn = clinic.answer("s1", "location", "San José, California, EE. UU.", None, None, turn.tries, lang="es")
    assert turn.value == US
    clinic.start("s2")
    turn = clinic.answer("s2", "location", "San José", None, None)
    assert "which country is the clinic in?" in turn.messages[-1].text


# --- "saltar" and "continuar mi chequeo" -------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "continuar mi chequeo",
        "Continuar mi chequeo",
        "continuar mi revisión",
        "quiero continuar mi chequeo, por favor",
        "continuar mi chequeo de la clínica",
        "seguir con mi chequeo",
    ],
)
def test_continuar_mi_chequeo_resumes_like_continue_my_clinic_check(text: str) -> None:
    assert command_in("continue my clinic check") == Command.RESUME
    assert command_in(text) == Command.RESUME


def test_chequeo_inside_a_longer_message_is_not_a_command() -> None:
    assert command_in("continuar mi chequeo, los médicos dijeron que no") is None
    assert command_in("pausar el chequeo") == Command.PAUSE


def test_every_way_the_bot_tells_people_to_resume_works() -> None:
    """The Spanish replies tell people to say «continuar mi chequeo»: it must do what it says."""
    from bot.clinic_check import _PAUSED
    from bot.language import pick

    said = pick(_PAUSED, "es")
    quoted = said.split("«")[1].split("»")[0]
    assert command_in(quoted) == Command.RESUME


@pytest.mark.parametrize(("text", "lang"), [("continue my clinic check", "en"), ("continuar mi chequeo", "es")])
def test_resuming_at_a_question_says_the_question_again_and_records_nothing(
    clinic: ClinicCheck, text: str, lang: str
) -> None:
    clinic.start("s3", "Cancún", lang=lang)
    turn = clinic.answer("s3", "coa", text, None, None, lang=lang)
    again = {"en": "Here is question", "es": "Aquí está otra vez la pregunta"}[lang]
    assert turn.value is None and texts(turn.messages).startswith(again)
    assert "coa" not in clinic.store.current("s3").answers


@pytest.mark.parametrize(("text", "lang"), [("skip", "en"), ("saltar", "es"), ("Saltar", "es"), ("saltar", "en")])
def test_saltar_skips_the_question_like_skip(clinic: ClinicCheck, text: str, lang: str) -> None:
    assert command_in(text) is None  # an answer, not a command, in both languages
    clinic.start("s4", "Tijuana", lang=lang)
    turn = clinic.answer("s4", "coa", text, None, None, lang=lang)
    assert turn.value == SKIPPED
    assert clinic.store.current("s4").answers["coa"][1] == SKIPPED


# --- registry lines and condition claims follow a Spanish reader -------------------------------------------
class _Registry:
    """Answers from the fake registry's records (the real one is unreachable from tests)."""

    studies_by_number = load_studies()

    async def studies(self, numbers: list[str]) -> list[trials.Lookup]:
        return [trials.read_lookup(n, 200, json.dumps(self.studies_by_number[n])) for n in numbers]


def _form_tracker(text: str, lang: str, question: str) -> Tracker:
    slots = {"language": lang, "requested_slot": BY_ID[question].slot, BY_ID[question].slot: text}
    message = {"text": text, "intent": {"name": "inform"}}
    return Tracker("g1", slots, message, [], False, None, {"name": "clinic_check_form"}, "action_listen")


@pytest.mark.parametrize(
    ("lang", "text", "said", "not_said"),
    [
        ("es", "sí, con el protocolo NCT02024269", "Señal de alerta: En ClinicalTrials.gov", "Red flag"),
        ("en", "yes, protocol NCT02024269", "Red flag", "Señal de alerta"),
    ],
)
def test_an_nct_number_in_an_answer_is_looked_up_in_the_conversation_language(
    clinic: ClinicCheck, monkeypatch: pytest.MonkeyPatch, lang: str, text: str, said: str, not_said: str
) -> None:
    monkeypatch.setattr(registry, "_CLIENT", _Registry())
    monkeypatch.setattr(clinic_actions, "service", lambda: clinic)
    clinic.start("g1", "Tijuana", lang=lang)
    dispatcher = CollectingDispatcher()
    form = clinic_actions.ValidateClinicCheckForm()
    asyncio.run(
        form.validate_answer("protocol_authorised", text, dispatcher, _form_tracker(text, lang, "protocol_authorised"))
    )
    lines = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "NCT02024269" in lines and said in lines and not_said not in lines


def test_the_page_action_says_the_registry_lookup_in_spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_CLIENT", _Registry())
    page = "Participe en nuestro estudio NCT02024269, registrado en ClinicalTrials.gov."
    tracker = SimpleNamespace(
        latest_message={"text": page, "metadata": {}}, get_slot=lambda name: "es" if name == "language" else None
    )
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionPageCheck().run(dispatcher, tracker, {}))  # type: ignore[arg-type]
    said = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "Busqué NCT02024269 en ClinicalTrials.gov:" in said and "I looked up" not in said


def test_a_condition_claim_reads_in_the_readers_language() -> None:
    card = conditions.load_cards()["autism"]
    result = check("Our stem cell therapy reverses autism in 90% of children.")
    spanish = "\n".join(chat_lines(result, lang="es"))
    assert card.status_text("es") in spanish and card.text("truth", "es") in spanish
    assert card.status_text("en") not in spanish
    english = "\n".join(chat_lines(result))
    assert card.status_text("en") in english and card.text("truth", "en") in english
