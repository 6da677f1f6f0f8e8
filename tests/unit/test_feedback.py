"""The review queue: consent, redaction of what is kept, deletion and retention, grouping, labels and the
export into the real-question harness; against SQLite and the local PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bench.real_questions import label_problem, load_file
from bot import feedback, flags
from bot.feedback_store import ConsentRow, FeedbackStore, Filters, ItemRow
from bot.redact import redact_personal
from bot.store import Store, utcnow
from tests.databases import database_url

ALICE, BOB = "rest:alice", "twilio:whatsapp:+15550001111"


@pytest.fixture(autouse=True)
def key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(feedback.KEY_ENV, "k" * 64)


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, FeedbackStore]]:
    with database_url(request.param, tmp_path) as url:
        records = Store.from_url(url, flag_rules=flags.evaluate)
        queue = FeedbackStore(records.engine)
        yield records, queue
        records.engine.dispose()


def every_row(queue: FeedbackStore) -> list[ItemRow]:
    with queue.session() as s:
        return list(s.execute(select(ItemRow).order_by(ItemRow.id)).scalars())


# --- consent ---------------------------------------------------------------------------------------
def test_no_consent_no_row(stores: tuple[Store, FeedbackStore]) -> None:
    _, queue = stores
    assert queue.add(ALICE, feedback.ANSWER, "Can the cells be rejected?", "rejection", 0.9) is None
    assert queue.add(ALICE, feedback.FALLBACK, "asdf qwer") is None
    assert every_row(queue) == []


def test_consent_keeps_questions_and_no_thanks_deletes_them(stores: tuple[Store, FeedbackStore]) -> None:
    _, queue = stores
    queue.set_consent(ALICE, True)
    token = queue.add(ALICE, feedback.ANSWER, "Can the cells be rejected?", "rejection", 0.91, ["donor_vs_own"])
    assert token and len(every_row(queue)) == 1
    queue.set_consent(ALICE, False)
    assert every_row(queue) == [] and not queue.consents(ALICE)
    assert queue.add(ALICE, feedback.ANSWER, "Is it FDA approved?", "fda_approved", 0.8) is None


def test_without_a_key_nothing_is_kept(stores: tuple[Store, FeedbackStore], monkeypatch: pytest.MonkeyPatch) -> None:
    _, queue = stores
    monkeypatch.delenv(feedback.KEY_ENV)
    assert queue.set_consent(ALICE, True) is False
    assert queue.add(ALICE, feedback.ANSWER, "Can the cells be rejected?", "rejection", 0.9) is None
    assert every_row(queue) == []


def test_rows_never_hold_the_sender_id(stores: tuple[Store, FeedbackStore]) -> None:
    _, queue = stores
    queue.set_consent(BOB, True)
    queue.add(BOB, feedback.ANSWER, "Is it legal in Mexico?", "mexico_legal", 0.7)
    with queue.session() as s:
        values = [str(v) for row in s.execute(select(ItemRow.__table__)).all() for v in row]
        values += [str(v) for row in s.execute(select(ConsentRow.__table__)).all() for v in row]
    assert not any("15550001111" in v or "whatsapp" in v for v in values)
    assert every_row(queue)[0].channel == "twilio"


# --- redaction of what is kept ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "gone", "mark"),
    [
        ("write to ana.ruiz@example.com about the clinic", "ana.ruiz@example.com", "[email removed]"),
        ("my cell is +52 664 123 4567, is it safe?", "664 123 4567", "[phone removed]"),
        ("My name is Ana Ruiz, can cells fix my knee?", "Ana Ruiz", "[name removed]"),
        ("Is Dr. Ortega at the clinic licensed?", "Ortega", "[name removed]"),
        ("my son Mateo has autism, will it help?", "Mateo", "[name removed]"),
        ("Thanks, Lucia", "Lucia", "[name removed]"),
        ("mi nombre es Juan Pérez", "Juan Pérez", "[name removed]"),
        ("the clinic is at 12 Oak Street in the city", "12 Oak Street", "[address removed]"),
        ("we are in Austin TX 78701", "78701", "[address removed]"),
        ("a clinic in San José del Cabo", "San José", "[place removed]"),
        ("I live near Springfield and want PRP", "Springfield", "[place removed]"),
        ("is the Tijuana clinic legit", "Tijuana", "[place removed]"),
        ("we are from Texas", "Texas", "[place removed]"),
    ],
)
def test_every_kind_of_personal_detail_is_removed_from_stored_rows(
    stores: tuple[Store, FeedbackStore], typed: str, gone: str, mark: str
) -> None:
    _, queue = stores
    queue.set_consent(ALICE, True)
    token = queue.add(ALICE, feedback.ANSWER, typed, "red_flags", 0.6)
    queue.give_feedback(ALICE, token or "", False)
    queue.take_wanted(ALICE, f"I wanted to ask: {typed}")
    (row,) = every_row(queue)
    for stored in (row.text, row.wanted or ""):
        assert gone not in stored and mark in stored, stored


def test_countries_and_clinical_words_stay() -> None:
    text = "Is it approved by the FDA in the US or in Mexico? What about MSCs for ALS?"
    assert redact_personal(text) == text


# --- feedback --------------------------------------------------------------------------------------
def test_feedback_only_on_the_conversations_own_item(stores: tuple[Store, FeedbackStore]) -> None:
    _, queue = stores
    queue.set_consent(ALICE, True)
    queue.set_consent(BOB, True)
    token = queue.add(ALICE, feedback.ANSWER, "Can the cells be rejected?", "rejection", 0.9) or ""
    assert queue.give_feedback(BOB, token, False) is None
    assert every_row(queue)[0].helpful is None
    item = queue.give_feedback(ALICE, token, False)
    assert item is not None and item.helpful == "no"
    assert queue.take_wanted(ALICE, "whether my body attacks donor cells")
    assert every_row(queue)[0].wanted == "whether my body attacks donor cells"
    assert not queue.take_wanted(ALICE, "a later message is not kept as what I wanted")


def test_what_i_wanted_waits_only_ten_minutes(stores: tuple[Store, FeedbackStore]) -> None:
    _, queue = stores
    queue.set_consent(ALICE, True)
    token = queue.add(ALICE, feedback.ANSWER, "Can the cells be rejected?", "rejection", 0.9) or ""
    queue.give_feedback(ALICE, token, False)
    with queue.session() as s:
        s.execute(update(ConsentRow).values(waiting_since=utcnow() - timedelta(minutes=11)))
    assert not queue.take_wanted(ALICE, "too late")
    assert every_row(queue)[0].wanted is None


def test_payloads_are_parsed_strictly() -> None:
    token = "A" * 22
    assert feedback.parse(feedback.feedback_payload(token, False)) == feedback.Feedback(token, False)
    assert feedback.parse(feedback.consent_payload(True)) == feedback.Consent(True)
    for bad in (
        '/stemsafe_feedback{"item": "x", "helpful": "no"}',
        '/stemsafe_feedback{"item": "' + token + '", "helpful": "maybe"}',
        '/stemsafe_consent{"keep": 1}',
        "/stemsafe_consent",
        "stemsafe_consent yes",
    ):
        assert feedback.parse(bad) is None


# --- deletion and retention reach the queue ---------------------------------------------------------
def test_delete_my_data_reaches_the_queue(stores: tuple[Store, FeedbackStore]) -> None:
    records, queue = stores
    for sender in (ALICE, BOB):
        queue.set_consent(sender, True)
        queue.add(sender, feedback.ANSWER, "Can the cells be rejected?", "rejection", 0.9)
        queue.add(sender, feedback.FALLBACK, "blorp")
    records.delete_user(ALICE)  # what "delete my data" calls (bot/clinic_check.py)
    assert queue.items_of(ALICE) == [] and not queue.consents(ALICE)
    assert len(queue.items_of(BOB)) == 2 and queue.consents(BOB)


def test_retention_reaches_the_queue(stores: tuple[Store, FeedbackStore]) -> None:
    records, queue = stores
    queue.set_consent(ALICE, True)
    queue.add(ALICE, feedback.ANSWER, "old question about tumours", "tumours", 0.9)
    queue.add(ALICE, feedback.ANSWER, "new question about infection", "infection", 0.9)
    with queue.session() as s:
        oldest = min(r.id for r in s.execute(select(ItemRow)).scalars())
        s.execute(update(ItemRow).where(ItemRow.id == oldest).values(created_at=utcnow() - timedelta(days=200)))
    records.delete_older_than(180)  # what stores/retention.py calls
    assert [r.topic for r in every_row(queue)] == ["infection"]


# --- the queue, labels and the export ---------------------------------------------------------------
def test_near_duplicates_group_and_most_failed_come_first(stores: tuple[Store, FeedbackStore]) -> None:
    _, queue = stores
    queue.set_consent(ALICE, True)
    assert feedback.group_key("Is it FDA approved?") == feedback.group_key("is it approved by the FDA??")
    for text in ("Does it work for tinnitus?", "does it work for Tinnitus", "Does it work for tinnitus"):
        queue.add(ALICE, feedback.FALLBACK, text)
    token = queue.add(ALICE, feedback.ANSWER, "Is it FDA approved?", "fda_approved", 0.9) or ""
    queue.give_feedback(ALICE, token, True)
    groups, total = queue.groups(Filters())
    assert total == 2
    assert (groups[0].count, groups[0].failed) == (3, 3) and (groups[1].failed, groups[1].helpful) == (0, 1)
    only_helped, _ = queue.groups(Filters(feedback="yes"))
    assert [g.items[0].topic for g in only_helped] == ["fda_approved"]


def test_export_round_trips_into_the_real_question_harness(stores: tuple[Store, FeedbackStore], tmp_path: Path) -> None:
    _, queue = stores
    queue.set_consent(ALICE, True)
    labels = [
        ("Can my body reject the cells?", "rejection", feedback.RIGHT_TOPIC, None, "rejection"),
        ('Licencia: a "quote"?', None, feedback.OTHER_TOPIC, "cofepris_licences", "cofepris_licences"),
        ("Stem cells for my eyes?", None, feedback.NEW_TOPIC, "evidence_eye_disease", "new:evidence_eye_disease"),
        ("who will win the match", None, feedback.OUT_OF_SCOPE, None, "out_of_scope"),
        ("my knee is hot and red since the shot", None, feedback.URGENT, None, "urgent"),
    ]
    for text, topic, *_ in labels:
        queue.add(ALICE, feedback.ANSWER if topic else feedback.FALLBACK, text, topic, 0.5)
    for row, (_, _, label, value, _) in zip(every_row(queue), labels, strict=True):
        assert queue.label(row.id, label, value, "editor1")
    path = tmp_path / "fb_dev.yml"
    path.write_text(feedback.export_real_questions(queue.labelled()), encoding="utf-8")
    loaded = load_file(path)
    assert [(q.text, q.label) for q in loaded] == [(t, want) for t, _, _, _, want in labels]
    assert all(label_problem(q.label) is None for q in loaded)
    candidates = feedback.export_candidates(queue.labelled())
    assert "rejection" in candidates and "cofepris_licences" in candidates
    assert "out_of_scope" not in candidates and "evidence_eye_disease" not in candidates


def test_figures_per_language(stores: tuple[Store, FeedbackStore]) -> None:
    _, queue = stores
    queue.set_consent(ALICE, True)
    for helpful in (True, True, False):
        token = queue.add(ALICE, feedback.ANSWER, f"question {helpful}", "rejection", 0.9) or ""
        queue.give_feedback(ALICE, token, helpful)
    queue.add(ALICE, feedback.ASK_BACK, "cells?", None, 0.3, ["rejection", "tumours"])
    queue.add(ALICE, feedback.FALLBACK, "¿es seguro?", language="es")
    now = utcnow()
    figures = queue.figures(now - timedelta(days=1), now + timedelta(minutes=1))
    assert figures["en"]["helpful_share"] == pytest.approx(2 / 3)
    assert figures["en"]["ask_back_rate"] == pytest.approx(1 / 4)
    assert figures["es"]["fallback_rate"] == 1.0 and figures["all"]["items"] == 5
    top = queue.top_unanswered(now - timedelta(days=1), now + timedelta(minutes=1))
    assert len(top) == 3 and all(n == 1 for n, _ in top)


# --- the FAQ action's wiring (actions/faq.py + actions/feedback.py) ----------------------------------
def _faq_turn(sender: str, text: str, chosen: str | None = None, lang: str | None = None) -> list[dict]:
    import asyncio

    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.faq import ActionAnswerFaq

    parse = {
        "text": text,
        "intent": {"name": "faq", "confidence": 0.95},
        "intent_ranking": [{"name": "faq", "confidence": 0.95}],
        "entities": [],
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": "faq/rejection", "confidence": 0.9},
                    {"intent_response_key": "faq/donor_vs_own", "confidence": 0.05},
                ]
            }
        },
    }
    if chosen:  # a topic button: /faq_choice{"topic": ...}
        parse.update(intent={"name": "faq_choice", "confidence": 1.0}, entities=[{"entity": "topic", "value": chosen}])
    slots = {"language": lang} if lang else {}
    tracker = Tracker(sender, slots, parse, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerFaq().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_the_answer_carries_the_feedback_buttons_only_with_consent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actions import feedback as adapter

    url = f"sqlite:///{tmp_path / 'records.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    adapter.store.cache_clear()
    try:
        said = _faq_turn(ALICE, "Can my body reject donor cells?")
        assert said[-1]["response"] == "utter_faq/rejection" and not said[-1]["buttons"]
        adapter.store().set_consent(ALICE, True)
        said = _faq_turn(ALICE, "Can my body reject donor cells?")
        assert [b["title"] for b in said[-1]["buttons"]] == [feedback.YES_TITLE, feedback.NO_TITLE]
        (item,) = adapter.store().items_of(ALICE)
        assert (item.kind, item.topic, item.offered) == (feedback.ANSWER, "rejection", ("donor_vs_own",))
        assert feedback.parse(said[-1]["buttons"][1]["payload"]) == feedback.Feedback(item.token, False)
        asked = adapter.store().add(ALICE, feedback.ASK_BACK, "cells and my immune system?", None, 0.3)
        said = _faq_turn(ALICE, '/faq_choice{"topic": "tumours"}', chosen="tumours")
        assert said[-1]["response"] == "utter_faq/tumours"
        assert feedback.parse(said[-1]["buttons"][0]["payload"]) == feedback.Feedback(asked or "", True)
        assert adapter.store().items_of(ALICE)[-1].topic == "tumours"
    finally:
        adapter.store().engine.dispose()
        adapter.store.cache_clear()


def test_redaction_knows_the_places_the_clinic_check_knows() -> None:
    from bot.redact import _place_words

    assert {"tijuana", "texas", "cancun"} <= set(_place_words())


def test_a_topic_picked_after_an_ask_back_or_a_no_is_recorded(stores: tuple[Store, FeedbackStore]) -> None:
    _, queue = stores
    queue.set_consent(ALICE, True)
    asked_back = queue.add(ALICE, feedback.ASK_BACK, "cells rejected?", None, 0.3, ["rejection", "tumours"])
    assert queue.choose(ALICE, "rejection") == asked_back  # the picked answer can be rated on that item
    assert queue.items_of(ALICE)[0].topic == "rejection"
    answered = queue.add(ALICE, feedback.ANSWER, "is it approved", "approved_meaning", 0.6) or ""
    queue.give_feedback(ALICE, answered, False)
    assert queue.choose(ALICE, "fda_approved") is None
    assert queue.items_of(ALICE)[1].wanted == "(chose the topic fda_approved)"
    assert queue.choose(BOB, "tumours") is None  # nothing kept for Bob: nothing to record


def test_every_payload_fits_a_telegram_button(stores: tuple[Store, FeedbackStore]) -> None:
    _, queue = stores
    queue.set_consent(ALICE, True)
    token = queue.add(ALICE, feedback.ANSWER, "Can the cells be rejected?", "rejection", 0.9) or ""
    payloads = [b["payload"] for b in feedback.feedback_buttons(token)]
    payloads += [feedback.consent_payload(True), feedback.consent_payload(False)]
    assert all(len(p.encode()) <= feedback.MAX_PAYLOAD for p in payloads), payloads
    assert feedback.parse(payloads[1]) == feedback.Feedback(token, False)


# --- Spanish (issue 13) ------------------------------------------------------------------------------
def test_a_spanish_answer_carries_spanish_feedback_buttons_with_the_same_payloads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actions import feedback as adapter

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'records.db'}")
    adapter.store.cache_clear()
    try:
        adapter.store().set_consent(ALICE, True)
        said = _faq_turn(ALICE, "¿Mi cuerpo puede rechazar las células de un donante?", lang="es")
        assert said[-1]["response"] == "utter_faq/rejection"
        assert [b["title"] for b in said[-1]["buttons"]] == ["Sí, me sirvió", "No me sirvió"]
        (item,) = adapter.store().items_of(ALICE)
        assert item.language == "es"  # the editors' figures per language count it as Spanish
        assert feedback.parse(said[-1]["buttons"][0]["payload"]) == feedback.Feedback(item.token, True)
        assert said[-1]["buttons"][1]["payload"] == feedback.feedback_buttons(item.token)[1]["payload"]
    finally:
        adapter.store().engine.dispose()
        adapter.store.cache_clear()


def test_every_feedback_text_has_a_spanish_wording() -> None:
    for name, texts in feedback.TEXTS.items():
        assert texts["es"] and texts["es"] != texts["en"], name
        assert feedback.text(name, "es") == texts["es"] and feedback.text(name, "fr") == texts["en"]


def _click(text: str, metadata: dict | None = None) -> list[dict]:
    import asyncio

    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    from channels.feedback_turns import feedback_turns

    async def dialogue(message: UserMessage) -> None:  # a click never reaches the dialogue
        raise AssertionError(message.text)

    out = CollectingOutputChannel()
    asyncio.run(feedback_turns(dialogue)(UserMessage(text, out, ALICE, metadata=metadata)))
    return out.messages


def test_consent_and_feedback_clicks_are_answered_in_spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from channels import feedback_turns

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'records.db'}")
    feedback_turns.store.cache_clear()
    try:
        said = _click(feedback.consent_payload(True), {"language": "es-MX"})
        assert said[0]["text"] == feedback.TEXTS["consent_yes"]["es"]
        queue = feedback_turns.store()
        token = queue.add(ALICE, feedback.ANSWER, "¿es legal?", "mexico_legal", 0.5, ["cofepris_licences"], "es")
        said = _click(feedback.feedback_payload(token or "", False))  # no metadata: the item's language decides
        assert said[0]["text"] == feedback.TEXTS["not_helped_topics"]["es"]
        assert said[0]["buttons"] == [
            {"title": "Licencias de COFEPRIS", "payload": '/faq_choice{"topic":"cofepris_licences"}'}
        ]
        said = _click(feedback.feedback_payload("x" * 16, True), {"language": "es"})  # not this conversation's
        assert said[0]["text"] == feedback.TEXTS["gone"]["es"]
        said = _click(feedback.consent_payload(False))
        assert said[0]["text"] == feedback.TEXTS["consent_no"]["en"]  # the client sent no language: English
    finally:
        feedback_turns.store().engine.dispose()
        feedback_turns.store.cache_clear()


@pytest.mark.parametrize(
    "text,keep,lang",
    [
        ("no thanks, dont keep my questions", False, "en"),
        ("no thanks i dont want u keeping stuff", False, "en"),
        ("I said no to keeping my questions", False, "en"),
        ("yes keep my questions", True, "en"),
        ("Sí, guarde mis preguntas", True, "es"),
        ("no gracias, no guarde mis preguntas", False, "es"),
    ],
)
def test_the_consent_question_answered_in_words(text: str, keep: bool, lang: str) -> None:
    """Typed answers to the greeting's question got 'not sure I understood' and a loop (exploratory sessions,
    2026-12-02); words that name keeping the person's questions are the answer."""
    assert feedback.typed_consent(text) == feedback.Consent(keep, lang)


@pytest.mark.parametrize(
    "text",
    [
        "they dont keep any data on the donors",  # an answer in a clinic check
        "no, the clinic doesnt keep records",
        "do you keep my questions?",
        "what questions should I ask the clinic?",
        "no",
        "si acepto",
    ],
)
def test_other_messages_are_no_typed_consent(text: str) -> None:
    assert feedback.typed_consent(text) is None


def test_the_spanish_buttons_carry_their_language() -> None:
    assert feedback.parse(feedback.consent_payload(False, "es")) == feedback.Consent(False, "es")
    assert len(feedback.consent_payload(False, "es")) <= feedback.MAX_PAYLOAD
    assert feedback.parse('/stemsafe_consent{"keep": "yes"}') == feedback.Consent(True, None)
    assert feedback.parse('/stemsafe_consent{"keep": "yes", "lang": "xx"}') == feedback.Consent(True, None)
