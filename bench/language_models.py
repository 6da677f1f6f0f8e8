"""One bilingual NLU model, or one model per language? Trains both ways and prints accuracy, size, memory
and start time side by side (issue 13).

- bilingual:    every file in data/ (English and Spanish examples under the same intents and FAQ topics);
- per language: English = data/ without the `*_es.yml` files; Spanish = the `*_es.yml` files, plus the
                shared lookups and the FAQ answers (responses only, no examples).

Each model is trained with the project's config.yml (`rasa train nlu`, through runtime.serve), then
judged on the held-out sets nobody trains on: tests/nlu_holdout.yml (English) and tests/nlu_holdout_es.yml
(Spanish), intent accuracy and FAQ topic accuracy, and on the dev parts of the real-question sets
(tests/real_questions/<lang>_dev.yml: right and wrong at the ask-back thresholds, NLU only, replayed as
bench/ask_back_calibration.py does). Memory and start time are measured in a fresh process per
model (resident memory after loading, seconds to load): serving per language means two Rasa servers, so
their memory adds up. The dialogue policies do not depend on the language and are left out of all three.

    PYTHONPATH=. .venv/bin/python bench/language_models.py           # ~10 minutes on 2 cores
    PYTHONPATH=. .venv/bin/python bench/language_models.py --keep /tmp/langmodels   # keep the models
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ask_back_calibration import outcome, replayable  # noqa: E402
from bench.nlu_accuracy import full_label, load_examples  # noqa: E402
from bench.real_questions import load_questions  # noqa: E402
from bot import ask_back  # noqa: E402

HOLDOUTS = {"en": ROOT / "tests" / "nlu_holdout.yml", "es": ROOT / "tests" / "nlu_holdout_es.yml"}
SHARED = ("lookups.yml", "faq_answers.yml")  # no examples of a language: regexes, lookups, answers


def data_files(which: str) -> list[Path]:
    """The data files a model of `which` ("bilingual", "en" or "es") is trained on."""
    files = sorted((ROOT / "data").glob("*.yml"))
    if which == "bilingual":
        return files
    if which == "en":
        return [f for f in files if not f.stem.endswith("_es")]
    return [f for f in files if f.stem.endswith("_es") or f.name in SHARED]


def train(which: str, out: Path) -> tuple[Path, float]:
    """Train an NLU model of `which` into `out`; the model's path and the training's wall-clock seconds."""
    data = out / f"data_{which}"
    data.mkdir(parents=True, exist_ok=True)
    for path in data_files(which):
        shutil.copy(path, data / path.name)
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "runtime.serve", "train", "nlu", "--config", str(ROOT / "config.yml"),
         "--nlu", str(data), "--out", str(out), "--fixed-model-name", f"nlu_{which}"],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return out / f"nlu_{which}.tar.gz", time.monotonic() - started


_LOAD = """
import asyncio, json, resource, sys, time
started = time.monotonic()
from rasa.core.agent import Agent
agent = Agent.load(sys.argv[1])
asyncio.run(agent.parse_message("hello"))
loaded = time.monotonic() - started
print(json.dumps({"load_s": loaded, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def load_figures(model: Path) -> dict[str, float]:
    """Seconds to import Rasa, load the model and parse one message, and peak resident memory, in a fresh
    process."""
    out = subprocess.run(
        [sys.executable, "-c", _LOAD, str(model)], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


async def accuracy(model: Path, lang: str) -> dict[str, float]:
    """Held-out and real-question (dev part) figures of one model for one language."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    pairs = []
    for text, gold in load_examples(HOLDOUTS[lang]):
        predicted = full_label(await agent.parse_message(text))
        if gold == "out_of_scope" and predicted == "nlu_fallback":
            predicted = gold
        pairs.append((gold, predicted))
    faq = [(g, p) for g, p in pairs if g.startswith("faq/")]
    real = [q for q in load_questions(lang, "dev") if replayable(q)]  # the dev part only, never the final one
    outcomes = [
        outcome(q, await agent.parse_message(q.text), ask_back.MIN_CONFIDENCE, ask_back.MIN_LEAD)[0] for q in real
    ]
    return {
        "intent": sum(g == p for g, p in pairs) / len(pairs),
        "faq_topic": sum(g == p for g, p in faq) / len(faq) if faq else float("nan"),
        "examples": len(pairs),
        "real_right": outcomes.count("right") / len(real),
        "real_wrong": outcomes.count("wrong") / len(real),
        "real_questions": len(real),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="train into this folder and keep the models")
    args = parser.parse_args(argv)
    for lang, path in HOLDOUTS.items():
        if not path.is_file():
            print(f"missing held-out set for {lang}: {path}", file=sys.stderr)
            return 2
    out = args.keep or Path(tempfile.mkdtemp(prefix="langmodels-"))
    out.mkdir(parents=True, exist_ok=True)
    rows: dict[str, dict] = {}
    for which in ("bilingual", "en", "es"):
        model, seconds = train(which, out)
        figures = {"train_s": seconds, "size_mb": model.stat().st_size / 2**20, **load_figures(model)}
        langs = ("en", "es") if which == "bilingual" else (which,)
        for lang in langs:
            figures[lang] = asyncio.run(accuracy(model, lang))
        rows[which] = figures
        print(f"trained {which}: {seconds:.0f} s", file=sys.stderr)

    bi, en, es = rows["bilingual"], rows["en"], rows["es"]
    print("One bilingual NLU model vs one per language (held-out sets; memory and start in fresh processes)")
    print(f"{'':34s} {'bilingual':>12s} {'per language':>14s}")
    for lang, single in (("en", en), ("es", es)):
        print(f"  {lang} intent accuracy              {bi[lang]['intent']:12.3f} {single[lang]['intent']:14.3f}")
        print(f"  {lang} FAQ topic accuracy           {bi[lang]['faq_topic']:12.3f} {single[lang]['faq_topic']:14.3f}")
        for kind in ("right", "wrong"):
            both, one = bi[lang][f"real_{kind}"], single[lang][f"real_{kind}"]
            print(f"  {lang} real questions (dev), {kind}    {both:12.1%} {one:14.1%}")
    print(f"  training, wall-clock s            {bi['train_s']:12.0f} {en['train_s'] + es['train_s']:14.0f}")
    print(f"  model files, MB                   {bi['size_mb']:12.1f} {en['size_mb'] + es['size_mb']:14.1f}")
    print(f"  memory after load, MB (servers)   {bi['rss_mb']:12.0f} {en['rss_mb'] + es['rss_mb']:14.0f}")
    print(f"  start (import + load + 1 parse) s {bi['load_s']:12.1f} {max(en['load_s'], es['load_s']):14.1f}")
    print(f"  (per language: en {en['rss_mb']:.0f} MB + es {es['rss_mb']:.0f} MB; held-out examples "
          f"en {bi['en']['examples']}, es {bi['es']['examples']}; real questions with a topic NLU alone decides "
          f"en {bi['en']['real_questions']}, es {bi['es']['real_questions']}, at the ask-back thresholds "
          f"{ask_back.MIN_CONFIDENCE} / {ask_back.MIN_LEAD}, NLU only)")  # fmt: skip
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
