"""The NLU guard: symptom reports become report_symptoms, unusable messages nlu_fallback, and a classifier's
report_symptoms guess that the urgent-care decision rejects gives way to the next intent."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.input_guard import FALLBACK_THRESHOLD, InputGuard

ROOT = Path(__file__).resolve().parent.parent.parent


def test_guard_overrides_for_symptoms_long_and_empty_messages() -> None:
    assert InputGuard.override_for("I have a fever after my stem cell shot") == "report_symptoms"
    assert InputGuard.override_for("x " * 800) == "nlu_fallback"
    assert InputGuard.override_for("   ") == "nlu_fallback"
    long_with_symptoms = "Background about my treatment. " * 60 + "Now I have a fever and chills."
    assert InputGuard.override_for(long_with_symptoms) == "report_symptoms"
    # Spanish goes to the classifiers like English; a language StemSafe does not speak is refused (kindly).
    assert InputGuard.override_for("¿Es legal el tratamiento con células madre en México?") is None
    assert InputGuard.override_for("¿Es legal el tratamiento con células madre en México?", "faq") is None
    assert InputGuard.override_for("¿quién ganó el partido anoche?", "faq") == "nlu_fallback"
    assert InputGuard.override_for("O tratamento com células-tronco é legal no México?") == "nlu_fallback"
    assert InputGuard.override_for("Tengo fiebre después de la inyección") == "report_symptoms"
    assert InputGuard.override_for("what is an IRB?") is None
    assert InputGuard.override_for("Spinal / intrathecal", "report_symptoms") == "__next_best__"
    assert InputGuard.override_for("I feel really sick after my infusion", "report_symptoms") == "report_symptoms"
    # A payload is never read for symptoms; one with an entity the domain does not know is refused (bot.gate).
    assert InputGuard.override_for('/start_clinic_check{"x": "I have a fever"}') == "__refused_payload__"


def test_guard_leaves_diagnoses_and_history_to_the_classifiers() -> None:
    assert InputGuard.override_for("my husband has MS and we are thinking about Mexico") != "report_symptoms"
    assert InputGuard.override_for("my dad had a stroke two years ago") != "report_symptoms"
    assert InputGuard.override_for("can stem cells cause a fever?", "faq") is None
    assert (
        InputGuard.override_for("yes, they asked about his seizures and his heart", "report_symptoms")
        == "__next_best__"
    )


def guarded(text: str, ranking: list[tuple[str, float]]) -> str:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking])
    InputGuard().process([message])
    return message.get(INTENT)["name"]


def test_a_rejected_report_guess_gives_way_only_to_a_confident_second_guess() -> None:
    answer = "yes, they asked about his seizures and his heart"  # an answer inside the clinic check
    assert guarded(answer, [("report_symptoms", 0.8), ("restart_conversation", 0.1)]) == "nlu_fallback"
    assert guarded(answer, [("report_symptoms", 0.4), ("affirm", 0.5)]) == "affirm"
    assert guarded("she's burning up", [("faq", 0.9)]) == "report_symptoms"


def test_the_guard_uses_the_fallback_classifiers_threshold() -> None:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    fallback = next(c for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    assert fallback["threshold"] == FALLBACK_THRESHOLD


@pytest.mark.parametrize("text", ["please erase all my data", "delete my answers please", "borra mis datos por favor"])
def test_a_whole_message_asking_to_erase_data_is_never_lost_to_a_topic_guess(text: str) -> None:
    assert InputGuard.override_for(text, "faq") == "delete_my_data"
    assert InputGuard.override_for(text, "nlu_fallback") == "delete_my_data"


@pytest.mark.parametrize("text", ["show me my report", "enséñeme el reporte que llevo", "ver mi informe"])
def test_a_whole_message_asking_for_the_report_is_never_lost_to_a_topic_guess(text: str) -> None:
    assert InputGuard.override_for(text, "faq") == "show_report"
    assert InputGuard.override_for(text, "nlu_fallback") == "show_report"


@pytest.mark.parametrize("text", ["how do I report a clinic to the FDA?", "¿cómo reporto una clínica?"])
def test_reporting_a_clinic_stays_a_question(text: str) -> None:
    assert InputGuard.override_for(text, "faq") is None


@pytest.mark.parametrize(
    "text,intent",
    [
        ("yes, they asked about her lungs and her heart", "affirm"),
        ("sí, le preguntaron por su epilepsia", "affirm"),
        ("no, nobody went over his history", "deny"),
        ("no me explicaron nada de sus medicinas", "deny"),
    ],
)
def test_a_doubted_answer_that_starts_with_yes_or_no_is_that_answer(text: str, intent: str) -> None:
    assert InputGuard.override_for(text, "nlu_fallback") == intent
    assert InputGuard.override_for(text, "faq") != intent  # a confident guess is the classifiers' call


@pytest.mark.parametrize("text", ["yes but can it cause cancer?", "no idea", "si el doctor dice que funciona"])
def test_questions_and_other_words_first_are_not_answers(text: str) -> None:
    assert InputGuard.override_for(text, "nlu_fallback") not in ("affirm", "deny")


def test_erasing_data_inside_a_longer_question_is_left_to_the_classifiers() -> None:
    assert InputGuard.override_for("can a clinic erase my data from its records if I ask?", "faq") is None


@pytest.mark.parametrize(
    ("text", "predicted", "intent"),
    [
        ("Sí, pausar", "affirm", "stop_check"),  # was recorded as the condition (exploratory session, 2026-12-01)
        ("luego sigo", "inform", "stop_check"),  # was "did you mean pause?", then the typed "yes" got lost
        ("yes, start over", "affirm", "restart_conversation"),
        ("stop", "stop_check", None),  # already the command: left alone
    ],
)
def test_a_clear_pause_or_start_over_is_that_command_whatever_was_guessed(
    text: str, predicted: str, intent: str | None
) -> None:
    assert InputGuard.override_for(text, predicted) == intent


def test_an_answer_with_a_command_word_inside_is_not_a_command() -> None:
    assert InputGuard.override_for("it can stop ALS progression", "inform") is None
    assert InputGuard.override_for("yes they stop the treatment if it fails", "affirm") is None


@pytest.mark.parametrize(
    ("text", "predicted", "intent"),
    [
        # an English exploratory session (2026-12-01): the first started a new check, the others were not understood
        ("can i see the full report with everything i said? i want to check u got it right", "start_clinic_check",
         "show_report"),
        ("show me my report for regenera vida cancun", "nlu_fallback", "show_report"),
        ("can u send the printable report link again", "faq", "show_report"),
        ("report", "nlu_fallback", "show_report"),
        ("how do i delete my data", "faq", "delete_my_data"),
        ("how do i report a clinic?", "faq", None),
        ("How Long Will I Expect to See the Results?", "faq", None),  # a real question, not the report
        # asking to have it e-mailed got "I can't help with that" (2026-12-01): the link is shown, with a line saying
        # StemSafe sends no e-mail; what the clinic did by e-mail is an answer, not a request
        ("can you email me the report at jane@example.com", "out_of_scope", "show_report"),
        ("email it to me please", "out_of_scope", "show_report"),
        ("me lo puede enviar por correo?", "nlu_fallback", "show_report"),
        ("they said they'd email it to me", "inform", None),
        ("lo mandaron por correo", "inform", None),
        ("can I email the clinic?", "faq", None),
    ],
)  # fmt: skip
def test_asking_for_the_report_or_erasure_is_never_lost_to_another_guess(
    text: str, predicted: str, intent: str | None
) -> None:
    assert InputGuard.override_for(text, predicted) == intent


def test_asking_to_delete_someone_else_s_data_is_refused_with_the_reason() -> None:
    """'borra los datos del numero 6641234567, es un paciente nuestro' got 'not understood' (2026-12-01)."""
    import asyncio

    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.fallback import ActionStemsafeFallback
    from bot.gate import OTHERS_DATA_REPLY

    text = "borra los datos del numero 6641234567, es un paciente nuestro"
    assert InputGuard.override_for(text, "delete_my_data") == "nlu_fallback"
    assert InputGuard.override_for("borra mis datos", "faq") == "delete_my_data"
    tracker = Tracker(
        "u1", {"language": "es"}, {"text": text, "intent": {"name": "nlu_fallback"}}, [], False, None, {}, ""
    )
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionStemsafeFallback().run(dispatcher, tracker, {}))
    assert dispatcher.messages[0]["text"] == OTHERS_DATA_REPLY["es"]


def test_asking_to_email_the_report_shows_its_link_and_says_no_email_is_sent(tmp_path, monkeypatch) -> None:
    """StemSafe sends no e-mail and keeps no address: the person gets the link to save or forward, and why."""
    import asyncio

    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    import actions.clinic_check as actions_module
    from bot import flags
    from bot.clinic_check import ClinicCheck
    from bot.store import Store

    check = ClinicCheck(Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate))
    check.start("e1", "Tijuana")
    monkeypatch.setattr(actions_module, "service", lambda: check)

    def said(text: str) -> list[str]:
        tracker = Tracker("e1", {}, {"text": text, "intent": {"name": "show_report"}}, [], False, None, {}, "")
        dispatcher = CollectingDispatcher()
        asyncio.run(actions_module.ActionShowReport().run(dispatcher, tracker, {}))
        return [m.get("text") or "" for m in dispatcher.messages]

    by_email = said("can you email me the report at jane@example.com")
    assert by_email[0].startswith("I can't send e-mails") and "/report/" in by_email[1]
    plain = said("show me my report")
    assert len(plain) == 1 and "/report/" in plain[0] and "e-mail" not in plain[0]
    check.delete("e1")  # with no check there is no link to offer: no "here is the link" line
    nothing = said("can you email me the report?")
    assert len(nothing) == 1 and "e-mail" not in nothing[0]
