"""Which conditions a message names, as people name them: `conditions_in(text)` gives condition card keys.

The words are data (`data/condition_patterns.jsonl`: spaCy entity-ruler patterns, label CONDITION, `id` =
the card key of data/condition_cards.yml): lay terms and misspellings ("bad knees", "bone on bone",
"Lou Gehrig's", "parkinsons", "my son is on the spectrum") and Spanish ("rodilla", "esclerosis múltiple").
Patterns labelled NOT_CONDITION are longer phrases that contain a condition word without naming a condition
("MS Word", "heat stroke", "the ED"); the ruler keeps the longest match, so they win.
Two more rules need the whole text, not one span, and are read from the same file:
- a pattern whose id ends in ``#weak`` is a general word ("arthritis", "joint pain", "brain damage",
  "quadriplegic", "rejuvenating") that names its card only when the text names no other condition
  ("lupus causes joint pain" is about lupus; "cerebral palsy ... brain damage" about cerebral palsy);
- a NOT_CONDITION pattern whose id is ``context:<key>`` ("swimmers", "freestyle" for ``stroke``) drops that
  key from a text that has it anywhere.

The same file feeds the Rasa pipeline's ruler (bot.nlp_pipeline), so the `CONDITION` entity and this function
agree; this one runs without Rasa (actions, bot/, bench/) on `spacy.blank("en")` plus one ruler, built once
per process, with spaCy imported without TensorFlow (bot.spacy_light).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot import rule_patterns

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = ROOT / "data" / "condition_patterns.jsonl"
LABEL = "CONDITION"
NOT_LABEL = "NOT_CONDITION"
# Longer than any question we answer (bot/entry_limits: a page check is at most 5,000 characters).
MAX_CHARS = 6000


def build(patterns: Path = PATTERNS) -> Language:
    """A blank English pipeline whose only component is an entity ruler with the condition patterns."""
    from bot.spacy_light import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": True})
    ruler.add_patterns(rule_patterns.load(patterns))  # type: ignore[attr-defined]
    return nlp


@lru_cache(maxsize=1)
def _pipeline() -> Language:
    return build()


WEAK = "#weak"
CONTEXT = "context:"


def card_key(pattern_id: str) -> tuple[str, bool]:
    """A CONDITION pattern's card key, and whether it is a weak (general-word) pattern."""
    return pattern_id.removesuffix(WEAK), pattern_id.endswith(WEAK)


# "ALS, not MS", "ELA, no la esclerosis múltiple", "I don't have MS, I have ALS": a condition named right after a
# negation (articles and "have"/"tengo" skipped) is left out when the message names another condition.
_NEGATIONS = frozenset({"not", "no", "n't", "ni", "nor", "never", "nunca"})
_SKIPPED_BEFORE = frozenset(
    {"a", "an", "the", "la", "el", "los", "las", "have", "has", "tengo", "tiene", "with", "con"}
)


def _word_before(ent: object, skipped: frozenset[str]) -> str:
    """The lower-case word right before the entity, passing over the `skipped` ones ("" at the start)."""
    doc, i = ent.doc, ent.start - 1  # type: ignore[attr-defined]
    while i >= 0 and doc[i].lower_ in skipped:
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


def _negated(ent: object) -> bool:
    """Whether a negation word comes right before the entity (skipping articles and 'have')."""
    return _word_before(ent, _SKIPPED_BEFORE) in _NEGATIONS


# "me da miedo quedar paralítico", "will it leave me paralysed?": a condition named as a feared outcome of a treatment
# is not the one asked about (a harmed man was told about spinal cord injury trials, 2026-12-02). Not "quedó" (past:
# "quedó paralítico tras un accidente" is his condition).
_FEARED_BEFORE = frozenset({"quedar", "quedarme", "quedarse", "quede", "becoming", "become", "leave", "leaves"})
_FEARED_SKIPPED = frozenset(
    {"me", "him", "her", "us", "them", "permanently", "permanentemente", "totally", "totalmente"}
)


def _feared(ent: object) -> bool:
    """Whether the entity follows "quedar", "become" or "leave me" (skipping the person and an adverb)."""
    return _word_before(ent, _FEARED_SKIPPED) in _FEARED_BEFORE


def keys_in_doc(doc: object) -> list[str]:
    """Card keys of a spaCy doc's CONDITION entities, in order of mention, each once (weak, context and negation
    rules above)."""
    found: list[tuple[str, bool]] = []
    dropped: set[str] = set()
    negated: set[str] = set()
    for ent in sorted(getattr(doc, "ents", ()), key=lambda e: e.start):
        ent_id = ent.ent_id_
        if ent.label_ == NOT_LABEL and ent_id.startswith(CONTEXT):
            dropped.add(ent_id[len(CONTEXT) :])
        elif ent.label_ == LABEL and ent_id and _feared(ent):
            continue
        elif ent.label_ == LABEL and ent_id:
            found.append(card_key(ent_id))
            if _negated(ent):
                negated.add(card_key(ent_id)[0])
    if {key for key, _ in found} - negated - dropped:
        dropped |= negated
    strong = {key for key, weak in found if not weak}
    keys: list[str] = []
    for key, weak in found:
        if key in dropped or key in keys or (weak and strong - {key}):
            continue
        keys.append(key)
    return keys


def conditions_in(text: str | None) -> list[str]:
    """The condition card keys `text` names, in order of first mention (empty when it names none)."""
    if not text or not text.strip():
        return []
    return keys_in_doc(_pipeline()(text[:MAX_CHARS]))


# "If stem cells can cure type 1 diabetes, can they cure type 2?": the condition asked about is in the main clause,
# after the "if"/"since" clause's comma; the one before it is the premise.
_PREMISE = re.compile(r"^\W*(?:if|since|given that|assuming|even if|si|ya que|dado que)\b[^,;?]{0,200},", re.IGNORECASE)


def conditions_asked(text: str | None) -> list[str]:
    """Like ``conditions_in``, but a sentence that opens with a premise ("if ... type 1, can ... type 2?") puts
    the conditions of its main clause first."""
    found = conditions_in(text)
    premise = _PREMISE.match(text or "")
    if len(found) < 2 or not premise:
        return found
    in_premise = set(conditions_in(premise.group(0)))
    return [key for key in found if key not in in_premise] + [key for key in found if key in in_premise]


def first_condition(text: str | None) -> str | None:
    """The first condition `text` names, or None."""
    found = conditions_in(text)
    return found[0] if found else None


def known_keys(patterns: Path = PATTERNS) -> frozenset[str]:
    """Every card key the patterns can give."""
    import json

    keys = set()
    for line in patterns.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            if entry.get("label") == LABEL:
                keys.add(card_key(entry["id"])[0])
    return frozenset(keys)
