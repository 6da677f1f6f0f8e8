"""Talks to the real Rasa server and action server over REST, as a website or app would."""

from __future__ import annotations

import uuid

import pytest

from bot.entry_limits import PAGE_CHECK_LIMIT
from bot.knowledge import answer
from tests.servers import Stack


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def new_user() -> str:
    return f"test-{uuid.uuid4().hex}"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("my surgeon says donor cord cells can't be rejected. true?", "rejection"),
        ("what bacteria infections have come from stem cell shots?", "infection"),
        ("Can stem cells turn into cancer later on?", "tumours"),
        ("is the FDA ok with stem cell treatments for my hip?", "fda_approved"),
        ("how do I check the cedula of the doctor in Tijuana", "verify_cedula"),
        ("how would I report a clinic to medwatch?", "report_harm"),
        ("what does it mean if a clinic is registered on clinicaltrials.gov", "clinicaltrials_listing"),
    ],
)
def test_safety_question_gets_the_sourced_answer(stack: Stack, question: str, topic: str) -> None:
    user = new_user()
    replies = stack.say(user, question)
    choice = f'/faq_choice{{"topic":"{topic}"}}'
    if any(b.get("payload") == choice for r in replies for b in r.get("buttons") or []):
        replies = stack.say(user, choice)  # asked back (bot/ask_back.py) with the right topic among the offers
    reply = texts(replies)
    expected = answer(topic)
    assert expected.body in reply.replace("\n", " ")
    assert expected.sources in reply


def test_greeting_has_disclaimer_and_buttons(stack: Stack) -> None:
    replies = stack.say(new_user(), "hello!")
    assert "not medical advice" in texts(replies)
    buttons = [b["title"] for r in replies for b in r.get("buttons", [])]
    assert "Red flags in a clinic" in buttons and len(buttons) >= 4


def test_symptoms_get_urgent_care_before_anything_else(stack: Stack) -> None:
    user = new_user()
    stack.say(user, "what are the side effects of MSCs?")
    reply = texts(stack.say(user, "I had the infusion two days ago and now I have a fever and chills"))
    assert reply.startswith("What you describe can be a warning sign")
    assert "911" in reply and "emergency" in reply


def test_a_doubt_about_going_after_the_advice_keeps_the_emergency_in_focus(stack: Stack) -> None:
    user = new_user()
    assert "911" in texts(stack.say(user, "fever of 102 and chills since the IV stem cells this morning"))
    reply = texts(stack.say(user, "i dont have insurance, can i wait until monday to see my regular doctor?"))
    assert "don't wait" in reply and "EMTALA" in reply and "not sure I understood" not in reply
    crisis = texts(stack.say(new_user(), "I want to kill myself"))
    assert "988" in crisis and "800 911 2000" in crisis


def test_is_fever_normal_after_my_injection_gets_urgent_care_then_the_side_effects_answer(stack: Stack) -> None:
    replies = [r.get("text", "") for r in stack.say(new_user(), "Is fever normal after my injection?")]
    assert replies[0].startswith("What you describe can be a warning sign")
    assert any("side effect" in text and "Sources:" in text for text in replies[1:])


def test_a_diagnosis_or_past_history_gets_no_urgent_care(stack: Stack) -> None:
    for text in ("my husband has MS and we are thinking about Mexico", "my dad had a stroke two years ago"):
        assert "warning sign" not in texts(stack.say(new_user(), text))


@pytest.mark.parametrize(
    "question", ["can you suggest a good pasta recipe?", "who won the world cup in 2010?", "fix my wifi please"]
)
def test_out_of_scope_is_refused_honestly(stack: Stack, question: str) -> None:
    replies = stack.say(new_user(), question)
    reply = texts(replies)
    # Either refusal is honest: "I can't help with that" (out of scope) or "I'd rather not guess" (unsure).
    assert "can't help with that" in reply or "rather not guess" in reply
    assert "Source" not in reply  # no guessed health answer
    assert "/help" in [b["payload"] for r in replies for b in r.get("buttons", [])]  # and what it can do


def test_recommendation_request_is_declined_with_how_to_vet(stack: Stack) -> None:
    reply = texts(stack.say(new_user(), "Which is the best stem cell clinic in Cancun?"))
    assert "don't recommend" in reply and "check any clinic yourself" in reply


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("", "didn't get a message"),
        ("stem cells " * (PAGE_CHECK_LIMIT // 10), "more than I can read here"),
        ("qwrtzp xkcd bmmm", "couldn't read that"),
    ],
)
def test_unusable_input_gets_a_kind_specific_reply(stack: Stack, message: str, expected: str) -> None:
    reply = texts(stack.say(new_user(), message))
    assert expected in reply
    assert "Source" not in reply


@pytest.mark.parametrize(
    "message",
    ["<script>alert('x')</script>", "'; DROP TABLE events; --", "{{ 7*7 }} ${jndi:ldap://x}", "you useless stupid bot"],
)
def test_hostile_input_gets_a_calm_reply_and_the_server_keeps_working(stack: Stack, message: str) -> None:
    user = new_user()
    reply = texts(stack.say(user, message))
    assert reply and "Source" not in reply and "49" not in reply
    follow_up = texts(stack.say(user, "what is an IRB?"))
    assert answer("ethics_committee").sources in follow_up


def test_the_same_unreadable_message_never_gets_the_same_reply_three_times(stack: Stack) -> None:
    user = new_user()
    replies = [texts(stack.say(user, "qwrtzp xkcd bmmm")) for _ in range(4)]
    assert "couldn't read that" in replies[0]
    assert replies[1] != replies[0]  # the second time it changes tack
    assert not any(replies[i] == replies[i + 1] == replies[i + 2] for i in range(len(replies) - 2))
    assert "doctor" in replies[2]
    follow_up = texts(stack.say(user, "what is an IRB?"))  # and the conversation goes on as normal
    assert answer("ethics_committee").sources in follow_up
