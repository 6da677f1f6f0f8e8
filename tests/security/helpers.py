"""Raw requests and store reads for the attack suite (see conftest.py)."""

from __future__ import annotations

import sqlite3

import requests

from bot import flags
from bot.store import Store
from tests.servers import Stack, rest_headers


def rest_post(
    stack: Stack, body: object, headers: dict[str, str] | None = None, raw: bool = False
) -> requests.Response:
    """A REST request exactly as given: `headers` replace the token profile's when passed."""
    url = f"{stack.url}/webhooks/rest/webhook"
    sent = rest_headers() if headers is None else headers
    if raw:
        return requests.post(url, data=body, headers=sent, timeout=60)
    return requests.post(url, json=body, headers=sent, timeout=60)


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def conversation_ids(stack: Stack) -> set[str]:
    with sqlite3.connect(stack.tracker_db) as db:
        return {r[0] for r in db.execute("select distinct sender_id from events")}


def records(stack: Stack) -> Store:
    return Store.from_url(stack.env["DATABASE_URL"], flag_rules=flags.evaluate)
