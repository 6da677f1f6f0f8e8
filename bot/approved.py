"""Approved cell-based products as data: what is approved, for what, where and since when.

Reads the dated list ``data/approved_products.yml`` (FDA's licensed cellular and gene therapy products and
other regulators' approvals, each keyed to condition card keys and naming its entry in ``docs/sources.md``).
Condition card answers, the clinic-check report and the "approved for this condition" flag read it through
the functions here, so they never disagree. "Approved" always means this product, this use, this country.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.language import normalise, pick

PATH = Path(__file__).resolve().parent.parent / "data" / "approved_products.yml"
APPROVALS = ("full", "conditional", "accelerated", "withdrawn")
WHERE = ("US", "EU", "UK", "Japan")
GENERIC_HARMS = (
    "FDA has reports of blindness, tumours and infections after unapproved stem cell products, and any "
    "injection or drip can cause infection."
)
GENERIC_HARMS_SOURCE = "FDA consumer page 2021"
COVERS_ONLY = "An approval covers only that product, that use and that country; it never covers a clinic's own cells."
CONDITIONAL = "A conditional approval comes before the benefit is fully shown, and it lasts for a set time."
CONDITIONAL_SOURCE = "Japan conditional approvals"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_ES = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
# The same sentences in plain Mexican Spanish (usted), with the same facts.
GENERIC_HARMS_ES = (
    "La FDA tiene reportes de ceguera, tumores e infecciones después de productos de células madre no aprobados, "
    "y cualquier inyección o suero puede causar una infección."
)
COVERS_ONLY_ES = (
    "Una aprobación cubre solo ese producto, ese uso y ese país; nunca cubre las células propias que use una clínica."
)
CONDITIONAL_ES = (
    "Una aprobación condicional se da antes de que el beneficio esté del todo demostrado, y dura un tiempo fijo."
)
_PLACES_ES = {"US": "EE. UU.", "EU": "UE", "UK": "Reino Unido", "Japan": "Japón"}
_WORDS = {
    "en": {
        "none": "No stem cell product is approved for {name} on StemSafe's list of approvals (checked {checked}).",
        "some": "Approved stem cell products for {name}: {named} (in {places} only).",
        "and": " and ",
        "stem_heading": "Approved stem cell products for {name}:",
        "other_heading": "Approved, but not stem cells:",
        "withdrawn": "Withdrawn: {product} ({where}, approved {since}, withdrawn {ended}).",
        "group": "- {count} {group} ({where}, {first} to {last}): {use}.",
        "item": "- {product} ({where}, since {since}{kind}): {use}.",
        "conditional": ", conditional",
        "accelerated": ", accelerated",
        "covers_only": COVERS_ONLY,
        "conditional_note": CONDITIONAL,
    },
    "es": {
        "none": "En la lista de aprobaciones de StemSafe no hay ningún producto de células madre aprobado para "
        "{name} (revisada el {checked}).",
        "some": "Productos de células madre aprobados para {name}: {named} (solo en {places}).",
        "and": " y ",
        "stem_heading": "Productos de células madre aprobados para {name}:",
        "other_heading": "Aprobados, pero no son células madre:",
        "withdrawn": "Retirado: {product} ({where}, aprobado en {since}, retirado en {ended}).",
        "group": "- {count} {group} ({where}, de {first} a {last}): {use}.",
        "item": "- {product} ({where}, desde {since}{kind}): {use}.",
        "conditional": ", condicional",
        "accelerated": ", acelerada",
        "covers_only": COVERS_ONLY_ES,
        "conditional_note": CONDITIONAL_ES,
    },
}


@dataclass(frozen=True)
class Product:
    """One approved (or withdrawn) product: what it is, for what, where, since when, and its source."""

    product: str
    maker: str
    cells: str
    stem_cell: bool
    use: str
    where: str
    since: str
    approval: str
    cards: tuple[str, ...]
    source: str
    group: str | None = None
    ended: str | None = None
    use_es: str | None = None  # `use` in Spanish
    group_es: str | None = None  # `group` in Spanish

    def use_in(self, lang: str = "en") -> str:
        return (self.use_es if normalise(lang) == "es" else None) or self.use

    def group_in(self, lang: str = "en") -> str | None:
        return (self.group_es if normalise(lang) == "es" else None) or self.group

    @property
    def current(self) -> bool:
        return self.approval != "withdrawn"


def _product(entry: dict) -> Product:
    spanish = entry.get("es") or {}
    item = Product(
        product=str(entry["product"]),
        maker=str(entry["maker"]),
        cells=str(entry["cells"]),
        stem_cell=bool(entry["stem_cell"]),
        use=str(entry["for"]),
        where=str(entry["where"]),
        since=str(entry["since"]),
        approval=str(entry["approval"]),
        cards=tuple(entry.get("cards") or ()),
        source=str(entry["source"]),
        group=entry.get("group"),
        ended=str(entry["ended"]) if entry.get("ended") else None,
        use_es=str(spanish["for"]) if spanish.get("for") else None,
        group_es=str(spanish["group"]) if spanish.get("group") else None,
    )
    if item.approval not in APPROVALS or item.where not in WHERE:
        raise ValueError(f"{item.product}: approval {item.approval!r} or place {item.where!r} is not known")
    return item


@lru_cache(maxsize=4)
def load(path: Path = PATH) -> dict:
    """The whole file: ``checked`` (date), ``fda_list`` (URL) and ``products`` (as Product)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {**data, "products": tuple(_product(entry) for entry in data["products"])}


def products() -> tuple[Product, ...]:
    return load()["products"]


def checked() -> str:
    return str(load()["checked"])


def products_for(key: str) -> list[Product]:
    """Every listed product keyed to this condition card, withdrawn ones included."""
    return [p for p in products() if key in p.cards]


def approved_in(key: str, where: str) -> bool:
    """Whether a stem-cell-based product is approved (now) for this condition in this place."""
    return any(p.current and p.stem_cell and p.where == where for p in products_for(key))


def sources_for(key: str) -> tuple[str, ...]:
    """The sources of the products listed for this condition (and of what a conditional approval means)."""
    listed = products_for(key)
    conditional = (CONDITIONAL_SOURCE,) if any(_japan_conditional(p) for p in listed) else ()
    return tuple(dict.fromkeys([*(p.source for p in listed), *conditional]))


def _japan_conditional(p: Product) -> bool:
    """A current conditional approval in Japan, the kind CONDITIONAL explains (its source is about Japan's)."""
    return p.current and p.approval == "conditional" and p.where == "Japan"


def when(date: str, lang: str = "en") -> str:
    """'2024-12-18' -> 'Dec 2024' ('dic 2024' in Spanish); '2013' stays '2013'."""
    parts = date.split("-")
    months = _MONTHS_ES if normalise(lang) == "es" else _MONTHS
    return f"{months[int(parts[1]) - 1]} {parts[0]}" if len(parts) >= 2 else parts[0]


def _place(where: str, lang: str) -> str:
    return _PLACES_ES.get(where, where) if normalise(lang) == "es" else where


def _kind(p: Product, lang: str = "en") -> str:
    return pick(_WORDS, lang).get(p.approval, "") if p.approval in ("conditional", "accelerated") else ""


def _items(group: list[Product], lang: str = "en") -> list[str]:
    """One list line per product; a group (the licensed cord blood units) is one line."""
    lines: list[str] = []
    seen: set[str] = set()
    for p in group:
        if p.group and p.group in seen:
            continue
        if p.group:
            seen.add(p.group)
            members = [q for q in group if q.group == p.group]
            years = sorted(q.since[:4] for q in members)
            lines.append(
                pick(_WORDS, lang)["group"].format(
                    count=len(members),
                    group=p.group_in(lang),
                    where=_place(p.where, lang),
                    first=years[0],
                    last=years[-1],
                    use=p.use_in(lang),
                )
            )
            continue
        lines.append(
            pick(_WORDS, lang)["item"].format(
                product=p.product,
                where=_place(p.where, lang),
                since=when(p.since, lang=lang),
                kind=_kind(p, lang),
                use=p.use_in(lang),
            )
        )
    return lines


def summary(key: str, name: str, lang: str = "en") -> str:
    """One sentence: which stem cell products are approved for the condition, or that none is."""
    words = pick(_WORDS, lang)
    stem = [p for p in products_for(key) if p.current and p.stem_cell]
    if not stem:
        return words["none"].format(name=name, checked=checked())
    named = list(dict.fromkeys(p.group_in(lang) or p.product for p in stem))
    places = [_place(where, lang) for where in sorted({p.where for p in stem}, key=WHERE.index)]
    return words["some"].format(name=name, named=", ".join(named), places=words["and"].join(places))


def approval_lines(key: str, name: str, with_summary: bool = True, lang: str = "en") -> list[str]:
    """What is and is not approved for this condition, product by product (never 'safe').

    ``with_summary=False`` leaves out the "none is approved" sentence when a summary already said it.
    """
    listed = products_for(key)
    stem = [p for p in listed if p.current and p.stem_cell]
    other = [p for p in listed if p.current and not p.stem_cell]
    withdrawn = [p for p in listed if not p.current]
    words = pick(_WORDS, lang)
    lines: list[str] = []
    if stem:
        lines.append(words["stem_heading"].format(name=name))
        lines += _items(stem, lang)
    elif with_summary:
        lines.append(summary(key, name, lang=lang))
    if other:
        lines.append(words["other_heading"])
        lines += _items(other, lang)
    for p in withdrawn:
        lines.append(
            words["withdrawn"].format(
                product=p.product,
                where=_place(p.where, lang),
                since=when(p.since, lang=lang),
                ended=when(p.ended or "", lang=lang),
            )
        )
    if any(_japan_conditional(p) for p in listed):
        lines.append(words["conditional_note"])
    if listed:
        lines.append(words["covers_only"])
    return lines
