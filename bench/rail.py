"""Prints the urgent-care rail's figures on its sets (tests/rail): recall of symptom reports, false alarms
on sentences that are not reports (per language: en, es, all; per kind; on answers to clinic-check questions), and the
decision's time per message on ordinary and 5,000-character input. Then the same on text we did not
write: the real-question set (tests/real_questions, label `urgent` vs every other label), development
part only unless `--final` is given (run the final part only when the work is done).

    .venv/bin/python bench/rail.py [--final] [--show]

The real questions' false alarms are counted; their texts are printed only with `--show`, and never for the
final part (nobody reads the final part's texts while working).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.urgent import decide  # noqa: E402
from tests.rail import non_reports, reports  # noqa: E402

REAL = Path(__file__).resolve().parent.parent / "tests" / "real_questions"


def real_questions(part: str, language: str = "en", show: bool = False) -> None:
    """Recall and false alarms on the real questions people asked (label `urgent` = a report)."""
    path = REAL / f"{language}_{part}.yml"
    if not path.exists():
        return
    questions = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    urgent = [q for q in questions if q["label"] == "urgent"]
    others = [q for q in questions if q["label"] != "urgent"]
    caught = sum(decide(q["text"]).urgent for q in urgent)
    alarms = [q for q in others if decide(q["text"]).urgent]
    print(
        f"real questions ({language} {part}): reports caught {caught}/{len(urgent)}; "
        f"false alarms {len(alarms)}/{len(others)} ({len(alarms) / max(1, len(others)):.3f})"
    )
    for q in alarms if show and part != "final" else []:
        print(f"  false alarm ({q['label']}): {q['text'][:100]}")


LANGS = ("en", "es", "all")


def per_language(lang: str, report_items: list, other_items: list, missed: list, alarms: list) -> str:
    """Recall and false alarms on the items in `lang` ("en" when an item names no language; "all": every item)."""

    def keep(items: list) -> list:
        return [item for item in items if lang == "all" or item.get("lang", "en") == lang]

    found, total = len(keep(report_items)) - len(keep(missed)), len(keep(report_items))
    raised, others = len(keep(alarms)), len(keep(other_items))
    return (
        f"recall {found / max(1, total):.3f} ({found}/{total}); "
        f"false alarms {raised / max(1, others):.3f} ({raised}/{others})"
    )


def main() -> None:
    report_items, other_items = reports(), non_reports()
    missed = [item for item in report_items if not decide(item["text"], item.get("pending")).urgent]
    alarms = [item for item in other_items if decide(item["text"], item.get("pending")).urgent]
    answers = [item for item in other_items if item["kind"] == "answer"]
    answer_alarms = [item for item in alarms if item["kind"] == "answer"]
    spanish = [item for item in report_items if item.get("lang") == "es"]
    print(f"reports: {len(report_items)} ({len(spanish)} in Spanish); not reports: {len(other_items)}")
    for lang in LANGS:
        print(f"  {lang}: " + per_language(lang, report_items, other_items, missed, alarms))
    print(f"recall: {1 - len(missed) / len(report_items):.3f} ({len(report_items) - len(missed)}/{len(report_items)})")
    by_route = Counter(item["route"] for item in report_items)
    missed_route = Counter(item["route"] for item in missed)
    print("  per route: " + ", ".join(f"{r} {by_route[r] - missed_route[r]}/{by_route[r]}" for r in sorted(by_route)))
    print(f"false alarms: {len(alarms) / len(other_items):.3f} ({len(alarms)}/{len(other_items)})")
    print(f"  on answers to check questions: {len(answer_alarms)}/{len(answers)}")
    kinds = Counter(item["kind"] for item in other_items)
    alarm_kinds = Counter(item["kind"] for item in alarms)
    print("  per kind: " + ", ".join(f"{k} {alarm_kinds[k]}/{kinds[k]}" for k in sorted(kinds)))
    for item in missed:
        print(f"  missed: {item['text']}")
    for item in alarms:
        print(f"  false alarm: {item['text']}")
    texts = [item["text"] for item in report_items + other_items]
    started = time.perf_counter()
    for text in texts:
        decide(text)
    per_message = (time.perf_counter() - started) / len(texts)
    long_text = ("I had the injection in 2019, they said no risk, is that normal? " * 80)[:5000]
    started = time.perf_counter()
    for _ in range(20):
        decide(long_text, "route")
    per_long = (time.perf_counter() - started) / 20
    print(f"time per message: {per_message * 1e3:.2f} ms; 5,000 characters: {per_long * 1e3:.1f} ms")
    show = "--show" in sys.argv
    for language in ("en", "es"):
        real_questions("dev", language, show)
        if "--final" in sys.argv:
            real_questions("final", language)


if __name__ == "__main__":
    main()
