"""Prints the page check's precision and recall on the labelled clinic texts (tests/page_check/texts.yml).

A finding is one claim (kind overclaim or verify) in one sentence. It is right when the text's labels
have a row with that code whose words are in that sentence; a label row that no finding matches is a
miss. Treatment details (cells, route) are counted separately, per text. The two seeds are read from
../shared/seeds (they are not copied into the project).

Usage: ``python bench/page_check.py [--verbose]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.page_check import MAX_PAGE_CHARS, check  # noqa: E402

TEXTS = ROOT / "tests" / "page_check" / "texts.yml"
SEEDS = Path(os.environ.get("STEMSAFE_SEEDS", ROOT.parent / "shared" / "seeds"))
CLAIM_KINDS = {"overclaim", "verify"}


@dataclass
class Score:
    name: str
    right: list[tuple[str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)
    details_missed: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def load() -> list[dict]:
    items = yaml.safe_load(TEXTS.read_text(encoding="utf-8"))["texts"]
    for item in items:
        if "seed" in item:
            path = SEEDS / item["seed"]
            item["text"] = path.read_text(encoding="utf-8") if path.exists() else None
    return items


def score(item: dict) -> Score:
    out = Score(item["name"])
    started = time.perf_counter()
    result = check(item["text"], max_chars=MAX_PAGE_CHARS)
    out.seconds = time.perf_counter() - started
    labels = [(row["code"], _norm(row["in"])) for row in item.get("expect") or []]
    matched: set[int] = set()
    for finding in result.findings:
        if finding.claim.kind not in CLAIM_KINDS:
            continue
        sentence = _norm(finding.sentence)
        hits = [i for i, (code, words) in enumerate(labels) if code == finding.claim.code and words in sentence]
        if hits:
            matched.update(hits)
            out.right.append((finding.claim.code, finding.quote))
        else:
            out.wrong.append((finding.claim.code, finding.quote))
    out.missed = [labels[i] for i in range(len(labels)) if i not in matched]
    found_codes = set(result.codes)
    out.details_missed = [code for code in item.get("details") or [] if code not in found_codes]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="list every wrong and missed finding")
    args = parser.parse_args()
    scores = []
    for item in load():
        if item["text"] is None:
            print(f"skipped (not found): {item['name']}")
            continue
        scores.append(score(item))
    right = sum(len(s.right) for s in scores)
    wrong = sum(len(s.wrong) for s in scores)
    labelled = right + sum(len(s.missed) for s in scores)
    print(f"{'text':70} {'right':>5} {'wrong':>5} {'missed':>6} {'ms':>6}")
    for s in scores:
        print(f"{s.name[:70]:70} {len(s.right):5} {len(s.wrong):5} {len(s.missed):6} {s.seconds * 1000:6.0f}")
        if args.verbose:
            for code, quote in s.wrong:
                print(f"    wrong  {code}: {quote[:110]}")
            for code, words in s.missed:
                print(f"    missed {code}: {words}")
            for code in s.details_missed:
                print(f"    detail missed: {code}")
    precision = right / (right + wrong) if right + wrong else 1.0
    recall = (labelled - sum(len(s.missed) for s in scores)) / labelled if labelled else 1.0
    details = sum(len(s.details_missed) for s in scores)
    print(
        f"\nclaims: precision {precision:.3f} ({right}/{right + wrong}), recall {recall:.3f} "
        f"({labelled - sum(len(s.missed) for s in scores)}/{labelled}) over {len(scores)} texts"
    )
    print(f"treatment details missed: {details}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
