"""Fixes for hot paths of Rasa 3.6 found by profiling (bench/profiling.py), applied when the server starts.

Each fix keeps Rasa's behaviour and only removes repeated work:

- **Action-server replies.** Rasa checks every reply of the action server against its JSON schema with
  ``jsonschema.validate``, which re-checks the schema itself and rebuilds a validator on each call:
  about 39 ms of CPU per custom-action call, 40% of the server's time under load. Here the validator
  is built once; replies are still checked against the same schema and a bad reply is refused with
  the same ``ValidationError`` message as before. Each event is checked against the one branch of the
  schema's ``oneOf`` whose ``event`` constant it names, instead of against all 23 (the branches differ
  by that constant, so at most one can match): a reply that passes passes the full schema. A reply
  that fails is checked again by the full schema, so the error is Rasa's own.

- **Dialogue states.** Each policy turns the whole conversation into its list of states by replaying
  every event (``DialogueStateTracker.past_states``), several times per prediction: RulePolicy once or
  twice, MemoizationPolicy and TED once each, with the same arguments for the last two. The states of
  one tracker, at one length, for one set of arguments are now computed once and handed out as
  copies (callers edit them). A small, bounded memo holds the latest trackers only.
- **Event types.** Every event read from the database or an action server looks up its class by
  walking all subclasses of ``Event`` (``Event.resolve_by_type``); the classes are now looked up in a
  table, rebuilt whenever a new subclass has been imported.

- **Conversations sent to the action server.** Every action call carries the whole conversation as
  JSON, and most of its bytes are, for each user message, the ranking of all intents and of all FAQ
  answers (2.2 of 2.7 KB). Earlier user messages are now sent without those two rankings; every
  event is still sent, with its text, intent and entities, and the latest message is sent whole.
  No StemSafe action reads the ranking of an earlier message.

Why these stay process-wide patches: Rasa 3.6 offers no extension point for them. Every custom action
is a ``RemoteAction`` that Rasa builds itself; event classes are resolved by a static method; and the
dialogue states are computed by the tracker for each policy separately. Computing them once per
prediction in policy subclasses was considered and rejected: Rasa does not treat a subclass of
``RulePolicy`` as the rule policy (its recipe validator compares classes with ``==``, so the domain
check for forms is skipped; its ensemble recognises memorised predictions by the node name ending in
``_RulePolicy`` / ``_MemoizationPolicy``; its component registry is keyed by class name), so the
subclasses would change how Rasa handles those policies. Each patch is listed in
``runtime/rasa_internals.py``, which ``runtime.serve`` checks first: a Rasa that moved one stops start-up.

``install()`` is idempotent; ``runtime.serve`` calls it (after the check) before handing over to Rasa's
command line.
"""

from __future__ import annotations

import copy
import json
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple, Type

import jsonschema
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

from bot.lru import LRU


@lru_cache(maxsize=1)
def action_reply_validator() -> Any:
    """The validator for action-server replies, built and checked once."""
    schema = RemoteAction.action_response_format_spec()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@dataclass(frozen=True)
class EventChecks:
    """The reply schema split up: the reply without its events, what every event needs, one branch per type."""

    reply: Any
    event: Any
    by_type: Dict[str, Any]


@lru_cache(maxsize=1)
def event_checks() -> Optional[EventChecks]:
    """None when the schema is not shaped as expected (then only the full schema is used)."""
    full = action_reply_validator()
    schema = copy.deepcopy(full.schema)
    try:
        item = schema["properties"]["events"]["items"]
        branches = item.pop("oneOf")
        by_type = {branch["properties"]["event"]["const"]: branch for branch in branches}
    except (KeyError, TypeError):
        return None
    if len(by_type) != len(branches):
        return None
    schema["properties"]["events"]["items"] = {}
    cls = type(full)
    return EventChecks(cls(schema), cls(item), {name: cls(branch) for name, branch in by_type.items()})


def passes(result: Any) -> bool:
    """True when the reply certainly satisfies the full schema (the quick way)."""
    checks = event_checks()
    if checks is None or not checks.reply.is_valid(result):
        return False
    for event in (result or {}).get("events") or []:
        branch = checks.by_type.get(event.get("event")) if isinstance(event, dict) else None
        if branch is None or not checks.event.is_valid(event) or not branch.is_valid(event):
            return False
    return True


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """Same contract as ``RemoteAction._validate_action_result``: True, or ``ValidationError``."""
    if passes(result):
        return True
    error = best_match(action_reply_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action "
        f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


# --- conversations sent to the action server -----------------------------------------------------
ORIGINAL_ACTION_CALL_FORMAT = RemoteAction._action_call_format
RANKINGS = ("intent_ranking", "response_selector")


def action_call_format(self: RemoteAction, tracker: DialogueStateTracker, domain: Domain) -> Dict[str, Any]:
    """Rasa's request to the action server, without the rankings of earlier user messages."""
    result = ORIGINAL_ACTION_CALL_FORMAT(self, tracker, domain)
    events = result["tracker"]["events"]
    latest = max((i for i, event in enumerate(events) if event.get("event") == "user"), default=-1)
    for event in events[:latest]:
        parse_data = event.get("parse_data") if event.get("event") == "user" else None
        if parse_data:  # a new dict: the one in the event is the tracker's own
            event["parse_data"] = {key: value for key, value in parse_data.items() if key not in RANKINGS}
    return result


# --- dialogue states ------------------------------------------------------------------------------
ORIGINAL_PAST_STATES = DialogueStateTracker.past_states
MEMO_SIZE = 32  # trackers; one prediction uses one, concurrent conversations a few more


@dataclass
class StatesMemo:
    tracker: weakref.ref[DialogueStateTracker]
    version: Tuple[int, int]
    states: Dict[str, List[State]]


_states_memo: LRU[StatesMemo] = LRU(MEMO_SIZE)  # by id(tracker); the weak reference tells a reused id


def copy_states(states: List[State]) -> List[State]:
    """A copy callers may edit: states are dicts of sub-state dicts of strings, numbers and tuples."""
    return [{name: dict(sub_state) for name, sub_state in state.items()} for state in states]


def past_states(
    self: DialogueStateTracker,
    domain: Domain,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: Optional[Dict[str, Any]] = None,
) -> List[State]:
    """``DialogueStateTracker.past_states``, computed once per tracker, length and arguments."""
    events = self.events
    # A tracker changes only by events added at the end: its length and newest event say which version it is.
    version = (len(events), id(events[-1]) if events else 0)
    key = json.dumps([id(domain), omit_unset_slots, ignore_rule_only_turns, rule_only_data], sort_keys=True)
    memo = _states_memo.get(id(self))
    if memo is None or memo.tracker() is not self or memo.version != version:
        memo = StatesMemo(weakref.ref(self), version, {})
        _states_memo.put(id(self), memo)
    states = memo.states.get(key)
    if states is None:
        states = ORIGINAL_PAST_STATES(self, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
        memo.states[key] = states
    return copy_states(states)


# --- event types -----------------------------------------------------------------------------------
ORIGINAL_RESOLVE_BY_TYPE = Event.resolve_by_type
_event_classes: Dict[str, Type[Event]] = {}
_known_subclasses = -1


def resolve_by_type(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """``Event.resolve_by_type`` from a table (same first match: the table keeps the first class per name)."""
    global _known_subclasses
    found = _event_classes.get(type_name)
    if found is None:
        classes = all_subclasses(Event)
        if len(classes) != _known_subclasses:
            _event_classes.clear()
            for cls in classes:
                _event_classes.setdefault(cls.type_name, cls)
            _known_subclasses = len(classes)
            found = _event_classes.get(type_name)
    if found is not None:
        return found
    return ORIGINAL_RESOLVE_BY_TYPE(type_name, default)  # "topic", the default, or Rasa's error


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    RemoteAction._action_call_format = action_call_format  # type: ignore[method-assign]
    DialogueStateTracker.past_states = past_states  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign,assignment]
