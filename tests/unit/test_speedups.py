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


def sample_events() -> list[dict]:
    """Every event type Rasa knows, as it should be and with typical mistakes."""
    checks = speedups.event_checks()
    assert checks is not None, "Rasa's reply schema no longer has one branch per event type"
    events: list[dict] = []
    for name in checks.by_type:
        events += [
            {"event": name},
            {"event": name, "timestamp": None, "name": "q_clinic_name", "value": "x"},
            {"event": name, "timestamp": "yesterday"},
            {"event": name, "name": 7, "value": None},
            {"event": name, "text": 3, "parse_data": []},
            {"event": name, "entities": [{"start": "a"}]},
            {"event": name, "metadata": "m"},
        ]
    return events + [{"event": "nope"}, {"event": None}, {}, "slot", None]


def test_the_quick_check_never_accepts_what_the_full_schema_refuses(action: RemoteAction) -> None:
    full = speedups.action_reply_validator()
    samples = [{"events": [event]} for event in sample_events()]
    samples += [{"events": sample_events()[:3]}, {"events": [], "responses": "hi"}, {"responses": [{"text": 1}]}]
    accepted = 0
    for reply in samples:
        if speedups.passes(reply):
            accepted += 1
            assert full.is_valid(reply), reply
        # the installed check agrees with the full schema on every sample
        assert (full.is_valid(reply)) == _accepted(action, reply), reply
    assert accepted >= 23  # each event type's well-formed events take the quick path


def _accepted(action: RemoteAction, reply: dict) -> bool:
    try:
        return action._validate_action_result(reply)
    except jsonschema.ValidationError:
        return False
