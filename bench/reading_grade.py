"""Prints the reading level of every FAQ answer in English and in Spanish, and the means.

English: Flesch-Kincaid grade (want 9 or below). Spanish: Fernández-Huerta ease (want 60 or above, the
"normal" band or easier, about grades 8-9), both via bot.readability. The source line is not graded; list
items count as sentences. `--answers PATH` grades another copy of the answers file (for example an older
version: `git show REV:data/faq_answers.yml > /tmp/old.yml`).
Exits 1 when an answer misses its language's rule, as the content tests do.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.knowledge import FAQ_FILE, RESPONSE_PREFIX, load_answers  # noqa: E402
from bot.language import SLOT  # noqa: E402
from bot.readability import MAX_GRADE, MIN_SPANISH_EASE, spanish_ease  # noqa: E402


@dataclass(frozen=True)
class SpanishAnswer:
    """The Spanish variation of one FAQ answer (condition: slot language = es)."""

    topic: str
    lines: tuple[str, ...]  # the body, one entry per line (list items stay apart)
    sources: str  # the "Fuente(s): ..." line

    @property
    def body(self) -> str:
        return " ".join(self.lines)

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    @property
    def ease(self) -> float:
        return spanish_ease(self.lines)

    @property
    def cited(self) -> list[str]:
        listed = self.sources.split(":", 1)[1]
        return [part.strip().rstrip(".").strip() for part in listed.split(";") if part.strip()]


def is_spanish(variation: dict) -> bool:
    """Is this response variation the one Rasa serves when the conversation is in Spanish?"""
    return any(
        c.get("type") == "slot" and c.get("name") == SLOT and c.get("value") == "es"
        for c in variation.get("condition") or []
    )


def spanish_answers(path: Path = FAQ_FILE) -> dict[str, list[SpanishAnswer]]:
    """Every Spanish variation of every FAQ answer, keyed by topic (a topic without one maps to [])."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: dict[str, list[SpanishAnswer]] = {}
    for name, variations in data["responses"].items():
        if not name.startswith(RESPONSE_PREFIX):
            continue
        topic = name[len(RESPONSE_PREFIX) :]
        found[topic] = []
        for variation in filter(is_spanish, variations):
            lines = [line.strip() for line in variation["text"].strip().splitlines() if line.strip()]
            found[topic].append(SpanishAnswer(topic, tuple(lines[:-1]), lines[-1]))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=Path, default=FAQ_FILE, help="answers file (default: data/faq_answers.yml)")
    args = parser.parse_args()
    path = args.answers.resolve()
    answers = load_answers(path)
    spanish = {topic: found[0] for topic, found in spanish_answers(path).items() if found}
    grades = {topic: item.grade for topic, item in answers.items()}
    eases = {topic: item.ease for topic, item in spanish.items()}
    print(f"{'topic':24} {'words':>5} {'grade':>5}   {'es words':>8} {'F-Huerta':>8}")
    for topic, item in sorted(answers.items(), key=lambda kv: -grades[kv[0]]):
        mark = "  > 9" if grades[topic] > MAX_GRADE else ""
        es = spanish.get(topic)
        es_cols = f"{es.word_count:8d} {eases[topic]:8.1f}" if es else f"{'-':>8} {'-':>8}"
        es_mark = "  < 60" if es and eases[topic] < MIN_SPANISH_EASE else ("  no Spanish" if not es else "")
        print(f"{topic:24} {item.word_count:5d} {grades[topic]:5.1f}   {es_cols}{mark}{es_mark}")
    values = list(grades.values())
    over = sum(g > MAX_GRADE for g in values)
    print(
        f"\nEnglish: {len(values)} answers: mean grade {statistics.mean(values):.1f}, "
        f"median {statistics.median(values):.1f}, max {max(values):.1f}; {over} above grade {MAX_GRADE:g}"
    )
    missing = sorted(set(answers) - set(spanish))
    under = sum(e < MIN_SPANISH_EASE for e in eases.values())
    if eases:
        ease_values = list(eases.values())
        print(
            f"Spanish: {len(ease_values)} answers: mean Fernández-Huerta {statistics.mean(ease_values):.1f}, "
            f"median {statistics.median(ease_values):.1f}, min {min(ease_values):.1f}; "
            f"{under} below {MIN_SPANISH_EASE:g}; {len(missing)} topics without a Spanish answer"
        )
    return 1 if over or under or missing else 0


if __name__ == "__main__":
    sys.exit(main())
