"""Training skips the fingerprints of featurised data only when Rasa's training cache is off (runtime/train.py):
with a cache, Rasa's hook works as before, so a cached run still finds its entries."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from rasa.engine.caching import LocalTrainingCache
from rasa.engine.training import fingerprinting
from rasa.engine.training.hooks import TrainingHook

from runtime import train


def hook_with_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, size_mb: str) -> tuple[TrainingHook, list]:
    monkeypatch.setenv("RASA_MAX_CACHE_SIZE", size_mb)
    monkeypatch.setenv("RASA_CACHE_DIRECTORY", str(tmp_path / "cache"))
    calls: list = []
    monkeypatch.setattr(fingerprinting, "calculate_fingerprint_key", lambda **kw: calls.append(kw) or "key")
    schema = SimpleNamespace(nodes={"featurizer": SimpleNamespace(uses=object)})
    hook = TrainingHook(LocalTrainingCache(), model_storage=None, pruned_schema=schema)  # type: ignore[arg-type]
    monkeypatch.setattr(TrainingHook, "on_before_node", train.on_before_node)  # what install() sets
    monkeypatch.setattr(TrainingHook, "on_after_node", train.on_after_node)
    return hook, calls


def test_no_fingerprints_when_the_cache_is_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    hook, calls = hook_with_cache(monkeypatch, tmp_path, "0")
    context = SimpleNamespace(graph_schema=SimpleNamespace(nodes={"featurizer": SimpleNamespace(uses=object)}))
    data = hook.on_before_node("featurizer", context, {}, {"training_data": object()})  # type: ignore[arg-type]
    assert data == {} and calls == []
    hook.on_after_node("featurizer", context, {}, object(), data)  # type: ignore[arg-type]  # no KeyError


def test_a_cache_still_gets_its_fingerprints(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    hook, calls = hook_with_cache(monkeypatch, tmp_path, "100")
    context = SimpleNamespace(graph_schema=SimpleNamespace(nodes={"featurizer": SimpleNamespace(uses=object)}))
    data = hook.on_before_node("featurizer", context, {}, {"training_data": 1})  # type: ignore[arg-type]
    assert data == {"fingerprint_key": "key"} and len(calls) == 1


def test_spacy_parses_each_distinct_text_once_and_every_example_gets_its_parse() -> None:
    import spacy

    nlp = spacy.blank("en")
    seen: list[str] = []
    real_pipe = nlp.pipe

    def counting_pipe(texts: list[str], batch_size: int = 50) -> list:
        seen.extend(texts)
        return list(real_pipe(texts, batch_size=batch_size))

    nlp.pipe = counting_pipe  # type: ignore[method-assign]
    samples = [(0, "same answer"), (3, "other"), (5, "same answer")]
    docs = train.parse_distinct(nlp, samples)
    assert [i for i, _ in docs] == [0, 3, 5]
    assert [d.text for _, d in docs] == ["same answer", "other", "same answer"]
    assert seen == ["same answer", "other"]
