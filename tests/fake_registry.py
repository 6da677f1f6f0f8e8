"""A local stand-in for the ClinicalTrials.gov API v2 (the real one is unreachable here and in CI).

Serves the hand-assembled records in tests/registry/studies/ (see tests/registry/README.md) the way the API
answers, per ../shared/content/registries.md §1.2-1.3:
- ``GET /api/v2/studies/{nctId}``: 200 JSON; 404 ``text/plain`` "NCT number … not found"; 400 ``text/plain``
  for a malformed id (the OpenAPI pattern accepts any case and a missing leading zero); 301 to the current
  number for an old alias (``nctIdAliases``).
- ``GET /api/v2/studies``: ``query.cond`` (every word in the conditions or title), ``query.locn`` (a site's
  country, state or city), ``filter.overallStatus``, ``filter.advanced`` (only ``AREA[StudyType]…``),
  ``pageSize``, ``countTotal``; answers ``{"studies", "totalCount", "nextPageToken"}``.
Every request is recorded (`requests`); ``down = True`` drops connections, as an unreachable registry does.
Runs in a background thread on 127.0.0.1.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from tests.aiohttp_thread import serve_in_thread
from tests.servers import free_port

STUDIES = Path(__file__).resolve().parent / "registry" / "studies"
_PATTERN = re.compile(r"^[Nn][Cc][Tt]0*([1-9]\d{0,7})$")
_AREA = re.compile(r"AREA\[StudyType\](\w+)")


def load_studies() -> dict[str, dict]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(STUDIES.glob("NCT*.json"))}


def _protocol(study: dict) -> dict:
    return study["protocolSection"]


@dataclass
class FakeRegistry:
    port: int = field(default_factory=free_port)
    studies: dict[str, dict] = field(default_factory=load_studies)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    down: bool = False

    @property
    def url(self) -> str:
        """The API base URL, for STEMSAFE_CTGOV_URL."""
        return f"http://127.0.0.1:{self.port}/api/v2"

    @property
    def aliases(self) -> dict[str, str]:
        return {
            alias: nct
            for nct, study in self.studies.items()
            for alias in _protocol(study)["identificationModule"].get("nctIdAliases", [])
        }

    def _gate(self, request: web.Request) -> None:
        self.requests.append((request.path, dict(request.query)))
        if self.down:
            if request.transport is not None:
                request.transport.close()
            raise ConnectionResetError("registry down")

    async def study(self, request: web.Request) -> web.Response:
        self._gate(request)
        raw = request.match_info["nct"]
        match = _PATTERN.match(raw)
        if not match:
            return web.Response(status=400, text="Parameter `nctId` has incorrect format", content_type="text/plain")
        nct = f"NCT{int(match.group(1)):08d}"
        if nct in self.aliases:
            raise web.HTTPMovedPermanently(location=f"/api/v2/studies/{self.aliases[nct]}")
        if nct not in self.studies:
            return web.Response(status=404, text=f"NCT number {nct} not found", content_type="text/plain")
        return web.json_response(self.studies[nct])

    async def search(self, request: web.Request) -> web.Response:
        self._gate(request)
        query = request.query
        words = query.get("query.cond", "").lower().split()
        statuses = set(filter(None, query.get("filter.overallStatus", "").split(",")))
        area = _AREA.search(query.get("filter.advanced", ""))
        place = query.get("query.locn", "").lower()
        found = []
        for study in self.studies.values():
            p = _protocol(study)
            text = " ".join([*p["conditionsModule"].get("conditions", []), p["identificationModule"]["briefTitle"]])
            if not all(word in text.lower() for word in words):
                continue
            if statuses and p["statusModule"]["overallStatus"] not in statuses:
                continue
            if area and p["designModule"]["studyType"] != area.group(1):
                continue
            sites = p.get("contactsLocationsModule", {}).get("locations", [])
            if place and not any(
                place in " ".join(str(s.get(k, "")) for k in ("country", "state", "city")).lower() for s in sites
            ):
                continue
            found.append(study)
        size = min(int(query.get("pageSize", "10")), 1000)
        body: dict = {"studies": found[:size]}
        if query.get("countTotal") == "true":
            body["totalCount"] = len(found)
        if len(found) > size:
            body["nextPageToken"] = "fake-token-2"
        return web.json_response(body)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/v2/studies", self.search)
        app.router.add_get("/api/v2/studies/{nct}", self.study)
        return app

    def start(self) -> FakeRegistry:
        serve_in_thread(self.app(), self.port)
        return self
