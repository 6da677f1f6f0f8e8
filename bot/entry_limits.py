"""Entry limits: how much of a message StemSafe accepts on each channel, and how much of it any model reads.

Every limit lives here; ``channels/entry_gate.py`` applies them at every channel before Rasa's NLU.

- A message is answered, not refused, up to the page-check limit (5,000 characters) or the platform's own
  cap (SMS 1,600; WhatsApp and Telegram 4,096). Above it the user gets a polite refusal (`refusal`),
  decided on the length alone, without reading the text.
- The models read a bounded window of a long message (`model_text`): its question sentences first, then
  the others in order, up to `WINDOW_CHARS` characters and `WINDOW_TOKENS` tokens, with endless words
  cut, runs of one symbol or emoji shortened, long runs without spaces broken up and piles of combining
  marks trimmed. The NLU's cost grows faster than linearly with the number of
  tokens (one 40,000-character message once made the server grow to 24 GB); the window bounds it.
- Control characters (NUL and the other C0/C1 controls except newline and tab) and unpaired surrogates
  are removed first (`clean`): PostgreSQL cannot store a NUL, and no user means them.
- Client metadata is kept only while it is small and shallow (`bound_metadata`); on the channels where
  the client itself writes it (the widget's ``customData``), only the keys StemSafe reads
  (`CLIENT_METADATA_KEYS`) are kept, as plain values, with contact details redacted like text.
- The HTTP body limit of each channel (`BODY_LIMITS`) fits its longest accepted message in the worst
  encoding (12 bytes per character: a JSON-escaped surrogate pair, or percent-encoded UTF-8) plus the
  platform's envelope.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

PAGE_CHECK_LIMIT = 5000  # the longest message answered (a pasted clinic page is checked up to this)
SMS_LIMIT = 1600  # Twilio concatenates SMS up to 1,600 characters
WHATSAPP_LIMIT = 4096
TELEGRAM_LIMIT = 4096
TEXT_LIMITS: dict[str, int] = {
    "rest": PAGE_CHECK_LIMIT,
    "socketio": PAGE_CHECK_LIMIT,
    "telegram": TELEGRAM_LIMIT,
    "slack": PAGE_CHECK_LIMIT,  # Slack itself allows 40,000
    "facebook": PAGE_CHECK_LIMIT,
    "twilio": SMS_LIMIT,  # WhatsApp senders ("whatsapp:+1...") get WHATSAPP_LIMIT
}

WINDOW_CHARS = 1000  # what the models read of a message, at most
WINDOW_TOKENS = 200  # words and symbols (each emoji or punctuation mark counts as one)
MAX_WORD = 40  # longer runs of letters and digits are cut (nobody's word is longer; URLs lose their tail)
MAX_COMBINING = 2  # combining marks kept after one base character (Vietnamese needs two)
MAX_REPEAT = 3  # a symbol or emoji repeated more often is kept three times
MAX_CHUNK = 64  # a longer run without spaces is broken up (spaCy's tokenizer is quadratic on such runs)

BYTES_PER_CHAR = 12  # worst case: "\ud83d\ude00" in JSON, or 4 UTF-8 bytes percent-encoded
ENVELOPE = 4096  # the platform's JSON or form fields around the text
BODY_LIMITS: dict[str, int] = {
    "rest": PAGE_CHECK_LIMIT * BYTES_PER_CHAR + ENVELOPE,
    "socketio": PAGE_CHECK_LIMIT * BYTES_PER_CHAR + ENVELOPE,
    "telegram": TELEGRAM_LIMIT * BYTES_PER_CHAR + ENVELOPE,
    "slack": 2 * PAGE_CHECK_LIMIT * BYTES_PER_CHAR + ENVELOPE,  # the text comes twice: "text" and "blocks"
    "facebook": PAGE_CHECK_LIMIT * BYTES_PER_CHAR + ENVELOPE,
    "twilio": WHATSAPP_LIMIT * BYTES_PER_CHAR + ENVELOPE,
}
SERVER_BODY_LIMIT = max(BODY_LIMITS.values())  # the Rasa server's own limit (Sanic REQUEST_MAX_SIZE)

METADATA_MAX_DEPTH = 5
METADATA_MAX_ITEMS = 100  # keys, list items and values together
METADATA_MAX_CHARS = 2000  # all keys and string values together
ENTRY_KEY = "entry"  # metadata key under which the gate passes the full text of a windowed message
CLIENT_METADATA_KEYS: dict[str, frozenset[str]] = {  # channels whose metadata the client writes: keys kept
    "socketio": frozenset({"language"}),
    "rest": frozenset({"language"}),
}
CLIENT_METADATA_CHARS = 100  # each kept value, at most

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LONG_WORD = re.compile(rf"\w{{{MAX_WORD + 1},}}")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_SYMBOL_RUN = re.compile(rf"([^\w\s])\1{{{MAX_REPEAT},}}")  # "!!!!!!", "💉💉💉💉💉"
_CHUNK = re.compile(rf"\S{{{MAX_CHUNK + 1},}}")
# the combining-mark blocks (Latin, Cyrillic, Hebrew, Arabic, extended, for symbols, half marks)
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_COMBINING_PILE = re.compile(f"([{_MARKS}]{{{MAX_COMBINING}}})[{_MARKS}]+")
_SENTENCE = re.compile(r"[^.!?\n]*[.!?\n]+|[^.!?\n]+")


def text_limit(channel: str, sender_id: str | None = None) -> int:
    """The longest message answered on `channel` (for Twilio, by the sender: SMS or WhatsApp)."""
    if channel == "twilio" and (sender_id or "").startswith("whatsapp:"):
        return WHATSAPP_LIMIT
    return TEXT_LIMITS.get(channel, PAGE_CHECK_LIMIT)


def body_limit(channel: str) -> int:
    return BODY_LIMITS.get(channel, BODY_LIMITS["rest"])


def refusal(length: int | None, limit: int) -> str:
    """The kind reply to a message longer than `limit` characters; nothing of the message is read."""
    size = f"Your message is {length:,} characters long, more" if length else "Your message is more"
    return (
        f"{size} than I can read here (up to {limit:,} characters). "
        "Could you send just your question, in a sentence or two? Anything you already told me is kept."
    )


def clean(text: str | None) -> str:
    """The text without control characters (newline and tab stay; a carriage return becomes a newline)."""
    if not text:
        return ""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _trim_combining(text: str) -> str:
    return _COMBINING_PILE.sub(r"\1", text)


def _pieces(run: str, size: int) -> list[str]:
    return [run[i : i + size] for i in range(0, len(run), size)]


def _tokens(text: str, stop: int | None = None) -> int:
    """Tokens in `text`, counted up to `stop` at most."""
    return sum(1 for _ in islice(_TOKEN.finditer(text), stop))


def _cut_tokens(text: str, budget: int) -> str:
    if budget <= 0:
        return ""
    for count, match in enumerate(_TOKEN.finditer(text), start=1):
        if count == budget:
            return text[: match.end()]
    return text


def model_text(text: str) -> str:
    """The bounded window of a (clean) message that the models read; short messages come back unchanged.

    Question sentences come first, then the other sentences in their order, as long as they fit
    `WINDOW_CHARS` and `WINDOW_TOKENS`; the sentences kept are joined in the message's own order.
    """
    text = _LONG_WORD.sub(lambda m: m.group()[:MAX_WORD], _trim_combining(text))
    text = _SYMBOL_RUN.sub(lambda m: m.group(1) * MAX_REPEAT, text)
    text = _CHUNK.sub(lambda m: " ".join(_pieces(m.group(), MAX_CHUNK)), text)
    if len(text) <= WINDOW_CHARS and _tokens(text, WINDOW_TOKENS + 1) <= WINDOW_TOKENS:
        return text
    sentences = [m.group() for m in _SENTENCE.finditer(text) if m.group().strip()]
    order = sorted(range(len(sentences)), key=lambda i: "?" not in sentences[i])  # stable: questions first
    chosen: dict[int, str] = {}
    chars, tokens = 0, 0
    for i in order:
        sentence = sentences[i].strip()
        room_chars, room_tokens = WINDOW_CHARS - chars, WINDOW_TOKENS - tokens
        if room_chars <= 1 or room_tokens <= 0:
            break
        count = _tokens(sentence, room_tokens + 1)
        if len(sentence) + 1 > room_chars or count > room_tokens:
            sentence = _cut_tokens(sentence[: room_chars - 1], room_tokens)
            count = _tokens(sentence)
        if sentence:
            chosen[i] = sentence
            chars += len(sentence) + 1
            tokens += count
    return " ".join(chosen[i] for i in sorted(chosen))


def client_metadata(metadata: Mapping, channel: str) -> tuple[dict, bool]:
    """The keys of `CLIENT_METADATA_KEYS` for `channel`, each a short plain value, contact details redacted."""
    from bot.redact import redact

    allowed = CLIENT_METADATA_KEYS[channel]
    kept = {
        key: redact(value[:CLIENT_METADATA_CHARS]) if isinstance(value, str) else value
        for key, value in metadata.items()
        if key in allowed and (value is None or isinstance(value, (str, bool, int, float)))
    }
    return kept, len(kept) != len(metadata)


def bound_metadata(metadata: Any, channel: str | None = None) -> tuple[dict, bool]:
    """`metadata` if it is a small, shallow mapping, else an empty one; and whether anything was dropped.

    Walks the structure without recursion, so even a maliciously deep one costs only its size. On a
    channel whose client writes the metadata, only the allowed keys are kept (`client_metadata`).
    """
    if metadata is None:
        return {}, False
    if not isinstance(metadata, Mapping):
        return {}, True
    items, chars = 0, 0
    pending: list[tuple[Any, int]] = [(metadata, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > METADATA_MAX_DEPTH:
            return {}, True
        if isinstance(value, Mapping):
            for key, inner in value.items():
                items += 1
                chars += len(str(key))
                pending.append((inner, depth + 1))
        elif isinstance(value, (list, tuple)):
            items += len(value)
            pending.extend((inner, depth + 1) for inner in value)
        elif isinstance(value, str):
            chars += len(value)
        elif not (value is None or isinstance(value, (bool, int, float))):
            return {}, True
        if items > METADATA_MAX_ITEMS or chars > METADATA_MAX_CHARS:
            return {}, True
    if channel in CLIENT_METADATA_KEYS:
        return client_metadata(metadata, channel)
    return dict(metadata), False


@dataclass(frozen=True)
class Admission:
    """What the gate lets through: the text the models read, the full (clean) text, or a refusal."""

    model_text: str
    full_text: str
    refusal: str | None = None

    @property
    def windowed(self) -> bool:
        return self.model_text != self.full_text


def admit(text: str | None, channel: str, sender_id: str | None = None) -> Admission:
    """Decide what of `text` reaches the models on `channel`; refuse it when it is over the limit."""
    text = text if isinstance(text, str) else ""
    limit = text_limit(channel, sender_id)
    if len(text) > limit:
        return Admission("", "", refusal(len(text), limit))
    full = clean(text)
    if full.startswith("/") and len(full) <= WINDOW_CHARS and _tokens(full, WINDOW_TOKENS + 1) <= WINDOW_TOKENS:
        return Admission(full, full)  # a button payload or forced intent: never cut
    return Admission(model_text(full), full)
