"""What a pasted clinic page implies for the clinic check, offered to the patient to confirm.

bot/page_check.py finds the claims a clinic's text makes; some of them answer a clinic-check question (the
cells, how they are given, a licence or notice, the claims, testimonials as results). `offers(result)`
keeps, per question, the page's own sentences and the catalogue's summary of them: JSON-able data for the
`page_prefill` slot (actions/page_check.py sets it). When the check is about to ask such a question,
`offer_text` quotes the page and says what it would record; the patient's "yes, that's right" records it
(bot/clinic_check.py), "no" drops it, anything else is read as the answer as usual. Nothing from the page is
recorded without the patient's yes. The offer is worded in the conversation's language (`lang`); a "yes,
that's right" or "sí, es correcto" confirms it in either.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bot.language import pick
from bot.questions import BY_ID, NO, NOT_ANSWERED, REFUSED, SKIPPED, UNKNOWN, YES, Question
from bot.reader import read
from bot.text import normalise

if TYPE_CHECKING:  # the check itself never loads spaCy
    from bot.page_check import PageCheck

MAX_QUOTES = 2
CONFIRM, DECLINE = "confirm", "decline"
Offer = dict[str, list[str]]  # {"quotes": the page's sentences, "said": the catalogue's summary of them}
CONFIRM_TITLE, DECLINE_TITLE = "Yes, that's right", "No, that's not right"
CONFIRM_TITLE_ES, DECLINE_TITLE_ES = "Sí, es correcto", "No, no es correcto"
# A button sends its own title, so a Spanish one sends Spanish (the reply follows the language sent).
OFFER_BUTTONS = {
    "en": [{"title": CONFIRM_TITLE, "payload": CONFIRM_TITLE}, {"title": DECLINE_TITLE, "payload": DECLINE_TITLE}],
    "es": [
        {"title": CONFIRM_TITLE_ES, "payload": CONFIRM_TITLE_ES},
        {"title": DECLINE_TITLE_ES, "payload": DECLINE_TITLE_ES},
    ],
}
_WORD = re.compile(r"[a-z']+")
_YES_WORDS = ("yes", "yeah", "yep", "yup", "correct", "right", "exactly", "true", "ok", "okay", "sure", "si")
_YES_WORDS_ES = ("si", "claro", "correcto", "exacto", "cierto", "sale", "va", "de acuerdo", "asi es", "eso es")
_IS = ("that's", "that is", "it's", "it is", "thats")
_CONFIRM_TAILS = ("correct", "right", "exactly", "confirm", "confirmed") + tuple(
    f"{subject} {word}" for subject in _IS for word in ("right", "correct", "true", "it")
)
_CONFIRM_TAILS_ES = ("es correcto", "es cierto", "esta bien", "asi es", "eso es", "correcto", "exacto", "lo confirmo")
_DECLINE_TAILS = ("not right", "not correct", "not true", "wrong", "incorrect") + tuple(
    f"{subject} {word}" for subject in _IS for word in ("not right", "not correct", "not true", "not it", "wrong")
)
_DECLINE_TAILS_ES = ("no es correcto", "no es cierto", "no es asi", "esta mal", "incorrecto", "eso no", "falso")
# Whole replies, as words: "yes", "yes, that's right", "correct!"; "no", "no, that's wrong". A bare "no"
# declines too: "is that right?" "no" must not record "none of these" at the claims question.
_CONFIRM = frozenset(
    _YES_WORDS
    + _CONFIRM_TAILS
    + tuple(f"{y} {t}" for y in _YES_WORDS for t in _CONFIRM_TAILS)
    + _YES_WORDS_ES
    + _CONFIRM_TAILS_ES
    + tuple(f"{y} {t}" for y in _YES_WORDS_ES for t in _CONFIRM_TAILS_ES)
)
_NO_WORDS = ("no", "nope", "nah")
_DECLINE = frozenset(
    _NO_WORDS
    + _DECLINE_TAILS
    + tuple(f"{n} {t}" for n in _NO_WORDS for t in _DECLINE_TAILS)
    + _DECLINE_TAILS_ES
    + tuple(f"no {t}" for t in _DECLINE_TAILS_ES)
)
# Answers that are no choice of the question, as the check says them back.
_VALUE_WORDS = {
    "en": {
        YES: "yes",
        NO: "no",
        # the readings of questions without choices (bot/reader.py), said in words rather than as codes
        "name_only": "a name, no licence number",
        "number": "a number given",
        "named": "named",
        "licence_claimed": "a licence claimed, no number",
        "licence_number": "a licence number given",
        "aviso_only": "only a notice (aviso)",
        "approved_claim": "said to be approved",
        "ind": "an FDA IND",
        "nct_only": "a ClinicalTrials.gov listing only",
        "fda_registered_only": "FDA registration only",
        "bank_certificate": "a cell bank's certificate",
        "conditions_only": "only a list of conditions",
        "document_shown": "a document shown",
        "ethics_only": "an ethics committee only",
        "facility_only": "a facility permit only",
        "hospital_exemption": "a hospital exemption",
        "plan_number": "a plan number given",
        "storage_only": "a storage permit only",
        "other": "other",
    },
    "es": {
        YES: "sí",
        NO: "no",
        UNKNOWN: "no sé",
        REFUSED: "no quisieron decir",
        SKIPPED: "saltada",
        NOT_ANSWERED: "sin respuesta",
        "name_only": "un nombre, sin cédula ni licencia",
        "number": "dieron un número",
        "named": "lo nombraron",
        "licence_claimed": "dicen tener licencia, sin número",
        "licence_number": "dieron un número de licencia",
        "aviso_only": "solo un aviso de funcionamiento",
        "approved_claim": "dicen que está aprobado",
        "ind": "un IND de la FDA",
        "nct_only": "solo un registro en ClinicalTrials.gov",
        "fda_registered_only": "solo un registro ante la FDA",
        "bank_certificate": "el certificado de un banco de células",
        "conditions_only": "solo una lista de padecimientos",
        "document_shown": "mostraron un documento",
        "ethics_only": "solo un comité de ética",
        "facility_only": "solo el permiso del establecimiento",
        "hospital_exemption": "una exención hospitalaria",
        "plan_number": "dieron un número de plan",
        "storage_only": "solo un permiso para guardar células",
        "other": "otro",
    },
}


def offers(result: PageCheck) -> dict[str, Offer]:
    """Question id -> the page's sentences that answer it and the catalogue's summary, for the slot."""
    out: dict[str, Offer] = {}
    for finding in result.findings:
        for question_id, said in finding.claim.prefill.items():
            if question_id not in BY_ID:
                continue
            offer = out.setdefault(question_id, {"quotes": [], "said": []})
            if said not in offer["said"]:
                offer["said"].append(said)
            quote = finding.quote.strip()
            if quote and quote not in offer["quotes"] and len(offer["quotes"]) < MAX_QUOTES:
                offer["quotes"].append(quote)
    return out


def dumps(data: Mapping[str, Offer]) -> str | None:
    return json.dumps(dict(data), ensure_ascii=False) if data else None


def loads(raw: Any) -> dict[str, Offer]:
    """The slot's value back as offers; anything malformed (the slot is just text) is ignored."""
    try:
        data = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    out: dict[str, Offer] = {}
    for question_id, offer in data.items():
        if question_id not in BY_ID:
            continue
        if isinstance(offer, list):  # the first shape of the slot: only the summary
            offer = {"quotes": [], "said": offer}
        if not isinstance(offer, dict):
            continue
        quotes = [str(q) for q in offer.get("quotes") or [] if isinstance(q, str)][:MAX_QUOTES]
        said = [str(s) for s in offer.get("said") or [] if isinstance(s, str)]
        if quotes or said:
            out[question_id] = {"quotes": quotes, "said": said}
    return out


def value_for(question: Question, offer: Offer, where: str | None) -> str | None:
    """What confirming the offer records: the page's own sentences read for the question when they say no
    more than the summary (a page naming only the spine is not "spine, eye or brain"), else the summary."""
    summary = read(question, "; ".join(offer.get("said") or []), where).value
    quoted = read(question, " ".join(offer.get("quotes") or []), where).value if offer.get("quotes") else None
    if quoted and summary and set(quoted.split(",")) <= set(summary.split(",")):
        return quoted
    return summary


def titles(question: Question, value: str, lang: str = "en") -> str:
    """A recorded value in words ("Donor umbilical cord, IV drip"; "Cordón umbilical de donante, sí")."""
    names = {o.code: o.title_for(lang) for o in question.options}
    names.update(pick(_VALUE_WORDS, lang))
    return ", ".join(names.get(code, code.replace("_", " ")) for code in value.split(","))


_OFFER = {
    "en": "{said}. For the next question ({label}) that would be: {titles}. Is that right for this clinic? Say "
    '"yes, that\'s right" to record it, or answer in your own words.',
    "es": "{said}. Para la siguiente pregunta ({label}) eso sería: {titles}. ¿Es correcto para esta clínica? Diga "
    "«sí, es correcto» para anotarlo, o conteste con sus propias palabras.",
}
_PAGE_SAYS = {"en": "The page you pasted says {quotes}", "es": "La página que pegó dice {quotes}"}
_PAGE_SUGGESTS = {"en": "The page you pasted suggests an answer", "es": "La página que pegó sugiere una respuesta"}
_CONFIRMED = {"en": "(confirmed from the clinic's page)", "es": "(confirmado con la página de la clínica)"}


def offer_text(question: Question, offer: Offer, where: str | None, lang: str = "en") -> str | None:
    """ "The page you pasted says …: is that right?", or None when the page's words give no answer here."""
    value = value_for(question, offer, where)
    if value is None:
        return None
    quotes = " ".join(f"“{q}”" for q in offer.get("quotes") or [])
    said = pick(_PAGE_SAYS, lang).format(quotes=quotes) if quotes else pick(_PAGE_SUGGESTS, lang)
    return pick(_OFFER, lang).format(said=said, label=question.label_for(lang), titles=titles(question, value, lang))


def stored_text(offer: Offer, lang: str = "en") -> str:
    """What the check stores as the patient's answer when they confirm the page's words."""
    quotes = " ".join(offer.get("quotes") or []) or "; ".join(offer.get("said") or [])
    return f"{pick(_CONFIRMED, lang)} {quotes}"[:300]


def reply_kind(text: str | None) -> str | None:
    """confirm ("yes, that's right", "sí, es correcto"), decline ("no, that's wrong", "no, está mal"), or None
    (an answer in the patient's words)."""
    words = " ".join(_WORD.findall(normalise(text)[:80]))
    if words in _CONFIRM:
        return CONFIRM
    if words in _DECLINE:
        return DECLINE
    return None
