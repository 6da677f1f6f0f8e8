"""Outside the clinic check, a reply for a message the assistant could not use never comes three times in a row."""

from __future__ import annotations

import pytest

from bot import no_repeat
from bot.ask_back import ASK_TEXT
from bot.input_check import REPLIES, Problem


def converse(messages: list[str], history: list[str] | None = None) -> list[no_repeat.Reply]:
    """Play messages through the fallback reply, the bot's history growing as in a conversation."""
    history = list(history or [])
    replies = []
    for message in messages:
        reply = no_repeat.fallback_reply(message, history)
        replies.append(reply)
        history.append(reply.text)
    return replies


def longest_identical_run(texts: list[str]) -> int:
    best = run = 0
    for i, text in enumerate(texts):
        run = run + 1 if i and text == texts[i - 1] else 1
        best = max(best, run)
    return best


@pytest.mark.parametrize("junk", ["qwrtzp xkcd bmmm", "", "hmm what about the thing with the stuff"])
def test_the_same_junk_six_times_never_gets_the_same_reply_three_times(junk: str) -> None:
    replies = converse([junk] * 6)
    assert longest_identical_run([r.text for r in replies]) <= 2
    assert replies[1].text != replies[0].text  # the second time it changes tack ...
    assert {b["payload"] for b in replies[1].buttons} >= {"/help", "/start_clinic_check"}  # ... with the menu
    assert "doctor" in replies[2].text  # and then points to the person's own doctor


def test_mixed_problems_count_as_one_loop() -> None:
    replies = converse(["", "qwrtzp xkcd bmmm", "", "zzzz"])
    assert replies[0].text == REPLIES[Problem.EMPTY][0]
    assert replies[1].text == no_repeat.SECOND_TEXT
    assert replies[2].text in no_repeat.CLOSING_TEXTS


def test_a_different_bot_message_in_between_starts_afresh() -> None:
    first = converse(["qwrtzp xkcd bmmm"])[0]
    again = no_repeat.fallback_reply("qwrtzp xkcd bmmm", [first.text, "Rejection means the body attacks ..."])
    assert again.text == REPLIES[Problem.GARBLED][0]


def test_another_language_keeps_the_urgent_care_line_in_spanish_every_time() -> None:
    replies = converse(["¿Es legal el tratamiento con células madre en México?"] * 5)
    assert longest_identical_run([r.text for r in replies]) <= 2
    for reply in replies:
        assert "urgencias" in reply.text and "inglés" in reply.text


def test_an_ask_back_that_comes_back_keeps_its_topics_but_changes_its_words() -> None:
    buttons = [{"title": "Rejection", "payload": '/faq_choice{"topic":"rejection"}'}]
    history: list[str] = []
    seen = []
    for _ in range(5):
        already = no_repeat.in_a_row(history, no_repeat.ask_back_family(ASK_TEXT))
        reply = no_repeat.ask_back(no_repeat.Reply(ASK_TEXT, buttons), already)
        assert reply.buttons == buttons
        seen.append(reply.text)
        history.append(reply.text)
    assert seen[0] == ASK_TEXT and seen[1] != ASK_TEXT
    assert longest_identical_run(seen) <= 2
