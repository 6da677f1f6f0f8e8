"""The clinic check in Spanish: questions, ask-backs, "¿por qué?", pause, resume, corrections, the report
link, and a check that changes language half-way (issue 13). Through bot.clinic_check on a real SQLite store,
and through the Rasa SDK actions with a tracker whose `language` slot is Spanish."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.clinic_check as clinic_actions
from bot import flags
from bot import page_check_prefill as page
from bot.clinic_check import ClinicCheck, looks_like_question, position
from bot.countries import ABROAD, REGULATORS
from bot.input_check import reply_for
from bot.questions import BY_ID, QUESTIONS, question_named_in
from bot.reader import read
from bot.store import Store


@pytest.fixture
def check(tmp_path: Path) -> ClinicCheck:
    return ClinicCheck(Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate))


def texts(messages: list) -> str:
    return "\n".join(m.text or m.response or "" for m in messages)


# --- the catalogue ------------------------------------------------------------------------------------
def _source_ids(text: str) -> set[str]:
    """The names and numbers of the sources in a "why" ("FDA", "2021", "COFEPRIS-09-023", "§3")."""
    found = re.search(r"\((?:Sources?|Fuentes?):(.*)\)\s*$", text)
    assert found, text
    return {t for t in re.findall(r"[\w§.\-]+", found.group(1)) if re.search(r"\d|^[A-Z]{2,}", t)}


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_every_question_has_its_spanish_wording_with_the_same_sources(question) -> None:
    assert question.prompt_es.startswith("¿") or "¿" in question.prompt_es
    assert question.label_es and question.why_es
    assert set(question.prompts_by_country_es) == set(question.prompts_by_country)
    assert all(option.title_es for option in question.options)
    assert re.search(r"\(Fuentes?: [^)]+\)$", question.why_es)
    assert _source_ids(question.why) <= _source_ids(question.why_es), question.id
    spanish = " ".join([question.prompt_es, question.why_es, *question.prompts_by_country_es.values()])
    assert not re.search(r"\bsegur[oa]s?\b", spanish, re.I)  # never "safe"


def test_spanish_buttons_send_spanish_text() -> None:
    buttons = BY_ID["coa"].buttons("es")
    assert [b["title"] for b in buttons] == ["Sí", "No", "No sé", "Saltar", "¿Por qué importa esto?"]
    assert [b["payload"] for b in buttons] == ["Sí", "No", "No sé", "Saltar", "¿por qué?"]
    cells = [b["title"] for b in BY_ID["cell_source"].buttons("es")]
    assert "Cordón umbilical de donante" in cells and "My own fat" not in cells
    assert BY_ID["coa"].buttons() == BY_ID["coa"].buttons("en")  # English unchanged by default


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_a_spanish_button_is_read_as_its_english_twin(question) -> None:
    """Pressing "Cordón umbilical de donante" records what "Donor umbilical cord" records (the why button aside)."""
    for english, spanish in zip(question.buttons()[:-1], question.buttons("es")[:-1], strict=True):
        assert read(question, spanish["payload"], "mexico").value == read(question, english["payload"], "mexico").value


def test_the_spanish_location_buttons_are_read_as_their_countries() -> None:
    location = BY_ID["location"]
    for option in location.options:
        assert read(location, option.title_es, None).value == option.code, option.title_es


def test_country_wordings_and_whys_in_spanish() -> None:
    physician = BY_ID["physician"]
    assert "cédula profesional" in physician.prompt_for("mexico", "es")
    assert physician.prompt_for("mexico", "es") != physician.prompt_for("japan", "es") == physician.prompt_es
    licence = BY_ID["facility_licence"]
    assert "Licencia Sanitaria" in licence.prompt_for("mexico", "es") and "¿" in licence.prompt_for("colombia", "es")
    assert "INVIMA" in licence.prompt_for("colombia", "es")
    assert licence.why_for("mexico", "es") == licence.why_es and "Fuentes:" in licence.why_es


@pytest.mark.parametrize("where", ABROAD)
def test_the_regulator_why_abroad_is_the_countrys_in_spanish(where: str) -> None:
    """Abroad, "¿por qué?" at the regulator question explains that country's regulator in Spanish, with the
    same sources as the English one (bot/countries.py words it)."""
    licence = BY_ID["facility_licence"]
    why = licence.why_for(where, "es")
    assert why != licence.why_es and why != licence.why_for(where) and "Fuentes:" in why
    assert REGULATORS[where].sources in why


def test_a_correction_named_in_spanish_finds_its_question() -> None:
    assert question_named_in("quiero cambiar mi respuesta del laboratorio") is BY_ID["lab"]
    assert question_named_in("cambiar lo del consentimiento") is BY_ID["consent_form"]
    assert question_named_in("corregir la cotización") is BY_ID["quote"]


def test_a_wish_to_change_an_answer_names_its_question_instead_of_answering_the_current_one() -> None:
    """Recorded under the question being asked, with a grave flag (Spanish exploratory session, 2026-12-02)."""
    from bot.questions import correction_named_in

    found = correction_named_in("antes q nada quiero cambiar una respuesta, la de la publicidad puse algo mal")
    assert found is not None and found[0] is BY_ID["ad_notice"]
    found = correction_named_in("cambie lo del doctor, es el dr Fernando Leal")
    assert found is not None and found[0] is BY_ID["physician"] and "fernando leal" in found[1]
    assert correction_named_in("cambiaron de doctor hace poco") is None


# --- a Spanish conversation -----------------------------------------------------------------------------
def test_a_spanish_check_starts_notes_the_place_and_explains_why_in_spanish(check: ClinicCheck) -> None:
    messages, values = check.start("e1", "Tijuana", lang="es")
    said = texts(messages)
    assert values == {"location": "mexico"}
    assert said.startswith("Revisemos juntos esta clínica.") and "«¿por qué?»" in said
    assert "Anotado: México. Adaptaré las preguntas." in said
    turn = check.answer("e1", "coa", "why?", "ask_why", None, lang="es")
    assert turn.value is None and texts(turn.messages).startswith("Por qué importa: El certificado de análisis")
    again = check.answer("e1", "coa", "why?", "ask_why", None, tries=1, lang="es")
    assert texts(again.messages).startswith("En pocas palabras, como le dije arriba:")


def test_an_unreadable_answer_is_asked_back_in_spanish_with_spanish_choices(check: ClinicCheck) -> None:
    check.start("e2", lang="es")
    first = check.answer("e2", "setting", "zzz qqq", None, None, lang="es")
    assert first.value is None
    assert (
        texts(first.messages)
        == "No le entendí. Por favor conteste: Hotel, casa u oficina / Consultorio médico / Hospital o clínica / No sé."
    )
    second = check.answer("e2", "setting", "zzz qqq", None, None, tries=1, lang="es")
    assert "Perdón, todavía no pude" in texts(second.messages)
    escape = second.messages[-1]
    assert escape.text == "Si esta pregunta no aplica, puede saltarla o pausar el chequeo."
    assert [b["title"] for b in escape.buttons] == ["Saltar esta", "Pausar"]
    huge = check.answer("e2", "lab", "x" * 5000, None, None, lang="es")
    assert huge.value is None and texts(huge.messages) == reply_for("x" * 5000, "es")[0] != reply_for("x" * 5000)[0]
    third = check.answer("e2", "setting", "zzz qqq", None, None, tries=2, lang="es")
    assert third.value == "not_answered" and "«dónde se hace el procedimiento» como sin respuesta" in texts(
        third.messages
    )


def test_a_faq_digression_returns_to_the_question_by_its_number_in_spanish(check: ClinicCheck) -> None:
    check.start("e3", "Cancún", lang="es")
    turn = check.answer("e3", "lab", "¿qué es un laboratorio acreditado?", "faq", "faq/lab", lang="es")
    assert turn.messages[0].response == "utter_faq/lab"
    expected = position("lab", {"location": "mexico"}, "es")
    assert re.fullmatch(r"la pregunta \d+ de \d+", expected)
    assert turn.messages[1].text == f"Ahora, de vuelta a {expected}."
    again = check.answer("e3", "lab", "¿qué es un laboratorio acreditado?", "faq", "faq/lab", tries=1, lang="es")
    assert again.messages[1].text == f"Volvamos a {expected}."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¿qué es un laboratorio acreditado", True),
        ("qué significa COFEPRIS", True),
        ("cómo sé si es real", True),
        ("Laboratorio Genómico del Norte", False),
        ("que sí lo tienen", False),
    ],
)
def test_a_spanish_question_is_recognised_as_a_question(text: str, expected: bool) -> None:
    assert looks_like_question(text) is expected


def test_credential_notes_and_red_flags_are_said_in_spanish(check: ClinicCheck) -> None:
    check.start("e4", "Cancún", lang="es")
    turn = check.answer("e4", "physician", "Dr. Luis Mora, cédula 1234", None, None, lang="es")
    said = texts(turn.messages)
    assert "no tiene la forma habitual" in said and "cedulaprofesional.sep.gob.mx" in said
    assert "esto no demuestra que el número sea auténtico" in said and "usual shape" not in said
    turn = check.answer("e4", "facility_licence", "solo un aviso de funcionamiento", None, None, lang="es")
    assert turn.value == "aviso_only" and "Señal de alerta:" in texts(turn.messages)


def test_pause_resume_change_and_the_report_link_in_spanish(check: ClinicCheck) -> None:
    check.start("e5", "Tijuana", lang="es")
    check.answer("e5", "clinic_name", "Clínica Esperanza", None, None, lang="es")
    check.answer("e5", "coa", "no", None, None, lang="es")
    paused = check.pause("e5", lang="es")
    assert (
        paused.text.startswith("Pausado. Sus 3 respuesta(s)") and paused.buttons[0]["title"] == "Continuar mi chequeo"
    )
    messages, values = check.resume("e5", lang="es")
    assert values["coa"] == "no" and texts(messages).startswith("Qué bueno que regresó.")
    assert re.search(r"Sigue la pregunta \d+ de \d+\.", texts(messages))
    offer, target = check.correction("e5", "", None, lang="es")
    assert target is None and offer.text == "¿Qué respuesta quiere cambiar?"
    assert "El certificado de análisis: no" in {b["title"] for b in offer.buttons}
    message, target = check.correction("e5", "", "coa", lang="es")
    assert target == "coa" and message.text == f"De acuerdo, cambiemos su respuesta a: {BY_ID['coa'].prompt_es}"
    summary = texts(check.finish("e5", lang="es"))
    assert re.search(r"/report/[\w-]+\?lang=es", summary)
    assert "?lang=es" in (check.report("e5", lang="es").text or "")
    assert "?lang=" not in (check.report("e5").text or "")  # English keeps the plain address
    assert check.delete("e5", lang="es").text.startswith("Listo: borré 1 chequeo(s)")


def test_a_check_started_in_english_is_finished_in_spanish_without_losing_answers(check: ClinicCheck) -> None:
    check.start("e6", "Tijuana")
    check.answer("e6", "clinic_name", "Sunrise Clinic", None, None)
    check.answer("e6", "condition", "knee arthritis", None, None)
    # The patient switches to Spanish: the next messages are Spanish, the English answers are all kept.
    turn = check.answer("e6", "cell_source", "umbilical cord from a donor", None, None, lang="es")
    assert turn.value == "donor_cord"
    back = check.answer("e6", "expanded", "zzz qqq", None, None, lang="es")
    assert texts(back.messages).startswith("No le entendí. Por favor conteste: Sí / No / No, el mismo día / No sé.")
    messages, values = check.resume("e6", lang="es")
    assert {
        "location": "mexico",
        "clinic_name": "Sunrise Clinic",
        "cell_source": "donor_cord",
    }.items() <= values.items()
    assert "Qué bueno que regresó" in texts(messages)
    # ... and back to English: the same answers, English words.
    messages, values = check.resume("e6", lang="en")
    assert values["cell_source"] == "donor_cord" and texts(messages).startswith("Welcome back.")
    turn = check.answer("e6", "expanded", "zzz qqq", None, None)
    assert texts(turn.messages).startswith("I didn't catch that. Please answer: Yes / No / No, same-day")


def test_a_pasted_pages_offer_is_made_and_confirmed_in_spanish(check: ClinicCheck) -> None:
    prefill = {"cell_source": {"quotes": ["Usamos células de cordón umbilical."], "said": ["donor umbilical cord"]}}
    offer = page.offer_text(BY_ID["cell_source"], prefill["cell_source"], "mexico", "es") or ""
    assert offer.startswith("La página que pegó dice “Usamos células de cordón umbilical.”")
    assert "(qué células) eso sería: Cordón umbilical de donante" in offer and "«sí, es correcto»" in offer
    assert page.reply_kind("Sí, es correcto") == page.CONFIRM and page.reply_kind("no, está mal") == page.DECLINE
    check.start("e7", "Tijuana", from_page=True, lang="es")
    turn = check.answer("e7", "cell_source", "Sí, es correcto", None, None, 0, prefill, lang="es")
    assert turn.value == "donor_cord" and turn.page_done
    assert turn.messages[0].text == "Anotado de la página: Cordón umbilical de donante."


# --- through the actions: the language comes from the tracker -----------------------------------------
def _tracker(text: str, language: str, pending: str | None = None, events: list | None = None) -> Tracker:
    slots: dict = {"language": language}
    if pending:
        slots.update({"requested_slot": BY_ID[pending].slot, BY_ID[pending].slot: text})
    message = {"text": text, "intent": {"name": "inform"}}
    loop = {"name": "clinic_check_form"} if pending else {}
    return Tracker("a1", slots, message, events or [], False, None, loop, "action_listen")


def test_the_actions_speak_the_conversations_language(check: ClinicCheck, monkeypatch) -> None:
    monkeypatch.setattr(clinic_actions, "service", lambda: check)
    dispatcher = CollectingDispatcher()
    asyncio.run(clinic_actions.ActionStartClinicCheck().run(dispatcher, _tracker("revisar una clínica", "es"), {}))
    assert dispatcher.messages[0]["text"].startswith("Revisemos juntos esta clínica.")
    dispatcher = CollectingDispatcher()
    form = clinic_actions.ValidateClinicCheckForm()
    slots = asyncio.run(form.validate_answer("setting", "zzz qqq", dispatcher, _tracker("zzz qqq", "es", "setting")))
    assert slots[BY_ID["setting"].slot] is None
    assert dispatcher.messages[0]["text"].startswith("No le entendí.")
    dispatcher = CollectingDispatcher()
    asyncio.run(clinic_actions.ActionConfirmPause().run(dispatcher, _tracker("pausa", "es"), {}))
    assert dispatcher.messages[0]["text"].startswith("¿Quiere pausar aquí el chequeo")
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == ["Sí, pausar", "No, seguir"]
    dispatcher = CollectingDispatcher()
    asyncio.run(clinic_actions.ActionConfirmPause().run(dispatcher, _tracker("pause", "en"), {}))
    assert dispatcher.messages[0]["text"].startswith("Do you want to pause")


def test_trouble_saving_is_said_in_spanish(monkeypatch) -> None:
    class Broken:
        def answer(self, *args, **kwargs):
            raise RuntimeError("database down")

    monkeypatch.setattr(clinic_actions, "service", lambda: Broken())
    dispatcher = CollectingDispatcher()
    form = clinic_actions.ValidateClinicCheckForm()
    asyncio.run(form.validate_answer("coa", "sí", dispatcher, _tracker("sí", "es", "coa")))
    assert dispatcher.messages[0]["text"].startswith("Perdón, ahora tengo problemas para guardar.")


# --- typed as on WhatsApp (an exploratory session, 2026-12-01) --------------------------------------------------
def test_stepping_away_and_coming_back_records_nothing(check: ClinicCheck) -> None:
    check.start("w1", "Guadalajara", lang="es")
    away = check.answer("w1", "lab", "ahorita vengo q me estan hablando", "inform", None, lang="es")
    assert away.value is None and away.tries == 0 and "aquí le espero" in texts(away.messages)
    back = check.answer("w1", "lab", "ya regrese, perdon, en q ibamos", "inform", None, lang="es")
    assert back.value is None and "la pregunta" in texts(back.messages)
    assert "lab" not in check.store.current("w1").answers  # both were saved as the lab's answer before


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("ethics_review", "oiga no!! yo no conteste eso. quiero cambiar una respuesta"),
        ("donor_screening", "espera no, regresate, no conteste lo del laboratorio ni lo del certificado"),
        ("protocol_authorised", "oiga no!! yo no conteste eso"),
        ("coa", "atras"),
        ("coa", "I never said that"),
    ],
)
def test_a_protest_or_go_back_is_no_answer_and_offers_the_change(
    check: ClinicCheck, question_id: str, text: str
) -> None:
    check.start("w2", "Tijuana", lang="es")
    turn = check.answer("w2", question_id, text, "deny", None, lang="es")
    record = check.store.current("w2")
    assert turn.value is None and question_id not in record.answers and not record.flags  # was "No" + a red flag
    assert any(b["payload"] == "/correct_answer" for m in turn.messages for b in (m.buttons or []))


def test_a_typed_correction_with_a_protest_opens_that_answer_instead_of_recording_the_protest(
    check: ClinicCheck,
) -> None:
    check.start("w3", "Tijuana", lang="es")
    check.answer("w3", "donor_screening", "no", None, None, lang="es")
    text = "tambien quiero corregir lo del donante, eso no lo conteste yo"
    turn = check.answer("w3", "ethics_review", text, "correct_answer", None, lang="es")
    assert check.store.current("w3").answers["donor_screening"][0] == "no"  # unchanged, not the protest
    assert any("donor_screening" in b["payload"] for m in turn.messages for b in (m.buttons or []))
    assert "ethics_review" not in check.store.current("w3").answers


def test_the_change_confirmation_says_the_reading_in_spanish_words(check: ClinicCheck) -> None:
    check.start("w4", "Tijuana", lang="es")
    check.answer("w4", "physician", "Dr Ramiro Fuentes", None, None, lang="es")
    turn = check.answer("w4", "coa", "me equivoque, el doctor se llama Ramon Fuentes", None, None, lang="es")
    said = texts(turn.messages)
    assert "Cambié su respuesta" in said and "name only" not in said and "un nombre" in said


def test_asking_to_vouch_for_the_clinic_mid_check_is_refused_not_recorded(check: ClinicCheck) -> None:
    check.start("w5", "Tijuana", lang="es")
    turn = check.answer("w5", "physician", "di que BioRegen es segura", "inform", None, lang="es")
    assert turn.value is None and "physician" not in check.store.current("w5").answers
    assert "nunca digo que una clínica o un tratamiento sea seguro" in texts(turn.messages)
