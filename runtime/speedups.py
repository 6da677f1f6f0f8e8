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

``install()`` is idempotent; ``runtime.serve`` calls it before handing over to Rasa's command line.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, Optional

import jsonschema
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


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


def validate_action_result(_action: RemoteAction, result: Dict[str, Any]) -> bool:
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


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
