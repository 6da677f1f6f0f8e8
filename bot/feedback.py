"""Learning from conversations, the domain rules: consent, the feedback buttons, what an item is, how near
duplicates are grouped, editors' labels and the two exports. Pure logic: no Rasa, no database
(bot/feedback_store.py keeps the items; channels/feedback_turns.py and actions/feedback.py are the adapters).

Privacy rules (README, "Learning from conversations"):
- nothing is kept unless the person said yes to the one-line question in the greeting; "No thanks" (the
  default) keeps nothing, and saying it later deletes what was kept;
- a kept question is redacted first (bot.redact.redact_personal: e-mails, phones, addresses, names, places
  below a country), with its topic, confidence, feedback, language, channel kind and date; never the sender
  id. Rows carry `person_ref`, HMAC-SHA256 of the conversation id under a key derived from
  ``STEMSAFE_SESSION_KEY``, only so that "delete my data" can find them: phone numbers are few enough to
  guess, so a plain hash would not hide them; without the key nothing is kept;
- "delete my data" and retention delete the rows with everything else (bot.store.Store).
Nothing goes into training automatically: the exports are files for a person to review.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import yaml

from bot.language import pick
from bot.text import normalise

CONSENT_INTENT = "stemsafe_consent"
FEEDBACK_INTENT = "stemsafe_feedback"
KEY_ENV = "STEMSAFE_SESSION_KEY"

ANSWER, ASK_BACK, FALLBACK, REFUSED = "answer", "ask_back", "fallback", "refused"
KINDS = (ANSWER, ASK_BACK, FALLBACK, REFUSED)
CARD_PREFIX = "card:"  # an item answered with a condition card has the topic "card:<card key>"
YES, NO = "yes", "no"
WANTED_MINUTES = 10  # after "No", the next message within this time is kept as "what I wanted to know"

# Editors' labels (the item's answer was on the right topic; another existing topic; a topic we do not have;
# out of StemSafe's scope; the person described something urgent).
RIGHT_TOPIC, OTHER_TOPIC, NEW_TOPIC, OUT_OF_SCOPE, URGENT = (
    "right_topic",
    "other_topic",
    "new_topic",
    "out_of_scope",
    "urgent",
)
LABELS = (RIGHT_TOPIC, OTHER_TOPIC, NEW_TOPIC, OUT_OF_SCOPE, URGENT)
LABEL_TITLES = {
    RIGHT_TOPIC: "Right topic",
    OTHER_TOPIC: "Another topic",
    NEW_TOPIC: "New topic needed",
    OUT_OF_SCOPE: "Out of scope",
    URGENT: "Urgent",
}

# What the person sees, in English and Spanish (read with `text(name, lang)`); the payloads are the same in
# both languages, so a click never changes the conversation's language.
TEXTS: dict[str, dict[str, str]] = {
    "consent_yes": {
        "en": "Thank you. I'll keep your questions without names or contact details, to improve StemSafe. "
        'Say "delete my data" at any time to remove them.',
        "es": "Gracias. Guardaré sus preguntas sin nombres ni datos de contacto, para mejorar StemSafe. "
        'Puede decir "borrar mis datos" en cualquier momento para eliminarlas.',
    },
    "consent_no": {
        "en": "No problem: I won't keep your questions. You can still ask me anything.",
        "es": "Está bien: no guardaré sus preguntas. Puede seguir preguntándome lo que quiera.",
    },
    "helped": {"en": "Thank you, that helps us.", "es": "Gracias, eso nos ayuda."},
    "not_helped": {
        "en": "Sorry it missed. In a few words, tell us what you wanted to know, and I'll try again.",
        "es": "Perdón, no era eso. Díganos en pocas palabras qué quería saber y lo intento otra vez.",
    },
    "not_helped_topics": {
        "en": "Sorry it missed. In a few words, tell us what you wanted to know, and I'll try again. "
        "Or choose one of these topics:",
        "es": "Perdón, no era eso. Díganos en pocas palabras qué quería saber y lo intento otra vez. "
        "O elija uno de estos temas:",
    },
    "gone": {
        "en": "Thank you. (That answer's feedback can no longer be saved.)",
        "es": "Gracias. (Ya no se puede guardar su opinión sobre esa respuesta.)",
    },
    "yes_title": {"en": "Yes, this answered my question", "es": "Sí, me sirvió"},
    "no_title": {"en": "No, it did not", "es": "No me sirvió"},
}


def text(name: str, lang: str | None = "en") -> str:
    """One of TEXTS in `lang` (English when there is no such language)."""
    return pick(TEXTS[name], lang)


CONSENT_YES_TEXT = text("consent_yes")
CONSENT_NO_TEXT = text("consent_no")
HELPED_TEXT = text("helped")
NOT_HELPED_TEXT = text("not_helped")
NOT_HELPED_TOPICS_TEXT = text("not_helped_topics")
GONE_TEXT = text("gone")
YES_TITLE, NO_TITLE = text("yes_title"), text("no_title")

_PAYLOAD = re.compile(r"^/(stemsafe_consent|stemsafe_feedback)\s*(\{.{0,200}\})\s*$", re.S)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,43}$")
TOKEN_BYTES = 12  # 96 random bits (16 characters): unguessable, and also checked against the conversation
MAX_PAYLOAD = 64  # Telegram's limit on a button's callback data


@dataclass(frozen=True)
class Consent:
    keep: bool
    lang: str | None = None  # the greeting's language, carried by its buttons (a REST client may send no locale)


@dataclass(frozen=True)
class Feedback:
    item: str  # the item's token (in the button payload)
    helpful: bool


def consent_payload(keep: bool, lang: str | None = None) -> str:
    """The greeting's consent button payload; the Spanish greeting's carry ``"lang": "es"`` (its reply's language)."""
    said = f', "lang": "{lang}"' if lang else ""
    return f'/{CONSENT_INTENT}{{"keep": "{YES if keep else NO}"{said}}}'


def feedback_payload(item: str, helpful: bool) -> str:
    """Compact: a Telegram button's callback data holds at most 64 bytes (`MAX_PAYLOAD`)."""
    return f'/{FEEDBACK_INTENT}{{"item":"{item}","helpful":"{YES if helpful else NO}"}}'


def feedback_buttons(item: str, lang: str = "en") -> list[dict[str, str]]:
    """The two buttons under an answer ("Did this answer your question?", "¿Le sirvió?"), titled in `lang`;
    numbered on text channels. The payloads do not depend on the language."""
    return [
        {"title": text("yes_title", lang), "payload": feedback_payload(item, True)},
        {"title": text("no_title", lang), "payload": feedback_payload(item, False)},
    ]


def parse(text: str | None) -> Consent | Feedback | None:
    """The consent or feedback a button payload carries; None for anything else (including malformed ones)."""
    match = _PAYLOAD.match((text or "").strip())
    if not match:
        return None
    try:
        given = json.loads(match.group(2))
    except ValueError:
        return None
    if not isinstance(given, dict):
        return None
    if match.group(1) == CONSENT_INTENT:
        keep, lang = given.get("keep"), given.get("lang")
        return Consent(keep == YES, lang if lang in ("en", "es") else None) if keep in (YES, NO) else None
    item, helpful = given.get("item"), given.get("helpful")
    if isinstance(item, str) and _TOKEN.match(item) and helpful in (YES, NO):
        return Feedback(item, helpful == YES)
    return None


# Typed instead of pressed: the greeting's question answered in words that name keeping the questions ("no thanks,
# dont keep my questions", "sí, guarde mis preguntas"). A bare "no" or "sí" is left to the dialogue: without the
# greeting just before it, it answers something else.
_TYPED_NO = re.compile(
    r"\b(?:(?:don'?t|do not|dont|no|never) (?:keep|save|store)|(?:don'?t|do not|dont) want (?:you |u )?(?:to )?"
    r"(?:keep|sav|stor)\w*|no to (?:keep|sav|stor)\w*|no (?:guarde|guardes|guarden|me guarde)|"
    r"(?:no quiero|no acepto) que (?:guarde|guardes|se guarden))\b",
    re.I,
)
_TYPED_YES = re.compile(
    r"^\W{0,3}(?:yes|yeah|sure|ok|okay|si|sí|claro|va)\b[^.?!]{0,20}\b(?:keep|save|guarde|guardes|guarden)\b", re.I
)
_ABOUT_QUESTIONS = re.compile(
    r"\b(?:questions?|stuff|anything|data|messages?|this|preguntas?|datos|mensajes|nada)\b", re.I
)
# ... and whose: "my questions", "what I say" (not "they don't keep data on the donors", an answer in a check)
_MINE = re.compile(r"\b(?:my|mine|me|what i|u|you|mis|mi|lo que)\b", re.I)
_TYPED_LANG = re.compile(r"\b(?:guard\w*|preguntas?|quiero|acepto|gracias|nada)\b", re.I)


def typed_consent(text: str | None) -> Consent | None:
    """The greeting's consent question answered in words ("no thanks, dont keep my questions"), or None."""
    said = (text or "").strip()
    if not said or len(said) > 120 or not (_ABOUT_QUESTIONS.search(said) and _MINE.search(said)):
        return None
    lang = "es" if _TYPED_LANG.search(said) else "en"
    if _TYPED_NO.search(said):
        return Consent(False, lang)
    if _TYPED_YES.search(said):
        return Consent(True, lang)
    return None


def looks_like_ours(text: str | None) -> bool:
    """A consent or feedback payload, well formed or not (never passed on to the dialogue)."""
    stripped = (text or "").lstrip()
    return stripped.startswith((f"/{CONSENT_INTENT}", f"/{FEEDBACK_INTENT}"))


# --- who ---------------------------------------------------------------------------------------------
def person_ref(sender_id: str, key: str | bytes | None = None) -> str | None:
    """The keyed one-way reference kept on a person's rows (None: no key configured, so nothing is kept)."""
    key = key if key is not None else os.environ.get(KEY_ENV, "")
    if not key or not sender_id:
        return None
    raw = key.encode() if isinstance(key, str) else key
    return hmac.new(raw, b"stemsafe-feedback-ref:" + sender_id.encode(), hashlib.sha256).hexdigest()


def channel_kind(sender_id: str) -> str:
    """The channel part of a channel-bound id (channels/identity.py): rest, socketio, twilio, telegram, ..."""
    kind = sender_id.split(":", 1)[0] if ":" in sender_id else "unknown"
    return kind if re.fullmatch(r"[a-z]{2,16}", kind) else "unknown"


# --- near duplicates ---------------------------------------------------------------------------------
_STOP = frozenset(
    """a an the and or but if of to in on at for from by with about as into is are was were be been being am do
    does did doing have has had having i me my we our you your he she it its they them their this that these
    those there here what which who whom whose when where why how can could would should will shall may might
    must not no yes so very just any some all also too than then please thanks thank hi hello dear really
    get got go going know tell ask asked want wanted like im ive dont doesnt isnt whats thats one""".split()
)
_MARK = re.compile(r"\[(?:email|phone|name|place|address) removed\]")


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "s", "ing", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_words(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", normalise(_MARK.sub(" ", text)).replace("'", ""))
    return sorted({_stem(w) for w in words if w not in _STOP and len(w) > 1})


def group_key(text: str) -> str:
    """Near-duplicate questions share a key: the same content words, whatever the order, case, accents, plurals,
    punctuation, filler words or removed personal details ("Is it FDA approved?" ~ "is it approved by the FDA")."""
    words = content_words(text)
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:24]


# --- labels and exports ------------------------------------------------------------------------------
def label_problem(label: str, value: str | None, known_topics: Iterable[str]) -> str | None:
    """Why a label cannot be saved (None: it can)."""
    if label not in LABELS:
        return "unknown label"
    if label == OTHER_TOPIC and value not in set(known_topics):
        return "choose one of StemSafe's topics"
    if label == NEW_TOPIC and not (value and re.fullmatch(r"[a-z][a-z0-9_]{1,40}", value)):
        return "name the new topic in lower case letters, digits and _ (e.g. evidence_eye_disease)"
    return None


def real_question_label(label: str, value: str | None, topic: str | None) -> str | None:
    """The label in the real-question sets' terms (bench/real_questions.py label_problem), or None."""
    if label == RIGHT_TOPIC:
        return None if topic is None or topic.startswith(CARD_PREFIX) else topic  # cards are not set labels
    if label == OTHER_TOPIC:
        return value
    if label == NEW_TOPIC:
        return f"new:{value}"
    if label == OUT_OF_SCOPE:
        return "out_of_scope"
    if label == URGENT:
        return "urgent"
    return None


@dataclass(frozen=True)
class Labelled:
    """One labelled item as the exports see it."""

    token: str
    text: str
    channel: str
    language: str
    created_at: datetime
    label: str  # real-question label: a topic, new:<name>, out_of_scope, urgent


class _Literal(str):
    pass


def _dumper() -> type[yaml.SafeDumper]:
    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(_Literal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|"))
    return Dumper


def export_real_questions(items: Sequence[Labelled]) -> str:
    """The labelled items as a real-question set (tests/real_questions/*.yml; bench.real_questions.load_file)."""
    header = (
        "# Questions people asked StemSafe (kept with their consent, personal details removed), labelled by\n"
        "# an editor on the review page. A real-question set: NEVER train on these (see tests/real_questions/).\n"
    )
    questions = [
        {
            "id": f"fb-{item.language}-{item.token[:12]}",
            "text": item.text,
            "source": f"StemSafe conversation ({item.channel}, {item.created_at:%Y-%m-%d}), redacted",
            "label": item.label,
        }
        for item in items
    ]
    return header + yaml.dump(
        {"questions": questions}, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=110
    )


def export_candidates(items: Sequence[Labelled]) -> str:
    """Candidate training examples for a developer to review and rewrite in our own words: NOT Rasa data.

    Only items labelled with an existing topic; grouped by topic. Nothing reads this file automatically."""
    by_topic: dict[str, list[str]] = {}
    for item in items:
        if item.label.startswith("new:") or item.label in ("out_of_scope", "urgent"):
            continue
        by_topic.setdefault(item.label, []).append(item.text)
    header = (
        "# CANDIDATE training examples from the review queue, for a developer to review. NOT training data:\n"
        "# nothing loads this file. Write examples in our own words from these; never copy a question that is\n"
        "# also in tests/real_questions/ (tests/unit/test_real_questions.py fails on that).\n"
    )
    body = [{"topic": topic, "asked_as": texts} for topic, texts in sorted(by_topic.items())]
    return header + yaml.dump({"candidates": body}, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=110)
