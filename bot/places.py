"""Which country a clinic is in (Mexico / US / elsewhere), from the place a patient types.

Case and accents never matter: "San José del Cabo", "CANCUN" and "cancún" are all Mexico.
"""

from __future__ import annotations

import re

from bot.text import normalise

MEXICO, US, OTHER = "mexico", "us", "other"

_MEXICO_WORDS = (
    "mexico", "mexican", "tijuana", "cancun", "guadalajara", "monterrey", "puerto vallarta", "vallarta",
    "los cabos", "cabo san lucas", "san jose del cabo", "cabo", "baja", "rosarito", "mexicali",
    "playa del carmen", "tulum", "riviera maya", "cdmx", "ciudad de mexico", "merida", "puebla", "queretaro",
    "ensenada", "nuevo laredo", "juarez", "quintana roo", "yucatan", "jalisco", "nuevo leon", "oaxaca",
    "chihuahua", "sonora", "hermosillo", "san miguel de allende", "cozumel", "mazatlan", "acapulco", "leon, gto",
)  # fmt: skip
_US_PLACES = (
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
    "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming", "miami", "los angeles",
    "san diego", "houston", "dallas", "austin", "phoenix", "scottsdale", "las vegas", "chicago", "atlanta",
    "denver", "seattle", "boston", "orlando", "tampa", "beverly hills", "united states", "usa", "u.s.a",
    "america", "the states",
)  # fmt: skip
_US_ABBREVIATION = re.compile(r"(,\s*|\b)(TX|FL|CA|AZ|NV|NY|GA|CO|IL|WA|NC|UT|NJ|OH|MI|PA)\b|\bU\.?S\.?\b(?!\w)")
_OTHER_WORDS = ("another country", "other country", "elsewhere", "abroad")


def _has(words: tuple[str, ...], text: str) -> bool:
    return any(re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text) for word in words)


def country_of(location: str) -> str | None:
    """mexico, us or other from a typed place; None when nothing in it names a place or country."""
    lowered = normalise(location)
    if "new mexico" not in lowered and _has(_MEXICO_WORDS, lowered):
        return MEXICO
    if _has(_US_PLACES, lowered) or _US_ABBREVIATION.search(location or ""):
        return US
    if _has(_OTHER_WORDS, lowered):
        return OTHER
    return None
