"""Quotas, kindly (review M5): one client over its limits gets a polite "please wait" on every message,
never silence, while people on other addresses keep getting their answers.

A Rasa stack of its own with small limits (``STEMSAFE_QUOTAS``); clients are told apart by the loopback
address they send from (127.0.0.x), as the per-address quota sees them. The latency of normal users while
one client is over its limit is a figure printed by ``bench/quotas.py``, not asserted here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from channels.quotas import Limit, Quotas
from tests.security.rest_from import is_polite_refusal, say_from
from tests.servers import Stack

LIMITS = "sender=20/4,ip=60/12"  # per minute / burst: the address gets 12 at once, then one a second


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    stack = Stack(tmp_path_factory.mktemp("quotas"), extra_env={"STEMSAFE_QUOTAS": LIMITS})
    try:
        yield stack.start()
    finally:
        stack.stop()


def test_a_flooding_address_gets_polite_replies_while_others_are_answered(limited: Stack) -> None:
    flood: list[tuple[int, list[dict], float]] = []
    normal_done = threading.Event()

    def flooder(worker: int) -> None:  # four connections at once from one address, as a script would
        count = 0
        while not (normal_done.is_set() and len(flood) >= 40) and count < 100:
            flood.append(say_from("127.0.0.2", limited.url, f"flood-{worker}-{count}", "hello"))
            count += 1

    threads = [threading.Thread(target=flooder, args=(worker,)) for worker in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 120
        while len(flood) < 20 and time.monotonic() < deadline:  # the burst (12) is spent
            time.sleep(0.2)
        normal = [
            say_from(f"127.0.0.{3 + user}", limited.url, f"normal-{user}", text)
            for text in ("hello", "what is a stem cell clinic?")
            for user in range(3)
        ]
    finally:
        normal_done.set()
        for thread in threads:
            thread.join()
    assert all(status == 200 and replies for status, replies, _ in flood)  # never silence
    elapsed = time.monotonic() - started
    refused = [replies for _, replies, _ in flood if is_polite_refusal(replies)]
    answered = len(flood) - len(refused)
    assert refused and answered <= 12 + elapsed * 60 / 60 + 4  # burst + refill + the ones in flight
    assert "wait about" in refused[0][0]["text"] and "kept" in refused[0][0]["text"]
    for status, replies, _ in normal:
        assert status == 200 and replies and not is_polite_refusal(replies)


def test_one_sender_over_its_quota_is_asked_to_wait_then_answered_again(limited: Stack) -> None:
    results = [say_from("127.0.0.9", limited.url, "typist", "hello") for _ in range(8)]
    assert not any(is_polite_refusal(r) for _, r, _ in results[:4])  # the burst
    assert any(is_polite_refusal(r) for _, r, _ in results[4:])
    assert all(replies for _, replies, _ in results)
    time.sleep(3.5)  # one message every 3 s comes back
    _, replies, _ = say_from("127.0.0.9", limited.url, "typist", "hello")
    assert replies and not is_polite_refusal(replies)
    _, other, _ = say_from("127.0.0.9", limited.url, "someone-else", "hello")  # same address, own sender quota
    assert other and not is_polite_refusal(other)


def test_buckets_refill_and_are_independent() -> None:
    now = [0.0]
    quotas = Quotas({"sender": Limit(60, 2), "ip": Limit(600, 100)}, clock=lambda: now[0])
    assert quotas.check("rest", "a", "127.0.0.2") is None
    assert quotas.check("rest", "a", "127.0.0.2") is None
    refusal = quotas.check("rest", "a", "127.0.0.2") or ""
    assert "wait about 1 second" in refusal and "Espere unos 1 segundo " in refusal  # said in both languages
    assert quotas.check("rest", "b", "127.0.0.2") is None  # another sender is not slowed
    assert quotas.check("telegram", "a", None) is None  # another channel's "a" is another person
    now[0] += 1.0
    assert quotas.check("rest", "a", "127.0.0.2") is None


def test_one_address_has_at_most_a_few_messages_answered_at_once() -> None:
    quotas = Quotas({"sender": Limit(600, 100), "ip": Limit(600, 100)})
    assert all(quotas.enter("rest", "127.0.0.2") for _ in range(4))
    assert not quotas.enter("rest", "127.0.0.2")  # a fifth waits politely
    assert quotas.enter("rest", "127.0.0.3")  # another address is not affected
    assert quotas.enter("telegram", None)  # platforms' webhooks are not counted by address
    quotas.leave("rest", "127.0.0.2")
    assert quotas.enter("rest", "127.0.0.2")


def test_widget_metadata_keeps_only_what_stemsafe_reads_redacted_like_text() -> None:
    from bot.entry_limits import bound_metadata

    sent = {"language": "en, call me on +1 619 555 0142", "tracking": "x" * 500, "nested": {"a": 1}, "entry": "forged"}
    kept, dropped = bound_metadata(sent, "socketio")
    assert dropped and set(kept) == {"language"}
    assert "555 0142" not in kept["language"] and "[phone removed]" in kept["language"]
    platform, _ = bound_metadata({"out_channel": "C1", "ts": "1.2"}, "slack")  # the platform's own metadata stays
    assert platform == {"out_channel": "C1", "ts": "1.2"}
