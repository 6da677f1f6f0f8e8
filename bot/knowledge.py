"""The safety FAQ as data: loads the sourced answers that Rasa's ResponseSelector serves.

The answers live in ``data/faq_answers.yml`` (Rasa's retrieval-intent responses, ``utter_faq/<topic>``),
so Rasa and the rest of StemSafe read one copy. This module gives the rest of ``bot/`` (reports,
question explanations, tests) typed access to them and states the content rules every answer meets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.readability import MAX_GRADE, reading_grade

ROOT = Path(__file__).resolve().parent.parent
FAQ_FILE = ROOT / "data" / "faq_answers.yml"
# One entry per source ("### <id>"), with what it says, its URL and the date it was checked.
SOURCES_FILE = ROOT / "docs" / "sources.md"
RESPONSE_PREFIX = "utter_faq/"
MIN_WORDS, MAX_WORDS = 40, 120

# Words an answer must never use: StemSafe never calls a treatment safe and never endorses a clinic.
FORBIDDEN = re.compile(r"\b(safe|100%|guarantee[sd]?|we recommend|best clinic|cure[sd]?)\b", re.I)
SOURCE_LINE = re.compile(r"^Sources?: \S.+$")
SOURCE_HEADING = re.compile(r"^### (.*\S)[^\S\n]*$", re.M)  # not (.+?)\s*$: quadratic on trailing blanks
# Figures that ../shared/content/facts.md marks as unconfirmed: never stated as fact.
UNCONFIRMED = ("334", "20 deaths")


@dataclass(frozen=True)
class Answer:
    """One FAQ answer: its topic key, body text and the line naming its sources."""

    topic: str
    body: str
    sources: str
    lines: tuple[str, ...] = ()  # the body as written, one entry per line (list items stay apart)

    @property
    def text(self) -> str:
        return f"{self.body}\n{self.sources}"

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    @property
    def grade(self) -> float:
        """Flesch-Kincaid reading grade of the body (the source line is not graded)."""
        return reading_grade(self.lines or (self.body,))

    @property
    def cited(self) -> list[str]:
        """The source ids named on the last line ("Sources: A; B" gives ["A", "B"])."""
        listed = self.sources.split(":", 1)[1]
        return [part.strip().rstrip(".").strip() for part in listed.split(";") if part.strip()]


def _split(topic: str, text: str) -> Answer:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if len(lines) < 2 or not SOURCE_LINE.match(lines[-1]):
        raise ValueError(f"FAQ answer {topic!r} must end with a 'Sources:' line")
    body = tuple(line.strip() for line in lines[:-1])
    return Answer(topic=topic, body=" ".join(body), sources=lines[-1], lines=body)


@lru_cache(maxsize=4)
def load_answers(path: Path = FAQ_FILE) -> dict[str, Answer]:
    """Return every FAQ answer keyed by topic (the part after ``faq/``)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    answers: dict[str, Answer] = {}
    for name, variants in data["responses"].items():
        if not name.startswith(RESPONSE_PREFIX):
            continue
        topic = name[len(RESPONSE_PREFIX) :]
        answers[topic] = _split(topic, variants[0]["text"])
    return answers


@lru_cache(maxsize=4)
def load_sources(path: Path = SOURCES_FILE) -> dict[str, str]:
    """Every entry of the sources file, keyed by its id (the text of its ``###`` heading)."""
    text = path.read_text(encoding="utf-8")
    headings = list(SOURCE_HEADING.finditer(text))
    entries: dict[str, str] = {}
    for i, heading in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        entries[heading.group(1)] = text[heading.end() : end].split("\n## ")[0]
    return entries


def answer(topic: str) -> Answer:
    """The answer for one topic; KeyError if StemSafe has none."""
    return load_answers()[topic]


def content_problems(item: Answer, sources: dict[str, str] | None = None) -> list[str]:
    """List every way an answer breaks the content rules (empty when it meets them all).

    ``sources`` are the entries an answer may cite (default: ``docs/sources.md``).
    """
    known = load_sources() if sources is None else sources
    problems = []
    if not MIN_WORDS <= item.word_count <= MAX_WORDS:
        problems.append(f"{item.word_count} words (want {MIN_WORDS}-{MAX_WORDS})")
    match = FORBIDDEN.search(item.text)
    if match:
        problems.append(f"uses forbidden wording {match.group(0)!r}")
    problems.extend(f"states unconfirmed figure {fig!r}" for fig in UNCONFIRMED if fig in item.text)
    if item.grade > MAX_GRADE:
        problems.append(f"reads at grade {item.grade:.1f} (want {MAX_GRADE:g} or below)")
    cited = item.cited
    if not cited:
        problems.append("names no source")
    problems.extend(f"cites {name!r}, which is not in docs/sources.md" for name in cited if name not in known)
    if item.sources.startswith("Source:") and len(cited) > 1:
        problems.append("'Source:' names several sources (write 'Sources:')")
    return problems
