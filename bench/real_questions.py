"""Measures StemSafe on real questions that nobody trains on (tests/real_questions/<lang>_<part>.yml).

Each question was asked by a real person (forums, Q&A sites, clinic and hospital FAQ pages) and is
labelled with the topic that should answer it. This module sends every question over REST to a
running StemSafe stack, one fresh sender per question, and classifies the first reply:

- right      the reply is the label's answer (or an `also` alternative);
- wrong      a confident answer on something else (another topic, a clinic check, urgent advice...);
- asked back the bot offered 2-3 topics as buttons (the ask-back reply, see /work/notes/askback.md);
- refused    the out-of-scope / fallback reply to an in-scope question.

Questions labelled `new:<name>` have no topic yet and are counted apart ("no topic yet").

    python bench/real_questions.py                       # dev part, starts its own stack
    python bench/real_questions.py --url http://localhost:5005
    python bench/real_questions.py --part final          # only when the work is done (the lead)

Importable: `load_questions`, `ReplyClassifier`, `run_set`, `summarise`, `format_report`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SETS_DIR = ROOT / "tests" / "real_questions"

# FAQ topic keys (the answers are utter_faq/<key>); kept in step with /work/notes/topics.md.
TOPICS = frozenset(
    """
    rejection infection donor_vs_own tumours side_effects serious_harms what_are_mscs cell_sources
    fda_approved section_361_351 approved_meaning cofepris_licences mexico_legal verify_cedula
    notice_numbers certificate_of_analysis ethics_committee clinicaltrials_listing testimonials
    evidence_knee evidence_back evidence_autism evidence_als evidence_ms cost_abroad medical_tourism
    red_flags questions_to_ask report_harm second_thoughts verify_clinic
    does_it_work will_it_work_for_me proven_treatments warning_signs same_day_procedure state_laws
    find_trial future_care exosomes prp_bmac children mexico_complaints cord_blood_banking paying
    homing_claims anti_ageing approved_elsewhere routes
    """.split()
)
# Labels that are not FAQ topics.
SPECIAL_LABELS = frozenset({"clinic_check", "recommend", "urgent", "out_of_scope"})
NEW_PREFIX = "new:"
OUTCOMES = ("right", "wrong", "asked_back", "refused")


def label_problem(label: object) -> str | None:
    """Why `label` is not a valid real-question label, or None when it is."""
    if not isinstance(label, str) or not label:
        return "label must be a non-empty string"
    if label in TOPICS or label in SPECIAL_LABELS:
        return None
    if label.startswith(NEW_PREFIX) and re.fullmatch(r"[a-z][a-z0-9_]*", label[len(NEW_PREFIX) :]):
        return None
    return f"unknown label {label!r}"


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    source: str
    label: str
    also: tuple[str, ...] = ()

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.label, *self.also)

    @property
    def has_topic(self) -> bool:
        return not self.label.startswith(NEW_PREFIX)


def set_path(language: str = "en", part: str = "dev", sets_dir: Path = SETS_DIR) -> Path:
    return sets_dir / f"{language}_{part}.yml"


def load_questions(language: str = "en", part: str = "dev", sets_dir: Path = SETS_DIR) -> list[Question]:
    """The questions of one set (language and part are parameters: en/es, dev/final, ...)."""
    return load_file(set_path(language, part, sets_dir))


def load_file(path: Path) -> list[Question]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Question(
            id=str(item.get("id", f"{path.stem}-{i}")),
            text=item["text"],
            source=item["source"],
            label=item["label"],
            also=tuple(item.get("also") or ()),
        )
        for i, item in enumerate(data["questions"], 1)
    ]


def normalise(text: str) -> str:
    """Case- and whitespace-insensitive form used to compare texts."""
    return re.sub(r"\s+", " ", text.casefold()).strip()
