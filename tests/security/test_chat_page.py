"""L5/L9 (chat page side), L2: the chat page runs no inline script, cannot be framed, and keeps the
conversation in the tab's session storage only.

Before the fix the page's CSP allowed `script-src 'unsafe-inline'` (an echoed `javascript:` link or an
injected script would run) and `frame-ancestors 'self'`, and the widget kept the whole transcript and the
session id in localStorage, where the next person on a shared device found them after "delete my data".
The behaviour in a real browser (deletion clears the browser's copy) is in
tests/browser/test_widget_security.py.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from bot import flags
from bot.store import Store
from bot.web import make_app


def test_chat_page_csp_has_no_inline_script_and_no_framing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STEMSAFE_SOCKET_URL", 'http://127.0.0.1:5005/"><script>alert(1)</script>')
    store = Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate)

    async def scenario() -> None:
        async with TestClient(TestServer(make_app(store))) as client:
            page = await client.get("/")
            body = await page.text()
            parts = [p.strip().split(" ", 1) for p in page.headers["Content-Security-Policy"].split(";")]
            csp = {part[0]: part[1] if len(part) > 1 else "" for part in parts}
            assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
            assert csp["frame-ancestors"] == "'none'" and page.headers["X-Frame-Options"] == "DENY"
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body)  # every script is a file
            assert "<script>alert(1)" not in body  # the injected address is escaped
            script = await client.get("/assets/chat.js")
            assert script.status == 200 and "javascript" in script.headers["Content-Type"]
            source = await script.text()
            assert 'storage: "session"' in source and "stemsafe_forget" in source

    asyncio.run(scenario())
