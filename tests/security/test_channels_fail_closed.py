"""M3, L14, I1: every messaging channel fails closed.

Before the fix, `GET /webhooks/telegram/set_webhook` (unguarded) re-registered the webhook without its
secret, silently breaking Telegram; Slack and Twilio accepted an empty signing secret (anything signed
with the empty key passed); and a captured or retried signed delivery was answered again every time.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlencode

import pytest
import requests

from channels.facebook import VerifiedFacebookInput
from channels.rest import ReliableRestInput
from channels.slack import VerifiedSlackInput
from channels.telegram import SecureTelegramInput
from channels.twilio import VerifiedTwilioInput
from tests.channel_clients import (
    TELEGRAM_HEADER,
    facebook_event,
    facebook_signed,
    facebook_user,
    post,
    slack_event,
    slack_signed,
    slack_user,
    sms_user,
    telegram_update,
    telegram_user,
    twilio_request,
)
from tests.fake_platforms import FakePlatforms
from tests.servers import Stack

IRB = "what is an IRB?"
IRB_REPLY = "ethics committee"


def test_set_webhook_is_refused(channel_stack: Stack, platforms: FakePlatforms) -> None:
    mark = len(platforms.calls)
    url = f"{channel_stack.url}/webhooks/telegram/set_webhook"
    for headers in ({}, TELEGRAM_HEADER):
        for method in (requests.get, requests.post):
            assert method(url, headers=headers, timeout=10).status_code == 403
    assert requests.get(f"{channel_stack.url}/webhooks/telegram/webhook", timeout=10).status_code == 403
    assert requests.get(f"{channel_stack.url}/webhooks/telegram/", timeout=10).status_code == 200  # health only
    time.sleep(1)
    assert not [c for c in platforms.calls[mark:] if c.platform == "telegram" and c.path == "setWebhook"]


TELEGRAM = {"access_token": "1:x", "verify": "bot", "webhook_url": "", "secret_token": "s"}
SLACK = {"slack_token": "xoxb-1", "slack_signing_secret": "s"}
FACEBOOK = {"verify": "v", "secret": "s", "page-access-token": "p"}
TWILIO = {"account_sid": "AC1", "auth_token": "t", "webhook_url": "https://example.org/webhooks/twilio/webhook"}
CASES = [
    (SecureTelegramInput, TELEGRAM, ["access_token", "verify", "secret_token"]),
    (VerifiedSlackInput, SLACK, ["slack_token", "slack_signing_secret"]),
    (VerifiedFacebookInput, FACEBOOK, ["verify", "secret", "page-access-token"]),
    (VerifiedTwilioInput, TWILIO, ["account_sid", "auth_token"]),
    (ReliableRestInput, {"token": "t" * 24}, ["token"]),
]


@pytest.mark.parametrize(("connector", "good", "keys"), CASES, ids=[c[0].__name__ for c in CASES])
def test_an_empty_secret_is_refused_at_start_up(connector: type, good: dict, keys: list[str]) -> None:
    for key in keys:
        for empty in ("", "   ", None):
            with pytest.raises(ValueError, match=key):
                connector.from_credentials({**good, key: empty})


def replies_after(platforms: FakePlatforms, platform: str, to: str, mark: int, text: str) -> int:
    """How many replies containing `text` `to` got after `mark` (waiting for the first, then a little more)."""
    platforms.wait_for(platform, to, text, after=mark)
    time.sleep(3)  # a second answer would come now
    return sum(text in platforms.text_of(c) for c in platforms.replies(platform, to, mark))


def test_twilio_drops_a_repeated_message_sid(channel_stack: Stack, platforms: FakePlatforms) -> None:
    phone = sms_user()
    mark = len(platforms.calls)
    request = twilio_request(channel_stack, phone, IRB)
    assert post(channel_stack, "twilio", **request).status_code == 204
    assert post(channel_stack, "twilio", **request).status_code == 204  # the same signed request, replayed
    assert replies_after(platforms, "twilio", phone, mark, IRB_REPLY) == 1


def test_messenger_drops_a_repeated_mid(channel_stack: Stack, platforms: FakePlatforms) -> None:
    user = facebook_user()
    mark = len(platforms.calls)
    body = facebook_event(user, IRB)
    for _ in range(2):
        assert post(channel_stack, "facebook", data=body, headers=facebook_signed(body)).status_code == 200
    assert replies_after(platforms, "facebook", user, mark, IRB_REPLY) == 1


def test_slack_drops_a_repeated_event_id(channel_stack: Stack, platforms: FakePlatforms) -> None:
    channel = slack_user()
    mark = len(platforms.calls)
    body = slack_event(channel, IRB)
    for _ in range(2):
        assert post(channel_stack, "slack", data=body, headers=slack_signed(body)).status_code == 200
    assert replies_after(platforms, "slack", channel, mark, IRB_REPLY) == 1


def test_telegram_drops_a_repeated_update_id(channel_stack: Stack, platforms: FakePlatforms) -> None:
    chat = telegram_user()
    mark = len(platforms.calls)
    update = telegram_update(chat, IRB)
    for _ in range(2):
        assert post(channel_stack, "telegram", json=update, headers=TELEGRAM_HEADER).status_code == 200
    assert replies_after(platforms, "telegram", chat, mark, IRB_REPLY) == 1
    other = {**telegram_update(chat, IRB), "update_id": update["update_id"] + 1}  # a new update is answered
    mark = len(platforms.calls)
    assert post(channel_stack, "telegram", json=other, headers=TELEGRAM_HEADER).status_code == 200
    platforms.wait_for("telegram", chat, IRB_REPLY, after=mark)


def test_a_forged_delivery_is_not_remembered(channel_stack: Stack, platforms: FakePlatforms) -> None:
    """A forged copy sent first (same MessageSid) must not make the genuine delivery look like a repeat."""
    phone = sms_user()
    genuine = twilio_request(channel_stack, phone, IRB)
    sid = parse_qs(genuine["data"])["MessageSid"][0]
    forged = twilio_request(channel_stack, phone, IRB, auth="not-the-token")
    forged["data"] = urlencode({**{k: v[0] for k, v in parse_qs(forged["data"]).items()}, "MessageSid": sid})
    mark = len(platforms.calls)
    assert post(channel_stack, "twilio", **forged).status_code == 403
    assert post(channel_stack, "twilio", **genuine).status_code == 204
    platforms.wait_for("twilio", phone, IRB_REPLY, after=mark)
