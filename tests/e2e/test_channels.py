"""Every messaging channel, as the platform uses it: a realistic signed webhook goes to the real Rasa
server, the connector's reply is observed at a local fake of the platform's API, and forged or
unsigned webhooks are refused with 403 and never answered."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
import requests
from twilio.request_validator import RequestValidator

from channels.config import write
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
IRB = "what is an IRB?"
IRB_REPLY = "ethics committee"


@pytest.fixture(scope="module")
def platforms() -> FakePlatforms:
    return FakePlatforms().start()


@pytest.fixture(scope="module")
def channel_stack(tmp_path_factory: pytest.TempPathFactory, platforms: FakePlatforms) -> Iterator[Stack]:
    workdir = tmp_path_factory.mktemp("channels")
    stack = Stack(workdir)
    env = dict(
        SECRETS,
        TELEGRAM_WEBHOOK_URL=f"{stack.url}/webhooks/telegram/webhook",
        TELEGRAM_API_BASE_URL=platforms.url,
        SLACK_API_BASE_URL=f"{platforms.url}/api/",
        FACEBOOK_GRAPH_BASE_URL=platforms.url,
        TWILIO_WEBHOOK_URL=f"{stack.url}/webhooks/twilio/webhook",
        TWILIO_API_BASE_URL=platforms.url,
    )
    stack.extra_env.update(env)
    stack.credentials = write(workdir / "credentials.yml", env)
    stack.start()
    yield stack
    stack.stop()


def post(stack: Stack, channel: str, **kwargs: object) -> requests.Response:
    return requests.post(f"{stack.url}/webhooks/{channel}/webhook", timeout=60, **kwargs)


# --- Telegram ----------------------------------------------------------------------------------------
def telegram_update(chat_id: int, text: str) -> dict:
    return {
        "update_id": chat_id,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "text": text,
            "chat": {"id": chat_id, "type": "private", "first_name": "Pat"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
        },
    }


def test_telegram(channel_stack: Stack, platforms: FakePlatforms) -> None:
    assert any(
        c.path == "setWebhook" and c.data.get("secret_token") == SECRETS["TELEGRAM_SECRET_TOKEN"]
        for c in platforms.calls
        if c.platform == "telegram"
    )
    chat = 700_000 + int(uuid.uuid4().int % 100_000)
    header = {"X-Telegram-Bot-Api-Secret-Token": SECRETS["TELEGRAM_SECRET_TOKEN"]}
    assert post(channel_stack, "telegram", json=telegram_update(chat, IRB), headers=header).status_code == 200
    platforms.wait_for("telegram", str(chat), IRB_REPLY)

    forged = chat + 1
    mark = len(platforms.calls)
    bad = {"X-Telegram-Bot-Api-Secret-Token": "guessed"}
    assert post(channel_stack, "telegram", json=telegram_update(forged, IRB), headers=bad).status_code == 403
    assert post(channel_stack, "telegram", json=telegram_update(forged, IRB)).status_code == 403
    time.sleep(2)
    assert platforms.replies("telegram", str(forged), mark) == []


# --- Slack -------------------------------------------------------------------------------------------
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


def test_slack(channel_stack: Stack, platforms: FakePlatforms) -> None:
    channel = f"D{uuid.uuid4().hex[:8].upper()}"
    body = slack_event(channel, IRB)
    assert post(channel_stack, "slack", data=body, headers=slack_signed(body)).status_code == 200
    platforms.wait_for("slack", channel, IRB_REPLY)

    forged = f"D{uuid.uuid4().hex[:8].upper()}"
    mark = len(platforms.calls)
    body = slack_event(forged, IRB)
    assert post(channel_stack, "slack", data=body, headers=slack_signed(body, "wrong-secret")).status_code == 403
    stale = slack_signed(body, at=int(time.time()) - 3600)  # a replay of an hour-old request
    assert post(channel_stack, "slack", data=body, headers=stale).status_code == 403
    time.sleep(2)
    assert platforms.replies("slack", forged, mark) == []


# --- Facebook Messenger ------------------------------------------------------------------------------
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


def test_facebook(channel_stack: Stack, platforms: FakePlatforms) -> None:
    challenge = requests.get(
        f"{channel_stack.url}/webhooks/facebook/webhook",
        params={"hub.mode": "subscribe", "hub.verify_token": SECRETS["FACEBOOK_VERIFY_TOKEN"], "hub.challenge": "42"},
        timeout=10,
    )
    assert challenge.text == "42"
    wrong = requests.get(
        f"{channel_stack.url}/webhooks/facebook/webhook",
        params={"hub.verify_token": "nope", "hub.challenge": "42"},
        timeout=10,
    )
    assert wrong.status_code == 403

    user = str(uuid.uuid4().int % 10**15)
    body = facebook_event(user, IRB)
    assert post(channel_stack, "facebook", data=body, headers=facebook_signed(body)).status_code == 200
    platforms.wait_for("facebook", user, IRB_REPLY)

    forged = str(uuid.uuid4().int % 10**15)
    mark = len(platforms.calls)
    body = facebook_event(forged, IRB)
    assert post(channel_stack, "facebook", data=body, headers=facebook_signed(body, "wrong")).status_code == 403
    sha1 = "sha1=" + hmac.new(SECRETS["FACEBOOK_APP_SECRET"].encode(), body, hashlib.sha1).hexdigest()
    assert post(channel_stack, "facebook", data=body, headers={"X-Hub-Signature": sha1}).status_code == 403
    time.sleep(2)
    assert platforms.replies("facebook", forged, mark) == []


# --- Twilio SMS and WhatsApp -------------------------------------------------------------------------
def twilio_post(stack: Stack, sender: str, body: str | None, auth: str = SECRETS["TWILIO_AUTH_TOKEN"]) -> int:
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
    return requests.post(url, data=urlencode(params), headers=headers, timeout=60).status_code


def test_twilio_sms_numbered_options_and_media(channel_stack: Stack, platforms: FakePlatforms) -> None:
    phone = f"+1555{uuid.uuid4().int % 10**7:07d}"
    assert twilio_post(channel_stack, phone, "hello") == 204
    greeting = platforms.wait_for("twilio", phone, "Reply with a number:")
    assert "4. Check a clinic" in greeting and "/start_clinic_check" not in greeting
    mark = len(platforms.calls)
    assert twilio_post(channel_stack, phone, "4") == 204  # the numbered reply picks "Check a clinic"
    platforms.wait_for("twilio", phone, "What is the name of the clinic?", after=mark)
    assert all(c.data["From"] == SECRETS["TWILIO_NUMBER"] for c in platforms.replies("twilio", phone))

    assert twilio_post(channel_stack, phone, None) == 204  # a photo with no text
    platforms.wait_for("twilio", phone, "I can only read text messages")


def test_twilio_whatsapp_and_forgery(channel_stack: Stack, platforms: FakePlatforms) -> None:
    user = f"whatsapp:+1555{uuid.uuid4().int % 10**7:07d}"
    assert twilio_post(channel_stack, user, IRB) == 204
    platforms.wait_for("twilio", user, IRB_REPLY)
    assert all(c.data["From"] == SECRETS["TWILIO_WHATSAPP_NUMBER"] for c in platforms.replies("twilio", user))

    forged = f"+1555{uuid.uuid4().int % 10**7:07d}"
    mark = len(platforms.calls)
    assert twilio_post(channel_stack, forged, IRB, auth="not-the-token") == 403
    unsigned = requests.post(
        f"{channel_stack.url}/webhooks/twilio/webhook", data={"From": forged, "Body": IRB}, timeout=10
    )
    assert unsigned.status_code == 403
    time.sleep(2)
    assert platforms.replies("twilio", forged, mark) == []
