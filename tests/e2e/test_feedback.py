"""Consent and feedback as people use them, over REST and Twilio SMS (numbered options, local fake of Twilio's
API), against the real Rasa and action servers; what the review queue then holds, and that "delete my data"
empties it."""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from bot import feedback
from bot.feedback_store import FeedbackStore, Item
from bot.store import make_engine
from tests.channel_clients import SECRETS, post, telegram_update, telegram_user, twilio_post
from tests.fake_platforms import FakePlatforms
from tests.servers import Stack, rest_id

QUESTION = "what is an IRB?"
ANSWERED = "ethics committee"


@contextmanager
def queue(stack: Stack) -> Iterator[FeedbackStore]:
    """The stack's review queue, read with the stack's key (the servers' person references)."""
    before = os.environ.get(feedback.KEY_ENV)
    os.environ[feedback.KEY_ENV] = stack.env[feedback.KEY_ENV]
    engine = make_engine(stack.env["DATABASE_URL"])
    try:
        yield FeedbackStore(engine)
    finally:
        engine.dispose()
        if before is None:
            os.environ.pop(feedback.KEY_ENV, None)
        else:
            os.environ[feedback.KEY_ENV] = before


def items(stack: Stack, sender: str) -> list[Item]:
    with queue(stack) as q:
        return q.items_of(sender)


def titles(replies: list[dict]) -> list[str]:
    return [b.get("title", "") for r in replies for b in r.get("buttons") or []]


def text(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def test_rest_consent_feedback_and_deletion(stack: Stack) -> None:
    user = f"fb-{uuid.uuid4().hex}"
    greeting = stack.say(user, "/greet")
    assert "May I keep your questions" in text(greeting) and "No thanks" in titles(greeting)

    answer = stack.say(user, QUESTION)  # no consent yet: answered, no feedback buttons, nothing kept
    assert ANSWERED in text(answer).lower() and feedback.YES_TITLE not in titles(answer)
    assert items(stack, rest_id(user)) == []

    assert "without names or contact details" in text(stack.say(user, feedback.consent_payload(True)))
    answer = stack.say(user, f"My name is Ana Ruiz, {QUESTION}")
    assert ANSWERED in text(answer).lower()
    buttons = {b["title"]: b["payload"] for r in answer for b in r.get("buttons") or []}
    assert set(buttons) >= {feedback.YES_TITLE, feedback.NO_TITLE}
    assert len([r for r in answer if r.get("buttons")]) == 1  # on the answer itself, not a new message

    after_no = stack.say(user, buttons[feedback.NO_TITLE])
    assert "what you wanted to know" in text(after_no)
    assert all(p.startswith("/faq_choice") for r in after_no for p in [b["payload"] for b in r.get("buttons") or []])
    wanted = stack.say(user, "who checks that a study is ethical? my email is ana@example.com")
    assert wanted and text(wanted)  # the message is answered as usual

    kept, *rephrased = items(stack, rest_id(user))  # the rephrased question is kept too, as what happened to it
    assert len(rephrased) == 1
    assert kept.kind == feedback.ANSWER and kept.topic == "ethics_committee" and kept.helpful == "no"
    assert kept.text == "My name is [name removed], what is an IRB?" and kept.channel == "rest"
    assert kept.wanted and "[email removed]" in kept.wanted and "ana@example.com" not in kept.wanted

    stack.say(user, "asdkj qwpoe zzz")  # a fallback is kept without asking
    assert [i.kind for i in items(stack, rest_id(user))][-1] == feedback.FALLBACK

    assert "can't be undone" in text(stack.say(user, "please delete my data"))
    stack.say(user, "yes")
    assert items(stack, rest_id(user)) == []
    assert feedback.YES_TITLE not in titles(stack.say(user, QUESTION))  # consent went with the data


def test_no_thanks_keeps_nothing(stack: Stack) -> None:
    user = f"fb-{uuid.uuid4().hex}"
    stack.say(user, "/greet")
    assert "won't keep" in text(stack.say(user, feedback.consent_payload(False)))
    answer = stack.say(user, QUESTION)
    assert feedback.YES_TITLE not in titles(answer)
    stack.say(user, "asdkj qwpoe zzz")
    assert items(stack, rest_id(user)) == []
    forged = stack.say(user, feedback.feedback_payload("A" * 22, False))  # someone else's item, or none
    assert "can no longer be saved" in text(forged)


def test_twilio_sms_numbered_feedback(channel_stack: Stack, platforms: FakePlatforms) -> None:
    phone = f"+1555{uuid.uuid4().int % 10**7:07d}"
    assert twilio_post(channel_stack, phone, "hello") == 204
    greeting = platforms.wait_for("twilio", phone, "Reply with a number:")
    number = next(line.split(".")[0] for line in greeting.splitlines() if line.endswith("Yes, keep my questions"))
    mark = len(platforms.calls)
    assert twilio_post(channel_stack, phone, number) == 204
    platforms.wait_for("twilio", phone, "without names or contact details", after=mark)

    mark = len(platforms.calls)
    assert twilio_post(channel_stack, phone, QUESTION) == 204
    answer = platforms.wait_for("twilio", phone, f"1. {feedback.YES_TITLE}", after=mark)
    assert ANSWERED in answer.lower() and f"2. {feedback.NO_TITLE}" in answer
    mark = len(platforms.calls)
    assert twilio_post(channel_stack, phone, "1") == 204
    platforms.wait_for("twilio", phone, feedback.HELPED_TEXT, after=mark)

    (kept,) = items(channel_stack, f"twilio:{phone}")
    assert (kept.channel, kept.helpful, kept.topic) == ("twilio", "yes", "ethics_committee")


def test_telegram_feedback_buttons_fit_and_work(channel_stack: Stack, platforms: FakePlatforms) -> None:
    chat = telegram_user()
    header = {"X-Telegram-Bot-Api-Secret-Token": SECRETS["TELEGRAM_SECRET_TOKEN"]}
    consent = telegram_update(chat, feedback.consent_payload(True))
    assert post(channel_stack, "telegram", json=consent, headers=header).status_code == 200
    platforms.wait_for("telegram", chat, "without names or contact details")
    mark = len(platforms.calls)
    assert post(channel_stack, "telegram", json=telegram_update(chat, QUESTION), headers=header).status_code == 200
    platforms.wait_for("telegram", chat, ANSWERED, after=mark)
    markup = next(
        json.loads(c.data["reply_markup"])
        for c in platforms.replies("telegram", chat, mark)
        if c.data.get("reply_markup")
    )
    data = {b["text"]: b["callback_data"] for row in markup["inline_keyboard"] for b in row}
    assert all(len(d.encode()) <= 64 for d in data.values())  # Telegram refuses longer callback data
    click = {
        "update_id": int(uuid.uuid4().int % 2**31),
        "callback_query": {
            "id": "1",
            "chat_instance": "1",
            "from": {"id": int(chat), "is_bot": False, "first_name": "Pat"},
            "message": {
                "message_id": 2,
                "date": int(time.time()),
                "chat": {"id": int(chat), "type": "private"},
                "text": "x",
            },
            "data": data[feedback.NO_TITLE],
        },
    }
    mark = len(platforms.calls)
    assert post(channel_stack, "telegram", json=click, headers=header).status_code == 200
    platforms.wait_for("telegram", chat, "what you wanted to know", after=mark)
    (kept,) = items(channel_stack, f"telegram:{chat}")
    assert (kept.channel, kept.helpful) == ("telegram", "no")
