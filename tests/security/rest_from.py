"""REST requests sent from a chosen loopback address (127.0.0.x), so that one test machine can play several
clients for the per-address quotas; used by tests/security/test_quotas.py and bench/quotas.py."""

from __future__ import annotations

import http.client
import json
import time
from urllib.parse import urlsplit

from channels.quotas import polite
from tests.servers import rest_headers

POLITE_START = polite(1).split(".")[0]  # "You're sending messages faster than I can answer them"


def say_from(address: str, url: str, sender: str, text: str) -> tuple[int, list[dict], float]:
    """POST one message from `address`; returns the status, the replies and the seconds it took."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120, source_address=(address, 0))
    body = json.dumps({"sender": sender, "message": text})
    started = time.perf_counter()
    try:
        headers = {**rest_headers(), "Content-Type": "application/json"}
        connection.request("POST", "/webhooks/rest/webhook", body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
    finally:
        connection.close()
    took = time.perf_counter() - started
    replies = json.loads(payload) if payload else []
    return response.status, replies, took


def is_polite_refusal(replies: list[dict]) -> bool:
    return any(POLITE_START in (reply.get("text") or "") for reply in replies)
