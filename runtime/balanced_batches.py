"""Rasa's balanced batching (``RasaModelData.balanced_data``), computed on example indices: same batches, less time.

Before every training epoch DIET, the ResponseSelector and TED reorder their examples so that rare labels appear
in about every other batch. Rasa does it by walking the labels in rounds and slicing every feature array of every
label on each visit, then concatenating the slices: for the ResponseSelector (103 labels, thousands of examples,
batches of 64 at first) that is some hundred thousand small array slices an epoch, a third of its training time in
a py-spy profile of ``make train`` (2026-12-01).

Here the same rounds are walked over integer positions only, with the same random draws in the same order (one
``np.random.permutation`` of the labels per round, nothing else), and each feature array is then gathered once
with those positions. Within a label Rasa's per-label data keeps the examples' order, so the positions of a label
are its examples in order; concatenating the slices or gathering the positions yields the same rows in the same
order. ``tests/unit/test_balanced_batches.py`` checks that the output equals Rasa's, array for array.
"""

from __future__ import annotations

from typing import Any, List

import numpy as np
from rasa.utils.tensorflow.model_data import Data, RasaModelData

_original = RasaModelData.balanced_data


def balanced_order(label_ids: np.ndarray, num_examples: int, batch_size: int, shuffle: bool) -> np.ndarray:
    """The example positions in the order Rasa's balanced batching puts them (the same rounds and draws)."""
    unique_label_ids, counts = np.unique(label_ids, return_counts=True, axis=0)
    labels = np.asarray(label_ids)
    positions = [np.flatnonzero(labels == label_id) for label_id in unique_label_ids]
    count = len(unique_label_ids)
    data_idx = [0] * count
    cycles = [0] * count
    skipped = [False] * count
    pieces: List[np.ndarray] = []
    while min(cycles) == 0:
        order = np.random.permutation(count) if shuffle else np.asarray(range(count))
        for index in order:
            if cycles[index] > 0 and not skipped[index]:
                skipped[index] = True
                continue
            skipped[index] = False
            step = int(counts[index] / num_examples * batch_size) + 1
            pieces.append(positions[index][data_idx[index] : data_idx[index] + step])
            data_idx[index] += step
            if data_idx[index] >= counts[index]:
                cycles[index] += 1
                data_idx[index] = 0
            if min(cycles) > 0:
                break
    return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)


def balanced_data(self: RasaModelData, data: Data, batch_size: int, shuffle: bool) -> Data:
    """Drop-in for ``RasaModelData.balanced_data`` (same result, see module doc)."""
    self._check_label_key()
    label_key, label_sub_key = self.label_key, self.label_sub_key
    if label_key is None or label_sub_key is None or data[label_key][label_sub_key][0][0].size > 1:
        return data  # token-level labels: Rasa does not balance them either
    label_ids = self._create_label_ids(data[label_key][label_sub_key][0])
    ids = balanced_order(label_ids, self.num_examples, batch_size, shuffle)
    return self._data_for_ids(data, ids)


def install() -> None:
    """Idempotent: every RasaModelData balances through the index walk."""
    RasaModelData.balanced_data = balanced_data  # type: ignore[method-assign]


def original(self: RasaModelData, *args: Any) -> Data:
    """Rasa's own implementation (for the equivalence test)."""
    return _original(self, *args)
