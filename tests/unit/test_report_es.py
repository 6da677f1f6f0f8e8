"""The clinic check's flags and report in Spanish (issue 13): every flag has Spanish words, a Spanish summary and
printable page keep the same flags as the English ones, and /report/<token>?lang=es serves the page in Spanish."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot import approved, conditions, flags, registry_flags, trials
from bot.countries import ABROAD, REGULATORS, display_name, regulator_lines, regulator_summary
from bot.places import COUNTRIES, EU, JAPAN, MEXICO, OTHER, US
from bot.report import asks_new_link, chat_summary, html_page, renewed
from bot.store import AssessmentRecord, FlagRecord, Store
from bot.web import make_app

# Words only an English sentence has; a Spanish text must contain none of them (names such as "ClinicalTrials.gov"
# and source ids such as "FDA consumer page 2021" are not checked: they are kept as they are).
_ENGLISH = re.compile(r"\b(?:the|was|were|is|are|not|which|with|without|ask|your|clinic's|shown)\b", re.I)
_SPANISH = re.compile(r"\b(?:la|el|de|del|los|las|que|no|se|le|una|un|para|por|su|con|es|en|lo|qué)\b", re.I)


def spanish(text: str) -> bool:
    """Mostly Spanish: Spanish function words, and no English ones once source ids are removed."""
    without_sources = re.sub(r"\((?:Sources|Fuentes): [^)]*\)|; (?:NEJM|CDC|FDA|PLoS)[^.;]*", "", text)
    return bool(_SPANISH.search(text)) and not _ENGLISH.search(without_sources)


def every_flag() -> list[FlagRecord]:
    """Every code the rules can raise (with its "not yet known" form), with and without each country."""
    records = []
    for code in flags.TEXTS:
        records.append(FlagRecord(code, "high"))
        records.append(FlagRecord(code + flags.UNKNOWN_SUFFIX, "medium"))
        records += [FlagRecord(code, "high", {"country": where}) for where in ABROAD]
    return records


@pytest.mark.parametrize("flag", every_flag(), ids=lambda f: f"{f.code}-{f.params.get('country', '')}")
def test_every_flag_code_has_spanish_words_and_says_where_to_verify(flag: FlagRecord) -> None:
    assert flag.code in flags.TEXTS_ES or flag.code.removesuffix(flags.UNKNOWN_SUFFIX) in flags.TEXTS_ES
    message, verify = flags.describe(flag, lang="es")
    english_message, english_verify = flags.describe(flag)
    assert message != english_message and verify != english_verify
    assert spanish(message), message
    assert spanish(verify) or "http" in verify, verify
    assert "{" not in message + verify
    if flag.code.endswith(flags.UNKNOWN_SUFFIX) and flag.code not in flags.TEXTS:
        assert message.startswith("Todavía no se sabe: ")
    # Never says a treatment is safe, nor that a number is genuine.
    assert not re.search(r"\bsegur[oa]s?\b|\bauténtic|\bválid[oa]\b|\bes legítim", message + verify, re.I)


def test_the_mexican_licence_flags_name_the_exact_documents_and_cofepris() -> None:
    aviso = flags.describe(FlagRecord("only_aviso", "high"), lang="es")
    title = flags.describe(FlagRecord("licence_title_unknown", "medium"), lang="es")
    licence = flags.describe(FlagRecord("facility_licence_missing_unknown", "medium"), lang="es")
    assert "Aviso de Funcionamiento" in aviso[0] and "gob.mx/cofepris" in aviso[1]
    assert "Licencia Sanitaria" in title[1] and "Aviso de Funcionamiento" in title[1]
    assert licence[0] == "Todavía no se sabe: si la clínica tiene Licencia Sanitaria de la COFEPRIS."


def test_stored_english_parameters_are_put_into_spanish() -> None:
    found = flags.evaluate(
        {
            "location": "mexico",
            "physician": "no",
            "route": "spinal,eye,nasal",
            "expanded": "yes",
            "cell_source": "donor_cord",
        }
    )
    words = {f.code: flags.describe(f, lang="es") for f in found}
    assert words["physician_licence_missing"][0] == "No se dio la cédula profesional del médico tratante."
    assert "cedulaprofesional.sep.gob.mx" in words["physician_licence_missing"][1]
    assert spanish(words["physician_licence_missing"][1])
    assert "en el canal de la columna" in words["high_risk_route"][0] and "en el ojo" in words["high_risk_route"][0]
    assert "por la nariz" in words["invasive_route"][0]
    assert "células de donante cultivadas" in words["expanded_cells_no_authorisation"][0]


def test_country_flags_name_the_countrys_regulator_in_spanish() -> None:
    bahamas = flags.describe(FlagRecord("regulator_unknown", "high", {"country": "bahamas"}), lang="es")
    japan = flags.describe(FlagRecord("filed_plan_not_approval", "low", {"country": JAPAN}), lang="es")
    panama = flags.describe(FlagRecord("regulator_unknown", "high", {"country": "panama"}), lang="es")
    assert "Comité Nacional de Ética de Células Madre" in bahamas[0]
    assert "no es una aprobación" in japan[0] and "saiseiiryo.mhlw.go.jp" in japan[1]
    assert "Ministerio de Salud de Panamá (MINSA)" in panama[0] and "MINSA" in panama[1]


def test_levels_in_spanish_and_the_lowest_is_not_a_pass() -> None:
    assert flags.level([FlagRecord("claims_cure", "high")], lang="es") == "Preocupaciones serias"
    assert flags.level([FlagRecord("price_changes", "medium")], lang="es") == "Algunas preocupaciones"
    lowest = flags.level([], lang="es")
    assert lowest.startswith("No verificado:") and lowest.endswith("no es una aprobación")
    assert flags.level([]) == flags.LEVELS[flags.UNVERIFIED]  # English stays the default


def test_country_names_and_regulator_lines_in_spanish() -> None:
    expected = {
        MEXICO: "México",
        US: "Estados Unidos",
        "panama": "Panamá",
        "colombia": "Colombia",
        "costa_rica": "Costa Rica",
        "bahamas": "Bahamas",
        "cayman": "Islas Caimán",
        JAPAN: "Japón",
        "thailand": "Tailandia",
        EU: "un país de la Unión Europea",
        OTHER: "otro país",
    }
    assert {code: display_name(code, lang="es") for code in COUNTRIES} == expected
    for code in COUNTRIES:
        lines = regulator_lines(code, lang="es")
        assert lines[0].startswith("Quién regula esto") and lines[1].startswith("Dónde verificarlo: ")
        assert lines[2] == f"(Fuentes: {REGULATORS[code].sources}.)"  # the same source ids as in English
        assert spanish(lines[1]), lines[1]
        assert regulator_summary(code, lang="es").startswith("Quién regula esto")
    assert display_name(MEXICO) == "Mexico" and regulator_lines(MEXICO)[0].startswith("Who regulates this in Mexico")


def test_approved_products_read_in_spanish_with_the_same_products_and_dates() -> None:
    lines = approved.approval_lines("gvhd", "EICH", lang="es")
    assert lines[0] == "Productos de células madre aprobados para EICH:"
    assert "- Ryoncil (EE. UU., desde dic 2024): " in lines[1] and "- Temcell (Japón, desde sep 2015): " in lines[2]
    assert "nunca cubre las células propias" in lines[-1]
    cord = approved.approval_lines("blood_cancers", "cánceres de la sangre", lang="es")
    assert any(
        line.startswith("- 9 unidades de sangre de cordón con licencia (EE. UU., de 2011 a 2024)") for line in cord
    )
    assert approved.summary("autism", "autismo", lang="es").startswith("En la lista de aprobaciones de StemSafe no hay")
    assert all(p.use_es for p in approved.products()), "every product's use has Spanish words"


def test_registry_findings_in_spanish() -> None:
    finding = trials.Finding(
        "registry_not_enrolling",
        "medium",
        {
            "nct": "NCT01234567",
            "link": "https://clinicaltrials.gov/study/NCT01234567",
            "title": "A trial",
            "status": "completed",
            "sponsor": "not given",
        },
    )
    message, verify = registry_flags.words(finding, lang="es")
    assert "aparece como terminado (completado)" in message and "no indicado" in verify
    assert registry_flags.words(finding)[0].startswith("On ClinicalTrials.gov")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.from_url(f"sqlite:///{tmp_path / 'r.db'}", flag_rules=flags.evaluate)


def worrying_record(store: Store, user: str = "es-user") -> AssessmentRecord:
    store.start(user)
    store.record_answer(user, "clinic_name", "Clínica <Sol>", "Clínica <Sol>", {"name": "Clínica <Sol>"})
    store.record_answer(user, "location", "Tijuana", "mexico", {"location": "Tijuana", "country": "mexico"})
    store.record_answer(user, "facility_licence", "solo el aviso", "aviso_only")
    store.record_answer(user, "claims", "dicen que cura", "cure")
    store.record_answer(user, "quote", "no", "no")
    record = store.record_answer(user, "coa", "no sé", "unknown")
    assert record is not None
    return record


def test_a_spanish_summary_is_spanish_and_keeps_the_same_flags(store: Store) -> None:
    record = worrying_record(store)
    english = chat_summary(record, "https://x/report/t")
    summary = chat_summary(record, "https://x/report/t", lang="es")
    assert summary.startswith(
        "Revisión de la clínica: Clínica \\<Sol\\> (Tijuana)\nResultado general: Preocupaciones serias."
    )
    assert "Lo que noté:" in summary and "Reporte para imprimir: https://x/report/t" in summary
    assert "- [grave] Solo se mostró un Aviso de Funcionamiento" in summary
    assert "- [media] " in summary and "Cómo verificarlo: " in summary
    assert "Quién regula esto en México: la COFEPRIS" in summary
    assert "StemSafe no ha verificado nada de esto" in summary and "su propio médico" in summary
    assert "Overall:" not in summary and "Verify:" not in summary
    # The same flags, in the same order, in both languages.
    assert summary.count("\n- [") == english.count("\n- [") == min(len(record.flags), 6)
    severities = re.findall(r"^- \[(\w+)\]", english, re.M)
    assert [{"high": "grave", "medium": "media", "low": "baja"}[s] for s in severities] == re.findall(
        r"^- \[(\w+)\]", summary, re.M
    )
    assert english.startswith("Clinic check: Clínica \\<Sol\\> (Tijuana)\nOverall: Serious concerns.")


def test_the_printable_page_in_spanish_and_in_english(store: Store) -> None:
    record = worrying_record(store)
    page = html_page(record, lang="es")
    assert (
        "<html lang='es'>" in page
        and "<title>Revisión de la clínica de StemSafe: Clínica &lt;Sol&gt; (Tijuana)</title>" in page
    )
    for heading in (
        "Señales de alerta graves",
        "Preocupaciones",
        "Qué está aprobado para este padecimiento",
        "Quién regula esto y dónde verificarlo",
        "Qué preguntar después",
        "Lo que le dijo la clínica",
    ):
        assert f">{heading}</h2>" in page
    assert "Resultado general: Preocupaciones serias" in page and "Imprimir o guardar como PDF" in page
    assert "Todavía no se sabe el padecimiento" in page and "todavía no se sabe" not in page.split("Lo que le dijo")[0]
    assert page.count("Cómo verificarlo: ") == len(record.flags)
    assert "<script>alert" not in page and "Clínica <Sol>" not in page
    english = html_page(record)
    assert "<html lang='en'>" in english and "Serious red flags" in english and "Señales" not in english
    assert english.count("How to verify: ") == len(record.flags)


def test_report_route_serves_spanish_only_for_lang_es(store: Store) -> None:
    record = worrying_record(store, "web-es")

    async def scenario() -> None:
        async with TestClient(TestServer(make_app(store))) as client:
            url = f"/report/{record.report_token}"
            spanish_page = await client.get(url, params={"lang": "es"})
            body = await spanish_page.text()
            assert spanish_page.status == 200 and "<html lang='es'>" in body and "Preocupaciones serias" in body
            assert spanish_page.headers["Content-Security-Policy"].startswith("default-src 'none'")
            for params in ({}, {"lang": "fr"}, {"lang": "<es>"}):
                english = await (await client.get(url, params=params)).text()
                assert "<html lang='en'>" in english and "Serious concerns" in english
            missing = await client.get("/report/guessed-token", params={"lang": "es"})
            assert missing.status == 404 and "no existe" in await missing.text()

    asyncio.run(scenario())


def test_new_link_requests_and_the_renewed_line_in_spanish() -> None:
    assert asks_new_link("¿me puede mandar un enlace nuevo?") and asks_new_link("el link ya no sirve")
    assert asks_new_link("my link expired") and not asks_new_link("¿qué es un ensayo clínico?")
    assert renewed(lang="es").startswith("Aquí tiene un enlace nuevo") and renewed().startswith("Here is a new link")


def test_the_condition_named_in_an_approval_flag_is_shown_with_the_cards_spanish_name() -> None:
    flag = FlagRecord("approval_claim_unsupported", "high", {"condition": conditions.display_name("autism")})
    message = flags.describe(flag, lang="es")[0]
    assert message.endswith(f"para {conditions.load_cards()['autism'].name_in('es')}.")
    assert flags.describe(FlagRecord("approval_claim_unsupported", "high"), lang="es")[0].endswith("este padecimiento.")


def test_the_questions_still_to_ask_and_the_answers_table_are_in_the_reports_language(store: Store) -> None:
    record = worrying_record(store, "es-questions")
    page = html_page(record, lang="es")
    to_ask = page.split(">Qué preguntar después</h2>")[1].split("</ul>")[0]
    table = page.split(">Lo que le dijo la clínica</h2>")[1]
    assert "<li>¿" in to_ask and "What " not in to_ask
    assert "certificado de análisis" in table and "certificate of analysis" not in table
    assert "dicen que cura" in table  # what the person typed is shown as typed
    english = html_page(record)
    assert "certificate of analysis" in english.split(">What the clinic told you</h2>")[1]


def test_the_page_check_form_and_its_result_follow_lang_es(store: Store) -> None:
    async def scenario() -> None:
        async with TestClient(TestServer(make_app(store))) as client:
            form = await (await client.get("/check-page", params={"lang": "es"})).text()
            assert "<html lang='es'>" in form
            assert "<html lang='en'>" in await (await client.get("/check-page")).text()
            posted = await client.post("/check-page", data={"text": "Open 9 to 5.", "lang": "es"})
            assert "<html lang='es'>" in await posted.text()
            english = await client.post("/check-page", data={"text": "Open 9 to 5."})
            assert "<html lang='en'>" in await english.text()

    asyncio.run(scenario())
