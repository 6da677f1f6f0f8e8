"""Prints every condition card: its status, number of sources, date checked, and each kind of answer's length
and reading grade (bot.conditions.answer; the source line is not graded), with the approved products keyed to it.
Then the same for the Spanish answers (``lang="es"``): length and Fernández-Huerta ease (60 or more reads as
plainly as grade 9 English).

Usage: ``python bench/condition_cards.py``. Exits 1 when an answer reads above grade 9, or a Spanish answer below
ease 60, as the tests do.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import approved  # noqa: E402
from bot.conditions import APPROVAL, CLAIMS, INSTEAD, RISKS, WORKS, answer, load_cards  # noqa: E402
from bot.readability import MAX_GRADE, MIN_SPANISH_EASE, reading_grade, spanish_ease  # noqa: E402

QUESTIONS = {
    WORKS: "will stem cells help?",
    APPROVAL: "is it approved?",
    RISKS: "what are the risks?",
    INSTEAD: "what should I do instead?",
    CLAIMS: "the clinic says it reverses it",
}
QUESTIONS_ES = {
    WORKS: "¿le ayudarían las células madre?",
    APPROVAL: "¿está aprobado?",
    RISKS: "¿qué riesgos tiene?",
    INSTEAD: "¿qué puedo hacer en lugar de eso?",
    CLAIMS: "la clínica dice que lo revierte",
}


def spanish() -> int:
    """The Spanish answers' lengths and ease; returns how many read below MIN_SPANISH_EASE."""
    eases: list[float] = []
    words: list[int] = []
    print(f"\nSpanish (lang='es'):\n{'card':22} " + "  ".join(f"{k[:5]:>9}" for k in QUESTIONS_ES))
    for key in load_cards():
        cells = []
        for question in QUESTIONS_ES.values():
            body = answer(key, question, lang="es").splitlines()[:-1]
            ease, count = spanish_ease(body), len(" ".join(body).split())
            eases.append(ease)
            words.append(count)
            cells.append(f"{count:3d}w {ease:4.0f}")
        print(f"{key:22} " + "  ".join(cells))
    below = sum(e < MIN_SPANISH_EASE for e in eases)
    print(
        f"{len(eases)} Spanish answers: words {min(words)}-{max(words)} (mean {statistics.mean(words):.0f}); "
        f"Fernández-Huerta mean {statistics.mean(eases):.1f}, min {min(eases):.1f}; {below} below {MIN_SPANISH_EASE:g}"
    )
    return below


def main() -> int:
    grades: list[float] = []
    words: list[int] = []
    print(f"{'card':22} {'status':38} {'src':>3} {'checked':10}  " + "  ".join(f"{k[:5]:>9}" for k in QUESTIONS))
    for key, card in load_cards().items():
        cells = []
        for question in QUESTIONS.values():
            body = answer(key, question).splitlines()[:-1]
            grade, count = reading_grade(body), len(" ".join(body).split())
            grades.append(grade)
            words.append(count)
            cells.append(f"{count:3d}w {grade:4.1f}")
        status = "; ".join(card.status)
        print(f"{key:22} {status:38} {len(card.sources):3d} {card.checked:10}  " + "  ".join(cells))
    over = sum(g > MAX_GRADE for g in grades)
    products = approved.products()
    print(
        f"\n{len(load_cards())} cards, {len(grades)} answers: words {min(words)}-{max(words)} "
        f"(mean {statistics.mean(words):.0f}); grade mean {statistics.mean(grades):.1f}, max {max(grades):.1f}; "
        f"{over} above grade {MAX_GRADE:g}"
    )
    print(
        f"approved-products list (checked {approved.checked()}): {len(products)} products, "
        f"{sum(p.stem_cell for p in products)} stem-cell based, {sum(p.where == 'US' for p in products)} FDA, "
        f"{sum(not p.current for p in products)} withdrawn"
    )
    below = spanish()
    return 1 if over or below else 0


if __name__ == "__main__":
    sys.exit(main())
