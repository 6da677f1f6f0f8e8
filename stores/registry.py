"""ClinicalTrials.gov API v2 over HTTP, for the actions: asynchronous, short timeouts, a small cache.

``STEMSAFE_CTGOV_URL`` sets the API's base URL (default https://clinicaltrials.gov/api/v2; the tests point it
at tests/fake_registry.py, since the registry is not reachable from these machines or CI). Every call
returns an outcome and never raises: a network error, a timeout, a 429/5xx or an answer of the wrong shape
becomes "could not run" (bot.trials.Outcome.UNAVAILABLE, or a Search with ok=False), which the callers turn
into the registry's own link instead of failing. Reading the answers is bot/trials.py's job.

Answers that say something (a study, "no such study", a search) are kept for `STEMSAFE_CTGOV_TTL` seconds
(default 6 hours; the registry refreshes its data once a working day) in a bounded LRU per process; failures
are not kept, so the next question tries again. At most `CONCURRENCY` calls run at once (registries.md asks
for about one request a second and no official limit is published).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections.abc import Hashable
from typing import Any

import aiohttp

from bot import trials
from bot.lru import LRU

DEFAULT_URL = "https://clinicaltrials.gov/api/v2"
TIMEOUT = aiohttp.ClientTimeout(total=float(os.environ.get("STEMSAFE_CTGOV_TIMEOUT", "4")), connect=2)
CONCURRENCY = 2
MAX_BODY = 2_000_000  # a full record averages ~17 KB; five studies stay far below this
logger = logging.getLogger(__name__)


def base_url() -> str:
    return os.environ.get("STEMSAFE_CTGOV_URL", DEFAULT_URL).rstrip("/")


class RegistryClient:
    """One per process (`client()`); its HTTP session is made in the event loop that first uses it."""

    def __init__(self, url: str | None = None, ttl: float | None = None, size: int = 256) -> None:
        self.url = (url or base_url()).rstrip("/")
        self.ttl = float(ttl if ttl is not None else os.environ.get("STEMSAFE_CTGOV_TTL", 6 * 3600))
        self._cache: LRU[tuple[float, Any]] = LRU(size)
        self._session: aiohttp.ClientSession | None = None
        self._gate: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # --- cache ---------------------------------------------------------------------------------
    def _cached(self, key: Hashable) -> Any | None:
        entry = self._cache.get(key)
        if entry is None:
            return None
        expires, value = entry
        if time.monotonic() >= expires:
            self._cache.pop(key)
            return None
        return value

    def _keep(self, key: Hashable, value: Any) -> None:
        self._cache.put(key, (time.monotonic() + self.ttl, value))

    # --- HTTP ----------------------------------------------------------------------------------
    def _http(self) -> tuple[aiohttp.ClientSession, asyncio.Semaphore]:
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._loop = loop
            self._session = aiohttp.ClientSession(
                timeout=TIMEOUT, headers={"Accept": "application/json", "User-Agent": "StemSafe (open source)"}
            )
            self._gate = asyncio.Semaphore(CONCURRENCY)
        assert self._gate is not None
        return self._session, self._gate

    async def _get(self, path: str, params: dict[str, str] | None = None) -> tuple[int, str]:
        session, gate = self._http()
        async with gate:
            async with session.get(f"{self.url}{path}", params=params, max_redirects=3) as response:
                body = await response.content.read(MAX_BODY)
                return response.status, body.decode("utf-8", errors="replace")

    async def study(self, nct_id: str) -> trials.Lookup:
        """One study by its NCT number (an old alias is followed to the study it belongs to)."""
        key = ("study", nct_id)
        cached = self._cached(key)
        if cached is not None:
            return cached
        try:
            status, body = await self._get(f"/studies/{nct_id}")
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            logger.warning(f"ClinicalTrials.gov lookup of {nct_id} could not run: {type(error).__name__}")
            return trials.unavailable(nct_id, type(error).__name__)
        lookup = trials.read_lookup(nct_id, status, body)
        if lookup.outcome in (trials.Outcome.FOUND, trials.Outcome.NOT_FOUND):
            self._keep(key, lookup)
        return lookup

    async def studies(self, nct_ids: list[str]) -> list[trials.Lookup]:
        return list(await asyncio.gather(*(self.study(n) for n in nct_ids)))

    async def search(self, term: str, country: str | None = None) -> trials.Search:
        """Recruiting interventional studies for a condition (in a country), at most five."""
        params = trials.search_params(term, country)
        key = ("search", tuple(sorted(params.items())))
        cached = self._cached(key)
        if cached is not None:
            return cached
        try:
            status, body = await self._get("/studies", params)
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            logger.warning(f"ClinicalTrials.gov search could not run: {type(error).__name__}")
            return trials.Search(ok=False)
        if status != 200:
            logger.warning(f"ClinicalTrials.gov search answered HTTP {status}")
            return trials.Search(ok=False)
        try:
            result = trials.parse_search(json.loads(body))
        except ValueError:
            return trials.Search(ok=False)
        if result.ok:
            self._keep(key, result)
        return result

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


_CLIENT: RegistryClient | None = None


def client() -> RegistryClient:
    """The process's client (created on first use, with the environment's base URL)."""
    global _CLIENT
    if _CLIENT is None:
        _CLIENT = RegistryClient()
    return _CLIENT
