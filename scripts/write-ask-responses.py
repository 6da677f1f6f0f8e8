"""Writes the clinic-check question responses (bot.questions.ask_responses) into domain.yml.

Run after changing a question's wording or buttons: `.venv/bin/python scripts/write-ask-responses.py`.
The block between the two marker comments at the end of domain.yml is replaced; the rest is left as it is.
tests/unit/test_config_files.py fails while domain.yml and bot/questions.py disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.questions import ask_responses  # noqa: E402

BEGIN = "  # --- clinic-check questions: written by scripts/write-ask-responses.py from bot/questions.py ---"
END = "  # --- end of the clinic-check questions ---"


def block() -> str:
    text = yaml.safe_dump(ask_responses(), allow_unicode=True, sort_keys=False, width=10_000)
    body = "\n".join(("  " + line) if line else line for line in text.splitlines())
    return f"{BEGIN}\n{body}\n{END}\n"


def main() -> None:
    path = ROOT / "domain.yml"
    text = path.read_text(encoding="utf-8")
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END + "\n", 1)
        text = head + block() + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block()
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
