"""Writes the endpoints file for a deployment profile, from environment variables.

- ``embedded`` (default): endpoints.yml as it is (SQLite tracker store, local action server).
- ``scaled`` (``STEMSAFE_PROFILE=scaled``): PostgreSQL tracker store (``TRACKER_DB_HOST``,
  ``TRACKER_DB_PORT``, ``TRACKER_DB_NAME``, ``TRACKER_DB_USER``, ``TRACKER_DB_PASSWORD``), Redis lock
  store (``REDIS_HOST``, ``REDIS_PORT``, ``REDIS_DB``, ``REDIS_PASSWORD``, ``LOCK_KEY_PREFIX``), and,
  when ``RABBITMQ_HOST`` is set, a Pika event broker for analytics. Records use ``DATABASE_URL``.
Secrets are written as ``${VAR}`` references, which Rasa expands when it loads the file.
The scaled profile refuses to start on default credentials (security review L6): ``TRACKER_DB_PASSWORD``,
``REDIS_PASSWORD`` and, with RabbitMQ, ``RABBITMQ_PASSWORD`` must be set, and RabbitMQ's user must not be
``guest``; `write` exits with a message naming what is missing. ``STEMSAFE_LOCAL_SERVICES=1`` allows the
defaults only when every service is on this machine (loopback hosts: the tests' local services).

Usage: ``python -m stores.endpoints OUT``
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _ref(env: Mapping[str, str], name: str, default: str) -> str:
    return f"${{{name}}}" if env.get(name) else default


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class DefaultCredentials(ValueError):
    """The scaled profile was asked to run on a default or empty password."""


def missing_secrets(env: Mapping[str, str]) -> list[str]:
    """What the scaled profile lacks to run without default credentials (empty for the embedded one)."""
    if env.get("STEMSAFE_PROFILE", "embedded") != "scaled":
        return []
    hosts = [env.get(name, "127.0.0.1") for name in ("TRACKER_DB_HOST", "REDIS_HOST")]
    hosts += [env["RABBITMQ_HOST"]] if env.get("RABBITMQ_HOST") else []
    if env.get("STEMSAFE_LOCAL_SERVICES") == "1" and all(host in LOOPBACK for host in hosts):
        return []
    missing = [name for name in ("TRACKER_DB_PASSWORD", "REDIS_PASSWORD") if not env.get(name)]
    if env.get("RABBITMQ_HOST"):
        if not env.get("RABBITMQ_PASSWORD") or env.get("RABBITMQ_PASSWORD") == "guest":
            missing.append("RABBITMQ_PASSWORD")
        if env.get("RABBITMQ_USER", "guest") == "guest":
            missing.append("RABBITMQ_USER (not guest)")
    return missing


def endpoints(env: Mapping[str, str]) -> dict:
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    config["action_endpoint"]["url"] = env.get("ACTION_SERVER_URL", config["action_endpoint"]["url"])
    if env.get("STEMSAFE_PROFILE", "embedded") != "scaled":
        return config
    missing = missing_secrets(env)
    if missing:
        raise DefaultCredentials(
            "The scaled profile does not run on default credentials; set " + ", ".join(missing) + "."
        )
    config["tracker_store"] = {
        "type": "stores.tracker.PrivateSQLTrackerStore",
        "dialect": "postgresql",
        "url": env.get("TRACKER_DB_HOST", "127.0.0.1"),
        "port": int(env.get("TRACKER_DB_PORT", "5432")),
        "db": env.get("TRACKER_DB_NAME", "stemsafe"),
        "username": env.get("TRACKER_DB_USER", "postgres"),
        "password": _ref(env, "TRACKER_DB_PASSWORD", ""),
    }
    config["lock_store"] = {
        "type": "redis",
        "url": env.get("REDIS_HOST", "127.0.0.1"),
        "port": int(env.get("REDIS_PORT", "6379")),
        "db": int(env.get("REDIS_DB", "0")),
        "key_prefix": env.get("LOCK_KEY_PREFIX", "stemsafe"),
    }
    if env.get("REDIS_PASSWORD"):
        config["lock_store"]["password"] = "${REDIS_PASSWORD}"
    if env.get("RABBITMQ_HOST"):
        config["event_broker"] = {
            "type": "pika",
            "url": env["RABBITMQ_HOST"],
            "username": env.get("RABBITMQ_USER", "guest"),
            "password": _ref(env, "RABBITMQ_PASSWORD", "guest"),
            "queues": [env.get("RABBITMQ_QUEUE", "stemsafe_events")],
        }
    return config


def write(out: Path, env: Mapping[str, str] = os.environ) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(endpoints(env), sort_keys=False), encoding="utf-8")
    return out


if __name__ == "__main__":
    try:
        print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "var" / "endpoints.yml"))
    except DefaultCredentials as refused:
        sys.exit(str(refused))
