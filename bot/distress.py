"""Distress said in passing, without thoughts of suicide: one kind line before the answer, in English or Spanish.

People write to StemSafe at hard moments ("I'm so scared, she's getting worse and this clinic is our last hope",
"estoy desesperada, ya no sé qué hacer"). An exploratory session (2026-12-01) found such messages answered with a
topic menu and nothing else, as if the fear had not been read. Here a message that says how the person feels
(scared, desperate, overwhelmed, "don't know what to do", "last hope"...) gets one line that acknowledges it before
the answer or the question back; the line is not said again while it is among the bot's latest messages.

Not here: thoughts of suicide or self-harm (bot.crisis: crisis lines, before anything else) and symptoms
(bot.urgent: urgent care first). Worry about a risk ("I'm worried about side effects", "me preocupa el rechazo") is a
question, not distress, and gets the answer alone. Read on bot.text.normalise'd text; plain alternations only.
Pure text rules: no Rasa.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.crisis import mentions_crisis
from bot.language import pick
from bot.text import normalise

_FEELINGS = re.compile(
    r"\b(?:"
    # English
    r"(?:so|really|very|just|terribly|absolutely|pretty) (?:scared|afraid|frightened|terrified|lost|worried|anxious"
    r"|overwhelmed|desperate|confused and scared)"
    r"|(?:i'?m|i am|we'?re|we are|feeling|feel) (?:scared|terrified|frightened|desperate|hopeless|overwhelmed"
    r"|devastated|heartbroken|panicking|at a loss|at my wits'? end|lost)"
    r"|i'?m (?:crying|in tears)|can'?t stop crying|worried sick|scared to death|don'?t know what (?:else )?to do"
    r"|(?:our|my|his|her|their) (?:last|only) hope|nothing else (?:has )?work(?:s|ed)|running out of (?:time|hope)"
    # Spanish (no accents: normalised)
    r"|(?:muy|bien|tan|super) (?:asustad[oa]s?|preocupad[oa]s?|angustiad[oa]s?|desesperad[oa]s?|perdid[oa]s?)"
    r"|(?:estoy|estamos|me siento|nos sentimos) (?:asustad[oa]s?|aterrad[oa]s?|desesperad[oa]s?|angustiad[oa]s?"
    r"|abrumad[oa]s?|agobiad[oa]s?|destrozad[oa]s?|devastad[oa]s?|perdid[oa]s?|sin esperanza)"
    r"|tengo (?:mucho )?miedo|no (?:se|sabemos) (?:que|ya que|que mas) hacer|ya no se que hacer"
    r"|(?:estoy|estamos) llorando|no dejo de llorar|(?:nuestra|mi|su) (?:ultima|unica) esperanza"
    r"|ya (?:probamos|intentamos) todo|nada (?:mas )?(?:le |me |nos )?ha funcionado"
    r")\b"
)

ACKNOWLEDGEMENT = {
    "en": "I'm sorry you're going through this. It is a lot to carry, and wanting clear answers makes sense.",
    "es": "Siento mucho que estén pasando por esto. Es mucho que cargar, y es normal querer respuestas claras.",
}


def acknowledgement(text: str | None, said_before: Sequence[str | None] = (), lang: str = "en") -> str | None:
    """The kind line for a message that tells of distress (see module doc), or None; None too when the line is
    among `said_before` (the bot's latest messages), so it is not repeated turn after turn."""
    said = normalise(text)
    if not said or said.startswith("/") or mentions_crisis(said) or not _FEELINGS.search(said):
        return None
    line = pick(ACKNOWLEDGEMENT, lang)
    if any(line in (before or "") for before in said_before):
        return None
    return line
