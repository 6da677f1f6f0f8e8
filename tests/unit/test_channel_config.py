"""Messaging channels are switched on by their secrets in the environment, and no secret is written."""

from __future__ import annotations

from pathlib import Path

from channels.config import credentials, write

TELEGRAM = {
    "TELEGRAM_ACCESS_TOKEN": "123:abc",
    "TELEGRAM_BOT_USERNAME": "stemsafe_bot",
    "TELEGRAM_WEBHOOK_URL": "https://example.org/webhooks/telegram/webhook",
    "TELEGRAM_SECRET_TOKEN": "s3cret-value",
}


def test_only_configured_channels_are_enabled(tmp_path: Path) -> None:
    assert set(credentials({})) == {"channels.socketio.PersistentSocketIOInput"}  # `make run`: no REST
    assert credentials({"STEMSAFE_REST_TOKEN": "t" * 24})["channels.rest.ReliableRestInput"] == {
        "token": "${STEMSAFE_REST_TOKEN}"
    }
    config = credentials({**TELEGRAM, "SLACK_BOT_TOKEN": "xoxb-1"})  # Slack lacks its signing secret
    assert "channels.telegram.SecureTelegramInput" in config
    assert "channels.slack.VerifiedSlackInput" not in config
    assert config["channels.telegram.SecureTelegramInput"]["secret_token"] == "${TELEGRAM_SECRET_TOKEN}"
    assert "api_base_url" not in config["channels.telegram.SecureTelegramInput"]


def test_written_file_holds_references_not_secrets(tmp_path: Path) -> None:
    text = write(tmp_path / "credentials.yml", TELEGRAM).read_text()
    assert "${TELEGRAM_ACCESS_TOKEN}" in text
    assert "123:abc" not in text and "s3cret-value" not in text
