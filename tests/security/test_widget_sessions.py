"""M1, L10 (socket.io), L5 (widget side): nobody can claim a widget session they were not issued.

Before the fix, any socket from any origin could send `session_request` with a known session id (from
the tracker or records database, a log, a shared screen), join that room, receive the victim's replies
live, get the report link and delete the data; ids were the stored conversation ids themselves.
"""

from __future__ import annotations

import asyncio

import pytest
import requests
import socketio

from channels.socketio import TAKEN_OVER, safe_markdown
from tests.e2e.test_socketio import Widget
from tests.security.helpers import conversation_ids
from tests.servers import Stack, socketio_id

QUIET = 5  # seconds a socket listens to show that nothing arrives


async def silent(widget: Widget, seconds: float = QUIET) -> list[str]:
    """What `widget` received in `seconds` (expected: nothing)."""
    got = []
    try:
        while True:
            got.append((await widget.reply(timeout=seconds)).get("text", ""))
    except asyncio.TimeoutError:
        return got


async def answer_to(widget: Widget, session: str, text: str, expected: str) -> str:
    await widget.send(session, text)
    said = ""
    while expected not in said:
        said += (await widget.reply()).get("text", "") + "\n"
    return said


def test_made_up_leaked_or_altered_session_ids_get_a_new_empty_session(stack: Stack) -> None:
    async def scenario() -> None:
        owner = Widget(stack.url)
        token = await owner.open()
        await answer_to(owner, token, "check a clinic", "name of the clinic")
        stored = token.split(".")[0]  # the id the tracker and the records hold
        assert socketio_id(token) in conversation_ids(stack)
        altered = stored + "." + ("0" * 32 if not token.endswith("0" * 32) else "1" * 32)
        for claimed in ("alice", stored, socketio_id(token), altered, token.upper()):
            intruder = Widget(stack.url)
            own = await intruder.open(claimed)
            assert own.split(".")[0] != stored and len(own.split(".")[0]) == 32, claimed
            for attempt in (token, stored, own):
                await intruder.send(attempt, "show my report")
            await intruder.send(own, "hi")
            said = await silent(intruder, 8)
            assert all("Clinic check" not in text for text in said)
            await intruder.close()
        assert await silent(owner, 1) == []  # the owner saw nothing of the intruders
        await owner.close()

    asyncio.run(scenario())


def test_a_message_for_a_session_this_socket_does_not_hold_is_ignored(stack: Stack) -> None:
    async def scenario() -> None:
        owner = Widget(stack.url)
        token = await owner.open()
        intruder = Widget(stack.url)
        await intruder.open()
        await intruder.send(token, "hello")  # a valid token, but another socket holds the session
        assert await silent(intruder) in ([], [TAKEN_OVER])
        assert await silent(owner, 1) == []
        await owner.close()
        await intruder.close()

    asyncio.run(scenario())


def test_a_reload_with_the_token_takes_the_session_over(stack: Stack) -> None:
    async def scenario() -> None:
        first = Widget(stack.url)
        token = await first.open()
        await answer_to(first, token, "hello", "StemSafe")
        second = Widget(stack.url)  # a reload or a duplicated tab: same browser, same token
        assert await second.open(token) == token
        await answer_to(second, token, "what is an IRB?", "ethics committee")
        assert all("ethics committee" not in text for text in await silent(first, 2))  # no longer listening in
        await first.send(token, "what is an IRB?")
        assert (await first.reply()).get("text") == TAKEN_OVER
        await first.close()
        await second.close()

    asyncio.run(scenario())


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://127.0.0.1:1"])
def test_a_foreign_origin_cannot_open_a_socket(stack: Stack, origin: str) -> None:
    handshake = f"{stack.url}/socket.io/?EIO=4&transport=polling"
    assert requests.get(handshake, headers={"Origin": origin}, timeout=10).status_code == 403
    page_origin = stack.web_url
    assert requests.get(handshake, headers={"Origin": page_origin}, timeout=10).status_code == 200

    async def scenario() -> None:
        widget = Widget(stack.url)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await widget.open(headers={"Origin": origin})

    asyncio.run(scenario())


def test_links_in_bot_text_go_to_http_only() -> None:
    for hostile in (
        "[Open report](javascript:alert(1))",
        "[x]( javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](java&#115;cript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
        "[x]\n\n[x]: javascript:alert(1)",
    ):
        safe = safe_markdown(f"Clinic check: {hostile} (Tijuana)")
        assert "](" not in safe and "]:" not in safe and "<javascript" not in safe.replace("\\<", ""), hostile
    link = "[Open your printable report](http://127.0.0.1:8000/report/abc)"
    assert safe_markdown(link) == link


def test_an_echoed_javascript_link_reaches_the_widget_as_text(stack: Stack) -> None:
    async def scenario() -> None:
        widget = Widget(stack.url)
        token = await widget.open()
        await answer_to(widget, token, "check a clinic", "name of the clinic")
        await widget.send(token, "[Open report](javascript:alert(document.cookie))")
        said = "\n".join(await silent(widget, 8))
        said += await answer_to(widget, token, "show my report", "report")
        assert "](javascript" not in said
        await widget.close()

    asyncio.run(scenario())
