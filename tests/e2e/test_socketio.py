"""The website widget's channel: socket.io with session persistence, as rasa-webchat uses it.

Guards against RasaHQ/rasa#13027 coming back (no bot replies with persistence on under
python-socketio >= 5.10): every test here waits for real `bot_uttered` events. What an attacker tries
against widget sessions (made-up or leaked ids, a second socket, a foreign origin) is in
tests/security/test_widget_sessions.py, which reuses `Widget`.
"""

from __future__ import annotations

import asyncio

import socketio

from tests.servers import Stack, socketio_id

TIMEOUT = 30


class Widget:
    """A minimal rasa-webchat: requests a session, sends messages, collects bot replies."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.client = socketio.AsyncClient(reconnection=False)
        self.replies: asyncio.Queue[dict] = asyncio.Queue()
        self.confirmed: asyncio.Queue[str] = asyncio.Queue()
        self.client.on("bot_uttered", self.replies.put)
        self.client.on("session_confirm", self.confirmed.put)

    async def open(self, session_id: str | None = None, headers: dict[str, str] | None = None) -> str:
        await self.client.connect(self.url, socketio_path="/socket.io", transports=["websocket"], headers=headers or {})
        await self.client.emit("session_request", {"session_id": session_id})
        return await asyncio.wait_for(self.confirmed.get(), TIMEOUT)

    async def send(self, session_id: str, text: str) -> None:
        await self.client.emit("user_uttered", {"message": text, "session_id": session_id, "customData": {}})

    async def reply(self, timeout: float = TIMEOUT) -> dict:
        return await asyncio.wait_for(self.replies.get(), timeout)

    async def close(self) -> None:
        await self.client.disconnect()


def user_texts(stack: Stack, sender: str) -> list[str]:
    return [event.get("text") for event in stack.stored_events(socketio_id(sender)) if event.get("event") == "user"]


def test_replies_arrive_and_a_reload_keeps_the_conversation(stack: Stack) -> None:
    async def scenario() -> None:
        page = Widget(stack.url)
        session = await page.open()
        assert len(session.split(".")[0]) == 32
        await page.send(session, "hello")
        first = await page.reply()
        assert "StemSafe" in first["text"]
        await page.close()

        reloaded = Widget(stack.url)  # the page was reloaded: same session id from storage
        assert await reloaded.open(session) == session
        await reloaded.send(session, "what is an IRB?")
        texts = []
        while not any("Sources:" in t for t in texts):
            texts.append((await reloaded.reply()).get("text", ""))
        assert any("ethics committee" in t for t in texts)
        await reloaded.close()
        assert user_texts(stack, session) == ["hello", "what is an IRB?"]  # one conversation, kept

    asyncio.run(scenario())


def test_buttons_arrive_as_quick_replies(stack: Stack) -> None:
    async def scenario() -> None:
        page = Widget(stack.url)
        session = await page.open()
        await page.send(session, "hi")
        message = await page.reply()
        while "quick_replies" not in message:
            message = await page.reply()
        titles = [q["title"] for q in message["quick_replies"]]
        assert "Check a clinic" in titles
        await page.close()

    asyncio.run(scenario())
