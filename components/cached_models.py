"""Rasa's DIET, ResponseSelector and TED models with a bounded memory of their recent answers.

Profiling under load (bench/profiling.py) put 45% of the Rasa server's CPU in these three TensorFlow
models, most of it fixed per-call overhead (about 11 ms for DIET, 7 ms for the ResponseSelector and
7 ms for each TED prediction on this machine) rather than arithmetic. Their answers are pure
functions of what they are given, so the same input is not computed twice:

- DIET and the ResponseSelector: keyed by a hash (BLAKE2b) of the message text (the featurisers before
  them are deterministic functions of the text), so no user's words are kept in memory, even after
  "delete my data"; texts are bounded by the entry gate's model window anyway (security review L11).
  Repeated texts are common in a chat: greetings, "yes",
  "I don't know", "stop", popular questions. A text with an e-mail address or phone number in it
  (bot.redact) is never kept.
- TED: keyed by the dialogue states it predicts from (its last ``max_history`` turns: intent,
  entities, slots, previous action, active form), the same key MemoizationPolicy uses; the text of
  the last message is added when TED was trained on texts.

Training is Rasa's own (same classes, same seeds), so a model trained with these names predicts
exactly what the stock components would. Each cache holds at most ``cache_size`` answers (config
key, default 10,000; 0 turns it off) and returns copies, so no caller can change a stored answer.

With ``text_sequence_features: false`` (config key; default true, as Rasa does) the two NLU models get only the
sentence-level features of a message, not one row per token. Without transformer layers, entity recognition or
masked language modelling, Rasa's DIET and ResponseSelector embed each token position on its own and then read
only the sentence position (``_last_token``), so the token rows are computed on every step of training and of
every prediction and then thrown away (the lexical-syntactic featuriser's rows, which have no sentence
row, never reached the answer either). The ResponseSelector's 512-unit layers made that most of its training time.
The sentence row is computed as before (the same layers); the setting is refused where token rows are used.

The ResponseSelector's training no longer hashes its featurised examples: Rasa's ``preprocess_train_data`` keeps the
retrieval intent's examples with ``TrainingData.filter_training_examples``, whose new ``TrainingData`` de-duplicates
them again by hash, and a featurised example's hash is a fingerprint of every sparse feature matrix it carries (a
py-spy profile of ``make train`` on 2026-12-02: 99 s of 11.5 minutes). The examples were stripped and
de-duplicated when the data was loaded and featurising gives no two of them the same features, so the filter
here keeps the same examples in the same order without hashing them (tests/unit/test_cached_models.py compares the
two).

Their ``model_class`` hooks load the TensorFlow models for serving (components/serving_models.py: the
trained weights without the optimizer state, which took more memory than the weights); a model
trained before that loads and predicts the same numbers.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any, Callable, Dict, List, Optional, Type

import numpy as np
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.policies.ted_policy import TED, TEDPolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import (
    ENTITY_RECOGNITION,
    MASKED_LM,
    NUM_TRANSFORMER_LAYERS,
    SENTENCE,
    SEQUENCE,
    SEQUENCE_LENGTH,
)
from rasa.utils.tensorflow.model_data import FeatureArray, RasaModelData, ragged_array_to_ndarray
from rasa.utils.tensorflow.models import RasaModel

from bot.lru import LRU
from bot.redact import redact
from components.serving_models import ServingDIET, ServingDIET2BOW, ServingDIET2DIET, ServingTED

CACHE_SIZE = "cache_size"
DEFAULT_CACHE_SIZE = 10_000
TEXT_SEQUENCE_FEATURES = "text_sequence_features"


def text_key(text: str) -> bytes:
    """The cache key of a message text: its hash, not the words themselves."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).digest()


def cache_for(owner: Any, config: Dict[str, Any]) -> LRU[Any]:
    """The owner's prediction cache, made on first use with the configured size."""
    cache = owner.__dict__.get("_prediction_cache")
    if cache is None:
        cache = LRU(config.get(CACHE_SIZE, DEFAULT_CACHE_SIZE))
        owner.__dict__["_prediction_cache"] = cache
    return cache


class _TextKeyedPredictions:
    """Mixin for DIET-based classifiers: remembers the raw model output for each message text."""

    component_config: Dict[str, Any]

    @property
    def prediction_cache(self) -> LRU[Any]:
        return cache_for(self, self.component_config)

    def _predict(self, message: Message) -> Optional[Dict[str, Any]]:
        text = message.get(TEXT)
        if not isinstance(text, str):
            return super()._predict(message)  # type: ignore[misc]
        key = text_key(text)
        stored = self.prediction_cache.get(key)
        if stored is None:
            stored = super()._predict(message)  # type: ignore[misc]
            if stored is None or redact(text) != text:
                return stored  # nothing to keep, or contact details that must not be kept
            self.prediction_cache.put(key, stored)
        return copy.deepcopy(stored)


def _token_rows_used(config: Dict[str, Any]) -> list[str]:
    """The settings under which a DIET-based model reads the text's token rows (empty: it reads only the sentence)."""
    layers = config.get(NUM_TRANSFORMER_LAYERS) or 0
    if isinstance(layers, dict):
        layers = layers.get(TEXT) or 0
    used = [f"{NUM_TRANSFORMER_LAYERS}: {layers}"] if layers else []
    used += [key for key in (MASKED_LM, ENTITY_RECOGNITION) if config.get(key)]
    return used


class _SentenceLevelText:
    """Mixin: with ``text_sequence_features: false`` the text's token rows are replaced by one empty row.

    Rasa's sequence layer needs some token-level feature, so each message gets a single token row holding one
    zero; the sentence row stays as it was, and so does the layer that brings both to one width.
    """

    component_config: Dict[str, Any]

    def _create_model_data(self, *args: Any, **kwargs: Any) -> RasaModelData:
        model_data: RasaModelData = super()._create_model_data(*args, **kwargs)  # type: ignore[misc]
        if self.component_config.get(TEXT_SEQUENCE_FEATURES, True):
            return model_data
        if used := _token_rows_used(self.component_config):
            raise ValueError(f"{TEXT_SEQUENCE_FEATURES}: false needs a model that ignores token rows, not {used}")
        text = model_data.data.get(TEXT)
        if text is None or not text.get(SENTENCE) or not text.get(SEQUENCE):
            return model_data
        count = len(text[SENTENCE][0])
        placeholder = [np.zeros((1, 1), dtype=np.float32) for _ in range(count)]
        text[SEQUENCE] = [FeatureArray(ragged_array_to_ndarray(placeholder), number_of_dimensions=3)]
        text[SEQUENCE_LENGTH] = [FeatureArray(np.ones(count, dtype=np.int64), number_of_dimensions=1)]
        model_data.sparse_feature_sizes.get(TEXT, {}).pop(SEQUENCE, None)
        return model_data


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True,
)
class CachedDIETClassifier(_SentenceLevelText, _TextKeyedPredictions, DIETClassifier):
    """DIETClassifier that does not run its model twice for the same text."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**DIETClassifier.get_default_config(), CACHE_SIZE: DEFAULT_CACHE_SIZE, TEXT_SEQUENCE_FEATURES: True}

    @staticmethod
    def model_class() -> Type[RasaModel]:
        return ServingDIET


class LoadedTrainingData(TrainingData):
    """Training data whose examples were stripped and de-duplicated when loaded: a filtered copy skips Rasa's second
    de-duplication, which hashes every featurised example (its fingerprint covers all its feature matrices)."""

    @staticmethod
    def sanitize_examples(examples: List[Message]) -> List[Message]:
        return list(examples)

    @classmethod
    def of(cls, data: TrainingData, examples: List[Message] | None = None) -> LoadedTrainingData:
        """`data` (or `examples` with the rest of `data`) as loaded training data."""
        examples = data.training_examples if examples is None else examples
        return cls(examples, data.entity_synonyms, data.regex_features, data.lookup_tables, data.responses)

    def filter_training_examples(self, condition: Callable[[Message], bool]) -> LoadedTrainingData:
        return self.of(self, [example for example in self.training_examples if condition(example)])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class CachedResponseSelector(_SentenceLevelText, _TextKeyedPredictions, ResponseSelector):
    """ResponseSelector that does not run its model twice for the same text."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**ResponseSelector.get_default_config(), CACHE_SIZE: DEFAULT_CACHE_SIZE, TEXT_SEQUENCE_FEATURES: True}

    @staticmethod
    def model_class(use_text_as_label: bool) -> Type[RasaModel]:  # type: ignore[override]
        return ServingDIET2DIET if use_text_as_label else ServingDIET2BOW

    def preprocess_train_data(self, training_data: TrainingData) -> RasaModelData:
        return super().preprocess_train_data(LoadedTrainingData.of(training_data))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITH_END_TO_END_SUPPORT, is_trainable=True)
class CachedTEDPolicy(TEDPolicy):
    """TEDPolicy that does not run its model twice for the same dialogue states."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**TEDPolicy.get_default_config(), CACHE_SIZE: DEFAULT_CACHE_SIZE}

    @staticmethod
    def model_class() -> Type[TED]:
        return ServingTED

    @property
    def prediction_cache(self) -> LRU[PolicyPrediction]:
        return cache_for(self, self.config)

    def _cache_key(
        self, tracker: DialogueStateTracker, domain: Domain, rule_only_data: Optional[Dict[str, Any]]
    ) -> bytes:
        states = self._prediction_states(
            tracker, domain, use_text_for_last_user_input=self.only_e2e, rule_only_data=rule_only_data
        )
        key: Dict[str, Any] = {"states": states}
        if TEXT in self.fake_features:
            key["text"] = tracker.latest_message.text if tracker.latest_message else None
        return text_key(json.dumps(key, sort_keys=True, default=str))

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        precomputations: Optional[Any] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        if self.model is None or not self.prediction_cache.size:
            return super().predict_action_probabilities(tracker, domain, rule_only_data, precomputations, **kwargs)
        key = self._cache_key(tracker, domain, rule_only_data)
        stored = self.prediction_cache.get(key)
        if stored is None:
            stored = super().predict_action_probabilities(tracker, domain, rule_only_data, precomputations, **kwargs)
            if stored.optional_events:
                return stored  # entities found in a text: specific to this message, not reused
            self.prediction_cache.put(key, stored)
        return copy.deepcopy(stored)
