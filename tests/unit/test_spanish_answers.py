"""The clinic check reads answers and commands typed in Spanish, whatever the conversation's language."""

from __future__ import annotations

import pytest

from bot.gate import Command, asks_why, command_in, is_question
from bot.numbered_options import render
from bot.questions import BY_ID, NO, QUESTIONS, REFUSED, SKIPPED, UNKNOWN, YES
from bot.reader import parse_number, read


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sí", YES),
        ("Si, claro", YES),
        ("claro", YES),
        ("así es", YES),
        ("correcto", YES),
        ("sí me lo dieron", YES),
        ("no", NO),
        ("nop", NO),
        ("para nada", NO),
        ("no me lo dieron", NO),
        ("no sé", UNKNOWN),
        ("No se.", UNKNOWN),
        ("ni idea", UNKNOWN),
        ("no me dijeron", UNKNOWN),
        ("la verdad no sé si lo tienen", UNKNOWN),
        ("no quieren decir", REFUSED),
        ("se negaron", REFUSED),
        ("es confidencial", REFUSED),
        ("dicen que es secreto", REFUSED),
        ("saltar", SKIPPED),
        ("omitir esta pregunta", SKIPPED),
        ("siguiente", SKIPPED),
    ],
)
def test_spanish_yes_no_dont_know_refused_skip(text: str, value: str) -> None:
    assert read(BY_ID["coa"], text).value == value


def test_no_se_before_a_verb_is_an_answer_not_dont_know() -> None:
    """ "No se cultivan" (they are not grown) answers the question; "no sé" alone does not know."""
    assert read(BY_ID["expanded"], "no se cultivan, es el mismo día").value == "same_day"
    assert read(BY_ID["expanded"], "no, no se cultivan").value == NO
    assert read(BY_ID["expanded"], "sí, las cultivan en el laboratorio").value == YES
    assert read(BY_ID["expanded"], "no sé si las cultivan").value == UNKNOWN


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("médula ósea", "own_marrow"),
        ("de mi grasa del abdomen", "own_fat"),
        ("cordón umbilical", "donor_cord"),
        ("gelatina de Wharton", "donor_cord"),
        ("placenta", "amniotic"),
        ("exosomas", "exosomes"),
        ("de donante", "donor_other"),
        ("son mías, mis propias células", "own_other"),
        ("es secreto", "unknown_origin"),
        ("cordón umbilical y exosomas", "donor_cord,exosomes"),
    ],
)
def test_spanish_cell_sources(text: str, value: str) -> None:
    assert read(BY_ID["cell_source"], text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("intravenosa", "iv"),
        ("por suero", "iv"),
        ("IV", "iv"),
        ("en la rodilla", "joint"),
        ("en la articulación, guiada con ultrasonido", "joint_imaging"),
        ("en la columna (intratecal)", "spinal"),
        ("punción lumbar", "spinal"),
        ("en los dos ojos", "eye"),
        ("en el cerebro", "brain"),
        ("por la nariz", "nasal"),
        ("en la rodilla y también por suero", "iv,joint"),
    ],
)
def test_spanish_routes(text: str, value: str) -> None:
    assert read(BY_ID["route"], text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("en un hotel", "hotel_office"), ("en su consultorio", "medical_office"), ("en un spa", "hotel_office"),
     ("en un edificio de consultorios, piso 3", "medical_office"), ("en una oficina rentada", "hotel_office"),
     ("en el hospital", "hospital"), ("en el quirófano de la clínica", "hospital")],
)  # fmt: skip
def test_spanish_settings(text: str, value: str) -> None:
    assert read(BY_ID["setting"], text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("dicen que lo cura", "cure"),
        ("puede detener el avance del ELA", "cure"),
        ("que no tiene ningún riesgo", "no_risk"),
        ("sin efectos secundarios", "no_side_effects"),
        ("no hay rechazo", "no_rejection"),
        ("que tienen privilegio inmunológico", "immune_privileged"),
        ("nos mandaron testimonios", "testimonials"),
        ("que está comprobado", "proven"),
        ("nada de eso", "none"),
        ("no", "none"),
        ("no prometieron que cura", "none"),
    ],
)
def test_spanish_claims(text: str, value: str) -> None:
    assert read(BY_ID["claims"], text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("me pidieron un anticipo", "deposit_first"),
        ("un depósito antes de la consulta", "deposit_first"),
        ("mucha presión para reservar", "pressure"),
        ("el precio cambió", "price_changed"),
        ("no, nada de eso", "none"),
        ("quieren un anticipo y dicen que la oferta es solo hoy", "deposit_first,pressure"),
    ],
)
def test_spanish_payment_conduct(text: str, value: str) -> None:
    assert read(BY_ID["sales"], text).value == value


def test_spanish_quote_amounts_and_no_written_quote() -> None:
    quote = BY_ID["quote"]
    assert read(quote, "sí, por escrito: 12 mil dólares").value == "12000"
    assert read(quote, "15.000 dólares").value == "15000"
    assert read(quote, "solo de palabra").value == NO
    assert read(quote, "es gratis, lo paga el patrocinador").value == "0"
    assert parse_number("$12,500") == "12500"  # English amounts unchanged
    assert parse_number("2.5k") == "2500"


def test_mexican_licence_an_aviso_is_never_a_licence_in_spanish_either() -> None:
    question = BY_ID["facility_licence"]
    assert read(question, "Licencia Sanitaria, número 123456", "mexico").value == "licence_number"
    assert read(question, "solo un Aviso de Funcionamiento", "mexico").value == "aviso_only"
    assert read(question, "dicen que tienen licencia, pero es un aviso", "mexico").value == "aviso_only"
    assert read(question, "no tienen nada", "mexico").value == NO
    assert read(question, "sí", "mexico").value == "licence_claimed"


def test_spanish_regulator_answers_elsewhere() -> None:
    question = BY_ID["facility_licence"]
    assert read(question, "sí, aprobado por la FDA", "us").value == "approved_claim"
    assert read(question, "están registrados ante la FDA", "us").value == "fda_registered_only"
    assert read(question, "no es un ensayo, es un tratamiento normal", "us").value == NO
    assert read(question, "solo el comité de bioética", "panama").value == "ethics_only"
    assert read(question, "un permiso para almacenar células", "panama").value == "storage_only"
    assert read(question, "el Ministerio de Salud; me mostraron el documento", "panama").value == "document_shown"


@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        ("medical_evaluation", "solo por videollamada", "remote_only"),
        ("medical_evaluation", "sí, en persona", YES),
        ("study_payment", "hay que pagar para participar", "paid_study"),
        ("study_payment", "no es un estudio", "not_a_study"),
        ("study_payment", "es gratis para mí", "free_study"),
        ("outcome_data", "solo testimonios", "testimonials"),
        ("outcome_data", "sí, publicado en una revista médica", "published"),
        ("consent_form", "solo di clic en la página", "online_only"),
        ("consent_form", "firmé un formulario", YES),
        ("donor_screening", "no me explicaron", NO),
        ("protocol_authorised", "dicen que la licencia cubre todo", "licence_only"),
        ("physician", "no hay médico", NO),
        ("lab", "ningún laboratorio", NO),
    ],
)
def test_spanish_answers_to_other_questions(question: str, text: str, value: str) -> None:
    assert read(BY_ID[question], text, "mexico").value == value


def test_spanish_signs_for_other_questions_are_noted_there() -> None:
    reading = read(BY_ID["claims"], "me dijeron que con el suero no hay rechazo")
    assert reading.value == "no_rejection"
    assert reading.others["route"] == "iv"
    assert read(BY_ID["coa"], "no, y quieren un anticipo").others["sales"] == "deposit_first"


def test_spanish_route_is_not_a_place() -> None:
    assert read(BY_ID["location"], "en la vena").value is None
    assert read(BY_ID["location"], "Tijuana, México").value == "mexico"


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("pausa", Command.PAUSE),
        ("para", Command.PAUSE),
        ("hagamos una pausa", Command.PAUSE),
        ("ya no me hagas preguntas", Command.PAUSE),
        ("Pausar", Command.PAUSE),
        ("detener la revisión", Command.PAUSE),
        ("oiga, pausa por favor", Command.PAUSE),
        ("lo termino después", Command.PAUSE),
        ("empezar de nuevo", Command.RESTART),
        ("reiniciar", Command.RESTART),
        ("¿por qué?", Command.WHY),
        ("¿Por qué pregunta eso?", Command.WHY),
        ("¿para qué quieres saber eso?", Command.WHY),
        ("¿cuál era la pregunta?", Command.REPEAT),
        ("¿me puede repetir la pregunta?", Command.REPEAT),
        ("ayuda", Command.HELP),
        ("cambiar una respuesta", Command.CHANGE),
        ("quiero corregir mi respuesta", Command.CHANGE),
        ("mostrar mi reporte", Command.REPORT),
        ("quiero ver mi informe", Command.REPORT),
        ("borrar mis datos", Command.DELETE),
        ("borra todo lo que tienes de mí", Command.DELETE),
        ("continuar mi revisión", Command.RESUME),
        ("ya regresé, terminemos la revisión", Command.RESUME),
        ("espera, esa respuesta estaba mal", Command.CHANGE),
    ],
)
def test_spanish_commands(text: str, command: Command) -> None:
    assert command_in(text) == command


@pytest.mark.parametrize(
    "text",
    ["puede detener el avance del ELA", "no sé", "sí", "en los dos ojos", "no me explicaron", "para el dolor",
     "se lo van a explicar en la consulta", "quiero empezar el tratamiento en mayo"],
)  # fmt: skip
def test_spanish_words_inside_answers_are_not_commands(text: str) -> None:
    assert command_in(text) is None


def test_spanish_why_and_side_questions() -> None:
    assert asks_why("¿por qué necesita el número de cédula?")
    assert not asks_why("¿por qué son tan caras las células madre?")
    assert is_question("¿es legal en México?")
    assert is_question("¿cuánto cuesta?")
    assert not is_question("sí, en Tijuana")


def test_numbered_options_in_spanish() -> None:
    buttons = [{"title": "Sí", "payload": "Sí"}, {"title": "No", "payload": "No"}]
    assert render("¿Le dieron el certificado?", buttons, lang="es").splitlines()[2] == "Responda con un número:"
    assert render("Start?", buttons).splitlines()[2] == "Reply with a number:"


def test_every_spanish_button_records_what_its_english_twin_records() -> None:
    for question in QUESTIONS:
        for option in question.options:
            title_es = getattr(option, "title_es", "")
            if title_es:
                english = read(question, option.title, "mexico").value
                assert read(question, title_es, "mexico").value == english, (question.id, title_es)
