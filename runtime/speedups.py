"""Fixes for hot paths of Rasa 3.6 found by profiling (bench/profile.py), applied when the server starts.

Each fix keeps Rasa's behaviour and only removes repeated work:

- **Action-server replies.** Rasa checks every reply of the action server against its JSON schema with
  ``jsonschema.validate``, which re-checks the schema itself and rebuilds a validator on each call:
  about 39 ms of CPU per custom-action call, 40% of the server's time under load. Here the validator
  is built once; replies are still checked against the same schema and a bad reply is refused with
  the same ``ValidationError`` message as before.

``install()`` is idempotent; ``runtime.serve`` calls it before handing over to Rasa's command line.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict

import jsonschema
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_INSTALLED = False


@lru_cache(maxsize=1)
def action_reply_validator() -> Any:
    """The validator for action-server replies, built and checked once."""
    schema = RemoteAction.action_response_format_spec()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(_action: RemoteAction, result: Dict[str, Any]) -> bool:
    """Same contract as ``RemoteAction._validate_action_result``: True, or ``ValidationError``."""
    error = best_match(action_reply_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action "
        f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    global _INSTALLED
    if _INSTALLED:
        return
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    _INSTALLED = True
