"""The clinic check as a patient experiences it, through bot.clinic_check on a real (SQLite) store."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import flags
from bot.clinic_check import ClinicCheck, is_why, looks_like_question
from bot.report import chat_summary, html_page
from bot.store import Store


@pytest.fixture
def check(tmp_path: Path) -> ClinicCheck:
    return ClinicCheck(Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate))


def texts(turn_messages: list) -> str:
    return "\n".join(m.text or m.response or "" for m in turn_messages)


def test_start_with_a_place_records_it_as_the_first_answer(check: ClinicCheck) -> None:
    messages, values = check.start("u1", "Tijuana")
    assert values == {"location": "mexico"}
    assert check.store.current("u1").answers["location"] == ("Tijuana", "mexico")
    assert "why?" in texts(messages) and "skip" in texts(messages)
    # When the form validates that pre-filled slot, the saved value passes without being recorded again.
    turn = check.answer("u1", "location", "mexico", None, None)
    assert turn.value == "mexico" and turn.messages == []
    assert check.store.current("u1").answers["location"] == ("Tijuana", "mexico")


def test_answer_is_recorded_with_credential_note_and_red_flag(check: ClinicCheck) -> None:
    check.start("u2", "Cancun")
    turn = check.answer("u2", "physician", "Dr. Luis Mora, cédula 1234", "inform", None)
    assert turn.value == "number"
    said = texts(turn.messages)
    assert "does not have the usual shape" in said and "cedulaprofesional.sep.gob.mx" in said
    turn = check.answer("u2", "facility_licence", "just an aviso de funcionamiento", None, None)
    assert turn.value == "aviso_only"
    assert "Red flag:" in texts(turn.messages)
    assert check.store.current("u2").answers["facility_licence"][1] == "aviso_only"


def test_why_and_faq_digressions_do_not_record_anything(check: ClinicCheck) -> None:
    check.start("u3")
    turn = check.answer("u3", "coa", "why does that matter?", "ask_why", None)
    assert turn.value is None and "Why this matters" in texts(turn.messages)
    turn = check.answer("u3", "coa", "what is a certificate of analysis?", "faq", "faq/certificate_of_analysis")
    assert turn.value is None and turn.messages[0].response == "utter_faq/certificate_of_analysis"
    assert check.store.current("u3").answers == {}
    # An answer that merely sounds like a FAQ topic is still an answer.
    turn = check.answer("u3", "cell_source", "umbilical cord cells from a donor", "faq", "faq/cell_sources")
    assert turn.value == "donor_cord"


def test_empty_and_huge_answers_are_refused_kindly(check: ClinicCheck) -> None:
    check.start("u4")
    assert check.answer("u4", "lab", "   ", None, None).value is None
    turn = check.answer("u4", "lab", "x" * 5000, None, None)
    assert turn.value is None and "too long" in texts(turn.messages)


def test_pause_resume_correct_finish_delete(check: ClinicCheck) -> None:
    check.start("u5", "Miami, FL")
    check.answer("u5", "clinic_name", "Sunshine Regenerative", None, None)
    check.answer("u5", "coa", "no", None, None)
    assert "saved" in check.pause("u5").text
    messages, values = check.resume("u5")
    assert values["coa"] == "no" and values["location"] == "us" and "Sunshine Regenerative" in texts(messages)
    offer, target = check.correction("u5", "", None)
    assert target is None and {b["payload"] for b in offer.buttons} >= {'/choose_correction{"question":"coa"}'}
    # each button names the answer and what is recorded, whole or cut at a word (not the prompt cut mid-word)
    titles = {b["title"] for b in offer.buttons}
    assert "Clinic's name: Sunshine Regenerative" in {t.replace("The clinic's", "Clinic's") for t in titles}
    assert all(len(t) <= 60 and not t.endswith(" ") for t in titles), titles
    message, target = check.correction("u5", "", "coa")
    assert target == "coa" and "coa" not in check.store.current("u5").answers
    check.answer("u5", "coa", "yes", None, None)
    summary = texts(check.finish("u5"))
    assert "Sunshine Regenerative" in summary and "/report/" in summary and "own doctor" in summary
    assert "Overall:" in check.report("u5").text
    assert "deleted 1" in check.delete("u5").text
    assert check.store.latest("u5") is None


def test_resume_without_a_saved_check_starts_a_new_one(check: ClinicCheck) -> None:
    messages, values = check.resume("nobody")
    assert values == {} and "no unfinished clinic check" in texts(messages)


def test_report_page_escapes_user_text_and_never_says_safe(check: ClinicCheck) -> None:
    check.start("u6", "Tijuana")
    check.answer("u6", "clinic_name", "<script>alert('x')</script>", None, None)
    check.answer("u6", "claims", "they promised a cure", None, None)
    record = check.store.current("u6")
    page = html_page(record)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "Serious concerns" in page and "What to ask next" in page
    summary = chat_summary(record)
    assert "safe" not in summary.lower().replace("stemsafe", "")


@pytest.mark.parametrize(
    ("text", "why", "question"),
    [
        ("why?", True, True),
        ("Why does that matter", True, True),
        ("what does that mean?", True, True),
        ("Clinica Santa Fe", False, False),
        ("is exosome therapy risky?", False, True),
    ],
)
def test_digression_detection(text: str, why: bool, question: bool) -> None:
    assert is_why(text, None) is why
    assert looks_like_question(text) is question


def test_contact_details_are_not_recorded(check: ClinicCheck) -> None:
    check.start("u7")
    check.answer("u7", "lab", "Lab Norte, call me on +52 664 123 4567 or pat@example.com", None, None)
    check.answer("u7", "facility_licence", "aviso 2309012345", None, None)
    answers = check.store.current("u7").answers
    assert answers["lab"][0] == "Lab Norte, call me on [phone removed] or [email removed]"
    assert answers["facility_licence"][0] == "aviso 2309012345"


def test_an_answer_for_another_question_is_recorded_there_and_this_one_is_asked_back(check: ClinicCheck) -> None:
    check.start("u8", "Tijuana")
    turn = check.answer("u8", "consent_form", "IV infusion and intrathecal", None, None)
    said = texts(turn.messages)
    assert turn.value is None and turn.others == {"route": "spinal,iv"}
    assert "I also noted that under how the cells are given: Spinal / intrathecal, IV drip." in said
    assert "I didn't catch that. Please answer: Yes / No / Only an online click / I don't know" in said
    answers = check.store.current("u8").answers
    assert "consent_form" not in answers and answers["route"][1] == "spinal,iv"
    assert "high_risk_route" in {f.code for f in check.store.current("u8").flags}


def test_a_condition_typed_at_the_place_question_is_noted_as_the_condition_not_the_place(check: ClinicCheck) -> None:
    """From exploratory REST (2026-12-01): "knee arthritis" typed where the place was asked was stored as the place
    ("Noted: that country.") and headed the report as the clinic's location."""
    check.start("l1")
    turn = check.answer("l1", "location", "knee arthritis", None, None)
    assert turn.value is None and turn.others == {"condition": "knee_oa"}
    said = texts(turn.messages)
    assert "that country" not in said and "under the condition to be treated: knee arthritis" in said
    answers = check.store.current("l1").answers
    assert "location" not in answers and answers["condition"][1] == "knee_oa"
    # a place is still a place, and a place named like a clinic for a condition is read as the place
    assert check.answer("l1", "location", "Tijuana, the knee clinic near the border", None, None).value == "mexico"


def test_an_answer_then_a_side_question_records_the_answer_and_answers_the_question(check: ClinicCheck) -> None:
    """From exploratory sessions (2026-12-01): "no they didn't give me one, but what does endotoxin mean?" was dropped
    as "a question", so the answer was lost and the question asked again."""
    check.start("aq", "Tijuana")
    turn = check.answer("aq", "coa", "no they didn't give me one, but what does endotoxin mean?", "faq",
                        "faq/certificate_of_analysis")  # fmt: skip
    assert turn.value == "no" and check.store.current("aq").answers["coa"] == ("no they didn't give me one", "no")
    said = [m.text or m.response for m in turn.messages]
    assert said[0].startswith("Noted under the certificate of analysis")
    assert said[-1] == "utter_faq/certificate_of_analysis"
    why = check.answer("aq", "follow_up", "no, why?", "ask_why", None)
    assert why.value == "no" and "Why this matters" in texts(why.messages)
    later = check.answer("aq", "consent_form", "Sí, lo firmamos. ¿Y cuánto tarda en hacer efecto?", "inform", None,
                         lang="es")  # fmt: skip
    assert later.value == "yes" and "hágamela otra vez al terminar" in texts(later.messages)
    # an acknowledgement is not an answer, and a free-text question keeps asking
    ack = check.answer("aq", "medical_evaluation", "ok, but what is FACT?", "faq", "faq/certificate_of_analysis")
    assert ack.value is None and "medical_evaluation" not in check.store.current("aq").answers
    lab = check.answer("aq", "lab", "interesting, but what is FACT?", "faq", "faq/certificate_of_analysis")
    assert lab.value is None and "lab" not in check.store.current("aq").answers


def test_a_long_first_answer_gives_the_name_and_notes_the_place_condition_and_route(check: ClinicCheck) -> None:
    """From exploratory sessions (2026-12-01): a first message with several facts was stored, whole, as the clinic's
    name, and the place, the condition and the route were asked again."""
    check.start("nm")
    text = "It's Regenera Vida in Cancun, they want to do IV stem cells for my mom's COPD, about $15,000"
    turn = check.answer("nm", "clinic_name", text, None, None)
    assert turn.value == "Regenera Vida" and turn.others == {"location": "mexico", "condition": "lung_disease",
                                                              "route": "iv"}  # fmt: skip
    record = check.store.current("nm")
    assert record.clinic_name == "Regenera Vida" and record.country == "mexico"
    assert "under where the clinic is: Mexico" in texts(turn.messages)
    # names keep their own dots and words
    for name in ("Dr. Smith's Clinic", "The Stem Cell and Regenerative Institute", "Stem Cell Institute of Panama"):
        check.start(f"nm-{name}")
        assert check.answer(f"nm-{name}", "clinic_name", name, None, None).value == name


def test_a_typed_correction_of_the_licence_number_keeps_the_doctor_s_name(check: ClinicCheck) -> None:
    """From exploratory sessions (2026-12-01): correcting only the cédula replaced the whole answer, so the report lost
    the doctor's name."""
    check.start("pc", "Tijuana")
    check.answer("pc", "physician", "Dr. Laura Gómez, cédula 1234567", None, None)
    turn = check.answer("pc", "facility_licence", "wait the doctor's cedula is wrong, it's 7654321", None, None)
    assert turn.value is None
    assert check.store.current("pc").answers["physician"][0] == "Dr. Laura Gómez, cédula 7654321"
    # naming someone else replaces the answer
    check.answer("pc", "facility_licence", "sorry the doctor is wrong, it's dr pedro ruiz 5554443", None, None)
    assert "pedro ruiz" in check.store.current("pc").answers["physician"][0].lower()
    assert "Gómez" not in check.store.current("pc").answers["physician"][0]


def test_the_same_question_is_never_asked_a_third_time_in_a_row(check: ClinicCheck) -> None:
    check.start("u9", "Tijuana")
    first = check.answer("u9", "coa", "banana", None, None, 0)
    assert first.value is None and first.tries == 1 and "I didn't catch that" in texts(first.messages)
    second = check.answer("u9", "coa", "purple", None, None, first.tries)
    assert second.value is None and second.tries == 2
    assert texts(second.messages) != texts(first.messages)  # the second time changes tack
    assert {"Skip this one", "Pause"} <= {b["title"] for m in second.messages for b in m.buttons}
    third = check.answer("u9", "coa", "banana", None, None, second.tries)
    assert third.value == "not_answered" and third.tries == 0 and "not answered" in texts(third.messages)
    record = check.store.current("u9")
    assert record.answers["coa"] == ("(not answered)", "not_answered")
    assert "no_certificate_of_analysis_unknown" in {f.code for f in record.flags}  # not answered is never "no"
    assert "not yet known" in html_page(record)


def test_interruptions_are_not_recorded_and_repeated_ones_are_worded_differently(check: ClinicCheck) -> None:
    check.start("u10", "Tijuana")
    again = check.answer("u10", "physician", "what was the question again?", "faq", None)
    assert again.value is None and "question 4 of" in texts(again.messages)
    why = check.answer("u10", "physician", "why?", "ask_why", None)
    why_again = check.answer("u10", "physician", "why?", "ask_why", None, why.tries)
    assert "Why this matters" in texts(why.messages) and texts(why_again.messages) != texts(why.messages)
    stop = check.answer("u10", "physician", "stop", "faq", None)
    assert stop.value is None and stop.messages[0].buttons == [{"title": "Pause the check", "payload": "/stop_check"}]
    refused = check.answer("u10", "physician", '/inform{"q_location": "Tijuana"}', "nlu_fallback", None)
    assert refused.value is None and "can't act on that" in texts(refused.messages)
    assert set(check.store.current("u10").answers) == {"location"}


def test_words_like_stop_or_explain_inside_answers_are_answers(check: ClinicCheck) -> None:
    check.start("u11", "Cancun")
    assert check.answer("u11", "claims", "it can stop ALS progression", "stop_check", None).value == "cure"
    assert check.answer("u11", "route", "injected into both eyes", "restart_conversation", None).value == "eye"
    turn = check.answer("u11", "donor_screening", "they didn't explain", "ask_why", None)
    assert turn.value == "no"


def test_the_report_says_what_is_approved_for_the_condition(check: ClinicCheck) -> None:
    check.start("u12", "Cancún")
    check.answer("u12", "clinic_name", "Clinica Sol", None, None)
    check.answer("u12", "condition", "my knee arthritis", None, None)
    record = check.store.current("u12")
    summary = chat_summary(record)
    assert "Knee arthritis: unproven; harms reported. No stem cell product is approved for knee arthritis" in summary
    page = html_page(record)
    assert "What is approved for this condition" in page and "unproven" in page


def test_starting_a_new_check_pauses_the_old_one(check: ClinicCheck) -> None:
    check.start("u13", "Tijuana")
    first = check.store.current("u13").id
    check.start("u13", "Miami, FL")
    current = check.store.current("u13")
    assert current.id != first and current.status == "active"
    with check.store.engine.connect() as conn:
        from sqlalchemy import text

        statuses = dict(conn.execute(text("select id, status from assessments where sender_id='u13'")).all())
    assert statuses == {first: "paused", current.id: "active"}


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("clinic_name", "help"),
        ("lab", "help me"),
        ("physician", "I'm confused"),
        ("lab", "why does the lab matter"),
        ("facility_licence", "why do you need the licence number?"),
        ("route", "why does the route matter?"),
        ("cell_source", "wait, can donor cells be rejected?"),
        ("cell_source", "are exosomes stem cells?"),
        ("claims", "is there anything approved for ALS?"),
        ("coa", "what is a certificate of analysis?"),
        ("facility_licence", "is there anything approved for ALS?"),
        ("route", "is intrathecal the same as a spinal tap?"),
        ("claims", "can donor cells really not be rejected?"),
    ],
)
def test_help_why_and_questions_at_any_question_are_never_recorded(
    check: ClinicCheck, question_id: str, text: str
) -> None:
    """Whatever the NLU made of them (here: nothing), help, a why about the question and a side question
    are interruptions: nothing is recorded, here or under another question, and the question waits."""
    check.start("u20", "Tijuana")
    turn = check.answer("u20", question_id, text, None, None)
    assert turn.value is None and turn.others == {}
    assert set(check.store.current("u20").answers) == {"location"}
    assert texts(turn.messages)


def test_help_and_contextual_why_say_where_the_check_is(check: ClinicCheck) -> None:
    check.start("u21", "Tijuana")
    helped = check.answer("u21", "lab", "help", None, None)
    assert "question" in texts(helped.messages) and "skip" in texts(helped.messages)
    why = check.answer("u21", "lab", "why does the lab matter", "faq", "faq/certificate_of_analysis")
    assert "Why this matters" in texts(why.messages)  # about the question asked, not a FAQ topic
    side = check.answer("u21", "quote", "why are stem cells so expensive?", None, None)
    assert "Why this matters" not in texts(side.messages) and "back to question" in texts(side.messages)
    # An answer that merely contains a question word is still an answer.
    assert check.answer("u21", "ethics_review", "when I asked they said no", None, None).value == "no"


def test_an_answer_typed_after_urgent_advice_is_recorded_and_the_check_goes_on(check: ClinicCheck) -> None:
    check.start("u22", "Tijuana")
    check.answer("u22", "clinic_name", "Clinica Sol", None, None)
    check.pause("u22")  # urgent advice stopped the form; the check itself waits
    messages, values = check.continue_with("u22", "knee arthritis", None, None)
    assert values["condition"] != "" and check.store.current("u22").status == "active"
    assert check.store.current("u22").answers["condition"][0] == "knee arthritis"
    messages, values = check.continue_with("u22", "what is a cédula?", None, None)  # not an answer
    assert "physician" not in values and "Back to the clinic check, question 4" in texts(messages)


def test_a_correction_typed_mid_check_changes_that_answer_not_the_one_being_asked(check: ClinicCheck) -> None:
    """From exploratory sessions (2026-12-01): 'wait the location is wrong, its bangkok thailand' was saved as the
    treating doctor, and 'perdón me equivoqué, la enfermedad es autismo no panamá' as the doctor in Spanish."""
    check.start("c1", "Panama")
    check.answer("c1", "condition", "knee arthritis", "inform", None)
    said = "perdón me equivoqué, la enfermedad es autismo no la rodilla"
    turn = check.answer("c1", "physician", said, None, None, lang="es")
    assert turn.value is None  # the doctor question is asked again
    assert turn.others == {"condition": "autism"}
    answers = check.store.current("c1").answers
    assert answers["condition"][1] == "autism" and "physician" not in answers
    assert "Cambié su respuesta en «el padecimiento a tratar»: autismo" in texts(turn.messages)
    turn = check.answer("c1", "physician", "wait the location is wrong, its bangkok thailand", None, None)
    assert turn.value is None and check.store.current("c1").values["location"] == "thailand"
    assert "physician" not in check.store.current("c1").answers
    # A correction with no new answer offers the change of that answer; nothing is recorded.
    check.answer("c1", "clinic_name", "Siam Stem Life", None, None)
    turn = check.answer("c1", "physician", "oops the clinic name is wrong", None, None)
    assert turn.value is None and check.store.current("c1").answers["clinic_name"][0] == "Siam Stem Life"
    assert turn.messages[0].buttons == [
        {"title": "the clinic's name", "payload": '/choose_correction{"question":"clinic_name"}'}
    ]
    # The question being asked may be corrected by naming it: that is just its answer.
    turn = check.answer("c1", "physician", "sorry, the doctor is Dr. Somchai, licence 12345", None, None)
    assert turn.value is not None


def test_a_side_question_with_a_claim_after_it_is_not_a_no_to_a_yes_no_question(check: ClinicCheck) -> None:
    """'btw how long does it take to work? the guy said 6 weeks and ill be walking without pain' was recorded as
    'No' to the COFEPRIS protocol question, with its red flag (exploratory session, 2026-12-01)."""
    check.start("s1", "Tijuana")
    said = "btw how long does it take to work? the guy said 6 weeks and ill be walking without pain"
    turn = check.answer("s1", "protocol_authorised", said, None, None)
    assert turn.value is None and "protocol_authorised" not in check.store.current("s1").answers
    assert (
        check.answer("s1", "protocol_authorised", "is it needed? no, they never showed one", None, None).value == "no"
    )


def test_the_clinic_s_name_and_condition_in_the_request_are_not_asked_again(check: ClinicCheck) -> None:
    """'…at a place called Regenera Baja Institute, can u check them' was asked 'What is the name of the clinic?',
    and the reply 'i just told u, Regenera Baja Institute' became the clinic's name (exploratory session,
    2026-12-01)."""
    request = "flying to tijuana next week for my knee arthritis at a place called Regenera Baja Institute, can u check"
    messages, values = check.start("r1", "Tijuana", request=request)
    assert values == {"location": "mexico", "clinic_name": "Regenera Baja Institute", "condition": "knee_oa"}
    assert "I noted the clinic's name: Regenera Baja Institute" in texts(messages)
    assert check.store.current("r1").answers["clinic_name"] == ("Regenera Baja Institute", "Regenera Baja Institute")
    _, values = check.start("r2", None, request="/start_clinic_check")  # a button: nothing to read
    assert values == {}
    _, values = check.start("r3", None, lang="es", request="quiero revisar una clínica de Zapopan para mi papá")
    assert "clinic_name" not in values and "condition" not in values
    # A capitalised name beside "clínica" is the name too; the condition is stored as its name, not the request
    # (a Spanish exploratory session, 2026-12-01).
    request = "hola buenas tardes, quiero revisar la clinica BioRegen en Tijuana para la artritis reumatoide de mi mama"
    _, values = check.start("r4", "Tijuana", lang="es", request=request)
    assert values["clinic_name"] == "BioRegen" and values["condition"] == "rheumatoid_arthritis"
    assert "hola" not in check.store.current("r4").answers["condition"][0]
    _, values = check.start("r5", "Cancun", request="can you check the Regenera clinic in Cancun?")
    assert values["clinic_name"] == "Regenera"
    _, values = check.start("r6", "Tijuana", request="I want to check a stem cell clinic in Tijuana")
    assert "clinic_name" not in values
    # Answered in words, the name is what follows "se llama", not the whole sentence.
    assert check.answer("r3", "clinic_name", "se llama bioexo renova, esta en zapopan jalisco", None, None).value == (
        "bioexo renova"
    )


def test_a_faq_digression_in_a_check_abroad_adds_that_country_s_way(check: ClinicCheck) -> None:
    check.start("k1", "Medellin, Colombia")
    said = "how do I verify the doctor's license?"
    turn = check.answer("k1", "physician", said, "faq", "faq/verify_cedula")
    assert turn.value is None and turn.messages[0].response == "utter_faq/verify_cedula"
    assert turn.messages[1].text.startswith("In Colombia:")


def test_asking_for_the_report_at_the_name_question_is_not_the_clinic_s_name(check: ClinicCheck) -> None:
    """'no!! i dont want to start over, i want the report for regenera vida that we just did' became a clinic's name
    (English exploratory session, 2026-12-01)."""
    check.start("rp1", "Cancun")
    text = "no!! i dont want to start over, i want the report for regenera vida that we just did"
    turn = check.answer("rp1", "clinic_name", text, "inform", None)
    assert turn.value is None and "clinic_name" not in check.store.current("rp1").answers
    assert any(b["payload"] == "/show_report" for m in turn.messages for b in (m.buttons or []))


def test_with_two_unfinished_checks_the_one_named_is_taken_up_and_answers_go_to_it(check: ClinicCheck) -> None:
    """Going back to a first check after starting a second was not possible: 'continue my clinic check for CellMed
    Guadalajara' was not understood and 'continue my clinic check' reopened the newer one (2026-12-01)."""
    check.start("two", "Guadalajara, Mexico", request="check a clinic called CellMed Guadalajara")
    check.answer("two", "coa", "no", None, None)
    check.pause("two")
    check.start("two", "Panama City, Panama", request="check a clinic called Panama Stem Institute")
    check.answer("two", "lab", "their own lab", None, None)
    check.pause("two")
    messages, values = check.resume("two", text="continue my clinic check for CellMed Guadalajara")
    said = texts(messages)
    assert "CellMed" in said.split(".")[1] and values["coa"] == "no" and "lab" not in values
    assert "continue my check of Panama Stem Institute" in said  # the other one, and how to get back to it
    check.answer("two", "ethics_review", "yes", None, None)  # recorded in the check taken up, not the newest
    unfinished = {r.clinic_name or r.values.get("clinic_name"): r for r in check.store.unfinished("two")}
    assert unfinished["CellMed Guadalajara"].values.get("ethics_review") == "yes"
    assert "ethics_review" not in unfinished["Panama Stem Institute"].values
    _, values = check.resume("two", text="lets go back to the panama one")
    assert values.get("lab") and "coa" not in values


def test_an_answer_given_again_after_change_an_answer_says_it_was_changed(
    check: ClinicCheck, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A button correction ended with the next question and no word that the change was made (2026-12-01)."""
    import asyncio

    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    import actions.clinic_check as clinic_actions
    from bot.questions import BY_ID

    monkeypatch.setattr(clinic_actions, "service", lambda: check)
    check.start("ch", "Tijuana")
    check.answer("ch", "coa", "no", None, None)
    check.correction("ch", "", "coa")  # the "Change an answer" button for the certificate of analysis

    def validate(events: list[dict]) -> list[str]:
        slots = {"requested_slot": BY_ID["coa"].slot, BY_ID["coa"].slot: "yes they will"}
        message = {"text": "yes they will", "intent": {"name": "affirm"}}
        tracker = Tracker("ch", slots, message, events, False, None, {"name": "clinic_check_form"}, "action_listen")
        dispatcher = CollectingDispatcher()
        asyncio.run(
            clinic_actions.ValidateClinicCheckForm().validate_answer("coa", "yes they will", dispatcher, tracker)
        )
        return [m.get("text") or "" for m in dispatcher.messages]

    corrected = [
        {"event": "user", "text": "change an answer"},
        {"event": "action", "name": "action_offer_correction"},
        {"event": "user", "text": '/choose_correction{"question":"coa"}'},
        {"event": "action", "name": "action_apply_correction"},
        {"event": "action", "name": "clinic_check_form"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "yes they will"},
    ]
    said = validate(corrected)
    assert said and said[0] == "I changed your answer under the certificate of analysis: yes."
    assert check.store.current("ch").values["coa"] == "yes"
    # an ordinary answer says nothing of the kind
    ordinary = [{"event": "user", "text": "Tijuana"}, {"event": "action", "name": "clinic_check_form"},
                {"event": "user", "text": "yes they will"}]  # fmt: skip
    assert not any("changed your answer" in line for line in validate(ordinary))


def test_a_question_to_the_bot_or_a_just_asking_note_is_not_an_answer(check: ClinicCheck) -> None:
    """Exploratory sessions (2026-12-01): both were stored as answers, one with a serious red flag."""
    check.start("qb", "Panama")
    for question_id, text in (
        ("facility_licence", "you didnt answer my question about the medical board?"),
        (
            "ethics_review",
            "I haven't had any treatment yet, I have no symptoms. I'm asking whether IV fat stem cells "
            "can cause blood clots in the lungs",
        ),  # fmt: skip
    ):
        turn = check.answer("qb", question_id, text, "inform", None)
        assert turn.value is None and question_id not in check.store.current("qb").answers
        assert "route" not in check.store.current("qb").answers


def test_a_condition_or_a_doctor_then_a_side_question_records_the_answer(check: ClinicCheck) -> None:
    """A Spanish exploratory session (2026-12-01): both answers were lost to the side question."""
    check.start("sq", "Tijuana", lang="es")
    text = "artritis de las rodillas ya te habia dicho jaja. oye y el cordon umbilical es seguro o es de otra persona?"
    turn = check.answer("sq", "condition", text, "faq", "faq/donor_vs_own", lang="es")
    assert turn.value == "knee_oa" and turn.messages[-1].response == "utter_faq/donor_vs_own"
    doctor = "el dr. Hector Salinas, ortopedista, la cedula no me la dieron… q es la cedula de especialidad?"
    turn = check.answer("sq", "physician", doctor, "faq", "faq/verify_cedula", lang="es")
    assert turn.value is not None and "Salinas" in check.store.current("sq").answers["physician"][0]
    # a remark that answers nothing keeps the question open
    assert check.answer("sq", "lab", "interesante. oye y que es FACT?", "faq", "faq/verify_clinic").value is None


def test_typed_corrections_find_the_answer_they_name_and_keep_the_rest(check: ClinicCheck) -> None:
    """Exploratory sessions (2026-12-01): a price correction went to the advertising question named later in the same
    message; 'oops the specialty cedula is 8899011 not 8899001' and '… 4455668, typo' were not understood."""
    check.start("tc", "Tijuana")
    check.answer("tc", "physician", "Dr. Ruiz, cedula 1234567, especialidad 8899001", None, None)
    check.answer("tc", "quote", "95 mil pesos en total", None, None, lang="es")
    text = "no espera, me corrijo en lo del precio: eran 95 mil por sesion no en total"
    assert check.answer("tc", "ad_notice", text, None, None, lang="es").value is None
    answers = check.store.current("tc").answers
    assert "por sesion" in answers["quote"][0] and "ad_notice" not in answers
    check.answer("tc", "ad_notice", "oops the specialty cedula is 8899011 not 8899001, sorry", None, None)
    assert check.store.current("tc").answers["physician"][0] == "Dr. Ruiz, cedula 1234567, especialidad 8899011"
    check.answer("tc", "ad_notice", "the doctor's cedula is actually 4455668, typo", None, None)
    assert check.store.current("tc").answers["physician"][0] == "Dr. Ruiz, cedula 4455668, especialidad 8899011"
