"""The trained model loaded once for all model tests (Rasa's Agent, as the server loads it)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.core.agent import Agent

from tests.servers import MODEL


@pytest.fixture(scope="session")
def agent() -> Agent:
    return Agent.load(str(MODEL))


def component(agent: Agent, cls: type) -> Any:
    """The model's one instance of graph component `cls`."""
    nodes = agent.processor.graph_runner._instantiated_nodes  # type: ignore[attr-defined]
    found = [n._component for n in nodes.values() if isinstance(n._component, cls)]
    assert len(found) == 1, f"the model has no {cls.__name__}"
    return found[0]
