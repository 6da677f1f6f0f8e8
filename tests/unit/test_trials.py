"""bot/trials.py and bot/registry_flags.py: the search query, parsing, and a looked-up study against what the
clinic said. Records are the fake registry's fixtures (tests/registry/, assembled by hand in the API v2 shape
of ../shared/content/registries.md: the real registry is unreachable here)."""

from __future__ import annotations

import json

import pytest

from bot import flags, registry_flags, trials
from bot.clinic_check import ClinicCheck
from bot.report import chat_summary, html_page
from bot.store import Store
from tests.fake_registry import load_studies

STUDIES = load_studies()


def found(nct: str, asked: str | None = None) -> trials.Lookup:
    return trials.read_lookup(asked or nct, 200, json.dumps(STUDIES[nct]))


def codes(findings: list[trials.Finding]) -> list[str]:
    return [f.code for f in findings]


def test_search_query_asks_for_recruiting_interventional_studies_in_the_country() -> None:
    params = trials.search_params("multiple sclerosis", "Mexico")
    assert params["query.cond"] == "multiple sclerosis"
    assert params["filter.overallStatus"] == "RECRUITING"
    assert params["filter.advanced"] == "AREA[StudyType]INTERVENTIONAL"
    assert params["query.locn"] == "Mexico" and params["pageSize"] == "5"
    assert "query.locn" not in trials.search_params("ms")


def test_patient_text_cannot_add_search_clauses() -> None:
    cleaned = trials.search_params('lupus" OR AREA[Phase]PHASE3 NOT (x)')["query.cond"]
    assert cleaned == "lupus or area phase phase3 not x"  # lower-case operators are plain words
    assert not set('"[]()') & set(cleaned)


def test_condition_and_country_from_a_request() -> None:
    assert trials.country_in("any trials for lupus in Cancún?") == "Mexico"
    assert trials.country_in("trials in the US for ALS") == "United States"
    assert trials.country_in("can you help us find a trial") is None  # "us" the pronoun
    assert trials.country_in("trials in New Mexico") == "United States"
    assert trials.condition_text("trials for lupus in Canada") == "lupus"
    assert trials.condition_text("is there a study for my husband's sarcoidosis near me?") == "sarcoidosis"
    assert trials.condition_text("find me a trial") is None
    assert trials.search_term("Parkinson disease") == "parkinson disease"
    assert trials.search_term(None, "Lupus (SLE)!") == "lupus sle"


def test_a_search_answer_gives_at_most_five_studies_with_what_a_patient_needs() -> None:
    ms = [s for n, s in STUDIES.items() if n.startswith("NCT0991")]
    result = trials.parse_search({"studies": ms, "totalCount": 8, "nextPageToken": "x"})
    assert result.ok and len(result.studies) == 5 and result.total == 8
    reply = trials.search_reply(result, "multiple sclerosis", None, trials.search_link("multiple sclerosis"))
    first = result.studies[0]
    assert first.title in reply and "phase 3" in reply and "recruiting" in reply
    assert first.sponsor in reply and "Monterrey" in reply and "https://clinicaltrials.gov/study/NCT09910001" in reply
    assert reply.count("https://clinicaltrials.gov/study/") == 5
    assert "not an endorsement" in reply and "pay to take part" in reply and "warning sign" in reply


def test_a_malformed_search_answer_is_a_search_that_did_not_run() -> None:
    assert not trials.parse_search({"error": "x"}).ok
    assert not trials.parse_search([]).ok
    reply = trials.offline_reply("lupus", "Canada", trials.search_link("lupus", "Canada"))
    assert "couldn't reach ClinicalTrials.gov" in reply and "cond=lupus" in reply and "country=Canada" in reply
    assert "not an endorsement" in reply and "warning sign" in reply


def test_single_study_answers_as_the_registry_gives_them() -> None:
    assert found("NCT02024269").outcome == trials.Outcome.FOUND
    not_found = trials.read_lookup("NCT99999999", 404, "NCT number NCT99999999 not found")
    assert not_found.outcome == trials.Outcome.NOT_FOUND
    # a 404 that does not name the number is an endpoint fault, not "no such study"
    assert trials.read_lookup("NCT99999999", 404, "<html>Not Found</html>").outcome == trials.Outcome.UNAVAILABLE
    assert trials.read_lookup("NCT0443751", 400, "Parameter `nctId` has incorrect format").outcome == (
        trials.Outcome.BAD_NUMBER
    )
    assert trials.read_lookup("NCT02024269", 503, "busy").outcome == trials.Outcome.UNAVAILABLE
    assert trials.read_lookup("NCT02024269", 200, "not json").outcome == trials.Outcome.UNAVAILABLE
    # another study than the one asked for is never taken for it; an old alias is
    assert found("NCT09900001", asked="NCT02024269").outcome == trials.Outcome.UNAVAILABLE
    moved = found("NCT09900003", asked="NCT09900009")
    assert moved.outcome == trials.Outcome.FOUND and moved.moved_from == "NCT09900009"


def test_numbers_in_text_are_found_once_each() -> None:
    text = "Study NCT02024269 (see nct 02024269) and NCT-09900001; not NCT123."
    assert trials.nct_numbers_in(text) == ["NCT02024269", "NCT09900001"]
    assert trials.valid_nct(" nct02024269 ") == "NCT02024269" and trials.valid_nct("NCT4437511") is None


KURIYAN = trials.Claim("stem cell center in Sunrise Florida", "Sunrise, Florida", ("macular",), "eye disease")


def test_withdrawn_study_is_a_high_flag_with_what_was_found_and_the_link() -> None:
    findings = trials.assess(found("NCT02024269"), KURIYAN)
    withdrawn = next(f for f in findings if f.code == "registry_withdrawn")
    assert withdrawn.severity == "high"
    message, verify = registry_flags.words(withdrawn)
    assert "withdrawn" in message and "before enrolling" in message and "2015-09-16" in message
    assert "https://clinicaltrials.gov/study/NCT02024269" in verify
    assert "registry_site_not_listed" in codes(findings)  # no sites at all
    assert "registry_condition_mismatch" not in codes(findings)


@pytest.mark.parametrize(
    ("nct", "claim", "expected"),
    [
        ("NCT09900002", trials.Claim("Regen Wellness Center", "Tampa, FL", ("knee",)), "registry_observational"),
        ("NCT09900002", trials.Claim("Regen Wellness Center", "Tampa, FL", ("knee",)), "registry_patient_funded"),
        ("NCT09900001", trials.Claim("Clinica Sol", "Tijuana", ("knee",)), "registry_site_not_listed"),
        (
            "NCT09900001",
            trials.Claim("Gulf University Hospital", "Houston", ("amyotrophic", "als")),
            "registry_condition_mismatch",
        ),
        ("NCT09900003", trials.Claim(), "registry_terminated"),
        ("NCT09900004", trials.Claim(), "registry_status_unknown"),
        ("NCT03280056", trials.Claim(), "registry_not_enrolling"),
    ],
)
def test_each_warning_sign_of_a_record(nct: str, claim: trials.Claim, expected: str) -> None:
    assert expected in codes(trials.assess(found(nct), claim))


def test_a_record_with_no_warning_sign_is_still_not_a_pass() -> None:
    claim = trials.Claim("Gulf University Hospital", "Houston, Texas", ("knee", "osteoarthritis"))
    findings = trials.assess(found("NCT09900001"), claim)
    assert codes(findings) == ["registry_listed"]
    message, verify = registry_flags.words(findings[0])
    assert "not an approval" in verify
    assert (
        flags.level([registry_flags.flags({registry_flags.LOOKUP_ANSWER: trials.encode(findings)})[0]])
        == (flags.LEVELS[flags.UNVERIFIED])
    )


def test_a_lookup_that_could_not_run_is_its_own_outcome_and_never_a_pass() -> None:
    findings = trials.assess(trials.unavailable("NCT02024269", "TimeoutError"), KURIYAN)
    assert codes(findings) == ["registry_unchecked"] and findings[0].severity == "medium"
    message, verify = registry_flags.words(findings[0])
    assert "not checked" in message and "not a pass" in message and "NCT02024269" in verify


def test_not_found_and_a_regulated_trial_at_its_own_site() -> None:
    missing = trials.assess(trials.read_lookup("NCT99999999", 404, "NCT number NCT99999999 not found"), KURIYAN)
    assert codes(missing) == ["registry_not_found"] and missing[0].severity == "high"
    mgh = trials.Claim(
        "Massachusetts General Hospital, the NurOwn phase 3 trial", "Boston, Massachusetts", ("als", "amyotrophic")
    )
    assert {f.severity for f in trials.assess(found("NCT03280056"), mgh)} == {"medium"}  # completed, nothing else


def test_stored_lookup_becomes_flags_in_the_summary_and_the_report(tmp_path) -> None:
    store = Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate)
    sender = "registry-test"
    store.start(sender)
    store.record_answer(sender, "clinic_name", "Sunrise stem cell center", "Sunrise stem cell center", {"name": "x"})
    store.record_answer(sender, "location", "Sunrise, Florida", "us", {"location": "Sunrise, Florida", "country": "us"})
    store.record_answer(sender, "condition", "dry macular degeneration", "eye_disease")
    record = store.current(sender)
    raw, value, lines = registry_flags.lookup_answer([found("NCT02024269")], record.answers)
    assert any(line.startswith("Red flag:") and "withdrawn" in line for line in lines)
    record = store.record_answer(sender, registry_flags.LOOKUP_ANSWER, raw, value)
    assert "registry_withdrawn" in {f.code for f in record.flags}
    assert "registry_condition_mismatch" not in {f.code for f in record.flags}  # the eye card's words match
    assert "withdrawn" in chat_summary(record) and flags.level(record.flags) == flags.LEVELS[flags.SERIOUS]
    page = html_page(record)
    assert "withdrawn" in page and "https://clinicaltrials.gov/study/NCT02024269" in page
    assert registry_flags.LOOKUP_ANSWER not in page  # the stored lookup is not shown as something the clinic said
    assert "Your 3 answer(s)" in (ClinicCheck(store).pause(sender).text or "")  # the lookup is not an answer
    store.record_answer(sender, "coa", "no", "no")  # flags are recomputed on every answer: the lookup's stay
    assert "registry_withdrawn" in {f.code for f in store.current(sender).flags}


def test_a_damaged_stored_lookup_gives_no_flags() -> None:
    assert registry_flags.flags({registry_flags.LOOKUP_ANSWER: "{not json"}) == []
    bogus = json.dumps([{"code": "made_up", "severity": "high"}, {"code": "registry_listed", "severity": "x"}])
    assert registry_flags.flags({registry_flags.LOOKUP_ANSWER: bogus}) == []


def test_the_trial_search_answers_in_spanish() -> None:
    ms = [s for n, s in STUDIES.items() if n.startswith("NCT0991")]
    result = trials.parse_search({"studies": ms, "totalCount": 8, "nextPageToken": "x"})
    link = trials.search_link("multiple sclerosis", "Mexico")
    reply = trials.search_reply(result, "esclerosis múltiple (EM)", "Mexico", link, lang="es")
    assert reply.startswith("Estudios de tratamiento que reclutan para esclerosis múltiple (EM) en México")
    assert "fase 3" in reply and "reclutando participantes" in reply and "Patrocinador:" in reply
    assert reply.count("https://clinicaltrials.gov/study/") == 5 and "(de 8 en la lista)" in reply
    assert "no es una recomendación" in reply and "pagar por participar" in reply and "señal de alerta" in reply
    assert reply.endswith("Fuente: ClinicalTrials.gov (US National Library of Medicine).")
    assert "Sponsor:" not in reply and "warning sign" not in reply
    empty = trials.search_reply(trials.Search(ok=True), "lupus", None, link, lang="es")
    assert empty.startswith("No encontré") and link in empty
    offline = trials.offline_reply("lupus", "United States", link, lang="es")
    assert offline.startswith("No pude conectarme") and "en Estados Unidos" in offline and link in offline
    assert trials.no_condition("es").startswith("Dígame la enfermedad")
    assert trials.no_condition() == trials.NO_CONDITION


def test_a_spanish_request_names_its_condition_and_country() -> None:
    assert trials.country_in("¿hay ensayos para lupus en Estados Unidos?") == "United States"
    assert trials.country_in("estudios en Japón") == "Japan"
    assert trials.condition_text("¿hay ensayos clínicos para sarcoidosis en Colombia?") == "sarcoidosis"
    assert trials.condition_text("busco un estudio para mi enfermedad") is None


def test_action_find_trial_answers_in_the_conversations_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from actions.trials import ActionFindTrial
    from stores import registry
    from tests.unit.test_ask_back import parse, run, tracker

    class Offline:
        async def search(self, term: str, country: str | None) -> trials.Search:
            self.asked = (term, country)
            return trials.Search(ok=False)

    client = Offline()
    monkeypatch.setattr(registry, "client", lambda: client)
    message = parse("¿Hay ensayos clínicos de células madre para la esclerosis múltiple en México?", [])
    said, _ = run(ActionFindTrial(), tracker(message, {"language": "es"}))
    assert client.asked == ("multiple sclerosis", "Mexico"), "the registry is searched with the card's English term"
    assert said[0]["text"].startswith("No pude conectarme con ClinicalTrials.gov")
    assert "esclerosis múltiple (EM) en México" in said[0]["text"]
    said, _ = run(ActionFindTrial(), tracker(parse("¿hay algún ensayo?", []), {"language": "es"}))
    assert said[0]["response"] == "utter_faq/find_trial" and said[1]["text"] == trials.no_condition("es")
    said, _ = run(ActionFindTrial(), tracker(parse("trials for MS in Mexico?", []), {"language": "en"}))
    assert said[0]["text"].startswith("I couldn't reach") and "multiple sclerosis (MS) in Mexico" in said[0]["text"]
