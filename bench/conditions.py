"""Prints how well StemSafe recognises conditions, and whether questions that name one get its status.

1. The matcher (bot.condition_match over data/condition_patterns.jsonl) on the lay phrasings in
   tests/conditions/phrasings_<part>.yml (real text with sources, English and Spanish; `conditions: []` is a
   negative): micro precision and recall over (phrasing, card key) pairs, per language and per key, and, for
   the dev part, every miss and false alarm. Targets: precision >= 95%, recall >= 90%.
2. With --rest (or --url): the real-question dev set (tests/real_questions/en_dev.yml, never trained on) over
   REST, one new user per question (bench/real_questions.py's sender and stack). For the questions that name a
   condition, the share whose reply states that condition's status (the card's "Status for <condition>: ..."
   line). Target >= 90%. Questions labelled `urgent` are reported apart: a symptom report gets urgent care
   first, whatever condition it names.

    python bench/conditions.py                          # matcher figures on the dev phrasings (seconds)
    python bench/conditions.py --rest                   # ... and the condition-question figure (starts a stack)
    python bench/conditions.py --url http://localhost:5005
    python bench/conditions.py --rest --language es     # the Spanish real questions: the Spanish status line
    python bench/conditions.py --part final             # only when the work is done (the lead)
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.condition_match import conditions_in  # noqa: E402

PHRASINGS_DIR = ROOT / "tests" / "conditions"
URGENT_LABEL = "urgent"


@dataclass(frozen=True)
class Phrasing:
    id: str
    text: str
    lang: str
    gold: tuple[str, ...]


def load_phrasings(part: str = "dev", directory: Path = PHRASINGS_DIR) -> list[Phrasing]:
    data = yaml.safe_load((directory / f"phrasings_{part}.yml").read_text(encoding="utf-8"))
    return [
        Phrasing(str(p["id"]), p["text"], p.get("lang", "en"), tuple(p.get("conditions") or ()))
        for p in data["phrasings"]
    ]


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, gold: set[str], got: set[str]) -> None:
        self.tp += len(gold & got)
        self.fp += len(got - gold)
        self.fn += len(gold - got)


def score_matcher(phrasings: list[Phrasing]) -> tuple[Scores, dict[str, Scores], dict[str, Scores], list]:
    """Overall, per language and per key scores, and the phrasings the matcher got wrong."""
    overall, per_lang, per_key = Scores(), defaultdict(Scores), defaultdict(Scores)
    wrong = []
    for p in phrasings:
        gold, got = set(p.gold), set(conditions_in(p.text))
        overall.add(gold, got)
        per_lang[p.lang].add(gold, got)
        for key in gold | got:
            per_key[key].add(gold & {key}, got & {key})
        if gold != got:
            wrong.append((p, sorted(got - gold), sorted(gold - got)))
    return overall, dict(per_lang), dict(per_key), wrong


def matcher_report(part: str, show_wrong: bool) -> str:
    phrasings = load_phrasings(part)
    overall, per_lang, per_key, wrong = score_matcher(phrasings)
    negatives = sum(not p.gold for p in phrasings)
    false_alarms = sum(1 for p, extra, _ in wrong if not p.gold and extra)
    lines = [
        f"Condition matcher on tests/conditions/phrasings_{part}.yml: {len(phrasings)} phrasings "
        f"({negatives} negatives), {overall.tp + overall.fn} named conditions",
        f"  precision {overall.precision:.1%} ({overall.tp}/{overall.tp + overall.fp})   "
        f"recall {overall.recall:.1%} ({overall.tp}/{overall.tp + overall.fn})   "
        f"negatives with a false alarm: {false_alarms}/{negatives}   (targets: precision >= 95%, recall >= 90%)",
    ]
    for lang, s in sorted(per_lang.items()):
        lines.append(f"  {lang}: precision {s.precision:.1%}  recall {s.recall:.1%}  (tp {s.tp}, fp {s.fp}, fn {s.fn})")
    lines += ["", f"  {'key':24}{'tp':>4}{'fp':>4}{'fn':>4}"]
    for key, s in sorted(per_key.items()):
        lines.append(f"  {key:24}{s.tp:>4}{s.fp:>4}{s.fn:>4}")
    if show_wrong and wrong:
        lines += ["", "  Wrong (id: found but not named / named but not found | text):"]
        for p, extra, missed in wrong:
            lines.append(f"  {p.id:12} +{extra} -{missed} | {p.text[:110]!r}")
    return "\n".join(lines)


# --- questions that name a condition, over REST ---------------------------------------------------------


def status_head(key: str, lang: str = "en") -> str | None:
    """The start of the card's status sentence in ``lang`` ("Status for multiple sclerosis: unproven",
    "Células madre en esclerosis múltiple (EM): ..."), or None."""
    from bot import conditions

    item = conditions.card(key)
    if item is None:
        return None
    label = item.status_label_in(lang)
    return f"{item.status_text(lang).split(label)[0]}{label}"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold()).strip()


def states_status(replies: list[dict], key: str, lang: str = "en") -> bool:
    head = status_head(key, lang)
    return bool(head) and any(_norm(head) in _norm(r.get("text") or "") for r in replies)


def condition_questions_report(url: str | None, language: str = "en", part: str = "dev") -> str:
    from bench.real_questions import load_questions, rest_sender

    questions = [(q, conditions_in(q.text)) for q in load_questions(language, part)]
    named = [(q, keys) for q, keys in questions if keys]
    stack = None
    try:
        if url is None:
            from tests.servers import Stack

            stack = Stack(Path(tempfile.mkdtemp(prefix="conditions-"))).start()
            url = stack.url
        send = rest_sender(url.rstrip("/"))
        results = []
        for i, (q, keys) in enumerate(named, 1):
            print(f"\r{i}/{len(named)}", end="", file=sys.stderr, flush=True)
            replies = send(f"condq-{i}-{q.id}", q.text)
            results.append((q, keys, replies, states_status(replies, keys[0], language)))
        print(file=sys.stderr)
    finally:
        if stack:
            stack.stop()
    scored = [r for r in results if r[0].label != URGENT_LABEL]
    urgent = [r for r in results if r[0].label == URGENT_LABEL]
    ok = sum(1 for r in scored if r[3])
    counts = Counter(r[1][0] for r in scored)
    lines = [
        f"Real questions ({language}_{part}) that name a condition: {len(named)} of {len(questions)} "
        f"({len(urgent)} symptom reports apart: urgent care comes first)",
        f"  reply states the condition's status: {ok}/{len(scored)} = {ok / max(len(scored), 1):.1%} (target >= 90%)",
        "  conditions: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())),
    ]
    if part != "final":
        for q, keys, replies, good in results:
            first = (replies[0].get("text") or "")[:70].replace("\n", " ") if replies else "(no reply)"
            mark = "ok " if good else ("urg" if q.label == URGENT_LABEL else "NO ")
            lines.append(f"  {mark} {q.id:12} {','.join(keys):24} {q.label:22} -> {first!r}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", default="dev", help="dev (default) or final (only when the work is done)")
    parser.add_argument("--rest", action="store_true", help="also ask the real questions over REST (own stack)")
    parser.add_argument("--url", help="a running StemSafe server for the real questions")
    parser.add_argument("--language", default="en", choices=("en", "es"), help="the real questions' language")
    args = parser.parse_args(argv)
    print(matcher_report(args.part, show_wrong=args.part != "final"))
    if args.rest or args.url:
        print()
        print(condition_questions_report(args.url, language=args.language, part=args.part))
    return 0


if __name__ == "__main__":
    sys.exit(main())
