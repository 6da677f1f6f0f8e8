"""With the trained model: the ONE bilingual NLU model understands Spanish as people in Mexico write it.

Forty Spanish messages, written for this check (never trained on: none is a line of data/*_es.yml), each with
the intent (or `faq/<topic>`) it should get. The figures are the classifiers' own reading (DIET's ranking and
the ResponseSelector's topic), with the project's guards switched off: the guards' behaviour on Spanish is
tested where they are defined. Run as a script to print the figures and the misses:
``PYTHONPATH=. .venv/bin/python -m tests.model.test_nlu_spanish``.
"""

from __future__ import annotations

import asyncio
from typing import Any, Iterator

import pytest
from rasa.core.agent import Agent

from tests.servers import MODEL

# (message, expected label): FAQ topics as faq/<topic>, everything else as its intent.
CASES: list[tuple[str, str]] = [
    ("oiga y si mi cuerpo no acepta las celulas de otra persona?", "faq/rejection"),
    ("cuanto riesgo hay de agarrar una bacteria con las inyecciones de celulas", "faq/infection"),
    ("que conviene mas, celulas de uno mismo o de un donante", "faq/donor_vs_own"),
    ("es cierto que las celulas madre pueden dar cancer?", "faq/tumours"),
    ("que efectos secundarios puede tener mi papa con la infusion", "faq/side_effects"),
    ("se ha muerto alguien por ponerse celulas madre", "faq/serious_harms"),
    ("que es la gelatina de wharton y de donde la sacan", "faq/cell_sources"),
    ("la FDA ya aprobo algun tratamiento con celulas madre?", "faq/fda_approved"),
    ("que papeles de cofepris debe tener la clinica", "faq/cofepris_licences"),
    ("es legal que en tijuana pongan celulas madre?", "faq/mexico_legal"),
    ("como busco si el doctor tiene cedula profesional", "faq/verify_cedula"),
    ("la clinica nada mas tiene aviso de funcionamiento, alcanza con eso?", "faq/notice_numbers"),
    ("que debe venir en el certificado de analisis de las celulas", "faq/certificate_of_analysis"),
    ("en su pagina hay muchos testimonios de pacientes que se curaron, eso cuenta?", "faq/testimonials"),
    ("mi mamá tiene artrosis en la rodilla, sirven las celulas madre para eso?", "faq/evidence_knee"),
    ("hay algo de evidencia de celulas madre para el autismo", "faq/evidence_autism"),
    ("por que en mexico cuesta menos el tratamiento de celulas", "faq/cost_abroad"),
    ("cuales son las señales de que una clinica es un fraude", "faq/red_flags"),
    ("que le pregunto al doctor de la clinica en la consulta", "faq/questions_to_ask"),
    ("donde denuncio a la clinica que le puso celulas a mi esposo", "faq/report_harm"),
    ("ya firme y pague el anticipo pero me arrepenti, todavia puedo cancelar?", "faq/second_thoughts"),
    ("que sintomas son de cuidado despues de la inyeccion de celulas", "faq/warning_signs"),
    ("los exosomas son lo mismo que celulas madre?", "faq/exosomes"),
    ("mi seguro me cubre el tratamiento con celulas madre?", "faq/paying"),
    ("hola buenas tardes", "greet"),
    ("muchas gracias por todo", "thank"),
    ("si claro", "affirm"),
    ("no, para nada", "deny"),
    ("que cosas me puedes contestar?", "help"),
    ("estoy hablando con un robot o con una persona?", "bot_challenge"),
    ("cual es la mejor clinica de celulas madre en cancun", "recommend_clinic"),
    ("despues de las celulas en la espalda tengo calentura y no siento las piernas", "report_symptoms"),
    ("quiero revisar la clinica donde se va a atender mi papa", "start_clinic_check"),
    ("pausa por favor", "stop_check"),
    ("continuemos con la revision", "resume_check"),
    ("me equivoque, quiero cambiar una respuesta", "correct_answer"),
    ("muéstrame mi informe", "show_report"),
    ("borra mis datos por favor", "delete_my_data"),
    ("¿por qué me pregunta eso?", "ask_why"),
    ("como cocino unos frijoles charros", "out_of_scope"),
]


class _Unguarded:
    """The project's rule components pass messages through unchanged while the classifiers are read."""

    def __enter__(self) -> None:
        from components.check_request_guard import CheckRequestGuard
        from components.input_guard import InputGuard

        self._saved = [(cls, cls.process) for cls in (InputGuard, CheckRequestGuard)]
        for cls, _ in self._saved:
            cls.process = lambda self, messages: messages  # type: ignore[method-assign]

    def __exit__(self, *exc: object) -> None:
        for cls, process in self._saved:
            cls.process = process  # type: ignore[method-assign]


def classifier_label(parse: dict[str, Any]) -> str:
    """The label DIET ranks first (the fallback left aside), with the ResponseSelector's topic for `faq`."""
    ranking = [r for r in parse.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
    intent = ranking[0]["name"] if ranking else "nlu_fallback"
    if intent == "faq":
        key = parse.get("response_selector", {}).get("faq", {}).get("response", {}).get("intent_response_key")
        return key or "faq/?"
    return intent


def read_all(agent: Agent) -> Iterator[tuple[str, str, str]]:
    """(message, expected, got) for every case."""
    with _Unguarded():
        for text, expected in CASES:
            parse = asyncio.run(agent.parse_message(text))
            yield text, expected, classifier_label(parse)


def figures(results: list[tuple[str, str, str]]) -> dict[str, float]:
    faq = [(e, g) for _, e, g in results if e.startswith("faq/")]
    return {
        "intent_accuracy": sum((e.startswith("faq/") and g.startswith("faq/")) or e == g for _, e, g in results)
        / len(results),
        "label_accuracy": sum(e == g for _, e, g in results) / len(results),
        "faq_topic_accuracy": sum(e == g for e, g in faq) / len(faq),
    }


@pytest.fixture(scope="module")
def results() -> list[tuple[str, str, str]]:
    return list(read_all(Agent.load(str(MODEL))))


def test_the_cases_are_forty_distinct_spanish_messages() -> None:
    assert len({text for text, _ in CASES}) == 40


def test_spanish_messages_get_the_right_intent_and_topic(results: list[tuple[str, str, str]]) -> None:
    found = figures(results)
    misses = [(text, expected, got) for text, expected, got in results if expected != got]
    assert found["intent_accuracy"] >= 0.9, misses
    assert found["faq_topic_accuracy"] >= 0.8, misses


def test_symptoms_in_spanish_are_never_read_as_a_question(results: list[tuple[str, str, str]]) -> None:
    assert all(got == "report_symptoms" for _, expected, got in results if expected == "report_symptoms")


if __name__ == "__main__":
    found_results = list(read_all(Agent.load(str(MODEL))))
    for text, expected, got in found_results:
        if expected != got:
            print(f"  miss: {text!r}: expected {expected}, got {got}")
    for name, value in figures(found_results).items():
        print(f"  {name:22s} {value:.3f}")
