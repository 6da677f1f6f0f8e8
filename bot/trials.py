"""ClinicalTrials.gov (API v2) as StemSafe reads it: the search query, the parsed studies, and what a looked-up
study means for a clinic's claim. Pure: no I/O (the HTTP client is stores/registry.py; actions call both).

Shapes and values follow ../shared/content/registries.md §1 (OpenAPI 2.0.5): a study is
``protocolSection.{identificationModule, statusModule, sponsorCollaboratorsModule, conditionsModule,
designModule, contactsLocationsModule, descriptionModule}``; a search answers ``{"studies": [...],
"nextPageToken", "totalCount"}``; a single study answers 200 (JSON), 404 (plain text "NCT number … not
found"), 400 (plain text, bad format) or 301 (an old alias: the study's ``nctIdAliases`` lists it).

What a record can show is a warning sign at most, never approval: a listing is entered by the sponsor.
A lookup that could not run (network, timeout, an unexpected answer) is its own outcome, ``UNAVAILABLE``,
and gives a "not checked" finding: it never counts as a pass. "Not found" is said only for a 404 whose
body names the number (registries.md §7: any other 404 is an endpoint fault).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any
from urllib.parse import quote, urlencode

from bot.language import pick
from bot.text import normalise

SITE = "https://clinicaltrials.gov"
MAX_STUDIES = 5
MAX_LOOKUPS = 3  # NCT numbers looked up from one answer or one pasted page
_NCT_IN_TEXT = re.compile(r"\bNCT\s?-?\s?(\d{8})(?!\d)", re.I)
_STRICT = re.compile(r"^NCT\d{8}$")

HIGH, MEDIUM, LOW = "high", "medium", "low"

# Countries as ClinicalTrials.gov spells them in `locations[].country`, from words a patient types.
COUNTRIES = {
    "United States": (
        "united states",
        "usa",
        "u.s.",
        "us",
        "america",
        "the states",
        "estados unidos",
        "eeuu",
        "ee. uu.",
        "ee.uu.",
        "eua",
        "e.u.a.",
    ),
    "Mexico": ("mexico", "tijuana", "cancun", "guadalajara", "monterrey", "los cabos", "cdmx"),
    "Canada": ("canada",),
    "United Kingdom": ("united kingdom", "uk", "england", "scotland", "wales", "britain", "reino unido", "inglaterra"),
    "Panama": ("panama",),
    "Colombia": ("colombia", "bogota", "medellin"),
    "Costa Rica": ("costa rica",),
    "Bahamas": ("bahamas", "nassau"),
    "Cayman Islands": ("cayman", "grand cayman", "islas caiman"),
    "Japan": ("japan", "tokyo", "osaka", "japon", "tokio"),
    "Thailand": ("thailand", "bangkok", "tailandia"),
    "Spain": ("spain", "espana", "madrid", "barcelona"),
    "Germany": ("germany", "alemania"),
    "France": ("france", "francia"),
    "Italy": ("italy", "italia"),
    "Australia": ("australia",),
    "India": ("india",),
    "China": ("china",),
    "Argentina": ("argentina",),
    "Brazil": ("brazil", "brasil"),
    "Chile": ("chile",),
    "Peru": ("peru",),
}
PLACE_CODES = {"us": "United States", "mexico": "Mexico"}  # bot/places.py's codes
# The registry's country names as a Spanish reply shows them (others are the same in both languages).
COUNTRY_ES = {
    "United States": "Estados Unidos",
    "Mexico": "México",
    "Canada": "Canadá",
    "United Kingdom": "Reino Unido",
    "Panama": "Panamá",
    "Cayman Islands": "Islas Caimán",
    "Japan": "Japón",
    "Thailand": "Tailandia",
    "Spain": "España",
    "Germany": "Alemania",
    "France": "Francia",
    "Italy": "Italia",
    "Brazil": "Brasil",
}

STATUS_WORDS = {
    "RECRUITING": "recruiting",
    "NOT_YET_RECRUITING": "not yet recruiting",
    "ENROLLING_BY_INVITATION": "enrolling by invitation",
    "ACTIVE_NOT_RECRUITING": "active, not recruiting",
    "COMPLETED": "completed",
    "SUSPENDED": "suspended",
    "TERMINATED": "terminated",
    "WITHDRAWN": "withdrawn",
    "UNKNOWN": "status unknown",
    "WITHHELD": "withheld",
    "AVAILABLE": "expanded access available",
    "NO_LONGER_AVAILABLE": "expanded access no longer available",
    "TEMPORARILY_NOT_AVAILABLE": "expanded access temporarily not available",
    "APPROVED_FOR_MARKETING": "approved for marketing",
}
STATUS_WORDS_ES = {
    "RECRUITING": "reclutando participantes",
    "NOT_YET_RECRUITING": "aún no recluta",
    "ENROLLING_BY_INVITATION": "inscripción solo por invitación",
    "ACTIVE_NOT_RECRUITING": "activo, sin reclutar",
    "COMPLETED": "terminado",
    "SUSPENDED": "suspendido",
    "TERMINATED": "detenido antes de tiempo",
    "WITHDRAWN": "retirado",
    "UNKNOWN": "estado desconocido",
    "WITHHELD": "información retenida",
    "AVAILABLE": "acceso ampliado disponible",
    "NO_LONGER_AVAILABLE": "acceso ampliado ya no disponible",
    "TEMPORARILY_NOT_AVAILABLE": "acceso ampliado no disponible por ahora",
    "APPROVED_FOR_MARKETING": "aprobado para su venta",
}
PHASE_WORDS_ES = {
    "EARLY_PHASE1": "fase 1 temprana",
    "PHASE1": "fase 1",
    "PHASE2": "fase 2",
    "PHASE3": "fase 3",
    "PHASE4": "fase 4",
    "NA": "sin fase (no es un ensayo de medicamento)",
}
PHASE_WORDS = {
    "EARLY_PHASE1": "early phase 1",
    "PHASE1": "phase 1",
    "PHASE2": "phase 2",
    "PHASE3": "phase 3",
    "PHASE4": "phase 4",
    "NA": "no phase (not a drug trial)",
}
_FUNDING_WORDS = (
    "patient-funded",
    "patient funded",
    "self-funded",
    "self funded",
    "patient-sponsored",
    "patient sponsored",
    "participants pay",
    "patients pay",
    "participation fee",
    "study fee",
)


# --- numbers and links ----------------------------------------------------------------------------------
def nct_numbers_in(text: str | None, limit: int = MAX_LOOKUPS) -> list[str]:
    """NCT numbers ("NCT" + 8 digits, any case, "NCT 0123…" too) in a text, in order, each once."""
    found = [f"NCT{m.group(1)}" for m in _NCT_IN_TEXT.finditer(text or "")]
    return list(dict.fromkeys(found))[:limit]


def valid_nct(value: str | None) -> str | None:
    """The number in the strict form NCT + 8 digits (trimmed, upper-cased), or None."""
    compact = re.sub(r"[\s-]", "", (value or "").strip().upper())
    return compact if _STRICT.match(compact) else None


def study_link(nct_id: str) -> str:
    return f"{SITE}/study/{quote(nct_id)}"


def search_link(condition: str | None, country: str | None = None) -> str:
    """The registry's own search page for recruiting interventional studies (the fallback when offline)."""
    params = {"cond": condition or "", "aggFilters": "status:rec,studyType:int"}
    if country:
        params["country"] = country
    return f"{SITE}/search?{urlencode(params, safe=':,')}"


# --- the search query -----------------------------------------------------------------------------------
def clean_term(text: str | None) -> str:
    """Free text made safe for a `query.*` Essie expression: letters, digits, spaces, apostrophes and hyphens
    only, lower case (so AND / OR / NOT become ordinary words and no clause can be injected), at most 80."""
    kept = re.sub(r"[^\w\s'-]", " ", text or "").replace("_", " ")
    return " ".join(kept.lower().split())[:80]


def search_term(term: str | None, text: str | None = None) -> str:
    """What to search for: a condition card's registry words (its ``trial`` line), else the patient's words."""
    return clean_term(term or text)


def country_in(text: str | None) -> str | None:
    """The country named in a message, as the registry spells it ("in Cancún" -> Mexico), or None."""
    lowered = normalise(text or "")
    if "new mexico" in lowered:
        return "United States"
    for country, words in COUNTRIES.items():
        for word in words:
            if word in ("us",):  # "us" is also a pronoun: only "the US" / "in the US" counts
                if re.search(r"\b(?:the|in)\s+u\.?s\.?\b", lowered):
                    return country
                continue
            if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", lowered):
                return country
    return None


def search_params(term: str, country: str | None = None, page_size: int = MAX_STUDIES) -> dict[str, str]:
    """`GET /studies` parameters: the condition, recruiting, interventional, in the country if given.

    Interventional is an Essie clause on a fixed field with a fixed value; the country goes in `query.locn`
    (a country name from `COUNTRIES`, never the patient's text); the condition is `clean_term`-ed."""
    params = {
        "query.cond": clean_term(term),
        "filter.overallStatus": "RECRUITING",
        "filter.advanced": "AREA[StudyType]INTERVENTIONAL",
        "pageSize": str(page_size),
        "countTotal": "true",
    }
    if country:
        params["query.locn"] = country
    return params


# --- parsed records -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Site:
    facility: str
    city: str
    state: str
    country: str

    def label(self) -> str:
        return ", ".join(part for part in (self.facility, self.city, self.state, self.country) if part)


@dataclass(frozen=True)
class Study:
    """The parts of a ClinicalTrials.gov record StemSafe uses."""

    nct_id: str
    title: str
    status: str
    study_type: str
    phases: tuple[str, ...] = ()
    sponsor: str = ""
    sponsor_class: str = ""
    patient_registry: bool = False
    conditions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    sites: tuple[Site, ...] = ()
    aliases: tuple[str, ...] = ()
    why_stopped: str = ""
    last_update: str = ""
    summary: str = ""

    @property
    def link(self) -> str:
        return study_link(self.nct_id)

    @property
    def status_words(self) -> str:
        return self.status_in()

    def status_in(self, lang: str = "en") -> str:
        """The recruitment status in plain words, in ``lang``."""
        words = pick({"en": STATUS_WORDS, "es": STATUS_WORDS_ES}, lang)
        missing = pick({"en": "no status given", "es": "sin estado indicado"}, lang)
        return words.get(self.status, self.status.replace("_", " ").lower() or missing)

    @property
    def phase_words(self) -> str:
        return self.phase_in()

    def phase_in(self, lang: str = "en") -> str:
        """The phase(s) in plain words, in ``lang``."""
        if not self.phases:
            return pick({"en": "phase not given", "es": "fase no indicada"}, lang)
        words = pick({"en": PHASE_WORDS, "es": PHASE_WORDS_ES}, lang)
        return " / ".join(words.get(p, p.lower()) for p in self.phases)

    def place(self, country: str | None = None, lang: str = "en") -> str:
        """Where it runs: the first site (in `country` if given) and how many more."""
        sites = [s for s in self.sites if not country or s.country == country] or list(self.sites)
        if not sites:
            return pick({"en": "no sites listed", "es": "no indica sedes"}, lang)
        more = len(self.sites) - 1
        if more <= 0:
            return sites[0].label()
        if lang == "es":
            return sites[0].label() + f" (y {more} sede{'s' if more > 1 else ''} más)"
        return sites[0].label() + f" (and {more} more site{'s' if more > 1 else ''})"


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value if isinstance(v, (str, int, float))) if isinstance(value, list) else ()


def parse_study(data: Any) -> Study:
    """A study from one record of the API (a single-study answer or an item of `studies`).

    Raises ValueError when the record has no `protocolSection.identificationModule.nctId`."""
    protocol = _get(data, "protocolSection")
    nct_id = _get(protocol, "identificationModule", "nctId")
    if not isinstance(nct_id, str) or not nct_id:
        raise ValueError("not a study record: no nctId")
    status = _get(protocol, "statusModule") or {}
    design = _get(protocol, "designModule") or {}
    sites = []
    for location in _get(protocol, "contactsLocationsModule", "locations") or []:
        if isinstance(location, Mapping):
            sites.append(Site(*(str(location.get(k) or "") for k in ("facility", "city", "state", "country"))))
    summary = " ".join(
        str(_get(protocol, *path) or "")
        for path in (
            ("descriptionModule", "briefSummary"),
            ("descriptionModule", "detailedDescription"),
            ("eligibilityModule", "eligibilityCriteria"),
        )
    )
    return Study(
        nct_id=nct_id,
        title=str(
            _get(protocol, "identificationModule", "briefTitle")
            or _get(protocol, "identificationModule", "officialTitle")
            or ""
        ),
        status=str(status.get("overallStatus") or "") if isinstance(status, Mapping) else "",
        study_type=str(design.get("studyType") or "") if isinstance(design, Mapping) else "",
        phases=_strings(_get(design, "phases")),
        sponsor=str(_get(protocol, "sponsorCollaboratorsModule", "leadSponsor", "name") or ""),
        sponsor_class=str(_get(protocol, "sponsorCollaboratorsModule", "leadSponsor", "class") or ""),
        patient_registry=_get(design, "patientRegistry") is True,
        conditions=_strings(_get(protocol, "conditionsModule", "conditions")),
        keywords=_strings(_get(protocol, "conditionsModule", "keywords")),
        sites=tuple(sites),
        aliases=_strings(_get(protocol, "identificationModule", "nctIdAliases")),
        why_stopped=str(_get(status, "whyStopped") or ""),
        last_update=str(_get(status, "lastUpdatePostDateStruct", "date") or ""),
        summary=summary.strip(),
    )


@dataclass(frozen=True)
class Search:
    """A search's outcome: up to `MAX_STUDIES` studies, the registry's total, or `ok=False` (could not run)."""

    ok: bool
    studies: tuple[Study, ...] = ()
    total: int | None = None


def parse_search(data: Any, limit: int = MAX_STUDIES) -> Search:
    """At most `limit` studies from a `GET /studies` answer; a malformed answer is a search that did not run."""
    items = _get(data, "studies")
    if not isinstance(items, list):
        return Search(ok=False)
    studies = []
    for item in items:
        try:
            studies.append(parse_study(item))
        except ValueError:
            continue
        if len(studies) == limit:
            break
    total = _get(data, "totalCount")
    return Search(ok=True, studies=tuple(studies), total=total if isinstance(total, int) else None)


# --- one number looked up -------------------------------------------------------------------------------
class Outcome(str, Enum):
    FOUND = "found"
    NOT_FOUND = "not_found"  # a 404 whose body names the number
    BAD_NUMBER = "bad_number"  # the registry says the number has the wrong format (400)
    UNAVAILABLE = "unavailable"  # no answer, a timeout, a server error or an answer of an unexpected shape


@dataclass(frozen=True)
class Lookup:
    nct_id: str
    outcome: Outcome
    study: Study | None = None
    detail: str = ""

    @property
    def moved_from(self) -> str | None:
        """The number asked for, when the registry answered with the study it is now an alias of (301)."""
        if self.study is not None and self.study.nct_id != self.nct_id:
            return self.nct_id
        return None


def read_lookup(nct_id: str, status: int, body: str) -> Lookup:
    """What one `GET /studies/{nctId}` answer (after any redirect) says. Error bodies are plain text: the
    body is read as JSON only for a 200, and a study is accepted only if it is the one asked for (or lists
    it among its aliases)."""
    if status == 200:
        try:
            study = parse_study(json.loads(body))
        except (ValueError, TypeError):
            return Lookup(nct_id, Outcome.UNAVAILABLE, detail="the registry's answer was not a study record")
        if study.nct_id.upper() != nct_id.upper() and nct_id.upper() not in {a.upper() for a in study.aliases}:
            return Lookup(
                nct_id, Outcome.UNAVAILABLE, detail=f"the registry answered with another study ({study.nct_id})"
            )
        return Lookup(nct_id, Outcome.FOUND, study)
    if status == 404 and nct_id.upper() in (body or "").upper() and "not found" in (body or "").lower():
        return Lookup(nct_id, Outcome.NOT_FOUND)
    if status == 400:
        return Lookup(nct_id, Outcome.BAD_NUMBER, detail=(body or "").strip()[:120])
    return Lookup(nct_id, Outcome.UNAVAILABLE, detail=f"HTTP {status}")


def unavailable(nct_id: str, detail: str) -> Lookup:
    return Lookup(nct_id, Outcome.UNAVAILABLE, detail=detail)


# --- a looked-up study against what the clinic said -----------------------------------------------------
@dataclass(frozen=True)
class Claim:
    """What the patient was told: the clinic's name, its place, the condition (a condition key or words)."""

    clinic: str | None = None
    place: str | None = None
    condition_words: tuple[str, ...] = ()
    condition_name: str | None = None


@dataclass(frozen=True)
class Finding:
    """One thing the registry shows, stored as a flag: a code, a severity and the words' parameters."""

    code: str
    severity: str
    params: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "params": dict(self.params)}


_STOP = {
    "the",
    "of",
    "and",
    "a",
    "an",
    "at",
    "in",
    "for",
    "de",
    "la",
    "el",
    "del",
    "los",
    "las",
    "y",
    "clinic",
    "clinica",
    "center",
    "centre",
    "centro",
    "hospital",
    "medical",
    "institute",
    "instituto",
    "study",
    "trial",
    "stem",
    "cell",
    "cells",
    "health",
    "university",
    "inc",
    "llc",
    "s",
    "it",
    "its",
    "is",
    "run",
    "by",
}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", normalise(text)) if len(w) > 2 and w not in _STOP}


def site_listed(study: Study, claim: Claim) -> bool | None:
    """Whether the clinic is among the study's sites: the same city, or a facility named like the clinic.
    None when the patient gave neither a clinic name nor a place (nothing to compare)."""
    clinic_words = _words(claim.clinic or "")
    place = normalise(claim.place or "")
    if not clinic_words and not place:
        return None
    for site in study.sites:
        city = normalise(site.city)
        if city and place and re.search(rf"(?<![a-z]){re.escape(city)}(?![a-z])", place):
            return True
        facility = _words(site.facility)
        if facility and clinic_words and (facility <= clinic_words or len(facility & clinic_words) >= 2):
            return True
    return False


def condition_matches(study: Study, claim: Claim) -> bool | None:
    """Whether the study is about the condition the clinic would treat (None: no condition to compare)."""
    words = [normalise(w) for w in claim.condition_words if w and len(w) > 1]
    if not words:
        return None
    text = normalise(" ".join((*study.conditions, *study.keywords, study.title)))
    return any(re.search(rf"(?<![a-z]){re.escape(w)}", text) for w in words)


_STOPPED = {
    "WITHDRAWN": ("registry_withdrawn", HIGH),
    "TERMINATED": ("registry_terminated", HIGH),
    "SUSPENDED": ("registry_suspended", HIGH),
    "UNKNOWN": ("registry_status_unknown", MEDIUM),
}
_NOT_ENROLLING = {"COMPLETED", "ACTIVE_NOT_RECRUITING", "NO_LONGER_AVAILABLE", "APPROVED_FOR_MARKETING", "WITHHELD"}


def assess(lookup: Lookup, claim: Claim) -> list[Finding]:
    """The findings for one number: each with what was found and the link. Never a pass: a study that shows
    no warning sign still gets `registry_listed` ("a listing is not an approval")."""
    nct = lookup.nct_id
    base = {"nct": nct, "link": study_link(nct)}
    if lookup.outcome == Outcome.UNAVAILABLE:
        return [Finding("registry_unchecked", MEDIUM, base)]
    if lookup.outcome == Outcome.NOT_FOUND:
        return [Finding("registry_not_found", HIGH, {**base, "link": search_link(None)})]
    if lookup.outcome == Outcome.BAD_NUMBER:
        return [Finding("registry_bad_number", MEDIUM, base)]
    study = lookup.study
    assert study is not None
    params = {
        **base,
        "link": study.link,
        "title": study.title[:160] or "(no title)",
        "status": study.status_words,
        "sponsor": study.sponsor or "not given",
        "updated": study.last_update or "not given",
    }
    if lookup.moved_from:
        params["alias"] = f"{nct} is an old number of {study.nct_id}"
    findings: list[Finding] = []
    if study.status in _STOPPED:
        code, severity = _STOPPED[study.status]
        findings.append(Finding(code, severity, {**params, "why": study.why_stopped or "no reason given"}))
    elif study.status in _NOT_ENROLLING:
        findings.append(Finding("registry_not_enrolling", MEDIUM, params))
    if study.study_type == "OBSERVATIONAL" or study.patient_registry:
        kind = "a patient registry" if study.patient_registry else "an observational study"
        findings.append(Finding("registry_observational", HIGH, {**params, "kind": kind}))
    summary = normalise(study.summary)
    if any(word in summary for word in _FUNDING_WORDS):
        findings.append(Finding("registry_patient_funded", HIGH, params))
    listed = site_listed(study, claim)
    if listed is False:
        sites = "; ".join(s.label() for s in study.sites[:3]) or "no sites at all"
        findings.append(Finding("registry_site_not_listed", MEDIUM, {**params, "sites": sites}))
    matches = condition_matches(study, claim)
    if matches is False:
        conditions = ", ".join(study.conditions[:4]) or "none given"
        findings.append(
            Finding(
                "registry_condition_mismatch",
                MEDIUM,
                {**params, "conditions": conditions, "condition": claim.condition_name or "your condition"},
            )
        )
    if not findings:
        findings.append(Finding("registry_listed", LOW, params))
    return findings


def encode(findings: Sequence[Finding]) -> str:
    """Findings as stored (JSON), to be read back by bot/registry_flags.py."""
    return json.dumps([f.as_dict() for f in findings], sort_keys=True, ensure_ascii=False)


# --- what the patient is told ---------------------------------------------------------------------------
NOT_ENDORSEMENTS = {
    "en": "A listing is not an endorsement: sponsors enter their own details, and I have not checked these "
    "studies. If a study asks you to pay to take part, treat that as a warning sign. Ask your own doctor whether "
    "one could fit you.",
    "es": "Estar en la lista no es una recomendación: cada patrocinador escribe sus propios datos, y yo no he "
    "revisado estos estudios. Si un estudio le pide pagar por participar, tómelo como una señal de alerta. "
    "Pregunte a su propio médico si alguno podría ser para usted.",
}
NOT_ENDORSEMENT = NOT_ENDORSEMENTS["en"]
SOURCES = {
    "en": "Source: ClinicalTrials.gov (US National Library of Medicine).",
    "es": "Fuente: ClinicalTrials.gov (US National Library of Medicine).",
}
SOURCE = SOURCES["en"]
_MARKDOWN = re.compile(r"([\\\[\]<>`])")  # no link or HTML can form without them
_CONDITION_AFTER = re.compile(
    r"\b(?:for|with|on|about)\s+(?:(?:my|his|her|our|their|a|an|the)\s+)?(?:[a-z]{1,30}'s\s+)?([a-z][a-z' -]{2,60}?)"
    r"(?=\s+(?:in|near|around|close|that|which|who|right|please|trials?|studies|study)\b|[?.!,]|$)",
    re.I,
)
_CONDITION_AFTER_ES = re.compile(
    r"\b(?:para|sobre|contra)\s+(?:(?:mi|su|sus|nuestro|nuestra|el|la|los|las|un|una)\s+)?"
    r"([a-záéíóúñü][a-záéíóúñü' -]{2,60}?)"
    r"(?=\s+(?:en|cerca|que|por\s+favor|ensayos?|estudios?)\b|[?.!,]|$)",
    re.I,
)
_NOT_A_CONDITION = {
    "me",
    "trial",
    "trials",
    "study",
    "studies",
    "a trial",
    "a study",
    "my condition",
    "my disease",
    "condition",
    "disease",
    "my illness",
    "illness",
    "patients",
    "stem cells",
    "stem cell",
    "mi",
    "ensayo",
    "ensayos",
    "estudio",
    "estudios",
    "mi enfermedad",
    "mi padecimiento",
    "enfermedad",
    "padecimiento",
    "pacientes",
    "participar",
    "células madre",
    "celulas madre",
    "mi caso",
}


def shown(text: str) -> str:
    """Registry or patient text in a chat message: Markdown's link and HTML characters escaped."""
    return _MARKDOWN.sub(r"\\\1", text)


def condition_text(text: str | None) -> str | None:
    """The condition in a request when no known one is named ("trials for lupus in Canada" -> "lupus")."""
    for pattern in (_CONDITION_AFTER, _CONDITION_AFTER_ES):
        for match in pattern.finditer(text or ""):
            words = match.group(1).strip(" '-").lower()
            if words and words not in _NOT_A_CONDITION and not words.startswith(_NOT_STARTS):
                return words
    return None


_NOT_STARTS = ("stem cell", "a trial", "células madre", "celulas madre", "un ensayo", "participar")


def country_shown(country: str, lang: str = "en") -> str:
    """A registry country name as a reply in ``lang`` shows it."""
    return COUNTRY_ES.get(country, country) if lang == "es" else country


def search_reply(search: Search, name: str, country: str | None, link: str, lang: str = "en") -> str:
    """At most five studies (title, phase, status, sponsor, place, link), the not-an-endorsement line and the
    pay-to-take-part warning; or, with none, the registry's own search link."""
    if lang == "es":
        return _search_reply_es(search, name, country, link)
    where = f" in {country}" if country else ""
    if not search.studies:
        return (
            f"I found no recruiting treatment studies for {shown(name)}{where} on ClinicalTrials.gov just now. "
            f"You can search it yourself, with other words or places: {link}\n{NOT_ENDORSEMENT}\n{SOURCE}"
        )
    of = f" (of {search.total} listed)" if search.total and search.total > len(search.studies) else ""
    lines = [f"Recruiting treatment studies for {shown(name)}{where} on ClinicalTrials.gov, {len(search.studies)}{of}:"]
    for number, study in enumerate(search.studies[:MAX_STUDIES], 1):
        lines.append(
            f"{number}. {shown(study.title)}: {study.phase_words}, {study.status_words}. "
            f"Sponsor: {shown(study.sponsor or 'not given')}. Where: {shown(study.place(country))}. {study.link}"
        )
    lines.append(f"More results: {link}")
    lines += [NOT_ENDORSEMENT, SOURCE]
    return "\n".join(lines)


def _search_reply_es(search: Search, name: str, country: str | None, link: str) -> str:
    """``search_reply`` in Spanish (study titles stay as the registry wrote them, in English)."""
    where = f" en {country_shown(country, 'es')}" if country else ""
    tail = f"{NOT_ENDORSEMENTS['es']}\n{SOURCES['es']}"
    if not search.studies:
        return (
            f"No encontré en este momento estudios de tratamiento que estén reclutando para {shown(name)}{where} "
            f"en ClinicalTrials.gov. Puede buscar usted mismo, con otras palabras o lugares: {link}\n{tail}"
        )
    of = f" (de {search.total} en la lista)" if search.total and search.total > len(search.studies) else ""
    lines = [
        f"Estudios de tratamiento que reclutan para {shown(name)}{where} en ClinicalTrials.gov, "
        f"{len(search.studies)}{of} (los títulos están en inglés, como los publica el registro):"
    ]
    for number, study in enumerate(search.studies[:MAX_STUDIES], 1):
        lines.append(
            f"{number}. {shown(study.title)}: {study.phase_in('es')}, {study.status_in('es')}. "
            f"Patrocinador: {shown(study.sponsor or 'no indicado')}. Dónde: {shown(study.place(country, 'es'))}. "
            f"{study.link}"
        )
    lines.append(f"Más resultados: {link}")
    lines.append(tail)
    return "\n".join(lines)


def offline_reply(name: str, country: str | None, link: str, lang: str = "en") -> str:
    """The registry could not be reached: its own search link for this condition, instead of failing."""
    if lang == "es":
        where = f" en {country_shown(country, 'es')}" if country else ""
        return (
            f"No pude conectarme con ClinicalTrials.gov en este momento. Puede buscar usted mismo estudios de "
            f"tratamiento que estén reclutando para {shown(name)}{where} aquí: {link}\n"
            f"{NOT_ENDORSEMENTS['es']}\n{SOURCES['es']}"
        )
    where = f" in {country}" if country else ""
    return (
        f"I couldn't reach ClinicalTrials.gov just now. You can search it yourself for recruiting treatment "
        f"studies for {shown(name)}{where} here: {link}\n{NOT_ENDORSEMENT}\n{SOURCE}"
    )


NO_CONDITIONS = {
    "en": "Tell me the condition, and the country if you like, and I'll look for recruiting studies on "
    'ClinicalTrials.gov: for example "trials for multiple sclerosis in Mexico".',
    "es": "Dígame la enfermedad, y el país si quiere, y buscaré estudios que estén reclutando en "
    'ClinicalTrials.gov. Por ejemplo: "ensayos para esclerosis múltiple en México".',
}
NO_CONDITION = NO_CONDITIONS["en"]


def no_condition(lang: str = "en") -> str:
    """The invitation to name a condition for the trial search, in ``lang``."""
    return pick(NO_CONDITIONS, lang)
