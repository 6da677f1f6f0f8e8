"""The real-question harness measures what the running bot really says.

A small sample of the development part goes through bench/real_questions.py against the session's
stack: every reply must map back to a known response (an unrecognised reply would silently count as
wrong and make the figures meaningless), and each question gets a fresh conversation.
"""

from __future__ import annotations

import random

from bench.real_questions import ReplyClassifier, load_questions, rest_sender, run_set, summarise


def test_a_dev_sample_is_classified_from_the_real_replies(stack):
    questions = random.Random(7).sample(load_questions("en", "dev"), 8)
    senders = []

    def send(sender: str, text: str) -> list[dict]:
        senders.append(sender)
        return rest_sender(stack.url)(sender, text)

    results = run_set(questions, send, ReplyClassifier.from_project())
    assert len(set(senders)) == len(questions)
    unrecognised = [(r.question.id, r.replies) for r in results if r.got.kind == "unrecognised"]
    assert not unrecognised
    summary = summarise(results)
    assert summary["questions"] == len(questions)
    assert sum(summary["counts"].values()) == summary["scored"]
