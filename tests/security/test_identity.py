"""H1, I4, L10 (REST side): a REST client reaches only its own REST conversations, and only with the token.

Before the fix, `{"sender": "whatsapp:+1…", "message": "show my report"}` returned that WhatsApp user's
clinic check and "delete my data" + "yes" erased it; REST had no authentication, took `text/plain`
bodies (a cross-site form could post), and put a message without a sender in the shared "default"
conversation.
"""

from __future__ import annotations

import json
import uuid

import pytest

from channels.config import credentials
from channels.rest import ReliableRestInput
from tests.channel_clients import twilio_post, whatsapp_user
from tests.fake_platforms import FakePlatforms
from tests.security.helpers import conversation_ids, records, rest_post, texts
from tests.servers import Stack, rest_headers, rest_id


def test_rest_cannot_read_or_erase_a_whatsapp_users_check(channel_stack: Stack, platforms: FakePlatforms) -> None:
    phone = whatsapp_user()
    clinic = f"Clinica Privada {uuid.uuid4().hex[:6]}"
    assert twilio_post(channel_stack, phone, "check a clinic") == 204
    platforms.wait_for("twilio", phone, "What is the name of the clinic?")
    mark = len(platforms.calls)
    assert twilio_post(channel_stack, phone, clinic) == 204
    platforms.wait_for("twilio", phone, "city and country", after=mark)

    for forged in (phone, f"twilio:{phone}", phone.removeprefix("whatsapp:")):
        body = {"sender": forged, "message": "show my report", "input_channel": "twilio"}
        assert clinic not in texts(rest_post(channel_stack, body).json())
        rest_post(channel_stack, {"sender": forged, "message": "delete my data"})
        assert "deleted 1" not in texts(rest_post(channel_stack, {"sender": forged, "message": "yes"}).json())

    mark = len(platforms.calls)
    assert twilio_post(channel_stack, phone, "show my report") == 204
    platforms.wait_for("twilio", phone, clinic, after=mark)  # the WhatsApp user's check is intact, and theirs
    kept = records(channel_stack).latest(f"twilio:{phone}")
    assert kept is not None and kept.answers["clinic_name"][0] == clinic  # stored under the channel-bound id


def test_rest_needs_the_token(stack: Stack) -> None:
    sender = f"tokenless-{uuid.uuid4().hex}"
    body = {"sender": sender, "message": "hi"}
    assert rest_post(stack, body, headers={}).status_code == 401
    assert rest_post(stack, body, headers={"Authorization": "Bearer not-the-token-at-all"}).status_code == 401
    token = rest_headers()["Authorization"].split()[1]
    assert rest_post(stack, body, headers={"Authorization": token}).status_code == 401  # no "Bearer"
    assert rest_id(sender) not in conversation_ids(stack)
    assert rest_post(stack, body).status_code == 200


def test_rest_refuses_bodies_that_are_not_json(stack: Stack) -> None:
    sender = f"csrf-{uuid.uuid4().hex}"
    payload = json.dumps({"sender": sender, "message": "delete my data"})
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None):
        headers = {**rest_headers(), **({"Content-Type": content_type} if content_type else {})}
        assert rest_post(stack, payload, headers=headers, raw=True).status_code == 415, content_type
    assert rest_id(sender) not in conversation_ids(stack)


NO_SENDER = [
    {"message": "hi"},
    {"sender": "", "message": "hi"},
    {"sender": "  ", "message": "hi"},
    {"sender": None, "message": "hi"},
    {"sender": "x" * 500, "message": "hi"},
]


@pytest.mark.parametrize("body", NO_SENDER)
def test_a_message_without_a_sender_is_refused(stack: Stack, body: dict) -> None:
    before = conversation_ids(stack)
    response = rest_post(stack, body)
    assert response.status_code == 400 and "sender" in texts(response.json())
    assert not {"default", "rest:default", "rest:", "rest:  "} & (conversation_ids(stack) - before)


def test_conversations_are_keyed_by_channel_whatever_the_client_says(stack: Stack) -> None:
    sender = f"socketio-{uuid.uuid4().hex}"
    body = {"sender": sender, "message": "hi", "input_channel": "socketio"}
    assert "StemSafe" in texts(rest_post(stack, body).json())
    events = stack.stored_events(rest_id(sender))
    assert [e["input_channel"] for e in events if e["event"] == "user"] == ["rest"]
    assert sender not in conversation_ids(stack) and f"socketio:{sender}" not in conversation_ids(stack)


def test_make_run_has_no_rest_and_rest_refuses_a_weak_token() -> None:
    assert "channels.rest.ReliableRestInput" not in credentials({})  # `make run` without STEMSAFE_REST_TOKEN
    for token in ("", "   ", "short-token"):
        with pytest.raises(ValueError):
            ReliableRestInput.from_credentials({"token": token})
