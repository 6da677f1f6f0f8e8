"""Ask back instead of guessing (bot/ask_back.py, actions/faq.py, the fallback action): a clear topic is answered,
an unclear one is asked back with the likeliest topics as buttons, the buttons' payloads pass the command gate
(an unknown topic does not), and a message with two questions gets the safety answer first."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionStemsafeFallback
from actions.faq import OFFERED_SLOT, ActionAnswerFaq
from bot import ask_back
from bot.ask_back import Kind, Ranking, decide, decide_unclear
from bot.gate import domain_names, payload_problem
from bot.knowledge import load_answers
from bot.question_split import questions_in

ROOT = Path(__file__).resolve().parent.parent.parent


def ranking(*topics: tuple[str, float], intents: tuple[tuple[str, float], ...] = (("faq", 0.9),)) -> Ranking:
    return Ranking(tuple(topics), intents)


def test_a_confident_topic_well_ahead_of_the_next_is_answered() -> None:
    decision = decide(ranking(("infection", 0.82), ("side_effects", 0.1)))
    assert decision.kind is Kind.ANSWER and decision.topic == "infection" and decision.also is None


def test_a_weak_or_close_topic_is_asked_back_with_the_likeliest_topics() -> None:
    weak = decide(ranking(("tumours", 0.38), ("side_effects", 0.2), ("infection", 0.15), ("rejection", 0.1)))
    assert weak.kind is Kind.ASK_BACK and weak.offered == ("tumours", "side_effects", "infection")
    close = decide(ranking(("does_it_work", 0.55), ("will_it_work_for_me", 0.4)))
    assert close.kind is Kind.ASK_BACK and close.offered[:2] == ("does_it_work", "will_it_work_for_me")
    # Topics nobody could mean are not offered, but at least two are.
    lonely = decide(ranking(("paying", 0.3), ("cost_abroad", 0.02), ("routes", 0.01)))
    assert lonely.kind is Kind.ASK_BACK and lonely.offered == ("paying", "cost_abroad")


def test_the_second_opinion_s_likeliest_topic_gets_the_third_button() -> None:
    """The linear model's own best guess is offered when the blend ranks it below its two likeliest topics."""
    parse = {
        "intent_ranking": [{"name": "faq", "confidence": 0.95}],
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": "faq/does_it_work", "confidence": 0.4},
                    {"intent_response_key": "faq/will_it_work_for_me", "confidence": 0.3},
                    {"intent_response_key": "faq/side_effects", "confidence": 0.2},
                    {"intent_response_key": "faq/paying", "confidence": 0.1},
                ],
                "lexical_ranking": [
                    {"intent_response_key": "faq/will_it_work_for_me", "confidence": 0.5},
                    {"intent_response_key": "faq/paying", "confidence": 0.3},
                    {"intent_response_key": "faq/side_effects", "confidence": 0.04},
                ],
            }
        },
    }
    decision = decide(Ranking.from_parse(parse))
    assert decision.kind is Kind.ASK_BACK
    assert decision.offered == ("does_it_work", "will_it_work_for_me", "paying")
    # Without a second opinion (an older model), or when its other guesses are too weak, the blend's third.
    del parse["response_selector"]["faq"]["lexical_ranking"]
    assert decide(Ranking.from_parse(parse)).offered == ("does_it_work", "will_it_work_for_me", "side_effects")
    weak = Ranking(
        ranking(("does_it_work", 0.4), ("will_it_work_for_me", 0.3), ("side_effects", 0.2)).topics,
        (("faq", 0.9),),
        (("does_it_work", 0.97), ("paying", 0.03)),
    )
    assert decide(weak).offered == ("does_it_work", "will_it_work_for_me", "side_effects")
    # A doubted message (nlu_fallback) is offered the same way; a made-up topic is never offered.
    doubted = Ranking(
        (("red_flags", 0.3), ("verify_clinic", 0.25)),
        (("nlu_fallback", 0.45), ("faq", 0.4)),
        (("made_up_topic", 0.6), ("questions_to_ask", 0.2)),
    )
    assert decide_unclear(doubted).offered == ("red_flags", "verify_clinic", "questions_to_ask")


def test_the_thresholds_are_the_calibrated_ones() -> None:
    top, lead = ask_back.MIN_CONFIDENCE, ask_back.MIN_LEAD
    at_edge = decide(ranking(("exosomes", top), ("prp_bmac", round(top - lead, 6))))
    assert at_edge.kind is Kind.ANSWER
    too_close = decide(ranking(("exosomes", top + 0.05), ("prp_bmac", top + 0.06 - lead)))
    assert too_close.kind is Kind.ASK_BACK
    below = decide(ranking(("exosomes", ask_back.MIN_CONFIDENCE - 0.01), ("prp_bmac", 0.0)))
    assert below.kind is Kind.ASK_BACK
    custom = decide(ranking(("exosomes", 0.3), ("prp_bmac", 0.05)), min_confidence=0.25, min_lead=0.2)
    assert custom.kind is Kind.ANSWER


def test_unknown_topics_are_never_answered_or_offered() -> None:
    decision = decide(ranking(("made_up", 0.99), ("infection", 0.3), ("tumours", 0.2)))
    assert decision.kind is Kind.ASK_BACK and "made_up" not in decision.offered
    assert decide(ranking(("made_up", 0.99))).kind is Kind.REFUSE


def test_two_questions_get_the_safety_answer_first_and_the_other_offered() -> None:
    both = ranking(("does_it_work", 0.48), ("side_effects", 0.4), ("paying", 0.05))
    two = ["Does it work for my hip?", "And is it risky?"]
    decision = decide(both, questions=two)
    assert decision.kind is Kind.ANSWER and decision.topic == "side_effects" and decision.also == "does_it_work"
    assert decide(both, questions=two[:1]).kind is Kind.ASK_BACK  # one question: the same ranking is unclear


def test_a_question_naming_a_safety_topic_is_answered_first() -> None:
    diffuse = ranking(("will_it_work_for_me", 0.2), ("evidence_knee", 0.15), ("tumours", 0.1), ("paying", 0.05))
    two = ["Would stem cells fix my shoulder?", "Could they cause a tumour?"]
    decision = decide(diffuse, questions=two)
    assert decision.kind is Kind.ANSWER and decision.topic == "tumours" and decision.also == "will_it_work_for_me"
    # Both questions name safety topics, or the named topic is nowhere in the ranking: no split.
    assert decide(diffuse, questions=["Can it cause cancer?", "Can it infect me?"]).kind is Kind.ASK_BACK
    assert decide(ranking(("paying", 0.3), ("cost_abroad", 0.2)), questions=two).kind is Kind.ASK_BACK
    assert ask_back.cued_topics("could my body reject them or get an infection?") == ["infection", "rejection"]
    # The other question's topic is unclear: answer the safety one and ask for the other on its own.
    alone = decide(ranking(("tumours", 0.9), ("routes", 0.01)), questions=two)
    assert alone.topic == "tumours" and alone.also is None and alone.another


def test_a_donor_s_own_risks_are_not_read_as_treatment_side_effects() -> None:
    """'Does donating marrow hurt? What side effects?' asks about the donor: the donation answer covers it."""
    donating = ranking(("stem_cell_donation", 0.45), ("side_effects", 0.2), ("rejection", 0.1))
    for two in (
        ["Does donating bone marrow hurt a lot?", "What side effects could I get afterwards?"],
        ["Quiero ser donante de médula, ¿duele?", "¿Qué efectos secundarios tiene?"],
    ):
        decision = decide(donating, questions=two)
        assert decision.kind is Kind.ASK_BACK and decision.offered[0] == "stem_cell_donation"
    # A treatment with donor cells is not donating: the safety cue still decides.
    treated = ranking(("donor_vs_own", 0.45), ("side_effects", 0.2), ("rejection", 0.1))
    decision = decide(
        treated, questions=["The clinic uses donor cells from cords.", "What side effects can they cause?"]
    )
    assert decision.kind is Kind.ANSWER and decision.topic == "side_effects" and decision.also == "donor_vs_own"


def test_a_doubted_message_is_asked_back_only_when_it_may_be_a_safety_question() -> None:
    doubted = Ranking((("red_flags", 0.3), ("verify_clinic", 0.25)), (("nlu_fallback", 0.45), ("faq", 0.4)))
    assert decide_unclear(doubted, text="how would I know the clinic is dodgy").kind is Kind.ASK_BACK
    assert decide_unclear(doubted, text="who will win the election?").kind is Kind.REFUSE  # not our field
    # Spanish is asked back like English (issue 13); a language StemSafe does not speak, or a far-off Spanish
    # question, is not.
    assert decide_unclear(doubted, text="¿Cómo sé si la clínica es de fiar?").kind is Kind.ASK_BACK
    assert decide_unclear(doubted, text="¿Quién va a ganar las elecciones?").kind is Kind.REFUSE
    assert decide_unclear(doubted, text="Comment savoir si cette clinique est sérieuse ?").kind is Kind.REFUSE
    greeting = Ranking((("red_flags", 0.3), ("verify_clinic", 0.25)), (("nlu_fallback", 0.45), ("greet", 0.4)))
    assert decide_unclear(greeting, text="hello stem cell bot").kind is Kind.REFUSE


def test_every_answer_has_a_button_title_and_every_title_an_answer() -> None:
    assert set(ask_back.TITLES) == set(load_answers())
    assert all(0 < len(title) <= 40 for title in ask_back.TITLES.values())


def test_the_buttons_pass_the_command_gate_and_a_made_up_topic_does_not() -> None:
    buttons = ask_back.buttons(["infection", "tumours"])
    assert [b["title"] for b in buttons] == ["Infection risk", "Can it cause tumours?", "Something else"]
    assert all(payload_problem(b["payload"]) is None for b in buttons)
    assert payload_problem('/faq_choice{"topic": "miracle_cure"}') == "unknown topic"
    assert payload_problem('/faq_choice{"topic": "infection", "q_location": "x"}') is not None
    intents, entities = domain_names()
    assert {"faq_choice", "something_else"} <= intents and "topic" in entities


def test_a_typed_choice_picks_from_the_topics_just_offered() -> None:
    offered = ["tumours", "side_effects", "infection"]
    assert ask_back.typed_choice("the second one", offered) == "side_effects"
    assert ask_back.typed_choice("infection risk please", offered) == "infection"
    assert ask_back.typed_choice("the last", offered) == "infection"
    assert ask_back.typed_choice("the second one", []) is None
    assert ask_back.typed_choice("hmm", offered) is None


def test_faq_questions_and_choices_go_to_the_ask_back_action() -> None:
    rules = yaml.safe_load((ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))["rules"]
    steps = [r["steps"] for r in rules if "intent" in r["steps"][0]]
    first_action = {s[0]["intent"]: s[1].get("action") for s in steps}
    assert first_action["faq"] == "action_answer_faq"
    assert first_action["faq_choice"] == "action_answer_faq"
    assert first_action["something_else"] == "utter_something_else"


# --- the actions, with the SDK's own tracker --------------------------------------------------------------
def tracker(message: dict, slots: dict | None = None, loop: str | None = None) -> Tracker:
    active = {"name": loop} if loop else {}
    return Tracker("u1", slots or {}, message, [], False, None, active, "action_listen")


def parse(text: str, topics: list[tuple[str, float]], intent: str = "faq", intents: list | None = None) -> dict:
    return {
        "text": text,
        "intent": {"name": intent},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in (intents or [(intent, 0.9)])],
        "entities": [],
        "response_selector": {
            "faq": {"ranking": [{"intent_response_key": f"faq/{t}", "confidence": c} for t, c in topics]}
        },
    }


def run(action: object, tr: Tracker) -> tuple[list[dict], list]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tr, {}))  # type: ignore[attr-defined]
    return dispatcher.messages, events


def test_the_action_answers_a_clear_question_and_asks_back_an_unclear_one() -> None:
    said, events = run(ActionAnswerFaq(), tracker(parse("can MSCs be rejected?", [("rejection", 0.9)])))
    assert [m["response"] for m in said] == ["utter_faq/rejection"] and events == [SlotSet(OFFERED_SLOT, None)]
    said, events = run(ActionAnswerFaq(), tracker(parse("is it ok", [("side_effects", 0.3), ("tumours", 0.25)])))
    assert said[0]["text"] == ask_back.ASK_TEXT
    payloads = [b["payload"] for b in said[0]["buttons"]]
    assert payloads == ['/faq_choice{"topic":"side_effects"}', '/faq_choice{"topic":"tumours"}', "/something_else"]
    assert events == [SlotSet(OFFERED_SLOT, ["side_effects", "tumours"])]


def test_the_action_answers_the_chosen_topic_and_never_a_made_up_one() -> None:
    chosen = {"text": '/faq_choice{"topic":"tumours"}', "intent": {"name": "faq_choice"}}
    said, _ = run(ActionAnswerFaq(), tracker({**chosen, "entities": [{"entity": "topic", "value": "tumours"}]}))
    assert [m["response"] for m in said] == ["utter_faq/tumours"]
    said, _ = run(ActionAnswerFaq(), tracker({**chosen, "entities": [{"entity": "topic", "value": "magic"}]}))
    assert said[0]["text"] == ask_back.UNKNOWN_TOPIC_TEXT and not said[0].get("response")
    typed = {"text": "the second one", "intent": {"name": "faq_choice"}, "entities": []}
    said, _ = run(ActionAnswerFaq(), tracker(typed, {OFFERED_SLOT: ["tumours", "infection"]}))
    assert [m["response"] for m in said] == ["utter_faq/infection"]
    said, _ = run(ActionAnswerFaq(), tracker(typed))  # nothing was offered: say what it can do
    assert [m["response"] for m in said] == ["utter_something_else"]


def test_the_action_answers_two_questions_safety_first_then_offers_the_other() -> None:
    text = "Do stem cells for spinal injuries work? And what are the side effects?"
    said, _ = run(ActionAnswerFaq(), tracker(parse(text, [("does_it_work", 0.45), ("side_effects", 0.35)])))
    assert said[0]["response"] == "utter_faq/side_effects"
    assert said[1]["text"] == ask_back.ALSO_TEXT
    assert [b["payload"] for b in said[1]["buttons"]] == ['/faq_choice{"topic":"does_it_work"}']


def test_the_fallback_asks_back_a_doubted_safety_question_but_not_inside_a_clinic_check() -> None:
    text = "what's the deal with cells from fat vs from the hip"
    doubted = parse(text, [("cell_sources", 0.35), ("donor_vs_own", 0.3)], "nlu_fallback",
                    [("nlu_fallback", 0.45), ("faq", 0.41)])  # fmt: skip
    said, events = run(ActionStemsafeFallback(), tracker(doubted))
    assert said[0]["text"] == ask_back.ASK_TEXT and events[0] == UserUtteranceReverted()
    assert SlotSet(OFFERED_SLOT, ["cell_sources", "donor_vs_own"]) in events
    said, events = run(ActionStemsafeFallback(), tracker(doubted, loop="clinic_check_form"))
    assert said[0]["text"] != ask_back.ASK_TEXT and events == [UserUtteranceReverted()]


# --- Spanish (issue 13) ---------------------------------------------------------------------------------------
def test_every_topic_has_a_spanish_button_title() -> None:
    assert set(ask_back.TITLES_ES) == set(ask_back.TITLES)
    assert all(0 < len(title) <= 40 for title in ask_back.TITLES_ES.values())
    assert len(set(ask_back.TITLES_ES.values())) == len(ask_back.TITLES_ES)  # no two buttons say the same
    assert ask_back.title("infection", "es") == "Riesgo de infección"
    assert ask_back.title("infection", "fr") == ask_back.title("infection") == "Infection risk"


def test_spanish_buttons_have_spanish_titles_and_the_same_payloads() -> None:
    english = ask_back.buttons(["infection", "tumours"])
    spanish = ask_back.buttons(["infection", "tumours"], lang="es")
    assert [b["payload"] for b in spanish] == [b["payload"] for b in english]
    assert [b["title"] for b in spanish] == ["Riesgo de infección", "¿Puede causar tumores?", "Algo más"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("la segunda", "side_effects"),
        ("el segundo, por favor", "side_effects"),
        ("la primera opción", "tumours"),
        ("la última", "infection"),
        ("opción 3", "infection"),
        ("riesgo de infección", "infection"),
        ("efectos secundarios", "side_effects"),
        ("ninguna", None),
        ("ninguno de esos", None),
        ("las dos", None),
    ],
)
def test_a_spanish_typed_choice_picks_from_the_topics_just_offered(typed: str, expected: str | None) -> None:
    assert ask_back.typed_choice(typed, ["tumours", "side_effects", "infection"]) == expected


def test_none_of_these_is_understood_in_both_languages() -> None:
    for typed in ("ninguna", "Ninguno de estos", "nada de eso", "algo más", "none of these", "something else"):
        assert ask_back.typed_none(typed), typed
    for typed in ("la segunda", "the first one", "riesgo de infección"):
        assert not ask_back.typed_none(typed), typed


def test_spanish_two_question_messages_answer_the_safety_question_first() -> None:
    text = "¿Funciona para la espalda? ¿Y qué efectos secundarios tiene?"
    ranking = Ranking((("evidence_back", 0.5), ("side_effects", 0.3)))
    decision = decide(ranking, questions_in(text))
    assert decision.topic == "side_effects" and decision.also == "evidence_back"
    assert ask_back.cued_topics("¿puede causar cáncer o tumores?") == ["tumours"]
    assert ask_back.cued_topics("¿hay riesgo de infección?") == ["infection"]


def spanish(message: dict, slots: dict | None = None, loop: str | None = None) -> Tracker:
    return tracker(message, {"language": "es", **(slots or {})}, loop)


def test_the_action_asks_back_in_spanish_with_spanish_buttons() -> None:
    said, events = run(
        ActionAnswerFaq(), spanish(parse("¿y eso está bien?", [("side_effects", 0.3), ("tumours", 0.25)]))
    )
    assert said[0]["text"] == ask_back.ASK_TEXTS["es"] and "Algo más" in said[0]["text"]
    assert [b["title"] for b in said[0]["buttons"]] == ["Efectos secundarios", "¿Puede causar tumores?", "Algo más"]
    assert said[0]["buttons"][0]["payload"] == '/faq_choice{"topic":"side_effects"}'
    assert events == [SlotSet(OFFERED_SLOT, ["side_effects", "tumours"])]


def test_the_action_answers_two_spanish_questions_and_offers_the_other_in_spanish() -> None:
    text = "¿Funciona para la lesión de columna? ¿Y qué efectos secundarios tiene?"
    said, _ = run(ActionAnswerFaq(), spanish(parse(text, [("does_it_work", 0.45), ("side_effects", 0.35)])))
    assert said[0]["response"] == "utter_faq/side_effects"
    assert said[1]["text"] == ask_back.ALSO_TEXTS["es"]
    assert said[1]["buttons"] == [{"title": "¿Funciona?", "payload": '/faq_choice{"topic":"does_it_work"}'}]


def test_spanish_choices_unknown_topics_and_none_of_these() -> None:
    offered = {OFFERED_SLOT: ["tumours", "infection"]}
    typed = {"text": "la segunda", "intent": {"name": "faq_choice"}, "entities": []}
    said, _ = run(ActionAnswerFaq(), spanish(typed, offered))
    assert [m["response"] for m in said] == ["utter_faq/infection"]
    unclear = {"text": "mmm esa", "intent": {"name": "faq_choice"}, "entities": []}
    said, _ = run(ActionAnswerFaq(), spanish(unclear, offered))
    assert said[0]["text"] == ask_back.WHICH_TEXTS["es"]
    assert [b["title"] for b in said[0]["buttons"]] == ["¿Puede causar tumores?", "Riesgo de infección", "Algo más"]
    none = {"text": "ninguna", "intent": {"name": "faq_choice"}, "entities": []}
    said, events = run(ActionAnswerFaq(), spanish(none, offered))
    assert [m["response"] for m in said] == ["utter_something_else"] and events == [SlotSet(OFFERED_SLOT, None)]
    made_up = {"text": '/faq_choice{"topic":"magic"}', "intent": {"name": "faq_choice"}}
    said, _ = run(ActionAnswerFaq(), spanish({**made_up, "entities": [{"entity": "topic", "value": "magic"}]}))
    assert said[0]["text"] == ask_back.UNKNOWN_TOPIC_TEXTS["es"]
    assert said[0]["buttons"] == [{"title": "¿Qué puede hacer?", "payload": "/help"}]


def test_the_fallback_asks_back_a_doubted_spanish_question_in_spanish() -> None:
    text = "¿qué onda con las células de grasa contra las de la cadera?"
    doubted = parse(text, [("cell_sources", 0.35), ("donor_vs_own", 0.3)], "nlu_fallback",
                    [("nlu_fallback", 0.45), ("faq", 0.41)])  # fmt: skip
    said, events = run(ActionStemsafeFallback(), spanish(doubted))
    assert said[0]["text"] == ask_back.ASK_TEXTS["es"] and events[0] == UserUtteranceReverted()
    assert said[0]["buttons"][0]["title"] == "De dónde vienen las células"
    far_off = parse("¿quién ganó el partido de anoche?", [], "nlu_fallback", [("nlu_fallback", 0.6)])
    said, _ = run(ActionStemsafeFallback(), spanish(far_off))
    assert said[0]["text"].startswith("Perdón") and "inglés" not in said[0]["text"]  # not refused for Spanish
    french = parse("Est-ce que les cellules souches sont sûres ?", [], "nlu_fallback", [("nlu_fallback", 0.9)])
    said, _ = run(ActionStemsafeFallback(), spanish(french))
    assert "inglés y en español" in said[0]["text"] and "English and Spanish" in said[0]["text"]


def test_a_question_about_checking_a_doctor_abroad_also_gets_that_country_s_way() -> None:
    """'¿cómo verifico a un doctor en Colombia?' got only the Mexico/US cédula answer (exploratory session)."""
    from bot.countries import country_note

    said, _ = run(
        ActionAnswerFaq(),
        tracker(parse("como verifico a un doctor en colombia?", [("verify_cedula", 0.9)]), slots={"language": "es"}),
    )
    assert said[0]["response"] == "utter_faq/verify_cedula"
    assert said[1]["text"].startswith("En Colombia:") and "Fuentes:" in said[1]["text"]
    said, _ = run(ActionAnswerFaq(), tracker(parse("how do I check a doctor's cedula?", [("verify_cedula", 0.9)])))
    assert len(said) == 1  # Mexico and the US are what the answer already covers
    assert country_note("verify_cedula", "how do I check the doctor?", "thailand").startswith("In Thailand:")
    assert country_note("side_effects", "in Colombia", None) is None


def test_asked_whether_it_is_legal_abroad_the_answer_is_followed_by_that_country_s_rules() -> None:
    """'is stem cell therapy legal in Panama?' got only the Mexico answer (exploratory session, 2026-12-01)."""
    from bot.countries import country_note

    said, _ = run(
        ActionAnswerFaq(),
        tracker(parse("is stem cell therapy legal in panama?", [("mexico_legal", 0.9)])),
    )
    assert said[0]["response"] == "utter_faq/mexico_legal"
    assert said[1]["text"].startswith("In Panama:") and "2018 decree" in said[1]["text"] and "MINSA" in said[1]["text"]
    spanish = country_note("mexico_legal", "¿es legal en Colombia?", None, "es")
    assert spanish is not None and spanish.startswith("En Colombia:") and "2493" in spanish
    assert country_note("fda_approved", "is it fda approved?", "panama") is None  # the check's country alone: no
    assert country_note("mexico_legal", "is it legal in mexico?", None) is None


@pytest.mark.parametrize("text", ["Quejas y reembolsos en México", "lo de quejas", "el primero, quejas y reembolsos"])
def test_a_topic_typed_from_the_menu_just_shown_is_answered_not_offered_again(text: str) -> None:
    """Each of these got the same menu again (Spanish exploratory session, 2026-12-01): typed text is
    classified as a new question, not as a choice."""
    offered = {"ask_back_offered": ["mexico_complaints", "paying", "report_harm"], "language": "es"}
    message = parse(text, [("paying", 0.4), ("mexico_complaints", 0.35)])
    said, events = run(ActionAnswerFaq(), tracker(message, slots=offered))
    assert said[0]["response"] == "utter_faq/mexico_complaints"
    said, _ = run(
        ActionStemsafeFallback(),
        tracker(parse(text, [], intent="nlu_fallback", intents=[("nlu_fallback", 0.9)]), slots=offered),
    )
    assert said[0]["response"] == "utter_faq/mexico_complaints"


def test_a_new_question_after_a_menu_is_read_as_a_new_question() -> None:
    offered = {"ask_back_offered": ["mexico_complaints", "paying"]}
    text = "and what about the risk of infection after a spine injection, how common is it?"
    said, _ = run(ActionAnswerFaq(), tracker(parse(text, [("infection", 0.9)]), slots=offered))
    assert said[0]["response"] == "utter_faq/infection"


@pytest.mark.parametrize(
    "text",
    [
        "is stem cell treatment even legal in panama?",
        "what are panama's rules on stem cell clinics? who regulates them",
    ],
)
def test_asked_about_the_rules_in_panama_the_answer_is_panama_s_rules_whatever_the_guess(text: str) -> None:
    """These got a condition's card or a menu of Mexico and US topics (English exploratory session, 2026-12-01)."""
    said, _ = run(ActionAnswerFaq(), tracker(parse(text, [("mexico_legal", 0.4), ("state_laws", 0.35)])))
    panama = [m["text"] for m in said if (m.get("text") or "").startswith("In Panama:")]
    assert len(panama) == 1 and "MINSA" in panama[0]  # alone, or after a legality answer the model was sure of
    said, _ = run(
        ActionStemsafeFallback(),
        tracker(parse(text, [], intent="nlu_fallback", intents=[("nlu_fallback", 0.9)])),
    )
    assert said[0]["text"].startswith("In Panama:")
    said, _ = run(ActionAnswerFaq(), tracker(parse("how much does it cost in panama?", [("cost_abroad", 0.9)])))
    assert said[0]["response"] == "utter_faq/cost_abroad"
