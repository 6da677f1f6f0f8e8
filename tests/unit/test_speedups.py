"""The server's speed fix for action-server replies keeps Rasa's checks: good replies pass, bad ones are refused."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from runtime import speedups

GOOD = [
    {"events": [], "responses": []},
    {
        "events": [
            {"event": "slot", "timestamp": None, "name": "q_clinic_name", "value": "Clinica Norte"},
            {"event": "active_loop", "name": None},
        ],
        "responses": [{"text": "Which doctor?", "buttons": [{"title": "I don't know", "payload": "/dont_know"}]}],
    },
]
BAD = [
    {"events": [{"event": "no_such_event"}]},
    {"events": "slot"},
    {"responses": [1]},
    {"events": [{"event": "slot"}]},  # a slot event without a slot name
]


@pytest.fixture(scope="module")
def action() -> RemoteAction:
    speedups.install()
    return RemoteAction("action_example", None)


@pytest.mark.parametrize("reply", GOOD)
def test_valid_replies_are_accepted(action: RemoteAction, reply: dict) -> None:
    assert action._validate_action_result(reply) is True


@pytest.mark.parametrize("reply", BAD)
def test_invalid_replies_are_refused_as_rasa_refuses_them(action: RemoteAction, reply: dict) -> None:
    with pytest.raises(jsonschema.ValidationError) as ours:
        action._validate_action_result(reply)
    with pytest.raises(jsonschema.ValidationError) as rasas:
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    assert ours.value.message.startswith(rasas.value.message)
    assert "Failed to validate Action server response" in ours.value.message


def test_the_installed_check_is_the_fast_one(action: RemoteAction) -> None:
    assert RemoteAction._validate_action_result is speedups.validate_action_result
    speedups.install()  # idempotent
    assert speedups.action_reply_validator() is speedups.action_reply_validator()
