"""A full clinic check through the running Rasa server and action server, read back from the database."""

from __future__ import annotations

import uuid

from bot import flags
from bot.store import Store
from tests.servers import Stack, rest_id


class Patient:
    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.id = f"patient-{uuid.uuid4().hex}"
        self.last: list[dict] = []

    def says(self, text: str) -> str:
        self.last = self.stack.say(self.id, text)
        return "\n".join(r.get("text", "") for r in self.last)

    def buttons(self) -> list[dict]:
        return [b for r in self.last for b in r.get("buttons", [])]


def records(stack: Stack) -> Store:
    return Store.from_url(stack.env["DATABASE_URL"], flag_rules=flags.evaluate)


def test_full_clinic_check_with_digressions_pause_restart_correction_and_delete(stack: Stack) -> None:
    p = Patient(stack)
    reply = p.says("Is this clinic in Tijuana legit? Can you help me check it?")
    assert "Let's check this clinic" in reply and "What is the name of the clinic?" in reply
    assert {"I don't know", "Skip"} <= {b["title"] for b in p.buttons()}

    reply = p.says("Clinica Esperanza")
    assert "What condition would the clinic treat?" in reply  # Mexico was taken from the first message
    reply = p.says("my knee arthritis")
    assert "cédula profesional" in reply

    why = next(b for b in p.buttons() if b["title"] == "Why does this matter?")
    reply = p.says(why["payload"])
    assert "Why this matters" in reply and "cédula profesional" in reply  # explained, then asked again
    reply = p.says("what was the question again?")
    assert "again" in reply and "cédula profesional" in reply  # nothing recorded

    reply = p.says("Dr. Ana Ruiz, cedula 1234")
    assert "does not have the usual shape" in reply and "cedulaprofesional.sep.gob.mx" in reply
    assert "Licencia Sanitaria" in reply and "Aviso de Funcionamiento" in reply  # next question

    reply = p.says("They are licensed, they have a sanitary notice 2323025036X00098")
    assert "Red flag:" in reply and "notice of operation" in reply  # "licensed" never overrides a notice
    assert "authorise this treatment protocol" in reply

    reply = p.says("they said the licence covers it")
    assert "Red flag:" in reply and "advertising notice" in reply

    reply = p.says("I don't know")
    assert "What cells" in reply
    reply = p.says("Donor umbilical cord")
    assert "grown (expanded or cultured)" in reply
    reply = p.says("yes, expanded in their lab")
    assert "laboratory" in reply

    reply = p.says("what is a certificate of analysis?")
    assert "batch" in reply and "Sources:" in reply and "laboratory" in reply  # answered, then back to the lab

    reply = p.says("skip")
    assert "certificate of analysis for your batch" in reply

    reply = p.says("stop")
    assert "pause the clinic check here?" in reply  # a pause during a check asks first
    reply = p.says("yes")
    assert "Paused" in reply and "saved" in reply
    saved = records(stack).current(rest_id(p.id))
    assert saved.status == "paused"
    assert saved.answers["clinic_name"] == ("Clinica Esperanza", "Clinica Esperanza")
    assert saved.answers["lab"][1] == "skipped"
    assert "physician" in saved.answers and len(saved.answers) == 10  # the why and the repeat were not recorded

    stack.stop()  # both servers go down; the answers are in the database, the tracker in SQLite
    stack.start()

    reply = p.says("continue my clinic check")
    assert "Welcome back" in reply and "Clinica Esperanza" in reply
    assert "certificate of analysis for your batch" in reply  # the next unanswered question

    for answer, expect_next in [
        ("No", "donor was screened"),
        ("they didn't explain", "ethics committee"),
        ("yes", "pay to take part"),
        ("no, it's just treatment", "consent form"),
        ("IV infusion and intrathecal", "I didn't catch that"),  # a route typed at the consent question
        ("No", "Where would the procedure take place"),  # the route was noted, so it is not asked again
        ("Hotel, home or office", "Has the clinic said any of these"),
        ("it can stop ALS progression", "payment and booking"),
        ("None of these", "itemised written quote"),
        ("no", "review your medical records"),
        ("they review records by video call", "follow-up plan"),
        ("no", "published in a medical journal"),
    ]:
        reply = p.says(answer)
        assert expect_next in reply, (answer, reply)

    reply = p.says("they have testimonials on their website")
    assert "Overall: Serious concerns" in reply and "/report/" in reply and "own doctor" in reply
    assert "No stem cell product is approved for knee arthritis" in reply
    final = records(stack).latest(rest_id(p.id))
    assert final.status == "complete"
    codes = {f.code for f in final.flags}
    assert {
        "only_aviso",
        "no_protocol_authorisation",
        "expanded_cells_no_authorisation",
        "no_certificate_of_analysis",
        "donor_not_screened",
        "high_risk_route",
        "no_consent_form",
        "non_medical_setting",
        "claims_cure",
        "claims_testimonials",
        "no_itemised_quote",
        "evaluation_remote_only",
        "no_outcome_data",
        "lab_unknown",
        "no_ad_notice_unknown",
    } <= codes
    assert final.answers["route"][1] == "spinal,iv"
    assert final.answers["lab"][1] == "skipped" and final.answers["consent_form"][1] == "no"

    reply = p.says("show my report")
    assert "Serious concerns" in reply

    reply = p.says("I want to change one of my answers")
    assert "Which answer" in reply
    coa_button = next(b for b in p.buttons() if "certificate of analysis" in b["title"])
    reply = p.says(coa_button["payload"])
    assert "certificate of analysis for your batch" in reply
    reply = p.says("yes, they will send it")
    assert "Overall:" in reply
    corrected = records(stack).latest(rest_id(p.id))
    assert corrected.answers["coa"][1] == "yes"
    assert "no_certificate_of_analysis" not in {f.code for f in corrected.flags}

    reply = p.says('/inform{"q_location": "Tijuana"}')
    assert "can't undo" not in reply and "deleted" not in reply and "Paused" not in reply
    assert records(stack).latest(rest_id(p.id)) is not None

    reply = p.says("delete my data")
    assert "can't be undone" in reply
    reply = p.says("yes")
    assert "deleted 1" in reply
    assert records(stack).latest(rest_id(p.id)) is None


def test_words_inside_answers_never_pause_restart_or_loop(stack: Stack) -> None:
    p = Patient(stack)
    p.says("check a clinic")
    p.says("Regeneris")
    p.says("Cancún, México")
    p.says("knee")
    reply = p.says("not named")
    reply = p.says("<script>alert('x')</script>")
    assert "start over" not in reply.lower() and "Licencia Sanitaria" in reply  # asked back, not reset
    reply = p.says("'; DROP TABLE answers; --")
    assert "Which answer" not in reply and "skip it or pause" in reply  # the second time changes tack
    reply = p.says("What's the best laptop?")
    assert "recommend" not in reply and "Licencia Sanitaria" not in reply  # third miss: not asked again
    assert "not answered" in reply and "authorise this treatment protocol" in reply
    answers = records(stack).current(rest_id(p.id)).answers
    assert answers["facility_licence"] == ("(not answered)", "not_answered")


def test_symptoms_during_a_check_get_urgent_care_and_the_check_goes_on(stack: Stack) -> None:
    p = Patient(stack)
    p.says("help me vet a clinic")
    reply = p.says("I had a spinal injection there last week and now I have a terrible headache and stiff neck")
    assert reply.startswith("What you describe can be a warning sign")
    assert "What is the name of the clinic?" not in reply  # first the choice: continue now, or later
    choices = {b["title"]: b["payload"] for b in p.buttons()}
    assert set(choices) == {"Continue the check now", "Later"}
    assert records(stack).current(rest_id(p.id)).answers == {}  # nothing said in the report is recorded
    reply = p.says(choices["Continue the check now"])
    assert "What is the name of the clinic?" in reply  # the pending question again
    reply = p.says("Clinica Sol")
    assert records(stack).current(rest_id(p.id)).answers["clinic_name"][0] == "Clinica Sol"


def test_an_answer_naming_the_doctor_is_recorded_without_urgent_advice(stack: Stack) -> None:
    p = Patient(stack)
    p.says("help me vet a clinic")
    p.says("Clinica Luz")
    p.says("Tijuana, Mexico")
    p.says("knee arthritis")  # the condition to be treated
    reply = p.says("Dr. Solís, a surgeon, he's in the Colegio de Médicos I think")  # issue 16: this looped
    assert "warning sign" not in reply and "licencia sanitaria" in reply.lower()  # recorded; the next question
    assert records(stack).current(rest_id(p.id)).answers["physician"][1] == "name_only"


def test_an_answer_typed_after_urgent_advice_is_read_and_the_check_goes_on(stack: Stack) -> None:
    p = Patient(stack)
    p.says("help me vet a clinic")
    reply = p.says("since the IV yesterday my mom is burning up and shivering")
    assert reply.startswith("What you describe can be a warning sign")
    reply = p.says("Clinica Norte")  # typed instead of pressing "Continue the check now"
    assert "Where is the clinic" in reply  # recorded; the next question
    assert records(stack).current(rest_id(p.id)).answers["clinic_name"][0] == "Clinica Norte"


def test_a_clinic_abroad_takes_its_countrys_path(stack: Stack) -> None:
    p = Patient(stack)
    p.says("help me vet a clinic")
    reply = p.says("Clinica Sol")
    assert "Where is the clinic" in reply
    reply = p.says("San José")  # Costa Rica or California: asked, never guessed
    assert "Costa Rica" in reply and "California" in reply and "What condition" not in reply
    reply = p.says("San José, Costa Rica")
    assert "Noted: Costa Rica." in reply and "What condition" in reply
    p.says("knee arthritis")
    reply = p.says("Dr. Mora, licence 123456")
    assert "US medical licence" not in reply  # no US licence-shape note for a doctor abroad
    assert "Ministry of Health" in reply and "collecting or storing cells" in reply  # the country's wording
    reply = p.says("why?")
    assert "2010" in reply and "collecting or storing cells" in reply  # explained for Costa Rica, asked again
    reply = p.says("they only have a permit to store the cells")
    assert "Red flag:" in reply and "2010" in reply
    record = records(stack).current(rest_id(p.id))
    assert record.country == "costa_rica"
    assert {f.code: dict(f.params) for f in record.flags}["permit_not_treatment"] == {"country": "costa_rica"}


def test_what_a_pasted_page_says_is_offered_and_recorded_only_when_confirmed(stack: Stack) -> None:
    p = Patient(stack)
    page = (
        "Our clinic offers donor umbilical cord stem cells, expanded in our own laboratory. "
        "The cells are immune privileged, so they are never rejected. "
        "Cells are given by IV infusion in a relaxing one-hour session. Book now, spaces are limited."
    )
    reply = p.says(page)
    assert "Check this clinic" in {b["title"] for b in p.buttons()}
    reply = p.says("/start_clinic_check")
    assert "confirm" in reply and "What is the name of the clinic?" in reply
    for answer in ("Vida Nueva", "Cancún, Mexico", "knee arthritis", "I don't know", "I don't know", "no", "no"):
        reply = p.says(answer)
    assert "The page you pasted says" in reply and "umbilical cord" in reply and "What cells" in reply
    assert "cell_source" not in records(stack).current(rest_id(p.id)).answers  # offered, not recorded
    reply = p.says("Yes, that's right")
    assert "Noted from the page: Donor umbilical cord" in reply
    raw, value = records(stack).current(rest_id(p.id)).answers["cell_source"]
    assert value == "donor_cord" and "confirmed from the clinic's page" in raw
    assert "The page you pasted says" in reply and "grown (expanded or cultured)" in reply  # the next offer
    reply = p.says("no")  # "is that right?" "no": nothing recorded, the question asked plainly
    assert "won't use what the page says" in reply and "expanded" not in records(stack).current(rest_id(p.id)).answers


def test_a_typed_correction_and_a_typed_choice_of_answer_change_the_right_answer(stack: Stack) -> None:
    """From exploratory sessions (2026-12-01): a correction typed mid-check was recorded as the pending answer, and
    after 'change an answer' a typed choice ('the clinic name') got the no-recommendation reply."""
    p = Patient(stack)
    reply = p.says("can you check a clinic called Vida Nueva Cells in Cancun? its for my knee arthritis")
    assert "Vida Nueva Cells" in reply and "cédula profesional" in reply  # name, place and condition not asked
    reply = p.says("wait the location is wrong, its tijuana")
    assert "I changed your answer" in reply and "cédula profesional" in reply  # the doctor question again
    assert "physician" not in records(stack).current(rest_id(p.id)).answers
    reply = p.says("change an answer")
    assert "Which answer would you like to change?" in reply
    reply = p.says("the clinic name")
    assert "name of the clinic" in reply and "recommend" not in reply
    reply = p.says("Vida Nueva Regenerative Center")
    assert records(stack).current(rest_id(p.id)).answers["clinic_name"][0] == "Vida Nueva Regenerative Center"
    assert "cédula profesional" in reply  # back where the check was
