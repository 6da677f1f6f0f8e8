"""The conversation's language: explicit switches, the message's own language, the client's language."""

from __future__ import annotations

import pytest

from bot import language


@pytest.mark.parametrize(
    "text, expected",
    [
        ("¿Las células madre de donante pueden ser rechazadas?", "es"),
        ("¿Es legal la terapia con células madre en México?", "es"),
        ("Mi mamá tiene artritis y quiere un tratamiento", "es"),
        # short first messages (an exploratory session got English replies to these, 2026-12-01)
        ("estoy pensando en suicidarme", "es"),
        ("me siento confundido", "es"),
        ("que onda", "es"),
        ("sí", "es"),
        ("No sé", "es"),
        ("gracias", "es"),
        ("Can donor cells be rejected?", "en"),
        ("my dad had a stroke, is it worth it", "en"),
        ("can I go to the ER tomorrow", "en"),
        ("yes", "en"),
        ("Clínica del Sol", None),
        ("San José del Cabo, Baja California Sur", None),
        ("Licencia Sanitaria", None),
        ("Hospital de la Familia, Tijuana", None),
        ("Dr. Solís, cédula 1234567", None),
        ("no", None),
        ("ok", None),
        ("3", None),
        ("/greet", None),
        ("", None),
    ],
)
def test_detect(text: str, expected: str | None) -> None:
    assert language.detect(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("en español, por favor", "es"),
        ("¿Puedes hablar español?", "es"),
        ("can you answer in Spanish?", "es"),
        ("español", "es"),
        ("in English please", "en"),
        ("en inglés por favor", "en"),
        ("English", "en"),
        ("Is the clinic in English or Spanish?", None),
        ("What are the risks?", None),
        # a mention is no request: these switched the conversation and lost the answer (2026-12-01)
        ("si, lo tengo en pdf, en ingles", None),
        ("the consent form is in English", None),
        ("lo q te dije en ingles, en la columna y x suero", None),
        ("no!! no te pedi ingles, el pdf esta en ingles. sigue en español. la respuesta es si", "es"),
        ("sorry my wife is american and she will read this too, in english please", "en"),
        ("háblame en inglés", "en"),
        ("mejor en español", "es"),
    ],
)
def test_switch_request(text: str, expected: str | None) -> None:
    assert language.switch_request(text) == expected


def test_a_switch_beats_the_message_language() -> None:
    assert language.choose("es", "Can you reply in Spanish? I read it better") == "es"
    assert language.choose("es", "en inglés por favor") == "en"


def test_people_get_the_language_they_write_in() -> None:
    assert language.choose("en", "¿Qué riesgos tiene el tratamiento?", client="en", previous_client="en") == "es"
    assert language.choose("es", "What are the risks of the treatment?", client="es", previous_client="es") == "en"


def test_names_and_short_answers_keep_the_language() -> None:
    assert language.choose("en", "Clínica Santa María, Tijuana", client="en", previous_client="en") == "en"
    assert language.choose("es", "ok", client="en", previous_client="en") == "es"


def test_the_client_language_counts_when_it_changes_or_at_the_start() -> None:
    assert language.choose("en", "/greet", client="es-MX", first_message=True) == "es"
    assert language.choose("en", "ok", client="es", previous_client="en") == "es"
    assert language.choose("en", "ok", client="es", previous_client="es") == "en"


def test_normalise_and_pick() -> None:
    assert language.normalise("es_419") == "es"
    assert language.normalise("EN-us") == "en"
    assert language.normalise("fr") is None
    assert language.normalise(None) is None
    texts = {"en": "Hello", "es": "Hola"}
    assert language.pick(texts, "es") == "Hola"
    assert language.pick(texts, "fr") == "Hello"
    assert language.pick({"en": "Hello"}, "es") == "Hello"


def test_a_telegram_update_carries_the_sender_app_language() -> None:
    from channels.telegram import telegram_metadata

    message = {"update_id": 1, "message": {"from": {"id": 5, "language_code": "es-MX"}, "text": "hola"}}
    assert telegram_metadata(message) == {"language": "es"}
    button = {"update_id": 2, "callback_query": {"from": {"id": 5, "language_code": "en"}, "data": "/help"}}
    assert telegram_metadata(button) == {"language": "en"}
    assert telegram_metadata({"message": {"from": {"id": 5, "language_code": "fr"}}}) is None
    assert telegram_metadata({"message": {"from": {"id": 5}}}) is None
    assert telegram_metadata("not json") is None


def test_a_short_switch_request_is_its_own_intent_and_symptoms_still_come_first() -> None:
    from components.input_guard import SWITCH_INTENT, URGENT_INTENT, InputGuard

    assert InputGuard.override_for("en español, por favor", "nlu_fallback") == SWITCH_INTENT
    assert InputGuard.override_for("in English please", "faq") == SWITCH_INTENT
    assert InputGuard.override_for("tengo fiebre desde la inyección, en español por favor", "faq") == URGENT_INTENT
    long_question = "can you answer in Spanish whether donor cells can be rejected by my mother's body"
    assert InputGuard.override_for(long_question, "faq") != SWITCH_INTENT  # the question is read, not dropped


def test_a_switch_request_at_a_check_question_is_not_recorded_as_the_answer() -> None:
    from bot.clinic_check import is_language_switch

    assert is_language_switch("in English please") and is_language_switch("en español")
    assert not is_language_switch("Clínica Española de Medicina Regenerativa")
    assert not is_language_switch("Tijuana, Mexico")


@pytest.mark.parametrize(
    "intent, text",
    [
        ("stop_check", "tengo que irme, lo dejamos para después"),
        ("stop_check", "lo dejamos aquí por ahora"),
        ("show_report", "enséñeme el reporte que llevo"),
        ("delete_my_data", "quiero que borren toda mi información"),
        ("recommend_clinic", "¿Qué clínica de células madre me recomienda en Monterrey?"),
    ],
)
def test_spanish_commands_as_people_say_them_pass_the_gate(intent: str, text: str) -> None:
    from bot.gate import intent_is_clear

    assert intent_is_clear(intent, text)


def test_an_answer_that_mentions_stopping_is_still_an_answer() -> None:
    from bot.gate import intent_is_clear

    assert not intent_is_clear("stop_check", "me dijeron que puede detener el avance del ELA")
    assert not intent_is_clear("delete_my_data", "la clínica borra todo registro del paciente después de un año")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("¿Qué clínica de células madre me recomienda en Monterrey?", True),
        ("recomiéndeme un doctor para células madre", True),
        ("Which clinic in Tijuana do you recommend?", True),
        ("can you recommend a good stem cell doctor", True),
        ("¿Es recomendable ponerle células madre a un niño?", False),
        ("is it recommended to stop my medication before stem cells", False),
        ("the clinic recommended two injections", False),
    ],
)
def test_a_request_to_name_a_clinic_is_never_answered_with_a_faq(text: str, expected: bool) -> None:
    from components.input_guard import RECOMMEND_INTENT, InputGuard

    assert (InputGuard.override_for(text, "faq") == RECOMMEND_INTENT) is expected


def test_asking_for_another_language_at_a_free_text_question_is_not_the_answer(tmp_path) -> None:
    """'sorry my wife ... in english please' was stored as the doctor's name (2026-12-01)."""
    from bot import flags
    from bot.clinic_check import ClinicCheck
    from bot.store import Store

    check = ClinicCheck(Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate))
    check.start("ls", "Tijuana", lang="es")
    turn = check.answer("ls", "physician", "sorry my wife is american and she will read this too, in english please",
                        None, None, lang="en")  # fmt: skip
    assert turn.value is None and "physician" not in check.store.current("ls").answers
    said = check.answer("ls", "consent_form", "no te pedi ingles, el pdf esta en ingles. la respuesta es si", None,
                        None, lang="es")  # fmt: skip
    assert said.value == "yes"


@pytest.mark.parametrize("text", ["buenas", "buen dia", "que tal", "ola", "borrar mis datos", "revisar una clinica"])
def test_short_mexican_openings_are_spanish(text: str) -> None:
    """These got the English greeting, fallback or check (exploratory sessions, 2026-12-02)."""
    assert language.detect(text) == "es"
