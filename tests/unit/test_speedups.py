"""The server's speed fixes keep Rasa's behaviour: reply checks, dialogue states and event types as before."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

from runtime import speedups

ROOT = Path(__file__).resolve().parents[2]

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


# --- dialogue states and event types ------------------------------------------------------------------
def conversation() -> tuple[DialogueStateTracker, Domain]:
    domain = Domain.load(str(ROOT / "domain"))
    tracker = DialogueStateTracker.from_events(
        "s1",
        [
            ActionExecuted("action_listen"),
            UserUttered("check a clinic", {"name": "start_clinic_check", "confidence": 0.9}),
            ActionExecuted("action_start_clinic_check"),
            ActionExecuted("clinic_check_form"),
            ActiveLoop("clinic_check_form"),
            SlotSet("requested_slot", "q_clinic_name"),
            ActionExecuted("action_listen"),
            UserUttered("Clinica Norte", {"name": "inform", "confidence": 0.5}),
        ],
        domain.slots,
    )
    return tracker, domain


ARGUMENTS = [
    {},
    {"omit_unset_slots": True},
    {"ignore_rule_only_turns": True, "rule_only_data": {"slots": ["requested_slot"], "active_loops": []}},
]


@pytest.mark.parametrize("kwargs", ARGUMENTS)
def test_dialogue_states_are_rasas_own_and_each_caller_gets_its_own_copy(kwargs: dict) -> None:
    speedups.install()
    tracker, domain = conversation()
    expected = speedups.ORIGINAL_PAST_STATES(tracker, domain, **kwargs)
    first = tracker.past_states(domain, **kwargs)
    assert first == expected
    first[-1].clear()  # featurizers edit the states they are given
    for state in first[:-1]:
        for sub_state in state.values():
            sub_state.clear()
    assert tracker.past_states(domain, **kwargs) == expected


def test_dialogue_states_follow_the_conversation() -> None:
    speedups.install()
    tracker, domain = conversation()
    before = tracker.past_states(domain)
    tracker.update(ActionExecuted("clinic_check_form"))
    tracker.update(SlotSet("q_clinic_name", "Clinica Norte"))
    after = tracker.past_states(domain)
    assert after == speedups.ORIGINAL_PAST_STATES(tracker, domain)
    assert after != before
    other, _ = conversation()  # another conversation with the same events is computed for itself
    assert other.past_states(domain) == before


def test_event_types_resolve_as_in_rasa() -> None:
    speedups.install()
    names = {cls.type_name for cls in all_subclasses(Event)}
    for name in names:
        assert Event.resolve_by_type(name) is speedups.ORIGINAL_RESOLVE_BY_TYPE(name)
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=UserUttered) is UserUttered
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")


def test_the_action_server_gets_every_event_and_the_latest_message_whole() -> None:
    speedups.install()
    ranking = [{"name": "faq", "confidence": 0.9}, {"name": "greet", "confidence": 0.1}]
    selector = {"faq": {"response": {"intent_response_key": "faq/rejection"}, "ranking": []}}

    def said(text: str, intent: str) -> UserUttered:
        parse_data = {
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": [{"entity": "COUNTRY", "value": "Mexico"}],
            "intent_ranking": ranking,
            "response_selector": selector,
        }
        return UserUttered(text, parse_data["intent"], parse_data["entities"], parse_data)

    tracker, domain = conversation()
    for event in (said("can donor cells be rejected?", "faq"), ActionExecuted("utter_faq"), said("hi", "greet")):
        tracker.update(event)
    request = RemoteAction("action_show_report", None)._action_call_format(tracker, domain)
    sent = request["tracker"]["events"]
    assert len(sent) == len(tracker.events)
    users = [event for event in sent if event["event"] == "user"]
    earlier, latest = users[-2], users[-1]
    assert earlier["parse_data"]["intent"]["name"] == "faq" and earlier["parse_data"]["entities"]
    assert "intent_ranking" not in earlier["parse_data"] and "response_selector" not in earlier["parse_data"]
    assert latest["parse_data"]["intent_ranking"] == ranking
    assert request["tracker"]["latest_message"]["response_selector"] == selector
    assert [e for e in tracker.events if isinstance(e, UserUttered)][-2].parse_data["intent_ranking"] == ranking
