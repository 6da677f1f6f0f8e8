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


def guard_webhook(blueprint: Blueprint, channel: str, is_authentic: Check, refused: tuple[str, ...] = ()) -> Blueprint:
    """Check every request to `blueprint` with `is_authentic` (403 when it fails), before the connector sees it.

    Only the health check (``GET /webhooks/<channel>/``) is open; routes named in `refused` (a path's last
    part, e.g. ``set_webhook``) are refused whoever asks.
    """
    health = f"/webhooks/{channel}"

    async def verify(request: Request) -> HTTPResponse | None:
        path = request.path.rstrip("/")
        if request.method in ("GET", "HEAD") and path == health:
            return None
        if path.rsplit("/", 1)[-1] in refused or not is_authentic(request):
            return response.text("forbidden", status=403)
        return None

    blueprint.middleware("request")(verify)
    return blueprint


def required(channel: str, credentials: dict, *keys: str) -> None:
    """Refuse to start a channel whose secret is missing or empty (an empty key signs anything)."""
    missing = [key for key in keys if not str(credentials.get(key) or "").strip()]
    if missing:
        raise ValueError(f"{channel}: refusing to start without {', '.join(missing)} (empty or unset)")
