"""The editors' review page: only a logged-in editor sees the queue; forms need the session's CSRF token;
everything shown is escaped; sessions expire; password guessing is braked; 100,000 items paginate; the
export downloads round-trip into the real-question harness."""

from __future__ import annotations

import asyncio
import re
import secrets
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import insert, update

from bench.real_questions import load_file
from bot import feedback, flags
from bot.editor_page import SESSION_COOKIE
from bot.editors import Editors
from bot.feedback_store import EditorSessionRow, FeedbackStore, ItemRow
from bot.store import Store, utcnow
from bot.web import make_app

PASSWORD = "correct horse battery"
USER = "rest:patient"


@pytest.fixture(autouse=True)
def key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(feedback.KEY_ENV, "k" * 64)


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    made = Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate)
    Editors(FeedbackStore(made.engine)).add("maria", PASSWORD)
    return made


def run(store: Store, scenario: Callable[[TestClient], Awaitable[None]]) -> None:
    async def go() -> None:
        async with TestClient(TestServer(make_app(store))) as client:
            await scenario(client)

    asyncio.run(go())


async def log_in(client: TestClient, name: str = "maria", password: str = PASSWORD) -> int:
    form = await (await client.get("/editor/login")).text()
    token = re.search(r"name='csrf' value='([^']+)'", form)
    assert token
    response = await client.post(
        "/editor/login", data={"csrf": token.group(1), "name": name, "password": password}, allow_redirects=False
    )
    return response.status


async def csrf_of(client: TestClient) -> str:
    found = re.search(r"name='csrf' value='([^']+)'", await (await client.get("/editor")).text())
    assert found
    return found.group(1)


def test_the_page_refuses_anyone_not_logged_in(store: Store) -> None:
    queue = FeedbackStore(store.engine)
    queue.set_consent(USER, True)
    queue.add(USER, feedback.FALLBACK, "a question only editors may read")

    async def scenario(client: TestClient) -> None:
        for path in ("/editor", "/editor?page=2", "/editor/export/real_questions.yml", "/editor/export/candidates.yml"):
            response = await client.get(path, allow_redirects=False)
            assert response.status == 303 and response.headers["Location"] == "/editor/login", path
        assert (await client.post("/editor/label", data={"item": "1", "label": "urgent"})).status == 403
        assert (await client.post("/editor/logout")).status == 403
        client.session.cookie_jar.update_cookies({SESSION_COOKIE: secrets.token_urlsafe(32)})
        assert (await client.get("/editor", allow_redirects=False)).status == 303  # a made-up session
        login = await client.get("/editor/login")
        assert "a question only editors may read" not in await login.text()
        assert "default-src 'none'" in login.headers["Content-Security-Policy"]
        assert login.headers["Cache-Control"] == "no-store" and login.headers["X-Frame-Options"] == "DENY"

    run(store, scenario)


def test_login_needs_the_right_password_and_its_form_token_and_brakes_guessing(store: Store) -> None:
    async def scenario(client: TestClient) -> None:
        assert await log_in(client, password="wrong password!") == 401
        assert await log_in(client, name="nobody") == 401
        no_token = await client.post("/editor/login", data={"name": "maria", "password": PASSWORD})
        assert no_token.status == 403
        for _ in range(3):
            await log_in(client, password="still wrong, sorry")
        assert await log_in(client) == 429  # five failures: refused even with the right password, for a while

    run(store, scenario)


def test_a_session_expires_and_logout_ends_it(store: Store) -> None:
    async def scenario(client: TestClient) -> None:
        assert await log_in(client) == 303
        cookie = next(c for c in client.session.cookie_jar if c.key == SESSION_COOKIE)
        assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/editor"
        assert (await client.get("/editor", allow_redirects=False)).status == 200
        with FeedbackStore(store.engine).session() as s:
            s.execute(update(EditorSessionRow).values(seen_at=utcnow() - timedelta(minutes=31)))
        assert (await client.get("/editor", allow_redirects=False)).status == 303  # idle too long
        assert await log_in(client) == 303
        with FeedbackStore(store.engine).session() as s:
            s.execute(update(EditorSessionRow).values(expires_at=utcnow() - timedelta(seconds=1)))
        assert (await client.get("/editor", allow_redirects=False)).status == 303  # past its lifetime
        assert await log_in(client) == 303
        stolen = next(c.value for c in client.session.cookie_jar if c.key == SESSION_COOKIE)
        out = await client.post("/editor/logout", data={"csrf": await csrf_of(client)}, allow_redirects=False)
        assert out.status == 303
        client.session.cookie_jar.update_cookies({SESSION_COOKIE: stolen})
        assert (await client.get("/editor", allow_redirects=False)).status == 303  # the old cookie is dead

    run(store, scenario)


def test_everything_shown_is_escaped_and_labels_need_the_csrf_token(store: Store, tmp_path: Path) -> None:
    queue = FeedbackStore(store.engine)
    queue.set_consent(USER, True)
    queue.add(USER, feedback.ANSWER, "<script>alert('x')</script> is it <b>FDA</b> approved?", "fda_approved", 0.9)
    with queue.session() as s:  # a value that never came from a person still goes through the escaping
        s.execute(update(ItemRow).values(channel="<i>rest</i>", wanted="<img src=x onerror=alert(1)>"))
    item = queue.items_of(USER)[0]

    async def scenario(client: TestClient) -> None:
        assert await log_in(client) == 303
        page = await client.get("/editor")
        body = await page.text()
        assert page.status == 200 and "<script>alert" not in body and "&lt;script&gt;alert(&#x27;x&#x27;)" in body
        assert "<b>FDA</b>" not in body and "<img src=x" not in body and "<i>rest</i>" not in body
        assert "&lt;img src=x onerror=alert(1)&gt;" in body
        form = {"item": str(item.id), "label": feedback.RIGHT_TOPIC, "value": ""}
        assert (await client.post("/editor/label", data=form)).status == 403  # no CSRF token
        assert (await client.post("/editor/label", data=dict(form, csrf="forged"))).status == 403
        saved = await client.post("/editor/label", data=dict(form, csrf=await csrf_of(client)), allow_redirects=False)
        assert saved.status == 303 and saved.headers["Location"].startswith("/editor")
        bad = dict(form, label=feedback.NEW_TOPIC, value="<script>", csrf=await csrf_of(client))
        refused = await client.post("/editor/label", data=bad)
        assert refused.status == 400 and "<script>" not in await refused.text()
        exported = await client.get("/editor/export/real_questions.yml")
        assert exported.status == 200 and "attachment" in exported.headers["Content-Disposition"]
        path = tmp_path / "fb_dev.yml"
        path.write_text(await exported.text(), encoding="utf-8")
        (question,) = load_file(path)
        assert question.label == "fda_approved" and question.text.startswith("<script>alert('x')</script>")

    run(store, scenario)


def test_a_queue_of_100000_items_paginates(store: Store) -> None:
    queue = FeedbackStore(store.engine)
    now = utcnow()
    rows = [
        {
            "token": f"t{i:020d}",
            "person_ref": f"{i % 5000:064x}",
            "kind": feedback.FALLBACK if i % 3 else feedback.ANSWER,
            "text": f"question number {i % 20_000} about cells",
            "group_key": f"{i % 20_000:024x}",
            "topic": None if i % 3 else "tumours",
            "confidence": 0.5,
            "helpful": None if i % 3 else ("no" if i % 2 else "yes"),
            "language": "es" if i % 10 == 0 else "en",
            "channel": "rest",
            "created_at": now - timedelta(minutes=i),
        }
        for i in range(100_000)
    ]
    with queue.session() as s:
        s.execute(insert(ItemRow), rows)

    async def scenario(client: TestClient) -> None:
        assert await log_in(client) == 303
        first = await (await client.get("/editor")).text()
        assert "20000 groups" in first and "Page 1 of 800" in first and "rel='next'" in first
        assert "rel='prev'" not in first and first.count("<section class='group'>") == 25
        last = await (await client.get("/editor?page=800")).text()
        assert "Page 800 of 800" in last and "rel='next'" not in last and "rel='prev'" in last
        beyond = await client.get("/editor?page=999999")
        assert beyond.status == 200 and "<section class='group'>" not in await beyond.text()
        spanish = await (await client.get("/editor?language=es&feedback=failed")).text()
        assert "Page 1 of" in spanish and "<section class='group'>" in spanish

    run(store, scenario)


def test_editor_accounts_come_from_the_command_line_only(store: Store) -> None:
    editors = Editors(FeedbackStore(store.engine))
    with pytest.raises(ValueError):
        editors.add("maria", PASSWORD)  # exists
    with pytest.raises(ValueError):
        editors.add("short", "tooshort")
    assert editors.login("maria", PASSWORD) and editors.login("maria", "nope") is None
    editors.disable("maria")
    assert editors.login("maria", PASSWORD) is None
    assert [name for name, active in editors.names() if active] == []
