"""Trial search and NCT numbers checked at the source, end to end: REST -> Rasa -> action server ->
the local fake ClinicalTrials.gov (tests/fake_registry.py, which the session's stack points at through
STEMSAFE_CTGOV_URL: the real registry is unreachable from tests and CI, so the fake serves records
assembled by hand in the documented API v2 shapes)."""

from __future__ import annotations

import uuid

from bot import flags
from bot.report import html_page
from bot.store import Store
from tests.fake_registry import FakeRegistry
from tests.servers import Stack, rest_id


def says(stack: Stack, sender: str, text: str) -> str:
    return "\n".join(r.get("text", "") for r in stack.say(sender, text))


def test_a_trial_search_lists_recruiting_studies_in_the_country(stack: Stack, registry: FakeRegistry) -> None:
    reply = says(stack, f"trials-{uuid.uuid4().hex}", "Are there any trials for multiple sclerosis in Mexico?")
    assert "Recruiting treatment studies for multiple sclerosis (MS) in Mexico" in reply
    assert reply.count("https://clinicaltrials.gov/study/") == 2  # the fake's two Mexican MS studies
    assert "Monterrey" in reply and "Seattle" not in reply
    assert "not an endorsement" in reply and "pay to take part" in reply and "warning sign" in reply
    _, query = registry.requests[-1]
    assert query["query.locn"] == "Mexico" and query["filter.overallStatus"] == "RECRUITING"


def test_an_unreachable_registry_gives_its_search_link_instead_of_failing(stack: Stack, registry: FakeRegistry) -> None:
    registry.down = True
    try:
        reply = says(stack, f"trials-{uuid.uuid4().hex}", "is there a trial for my dad's parkinson's near me?")
    finally:
        registry.down = False
    assert "couldn't reach ClinicalTrials.gov" in reply
    assert "https://clinicaltrials.gov/search?cond=parkinson+disease&aggFilters=status:rec,studyType:int" in reply
    assert "not an endorsement" in reply and "warning sign" in reply


def test_an_nct_number_withdrawn_before_enrolment_becomes_a_flag_in_the_report(stack: Stack) -> None:
    sender = f"nct-{uuid.uuid4().hex}"
    reply = says(stack, sender, "Can you help me check a clinic?")
    assert "What is the name of the clinic?" in reply
    assert "city and country" in says(stack, sender, "Bright Vision Stem Cell Center")
    assert "What condition" in says(stack, sender, "Sunrise, Florida")
    says(stack, sender, "dry macular degeneration")
    assert "FDA" in says(stack, sender, "Dr. Ray Moss, Florida license ME 98765")
    reply = says(stack, sender, "They said it's a registered study on ClinicalTrials.gov, NCT02024269")
    assert "Red flag:" in reply and "NCT02024269" in reply and "withdrawn" in reply
    assert "https://clinicaltrials.gov/study/NCT02024269" in reply
    reply = says(stack, sender, "show my report")
    assert "withdrawn" in reply and "Serious concerns" in reply
    record = Store.from_url(stack.env["DATABASE_URL"], flag_rules=flags.evaluate).current(rest_id(sender))
    assert "registry_withdrawn" in {f.code for f in record.flags}
    assert "before enrolling its first participant" in html_page(record)


def test_an_nct_number_in_a_pasted_page_is_looked_up(stack: Stack) -> None:
    page = (
        "Join our IRB approved stem cell study, listed on ClinicalTrials.gov as NCT09900002. "
        "Our cells are immune privileged, so they are never rejected. "
        "The study fee covers the harvest and the injection. Book now, spaces are limited this month."
    )
    reply = says(stack, f"page-{uuid.uuid4().hex}", page)
    assert "I looked up NCT09900002 on ClinicalTrials.gov" in reply
    assert "patient registry" in reply and "not a treatment trial" in reply
    assert "participants pay" in reply
