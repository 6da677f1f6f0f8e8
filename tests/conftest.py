"""Running StemSafe stacks shared by the end-to-end tests and the attack suite (tests/e2e, tests/security,
one pytest session starts each at most once): one with the base channels (REST with the local token,
socket.io), and one with every messaging channel on against local fakes of the platforms' APIs. Started
only when a test asks for them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import tests.aiohttp_compat  # noqa: F401  (the socket.io test client on Rasa's aiohttp)
from channels.config import write
from tests.channel_clients import channel_env
from tests.fake_platforms import FakePlatforms
from tests.fake_registry import FakeRegistry
from tests.servers import Stack


@pytest.fixture(scope="session")
def registry() -> FakeRegistry:
    """The local fake ClinicalTrials.gov (the real one is unreachable from tests and CI)."""
    return FakeRegistry().start()


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, registry: FakeRegistry) -> Iterator[Stack]:
    running = Stack(tmp_path_factory.mktemp("stack"), extra_env={"STEMSAFE_CTGOV_URL": registry.url}).start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def platforms() -> FakePlatforms:
    return FakePlatforms().start()


@pytest.fixture(scope="session")
def channel_stack(
    tmp_path_factory: pytest.TempPathFactory, platforms: FakePlatforms, registry: FakeRegistry
) -> Iterator[Stack]:
    workdir = tmp_path_factory.mktemp("channels")
    running = Stack(workdir)
    env = channel_env(running, platforms)
    running.extra_env.update(env)
    running.extra_env["STEMSAFE_CTGOV_URL"] = registry.url
    running.credentials = write(workdir / "credentials.yml", running.env)  # the channels and REST (token)
    running.start()
    yield running
    running.stop()
