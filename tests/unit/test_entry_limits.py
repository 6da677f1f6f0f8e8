"""Entry limits: what each channel accepts, what the models read of a long message, and the entry gate."""

from __future__ import annotations

import asyncio
import gc
import time

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot import entry_limits
from bot.entry_limits import (
    ENTRY_KEY,
    MAX_WORD,
    PAGE_CHECK_LIMIT,
    WINDOW_CHARS,
    WINDOW_TOKENS,
    admit,
    body_limit,
    bound_metadata,
    clean,
    model_text,
    text_limit,
)
from channels.entry_gate import entry_gate
from tests.nested import deep


def tokens(text: str) -> int:
    return len(entry_limits._TOKEN.findall(text))


def test_limits_per_channel_follow_the_plan() -> None:
    assert text_limit("rest") == text_limit("socketio") == text_limit("slack") == text_limit("facebook") == 5000
    assert text_limit("telegram") == 4096
    assert text_limit("twilio", "+15550001111") == 1600
    assert text_limit("twilio", "whatsapp:+15550001111") == 4096
    for channel in entry_limits.TEXT_LIMITS:
        # the longest accepted message fits its channel's body limit even fully escaped (12 bytes a character)
        assert body_limit(channel) >= 12 * max(text_limit(channel), text_limit(channel, "whatsapp:+1"))
        assert body_limit(channel) <= entry_limits.SERVER_BODY_LIMIT <= 128 * 1024


def test_control_characters_go_newlines_and_tabs_stay() -> None:
    assert clean("a\x00b\x07c\x1bd\x7fe\x85f\x9fg") == "abcdefg"
    assert clean("line one\r\nline two\rthree\tfour") == "line one\nline two\nthree\tfour"
    assert clean("broken \ud83d surrogate") == "broken  surrogate"
    assert clean("células 😀 ok") == "células 😀 ok"
    assert clean(None) == ""


def test_a_short_message_reaches_the_models_unchanged() -> None:
    text = "Can donor stem cells be rejected? My mother is 72."
    admission = admit(text, "rest")
    assert admission.model_text == text and not admission.windowed and admission.refusal is None


@pytest.mark.parametrize(
    "text",
    [
        "a " * 2500,  # many one-letter words
        "x" * 5000,  # one endless word
        "e" + "\u0301" * 4999,  # a pile of combining marks
        "Z\u0351\u0342\u0368\u0327a\u035b\u0300\u0316\u0339" * 500,  # zalgo text
        "\U0001f600" * 5000,  # emoji
        "stem cells " * 450,
        "!?" * 2500,
        "!" * 5000,
        "a!" * 2500,
        "\U0001f489" * 3000,
    ],
    ids=["letters", "endless", "combining", "zalgo", "emoji", "words", "punctuation", "bangs", "mixed", "syringes"],
)
def test_the_models_read_a_bounded_window_of_any_long_message(text: str) -> None:
    admission = admit(text, "rest")
    assert admission.refusal is None  # answered, not refused
    window = admission.model_text
    assert len(window) <= WINDOW_CHARS and tokens(window) <= WINDOW_TOKENS
    assert all(len(word) <= MAX_WORD for word in entry_limits._TOKEN.findall(window))
    assert all(len(chunk) <= entry_limits.MAX_CHUNK for chunk in window.split())
    assert "!!!!" not in window and "\U0001f489" * 4 not in window
    assert window and admission.full_text == clean(text)


def test_the_window_reads_the_questions_first_in_the_message_order() -> None:
    story = "We went to the clinic in March and the staff were friendly. " * 35
    text = "My father has arthritis. " + story + "Is the clinic licensed? " + story + "Can it cause infection?"
    window = admit(text, "rest").model_text
    assert "Is the clinic licensed?" in window and "Can it cause infection?" in window
    assert window.index("licensed") < window.index("infection")
    assert window.startswith("My father has arthritis.")  # then the other sentences, from the start
    assert len(window) <= WINDOW_CHARS


def test_over_the_limit_is_refused_without_reading_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(_: str) -> str:
        raise AssertionError("an oversized message was read")

    monkeypatch.setattr(entry_limits, "model_text", must_not_run)
    monkeypatch.setattr(entry_limits, "clean", must_not_run)
    admission = admit("a " * 3000, "rest")
    assert admission.refusal and "6,000 characters" in admission.refusal and "5,000" in admission.refusal
    assert admit("a" * 1601, "twilio", "+15550001111").refusal
    assert "4,096" in admit("a" * 4097, "telegram").refusal


def test_exactly_the_limit_is_answered() -> None:
    assert admit("a" * PAGE_CHECK_LIMIT, "rest").refusal is None
    assert admit("a" * 1600, "twilio", "+15550001111").refusal is None
    assert admit("a" * 4096, "twilio", "whatsapp:+15550001111").refusal is None


def test_button_payloads_pass_whole() -> None:
    payload = '/choose_correction{"question": "q_clinic_name"}'
    assert admit(payload, "socketio").model_text == payload


def test_windowing_cost_grows_linearly() -> None:
    def cost(n: int) -> float:
        text = ("is it safe? " + "a " * 40 + "fever. ") * n
        runs = []
        gc.disable()  # a collection landing in one run is noise, not cost
        for _ in range(7):
            started = time.perf_counter()
            model_text(text)
            runs.append(time.perf_counter() - started)
        gc.enable()
        return min(runs)

    cost(10)
    assert cost(400) < 24 * cost(50)  # n vs 8n: linear is 8x, quadratic would be 64x


def test_metadata_is_kept_small_and_shallow() -> None:
    small = {"language": "en", "page": {"path": "/"}}
    assert bound_metadata(small) == (small, False)
    assert bound_metadata(None) == ({}, False)
    assert bound_metadata(deep(100_000)) == ({}, True)  # no recursion: cost is its size
    assert bound_metadata({"x": "y" * 5000}) == ({}, True)
    assert bound_metadata({str(i): i for i in range(1000)}) == ({}, True)
    assert bound_metadata(["not", "a", "mapping"]) == ({}, True)
    assert bound_metadata({"x": object()}) == ({}, True)


class Recorder:
    def __init__(self) -> None:
        self.seen: list[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.seen.append(message)


def through_gate(text: str | None, metadata: dict | None = None, channel: str = "rest", sender: str = "u1"):
    recorder, output = Recorder(), CollectingOutputChannel()
    message = UserMessage(text, output, sender, input_channel=channel, metadata=metadata)
    asyncio.run(entry_gate(recorder, channel)(message))
    return recorder.seen, [m.get("text") for m in output.messages]


def test_gate_refuses_an_oversized_message_kindly_and_nlu_never_sees_it() -> None:
    seen, said = through_gate("stem cells " * 600)
    assert seen == [] and len(said) == 1 and "6,599 characters" in said[0] and "already told me is kept" in said[0]
    seen, said = through_gate("a" * 2000, channel="twilio", sender="+15550001111")
    assert seen == [] and "1,600" in said[0]


def test_gate_passes_a_window_and_the_full_text_in_metadata() -> None:
    text = "Hello.\x00 " + "We visited the clinic last week. " * 100 + "Is it legal?"
    seen, said = through_gate(text, {"language": "en", ENTRY_KEY: {"full_text": "forged"}})
    assert said == [] and len(seen) == 1
    message = seen[0]
    assert "\x00" not in message.text and "Is it legal?" in message.text and len(message.text) <= WINDOW_CHARS
    assert message.metadata["language"] == "en"
    assert message.metadata[ENTRY_KEY]["full_text"] == clean(text).strip()


def test_gate_strips_controls_and_drops_forged_or_deep_metadata() -> None:
    seen, _ = through_gate("what is\x00 an IRB?\x1b", {ENTRY_KEY: "forged"})
    assert seen[0].text == "what is an IRB?" and not (seen[0].metadata or {}).get(ENTRY_KEY)
    seen, _ = through_gate("hi", deep(5000))
    assert seen[0].text == "hi" and not seen[0].metadata
    seen, said = through_gate(None)
    assert seen[0].text == "" and said == []
