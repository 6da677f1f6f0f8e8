"""Prints what the lexical second opinion (components/lexical_topics.py) costs in a trained model.

Reads the LexicalTopicBlender's stored model out of the model tarball (as the server loads it: skops, only
the trusted types), then prints its file size, its vocabulary and weights, and the time one message takes
through it (TF-IDF of words and characters, then logistic regression): median, 95th percentile and worst
over the English and Spanish held-out sets' questions, one at a time as the server sees them. The time is
wall-clock on this machine: run it on an idle machine. Not a test: it prints.

    python bench/lexical_topics.py [--model models/stemsafe.tar.gz] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from bench.nlu_accuracy import load_examples  # noqa: E402
from components.lexical_topics import MODEL_FILE, TRUSTED_TYPES  # noqa: E402

HOLDOUTS = (ROOT / "tests" / "nlu_holdout.yml", ROOT / "tests" / "nlu_holdout_es.yml")


def stored_model(model: Path, into: Path) -> Path:
    """Extracts the blender's stored file from the model tarball; its path."""
    with tarfile.open(model) as tar:
        members = [m for m in tar.getmembers() if m.name.endswith("/" + MODEL_FILE)]
        if not members:
            raise SystemExit(f"{model}: no {MODEL_FILE} (was the model trained with LexicalTopicBlender?)")
        tar.extractall(into, members=members)  # noqa: S202 (our own model file, one known member)
        return into / members[0].name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "stemsafe.tar.gz")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the questions")
    args = parser.parse_args(argv)
    import skops.io as sio

    texts = [text for path in HOLDOUTS for text, _ in load_examples(path)]
    with tempfile.TemporaryDirectory() as tmp:
        path = stored_model(args.model, Path(tmp))
        size = path.stat().st_size
        started = time.perf_counter()
        model = sio.load(path, trusted=TRUSTED_TYPES)
        load_s = time.perf_counter() - started
    features, classifier = model.steps[0][1], model.steps[-1][1]
    vocabulary = sum(len(v.vocabulary_) for _, v in features.transformer_list)
    times = []
    for _ in range(args.repeat):
        for text in texts:
            started = time.perf_counter()
            model.predict_proba([text])
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(f"model file: {size / 2**20:.1f} MiB, loaded in {load_s:.2f} s")
    print(
        f"classes: {len(classifier.classes_)}, features: {vocabulary:,}, "
        f"weights: {classifier.coef_.nbytes / 2**20:.1f} MiB"
    )
    print(
        f"per message ({len(times)} parses of {len(texts)} held-out questions): "
        f"median {statistics.median(times):.2f} ms, "
        f"p95 {times[int(0.95 * (len(times) - 1))]:.2f} ms, worst {times[-1]:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
