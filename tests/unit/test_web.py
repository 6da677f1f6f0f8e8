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


def test_page_check_form_lists_the_claims_quoted_escaped_and_sourced(tmp_path: Path) -> None:
    store = Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate)
    pasted = (
        "Our <script>alert('x')</script> cells are immune privileged, so they cannot be rejected.\n"
        "We hold a COFEPRIS license. Sanitary notice: 2323025036X00098.\n"
        "Cells are given by IV infusion and intrathecal injection."
    )

    async def scenario() -> None:
        async with TestClient(TestServer(make_app(store))) as client:
            form = await (await client.get("/check-page")).text()
            assert "<label for='clinic-text'>" in form and "id='clinic-text'" in form
            index = await (await client.get("/")).text()
            assert 'action="/check-page"' in index and '<label for="clinic-text"' in index
            page = await client.post("/check-page", data={"text": pasted})
            body = await page.text()
            assert page.status == 200
            assert "<script>alert" not in body and "&lt;script&gt;alert" in body
            assert "Donor cells are &quot;immune privileged&quot;" in body and "antibodies against them" in body
            assert "notice, not a licence" in body and "Ankrum" in body
            assert "Injection into the spine, eye or brain" in body and "For your clinic check" in body
            assert " is safe" not in body.replace("never calls a clinic or a treatment safe", "")
            nothing = await (await client.post("/check-page", data={"text": "Open 9 to 5."})).text()
            assert "No claims recognised" in nothing and "make the clinic trustworthy" in nothing
            huge = await client.post("/check-page", data={"text": "a" * 2_000_000})
            assert huge.status == 413
            long = await (
                await client.post("/check-page", data={"text": "Our cells are immune privileged. " * 2000})
            ).text()
            assert "Only the first 60,000 characters were read." in long

    asyncio.run(scenario())
