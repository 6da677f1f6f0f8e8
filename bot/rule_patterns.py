"""Reads the entity rulers' pattern files (``data/*_patterns.jsonl``) and hands spaCy the fast form of each.

The condition patterns write a choice of words as a regular expression, ``{"LOWER": {"REGEX":
"^((knee|knees|kneee))$"}}``: readable, and easy to extend for the people who edit them. spaCy's Matcher runs
every such expression on every token of every text, and with some 580 of them the condition ruler took 40% of
training time (spaCy over all training examples, 2026-11-30 profile) and most of a message's spaCy time. A
regular expression that only lists whole words (optionally one final letter made optional, as in ``issues?``)
means exactly "the token is one of these words", so it is handed to spaCy as ``{"IN": [...]}``: a set lookup,
same matches. Anything else (character classes, wildcards, groups inside words, flags) is left as it is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

# ^((w1|w2|...))$ or ^(w1|w2)$ where each word is plain text, with at most one "?" after its last letter.
_WORD = r"[^\s()|?*+.\[\]{}\\^$]+\??"
_CHOICE = re.compile(rf"\^\({{1,2}}(?P<words>{_WORD}(?:\|{_WORD})*)\){{1,2}}\$")


def word_set(regex: str) -> list[str] | None:
    """The words a whole-token regular expression accepts, or None when it is more than a list of words."""
    match = _CHOICE.fullmatch(regex)
    if not match or regex.count("(") != regex.count(")"):
        return None
    words: list[str] = []
    for word in match.group("words").split("|"):
        if word.endswith("?"):
            stem = word[:-1]
            words += [stem[:-1], stem] if len(stem) > 1 else [stem]
        else:
            words.append(word)
    return list(dict.fromkeys(words))


def fast_token(token: dict[str, Any]) -> dict[str, Any]:
    """One token pattern with each word-list regular expression turned into an IN list."""
    result: dict[str, Any] = {}
    for key, value in token.items():
        if isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
            words = word_set(value["REGEX"])
            if words is not None:
                value = {"IN": words}
        result[key] = value
    return result


def load(path: Path) -> list[dict[str, Any]]:
    """The patterns of a JSONL file, token patterns in their fast form (phrase patterns as they are)."""
    patterns: list[dict[str, Any]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        if isinstance(entry.get("pattern"), list):
            entry["pattern"] = [fast_token(token) for token in entry["pattern"]]
        patterns.append(entry)
    return patterns
