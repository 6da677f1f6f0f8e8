"""Facebook Messenger connector that checks Meta's current X-Hub-Signature-256 (constant time).

Rasa 3.6 checks only the SHA-1 ``X-Hub-Signature`` with a plain ``==``. This connector refuses (403)
any POST whose ``X-Hub-Signature-256`` is not HMAC-SHA256 of the raw body with the app secret, and
compares the verify token in constant time. Outbound calls get a timeout and a configurable Graph
API base URL (``graph_base_url``), so tests can point them at a local fake. Messages pass the entry
gate (channels/entry_gate.py); oversized bodies get 413. The connector refuses to start with an empty
verify token, app secret or page token; a message whose ``mid`` was already delivered is dropped
(channels/dedup.py). Conversations are keyed ``facebook:<page-scoped id>`` (channels/identity.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Dict, Optional, Text

from fbmessenger import MessengerClient
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger, MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.dedup import SEEN
from channels.entry_gate import entry_gate, limit_body
from channels.identity import identify
from channels.security import required, same_secret, valid_facebook_signature

DEFAULT_GRAPH = "https://graph.facebook.com"
TIMEOUT_SECONDS = 10


class TimedMessengerClient(MessengerClient):
    """fbmessenger's client with a timeout on every call and a configurable Graph API address."""

    def __init__(self, page_access_token: str, graph_base_url: str = DEFAULT_GRAPH) -> None:
        super().__init__(page_access_token)
        self.graph_url = f"{graph_base_url.rstrip('/')}/v{self.api_version}"

    def send(self, payload: Any, recipient_id: Any, messaging_type: str = "RESPONSE", **kw: Any) -> Any:
        kw.setdefault("timeout", TIMEOUT_SECONDS)
        return super().send(payload, recipient_id, messaging_type, **kw)

    def send_action(self, sender_action: Any, recipient_id: Any, timeout: Any = None) -> Any:
        return super().send_action(sender_action, recipient_id, timeout=timeout or TIMEOUT_SECONDS)


def first_deliveries(payload: Any) -> Any:
    """The webhook payload without the messages already delivered (same ``mid``: a retry or a replay)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
        return payload
    entries = []
    for entry in payload["entry"]:
        if isinstance(entry, dict) and isinstance(entry.get("messaging"), list):
            messaging = [
                item
                for item in entry["messaging"]
                if not isinstance(item, dict)
                or not isinstance(item.get("message"), dict)
                or SEEN.first("facebook", item["message"].get("mid"))
            ]
            entry = {**entry, "messaging": messaging}
        entries.append(entry)
    return {**payload, "entry": entries}


class VerifiedFacebookInput(FacebookInput):
    @classmethod
    def name(cls) -> Text:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        required("facebook", credentials, "verify", "secret", "page-access-token")
        channel = cls(credentials.get("verify"), credentials.get("secret"), credentials.get("page-access-token"))
        channel.graph_base_url = credentials.get("graph_base_url") or DEFAULT_GRAPH
        return channel

    graph_base_url: str = DEFAULT_GRAPH

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = limit_body(Blueprint("verified_fb_webhook", __name__), "facebook")
        deliver = entry_gate(identify(on_new_message, "facebook"), "facebook")

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def verify_webhook(request: Request) -> HTTPResponse:
            if same_secret(self.fb_verify, request.args.get("hub.verify_token")):
                return response.text(request.args.get("hub.challenge") or "")
            return response.text("forbidden", status=403)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            signature = request.headers.get("X-Hub-Signature-256")
            if not valid_facebook_signature(self.fb_secret, request.body, signature):
                return response.text("forbidden", status=403)
            messenger = Messenger(self.fb_access_token, deliver)
            messenger.client = TimedMessengerClient(self.fb_access_token, self.graph_base_url)
            await messenger.handle(first_deliveries(request.json), self.get_metadata(request))
            return response.text("success")

        return webhook

    def get_output_channel(self) -> OutputChannel:
        return MessengerBot(TimedMessengerClient(self.fb_access_token, self.graph_base_url))
