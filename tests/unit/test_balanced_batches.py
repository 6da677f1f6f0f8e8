"""runtime/balanced_batches.py gives exactly Rasa's balanced batches: the same examples in the same order, every
feature array, from the same random state, for labels as uneven as the ResponseSelector's."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse
from rasa.utils.tensorflow.model_data import FeatureArray, RasaModelData, ragged_array_to_ndarray

from runtime import balanced_batches


def model_data(seed: int, labels: int, examples: int) -> RasaModelData:
    rng = np.random.default_rng(seed)
    weights = rng.pareto(1.5, labels) + 0.05  # a few big labels, many small ones
    label_ids = rng.choice(labels, size=examples, p=weights / weights.sum())
    label_ids[:labels] = np.arange(labels)  # every label present
    lengths = rng.integers(1, 9, size=examples)
    sequence = ragged_array_to_ndarray(
        [scipy.sparse.random(n, 50, density=0.2, format="coo", random_state=int(i)) for i, n in enumerate(lengths)]
    )
    sentence = ragged_array_to_ndarray([rng.random((1, 7)) for _ in range(examples)])
    data = {
        "text": {
            "sequence": [FeatureArray(sequence, number_of_dimensions=3)],
            "sentence": [FeatureArray(sentence, number_of_dimensions=3)],
            "sequence_lengths": [FeatureArray(lengths, number_of_dimensions=1)],
        },
        "label": {"ids": [FeatureArray(label_ids.reshape(-1, 1), number_of_dimensions=2)]},
    }
    return RasaModelData(label_key="label", label_sub_key="ids", data=data)


def same_feature_array(a: FeatureArray, b: FeatureArray) -> bool:
    if a.shape != b.shape or a.number_of_dimensions != b.number_of_dimensions or a.is_sparse != b.is_sparse:
        return False
    if a.dtype != object:
        return bool(np.array_equal(a, b))
    for x, y in zip(a, b, strict=True):
        dense_x = x.toarray() if scipy.sparse.issparse(x) else np.asarray(x)
        dense_y = y.toarray() if scipy.sparse.issparse(y) else np.asarray(y)
        if not np.array_equal(dense_x, dense_y):
            return False
    return True


@pytest.mark.parametrize("labels,examples,batch_size", [(103, 900, 64), (26, 400, 256), (5, 60, 64), (1, 10, 8)])
@pytest.mark.parametrize("shuffle", [True, False])
def test_same_batches_as_rasa(labels: int, examples: int, batch_size: int, shuffle: bool) -> None:
    for seed in (1, 2):
        data = model_data(seed, labels, examples)
        np.random.seed(seed)
        expected = balanced_batches.original(data, data.data, batch_size, shuffle)
        after_rasa = np.random.random()
        np.random.seed(seed)
        got = balanced_batches.balanced_data(data, data.data, batch_size, shuffle)
        assert np.random.random() == after_rasa, "the same random draws, so later epochs stay the same too"
        assert {k: set(v) for k, v in got.items()} == {k: set(v) for k, v in expected.items()}
        for key, attribute in expected.items():
            for sub_key, arrays in attribute.items():
                assert len(got[key][sub_key]) == len(arrays)
                for mine, theirs in zip(got[key][sub_key], arrays, strict=True):
                    assert same_feature_array(mine, theirs), (key, sub_key)
        # and it is balanced: every label appears, small ones more often than their share
        ids = got["label"]["ids"][0][:, 0]
        assert set(ids) == set(range(labels))


def test_token_level_labels_are_left_alone() -> None:
    data = model_data(3, 4, 30)
    data.data["label"]["ids"] = [FeatureArray(np.ones((30, 3)), number_of_dimensions=2)]
    assert balanced_batches.balanced_data(data, data.data, 8, True) is data.data


def test_training_installs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.engine.training.hooks import TrainingHook
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    from runtime import train

    for owner, name in (
        (RasaModelData, "balanced_data"),
        (TrainingHook, "on_before_node"),
        (TrainingHook, "on_after_node"),
        (SpacyNLP, "_process_content_bearing_samples"),
    ):
        monkeypatch.setattr(owner, name, owner.__dict__[name])  # put back after the test
    train.install()
    assert RasaModelData.balanced_data is balanced_batches.balanced_data
