"""A question that names a condition gets that condition's card (bot/condition_reply.py, actions/faq.py)."""

from __future__ import annotations

from rasa_sdk.events import SlotSet, UserUtteranceReverted

from actions.fallback import ActionStemsafeFallback
from actions.faq import OFFERED_SLOT, ActionAnswerFaq
from bot import ask_back, conditions
from bot.ask_back import Decision, Kind
from bot.condition_reply import CARD_TOPICS, OFFER_TEXT, plan
from bot.condition_reply import Kind as Reply
from tests.unit.test_ask_back import parse, run, tracker


def status(key: str) -> str:
    card = conditions.card(key)
    assert card is not None
    return card.status_sentence


def test_the_plan_follows_the_question() -> None:
    works = Decision(Kind.ANSWER, "will_it_work_for_me")
    assert plan(["ms"], works) == plan(["ms"], works)
    assert plan(["ms"], works).kind == Reply.CARD and plan(["ms"], works).key == "ms"
    assert plan(["ms"], Decision(Kind.ANSWER, "paying")).kind == Reply.STATUS
    asked = plan(["autism"], Decision(Kind.ASK_BACK, offered=("children", "paying", "does_it_work")))
    assert (asked.kind, asked.offered) == (Reply.CARD, ("paying",)), "the card replaces the topics it answers"
    assert plan(["lupus"], Decision(Kind.REFUSE)).kind == Reply.CARD
    two = Decision(Kind.ANSWER, "side_effects", also="does_it_work")
    assert plan(["spinal_cord_injury"], two).kind == Reply.STATUS, "two questions keep their safety-first answer"
    assert plan([], works).kind == Reply.NONE
    assert plan(["ms"], works, has_card=lambda key: False).kind == Reply.NONE
    assert plan(["ms", "knee_oa"], works).others == ("knee_oa",)
    assert CARD_TOPICS <= set(ask_back.TITLES)


def test_will_it_help_my_husbands_ms_gets_the_ms_card() -> None:
    text = "will stem cells help my husband's MS?"
    said, events = run(ActionAnswerFaq(), tracker(parse(text, [("will_it_work_for_me", 0.8), ("evidence_ms", 0.1)])))
    assert said[0]["text"] == conditions.answer("ms", text)
    assert said[0]["text"].startswith(status("ms")) and "Sources:" in said[0]["text"]
    assert events == [SlotSet(OFFERED_SLOT, None)]


def test_another_topic_is_answered_then_the_conditions_status_follows() -> None:
    text = "Does insurance pay for stem cells for my bad knees?"
    said, _ = run(ActionAnswerFaq(), tracker(parse(text, [("paying", 0.8)])))
    assert said[0]["response"] == "utter_faq/paying"
    assert said[1]["text"].startswith(status("knee_oa")) and "Source" in said[1]["text"]


def test_how_cells_are_given_for_a_condition_gets_the_routes_answer_then_the_status() -> None:
    text = "How is stem cell therapy given for a spinal cord injury?"
    unclear = [("routes", 0.3), ("does_it_work", 0.25), ("serious_harms", 0.2)]
    said, events = run(ActionAnswerFaq(), tracker(parse(text, unclear)))
    assert said[0]["response"] == "utter_faq/routes"
    assert said[1]["text"].startswith(status("spinal_cord_injury"))
    assert events == [SlotSet(OFFERED_SLOT, None)]
    # a confident card topic too: the question is how, not whether
    assert plan(
        ["ms"], Decision(Kind.ANSWER, "does_it_work"), text="does it matter how the cells are injected for MS?"
    ) == (plan(["ms"], Decision(Kind.REFUSE), text="¿cómo se aplican las células para la esclerosis múltiple?"))
    # another topic chosen with confidence keeps its answer; "does it work" questions keep the card
    assert (
        plan(["ms"], Decision(Kind.ANSWER, "paying"), text="how are the cells given for MS, and who pays?").topic
        is None
    )
    for question in ("Are stem cells for spinal cord injury the next big thing?", "how does it work for MS?"):
        assert (
            plan(["ms"], Decision(Kind.ASK_BACK, offered=("routes", "does_it_work")), text=question).kind == Reply.CARD
        )


def test_an_unclear_question_naming_a_condition_gets_the_card_not_an_ask_back() -> None:
    text = "my son is on the spectrum, would this help him"
    ranking = [("children", 0.3), ("paying", 0.25), ("does_it_work", 0.2)]
    said, events = run(ActionAnswerFaq(), tracker(parse(text, ranking)))
    assert said[0]["text"].startswith(status("autism"))
    assert said[1]["text"] == OFFER_TEXT
    assert [b["payload"] for b in said[1]["buttons"]] == ['/faq_choice{"topic":"paying"}', "/something_else"]
    assert events == [SlotSet(OFFERED_SLOT, ["paying"])]


def test_a_doubted_message_naming_a_condition_gets_the_card_outside_a_check_only() -> None:
    text = "my sister has lupus would that help her"
    doubted = parse(text, [("does_it_work", 0.2)], "nlu_fallback", [("nlu_fallback", 0.5), ("greet", 0.3)])
    said, events = run(ActionStemsafeFallback(), tracker(doubted))
    assert said[0]["text"].startswith(status("lupus")) and events[0] == UserUtteranceReverted()
    said, _ = run(ActionStemsafeFallback(), tracker(doubted, loop="clinic_check_form"))
    assert not said[0]["text"].startswith(status("lupus"))


def test_two_conditions_get_the_first_card_and_a_word_about_the_other() -> None:
    text = "would stem cells help my ALS, and my wife's rheumatoid arthritis?"
    said, _ = run(ActionAnswerFaq(), tracker(parse(text, [("does_it_work", 0.9)])))
    assert said[0]["text"].startswith(status("als"))
    card = conditions.card("rheumatoid_arthritis")
    assert card is not None and card.name in said[1]["text"]


def test_the_entity_counts_when_the_text_alone_would_not() -> None:
    message = parse("will it help?", [("will_it_work_for_me", 0.9)])
    message["entities"] = [{"entity": "CONDITION", "value": "multiple sclerosis", "start": 0, "end": 0}]
    said, _ = run(ActionAnswerFaq(), tracker(message))
    assert said[0]["text"].startswith(status("ms"))


def test_no_condition_named_changes_nothing() -> None:
    said, _ = run(ActionAnswerFaq(), tracker(parse("can MSCs be rejected?", [("rejection", 0.9)])))
    assert [m.get("response") for m in said] == ["utter_faq/rejection"]


def test_the_real_question_harness_recognises_a_card_answer() -> None:
    from bench.real_questions import Question, ReplyClassifier, outcome

    card_reply = {"text": conditions.answer("knee_oa", "do stem cells work for my knees?")}
    got = ReplyClassifier({}).got([card_reply])
    assert got.kind == "card"
    works = Question("x", "do stem cells work for my knees?", "s", "evidence_knee")
    paying = Question("y", "is it covered for my knees?", "s", "paying")
    assert (outcome(works, got), outcome(paying, got)) == ("right", "wrong")


def test_the_condition_reply_lines_in_spanish() -> None:
    from bot import condition_reply

    names = [conditions.card(k).name_in("es") for k in ("knee_oa", "autism")]  # type: ignore[union-attr]
    said = condition_reply.others_text(names, lang="es")
    assert said == (
        "También mencionó artrosis de rodilla y autismo. Hágame una pregunta aparte sobre cada enfermedad y le "
        "diré lo que se sabe."
    )
    assert "sobre esa enfermedad" in condition_reply.others_text(names[:1], lang="es")
    assert condition_reply.offer_text("es").startswith("¿Su pregunta era sobre otra cosa?")
    assert condition_reply.offer_text() == OFFER_TEXT and condition_reply.others_text(["lupus"]).startswith("You also")


def test_a_spanish_question_naming_a_condition_gets_its_card_in_spanish() -> None:
    text = "¿Las células madre le servirían a mi papá para la embolia que le dio?"
    message = parse(text, [("will_it_work_for_me", 0.8), ("evidence_ms", 0.1)])
    said, _ = run(ActionAnswerFaq(), tracker(message, {"language": "es"}))
    card = conditions.card("stroke")
    assert card is not None
    assert said[0]["text"].startswith(card.status_text("es")), said
    assert "206 personas" in said[0]["text"] and said[0]["text"].splitlines()[-1].startswith("Fuentes: TREASURE 2024")
    two = parse("¿sirven para el autismo y la parálisis cerebral?", [("will_it_work_for_me", 0.8)])
    said, _ = run(ActionAnswerFaq(), tracker(two, {"language": "es"}))
    assert said[0]["text"].startswith("Células madre en autismo: no probadas.")
    assert said[1]["text"].startswith("También mencionó parálisis cerebral.")
