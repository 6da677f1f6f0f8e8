"""Webhook signature checks shared by StemSafe's messaging connectors (each uses constant-time compares)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

Check = Callable[[Request], bool]


def valid_facebook_signature(app_secret: str, body: bytes, header: str | None) -> bool:
    """Meta's current X-Hub-Signature-256: 'sha256=' + HMAC-SHA256(app secret, raw body)."""
    if not app_secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header[len("sha256=") :])


def same_secret(expected: str | None, given: str | None) -> bool:
    return bool(expected) and given is not None and hmac.compare_digest(expected.encode(), given.encode())


def guard_webhook(blueprint: Blueprint, is_authentic: Check, methods: tuple[str, ...] = ("POST",)) -> Blueprint:
    """Refuse (403) every webhook request that fails `is_authentic`, before the connector sees it."""

    async def verify(request: Request) -> HTTPResponse | None:
        if request.method in methods and request.path.rstrip("/").endswith("/webhook") and not is_authentic(request):
            return response.text("forbidden", status=403)
        return None

    blueprint.middleware("request")(verify)
    return blueprint
