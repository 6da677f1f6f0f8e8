"""Clients that talk to StemSafe's messaging channels the way each platform does (signed webhooks), and
the environment that turns every channel on against the local fakes of tests/fake_platforms.py.

Shared by tests/e2e/test_channels.py (each channel works, forgeries are refused) and
tests/e2e/test_fuzz.py (nothing a user sends takes the server down).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from urllib.parse import urlencode

import requests
from twilio.request_validator import RequestValidator

from tests.fake_platforms import FakePlatforms
from tests.servers import Stack

SECRETS = {
    "TELEGRAM_ACCESS_TOKEN": "123456:TEST-telegram-token",
    "TELEGRAM_BOT_USERNAME": "stemsafe_bot",
    "TELEGRAM_SECRET_TOKEN": "telegram-secret-for-tests",
    "SLACK_BOT_TOKEN": "xoxb-test-token",
    "SLACK_SIGNING_SECRET": "slack-signing-secret-for-tests",
    "FACEBOOK_VERIFY_TOKEN": "fb-verify-for-tests",
    "FACEBOOK_APP_SECRET": "fb-app-secret-for-tests",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "fb-page-token-for-tests",
    "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
    "TWILIO_AUTH_TOKEN": "twilio-auth-token-for-tests",
    "TWILIO_NUMBER": "+15550009999",
    "TWILIO_WHATSAPP_NUMBER": "whatsapp:+15550008888",
}


def channel_env(stack: Stack, platforms: FakePlatforms) -> dict[str, str]:
    """Every messaging channel on, each pointed at the local fake of its platform."""
    return dict(
        SECRETS,
        TELEGRAM_WEBHOOK_URL=f"{stack.url}/webhooks/telegram/webhook",
        TELEGRAM_API_BASE_URL=platforms.url,
        SLACK_API_BASE_URL=f"{platforms.url}/api/",
        FACEBOOK_GRAPH_BASE_URL=platforms.url,
        TWILIO_WEBHOOK_URL=f"{stack.url}/webhooks/twilio/webhook",
        TWILIO_API_BASE_URL=platforms.url,
    )


def post(stack: Stack, channel: str, timeout: float = 60, **kwargs: object) -> requests.Response:
    return requests.post(f"{stack.url}/webhooks/{channel}/webhook", timeout=timeout, **kwargs)


# --- Telegram ----------------------------------------------------------------------------------------
TELEGRAM_HEADER = {"X-Telegram-Bot-Api-Secret-Token": SECRETS["TELEGRAM_SECRET_TOKEN"]}


def telegram_user() -> str:
    return str(700_000 + int(uuid.uuid4().int % 10_000_000))


def telegram_update(chat_id: int | str, text: str) -> dict:
    chat_id = int(chat_id)
    return {
        "update_id": int(uuid.uuid4().int % 2**31),  # unique: a repeated update_id is dropped as a re-delivery
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "text": text,
            "chat": {"id": chat_id, "type": "private", "first_name": "Pat"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
        },
    }


# --- Slack -------------------------------------------------------------------------------------------
def slack_user() -> str:
    return f"D{uuid.uuid4().hex[:8].upper()}"


def slack_signed(body: bytes, secret: str = SECRETS["SLACK_SIGNING_SECRET"], at: int | None = None) -> dict:
    timestamp = str(at or int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/json",
    }


def slack_event(channel: str, text: str) -> bytes:
    return json.dumps(
        {
            "token": "ignored",
            "team_id": "T1",
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": f"Ev{uuid.uuid4().hex[:8]}",
            "event_time": int(time.time()),
            "event": {
                "type": "message",
                "channel": channel,
                "channel_type": "im",
                "user": "U123",
                "text": text,
                "ts": f"{time.time():.6f}",
            },
        }
    ).encode()


# --- Facebook Messenger ------------------------------------------------------------------------------
def facebook_user() -> str:
    return str(uuid.uuid4().int % 10**15)


def facebook_event(user: str, text: str) -> bytes:
    return json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": "PAGE1",
                    "time": int(time.time() * 1000),
                    "messaging": [
                        {
                            "sender": {"id": user},
                            "recipient": {"id": "PAGE1"},
                            "timestamp": int(time.time() * 1000),
                            "message": {"mid": f"m_{uuid.uuid4().hex}", "text": text},
                        }
                    ],
                }
            ],
        }
    ).encode()


def facebook_signed(body: bytes, secret: str = SECRETS["FACEBOOK_APP_SECRET"]) -> dict:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Hub-Signature-256": f"sha256={digest}", "Content-Type": "application/json"}


# --- Twilio SMS and WhatsApp -------------------------------------------------------------------------
def sms_user() -> str:
    return f"+1555{uuid.uuid4().int % 10**7:07d}"


def whatsapp_user() -> str:
    return f"whatsapp:{sms_user()}"


def twilio_request(stack: Stack, sender: str, body: str | None, auth: str = SECRETS["TWILIO_AUTH_TOKEN"]) -> dict:
    """The keyword arguments of a signed Twilio webhook POST (a photo with no text when `body` is None)."""
    url = f"{stack.url}/webhooks/twilio/webhook"
    params = {
        "From": sender,
        "To": SECRETS["TWILIO_NUMBER"],
        "MessageSid": f"SM{uuid.uuid4().hex}",
        "AccountSid": SECRETS["TWILIO_ACCOUNT_SID"],
        "NumMedia": "0" if body else "1",
    }
    if body is not None:
        params["Body"] = body
    else:
        params["MediaUrl0"] = "https://example.org/photo.jpg"
    signature = RequestValidator(auth).compute_signature(url, params)
    headers = {"X-Twilio-Signature": signature, "Content-Type": "application/x-www-form-urlencoded"}
    return {"data": urlencode(params), "headers": headers}


def twilio_post(stack: Stack, sender: str, body: str | None, auth: str = SECRETS["TWILIO_AUTH_TOKEN"]) -> int:
    return post(stack, "twilio", **twilio_request(stack, sender, body, auth)).status_code
