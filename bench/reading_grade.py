"""Prints the reading grade (Flesch-Kincaid, via bot.readability) of every FAQ answer, and the mean.

The source line is not graded; list items count as sentences. `--answers PATH` grades another copy of
the answers file (for example an older version: `git show REV:data/faq_answers.yml > /tmp/old.yml`).
Exits 1 when an answer reads above grade 9, as the content test does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.knowledge import FAQ_FILE, load_answers  # noqa: E402
from bot.readability import MAX_GRADE  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=Path, default=FAQ_FILE, help="answers file (default: data/faq_answers.yml)")
    args = parser.parse_args()
    answers = load_answers(args.answers.resolve())
    grades = {topic: item.grade for topic, item in answers.items()}
    print(f"{'topic':24} {'words':>5} {'grade':>5}")
    for topic, item in sorted(answers.items(), key=lambda kv: -grades[kv[0]]):
        mark = "  > 9" if grades[topic] > MAX_GRADE else ""
        print(f"{topic:24} {item.word_count:5d} {grades[topic]:5.1f}{mark}")
    values = list(grades.values())
    over = sum(g > MAX_GRADE for g in values)
    print(
        f"\n{len(values)} answers: mean grade {statistics.mean(values):.1f}, median {statistics.median(values):.1f}, "
        f"max {max(values):.1f}; {over} above grade {MAX_GRADE:g}"
    )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
