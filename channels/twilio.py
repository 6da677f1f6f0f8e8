"""Twilio connector (SMS and WhatsApp) that verifies X-Twilio-Signature with Twilio's own validator.

Rasa 3.6's Twilio connector accepts unsigned requests, answers a media-only message with a 500, and
sends with a blocking call inside the event loop. This one:
- refuses (403) any request whose signature does not match (``twilio.request_validator``), computed
  over ``webhook_url`` (the public URL Twilio calls; behind a proxy the local URL differs);
- answers a message without text kindly instead of failing;
- turns buttons into numbered options and a numbered reply into the chosen option (bot/numbered_options);
- sends WhatsApp replies from the WhatsApp number, SMS replies from the SMS number, in a worker thread;
- takes ``api_base_url`` so tests can point it at a local fake Twilio;
- passes messages through the entry gate (channels/entry_gate.py; SMS up to 1,600 characters,
  WhatsApp up to 4,096) before a numbered reply is resolved; oversized bodies get 413;
- refuses to start with an empty account SID or auth token (``RequestValidator("")`` would accept
  requests signed with the empty key), and drops a message whose ``MessageSid`` was already delivered
  (Twilio's signature has no timestamp: a captured request could be replayed; channels/dedup.py);
- keys conversations ``twilio:<From>`` (``twilio:whatsapp:+1…``; channels/identity.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from bot import language
from bot.numbered_options import OfferedOptions, render
from channels.dedup import SEEN
from channels.entry_gate import entry_gate, limit_body
from channels.identity import identify
from channels.security import required

logger = logging.getLogger(__name__)
OFFERS = OfferedOptions()
NO_TEXT_REPLY = (
    "Sorry, I can only read text messages. Please type your question.\n"
    "Lo siento, solo puedo leer mensajes de texto. Por favor, escriba su pregunta."
)


class TwilioTextOutput(OutputChannel):
    @classmethod
    def name(cls) -> Text:
        return "twilio"

    def __init__(self, client: Client, sms_number: Optional[Text], whatsapp_number: Optional[Text]) -> None:
        self.client = client
        self.sms_number = sms_number
        self.whatsapp_number = whatsapp_number

    def _from(self, recipient_id: Text) -> Optional[Text]:
        if recipient_id.startswith("whatsapp:") and self.whatsapp_number:
            number = self.whatsapp_number
            return number if number.startswith("whatsapp:") else f"whatsapp:{number}"
        return self.sms_number

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in text.strip().split("\n\n\n"):
            try:
                await asyncio.to_thread(
                    self.client.messages.create, to=recipient_id, from_=self._from(recipient_id), body=part
                )
            except TwilioRestException as error:
                logger.error(f"twilio: message not sent: {error.msg}")

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        OFFERS.remember(recipient_id, buttons)
        # The output channel does not see the conversation: the message's own language words the prompt.
        await self.send_text_message(recipient_id, render(text, buttons, language.detect(text) or "en"))


class VerifiedTwilioInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        required("twilio", credentials, "account_sid", "auth_token")
        return cls(
            account_sid=credentials["account_sid"],
            auth_token=credentials["auth_token"],
            twilio_number=credentials.get("twilio_number"),
            whatsapp_number=credentials.get("whatsapp_number"),
            webhook_url=credentials.get("webhook_url"),
            api_base_url=credentials.get("api_base_url"),
        )

    def __init__(
        self,
        account_sid: Text,
        auth_token: Text,
        twilio_number: Optional[Text] = None,
        whatsapp_number: Optional[Text] = None,
        webhook_url: Optional[Text] = None,
        api_base_url: Optional[Text] = None,
    ) -> None:
        required("twilio", {"account_sid": account_sid, "auth_token": auth_token}, "account_sid", "auth_token")
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.twilio_number = twilio_number
        self.whatsapp_number = whatsapp_number
        self.webhook_url = webhook_url
        self.api_base_url = api_base_url
        self.validator = RequestValidator(auth_token)

    def is_authentic(self, request: Request) -> bool:
        url = self.webhook_url or request.url
        params = {key: request.form.get(key) for key in request.form}
        return self.validator.validate(url, params, request.headers.get("X-Twilio-Signature", ""))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = limit_body(Blueprint("verified_twilio_webhook", __name__), "twilio")

        async def resolve_options(message: UserMessage) -> Any:
            message.text = OFFERS.resolve(message.sender_id, message.text)
            return await bound(message)

        bound = identify(on_new_message, "twilio")
        deliver = entry_gate(resolve_options, "twilio")

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.is_authentic(request):
                return response.text("forbidden", status=403)
            if not SEEN.first("twilio", request.form.get("MessageSid")):
                return response.text("", status=204)  # already delivered
            sender = request.form.get("From")
            if not sender:
                return response.text("", status=204)
            output = self.get_output_channel()
            text = request.form.get("Body")
            if not text or not text.strip():
                await output.send_text_message(sender, NO_TEXT_REPLY)
                return response.text("", status=204)
            metadata = self.get_metadata(request)
            text = text.replace("¡", "@")
            await deliver(UserMessage(text, output, sender, input_channel=self.name(), metadata=metadata))
            return response.text("", status=204)

        return webhook

    def get_output_channel(self) -> OutputChannel:
        client = Client(self.account_sid, self.auth_token)
        if self.api_base_url:
            client.api.base_url = self.api_base_url.rstrip("/")
        return TwilioTextOutput(client, self.twilio_number, self.whatsapp_number)
