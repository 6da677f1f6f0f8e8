"""A second opinion on the FAQ topic: a word and character n-gram classifier blended with the ResponseSelector.

The ResponseSelector (a neural model on sparse features) and a plain TF-IDF + logistic-regression model make
different mistakes on questions written by real people: on the development parts of the real-question sets
(bench/ask_back_calibration.py, replaying parses), the linear model alone put the right topic first about as
often as the ResponseSelector, and the average of the two was better than either (README, "Real questions").
A topic both models rank high is answered; a topic only one of them likes gets a lower blended confidence, so
bot/ask_back.py asks back instead of guessing.

This component trains on the same NLU examples as the other classifiers (every example, labelled with its FAQ
topic or its intent, so that FAQ topics are told apart from the other intents' wordings), runs right after the
ResponseSelector and rewrites `response_selector.faq`: its ranking becomes the blend
`WEIGHT * selector + (1 - WEIGHT) * linear` (the linear model's FAQ topics renormalised to sum to 1), and the
predicted response follows the new top topic; the two rankings it blended stay beside it (`selector_ranking`,
`lexical_ranking`). Intents are left alone. Everything downstream (the FAQ action,
the urgent-care follow-up, the clinic check) reads the blended ranking as it read the selector's.

The fitted model is stored in the Rasa model with skops (no pickle), loaded only if it holds the types below; a
file holding others stops the server (UntrustedModel) rather than serving quietly without the second opinion.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Mapping, Sequence

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.ask_back import SECOND_OPINION

logger = logging.getLogger(__name__)

RETRIEVAL_INTENT = "faq"
WEIGHT = 0.5  # the ResponseSelector's share of the blend; bench/ask_back_calibration.py --weight replays others
RANKING_LENGTH = 10  # as many topics as the ResponseSelector ranks
MODEL_FILE = "lexical_topics.skops"
RESPONSES_KEY = "responses"
SELECTOR_RANKING = "selector_ranking"  # the ResponseSelector's own ranking, before the blend
LEXICAL_RANKING = SECOND_OPINION  # the linear model's FAQ ranking (top RANKING_LENGTH); bot.ask_back offers its best
# Types the stored file may hold beyond the ones skops trusts by default (sklearn's estimators, numpy arrays).
TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]


class UntrustedModel(RuntimeError):
    """The stored model holds types it should not: it is not loaded, and the server does not start on it."""


def label_of(message: Message) -> str | None:
    """A training example's class: its FAQ topic key ("faq/rejection"), else its intent."""
    return message.get(INTENT_RESPONSE_KEY) or message.get(INTENT)


def blend(
    selector: Sequence[Mapping[str, Any]], linear: Mapping[str, float], weight: float = WEIGHT
) -> list[dict[str, Any]]:
    """The blended FAQ ranking, best first: each topic's `weight * selector + (1 - weight) * linear`.

    `selector` is the ResponseSelector's ranking (entries with `intent_response_key` and `confidence`), `linear`
    the linear model's probability for each `faq/<topic>` key. A topic missing from one side counts 0 there."""
    scores: dict[str, float] = {}
    ids: dict[str, Any] = {}
    for entry in selector:
        key = str(entry.get(INTENT_RESPONSE_KEY) or "")
        if key:
            scores[key] = weight * float(entry.get("confidence") or 0.0)
            ids[key] = entry.get("id")
    for key, probability in linear.items():
        scores[key] = scores.get(key, 0.0) + (1.0 - weight) * float(probability)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:RANKING_LENGTH]
    return [{"id": ids.get(key), "confidence": score, INTENT_RESPONSE_KEY: key} for key, score in ranked]


def faq_share(classes: Sequence[str], probabilities: Sequence[float]) -> dict[str, float]:
    """The linear model's FAQ topics only, renormalised to sum to 1 (the selector ranks FAQ topics only)."""
    faq = {c: float(p) for c, p in zip(classes, probabilities, strict=True) if c.startswith(RETRIEVAL_INTENT + "/")}
    total = sum(faq.values())
    return {c: p / total for c, p in faq.items()} if total > 0 else {}


def build_model() -> Any:
    """TF-IDF over words (1-2) and characters inside words (2-5, robust to typos), then logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    features = make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
    )
    return make_pipeline(features, LogisticRegression(C=10.0, max_iter=3000))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LexicalTopicBlender(GraphComponent):
    """Blends a TF-IDF + logistic-regression topic model into the ResponseSelector's FAQ ranking."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"weight": WEIGHT}

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Any = None,
        responses: Dict[str, Any] | None = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model
        self.responses = responses or {}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LexicalTopicBlender:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.training_examples if m.get(TEXT) and label_of(m)]
        labels = [str(label_of(m)) for m in examples]
        if len(set(labels)) < 2 or not any(label.startswith(RETRIEVAL_INTENT + "/") for label in labels):
            logger.warning("LexicalTopicBlender: no FAQ topics to learn; the selector's ranking is kept as it is")
            return self._resource
        self.model = build_model().fit([m.get(TEXT) for m in examples], labels)
        self.responses = {
            name: variants
            for name, variants in training_data.responses.items()
            if name.startswith(f"utter_{RETRIEVAL_INTENT}/")
        }
        self.persist()
        return self._resource

    def persist(self) -> None:
        import json

        import skops.io as sio

        with self._model_storage.write_to(self._resource) as directory:
            sio.dump(self.model, directory / MODEL_FILE)
            (directory / "responses.json").write_text(json.dumps(self.responses), encoding="utf-8")

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LexicalTopicBlender:
        import json

        import skops.io as sio

        try:
            with model_storage.read_from(resource) as directory:
                path = directory / MODEL_FILE
                if not path.is_file():
                    raise FileNotFoundError(path)
                untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
                if untrusted:  # a model file that was changed after training: refuse to serve, do not degrade quietly
                    raise UntrustedModel(f"unexpected types in {MODEL_FILE}: {sorted(untrusted)}")
                model = sio.load(path, trusted=TRUSTED_TYPES)
                responses = json.loads((directory / "responses.json").read_text(encoding="utf-8"))
        except UntrustedModel:
            raise
        except (ValueError, FileNotFoundError) as error:  # never trained (no FAQ topics): nothing to blend
            logger.warning(f"LexicalTopicBlender: no stored model ({error}); the selector's ranking is kept")
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, model, responses)

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None:
            return messages
        for message in messages:
            selector = message.get("response_selector") or {}
            faq = selector.get(RETRIEVAL_INTENT)
            text = message.get(TEXT)
            if not faq or not text:
                continue
            linear = faq_share(self.model.classes_, self.model.predict_proba([text])[0])
            selector_ranking = faq.get("ranking") or []
            ranking = blend(selector_ranking, linear, self._weight)
            if not ranking:
                continue
            prediction = self._prediction(faq, ranking)
            # Both opinions stay in the parse: bench/ask_back_calibration.py --weight replays other blends from them.
            prediction[SELECTOR_RANKING] = selector_ranking
            prediction[LEXICAL_RANKING] = blend([], linear, 0.0)
            message.set("response_selector", {**selector, RETRIEVAL_INTENT: prediction}, add_to_output=True)
        return messages

    @property
    def _weight(self) -> float:
        return float(self._config.get("weight", WEIGHT))

    def _prediction(self, faq: Mapping[str, Any], ranking: list[dict[str, Any]]) -> dict[str, Any]:
        top = ranking[0]
        key = top[INTENT_RESPONSE_KEY]
        response = dict(faq.get("response") or {})
        if response.get(INTENT_RESPONSE_KEY) != key:
            utter = f"utter_{key}"
            response[RESPONSES_KEY] = self.responses.get(utter) or [{TEXT: key}]
            response["utter_action"] = utter
            response[INTENT_RESPONSE_KEY] = key
        response["confidence"] = top["confidence"]
        return {**faq, "response": response, "ranking": ranking}
