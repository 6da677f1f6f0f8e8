"""A pasted clinic text is routed to the page check; a question, a payload or a symptom report is not."""

from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.page_check_detector import PAGE_CHECK_INTENT, PageCheckDetector

PASTE = (
    "Our cells come from donated umbilical cords. They are immune privileged, so they are never rejected. "
    "The treatment is completely safe and has no side effects. Book now: spots are limited this month."
)


def _message(
    text: str, intent: str, metadata: dict | None = None, second: str = "faq", second_confidence: float = 0.2
) -> Message:
    ranking = [{"name": intent, "confidence": 0.7}, {"name": second, "confidence": second_confidence}]
    ranking.append({"name": "greet", "confidence": 0.05})
    data = {TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking}
    if metadata is not None:
        data["metadata"] = metadata
    return Message(data=data)


def _intent(message: Message) -> str:
    (out,) = PageCheckDetector().process([message])
    return out.get(INTENT)["name"]


def test_a_paste_is_routed_to_the_page_check() -> None:
    assert _intent(_message(PASTE, "faq")) == PAGE_CHECK_INTENT


def test_the_whole_paste_is_read_when_the_models_saw_a_window() -> None:
    window = "The treatment is completely safe."
    assert _intent(_message(window, "faq")) == "faq"
    assert _intent(_message(window, "faq", {"entry": {"full_text": PASTE}})) == PAGE_CHECK_INTENT


def test_questions_payloads_and_symptom_reports_are_left_alone() -> None:
    assert _intent(_message("Are donor cells immune privileged?", "faq")) == "faq"
    assert _intent(_message("/start_clinic_check", "start_clinic_check")) == "start_clinic_check"
    assert _intent(_message(PASTE + " Since the injection I have a fever.", "report_symptoms")) == "report_symptoms"


def test_a_classifier_guess_of_a_paste_for_a_short_message_falls_back() -> None:
    assert _intent(_message("they said it is safe", PAGE_CHECK_INTENT, second_confidence=0.5)) == "faq"
    # A distant second guess is no guess (as in InputGuard): the fallback, never a random intent.
    assert _intent(_message("they said it is safe", PAGE_CHECK_INTENT)) == "nlu_fallback"


def test_the_next_intent_after_a_wrong_paste_guess_passes_the_command_gate() -> None:
    """ "yes, expanded in their lab" was guessed a paste, then fell to "restart_conversation" and restarted the
    clinic check: a command stands only when the whole message asks for it."""
    answer = _message(
        "yes, expanded in their lab", PAGE_CHECK_INTENT, second="restart_conversation", second_confidence=0.6
    )
    assert _intent(answer) not in ("restart_conversation", PAGE_CHECK_INTENT)
    asked = _message("start over", PAGE_CHECK_INTENT, second="restart_conversation", second_confidence=0.6)
    assert _intent(asked) == "restart_conversation"
