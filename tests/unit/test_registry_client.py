"""stores/registry.py against the local fake ClinicalTrials.gov (tests/fake_registry.py; the real registry is
unreachable from tests and CI, so the fake serves hand-assembled records in the documented API v2 shapes)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from bot import trials
from stores.registry import RegistryClient
from tests.fake_registry import FakeRegistry


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeRegistry]:
    yield FakeRegistry().start()


@pytest.fixture()
def client(fake: FakeRegistry) -> RegistryClient:
    fake.down = False
    fake.requests.clear()
    return RegistryClient(fake.url, ttl=600)


def run(coro):  # noqa: ANN001, ANN201
    return asyncio.run(coro)


async def _with(client: RegistryClient, coro):  # noqa: ANN001, ANN202
    try:
        return await coro
    finally:
        await client.close()


def test_each_single_study_answer(client: RegistryClient) -> None:
    async def all_of_them() -> list[trials.Lookup]:
        return await client.studies(["NCT02024269", "NCT99999999", "NCT09900009"]) + [await client.study("04437511")]

    withdrawn, missing, moved, malformed = run(_with(client, all_of_them()))
    assert withdrawn.outcome == trials.Outcome.FOUND and withdrawn.study.status == "WITHDRAWN"
    assert missing.outcome == trials.Outcome.NOT_FOUND  # 404, plain-text body naming the number
    assert moved.outcome == trials.Outcome.FOUND and moved.study.nct_id == "NCT09900003"  # 301 followed
    assert moved.moved_from == "NCT09900009"
    assert malformed.outcome == trials.Outcome.BAD_NUMBER  # 400, plain text


def test_answers_are_cached_and_failures_are_not(client: RegistryClient, fake: FakeRegistry) -> None:
    async def twice() -> None:
        await client.study("NCT02024269")
        await client.study("NCT02024269")
        fake.down = True
        first = await client.study("NCT09900001")
        fake.down = False
        second = await client.study("NCT09900001")
        assert first.outcome == trials.Outcome.UNAVAILABLE and second.outcome == trials.Outcome.FOUND

    run(_with(client, twice()))
    asked = [path for path, _ in fake.requests]
    assert asked.count("/api/v2/studies/NCT02024269") == 1
    assert asked.count("/api/v2/studies/NCT09900001") == 2


def test_expired_entries_are_asked_again(fake: FakeRegistry) -> None:
    fake.down, client = False, RegistryClient(fake.url, ttl=0)
    fake.requests.clear()

    async def twice() -> None:
        await client.study("NCT02024269")
        await client.study("NCT02024269")

    run(_with(client, twice()))
    assert len(fake.requests) == 2


def test_search_sends_the_query_and_gets_at_most_five(client: RegistryClient, fake: FakeRegistry) -> None:
    result = run(_with(client, client.search("multiple sclerosis")))
    assert result.ok and len(result.studies) == 5 and result.total == 6  # 6 recruiting interventional
    assert all(s.status == "RECRUITING" and s.study_type == "INTERVENTIONAL" for s in result.studies)
    _, query = fake.requests[-1]
    assert query["filter.overallStatus"] == "RECRUITING" and "INTERVENTIONAL" in query["filter.advanced"]
    mexico = run(_with(client, client.search("multiple sclerosis", "Mexico")))
    assert mexico.ok and {s.sites[0].country for s in mexico.studies} == {"Mexico"} and len(mexico.studies) == 2


def test_search_that_cannot_run(client: RegistryClient, fake: FakeRegistry) -> None:
    fake.down = True
    assert not run(_with(client, client.search("lupus"))).ok
    fake.down = False
    empty = run(_with(client, client.search("lupus")))
    assert empty.ok and empty.studies == ()


def test_unreachable_registry_is_unavailable_not_an_error() -> None:
    client = RegistryClient("http://127.0.0.1:9/api/v2")  # nothing listens on the discard port
    assert run(_with(client, client.study("NCT02024269"))).outcome == trials.Outcome.UNAVAILABLE


def test_the_page_check_page_looks_up_trial_numbers(
    fake: FakeRegistry, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    from aiohttp.test_utils import TestClient, TestServer

    from bot.store import Store
    from bot.web import make_app
    from stores import registry

    fake.down = False
    monkeypatch.setattr(registry, "_CLIENT", RegistryClient(fake.url))
    pasted = "Join our study NCT02024269, listed on ClinicalTrials.gov. Our cells are immune privileged."

    async def post() -> str:
        store = Store.from_url(f"sqlite:///{tmp_path / 'r.db'}")
        async with TestClient(TestServer(make_app(store))) as client:
            return await (await client.post("/check-page", data={"text": pasted})).text()

    page = run(post())
    assert "Trial numbers checked at ClinicalTrials.gov" in page
    assert "withdrawn" in page and "https://clinicaltrials.gov/study/NCT02024269" in page
