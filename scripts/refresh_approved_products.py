"""Refreshes data/approved_products.yml against FDA's list of approved cellular and gene therapy products.

Usage: ``python scripts/refresh_approved_products.py [--url URL] [--file PATH] [--timeout SECONDS]``

Online, it reads FDA's page (the file's ``fda_list`` address), compares the product names on it with the US
products in the file, and writes back: ``checked`` becomes today, and ``fda_unreviewed`` lists every product on
FDA's page that the file does not have yet (a person then adds its row: what it is, for what, since when, which
condition cards, its source). Products in the file that FDA's page no longer shows are printed, never removed
(an approval withdrawn is a fact to write down, not to lose). The file's comments and rows are kept as written.

Offline, or when the page cannot be read or does not look like FDA's list, it says so, leaves the file
unchanged and exits with status 1: a refresh that did not happen is never reported as done.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "data" / "approved_products.yml"
MIN_PRODUCTS = 10  # FDA's list has dozens; fewer names means the page was not the list (a login wall, an error)
MAX_BYTES = 2_000_000
# "ABECMA (idecabtagene vicleucel)", "HPC, Cord Blood - Bloodworks", "RYONCIL (remestemcel-L-rknd)"
_PRODUCT = re.compile(r"^(HPC, Cord Blood\b.*|[A-Z][A-Za-z0-9®™\-]*(?: [A-Za-z0-9®™\-]+)* \([a-z][^)]{2,}\))$")


class _Links(HTMLParser):
    """The text of every link on the page."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._depth = 0
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._depth += 1
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._depth:
            self._depth -= 1
            self.texts.append(" ".join("".join(self._text).split()))

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._text.append(data)


def product_names(html: str) -> list[str]:
    """Names of the products a page lists (links written like FDA's: "NAME (generic name)")."""
    parser = _Links()
    parser.feed(html)
    return list(dict.fromkeys(text for text in parser.texts if _PRODUCT.match(text)))


def _key(name: str) -> str:
    """What a product is compared by: its brand name, upper case, without marks ("RYONCIL").

    The unbranded cord blood units ("HPC, Cord Blood") are named by bank in ways that differ between FDA's
    page and our rows, so they share one key: they are counted, not matched one by one.
    """
    if name.upper().startswith("HPC, CORD BLOOD"):
        return "HPC, CORD BLOOD"
    return re.sub(r"[®™]", "", name.split(" (")[0]).strip().upper()


def fetch(url: str, timeout: float) -> str:
    request = urllib.request.Request(url, headers={"User-Agent": "StemSafe approved-products refresh"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (an https URL from our file)
        return response.read(MAX_BYTES).decode("utf-8", errors="replace")


def _write(path: Path, text: str) -> None:
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".approved_products.", suffix=".yml")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)


def updated(text: str, today: str, unreviewed: list[str]) -> str:
    """The file's text with ``checked`` set to today and ``fda_unreviewed`` listing the new names."""
    text = re.sub(r'^checked: "?[0-9-]+"?$', f'checked: "{today}"', text, count=1, flags=re.M)
    text = re.sub(r"^fda_unreviewed:.*(?:\n  - .*)*\n?", "", text, flags=re.M)
    block = "fda_unreviewed:" + ("".join(f"\n  - {json.dumps(n, ensure_ascii=False)}" for n in unreviewed) or " []")
    return re.sub(r"^products:", lambda m: f"{block}\n{m.group(0)}", text, count=1, flags=re.M)


def refresh(path: Path, url: str | None, timeout: float, today: str) -> int:
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    url = url or data["fda_list"]
    try:
        html = fetch(url, timeout)
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        print(
            f"Could not reach FDA's list ({reason}). Nothing was changed: {path.name} still says it was checked "
            f"{data['checked']}. Try again when online, or check {data['fda_list']} by hand."
        )
        return 1
    names = product_names(html)
    if len(names) < MIN_PRODUCTS:
        print(
            f"The page at {url} lists {len(names)} products, which does not look like FDA's list. "
            f"Nothing was changed ({path.name} still says checked {data['checked']})."
        )
        return 1
    ours = {_key(p["product"]) for p in data["products"] if p["where"] == "US"}
    theirs = {_key(n): n for n in names}
    new = [theirs[k] for k in theirs if k not in ours]
    gone = sorted(k for k in ours if k not in theirs)
    _write(path, updated(text, today, new))
    print(f"FDA's list read: {len(names)} products; {path.name} now says checked {today}.")
    if new:
        print(f"{len(new)} on FDA's list but not in the file (listed under fda_unreviewed; add their rows):")
        print("\n".join(f"  - {n}" for n in new))
    if gone:
        print(f"In the file but not found on FDA's page (check whether withdrawn; nothing removed): {', '.join(gone)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="read this page instead of the file's fda_list address")
    parser.add_argument("--file", type=Path, default=FILE, help="the approved-products file (default: data/)")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for the page")
    args = parser.parse_args(argv)
    return refresh(args.file, args.url, args.timeout, dt.date.today().isoformat())


if __name__ == "__main__":
    sys.exit(main())
