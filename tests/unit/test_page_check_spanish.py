"""The page check speaks Spanish: each claim's fact, source and what to ask follow the READER's language."""

from __future__ import annotations

import re
from dataclasses import replace
from types import SimpleNamespace

import pytest

from bot.page_check import catalogue, chat_lines, check, source_line
from bot.page_check_page import language_of_request, page

SPANISH_PAGE = (
    "Nuestras células madre tienen privilegio inmunológico, por lo que no hay rechazo. "
    "Tratamiento sin riesgos y sin efectos secundarios. Se aplican vía intravenosa. "
    "Contamos con aviso de funcionamiento."
)
ENGLISH_PAGE = "Our cells are immune privileged, so there is no rejection. Book now: limited spots!"


def test_every_claim_has_spanish_title_fact_and_ask_with_the_same_sources() -> None:
    claims, raw = catalogue()
    for code, claim in claims.items():
        spanish = claim.in_language("es")
        assert spanish.title != claim.title and spanish.fact != claim.fact and spanish.ask != claim.ask, code
        assert spanish.sources == claim.sources and spanish.code == claim.code and spanish.prefill == claim.prefill
        text = f"{spanish.title} {spanish.fact} {spanish.ask}".lower()
        assert not re.search(r"\bsegur[oa]s?\b", text), code  # never calls a treatment safe
        assert claim.in_language("en") == claim


def test_spanish_reader_gets_spanish_findings_for_a_spanish_page() -> None:
    result = check(SPANISH_PAGE)
    assert result.language == "es"
    text = "\n".join(chat_lines(result, lang="es"))
    assert text.startswith("Encontré 5 cosas que vale la pena revisar")
    assert "“Nuestras células madre tienen privilegio inmunológico, por lo que no hay rechazo.”" in text
    assert "anticuerpos" in text and "Aviso de Funcionamiento es un trámite" in text
    assert "Qué preguntar o verificar:" in text
    assert "Fuentes: Ankrum 2014 (Nat Biotechnol); Sanabria-de la Torre 2021 (J Clin Med)." in text
    assert "Source:" not in text and "Ask or verify" not in text
    assert "propio médico" in chat_lines(result, lang="es")[-1]


def test_output_follows_the_reader_not_the_page() -> None:
    english_page_spanish_reader = "\n".join(chat_lines(check(ENGLISH_PAGE), lang="es"))
    assert "“Our cells are immune privileged, so there is no rejection.”" in english_page_spanish_reader
    assert "Presión para reservar o pagar antes" in english_page_spanish_reader
    assert "antibodies" not in english_page_spanish_reader
    spanish_page_english_reader = "\n".join(chat_lines(check(SPANISH_PAGE)))
    assert "antibodies against them" in spanish_page_english_reader and "Source:" in spanish_page_english_reader
    assert "Fuentes:" not in spanish_page_english_reader


def test_nothing_found_in_spanish_is_not_a_pass() -> None:
    (line,) = chat_lines(check("Abrimos de lunes a viernes de 9 a 5."), lang="es")
    assert "no hace confiable a la clínica" in line and "propio médico" in line


def test_spanish_source_line_is_fuente_or_fuentes_with_the_ids_unchanged() -> None:
    text = "\n".join(chat_lines(check("Somos ISO certificado. Certificación ISO 9001 en todo."), lang="es"))
    assert "Fuentes: FDA consumer page 2021; ISSCR patient handbook." in text
    claim = catalogue()[0]["aviso_only"]
    assert source_line(claim, "es") == "Fuentes: COFEPRIS aviso de funcionamiento; COFEPRIS-09-023"
    single = replace(claim, sources="CDC MMWR 2018")
    assert source_line(single, "es") == "Fuente: CDC MMWR 2018"
    assert source_line(single) == "Source: CDC MMWR 2018"


@pytest.mark.parametrize(
    ("query", "form", "lang"),
    [({"lang": "es"}, None, "es"), ({}, {"lang": "es"}, "es"), ({"lang": "es"}, {"lang": "en"}, "en"),
     ({}, None, "en"), ({"lang": "fr"}, None, "en")],
)  # fmt: skip
def test_web_page_language_comes_from_the_address_or_the_form(query: dict, form: dict | None, lang: str) -> None:
    assert language_of_request(query, form) == lang


def test_web_page_in_spanish() -> None:
    empty = page(lang="es")
    assert "<html lang='es'>" in empty and "Pegue lo que dice la clínica" in empty
    assert "<input type='hidden' name='lang' value='es'>" in empty and "Revisar las afirmaciones" in empty
    assert "911" in empty
    body = page(check(ENGLISH_PAGE), ENGLISH_PAGE, lang="es")
    assert "Afirmaciones que van más allá de lo que se ha demostrado" in body
    assert "<blockquote lang='en'>Our cells are immune privileged" in body  # the quote keeps the page's language
    assert "Fuentes: Ankrum 2014" in body and "Para su revisión de la clínica" in body
    assert "<dt>Lo que promete la clínica</dt><dd>Dice que las células de donante tienen" in body
    nothing = page(check("Abrimos de 9 a 5."), lang="es")
    assert "No reconocí ninguna afirmación" in nothing
    english = page(check(SPANISH_PAGE), SPANISH_PAGE)
    assert "<html lang='en'>" in english and "Claims that go beyond the evidence" in english
    assert "<blockquote lang='es'>" in english and "<input type='hidden' name='lang' value='en'>" in english


def test_chat_action_replies_in_the_conversation_language() -> None:
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions.page_check import ActionPageCheck

    tracker = SimpleNamespace(
        latest_message={"text": ENGLISH_PAGE, "metadata": {}},
        get_slot=lambda name: "es" if name == "language" else None,
    )
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionPageCheck().run(dispatcher, tracker, {}))  # type: ignore[arg-type]
    texts = [m.get("text") or "" for m in dispatcher.messages]
    assert texts[0].startswith("Encontré 3 cosas")
    assert texts[-1].startswith("¿Quiere revisar esta clínica paso a paso?")
    assert [b["title"] for b in dispatcher.messages[-1]["buttons"]] == ["Revisar esta clínica", "Ahora no"]
