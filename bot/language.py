"""The conversation's language (English or Spanish), chosen the way people expect.

StemSafe answers in English or Spanish. The language is decided after every user message
(`actions/language.py` runs this through the `language` slot's custom mapping), in this order:
1. an explicit request to switch ("en español, por favor", "in English please");
2. the language the message is clearly written in (enough function words, or a Spanish-only mark such as
   "¿"): people expect a reply in the language they write in;
3. the client's language (the widget's `customData.language`, a channel's user locale) when it changed since
   the previous message (the person toggled the page's switch) or at the conversation's first message;
4. otherwise the language so far.

Names of clinics, cities and documents ("Clínica del Sol", "Licencia Sanitaria", "San José del Cabo") are
not evidence of a language: the words that decide are function words and replies that belong to one
language only. `pick` chooses a text from a per-language mapping, falling back to English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import TypeVar

from bot.text import unaccented

LANGUAGES = ("en", "es")
DEFAULT = "en"
SLOT = "language"
T = TypeVar("T")

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Function words that appear in sentences, not in the names of clinics, cities or documents ("de", "la",
# "del", "los", "las", "san", "santa", "y" are left out on purpose: "Hospital de la Familia").
_SPANISH = frozenset(
    """
    que qué es son está están estoy tengo tiene tienen puedo puede pueden quiero quisiera necesito hay
    para por porque cómo como cuál cual cuáles cuánto cuanto cuesta dónde donde cuándo cuando quién
    mi mis su sus yo usted ustedes nosotros se lo le les nos una uno unos unas pero con sin muy más
    también ya sí si esto esta este eso esa ese estas estos hacer hace fue ser sería han ha
    células celulas madre tratamiento tratamientos clínica riesgos riesgo seguro segura funciona
    gracias hola buenos buenas días dias tardes noches ayuda favor ninguno ninguna nada algo todo
    dijeron dicen dice saber sé creo sabemos explican explicó mamá papá mamá hijo hija esposo esposa
    en siento sentir pensando ando onda bien mal mucho mucha poco ahora hoy ayer mañana manana aquí aqui
    todavía todavia pues oye vez veces nunca siempre mejor peor después despues antes dolor vida morir
    confundido confundida buen día dia tal porfa borrar datos revisar revisión revision clinica checar
    """.split()
)
_ENGLISH = frozenset(
    """
    the is are was were be been do does did can could would should will what how which who when where
    why my your his her their our we you they it this that these those have has had and or but with
    without for from about of to in on at not yes if than then there here an i i'm im don't
    dont doesn't isn't can't cant please thanks thank hello hi help stem cells cell treatment clinic
    risks risk safe work works mom dad daughter wife husband said say says know think
    """.split()
)
_NAMEISH = frozenset("de la del los las el san santa y e o".split())

# One-word or two-word replies that belong to one language.
_SPANISH_REPLIES = frozenset(
    {
        "si",
        "sí",
        "hola",
        "gracias",
        "muchas gracias",
        "no sé",
        "no se",
        "ayuda",
        "adiós",
        "adios",
        "claro",
        "vale",
        "de acuerdo",
        "ninguno",
        "ninguna",
        "nada",
        "buenos días",
        "buenas tardes",
        "buenas noches",
        "por favor",
        "ok gracias",
        "saltar",
        "pausa",
        "pausar",
        "continuar",
        "ayúdame",
        # Mexican greetings that got the English greeting (Spanish exploratory session, 2026-12-02)
        "buenas",
        "ola",
        "quihubo",
        "saludos",
    }
)
_ENGLISH_REPLIES = frozenset(
    {
        "yes",
        "yeah",
        "yep",
        "hello",
        "hi",
        "thanks",
        "thank you",
        "i don't know",
        "i dont know",
        "help",
        "skip",
        "pause",
        "continue",
        "nope",
        "sure",
        "ok thanks",
        "good morning",
        "bye",
        "goodbye",
    }
)

# A request, not a mention: "sigue en español", "in English please", "¿puedes hablar español?"; not "el pdf está en
# inglés" or "lo tengo en pdf, en ingles", which switched the conversation and lost the answer (an exploratory
# session, 2026-12-01).
_PLEASE = r"(?:por\s+favor|porfa|porfavor|plis|please|pls|plz)"
_ASK_ES = (
    r"(?:habla|hablame|hablar|hablas|hable|escribe|escribeme|escriba|contesta|contestame|conteste|contesteme|responde|"
    r"respondeme|responda|sigue|sigamos|seguimos|siga|continua|continuemos|cambia|cambiar|cambiamos|pasa|pasate|"
    r"mejor|puedes|puede|podemos|quiero|prefiero)"
)
_ASK_EN = r"(?:answer|reply|respond|speak|talk|write|continue|switch|change|go on|carry on|do this|say|keep)"
_TO_SPANISH = re.compile(
    rf"^\W*(?:en\s+)?(?:espa[nñ]ol|castellano)(?:[\s,]+{_PLEASE})?\W*$|"
    rf"\b(?:en|in)\s+(?:espa[nñ]ol|spanish|castellano),?\s+{_PLEASE}\b|"
    rf"\b{_ASK_ES}\b[\w\s]{{0,20}}?\b(?:en|a|al)\s+(?:espa[nñ]ol|castellano)\b|"
    rf"\b{_ASK_EN}\w*\b[\w\s]{{0,20}}?\b(?:in|to|into)\s+spanish\b|"
    r"\bspeak\s+spanish\b|\bhabla(?:s|r)?\s+espa[nñ]ol\b|\bswitch\s+to\s+spanish\b",
    re.IGNORECASE,
)
_TO_ENGLISH = re.compile(
    rf"^\W*(?:in\s+|en\s+)?(?:english|ingl[eé]s)(?:[\s,]+{_PLEASE})?\W*$|"
    rf"\b(?:in|en)\s+(?:english|ingl[eé]s),?\s+{_PLEASE}\b|"
    rf"\b{_ASK_EN}\w*\b[\w\s]{{0,20}}?\b(?:in|to|into)\s+english\b|"
    rf"\b{_ASK_ES}\b[\w\s]{{0,20}}?\b(?:en|a|al)\s+ingl[eé]s\b|"
    r"\bspeak\s+english\b|\bhabla(?:s|r)?\s+ingl[eé]s\b|\bswitch\s+to\s+english\b",
    re.IGNORECASE,
)


def normalise(code: object) -> str | None:
    """'es', 'es-MX', 'es_419', 'ES' -> 'es'; 'en-US' -> 'en'; anything else (or nothing) -> None."""
    if not isinstance(code, str):
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else None


def switch_request(text: str | None) -> str | None:
    """The language a message explicitly asks for ("en español", "in English please"), or None."""
    text = (text or "").strip()
    if not text or len(text) > 200:
        return None
    folded = unaccented(text)  # "háblame en inglés" reads as "hablame en ingles"
    to_es, to_en = bool(_TO_SPANISH.search(folded)), bool(_TO_ENGLISH.search(folded))
    if to_es == to_en:  # neither, or both ("is the clinic in English or Spanish?" asks for neither)
        return None
    return "es" if to_es else "en"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip().lower())


def detect(text: str | None) -> str | None:
    """The language a message is clearly written in, or None when it could be either (names, numbers,
    "ok", "no", a slash command)."""
    text = _fold(text or "")
    if not text or text.startswith("/"):
        return None
    bare = re.sub(r"[^\w\s']", " ", text).strip()
    bare = re.sub(r"\s+", " ", bare)
    if bare in _SPANISH_REPLIES:
        return "es"
    if bare in _ENGLISH_REPLIES:
        return "en"
    words = [w for w in _WORD.findall(text) if w not in _NAMEISH]
    spanish = sum(w in _SPANISH for w in words) + 2 * ("¿" in text or "¡" in text)
    english = sum(w in _ENGLISH for w in words)
    if spanish >= 2 and spanish > 2 * english:
        return "es"
    if english >= 2 and english > 2 * spanish:
        return "en"
    return None


def choose(
    current: str | None,
    text: str | None,
    client: str | None = None,
    previous_client: str | None = None,
    first_message: bool = False,
) -> str:
    """The conversation's language after a message (see the module's docstring for the order).

    `client` is the language the client sent with this message (widget switch, channel locale) and
    `previous_client` the one it sent with the previous message.
    """
    asked = switch_request(text)
    if asked:
        return asked
    written = detect(text)
    if written:
        return written
    client, previous_client = normalise(client), normalise(previous_client)
    if client and (first_message or client != previous_client):
        return client
    return normalise(current) or client or DEFAULT


def pick(texts: Mapping[str, T], lang: str | None) -> T:
    """The text for `lang` from a per-language mapping, or the English one when there is none."""
    return texts.get(normalise(lang) or DEFAULT) or texts[DEFAULT]
