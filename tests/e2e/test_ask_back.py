"""Ask back instead of guessing, and only a request to check a clinic starts the check, against the real
servers: over REST as the web chat uses it, and over SMS (Twilio) with numbered options."""

from __future__ import annotations

import uuid

from bot import ask_back
from bot.knowledge import answer
from tests.channel_clients import twilio_post
from tests.fake_platforms import FakePlatforms
from tests.servers import Stack

CHECK_INTRO = "Let's check this clinic together."
# Unclear to the model (no topic stands out): asked back rather than answered.
UNCLEAR = "stem cells and my grandmother, what about it"


def new_user() -> str:
    return f"askback-{uuid.uuid4().hex}"


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def offered(replies: list[dict]) -> list[dict]:
    return [b for r in replies for b in r.get("buttons") or []]


def test_an_unclear_question_is_asked_back_and_the_chosen_topic_answered(stack: Stack) -> None:
    user = new_user()
    replies = stack.say(user, UNCLEAR)
    assert ask_back.ASK_TEXT in texts(replies)
    buttons = offered(replies)
    assert 3 <= len(buttons) <= 4 and buttons[-1]["title"] == "Something else"
    first = buttons[0]["payload"]
    topic = first.split('"topic":"', 1)[1].rstrip('"}')
    chosen = texts(stack.say(user, first))
    assert answer(topic).body in chosen.replace("\n", " ") and answer(topic).sources in chosen


def test_something_else_gets_a_kind_reply_and_a_made_up_topic_is_refused(stack: Stack) -> None:
    user = new_user()
    stack.say(user, UNCLEAR)
    reply = texts(stack.say(user, "/something_else"))
    assert "ask it another way" in reply and "I'm not a doctor" in reply
    refused = texts(stack.say(user, '/faq_choice{"topic":"miracle_cure"}'))
    assert "Source" not in refused and ask_back.ASK_TEXT not in refused


def test_a_clear_question_is_answered_directly(stack: Stack) -> None:
    replies = stack.say(new_user(), "Could donated cord cells be attacked by my immune system?")
    assert answer("rejection").body in texts(replies).replace("\n", " ")
    assert not any(b["payload"].startswith("/faq_choice") for b in offered(replies))


def test_two_questions_get_the_safety_answer_first_then_the_other_offered(stack: Stack) -> None:
    user = new_user()
    replies = stack.say(user, "Would stem cells fix my shoulder? And could they cause a tumour?")
    assert answer("tumours").body in replies[0]["text"].replace("\n", " ")
    also = [b for b in offered(replies) if b["payload"].startswith("/faq_choice")]
    if not also:  # the other question's topic is unclear: asked for on its own, never guessed
        assert ask_back.ANOTHER_TEXT in texts(replies)
        return
    assert ask_back.ALSO_TEXT in texts(replies) and len(also) == 1
    other = also[0]["payload"].split('"topic":"', 1)[1].rstrip('"}')
    assert answer(other).body in texts(stack.say(user, also[0]["payload"])).replace("\n", " ")


def test_a_treatment_question_never_starts_a_clinic_check(stack: Stack) -> None:
    for question in (
        "are stem cell shots in the hip risky?",
        "can the clinic in Cancun give me a refund if it didn't help?",
    ):
        assert CHECK_INTRO not in texts(stack.say(new_user(), question)), question


def test_a_request_to_check_starts_the_clinic_check(stack: Stack) -> None:
    for request in (
        "my sister found a wellness centre that sells cord cells for her lupus. could you vet them?",
        "A physio offered my dad stem cell shots for his hip. Is this legit?",
        "please look into this place for me",
    ):
        assert CHECK_INTRO in texts(stack.say(new_user(), request)), request


def test_sms_asks_back_with_numbered_options(channel_stack: Stack, platforms: FakePlatforms) -> None:
    phone = f"+1555{uuid.uuid4().int % 10**7:07d}"
    assert twilio_post(channel_stack, phone, UNCLEAR) == 204
    asked = platforms.wait_for("twilio", phone, "Reply with a number:")
    assert "/faq_choice" not in asked and "Something else" in asked
    first_title = asked.split("1. ", 1)[1].splitlines()[0]
    topic = next(t for t, title in ask_back.TITLES.items() if title == first_title)
    mark = len(platforms.calls)
    assert twilio_post(channel_stack, phone, "1") == 204
    platforms.wait_for("twilio", phone, answer(topic).sources, after=mark)
