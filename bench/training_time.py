"""Prints where `rasa train` spends its time: wall and CPU seconds per component, from scratch.

Trains in this process (Rasa's own ``train``, the project's config, domain and data, no training
cache: a temporary ``RASA_CACHE_DIRECTORY``) and attributes time to the component Rasa logs as being
trained ("Starting/Finished to train component ..."); the time between two components (featurising
the training data, validation, packing the model) is listed as "between components". CPU seconds
are the process's (all threads; TensorFlow uses both cores), steadier than wall time on a shared
machine. Not a test: it prints.

Usage: python bench/training_time.py [--config config.yml] [--out DIR]
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the config names the project's components (components.cached_models...)
START = re.compile(r"Starting to train component '(\w+)'")
FINISH = re.compile(r"Finished training component '(\w+)'")


class Clock(logging.Handler):
    """Splits the run at each component's start and end."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.mark = (time.perf_counter(), time.process_time())
        self.current = "between components (reading and featurising data, validation)"
        self.totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        self.counts: dict[str, int] = defaultdict(int)

    def switch(self, to: str) -> None:
        now = (time.perf_counter(), time.process_time())
        total = self.totals[self.current]
        total[0] += now[0] - self.mark[0]
        total[1] += now[1] - self.mark[1]
        self.mark, self.current = now, to

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if started := START.search(message):
            self.switch(started.group(1))
            self.counts[started.group(1)] += 1
        elif FINISH.search(message):
            self.switch("between components (reading and featurising data, validation)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", default=str(ROOT / "config.yml"))
    parser.add_argument("--out", default=None, help="where the model goes (default: a temporary folder)")
    args = parser.parse_args()
    os.chdir(ROOT)  # config.yml names models/spacy_pipeline relative to the project
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    cache = tempfile.mkdtemp(prefix="stemsafe-train-cache-")
    os.environ["RASA_CACHE_DIRECTORY"] = cache  # read when rasa.engine.caching is imported: no cached outputs
    out = args.out or tempfile.mkdtemp(prefix="stemsafe-train-")

    from rasa.model_training import train

    clock = Clock()
    hooks = logging.getLogger("rasa.engine.training.hooks")
    hooks.setLevel(logging.INFO)
    hooks.addHandler(clock)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    result = train("domain", args.config, ["data"], output=out, force_training=True, fixed_model_name="stemsafe")
    clock.switch("packing")
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    if result.code != 0:
        sys.exit(f"training failed (code {result.code})")
    load = os.getloadavg()
    print(f"\nrasa train from scratch: {wall:.0f} s wall, {cpu:.0f} s CPU (load average now {load[0]:.1f})")
    print(f"{'component':<62} {'wall s':>7} {'CPU s':>7} {'CPU %':>6}")
    for name, (w, c) in sorted(clock.totals.items(), key=lambda item: -item[1][1]):
        label = name + (f" x{clock.counts[name]}" if clock.counts.get(name, 0) > 1 else "")
        print(f"{label:<62} {w:>7.1f} {c:>7.1f} {100 * c / cpu:>5.0f}%")
    print(f"model: {result.model}")


if __name__ == "__main__":
    main()
