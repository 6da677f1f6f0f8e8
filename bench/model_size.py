"""Prints what a trained model weighs: its TensorFlow weights, and the Rasa server's memory with it loaded.

For each model tarball given: per TensorFlow component (DIET, ResponseSelector, TED) the number of
numbers stored and how many of them are the Adam optimizer's state (Rasa 3.6 saves it with the weights,
and Rasa's own load runs one training step, which rebuilds it in memory; StemSafe's components load
without it: components/serving_models.py), the
size of the weights file, and the sparse feature sizes the featurisers give DIET (the width of each
sparse-to-dense layer). With ``--rss`` it also starts the real server on the model (tests/servers.py
Stack: action server + Rasa server, own ports and databases) and reads the Rasa process's resident
memory from /proc (VmRSS after start, after some messages, and the peak VmHWM). Not a test: it prints.

    python bench/model_size.py models/stemsafe.tar.gz /tmp/other/stemsafe.tar.gz --rss
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# Everyday questions, so the memory after messages includes the caches and tracker of a few turns.
MESSAGES = [
    "hi",
    "what are stem cells",
    "is stem cell therapy approved for knee arthritis",
    "how much does it cost",
    "what questions should I ask a clinic",
    "my knee is swollen and hot after the injection",
    "thanks",
    "can you check a clinic for me",
]


def weights(model: Path) -> list[tuple[str, int, int, int]]:
    """(component, numbers stored, of which optimizer state, weights file bytes) per TF component."""
    import numpy as np
    import tensorflow as tf

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(model) as tar:
            members = [m for m in tar.getmembers() if ".tf_model." in m.name or m.name.endswith(".json")]
            tar.extractall(tmp, members=members)  # noqa: S202 - our own model file
        for index in sorted(Path(tmp).rglob("*.tf_model.index")):
            prefix = str(index)[: -len(".index")]
            shapes = tf.train.load_checkpoint(prefix).get_variable_to_shape_map()
            total = optimizer = 0
            for name, shape in shapes.items():
                count = int(np.prod(shape)) if shape else 1
                total += count
                if "/optimizer/" in name:
                    optimizer += count
            size = sum(p.stat().st_size for p in index.parent.glob(index.name.replace(".index", ".data-*")))
            component = index.parent.name.split(".")[-1].rstrip("0123456789")
            rows.append((component, total, optimizer, size))
        sizes = next(Path(tmp).rglob("*DIETClassifier.sparse_feature_sizes.json"), None)
        if sizes:
            rows.append(("DIET sparse feature sizes " + json.dumps(json.loads(sizes.read_text())["text"]), 0, 0, 0))
    return rows


def status_mb(pid: int, field: str) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for {pid}")


def server_memory(model: Path) -> tuple[float, float, float]:
    """VmRSS after start, VmRSS after MESSAGES, VmHWM (MB) of the Rasa server on `model`."""
    from tests.servers import Stack

    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(Path(tmp), model=model.resolve())
        try:
            stack.start()
            pid = stack.rasa.proc.pid
            started = status_mb(pid, "VmRSS")
            for text in MESSAGES:
                stack.say("memory", text)
            return started, status_mb(pid, "VmRSS"), status_mb(pid, "VmHWM")
        finally:
            stack.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("models", nargs="*", type=Path, default=[ROOT / "models" / "stemsafe.tar.gz"])
    parser.add_argument("--rss", action="store_true", help="also start the server on each model (slow)")
    args = parser.parse_args()
    for model in args.models:
        print(f"{model} ({model.stat().st_size / 1e6:.0f} MB packed)")
        print(f"  {'component':<28} {'numbers':>12} {'optimizer':>10} {'file MB':>8}")
        for component, total, optimizer, size in weights(model):
            if not total:
                print(f"  {component}")
                continue
            print(f"  {component:<28} {total:>12,} {optimizer / total:>9.0%} {size / 1e6:>8.1f}")
        if args.rss:
            started, after, peak = server_memory(model)
            print(
                f"  Rasa server VmRSS after start {started:,.0f} MB, after {len(MESSAGES)} messages "
                f"{after:,.0f} MB, peak (VmHWM) {peak:,.0f} MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
