"""Randomised whole clinic checks against a running StemSafe: do they all reach their report?

Each simulated patient starts a check and answers whichever question is asked (tests/driver.py), mixing
valid answers, answers to another question, answers with control words inside ("injected into both
eyes", "it can stop ALS progression", "they didn't explain"), junk, and interruptions before an answer:
side questions, "why?", "what was the question again?", help, and symptom reports. Everything is drawn
from a seeded random generator, so a run can be repeated exactly. Prints:
- the share of checks that reach a report (target 100%);
- the longest run of consecutive identical bot replies in any check (target ≤ 2);
- the number of answers recorded from interruptions (target 0), comparing what the check stored with
  what was sent as an interruption.
Not a test: it prints (tests/e2e/test_check_driver.py runs a small sample and asserts the targets).

Usage: python bench/check_driver.py [--n 300] [--seed 7] [--workers 2] [--url http://127.0.0.1:5005
       --database-url sqlite:///var/records.db]   (without --url it starts its own action + Rasa server)
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.driver import (  # noqa: E402
    Conversation,
    Driver,
    Extra,
    Outcome,
    RestClient,
    outcome_from_report_page,
    outcome_from_store,
    recorded_interruptions,
)

TARGETS = "targets: 100% reach a report, longest identical run <= 2, 0 interruptions recorded"

OPENINGS = (
    "check a clinic",
    "I want to check a clinic in Tijuana",
    "can you help me vet a stem cell clinic in Cancún?",
    "is this clinic in Miami legit? can you help me check it",
    "help me check a clinic please",
    "I'd like to verify a clinic in Guadalajara before I book",
    "Can you check a clinic in Panama for me?",
)

# Answers that fit each question (several wordings; some with control words inside).
VALID: dict[str, tuple[str, ...]] = {
    "clinic_name": ("Clinica Esperanza", "Regen Center", "a clinic called Vida Nueva", "Stem Health Institute"),
    "location": (
        "Tijuana, Mexico",
        "Cancún",
        "San José del Cabo",
        "Miami, Florida",
        "Dallas, TX",
        "Panama City, Panama",
    ),
    "physician": (
        "Dr. Ana Ruiz, cedula 12345678",
        "Dr. Solís, a surgeon, he's in the Colegio de Médicos I think",
        "they won't say who the doctor is",
        "Dr. Lee, license ME 123456",
    ),
    "facility_licence": (
        "only an aviso de funcionamiento",
        "their sanitary license is 2323025036X00098",
        "they said it's registered with the FDA",
        "No",
        "it's on ClinicalTrials.gov, NCT02024269",
        "licencia sanitaria 19-TR-0012",
    ),
    "ad_notice": ("yes", "No", "I didn't see one"),
    "cell_source": (
        "donor umbilical cord cells",
        "my own fat",
        "they won't say, proprietary",
        "embryonic stem cells",
        "exosomes",
        "my own bone marrow",
    ),
    "lab": ("their own lab", "they won't name the lab", "a lab in San Diego", "No"),
    "coa": ("yes", "no", "they said every vial is tested"),
    "donor_screening": ("they didn't explain", "yes, the mothers are tested", "No"),
    "ethics_review": ("yes an IRB", "no", "they didn't say"),
    "consent_form": ("yes", "I clicked agree on the website", "No"),
    "route": (
        "injected into both eyes",
        "IV infusion and intrathecal",
        "one injection into the knee",
        "an IV drip after the liposuction",
        "a nasal spray up his nose and an IV drip",
        "injected into the brain",
        "injection in both knees",
    ),
    "setting": ("in a hospital", "a hotel room", "their clinic"),
    "claims": (
        "it can stop ALS progression",
        "they said it cures everything",
        "the cells are immune privileged and can't be rejected",
        "none of these",
        "testimonials on their website",
    ),
    "sales": ("a deposit first", "none of these", "pressure to book this week"),
    "quote": ("yes, 15,000 dollars", "no", "about 8k"),
    "medical_evaluation": ("yes", "they review records by video call", "no"),
    "follow_up": ("yes", "no", "they call you after"),
    "outcome_data": ("they have testimonials on their website", "no", "their own case studies"),
    "condition": ("multiple sclerosis", "knee osteoarthritis", "ALS", "autism"),
    "expanded": ("yes, grown in their lab", "no, same day", "I don't know"),
    "protocol_authorised": ("no", "they didn't say", "yes, COFEPRIS authorised it"),
    "study_payment": ("yes, I pay to join", "no", "it's not a study"),
}
GENERIC = ("yes", "no", "I don't know", "they didn't say")
JUNK = ("asdfgh", "???", "ok", "hmm", "k", "lol what")
INTERRUPTIONS: dict[str, tuple[str, ...]] = {
    "side_question": (
        "wait, can donor cells be rejected?",
        "what is a certificate of analysis?",
        "is there anything approved for ALS?",
        "are exosomes stem cells?",
        "can stem cells cause tumors?",
    ),
    "why": ("why?", "why does that matter?", "why are you asking that"),
    "command": ("what was the question again?", "help"),
    "symptom": (
        "since the injection my eye is red and hurts",
        "my mom had the IV yesterday and now she's burning up",
        "I have a terrible headache and a stiff neck since the spinal injection",
    ),
}


@dataclass
class Patient:
    """One randomised patient: what they say at each question, drawn from a seeded generator."""

    rng: random.Random
    junk_rate: float = 0.08
    off_question_rate: float = 0.12
    interruption_rate: float = 0.25

    def opening(self) -> list[str]:
        return [self.rng.choice(OPENINGS)]

    def answer(self, question_id: str, attempt: int) -> str:
        # Asked again: most people now answer plainly, so a working check always moves on.
        if attempt == 0 or self.rng.random() < 0.3:
            roll = self.rng.random()
            if roll < self.junk_rate:
                return self.rng.choice(JUNK)
            if roll < self.junk_rate + self.off_question_rate:
                other = self.rng.choice([q for q in VALID if q != question_id])
                return self.rng.choice(VALID[other])
        return self.rng.choice(VALID.get(question_id, GENERIC))

    def interrupt(self, question_id: str, already: int) -> Extra | None:
        if already >= 2 or self.rng.random() >= self.interruption_rate / (already + 1):
            return None
        kind = self.rng.choices(list(INTERRUPTIONS), weights=(4, 3, 2, 1))[0]
        return Extra(self.rng.choice(INTERRUPTIONS[kind]), question_id, kind)


@dataclass
class Result:
    convo: Conversation
    recorded: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None


def one_check(
    client: RestClient, seed: int, index: int, outcome_of: Callable[[Conversation], Outcome | None], max_turns: int
) -> Result:
    rng = random.Random(seed * 1_000_003 + index)
    patient = Patient(rng)
    driver = Driver(client, f"bench-check-{seed}-{index}-{uuid.uuid4().hex[:8]}", max_turns=max_turns)
    try:
        convo = driver.run(patient.opening(), patient.answer, patient.interrupt)
    except Exception as exc:  # a server error is a finding, not a crash of the bench
        return Result(Conversation(driver.sender), error=f"{type(exc).__name__}: {exc}")
    outcome = outcome_of(convo)
    recorded = recorded_interruptions(convo, outcome) if outcome else []
    return Result(convo, recorded)


@dataclass
class Figures:
    checks: int
    reached: int
    longest_repeat: int
    recorded_interruptions: int
    interruptions_sent: int
    errors: int
    resumed: int
    stalls: Counter

    @property
    def share(self) -> float:
        return self.reached / self.checks if self.checks else 0.0

    def lines(self) -> list[str]:
        return [
            f"checks run: {self.checks}",
            f"reached a report: {self.reached}/{self.checks} = {self.share:.1%}",
            f"longest run of identical bot replies: {self.longest_repeat}",
            f"answers recorded from interruptions: {self.recorded_interruptions} "
            f"(of {self.interruptions_sent} interruptions sent)",
            f"checks that stopped without being asked and had to be resumed: {self.resumed}",
            f"server errors: {self.errors}",
            *(f"  not reached ({n}x): {why}" for why, n in self.stalls.most_common(5)),
            TARGETS,
        ]


def summarise(results: list[Result]) -> Figures:
    stalls: Counter = Counter()
    for r in results:
        if r.error:
            stalls[r.error[:100]] += 1
        elif not r.convo.reached_report:
            stalls[(r.convo.stalled or "?")[:100]] += 1
    return Figures(
        checks=len(results),
        reached=sum(1 for r in results if r.convo.reached_report),
        longest_repeat=max((r.convo.longest_repeat() for r in results), default=0),
        recorded_interruptions=sum(len(r.recorded) for r in results),
        interruptions_sent=sum(len(r.convo.interruptions()) for r in results),
        errors=sum(1 for r in results if r.error),
        resumed=sum(1 for r in results if any("had to be resumed" in p for p in r.convo.problems)),
        stalls=stalls,
    )


def run(
    url: str, n: int, seed: int, database_url: str | None = None, workers: int = 2, max_turns: int = 80
) -> tuple[Figures, list[Result]]:
    client = RestClient(url)

    def outcome_of(convo: Conversation) -> Outcome | None:
        if database_url:
            return outcome_from_store(database_url, convo.sender)
        return outcome_from_report_page(convo.report_url) if convo.report_url else None

    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda i: one_check(client, seed, i, outcome_of, max_turns), range(n)))
    return summarise(results), results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="number of whole checks (default 300)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2, help="patients talking at the same time")
    parser.add_argument("--url", help="a running Rasa server; without it a stack is started here")
    parser.add_argument("--database-url", help="the records database of --url, to compare what was stored")
    parser.add_argument("--max-turns", type=int, default=80, help="messages per check before it counts as not reached")
    parser.add_argument("--show", type=int, default=1, help="print this many transcripts of failing checks")
    args = parser.parse_args()

    stack = None
    url, database_url = args.url, args.database_url
    if url is None:
        from tests.servers import Stack

        stack = Stack(Path(tempfile.mkdtemp(prefix="check-driver-"))).start()
        url, database_url = stack.url, stack.env["DATABASE_URL"]
    try:
        started = time.monotonic()
        figures, results = run(url, args.n, args.seed, database_url, args.workers, args.max_turns)
        elapsed = time.monotonic() - started
    finally:
        if stack is not None:
            stack.stop()
    print(f"randomised clinic checks: seed {args.seed}, {args.workers} at a time, {elapsed:.0f} s")
    for line in figures.lines():
        print(line)
    failing = [r for r in results if not r.convo.reached_report or r.recorded or r.convo.longest_repeat() > 2]
    for r in failing[: args.show]:
        print(f"\n--- {r.convo.sender}: {r.error or r.convo.stalled or ''} recorded={r.recorded}")
        print(r.convo.transcript(limit=160)[-6000:])


if __name__ == "__main__":
    main()
