"""Every messaging channel, as the platform uses it: a realistic signed webhook goes to the real Rasa
server, the connector's reply is observed at a local fake of the platform's API, and forged or
unsigned webhooks are refused with 403 and never answered."""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid

import requests

from tests.channel_clients import (
    SECRETS,
    facebook_event,
    facebook_signed,
    post,
    slack_event,
    slack_signed,
    telegram_update,
    twilio_post,
)
from tests.fake_platforms import FakePlatforms
from tests.servers import Stack

IRB = "what is an IRB?"
IRB_REPLY = "ethics committee"


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


def test_whatsapp_clinic_check_in_spanish_with_numbered_options(channel_stack: Stack, platforms: FakePlatforms) -> None:
    """A person in Mexico checks a clinic over WhatsApp in Spanish: the questions, the numbered options and
    their prompt are Spanish, and a number picks the option."""
    user = f"whatsapp:+52155{uuid.uuid4().int % 10**7:07d}"
    assert twilio_post(channel_stack, user, "Hola, quiero revisar una clínica antes de pagar") == 204
    platforms.wait_for("twilio", user, "¿Cómo se llama la clínica?")
    mark = len(platforms.calls)
    assert twilio_post(channel_stack, user, "Clínica Esperanza") == 204
    where = platforms.wait_for("twilio", user, "¿Dónde está la clínica?", after=mark)
    assert "Responda con un número:" in where and "Reply with a number" not in where
    number = next(line.split(".")[0] for line in where.splitlines() if line.endswith(". México"))
    mark = len(platforms.calls)
    assert twilio_post(channel_stack, user, number) == 204  # the numbered reply picks "México"
    platforms.wait_for("twilio", user, "¿Qué enfermedad o padecimiento", after=mark)
