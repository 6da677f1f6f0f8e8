"""What is approved for the condition a clinic would treat: the report's "approved for your condition" line.

Reads the small dated file data/approved_products.yml (what is approved, for what, where, checked when).
A condition is recognised from the patient's own words (case and accents ignored); the report then says
plainly whether any product is approved for it, where, and that most clinic treatments for it are unproven.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.text import normalise

PATH = Path(__file__).resolve().parent.parent / "data" / "approved_products.yml"
OTHER_CONDITION = "other"


@dataclass(frozen=True)
class Condition:
    key: str
    name: str
    words: tuple[str, ...]
    approved: tuple[dict[str, str], ...]
    status: str
    standard_care: str | None = None


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def conditions() -> dict[str, Condition]:
    return {
        key: Condition(
            key=key,
            name=entry["name"],
            words=tuple(normalise(w) for w in entry["words"]),
            approved=tuple(entry.get("approved") or ()),
            status=entry["status"],
            standard_care=entry.get("standard_care"),
        )
        for key, entry in _data()["conditions"].items()
    }


def checked() -> str:
    return str(_data()["checked"])


def condition_of(text: str) -> str | None:
    """The key of the condition named in `text` (the earliest named wins), or None."""
    lowered = normalise(text)
    best: tuple[int, str] | None = None
    for condition in conditions().values():
        for word in condition.words:
            match = re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", lowered)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), condition.key)
    return best[1] if best else None


def conditions_named(text: str) -> set[str]:
    """Every condition named in `text` ("MS, autism, Parkinson's and diabetes": four)."""
    lowered = normalise(text)
    return {
        condition.key
        for condition in conditions().values()
        if any(re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", lowered) for word in condition.words)
    }


def approval_lines(key: str | None, country: str | None = None) -> list[str]:
    """What the report says about approval for this condition: always something, never 'safe'."""
    condition = conditions().get(key or "")
    unproven = "Most stem cell treatments that clinics sell for it are unproven."
    if condition is None:
        return [
            "I have no entry for this condition. Ask the specialist who treats it (not the clinic) whether any "
            "cell therapy is approved or standard for it; most clinic stem cell treatments are unproven.",
            f"(Approved-products list checked {checked()}; sources: {_data()['sources']}.)",
        ]
    lines = []
    if condition.approved:
        approved = "; ".join(f"{p['product']} ({p['where']}, for {p['for']}, {p['since']})" for p in condition.approved)
        lines.append(
            f"Approved for {condition.name}: {approved}. Approval covers only that product, use and country; "
            "most stem cell treatments that clinics sell are unproven."
        )
    else:
        lines.append(f"No stem cell product is approved for {condition.name}; {unproven[0].lower()}{unproven[1:]}")
    if condition.standard_care:
        lines.append(condition.standard_care)
    lines.append(condition.status)
    if country == "mexico":
        lines.append(_data()["mexico_note"])
    lines.append(f"(Checked {checked()}; sources: {_data()['sources']}.)")
    return lines
