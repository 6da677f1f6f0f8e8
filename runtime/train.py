"""Trains the model with Rasa's own ``rasa train``, minus cache bookkeeping that is thrown away: ``python -m
runtime.train --domain domain ...`` (the arguments of ``rasa train``; ``make train`` starts it).

Rasa's training graph runs a hook around every node (``rasa.engine.training.hooks.TrainingHook``). Before the
node it fingerprints the node's inputs, after it the node's output, and hands both to the training cache. For
the featurisers the input and output are the whole training data with every example's sparse features, so
each fingerprint hashes every example's feature matrices again: about half a minute a featuriser here, some
2.5 of the 4 minutes before DIET starts. When the cache is off (``RASA_MAX_CACHE_SIZE=0``, which ``make``
sets unless told otherwise), the cache drops what it is handed (``LocalTrainingCache.cache_output`` returns at
once), so the fingerprints are computed for nothing. Here they are skipped in that case only. The graph, the
components, their order and their outputs are Rasa's own, so the model is the one ``rasa train`` makes.

The fingerprint *run* Rasa makes before training (which nodes may be taken from the cache) is left alone:
it hashes the inputs from the files, not the featurised data, and an empty cache answers it quickly.

spaCy runs once per distinct text. ``SpacyNLP`` parses each example's text and, for a FAQ example, its answer:
the same 49 English and 49 Spanish answers, about 100 words each, parsed once per example (some 3,000 times),
most of the minute and a half spaCy took. Equal texts now share one parse. The parse of a text does not depend
on the example it came from, and nothing after SpacyNLP changes a parse (the tokenizer and the entity
extractor read it), so every example gets what it got before.
"""

from __future__ import annotations

import sys
from typing import Any, Dict, List, Text, Tuple

from rasa.engine.caching import LocalTrainingCache
from rasa.engine.training.hooks import TrainingHook
from rasa.nlu.utils.spacy_utils import SpacyNLP

from runtime import balanced_batches, rasa_internals

_original_before = TrainingHook.on_before_node
_original_after = TrainingHook.on_after_node


def _cache_is_off(hook: TrainingHook) -> bool:
    cache = getattr(hook, "_cache", None)
    return isinstance(cache, LocalTrainingCache) and cache._is_disabled()


def on_before_node(
    self: TrainingHook,
    node_name: Text,
    execution_context: Any,
    config: Dict[Text, Any],
    received_inputs: Dict[Text, Any],
) -> Dict:
    if _cache_is_off(self):
        return {}
    return _original_before(self, node_name, execution_context, config, received_inputs)


def on_after_node(
    self: TrainingHook,
    node_name: Text,
    execution_context: Any,
    config: Dict[Text, Any],
    output: Any,
    input_hook_data: Dict,
) -> None:
    if _cache_is_off(self):
        return None
    return _original_after(self, node_name, execution_context, config, output, input_hook_data)


def parse_distinct(model: Any, samples_to_pipe: List[Tuple[int, Text]]) -> List[Tuple[int, Any]]:
    """SpacyNLP._process_content_bearing_samples, parsing each distinct text once (same order, same docs)."""
    distinct = list(dict.fromkeys(text for _, text in samples_to_pipe))
    parsed = dict(zip(distinct, model.pipe(distinct, batch_size=50), strict=True))
    return [(index, parsed[text]) for index, text in samples_to_pipe]


def install() -> None:
    """Idempotent: the hook's two methods skip their fingerprints when the cache is off; spaCy parses each
    distinct training text once; balanced batches are computed on indices (runtime/balanced_batches.py)."""
    TrainingHook.on_before_node = on_before_node  # type: ignore[method-assign]
    TrainingHook.on_after_node = on_after_node  # type: ignore[method-assign]
    SpacyNLP._process_content_bearing_samples = staticmethod(parse_distinct)  # type: ignore[method-assign]
    balanced_batches.install()


def main() -> None:
    rasa_internals.require()
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv = [sys.argv[0], "train", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
