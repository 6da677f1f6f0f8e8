"""Writes the credentials file Rasa runs with: the base channels plus each messaging channel whose
secrets are present in the environment.

Rasa instantiates every channel listed in its credentials file and fails on a missing ``${VAR}``, so
channels are added only when their required variables are set (non-empty; each connector also refuses
to start with an empty secret). The REST channel is one of them: it needs ``STEMSAFE_REST_TOKEN``
(a bearer token of 16 characters or more), so `make run` has no REST unless that is set. The file
written holds ``${VAR}`` references, never the secrets themselves (Rasa expands them when it loads it).

Usage: ``python -m channels.config [OUT]`` (default var/credentials.yml)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "credentials.yml"

# channel class -> (required settings, optional settings): credential key -> environment variable
CHANNELS: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "channels.rest.ReliableRestInput": ({"token": "STEMSAFE_REST_TOKEN"}, {}),
    "channels.telegram.SecureTelegramInput": (
        {
            "access_token": "TELEGRAM_ACCESS_TOKEN",
            "verify": "TELEGRAM_BOT_USERNAME",
            "webhook_url": "TELEGRAM_WEBHOOK_URL",
            "secret_token": "TELEGRAM_SECRET_TOKEN",
        },
        {"api_base_url": "TELEGRAM_API_BASE_URL"},
    ),
    "channels.slack.VerifiedSlackInput": (
        {"slack_token": "SLACK_BOT_TOKEN", "slack_signing_secret": "SLACK_SIGNING_SECRET"},
        {"slack_channel": "SLACK_CHANNEL", "api_base_url": "SLACK_API_BASE_URL"},
    ),
    "channels.facebook.VerifiedFacebookInput": (
        {
            "verify": "FACEBOOK_VERIFY_TOKEN",
            "secret": "FACEBOOK_APP_SECRET",
            "page-access-token": "FACEBOOK_PAGE_ACCESS_TOKEN",
        },
        {"graph_base_url": "FACEBOOK_GRAPH_BASE_URL"},
    ),
    "channels.twilio.VerifiedTwilioInput": (
        {"account_sid": "TWILIO_ACCOUNT_SID", "auth_token": "TWILIO_AUTH_TOKEN", "webhook_url": "TWILIO_WEBHOOK_URL"},
        {
            "twilio_number": "TWILIO_NUMBER",
            "whatsapp_number": "TWILIO_WHATSAPP_NUMBER",
            "api_base_url": "TWILIO_API_BASE_URL",
        },
    ),
}


def credentials(env: Mapping[str, str]) -> dict:
    config = yaml.safe_load(BASE.read_text(encoding="utf-8")) or {}
    for channel, (required, optional) in CHANNELS.items():
        if all(env.get(var) for var in required.values()):
            entry = {key: f"${{{var}}}" for key, var in required.items()}
            entry.update({key: f"${{{var}}}" for key, var in optional.items() if env.get(var)})
            config[channel] = entry
    return config


def enabled(env: Mapping[str, str]) -> list[str]:
    return [name.rsplit(".", 1)[-1] for name in credentials(env) if name in CHANNELS]


def write(out: Path, env: Mapping[str, str] = os.environ) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(credentials(env), sort_keys=False), encoding="utf-8")
    return out


if __name__ == "__main__":
    target = write(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "var" / "credentials.yml")
    names = enabled(os.environ)
    print(f"{target}: socket.io" + (", " + ", ".join(names) if names else " (no other channel configured)"))
