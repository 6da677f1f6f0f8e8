"""StemSafe in Spanish, end to end (issue 13), through the running Rasa server and action server over REST:
Spanish questions get Spanish answers with their sources, symptoms get urgent advice in Spanish first, a whole
clinic check typed in Spanish reaches a Spanish report (chat and printable page) with what was recorded, and
the language can change in the middle of a check without losing an answer."""

from __future__ import annotations

import uuid

from bot import flags, report
from bot.store import Store
from tests.driver import Driver, RestClient, overall_level
from tests.servers import Stack, rest_id


class Persona:
    def __init__(self, stack: Stack, metadata: dict | None = None) -> None:
        self.stack = stack
        self.id = f"persona-es-{uuid.uuid4().hex}"
        self.metadata = metadata
        self.last: list[dict] = []

    def says(self, text: str) -> str:
        self.last = self.stack.say(self.id, text, metadata=self.metadata)
        return "\n".join(r.get("text", "") for r in self.last)

    def buttons(self) -> list[dict]:
        return [b for r in self.last for b in r.get("buttons", [])]


def records(stack: Stack) -> Store:
    return Store.from_url(stack.env["DATABASE_URL"], flag_rules=flags.evaluate)


def test_spanish_questions_get_spanish_answers_with_sources(stack: Stack) -> None:
    p = Persona(stack)
    reply = p.says("¿Las células madre de donante pueden ser rechazadas?")
    assert "Fuentes:" in reply and "Ankrum" in reply and "anticuerpos" in reply
    reply = p.says("¿Es legal la terapia con células madre en México?")
    assert "COFEPRIS" in reply and ("Fuente:" in reply or "Fuentes:" in reply)
    assert "Sources:" not in reply and "Sorry, I can only answer in English" not in reply


def test_spanish_symptoms_get_urgent_advice_in_spanish_first(stack: Stack) -> None:
    p = Persona(stack)
    reply = p.says("me pusieron células en la rodilla y desde ayer tengo calentura y la rodilla caliente")
    assert p.last and "911" in p.last[0]["text"] and "urgencias" in p.last[0]["text"]
    assert "What you describe" not in reply


def test_thoughts_of_suicide_get_the_crisis_lines_in_spanish_first(stack: Stack) -> None:
    p = Persona(stack)
    p.says("estoy pensando en suicidarme")  # a first message: no earlier turn decides the language
    first = p.last[0]["text"]
    assert "800 911 2000" in first and "988" in first and "Siento mucho" in first
    assert "What you describe" not in first and "not sure I understood" not in first


def test_a_whole_clinic_check_typed_in_spanish_reaches_a_spanish_report(stack: Stack) -> None:
    answers = {
        "clinic_name": "Clínica Renacer",
        "location": "Tijuana, México",
        "condition": "artrosis de rodilla",
        "physician": "el Dr. Ramírez, pero no me dio su cédula",
        "facility_licence": "solo me enseñaron un aviso de funcionamiento",
        "protocol_authorised": "no sé",
        "ad_notice": "no",
        "cell_source": "de cordón umbilical, de donante",
        "expanded": "sí, las multiplican en su laboratorio",
        "lab": "no me quisieron decir el laboratorio",
        "coa": "no",
        "donor_screening": "no me explicaron nada",
        "ethics_review": "no sé",
        "study_payment": "no",
        "consent_form": "sí, me dieron uno por escrito",
        "route": "en la rodilla y también por suero",
        "setting": "en un consultorio",
        "claims": "me dijeron que no hay rechazo y que no tiene riesgos",
        "sales": "me pidieron un anticipo antes de la valoración",
        "quote": "5000 dólares",
        "medical_evaluation": "solo revisaron mis estudios por WhatsApp",
        "follow_up": "no",
        "outcome_data": "solo testimonios en video",
    }
    convo = Driver(RestClient(stack.url), sender=f"es-check-{uuid.uuid4().hex}").run(
        ["Hola, quiero revisar una clínica antes de pagar"], answers, default_answer="no sé"
    )
    assert convo.reached_report, convo.stalled or convo.transcript()
    assert convo.level == "serious" and overall_level(convo.summary or "") == "serious"
    summary = convo.summary or ""
    assert "Resultado general: Preocupaciones serias" in summary and "Overall:" not in summary
    assert convo.unscripted == [], convo.unscripted  # every question asked was one the patient could answer
    questions = [m for e in convo.exchanges for m in (e.replies or []) if "?" in (m.get("text") or "")]
    assert questions and all("What " not in (m.get("text") or "") for m in questions)

    record = records(stack).latest(rest_id(convo.sender))
    assert record is not None
    codes = {f.code for f in record.flags}
    assert record.country == "mexico"
    # what the Spanish answers said, as the flags the English ones would give
    assert {"lab_not_named", "claims_no_rejection", "claims_no_risk", "donor_not_screened"} <= codes, codes
    assert codes & {"aviso_only", "only_aviso"}, codes
    assert {"deposit_before_evaluation", "evaluation_remote_only"} <= codes, codes

    assert convo.report_url and f"{convo.report_url}?lang=es" in summary  # the printable page, in Spanish
    page = report.html_page(record, lang="es")  # what bot/web.py serves at that link (tests/unit/test_report_es.py)
    assert "Clínica Renacer" in page and "Resultado general: Preocupaciones serias" in page


def test_the_language_can_change_in_the_middle_of_a_check(stack: Stack) -> None:
    p = Persona(stack)
    reply = p.says("quiero revisar una clínica")
    assert "¿Cómo se llama la clínica?" in reply
    reply = p.says("Clínica Esperanza")
    assert "¿Dónde está la clínica?" in reply
    reply = p.says("in English please")
    assert "Where is the clinic" in reply  # the same question again, now in English
    reply = p.says("Cancún, Mexico")
    assert "What condition" in reply
    reply = p.says("en español, por favor")
    assert "¿Qué enfermedad o padecimiento" in reply
    reply = p.says("rodilla")
    answers = records(stack).current(rest_id(p.id)).answers
    assert answers["clinic_name"][0] == "Clínica Esperanza" and answers["location"][1] == "mexico"
    assert "condition" in answers


def test_the_widget_language_chooses_spanish_for_a_message_in_neither(stack: Stack) -> None:
    p = Persona(stack, metadata={"language": "es"})
    reply = p.says("/greet")
    assert reply.startswith("Hola, soy StemSafe")
    reply = p.says("/start_clinic_check")
    assert "¿Cómo se llama la clínica?" in reply
