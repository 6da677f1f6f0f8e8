"""Outside the clinic check, a reply for a message the assistant could not use never comes three times in a row."""

from __future__ import annotations

import pytest

from bot import no_repeat
from bot.ask_back import ASK_TEXT
from bot.input_check import REPLIES, REPLIES_BY_LANGUAGE, Problem


def converse(messages: list[str], history: list[str] | None = None, lang: str = "en") -> list[no_repeat.Reply]:
    """Play messages through the fallback reply, the bot's history growing as in a conversation."""
    history = list(history or [])
    replies = []
    for message in messages:
        reply = no_repeat.fallback_reply(message, history, lang=lang)
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


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_unsupported_language_keeps_the_urgent_care_line_in_both_languages_every_time(lang: str) -> None:
    replies = converse(["Est-ce que le traitement par cellules souches est légal au Mexique ?"] * 5, lang=lang)
    assert longest_identical_run([r.text for r in replies]) <= 2
    for reply in replies:
        assert "urgencias" in reply.text and "urgent care" in reply.text
        assert "inglés" in reply.text and "English and Spanish" in reply.text


def test_spanish_is_answered_not_refused_and_the_loop_replies_are_in_spanish() -> None:
    replies = converse(["¿y lo otro, lo de la cosa esa?"] * 5, lang="es")
    assert replies[0].text == REPLIES_BY_LANGUAGE["es"][Problem.UNCLEAR][0]
    assert "inglés" not in replies[0].text  # not the refusal
    assert replies[1].text == no_repeat.SECOND_TEXTS["es"]
    assert [b["title"] for b in replies[1].buttons] == ["¿Qué puede hacer?", "Revisar una clínica"]
    assert "médico" in replies[2].text and "urgencias" in replies[2].text
    assert longest_identical_run([r.text for r in replies]) <= 2


def test_a_loop_that_switches_language_still_counts_as_one_loop() -> None:
    first = converse(["qwrtzp xkcd bmmm"])[0]
    second = no_repeat.fallback_reply("zzzz", [first.text], lang="es")
    assert second.text == no_repeat.SECOND_TEXTS["es"]


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


def test_a_spanish_ask_back_that_comes_back_changes_its_words_in_spanish() -> None:
    ask = "¿Cuál de estos temas se parece más a su pregunta?"
    history: list[str] = []
    seen = []
    for _ in range(4):
        already = no_repeat.in_a_row(history, no_repeat.ask_back_family(ask))
        seen.append(no_repeat.ask_back(no_repeat.Reply(ask, []), already, lang="es").text)
        history.append(seen[-1])
    assert seen[1] == no_repeat.ASK_BACK_SECOND_TEXTS["es"] and "Algo más" in seen[2]
    assert longest_identical_run(seen) <= 2
