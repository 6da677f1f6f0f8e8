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

    @property
    def current(self) -> bool:
        return self.approval != "withdrawn"


def _product(entry: dict) -> Product:
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
    """'2024-12-18' -> 'Dec 2024'; '2013' stays '2013'."""
    parts = date.split("-")
    return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}" if len(parts) >= 2 else parts[0]


def _kind(p: Product) -> str:
    return {"conditional": ", conditional", "accelerated": ", accelerated"}.get(p.approval, "")


def _items(group: list[Product]) -> list[str]:
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
            lines.append(f"- {len(members)} {p.group} ({p.where}, {years[0]} to {years[-1]}): {p.use}.")
            continue
        lines.append(f"- {p.product} ({p.where}, since {when(p.since)}{_kind(p)}): {p.use}.")
    return lines


def summary(key: str, name: str, lang: str = "en") -> str:
    """One sentence: which stem cell products are approved for the condition, or that none is."""
    stem = [p for p in products_for(key) if p.current and p.stem_cell]
    if not stem:
        return f"No stem cell product is approved for {name} on StemSafe's list of approvals (checked {checked()})."
    named = list(dict.fromkeys(p.group or p.product for p in stem))
    places = sorted({p.where for p in stem}, key=WHERE.index)
    return f"Approved stem cell products for {name}: {', '.join(named)} (in {' and '.join(places)} only)."


def approval_lines(key: str, name: str, with_summary: bool = True, lang: str = "en") -> list[str]:
    """What is and is not approved for this condition, product by product (never 'safe').

    ``with_summary=False`` leaves out the "none is approved" sentence when a summary already said it.
    """
    listed = products_for(key)
    stem = [p for p in listed if p.current and p.stem_cell]
    other = [p for p in listed if p.current and not p.stem_cell]
    withdrawn = [p for p in listed if not p.current]
    lines: list[str] = []
    if stem:
        lines.append(f"Approved stem cell products for {name}:")
        lines += _items(stem)
    elif with_summary:
        lines.append(summary(key, name, lang=lang))
    if other:
        lines.append("Approved, but not stem cells:")
        lines += _items(other)
    for p in withdrawn:
        lines.append(f"Withdrawn: {p.product} ({p.where}, approved {when(p.since)}, withdrawn {when(p.ended or '')}).")
    if any(_japan_conditional(p) for p in listed):
        lines.append(CONDITIONAL)
    if listed:
        lines.append(COVERS_ONLY)
    return lines
