"""A local stand-in for the messaging platforms' APIs (Telegram, Slack, Facebook Graph, Twilio).

It answers the calls StemSafe's connectors make, the way each platform does, and records every
call, so a test can see the reply the connector sent. Runs in a background thread on 127.0.0.1.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from aiohttp import web

from tests.aiohttp_thread import serve_in_thread
from tests.servers import free_port


@dataclass
class Call:
    platform: str
    path: str
    data: dict


@dataclass
class FakePlatforms:
    port: int = field(default_factory=free_port)
    calls: list[Call] = field(default_factory=list)
    _by_target: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (platform, to) -> call indexes
    telegram_username: str = "stemsafe_bot"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        if call.path not in ("getMe", "setWebhook"):
            self._by_target.setdefault((call.platform, self._target(call)), []).append(len(self.calls) - 1)

    @staticmethod
    def _target(call: Call) -> str:
        if call.platform == "facebook":
            return str(call.data.get("recipient", {}).get("id"))
        return str(call.data.get({"telegram": "chat_id", "slack": "channel", "twilio": "To"}[call.platform]))

    async def _read(self, request: web.Request) -> dict:
        raw = await request.read()
        if request.content_type == "application/json":
            return json.loads(raw or b"{}")
        return {k: v[0] if len(v) == 1 else v for k, v in parse_qs(raw.decode()).items()}

    async def telegram(self, request: web.Request) -> web.Response:
        data = await self._read(request)
        method = request.match_info["method"]
        self._record(Call("telegram", method, data))
        if method == "getMe":
            result: object = {"id": 1, "is_bot": True, "first_name": "StemSafe", "username": self.telegram_username}
        elif method == "setWebhook":
            result = True
        else:
            chat = int(data.get("chat_id", 0))
            result = {
                "message_id": len(self.calls),
                "date": int(time.time()),
                "chat": {"id": chat, "type": "private"},
                "text": data.get("text", ""),
            }
        return web.json_response({"ok": True, "result": result})

    async def slack(self, request: web.Request) -> web.Response:
        data = await self._read(request)
        self._record(Call("slack", request.match_info["method"], data))
        return web.json_response({"ok": True, "channel": data.get("channel", "C1"), "ts": f"{time.time():.6f}"})

    async def facebook(self, request: web.Request) -> web.Response:
        data = await self._read(request)
        self._record(Call("facebook", request.path, data))
        return web.json_response({"recipient_id": data.get("recipient", {}).get("id"), "message_id": "mid.1"})

    async def twilio(self, request: web.Request) -> web.Response:
        data = await self._read(request)
        self._record(Call("twilio", request.path, data))
        sid = request.match_info["sid"]
        return web.json_response(
            {
                "sid": f"SM{len(self.calls):032d}",
                "account_sid": sid,
                "body": data.get("Body"),
                "to": data.get("To"),
                "from": data.get("From"),
                "status": "queued",
                "direction": "outbound-api",
                "num_segments": "1",
                "date_created": None,
                "date_updated": None,
                "date_sent": None,
                "uri": request.path,
            },
            status=201,
        )

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self.telegram)
        app.router.add_get("/bot{token}/{method}", self.telegram)
        app.router.add_post("/api/{method}", self.slack)
        app.router.add_post("/v{version}/me/messages", self.facebook)
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self.twilio)
        return app

    def start(self) -> FakePlatforms:
        serve_in_thread(self.app(), self.port)
        return self

    def replies(self, platform: str, to: str, after: int = 0) -> list[Call]:
        """The replies sent to `to` on `platform` (after the first `after` calls)."""
        return [self.calls[i] for i in self._by_target.get((platform, to), []) if i >= after]

    def wait_for(self, platform: str, to: str, text: str, after: int = 0, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            said = "\n".join(self.text_of(c) for c in self.replies(platform, to, after))
            if text in said:
                return said
            time.sleep(0.3)
        raise AssertionError(f"no {platform} reply to {to} containing {text!r}; got: {said!r}")

    @staticmethod
    def text_of(call: Call) -> str:
        data = call.data
        if call.platform == "facebook":
            message = data.get("message", {})
            return message.get("text") or json.dumps(message)
        return str(data.get("text") or data.get("Body") or "")
