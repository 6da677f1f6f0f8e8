"""With the trained model: the server holds DIET's, the ResponseSelector's and TED's trained weights and
nothing of the optimizer that trained them (which took more memory than the weights themselves)."""

from __future__ import annotations

import hashlib
import tarfile
from collections import Counter
from pathlib import Path

import pytest
import tensorflow as tf
from rasa.core.agent import Agent

from components.cached_models import CachedDIETClassifier, CachedResponseSelector, CachedTEDPolicy
from components.serving_models import optimizer_numbers
from tests.model.conftest import component
from tests.servers import MODEL

COMPONENTS = (CachedDIETClassifier, CachedResponseSelector, CachedTEDPolicy)


def fingerprint(value: object) -> str:
    array = tf.convert_to_tensor(value).numpy()
    return f"{array.dtype}{array.shape}:{hashlib.sha1(array.tobytes()).hexdigest()}"


@pytest.fixture(scope="module")
def checkpoints(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[set[str]]]:
    """Per component class name: each trained value in its weights file (optimizer state left out), as the
    fingerprints a loaded model may hold it under."""
    folder = tmp_path_factory.mktemp("weights")
    with tarfile.open(MODEL) as tar:
        tar.extractall(folder, members=[m for m in tar.getmembers() if ".tf_model." in m.name])  # noqa: S202
    found: dict[str, list[set[str]]] = {}
    for index in folder.rglob("*.tf_model.index"):
        reader = tf.train.load_checkpoint(str(index)[: -len(".index")])
        skip = ("optimizer", "save_counter", "_CHECKPOINTABLE_OBJECT_GRAPH")
        names = [n for n in reader.get_variable_to_shape_map() if not any(s in n for s in skip)]
        found[Path(index).parent.name.rsplit(".", 1)[-1].rstrip("0123456789")] = [held_as(reader, n) for n in names]
    return found


def held_as(reader: tf.train.CheckpointReader, name: str) -> set[str]:
    """A stored value as a loaded model may hold it. Rasa's sparsely connected layers
    (RandomlyConnectedDense) zero their kernel with their stored mask on each call: a layer that has run
    holds the masked kernel, one that has not yet (the load runs one prediction) the stored one."""
    value = reader.get_tensor(name)
    mask = name.replace("/kernel/", "/kernel_mask/")
    if mask != name and reader.has_tensor(mask):
        return {fingerprint(value), fingerprint(value * reader.get_tensor(mask))}
    return {fingerprint(value)}


@pytest.mark.parametrize("cls", COMPONENTS, ids=lambda c: c.__name__)
def test_the_served_model_holds_no_optimizer_state(agent: Agent, cls: type) -> None:
    model = component(agent, cls).model
    assert optimizer_numbers(model) == 0
    assert model.train_function is None  # no traced training step either


@pytest.mark.parametrize("cls", COMPONENTS, ids=lambda c: c.__name__)
def test_the_served_weights_are_exactly_the_trained_weights(
    agent: Agent, cls: type, checkpoints: dict[str, list[set[str]]]
) -> None:
    served = Counter(fingerprint(v) for v in component(agent, cls).model.variables)
    for options in checkpoints[cls.__name__]:
        held = next((f for f in options if served[f] > 0), None)
        assert held, f"a trained value of {cls.__name__} is not in the served model: {sorted(options)}"
        served[held] -= 1
    assert +served == Counter(), "the served model holds values that are not in the weights file"


def test_the_trained_model_stores_no_optimizer_state() -> None:
    """The weights files hold the trained weights only: Adam's state, which serving never reads, was two thirds of
    them (components/serving_models.py, ServingLoad.save)."""
    with tarfile.open(MODEL) as tar:
        indexes = [m for m in tar.getmembers() if m.name.endswith(".tf_model.index")]
        assert len(indexes) == len(COMPONENTS)
        for member in indexes:
            names = tar.extractfile(member).read()  # the index lists every stored tensor's name
            assert b"optimizer" not in names, f"{member.name} stores the optimizer's state"
