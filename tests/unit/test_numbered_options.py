"""SMS users answer buttons by number."""

from __future__ import annotations

from bot.numbered_options import OfferedOptions, render

BUTTONS = [{"title": "Yes", "payload": "Yes"}, {"title": "Check a clinic", "payload": "/start_clinic_check"}]


def test_render_numbers_every_button() -> None:
    assert render("Start?", BUTTONS) == "Start?\n\nReply with a number:\n1. Yes\n2. Check a clinic"


def test_numbered_reply_selects_the_payload_for_that_person_only() -> None:
    offers = OfferedOptions()
    offers.remember("+15550001", BUTTONS)
    assert offers.resolve("+15550001", "2") == "/start_clinic_check"
    assert offers.resolve("+15550001", " 1. ") == "Yes"
    assert offers.resolve("+15550001", "3") == "3"  # out of range: left as typed
    assert offers.resolve("+15550001", "12345678") == "12345678"  # a licence number is not a choice
    assert offers.resolve("+15550002", "2") == "2"  # someone else was offered nothing


def test_offers_expire_and_are_bounded() -> None:
    offers = OfferedOptions(ttl_seconds=0, max_people=2)
    offers.remember("a", BUTTONS)
    assert offers.resolve("a", "1") == "1"
    offers = OfferedOptions(max_people=2)
    for person in ("a", "b", "c"):
        offers.remember(person, BUTTONS)
    assert offers.resolve("a", "1") == "1" and offers.resolve("c", "1") == "Yes"
