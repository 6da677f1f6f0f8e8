"""Unusable messages get a reply that says what went wrong."""

from __future__ import annotations

import pytest

from bot.input_check import MAX_CHARS, Problem, classify, mentions_domain, reply_for


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", Problem.EMPTY),
        ("   \n", Problem.EMPTY),
        (None, Problem.EMPTY),
        ("a" * (MAX_CHARS + 1), Problem.TOO_LONG),
        # Spanish, and English mixed with Spanish, go to the model like English (issue 13).
        ("hola, quiero saber si las células madre son seguras", Problem.UNCLEAR),
        ("¿Cuánto cuesta el tratamiento en la clínica de Tijuana?", Problem.UNCLEAR),
        ("my mom wants the stem cell shots en Tijuana, ¿es legal?", Problem.UNCLEAR),
        ("se me cae el pelo, ¿me sirven las células madre?", Problem.UNCLEAR),
        ("干细胞治疗安全吗", Problem.UNSUPPORTED_LANGUAGE),
        ("Стволовые клетки", Problem.UNSUPPORTED_LANGUAGE),
        ("Est-ce que les cellules souches sont sûres ? Combien coûte le traitement ?", Problem.UNSUPPORTED_LANGUAGE),
        ("Como posso saber se a clínica é confiável? Minha mãe quer ir.", Problem.UNSUPPORTED_LANGUAGE),
        ("Le cellule staminali sono sicure per mio padre?", Problem.UNSUPPORTED_LANGUAGE),
        ("Sind Stammzellen sicher? Wie viel kostet die Behandlung?", Problem.UNSUPPORTED_LANGUAGE),
        # One borrowed word, a quoted name or a web address does not make a message French or Portuguese.
        ("I had coffee at a café in São Paulo, is the clinic there legit?", Problem.UNCLEAR),
        ('the page of "Centre de Cellules Souches et Thérapie" says it is approved', Problem.UNCLEAR),
        ("check stemcellclinic.com and regenexx.com for me", Problem.UNCLEAR),
        ("#### $$$ %%% 1234", Problem.GARBLED),
        ("zxcvbnm qwrtp", Problem.GARBLED),
        ("tell me about the weather on mars", Problem.UNCLEAR),
        ("is the clinic in tijuana ok? they say it is legal", Problem.UNCLEAR),
    ],
)
def test_classify(text: str | None, problem: Problem) -> None:
    assert classify(text) is problem


def test_every_problem_has_a_kind_reply() -> None:
    for problem in Problem:
        assert problem in reply_for.__globals__["REPLIES"]
    text, _ = reply_for("a" * 5000)
    assert "too long" in text and f"{MAX_CHARS:,}" in text


def test_another_language_is_refused_kindly_in_english_and_spanish() -> None:
    for lang in ("en", "es"):
        text, _ = reply_for("Est-ce que le traitement par cellules souches est sûr au Mexique ?", lang=lang)
        assert "English and Spanish" in text and "inglés y en español" in text
        assert "urgent care" in text and "urgencias" in text and "911" in text
    english_first, _ = reply_for("Quanto custa o tratamento com células-tronco?")
    spanish_first, _ = reply_for("Quanto custa o tratamento com células-tronco?", lang="es")
    assert english_first.startswith("Sorry") and spanish_first.startswith("Lo siento")


@pytest.mark.parametrize(
    ("text", "english", "spanish"),
    [
        ("", "Type a question", "Escriba su pregunta"),
        ("a" * 5000, "too long", "demasiado largo"),
        ("zxcvbnm qwrtp", "couldn't read", "No pude leer"),
        ("hmm what about the thing", "rephrase", "otras palabras"),
    ],
)
def test_every_other_reply_has_a_spanish_wording(text: str, english: str, spanish: str) -> None:
    assert english in reply_for(text)[0] and english in reply_for(text, lang="en")[0]
    reply, buttons = reply_for(text, lang="es")
    assert spanish in reply and english not in reply
    for button in buttons:  # Spanish buttons say Spanish things (a payload in English would flip the language)
        assert button["payload"].startswith("/") or "¿" in button["payload"]
        assert button["title"] in {"¿Qué puede hacer?", "Señales de alerta en una clínica"}


@pytest.mark.parametrize(
    "text",
    [
        "how soon would I notice results",
        "what is recovery like after the procedure",
        "can I keep my usual medications before the injection day",
        "is being a marrow donor painful",
        "was that study peer reviewed",
        "what does a Right-To-Try law let me do",  # written with hyphens as often as without
        "is it safe? yes or no",
        "what questions should we ask them",
    ],
)
def test_questions_in_the_field_without_the_word_stem_cell_are_not_refused(text: str) -> None:
    # Patients often leave out "stem cells" once the subject is clear; the guard must not refuse them.
    assert mentions_domain(text)


@pytest.mark.parametrize(
    "text",
    ["What benefits can I expect?", "Is this tax deductible?", "can I pay with my HSA", "any complications?"],
)
def test_money_and_outcome_follow_ups_pass_the_domain_check(text: str) -> None:
    assert mentions_domain(text)


@pytest.mark.parametrize(
    "text",
    [
        "¿es legal el tratamiento en Tijuana?",
        "¿cuánto cuesta la inyección?",
        "mi mamá quiere ir a una clínica en Cancún",
        "¿qué riesgos tiene?",
        "¿cómo sé si el médico tiene cédula profesional?",
        "¿en cuánto tiempo veré resultados?",
        # follow-ups that carry no other field word: refused before 2026-11-30
        "¿crees que me funcione a mí?",
        "me cotizaron 15 mil dólares, ¿es mucho?",
        "me estoy arrepintiendo, ya di un depósito",
        "¿qué molestias son comunes después de la aplicación?",
    ],
)
def test_spanish_questions_in_the_field_pass_the_domain_check(text: str) -> None:
    assert mentions_domain(text)


@pytest.mark.parametrize(
    "text",
    [
        "who won the game last night",
        "what's the best laptop",
        "how do I bake bread",
        "¿quién ganó el partido?",
        "¿cómo hago pan en casa?",
        "mi madre cumple años mañana",
        "¿cuál es la mejor laptop?",
        "receta de pozole rojo",
    ],
)
def test_far_off_questions_still_fail_the_domain_check(text: str) -> None:
    assert not mentions_domain(text)
