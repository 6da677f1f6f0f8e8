"""Condition cards and the approved-products list: content rules, the line picked for a question, report lines."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot import approved, conditions, flags
from bot.clinic_check import ClinicCheck
from bot.conditions import answer, load_cards, question_kind, report_lines
from bot.knowledge import FORBIDDEN, UNCONFIRMED, load_sources
from bot.page_check import chat_lines, check, condition_claim, looks_like_clinic_text
from bot.readability import MAX_GRADE, MIN_SPANISH_EASE, reading_grade, spanish_ease
from bot.report import chat_summary, html_page
from bot.store import Store

KEYS = (
    "knee_oa joint_tendon back_pain ms als parkinsons autism cerebral_palsy spinal_cord_injury stroke tbi "
    "lung_disease heart type1_diabetes type2_diabetes kidney eye_disease hair_loss erectile_dysfunction "
    "anti_ageing long_covid lupus rheumatoid_arthritis crohns gvhd blood_cancers sickle_cell cartilage_defects "
    "limbal_deficiency epidermolysis_bullosa"
).split()
_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "refresh_approved_products.py"
_SPEC = importlib.util.spec_from_file_location("refresh_approved_products", _SCRIPT)
assert _SPEC and _SPEC.loader
refresh_products = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(refresh_products)
CARDS = load_cards()
SOURCES = load_sources()
QUESTIONS = {
    conditions.WORKS: "will stem cells help?",
    conditions.APPROVAL: "is it FDA approved?",
    conditions.RISKS: "is it safe? what are the risks",
    conditions.INSTEAD: "what should I do instead, is there a trial",
    conditions.CLAIMS: "the clinic says stem cells can reverse it",
}


def test_there_is_a_card_for_each_of_the_30_conditions() -> None:
    assert sorted(CARDS) == sorted(KEYS)


@pytest.mark.parametrize("key", KEYS)
def test_card_has_a_status_sources_and_a_date_checked(key: str) -> None:
    card = CARDS[key]
    assert card.status and set(card.status) <= set(conditions.STATUSES) and len(card.status) <= 2
    assert card.sources and all(name in SOURCES for name in card.sources), [n for n in card.sources if n not in SOURCES]
    assert re.fullmatch(r"20\d\d-\d\d-\d\d", card.checked)
    assert card.evidence and card.instead and card.claims and card.truth and card.trial


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("kind", sorted(QUESTIONS))
def test_every_answer_is_short_plain_sourced_and_never_says_safe(key: str, kind: str) -> None:
    assert question_kind(QUESTIONS[kind]) == kind
    text = answer(key, QUESTIONS[kind])
    lines = text.splitlines()
    body, source_line = lines[:-1], lines[-1]
    assert body[0].startswith(f"Status for {CARDS[key].name}: {CARDS[key].status_label}.")
    assert re.match(r"^Sources?: \S", source_line)
    cited = [part.strip() for part in source_line.split(":", 1)[1].split(";")]
    assert all(name in SOURCES for name in cited), cited
    words = len(" ".join(body).split())
    assert 35 <= words <= 150, (words, text)
    assert reading_grade(body) <= MAX_GRADE, (reading_grade(body), text)
    assert not FORBIDDEN.search(text), FORBIDDEN.search(text)
    assert not any(figure in text for figure in UNCONFIRMED)


def test_a_broken_card_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "cards.yml"
    bad.write_text(
        "cards:\n  x:\n    name: x\n    status: [PROBABLY FINE]\n    status_line: s\n    evidence: [e]\n"
        "    claims: c\n    truth: t\n    instead: i\n    trial: t\n    sources: [Pew 2022]\n"
        "    checked: '2026-11-29'\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="status"):
        load_cards(bad)


def test_question_kinds_as_people_ask_them() -> None:
    assert question_kind("my son has autism, would stem cells help him") == conditions.WORKS
    assert question_kind("is there anything for my knees that's proven") == conditions.INSTEAD
    assert question_kind("is this legal in Mexico? is it approved") == conditions.APPROVAL
    assert question_kind("can it make him worse, any side effects") == conditions.RISKS
    assert question_kind("they promised it will reverse his MS") == conditions.CLAIMS


def test_does_it_work_gives_the_best_evidence_and_what_to_do_instead() -> None:
    text = answer("autism", "will stem cells help my son's autism")
    assert "180 children" in text and "Ask your child's doctors" in text
    assert "Approved stem cell products" not in text


def test_is_it_approved_names_the_products_where_and_since_when() -> None:
    gvhd = answer("gvhd", "is it approved?")
    assert "Ryoncil (US, since Dec 2024" in gvhd and "Temcell (Japan, since Sep 2015" in gvhd
    assert "FDA Ryoncil approval 2024" in gvhd.splitlines()[-1]
    autism = answer("autism", "is it approved?")
    assert "No stem cell product is approved for autism" in autism
    diabetes = answer("type1_diabetes", "is it FDA approved")
    assert "Approved, but not stem cells" in diabetes and "Lantidra" in diabetes
    crohns = answer("crohns", "is Alofisel approved")
    assert "Withdrawn: Alofisel (EU, approved Mar 2018, withdrawn Dec 2024)" in crohns


def test_is_it_safe_gives_harms_not_reassurance() -> None:
    knee = answer("knee_oa", "is it safe?")
    assert "joint infections" in knee and "No treatment is free of risk" in knee
    assert "480 people" not in knee
    # A card without harms of its own falls back to FDA's reports, and cites FDA's page.
    kidney = answer("kidney", "what are the risks")
    assert "blindness, tumours and infections" in kidney and "FDA consumer page 2021" in kidney


def test_what_instead_gives_the_trial_search_and_standard_route() -> None:
    text = answer("ms", "what else can we do, any trials?")
    assert "aHSCT" in text and 'ClinicalTrials.gov for "multiple sclerosis"' in text
    assert "a trial that charges you is a warning sign" in text


def test_claims_get_the_balanced_view() -> None:
    text = answer("autism", "the clinic says it reverses autism")
    assert "The balanced view:" in text and "parents' stories" in text


def test_unknown_card_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        answer("gout", "will it help")


@pytest.mark.parametrize(
    ("key", "named"),
    [("gvhd", ("Ryoncil", "Temcell")), ("sickle_cell", ("Casgevy", "Lyfgenia", "Zynteglo"))],
)
def test_report_for_a_condition_with_an_approved_product(key: str, named: tuple[str, ...]) -> None:
    lines = report_lines(key)
    assert lines[0].startswith(f"{CARDS[key].name[0].upper()}{CARDS[key].name[1:]}: ")
    assert "approved" in lines[0]
    assert all(product in lines[0] for product in named)
    assert approved.COVERS_ONLY in lines
    assert "Sources:" in lines[-1] and approved.checked() in lines[-1]


MIXED = [key for key in KEYS if {conditions.PROVEN, conditions.APPROVED} & set(CARDS[key].status)]


@pytest.mark.parametrize("key", MIXED)
def test_the_chat_summary_never_says_proven_or_approved_without_saying_clinic_shots_are_not(key: str) -> None:
    """The chat report shows only the first line: a patient checking a clinic that sells MS spine shots must not
    read "proven standard care" there without learning that only the hospital transplant is."""
    line = report_lines(key)[0]
    assert not re.match(r"^[^:]+: (proven standard care|approved product)", line), line
    assert re.search(r"(sold by|by) clinics", line) and re.search(r"\b(unproven|not)\b", line), line
    assert reading_grade([line]) <= MAX_GRADE and not FORBIDDEN.search(line)


def test_the_ms_chat_summary_says_only_the_hospital_transplant_is_standard_care() -> None:
    line = report_lines("ms")[0]
    assert "shots sold by clinics are unproven" in line
    assert "Only a hospital transplant with chemotherapy (aHSCT) is standard care" in line
    assert "only for some people with very active relapsing MS" in line


def test_an_amd_patient_is_not_shown_the_eye_burn_graft_as_approved_for_eye_disease() -> None:
    assert "Holoclar" not in {p.product for p in approved.products_for("eye_disease")}
    assert "Holoclar" in {p.product for p in approved.products_for("limbal_deficiency")}
    reply = answer("eye_disease", "is it approved for macular degeneration?")
    assert "Holoclar" not in reply and "Approved stem cell products for eye disease" not in reply
    assert report_lines("eye_disease")[0].startswith("Eye disease (such as AMD): unproven; harms reported. No stem")


def test_cartilage_damage_is_not_taken_for_the_hole_maci_repairs() -> None:
    """Worn knees and torn menisci are more common than the cartilage hole MACI is approved for: a vague answer
    keeps the knee arthritis card first, so the chat summary opens with "unproven", not with an approval."""
    for text in ("cartilage damage", "torn cartilage", "torn cartilage in my knee", "cartilage"):
        stored = conditions.condition_of(text)
        assert stored and stored.split(",")[0] == "knee_oa", (text, stored)
        assert report_lines(stored)[0].startswith("Knee arthritis: unproven"), text
    assert "cartilage_defects" not in (conditions.condition_of("hip cartilage") or "")
    assert conditions.condition_of("damaged cartilage in my shoulder") == "joint_tendon"
    for text in ("a cartilage defect", "MACI", "osteochondral lesion"):
        assert conditions.condition_of(text) == "cartilage_defects", text


def test_risk_answers_give_the_real_size_and_the_right_treatment() -> None:
    # ALS: 2 deaths among 67 people, not "two of three".
    als = answer("als", "is it safe?")
    assert "67 people" in als and "two of three" not in als
    # Lupus: the registry deaths are from chemotherapy transplants, not from the drips clinics sell.
    lupus = answer("lupus", "what are the risks?")
    assert "different, much harsher treatment" in lupus and "died of pneumonia" in lupus
    # MS: the transplant the card calls standard care has deaths too, said as reported.
    ms = answer("ms", "is it dangerous?")
    assert "Deaths are reported to be rare" in ms and "a woman got meningitis" in ms
    assert "aHSCT deaths by centre size (CIBMTR)" in ms.splitlines()[-1]


def test_cards_say_no_more_than_their_sources() -> None:
    # Alofisel's Japan status is unconfirmed: the withdrawal is said for the EU only.
    crohns = " ".join(answer("crohns", q) for q in ("does it work?", "the clinic says it heals fistulas"))
    assert "withdrawn in the EU" in crohns and "lost its EU licence" in crohns and "lost its licence" not in crohns
    # No source compares the small blood-sugar drop with medicines.
    assert "far less than" not in answer("type2_diabetes", "will stem cells help?")
    # Trials for the Achilles or tennis elbow were not read: the card does not say none works.
    tendon = answer("joint_tendon", "will stem cells help my achilles tendon?")
    assert "not yet reviewed trials for other tendons" in tendon and "no good trial shows cell shots work" not in tendon


def test_asking_about_an_approved_products_risks_is_not_answered_with_the_unapproved_line_alone() -> None:
    reply = answer("cartilage_defects", "is MACI safe?")
    assert conditions.APPROVED_HARMS in reply and approved.GENERIC_HARMS in reply
    assert conditions.APPROVED_HARMS not in answer("autism", "is it safe?")


def test_holoclar_is_a_conditional_eu_approval_and_japans_rules_are_not_cited_for_it() -> None:
    reply = answer("limbal_deficiency", "is it approved?")
    assert "Holoclar (EU, since Feb 2015, conditional)" in reply and "full approval was reported" in reply
    assert approved.CONDITIONAL not in reply and approved.CONDITIONAL_SOURCE not in reply
    assert approved.CONDITIONAL in answer("spinal_cord_injury", "is it approved?")


def test_report_for_an_unproven_condition() -> None:
    lines = report_lines("autism", "mexico")
    assert lines[0] == "Autism: unproven. " + approved.summary("autism", "autism")
    assert "No stem cell product is approved for autism" in lines[0]
    assert any("COFEPRIS" in line for line in lines)
    assert not any(re.search(r"\bsafe\b", line, re.I) for line in lines)


def test_report_for_values_stored_before_the_cards() -> None:
    lines = " ".join(report_lines("stroke_brain"))
    assert "Status for stroke" in lines and "Status for traumatic brain injury" in lines
    assert "no card" in " ".join(report_lines("other"))


def test_the_check_stores_the_card_keys_named() -> None:
    assert conditions.condition_of("my knee arthritis") == "knee_oa"
    assert conditions.condition_of("diabetes") == "type1_diabetes,type2_diabetes"
    assert conditions.condition_of("type 1 diabetes") == "type1_diabetes"
    assert conditions.condition_of("my son is on the spectrum") == "autism"
    assert conditions.condition_of("something else") is None
    # The answer to "which condition?" may be a body part alone, which the matcher ignores elsewhere.
    assert conditions.condition_of("knee") == "knee_oa" and conditions.conditions_in("knee") == []
    assert len(conditions.conditions_named("MS, autism, Parkinson's and diabetes")) == 4


def test_approval_claim_flag_follows_the_products_list() -> None:
    base = {"location": "us", "facility_licence": "approved_claim"}
    assert {f.code for f in flags.evaluate({**base, "condition": "sickle_cell"})} == set()
    assert {f.code for f in flags.evaluate({**base, "condition": "autism"})} == {"approval_claim_unsupported"}
    # Lantidra is approved for type 1 diabetes in the US, but it is not a stem cell product.
    assert {f.code for f in flags.evaluate({**base, "condition": "type1_diabetes"})} == {"approval_claim_unsupported"}
    # Japan's conditional approval for Parkinson's does not make a US claim true.
    assert {f.code for f in flags.evaluate({**base, "condition": "parkinsons"})} == {"approval_claim_unsupported"}


def test_every_product_is_dated_sourced_and_keyed_to_cards() -> None:
    products = approved.products()
    assert len(products) >= 25
    for product in products:
        assert product.source in SOURCES, product.product
        assert set(product.cards) <= set(KEYS), product.product
        assert re.fullmatch(r"20\d\d(-\d\d){0,2}", product.since), product.product
        assert product.approval != "withdrawn" or product.ended
    fda = [p for p in products if p.where == "US"]
    assert {"Ryoncil", "Omisirge", "Casgevy", "Lantidra", "Encelto"} <= {p.product for p in fda}
    assert not next(p for p in fda if p.product == "Lantidra").stem_cell


def test_a_page_claiming_results_for_a_condition_gets_that_conditions_real_status() -> None:
    result = check("Our stem cells reverse autism and help children speak again. Book a consultation today.")
    finding = next(f for f in result.findings if f.claim.code == "condition:autism")
    assert finding.claim.kind == "condition" and finding.quote.startswith("Our stem cells reverse autism")
    assert "Status for autism: unproven." in finding.claim.fact
    reply = "\n".join(chat_lines(result))
    assert "Results claimed for autism" in reply and "The best trial found no gain" in reply
    gvhd = [
        f for f in check("We treat graft-versus-host disease with donor MSCs.").findings if f.claim.kind == "condition"
    ]
    assert [f.claim.code for f in gvhd] == ["condition:gvhd"]
    assert "approved product" in gvhd[0].claim.fact and "transplant teams, not clinics" in gvhd[0].claim.fact
    spanish = check("Nuestras células madre revierten el autismo y la esclerosis múltiple.", language="es")
    assert spanish.codes == ["condition:autism", "condition:ms"]


def test_no_condition_claim_in_a_question_a_negation_a_warning_or_a_research_description() -> None:
    for text in (
        "Will stem cells help my son's autism?",
        "Stem cells do not cure autism.",
        "No tratamos el autismo.",
        "Be wary of any clinic that says stem cells reverse autism.",
        "This phase 2 trial tests whether bone marrow cells can help people with heart failure.",
    ):
        assert not [f for f in check(text).findings if f.claim.kind == "condition"], text


def test_a_page_listing_many_conditions_gets_at_most_three_cards_and_the_many_diseases_claim() -> None:
    result = check("We treat knee arthritis, ALS, multiple sclerosis, Parkinson's and autism with our stem cells.")
    assert result.codes == ["many_conditions", "condition:knee_oa", "condition:als", "condition:ms"]


def test_a_patient_naming_their_condition_is_not_taken_for_a_pasted_page() -> None:
    text = (
        "My husband has MS and a clinic in Cancun says their stem cells reverse MS and help people walk again. "
        "Is this real? We have been reading about it for weeks and do not know what to think."
    )
    assert not looks_like_clinic_text(text)


@pytest.mark.parametrize("key", KEYS)
def test_every_condition_claim_reads_plainly_and_cites_the_sources_file(key: str) -> None:
    claim = condition_claim(key)
    assert all(name.strip() in SOURCES for name in claim.sources.split(";"))
    assert reading_grade([claim.title, claim.fact, claim.ask]) <= MAX_GRADE
    assert not FORBIDDEN.search(f"{claim.fact} {claim.ask}")


FDA_LIKE = "".join(
    f"<li><a href='/vaccines-blood-biologics/{i}'>{name}</a></li>"
    for i, name in enumerate(
        [
            "ALLOCORD (HPC, Cord Blood)",
            "CASGEVY (exagamglogene autotemcel)",
            "CLEVECORD (HPC, Cord Blood)",
            "DUCORD (HPC, Cord Blood)",
            "ENCELTO (revakinagene taroretcel-lwey)",
            "HEMACORD (HPC, Cord Blood)",
            "HPC, Cord Blood - Bloodworks",
            "LANTIDRA (donislecel-jujn)",
            "LYFGENIA (lovotibeglogene autotemcel)",
            "MACI (autologous cultured chondrocytes on porcine collagen membrane)",
            "OMISIRGE (omidubicel-onlv)",
            "RYONCIL (remestemcel-L-rknd)",
            "ZYNTEGLO (betibeglogene autotemcel)",
            "NEWCELL® (newcel-abcd)",
        ]
    )
)


@pytest.fixture
def fake_fda() -> Iterator[str]:
    """A local page written like FDA's list (FDA itself is unreachable from here and from CI)."""
    pages = {
        "/list": f"<html><body><nav><a href='/'>Home</a></nav><main><ul>{FDA_LIKE}</ul></main></body></html>",
        "/login": "<html><body><a href='/'>Sign in</a></body></html>",
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "approved_products.yml"
    copy.write_bytes(approved.PATH.read_bytes())
    return copy


def test_refresh_offline_says_so_and_leaves_the_file_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    copy = _copy(tmp_path)
    with socket.socket() as probe:  # a port nothing listens on: connection refused, as offline
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/list"
    assert refresh_products.main(["--file", str(copy), "--url", closed, "--timeout", "3"]) == 1
    assert copy.read_bytes() == approved.PATH.read_bytes()
    out = capsys.readouterr().out
    assert "Could not reach FDA's list" in out and "Nothing was changed" in out and approved.checked() in out


def test_refresh_refuses_a_page_that_is_not_the_list(fake_fda: str, tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    assert refresh_products.main(["--file", str(copy), "--url", f"{fake_fda}/login"]) == 1
    assert refresh_products.main(["--file", str(copy), "--url", f"{fake_fda}/missing"]) == 1
    assert copy.read_bytes() == approved.PATH.read_bytes()


def test_refresh_online_dates_the_file_and_lists_new_products_for_review(
    fake_fda: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    copy = _copy(tmp_path)
    assert refresh_products.main(["--file", str(copy), "--url", f"{fake_fda}/list"]) == 0
    data = approved.load(copy)
    assert data["checked"] == dt.date.today().isoformat()
    assert data["fda_unreviewed"] == ["NEWCELL® (newcel-abcd)"]
    assert [p.product for p in data["products"]] == [p.product for p in approved.products()]  # rows kept
    assert copy.read_text(encoding="utf-8").startswith("# Approved cell-based products")  # comments kept
    out = capsys.readouterr().out
    assert "NEWCELL" in out and "not found on FDA's page" in out  # e.g. Zevaskyn is missing from the fake list
    # A second refresh replaces the review list instead of adding to it.
    assert refresh_products.main(["--file", str(copy), "--url", f"{fake_fda}/list"]) == 0
    assert approved.load.__wrapped__(copy)["fda_unreviewed"] == ["NEWCELL® (newcel-abcd)"]


def test_the_printed_report_lists_the_approved_products_and_the_chat_summary_gives_the_status(tmp_path: Path) -> None:
    clinic = ClinicCheck(Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate))
    clinic.start("u1", "Miami, FL")
    clinic.answer("u1", "clinic_name", "Clinica Sol", None, None)
    clinic.answer("u1", "condition", "my son has sickle cell disease", None, None)
    record = clinic.store.current("u1")
    assert record.values["condition"] == "sickle_cell"
    summary = chat_summary(record)
    assert "Sickle cell disease and thalassaemia: gene therapies made from a patient's own blood stem cells" in summary
    assert "Stem cell drips sold by clinics are not these treatments." in summary
    assert "Casgevy" in summary and "safe" not in summary.lower().replace("stemsafe", "")
    page = html_page(record)
    assert "<li>Casgevy (US, since Dec 2023): sickle cell disease (2023) and beta thalassaemia (2024)" in page
    assert "Status for sickle cell disease and thalassaemia: approved product." in page


# --- Spanish (issue 13) ------------------------------------------------------------------------------------
QUESTIONS_ES = {
    conditions.WORKS: "¿las células madre le ayudarían?",
    conditions.APPROVAL: "¿está aprobado por la FDA o COFEPRIS?",
    conditions.RISKS: "¿es seguro? ¿qué riesgos tiene?",
    conditions.INSTEAD: "¿qué otras opciones hay? ¿hay algún ensayo clínico?",
    conditions.CLAIMS: "la clínica dice que las células madre lo revierten",
}
# The Spanish counterpart of bot.knowledge.FORBIDDEN: never "safe", a guarantee, a recommendation or a cure.
FORBIDDEN_ES = re.compile(
    r"\b(segur[oa]s?|100 ?%|garantiz\w*|garantía|recomendamos|la mejor clínica|cura[rsn]?|curad[oa]s?)\b", re.I
)


@pytest.mark.parametrize("key", KEYS)
def test_every_card_has_spanish_for_every_line_it_has_in_english(key: str) -> None:
    card = CARDS[key]
    for name in conditions.ES_FIELDS:
        assert card.es.get(name), (key, name)
    for name in ("harms", "summary"):
        assert bool(card.es.get(name)) == bool(getattr(card, name)), (key, name)
    assert len(card.evidence_in("es")) == len(card.evidence)
    assert card.name_in("es") != card.name or card.name == "lupus"
    assert card.status_text("es").startswith(f"Células madre en {card.name_in('es')}: ")
    assert card.text("status_line", "es") != card.status_line


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("kind", sorted(QUESTIONS_ES))
def test_every_spanish_answer_keeps_the_sources_reads_plainly_and_never_says_seguro(key: str, kind: str) -> None:
    assert question_kind(QUESTIONS_ES[kind]) == kind
    text = answer(key, QUESTIONS_ES[kind], lang="es")
    english = answer(key, QUESTIONS[kind])
    lines = text.splitlines()
    body, source_line = lines[:-1], lines[-1]
    assert body[0].startswith(f"Células madre en {CARDS[key].name_in('es')}: {CARDS[key].status_label_in('es')}.")
    assert re.match(r"^Fuentes?: \S", source_line), source_line
    assert source_line.split(":", 1)[1] == english.splitlines()[-1].split(":", 1)[1], "the same source ids"
    assert len(body) == len(english.splitlines()) - 1
    assert spanish_ease(body) >= MIN_SPANISH_EASE, (spanish_ease(body), text)
    assert not FORBIDDEN_ES.search(text), FORBIDDEN_ES.search(text)
    assert not any(figure in text for figure in UNCONFIRMED)
    assert "Status for" not in text and "Sources:" not in text


def test_a_spanish_question_about_ms_gets_the_ms_card_in_spanish() -> None:
    text = answer("ms", "¿Las células madre sirven para la esclerosis múltiple de mi esposo?", lang="es")
    assert text.startswith("Células madre en esclerosis múltiple (EM): tratamiento estándar probado")
    assert "quimioterapia" in text and "neurólogo" in text and "144 personas" in text
    risks = answer("als", "¿Es peligroso?", lang="es")
    assert "2 murieron" in risks and "Ningún tratamiento está libre de riesgos" in risks
    instead = answer("stroke", "¿Qué puedo hacer en lugar de eso?", lang="es")
    assert 'ClinicalTrials.gov "ischemic stroke"' in instead and "señal de alerta" in instead
    assert "Fuentes:" in instead and "About ClinicalTrials.gov (NLM)" in instead


def test_the_spanish_report_lines_and_names() -> None:
    lines = report_lines("ms", "mexico", lang="es")
    assert lines[1].startswith("Células madre en esclerosis múltiple (EM)")
    assert any("COFEPRIS dijo en 2020" in line for line in lines)
    assert lines[-1].startswith("(Ficha de la enfermedad revisada") and "COFEPRIS 2020 statement" in lines[-1]
    assert report_lines(None, lang="es")[0].startswith("No tengo una ficha")
    assert conditions.display_name("stroke,tbi", lang="es").startswith("embolia o derrame cerebral / lesión cerebral")
    assert conditions.display_name("nothing", lang="es") == "esta enfermedad"
    assert CARDS["ms"].check_line_in("es").startswith("Esclerosis múltiple (EM): las inyecciones")
    assert CARDS["ms"].sources_line(lang="es").startswith("Fuentes: MIST trial 2019 (JAMA)")


def test_the_bench_finds_the_spanish_status_line_in_a_spanish_reply() -> None:
    from bench.conditions import states_status

    reply = [{"text": answer("autism", "¿funciona?", lang="es")}]
    assert states_status(reply, "autism", "es") and not states_status(reply, "autism", "en")
    assert states_status([{"text": answer("autism", "does it work?")}], "autism")


def test_a_mixed_status_says_the_approved_use_is_not_what_clinics_sell() -> None:
    """'Status for Parkinson's disease: approved product; in trials' read to an 82-year-old as 'so the Panama place is
    OK?' (exploratory session, 2026-12-02)."""
    from bot.conditions import load_cards

    cards = load_cards()
    assert (
        cards["parkinsons"]
        .status_text()
        .startswith("Status for Parkinson's disease: approved product (not the shots clinics sell); in trials.")
    )
    assert "no las inyecciones que venden las clínicas" in cards["parkinsons"].status_text("es")
    assert "not the shots" not in cards["sickle_cell"].status_text()  # an approved product alone is said plainly
