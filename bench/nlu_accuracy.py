"""Prints StemSafe's NLU quality on the held-out set (tests/nlu_holdout.yml), never seen in training.

Figures: intent accuracy and macro F1 (FAQ topics counted as their full `faq/<topic>` label),
FAQ topic accuracy (response selector), how often an out-of-scope message is answered with a FAQ,
and how many symptom reports reach the urgent-care intent. With --min-* thresholds it exits 1 when a
figure falls below them, so `make test` catches a model that got worse.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def load_examples(path: Path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs = []
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            if line.startswith("- "):
                pairs.append((line[2:].strip(), block["intent"]))
    return pairs


def full_label(parse: dict) -> str:
    intent = parse["intent"]["name"]
    if intent == "faq":
        key = parse.get("response_selector", {}).get("faq", {}).get("response", {}).get("intent_response_key")
        return key or "faq/?"
    return intent


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = {gold for gold, _ in pairs}
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


async def evaluate(model: Path, holdout: Path) -> dict[str, float]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    examples = load_examples(holdout)
    results = []
    for text, gold in examples:
        parse = await agent.parse_message(text)
        predicted = full_label(parse)
        if gold == "out_of_scope" and predicted == "nlu_fallback":
            predicted = gold  # both end in an honest "I can't help with that"
        results.append((gold, predicted, text))
    pairs = [(g, p) for g, p, _ in results]
    faq = [(g, p) for g, p in pairs if g.startswith("faq/")]
    oos = [p for g, p in pairs if g == "out_of_scope"]
    urgent = [p for g, p in pairs if g == "report_symptoms"]
    for gold, pred, text in results:
        if gold != pred:
            print(f"  miss: {text!r}: expected {gold}, got {pred}")
    return {
        "examples": len(pairs),
        "intent_accuracy": sum(g == p for g, p in pairs) / len(pairs),
        "intent_macro_f1": macro_f1(pairs),
        "faq_topic_accuracy": sum(g == p for g, p in faq) / len(faq),
        "out_of_scope_answered_with_faq": sum(p.startswith("faq/") for p in oos) / len(oos),
        "symptom_reports_to_urgent_care": sum(p == "report_symptoms" for p in urgent) / len(urgent),
        "confusions": len(Counter((g, p) for g, p in pairs if g != p)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "stemsafe.tar.gz")
    parser.add_argument("--holdout", type=Path, default=ROOT / "tests" / "nlu_holdout.yml")
    parser.add_argument("--min-intent-accuracy", type=float, default=0.0)
    parser.add_argument("--min-faq-accuracy", type=float, default=0.0)
    args = parser.parse_args()
    figures = asyncio.run(evaluate(args.model, args.holdout))
    print("NLU on held-out set")
    for name, value in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"  {name:34s} {shown}")
    failed = (
        figures["intent_accuracy"] < args.min_intent_accuracy
        or figures["faq_topic_accuracy"] < args.min_faq_accuracy
        or figures["symptom_reports_to_urgent_care"] < 1.0
    )
    if failed:
        print("NLU quality is below the thresholds given", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
