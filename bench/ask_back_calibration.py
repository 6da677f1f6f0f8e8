"""Calibrates the ask-back thresholds (bot/ask_back.py) on the DEVELOPMENT part of the real-question set.

Parses every question of tests/real_questions/en_dev.yml (es_dev.yml, or both pooled: --language) with the
trained model (no servers: NLU only, the same pipeline and guards the server runs), then replays
bot/ask_back's decision for a grid of thresholds and prints right / wrong / asked back / refused for each,
as bench/real_questions.py counts them (questions labelled new:<name> are left out, and card:<key> ones: a
condition card is an action's answer, which NLU alone cannot replay). Never run it on the final part: that
part is for the end, once (bench/real_questions.py --part final).

    python bench/ask_back_calibration.py              # the grid, best rows first
    python bench/ask_back_calibration.py --show 0.5 0.2   # every question's outcome at one setting
    python bench/ask_back_calibration.py --weight 1.0     # the grid with the ResponseSelector's ranking alone
    python bench/ask_back_calibration.py --weights        # the best setting for each blend weight (0, .3 ... 1)

The model's FAQ ranking is a blend of the ResponseSelector and a linear word/character model
(components/lexical_topics.py); each parse keeps both rankings, so --weight replays another blend without
training again.

The dialogue beyond NLU (the urgent-care policy reading the conversation, the clinic check) is not
replayed: confirm a chosen setting with bench/real_questions.py, which asks the running bot.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from bench.real_questions import CARD_LABEL, OUTCOMES, Question, load_questions  # noqa: E402
from bot import ask_back  # noqa: E402
from bot.question_split import questions_in  # noqa: E402

# What the bot does for an intent that is not a FAQ question, as bench/real_questions.py labels it.
INTENT_KIND = {
    "start_clinic_check": "clinic_check",
    "recommend_clinic": "recommend",
    "report_symptoms": "urgent",
    "out_of_scope": "out_of_scope",
}


async def parse_all(model: Path, questions: list[Question]) -> list[dict]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # no debug line per parsed message

    agent = Agent.load(str(model))
    return [await agent.parse_message(q.text) for q in questions]


SPLIT = True  # --no-split: treat every message as one question (to see what the two-question rule changes)


def outcome(question: Question, parse: dict, min_confidence: float, min_lead: float) -> tuple[str, str]:
    """(outcome, what the bot would do) for one question at one setting."""
    accepted = set(question.accepted)
    intent = (parse.get("intent") or {}).get("name")
    ranking = ask_back.Ranking.from_parse(parse)
    if intent == "faq":
        questions = questions_in(parse.get("text") or "") if SPLIT else []
        decision = ask_back.decide(ranking, questions, None, min_confidence, min_lead)
    elif intent == "nlu_fallback":
        decision = ask_back.decide_unclear(ranking)
    else:
        kind = INTENT_KIND.get(intent or "", intent or "?")
        if kind == "out_of_scope":
            return ("right" if "out_of_scope" in accepted else "refused"), kind
        return ("right" if kind in accepted else "wrong"), kind
    if decision.kind == ask_back.Kind.ANSWER:
        return ("right" if decision.topic in accepted else "wrong"), str(decision.topic)
    if decision.kind == ask_back.Kind.ASK_BACK:
        return "asked_back", "asked: " + ",".join(decision.offered)
    return ("right" if "out_of_scope" in accepted else "refused"), "refused"


def reblended(parse: dict, weight: float) -> dict:
    """The parse with its FAQ ranking blended again from the two rankings it keeps, at `weight`."""
    from components.lexical_topics import LEXICAL_RANKING, SELECTOR_RANKING, blend

    faq = (parse.get("response_selector") or {}).get("faq") or {}
    if SELECTOR_RANKING not in faq:
        return parse
    linear = {e["intent_response_key"]: e["confidence"] for e in faq.get(LEXICAL_RANKING) or []}
    ranking = blend(faq[SELECTOR_RANKING], linear, weight)
    return {**parse, "response_selector": {**parse["response_selector"], "faq": {**faq, "ranking": ranking}}}


def frontier(rows: list[tuple], caps: tuple[float, ...] = (0.01, 0.02, 0.03, 0.05)) -> list[tuple[float, tuple]]:
    """For each cap on wrong answers, the setting that answers rightly most often within it."""
    best = []
    for cap in caps:
        within = [r for r in rows if r[3] <= cap + 1e-9]
        if within:
            best.append((cap, max(within, key=lambda r: (r[2], r[0], r[1]))))
    return best


def replayable(q: Question) -> bool:
    """A question NLU alone decides: it has a topic, and not a condition card (which an action gives)."""
    return q.has_topic and not q.label.startswith(CARD_LABEL)


def table(questions: list[Question], parses: list[dict], settings: list[tuple[float, float]]) -> list[tuple]:
    rows = []
    scored = [(q, p) for q, p in zip(questions, parses, strict=True) if replayable(q)]
    for conf, lead in settings:
        counts = Counter(outcome(q, p, conf, lead)[0] for q, p in scored)
        offered_right = sum(
            1
            for q, p in scored
            if outcome(q, p, conf, lead)[0] == "asked_back"
            and set(q.accepted) & set(outcome(q, p, conf, lead)[1][len("asked: ") :].split(","))
        )
        rows.append((conf, lead, *(counts[k] / len(scored) for k in OUTCOMES), offered_right, counts["asked_back"]))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "stemsafe.tar.gz")
    parser.add_argument("--cache", type=Path, help="read/write the parses here (a JSON file)")
    parser.add_argument("--show", nargs=2, type=float, metavar=("CONFIDENCE", "LEAD"))
    parser.add_argument("--no-split", action="store_true", help="ignore the two-question rule")
    parser.add_argument("--weight", type=float, help="blend the two rankings again at this selector weight")
    parser.add_argument("--weights", action="store_true", help="compare blend weights: best settings for each")
    parser.add_argument("--language", default="en", choices=["en", "es", "both"], help="whose dev part (both: pooled)")
    args = parser.parse_args(argv)
    global SPLIT
    SPLIT = not args.no_split
    languages = ["en", "es"] if args.language == "both" else [args.language]
    questions = [q for lang in languages for q in load_questions(lang, "dev")]  # never the final part
    if args.cache and args.cache.is_file():
        parses = json.loads(args.cache.read_text())
    else:
        parses = asyncio.run(parse_all(args.model, questions))
        if args.cache:
            args.cache.write_text(json.dumps(parses))
    if args.weight is not None:
        parses = [reblended(p, args.weight) for p in parses]
    settings = [(c / 100, lead / 100) for c in range(20, 85, 5) for lead in range(0, 45, 5)]
    if args.weights:
        print(f"dev part ({args.language}): best right answers within each cap on wrong ones, by blend weight")
        for weight in (0.0, 0.3, 0.5, 0.7, 1.0):
            rows = table(questions, [reblended(p, weight) for p in parses], settings)
            now = next(r for r in rows if (r[0], r[1]) == (ask_back.MIN_CONFIDENCE, ask_back.MIN_LEAD))
            print(
                f"weight {weight:.1f}: at the thresholds in use ({now[0]:.2f}/{now[1]:.2f}) "
                f"right {now[2]:.1%} wrong {now[3]:.1%} asked {now[4]:.1%}"
            )
            for cap, r in frontier(rows):
                print(
                    f"   wrong <= {cap:.0%}: conf {r[0]:.2f} lead {r[1]:.2f}  right {r[2]:.1%} wrong {r[3]:.1%} "
                    f"asked {r[4]:.1%} refused {r[5]:.1%}"
                )
        return 0
    if args.show:
        conf, lead = args.show
        for q, p in zip(questions, parses, strict=True):
            if replayable(q):
                result, did = outcome(q, p, conf, lead)
                print(f"{result:11} {q.id:12} {q.label:22} {did:60.60} {q.text[:70]!r}")
        return 0
    rows = table(questions, parses, settings)
    print(
        f"dev part ({args.language}): {sum(replayable(q) for q in questions)} questions with a topic NLU alone decides"
    )
    print(f"{'conf':>5}{'lead':>6}{'right':>8}{'wrong':>8}{'asked':>8}{'refused':>9}  right topic offered")
    for conf, lead, right, wrong, asked, refused, offered_right, n_asked in sorted(rows, key=lambda r: (r[3], -r[2])):
        print(f"{conf:5.2f}{lead:6.2f}{right:8.1%}{wrong:8.1%}{asked:8.1%}{refused:9.1%}  {offered_right}/{n_asked}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
