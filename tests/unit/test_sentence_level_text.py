"""``text_sequence_features: false`` (components/cached_models.py) gives DIET and the ResponseSelector one empty
token row per message instead of a row per token, leaves the sentence row alone, and is refused where the token
rows would be read (transformer layers, entity recognition, masked language modelling)."""

from __future__ import annotations

from typing import Any, Dict

import numpy as np
import pytest
import scipy.sparse
from rasa.utils.tensorflow.model_data import FeatureArray, RasaModelData, ragged_array_to_ndarray

from components.cached_models import TEXT_SEQUENCE_FEATURES, _SentenceLevelText


class HandMadeData:
    """Stands in for DIET's _create_model_data: three messages of 4, 1 and 7 tokens."""

    def __init__(self, config: Dict[str, Any]) -> None:
        self.component_config = config

    def _create_model_data(self, *args: Any, **kwargs: Any) -> RasaModelData:
        lengths = [4, 1, 7]
        sequence = ragged_array_to_ndarray([scipy.sparse.coo_matrix(np.ones((n, 30))) for n in lengths])
        sentence = ragged_array_to_ndarray([scipy.sparse.coo_matrix(np.full((1, 30), n)) for n in lengths])
        data = RasaModelData(
            label_key="label",
            label_sub_key="ids",
            data={
                "text": {
                    "sequence": [FeatureArray(sequence, number_of_dimensions=3)],
                    "sentence": [FeatureArray(sentence, number_of_dimensions=3)],
                    "sequence_lengths": [FeatureArray(np.array(lengths), number_of_dimensions=1)],
                },
                "label": {"ids": [FeatureArray(np.array([[0], [1], [0]]), number_of_dimensions=2)]},
            },
        )
        data.add_sparse_feature_sizes({"text": {"sequence": [30], "sentence": [30]}})
        return data


class Model(_SentenceLevelText, HandMadeData):
    pass


def test_token_rows_become_one_empty_row_and_the_sentence_row_stays() -> None:
    data = Model({TEXT_SEQUENCE_FEATURES: False, "number_of_transformer_layers": 0})._create_model_data()
    text = data.data["text"]
    assert [row.shape for row in text["sequence"][0]] == [(1, 1)] * 3
    assert not np.asarray(text["sequence"][0]).any()
    assert list(text["sequence_lengths"][0]) == [1, 1, 1]
    assert [row.toarray()[0, 0] for row in text["sentence"][0]] == [4, 1, 7]
    assert data.get_sparse_feature_sizes() == {"text": {"sentence": [30]}}
    assert data.does_feature_exist("text", "sequence")  # Rasa's sequence layer needs one


def test_by_default_nothing_changes() -> None:
    data = Model({"number_of_transformer_layers": 0})._create_model_data()
    assert list(data.data["text"]["sequence_lengths"][0]) == [4, 1, 7]
    assert data.get_sparse_feature_sizes() == {"text": {"sequence": [30], "sentence": [30]}}


@pytest.mark.parametrize(
    "setting",
    [
        {"number_of_transformer_layers": 2},
        {"number_of_transformer_layers": {"text": 1, "label": 0}},
        {"entity_recognition": True},
        {"use_masked_language_model": True},
    ],
)
def test_refused_where_token_rows_are_read(setting: Dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=TEXT_SEQUENCE_FEATURES):
        Model({TEXT_SEQUENCE_FEATURES: False, **setting})._create_model_data()
