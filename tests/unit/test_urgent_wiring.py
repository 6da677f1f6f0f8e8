"""The urgent-care wiring: the policy decides with the pending question and the last bot turn, overrules
the clinic-check form, and the action gives the advice, the answer to a question in the same message,
and (inside a check) the choice to continue now or later without recording the report as an answer."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rasa.core.constants import RULE_POLICY_PRIORITY
from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble
from rasa.core.policies.policy import PolicyPrediction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.urgent import ActionUrgentCare
from bot.questions import BY_ID
from bot.urgent import typed_after_advice
from components.urgent_policy import UrgentCarePolicy, last_bot_text, next_step

ROOT = Path(__file__).resolve().parent.parent.parent
DOMAIN = Domain.load(str(ROOT / "domain"))


def rasa_tracker(text: str, pending: str | None = None, then: list | None = None) -> DialogueStateTracker:
    events: list = [ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet", "confidence": 1.0})]
    if pending:
        events += [
            ActionExecuted("action_start_clinic_check"),
            ActionExecuted("clinic_check_form"),
            ActiveLoop("clinic_check_form"),
            SlotSet("requested_slot", BY_ID[pending].slot),
            BotUttered(BY_ID[pending].prompt),
        ]
    events += [ActionExecuted("action_listen"), UserUttered(text, {"name": "report_symptoms", "confidence": 1.0})]
    if pending:
        events.append(SlotSet(BY_ID[pending].slot, text))  # what action_extract_slots does with from_text
    return DialogueStateTracker.from_events("u1", events + (then or []), DOMAIN.slots)


def test_a_report_gets_urgent_care_then_the_bot_listens() -> None:
    assert next_step(rasa_tracker("since the injection my eye is red")) == "action_urgent_care"
    after = rasa_tracker("since the injection my eye is red", then=[ActionExecuted("action_urgent_care")])
    assert next_step(after) == "action_listen"
    assert next_step(rasa_tracker("my dad had a stroke two years ago")) is None  # the other policies decide


def test_inside_a_check_the_pending_question_decides() -> None:
    assert next_step(rasa_tracker("bleeding at the injection site")) == "action_urgent_care"
    assert next_step(rasa_tracker("bleeding at the injection site", pending="consent_form")) is None
    assert next_step(rasa_tracker("Dr. Solís, a surgeon, he's in the Colegio de Médicos I think", "physician")) is None
    report = rasa_tracker("yes, but I've been vomiting since yesterday's infusion", pending="consent_form")
    assert next_step(report) == "action_urgent_care"
    assert last_bot_text(report) == BY_ID["consent_form"].prompt


def test_the_policy_overrules_the_forms_happy_path() -> None:
    policy = UrgentCarePolicy(UrgentCarePolicy.get_default_config(), None, None, _Context())  # type: ignore[arg-type]
    tracker = rasa_tracker("they injected my knee last week and now it's hot and swollen", pending="route")
    ours = policy.predict_action_probabilities(tracker, DOMAIN)
    form = [0.0] * DOMAIN.num_actions
    form[DOMAIN.index_for_action("clinic_check_form")] = 1.0
    rules = PolicyPrediction(form, "RulePolicy", RULE_POLICY_PRIORITY, is_no_user_prediction=True)
    best = DefaultPolicyPredictionEnsemble._pick_best_policy([rules, ours])
    assert best.policy_name == "UrgentCarePolicy"
    assert best.probabilities[DOMAIN.index_for_action("action_urgent_care")] == 1.0
    quiet = policy.predict_action_probabilities(rasa_tracker("injection in both knees", pending="route"), DOMAIN)
    assert max(quiet.probabilities) == 0.0 and not quiet.is_no_user_prediction


class _Context:
    is_finetuning = False


# --- the action -------------------------------------------------------------------------------------
def sdk_tracker(
    text: str, pending: str | None = None, earlier_advice: int = 0, faq: tuple | None = None, lang: str = "en"
) -> Tracker:
    events: list[dict] = [{"event": "action", "name": "action_urgent_care"}] * earlier_advice
    slots: dict = {"language": lang}
    if pending:
        events.append({"event": "bot", "text": BY_ID[pending].prompt})
        slots.update({"requested_slot": BY_ID[pending].slot, BY_ID[pending].slot: text})
    message: dict = {"text": text, "intent": {"name": "report_symptoms"}}
    if faq:
        message["response_selector"] = {"faq": {"response": {"intent_response_key": faq[0], "confidence": faq[1]}}}
    loop = {"name": "clinic_check_form"} if pending else {}
    return Tracker("u1", slots, message, events, False, None, loop, "action_listen")


def run(tracker: Tracker) -> tuple[list[dict], list[dict]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionUrgentCare().run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def test_outside_a_check_the_advice_then_the_answer_to_the_question_asked() -> None:
    messages, events = run(sdk_tracker("Is fever normal after my injection?", faq=("faq/side_effects", 0.9)))
    assert [m["response"] for m in messages] == ["utter_urgent_care", "utter_faq/side_effects"]
    assert events == []
    messages, _ = run(sdk_tracker("Is fever normal after my injection?", faq=("faq/side_effects", 0.2)))
    assert [m["response"] for m in messages] == ["utter_urgent_care"]  # a guessed answer is left out
    messages, _ = run(sdk_tracker("can it cause fever? she's burning up", faq=("faq/certificate_of_analysis", 0.9)))
    assert [m["response"] for m in messages] == ["utter_urgent_care"]  # a topic that does not follow a report
    messages, _ = run(sdk_tracker("she's burning up", faq=("faq/side_effects", 0.9)))
    assert [m["response"] for m in messages] == ["utter_urgent_care"]  # no question asked


def test_inside_a_check_the_report_is_not_recorded_and_the_person_chooses() -> None:
    messages, events = run(sdk_tracker("in a hotel room, and my arm is red and swollen where the drip was", "setting"))
    assert messages[0]["response"] == "utter_urgent_care"
    assert [b["payload"] for b in messages[-1]["buttons"]] == ["/resume_check", "/stop_check"]
    assert {"event": "slot", "name": BY_ID["setting"].slot, "value": None, "timestamp": None} in events
    assert {"event": "active_loop", "name": None, "timestamp": None} in events


def test_what_follows_the_advice_varies_but_the_advice_does_not() -> None:
    texts = []
    for earlier in range(3):
        messages, _ = run(sdk_tracker("I have a fever since the infusion", "quote", earlier_advice=earlier))
        assert messages[0]["response"] == "utter_urgent_care"
        texts.append(messages[-1]["text"])
    assert len(set(texts)) == 3


def test_in_spanish_the_check_waits_in_spanish_with_the_same_buttons() -> None:
    report = "mi mamá tiene calentura desde el suero"
    messages, events = run(sdk_tracker(report, "setting", lang="es"))
    assert messages[0]["response"] == "utter_urgent_care"  # its Spanish variation is chosen on the language slot
    assert "revisión" in messages[-1]["text"] and "guardada" in messages[-1]["text"]
    assert [b["title"] for b in messages[-1]["buttons"]] == ["Seguir con la revisión ahora", "Más tarde"]
    assert [b["payload"] for b in messages[-1]["buttons"]] == ["/resume_check", "/stop_check"]  # no English text sent
    assert {"event": "slot", "name": BY_ID["setting"].slot, "value": None, "timestamp": None} in events
    texts = {run(sdk_tracker(report, "quote", earlier_advice=n, lang="es"))[0][-1]["text"] for n in range(3)}
    assert len(texts) == 3
    english, _ = run(sdk_tracker(report, "setting"))
    assert english[-1]["buttons"][0]["title"] == "Continue the check now"  # the conversation's language decides


def test_a_spanish_report_gets_urgent_care_inside_and_outside_the_check() -> None:
    assert next_step(rasa_tracker("tengo la rodilla caliente e hinchada desde la inyección")) == "action_urgent_care"
    assert next_step(rasa_tracker("sí, pero ahorita tengo fiebre", pending="consent_form")) == "action_urgent_care"
    assert next_step(rasa_tracker("sí, menciona infección y fiebre como riesgos", pending="consent_form")) is None
    assert next_step(rasa_tracker("¿las células madre pueden causar fiebre?")) is None


# --- a message typed after the advice, instead of its buttons ------------------------------------------
def after_advice(text: str, intent: str, in_check: bool = True) -> DialogueStateTracker:
    """A tracker where urgent advice was given (stopping the check when `in_check`) and then `text` was typed."""
    report = "I have a fever since the infusion"
    events: list = [
        ActionExecuted("action_listen"),
        UserUttered("check a clinic", {"name": "start_clinic_check", "confidence": 1.0}),
        ActionExecuted("action_start_clinic_check"),
        ActionExecuted("clinic_check_form"),
        ActiveLoop("clinic_check_form"),
        SlotSet("requested_slot", BY_ID["clinic_name"].slot),
        BotUttered(BY_ID["clinic_name"].prompt),
        ActionExecuted("action_listen"),
        UserUttered(report, {"name": "report_symptoms", "confidence": 1.0}),
        ActionExecuted("action_urgent_care"),
        BotUttered("What you describe can be a warning sign..."),
    ]
    if in_check:
        events += [SlotSet("requested_slot", None), ActiveLoop(None)]
    events += [ActionExecuted("action_listen"), UserUttered(text, {"name": intent, "confidence": 0.9})]
    return DialogueStateTracker.from_events("u2", events, DOMAIN.slots)


def test_an_answer_typed_after_the_advice_goes_back_to_the_check_and_is_read() -> None:
    assert next_step(after_advice("Clinica Sol", "inform")) == "action_resume_clinic_check"
    assert next_step(after_advice("ok", "affirm")) == "action_resume_clinic_check"  # asked again, plainly
    then = after_advice("Clinica Sol", "inform")
    then.update(ActionExecuted("action_resume_clinic_check"))
    assert next_step(then) == "clinic_check_form"


@pytest.mark.parametrize(
    ("text", "intent", "in_check"),
    [
        ("Clinica Sol", "inform", False),  # the advice was not given during a check
        ("later", "stop_check", True),  # "Later" typed: the pause rules handle it
        ("thanks", "thank", True),
        ("and now my eye is red and hurts", "report_symptoms", True),  # another report: advice again
    ],
)
def test_other_messages_after_the_advice_are_left_to_the_dialogue(text: str, intent: str, in_check: bool) -> None:
    step = next_step(after_advice(text, intent, in_check))
    assert step != "action_resume_clinic_check"


@pytest.mark.parametrize(
    ("intent", "text", "kind"),
    [
        ("affirm", "ok", "continue"),
        ("resume_check", "/resume_check", "continue"),
        ("deny", "no", "continue"),
        ("inform", "Clinica Sol", "answer"),
        ("nlu_fallback", "an IV drip", "answer"),
        ("faq", "can donor cells be rejected?", "answer"),  # the check answers it and asks again
        ("stop_check", "later", None),
        ("report_symptoms", "my eye is red since the injection", None),
    ],
)
def test_what_a_typed_message_after_advice_means(intent: str, text: str, kind: str | None) -> None:
    assert typed_after_advice(intent, text) == kind


# --- right after the advice: doubts about going ---------------------------------------------------------
def after_urgent_advice(text: str, advice: str = "utter_urgent_care") -> DialogueStateTracker:
    events: list = [
        ActionExecuted("action_listen"),
        UserUttered("I have a fever and chills since the IV yesterday", {"name": "report_symptoms", "confidence": 1.0}),
        ActionExecuted("action_urgent_care"),
        BotUttered("Please seek urgent medical care now: call 911", {"template": advice}),
        ActionExecuted("action_listen"),
        UserUttered(text, {"name": "faq", "confidence": 0.9}),
    ]
    return DialogueStateTracker.from_events("u1", events, DOMAIN.slots)


SAID_ADVICE = "Please seek urgent medical care now: call 911"
SAID_CRISIS = "In Mexico, call the Línea de la Vida at 800 911 2000: free, 24 hours a day."


def sdk_after(report: str, said: str, text: str) -> Tracker:
    """The action server's tracker: `report`, the urgent action saying `said`, then `text` typed."""
    events = [
        {"event": "user", "text": report},
        {"event": "action", "name": "action_urgent_care"},
        {"event": "bot", "text": said},
        {"event": "user", "text": text},
    ]
    return Tracker("u1", {"language": "en"}, {"text": text, "intent": {"name": "faq"}}, events, False, None, {}, "")


@pytest.mark.parametrize(
    "text",
    [
        "do i need to go to the ER or can i wait until monday to see my regular doctor",
        "i dont have insurance tho",
        "the clinic is not answering their phone",
        "pero no quiero ir a urgencias porque me van a cobrar, mejor me tomo un paracetamol y espero a mañana no?",
        "la clínica dice que les mande foto por whatsapp y ellos me dicen",
    ],
)
def test_a_doubt_about_going_right_after_the_advice_gets_the_follow_up(text: str) -> None:
    assert next_step(after_urgent_advice(text)) == "action_urgent_care"
    messages, returned = run(sdk_after("I have a fever and chills since the IV yesterday", SAID_ADVICE, text))
    assert [m["response"] for m in messages] == ["utter_urgent_follow_up"] and returned == []


@pytest.mark.parametrize(
    "text",
    [
        "ok we're going to the ER now, what do we tell them?",  # got "please don't wait" (2026-12-01)
        "on our way",
        "ok we'll go",
        "ya vamos para urgencias",
        "ok, ya vamos",
        "estamos en urgencias, qué les digo?",
        "ya estamos en urgencias, ya lo estan viendo",  # was told "por favor vaya ahora" (2026-12-01)
        "ok going to the er now, my wife is driving",  # got "please don't wait" again (2026-12-01)
        "theyre asking what was injected but i dont know what it was, what do i tell them",
    ],
)
def test_saying_they_are_going_gets_an_acknowledgement_not_please_dont_wait(text: str) -> None:
    assert next_step(after_urgent_advice(text)) == "action_urgent_care"
    messages, returned = run(sdk_after("I have a fever and chills since the IV yesterday", SAID_ADVICE, text))
    assert [m["response"] for m in messages] == ["utter_urgent_on_the_way"] and returned == []


@pytest.mark.parametrize(
    "text",
    [
        "we're going to wait until tomorrow",
        "i'm going to take tylenol and see",
        "ok we'll go but we don't have insurance",
        "ya vamos, pero no tengo seguro",
    ],
)
def test_going_with_a_doubt_still_gets_the_follow_up(text: str) -> None:
    assert next_step(after_urgent_advice(text)) == "action_urgent_care"
    messages, _ = run(sdk_after("I have a fever and chills since the IV yesterday", SAID_ADVICE, text))
    assert [m["response"] for m in messages] == ["utter_urgent_follow_up"]


def test_inside_a_check_only_words_about_going_count_so_a_typed_answer_is_still_read() -> None:
    assert next_step(after_advice("they quoted 5000 dollars, to pay the rest later", "inform")) == (
        "action_resume_clinic_check"
    )
    assert next_step(after_advice("later", "stop_check")) is None  # the pause rules handle "Later"
    assert next_step(after_advice("ok we're going to the ER now, what do we tell them?", "faq")) == "action_urgent_care"


def test_the_same_doubt_with_no_advice_before_or_a_thank_you_after_it_is_left_to_the_dialogue() -> None:
    assert next_step(after_urgent_advice("thanks, we will")) is None
    assert next_step(after_urgent_advice("/stop_check")) is None
    assert next_step(rasa_tracker("can I wait until monday?")) is None  # no advice before: an ordinary question


def test_after_the_crisis_lines_a_doubt_gets_the_crisis_lines_again() -> None:
    text = "i dont want to call anyone, they will just send me to a hospital"
    assert next_step(after_urgent_advice(text, "utter_crisis")) == "action_urgent_care"
    messages, _ = run(sdk_after("I want to kill myself", SAID_CRISIS, text))
    assert [m["response"] for m in messages] == ["utter_crisis"]


def test_the_follow_up_names_its_sources_in_both_languages() -> None:
    import yaml

    responses = yaml.safe_load((ROOT / "domain" / "urgent.yml").read_text(encoding="utf-8"))["responses"]
    english, spanish = responses["utter_urgent_follow_up"]
    assert "911" in english["text"] and "EMTALA" in english["text"] and "don't wait" in english["text"]
    assert "911" in spanish["text"] and "no espere" in spanish["text"].lower()
    sources = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    for line in (english["text"].strip().splitlines()[-1], spanish["text"].strip().splitlines()[-1]):
        for source in line.split(":", 1)[1].split(";"):
            assert f"### {source.strip()}\n" in sources


def test_going_a_few_turns_after_the_advice_still_gets_what_to_tell_the_doctors() -> None:
    """'ya lo convencí, ya vamos para urgencias. ¿qué papeles llevo?' after a question in between was not understood."""
    events: list = [
        ActionExecuted("action_listen"),
        UserUttered("mi papá tiene calentura desde el suero de ayer", {"name": "report_symptoms", "confidence": 1.0}),
        ActionExecuted("action_urgent_care"),
        BotUttered("Busque atención médica urgente ahora"),
        ActionExecuted("action_listen"),
        UserUttered("pero el no quiere ir", {"name": "faq", "confidence": 0.9}),
        ActionExecuted("action_urgent_care"),
        BotUttered("Por favor no espere"),
        ActionExecuted("action_listen"),
        UserUttered("las celulas del cordon se pueden rechazar?", {"name": "faq", "confidence": 0.9}),
        ActionExecuted("action_answer_faq"),
        BotUttered("Sí, puede pasar."),
        ActionExecuted("action_listen"),
        UserUttered("ya lo convenci, ya vamos para urgencias. q papeles llevo?", {"name": "faq", "confidence": 0.9}),
    ]
    tracker = DialogueStateTracker.from_events("u1", events, DOMAIN.slots)
    assert next_step(tracker) == "action_urgent_care"
    long_ago = DialogueStateTracker.from_events(
        "u1",
        events[:4]
        + [e for _ in range(5) for e in (ActionExecuted("action_listen"), UserUttered("ok", {"name": "affirm"}))]
        + events[-1:],
        DOMAIN.slots,
    )
    assert next_step(long_ago) is None  # days of chat later, "ya vamos" is not about that advice


def step_after(events: list, text: str) -> str | None:
    """What the urgent policy insists on when `text` (read as a FAQ question) follows `events`."""
    said = UserUttered(text, {"name": "faq", "confidence": 0.9})
    return next_step(DialogueStateTracker.from_events("u1", [*events, said], DOMAIN.slots))


def test_after_the_follow_up_only_words_about_going_bring_it_back() -> None:
    """'ok fine ill have my doctor look at it. now can u tell me about getting my money back' got the follow-up
    again after a follow-up (English exploratory session, 2026-12-01)."""
    events: list = [
        ActionExecuted("action_listen"),
        UserUttered("my knee is hot and swollen since the injection", {"name": "report_symptoms", "confidence": 1.0}),
        ActionExecuted("action_urgent_care"),
        BotUttered("Please seek urgent medical care now"),
        ActionExecuted("action_listen"),
        UserUttered("911?? its just a bit puffy, can i wait and see", {"name": "faq", "confidence": 0.9}),
        ActionExecuted("action_urgent_care"),
        BotUttered("Please don't wait"),
        ActionExecuted("action_listen"),
    ]
    assert step_after(events, "ok fine. now can u tell me about getting my money back") is None
    assert step_after(events, "but can i wait until tomorrow?") == "action_urgent_care"


def test_putting_care_off_a_turn_or_two_after_the_advice_still_gets_the_follow_up() -> None:
    """'is it ok to fly home first?' two messages after the advice got 'not sure I understood' (English exploratory
    session, 2026-12-02): outside a check, words about putting care off count for a few turns."""
    events: list = [
        ActionExecuted("action_listen"),
        UserUttered(
            "my legs are getting numb since the spinal injection", {"name": "report_symptoms", "confidence": 1.0}
        ),
        ActionExecuted("action_urgent_care"),
        BotUttered("Please seek urgent medical care now"),
        ActionExecuted("action_listen"),
        UserUttered("what is emtala", {"name": "faq", "confidence": 0.9}),
        ActionExecuted("action_stemsafe_faq"),
        BotUttered("Did you mean one of these?"),
        ActionExecuted("action_listen"),
    ]
    assert step_after(events, "is it ok to fly home first and see my own doc?") == "action_urgent_care"
    assert step_after(events, "can u tell me about getting my money back") is None
