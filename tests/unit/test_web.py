"""The printable report page is served by token, escaped, and absent once deleted."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from bot import flags
from bot.store import Store
from bot.web import make_app


def test_report_page_by_token(tmp_path: Path) -> None:
    store = Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate)
    record = store.start("web-user")
    store.record_answer("web-user", "clinic_name", "<b>Clinic</b>", "<b>Clinic</b>", {"name": "<b>Clinic</b>"})
    store.record_answer("web-user", "coa", "no", "no")

    async def scenario() -> None:
        async with TestClient(TestServer(make_app(store))) as client:
            page = await client.get(f"/report/{record.report_token}")
            body = await page.text()
            assert page.status == 200
            assert "&lt;b&gt;Clinic&lt;/b&gt;" in body and "<b>Clinic</b>" not in body
            assert "No certificate of analysis" in body and "Serious concerns" in body
            assert page.headers["Cache-Control"] == "no-store"
            assert (await client.get("/report/guessed-token")).status == 404
            store.delete_user("web-user")
            assert (await client.get(f"/report/{record.report_token}")).status == 404

    asyncio.run(scenario())
