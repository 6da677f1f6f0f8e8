"""Deeply nested metadata, as an attacker would send it, for the entry limits' unit tests
(tests/unit/test_entry_limits.py) and the fuzz suite (tests/e2e/test_fuzz.py). Both are built without
recursion, so any depth can be made."""

from __future__ import annotations


def deep(levels: int) -> dict:
    """A dict nested `levels` deep: {"a": {"a": ... {}}}."""
    root: dict = {}
    node = root
    for _ in range(levels):
        node["a"] = {}
        node = node["a"]
    return root


def deep_json(levels: int) -> str:
    """JSON nested `levels` deep, written out (json.dumps itself would run out of stack)."""
    return '{"a":' * levels + "{}" + "}" * levels
