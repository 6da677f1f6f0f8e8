"""Flags from looking up a clinic's ClinicalTrials.gov number at the source (issue 18 §4).

The lookup runs in the action (stores/registry.py, asynchronous); bot/trials.py turns the record into
findings, and the clinic check stores them as the answer of a question nobody is asked,
``registry_lookup`` (raw text: the numbers looked up; value: the findings as JSON). `flags` reads them back
as flags (codes with parameters, put into words by bot/flags.describe with `TEXTS`), so they are kept with
the other flags and shown in the chat summary and the printable report. A lookup that could not run is
the flag ``registry_unchecked``: "not checked", never a pass.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from bot import conditions, trials
from bot.language import normalise as normalise_lang
from bot.language import pick
from bot.store import FlagRecord
from bot.text import normalise

LOOKUP_ANSWER = "registry_lookup"  # the stored pseudo-answer; never asked, never shown as an answer
SEVERITIES = ("high", "medium", "low")
_NOT_CONDITION = {
    "with",
    "from",
    "have",
    "has",
    "their",
    "they",
    "treat",
    "treatment",
    "stem",
    "cells",
    "disease",
    "husband",
    "wife",
    "mother",
    "father",
    "son",
    "daughter",
    "mom",
    "mum",
    "dad",
    "the",
    "that",
}
_LISTING = "A listing is entered by the sponsor; it is not an approval and does not show a treatment works."
_SEE = "See the record yourself: {link}"

# code -> (what it means, how to verify)
TEXTS: dict[str, tuple[str, str]] = {
    "registry_not_found": (
        "ClinicalTrials.gov has no study with the number {nct} the clinic gave.",
        "Ask the clinic where the study is registered and check the number again at {link}.",
    ),
    "registry_bad_number": (
        "ClinicalTrials.gov says {nct} is not a study number in its format.",
        "Ask the clinic for the exact NCT number (NCT and 8 digits) and look it up at " + "{link}.",
    ),
    "registry_unchecked": (
        "I could not check {nct} at ClinicalTrials.gov just now, so it is not checked: this is not a pass.",
        "Look it up yourself: {link} (status, sponsor, sites and condition). " + _LISTING,
    ),
    "registry_withdrawn": (
        "On ClinicalTrials.gov, {nct} ('{title}') is withdrawn: it stopped before enrolling its first "
        "participant (last update {updated}; reason: {why}). A clinic treating patients under it is not running "
        "that study.",
        _SEE + " " + _LISTING,
    ),
    "registry_terminated": (
        "On ClinicalTrials.gov, {nct} ('{title}') is terminated: it stopped early and is not enrolling "
        "(last update {updated}; reason: {why}).",
        _SEE,
    ),
    "registry_suspended": (
        "On ClinicalTrials.gov, {nct} ('{title}') is suspended: it has stopped for now and may not enrol anyone "
        "(last update {updated}; reason: {why}).",
        _SEE,
    ),
    "registry_status_unknown": (
        "On ClinicalTrials.gov, the status of {nct} ('{title}') is unknown: its sponsor has not confirmed it for "
        "over 2 years (last update {updated}).",
        _SEE + " Ask the sponsor ({sponsor}) whether the study is still running.",
    ),
    "registry_not_enrolling": (
        "On ClinicalTrials.gov, {nct} ('{title}') is listed as {status}: it is not taking new patients, so a place "
        "offered now is not in that study.",
        _SEE + " Ask the sponsor ({sponsor}) directly.",
    ),
    "registry_observational": (
        "On ClinicalTrials.gov, {nct} ('{title}') is {kind}: it records what is done to patients, it does not "
        "test whether a treatment works. It is not a treatment trial.",
        _SEE + " " + _LISTING,
    ),
    "registry_patient_funded": (
        "The record of {nct} ('{title}') says participants pay or fund the study themselves: pay-to-participate "
        "studies are a warning sign.",
        _SEE + " Ask who pays for the study (Turner 2017).",
    ),
    "registry_site_not_listed": (
        "The clinic is not among the sites listed for {nct} ('{title}'): {sites}.",
        _SEE + " Ask the sponsor ({sponsor}) whether this clinic is one of its sites.",
    ),
    "registry_condition_mismatch": (
        "{nct} ('{title}') studies {conditions}, not {condition}.",
        _SEE + " Ask the clinic why it gives this number for your condition.",
    ),
    "registry_listed": (
        "{nct} is on ClinicalTrials.gov: '{title}', {status}, sponsor {sponsor}.",
        _SEE + " " + _LISTING + " Ask the sponsor whether this clinic is a site and whether you would pay.",
    ),
}

_LISTING_ES = (
    "Quien registra el estudio es su patrocinador; el registro no es una aprobación y no demuestra que un "
    "tratamiento funcione."
)
_SEE_ES = "Revise el registro usted mismo: {link}"
TEXTS_ES: dict[str, tuple[str, str]] = {
    "registry_not_found": (
        "ClinicalTrials.gov no tiene ningún estudio con el número {nct} que dio la clínica.",
        "Pregunte a la clínica dónde está registrado el estudio y vuelva a buscar el número en {link}.",
    ),
    "registry_bad_number": (
        "ClinicalTrials.gov dice que {nct} no tiene el formato de un número de estudio.",
        "Pida a la clínica el número NCT exacto (NCT y 8 dígitos) y búsquelo en {link}.",
    ),
    "registry_unchecked": (
        "No pude revisar {nct} en ClinicalTrials.gov en este momento, así que no está verificado: esto no es una "
        "aprobación.",
        "Búsquelo usted mismo: {link} (estado, patrocinador, sitios y padecimiento). " + _LISTING_ES,
    ),
    "registry_withdrawn": (
        "En ClinicalTrials.gov, {nct} ('{title}') está retirado: se detuvo antes de inscribir a su primer "
        "participante (última actualización {updated}; motivo: {why}). Una clínica que trata pacientes con ese "
        "número no está haciendo ese estudio.",
        _SEE_ES + " " + _LISTING_ES,
    ),
    "registry_terminated": (
        "En ClinicalTrials.gov, {nct} ('{title}') está terminado: se detuvo antes de tiempo y no está inscribiendo "
        "pacientes (última actualización {updated}; motivo: {why}).",
        _SEE_ES,
    ),
    "registry_suspended": (
        "En ClinicalTrials.gov, {nct} ('{title}') está suspendido: se detuvo por ahora y no puede inscribir a "
        "nadie (última actualización {updated}; motivo: {why}).",
        _SEE_ES,
    ),
    "registry_status_unknown": (
        "En ClinicalTrials.gov, el estado de {nct} ('{title}') es desconocido: su patrocinador no lo ha "
        "confirmado en más de 2 años (última actualización {updated}).",
        _SEE_ES + " Pregunte al patrocinador ({sponsor}) si el estudio sigue en curso.",
    ),
    "registry_not_enrolling": (
        "En ClinicalTrials.gov, {nct} ('{title}') aparece como {status}: no está aceptando pacientes nuevos, así "
        "que un lugar que le ofrezcan ahora no es parte de ese estudio.",
        _SEE_ES + " Pregunte directamente al patrocinador ({sponsor}).",
    ),
    "registry_observational": (
        "En ClinicalTrials.gov, {nct} ('{title}') es {kind}: registra lo que se hace a los pacientes, no prueba si "
        "un tratamiento funciona. No es un ensayo de tratamiento.",
        _SEE_ES + " " + _LISTING_ES,
    ),
    "registry_patient_funded": (
        "El registro de {nct} ('{title}') dice que los participantes pagan o financian el estudio: los estudios en "
        "los que el paciente paga por participar son una señal de alerta.",
        _SEE_ES + " Pregunte quién paga el estudio (Turner 2017).",
    ),
    "registry_site_not_listed": (
        "La clínica no está entre los sitios registrados de {nct} ('{title}'): {sites}.",
        _SEE_ES + " Pregunte al patrocinador ({sponsor}) si esta clínica es uno de sus sitios.",
    ),
    "registry_condition_mismatch": (
        "{nct} ('{title}') estudia {conditions}, no {condition}.",
        _SEE_ES + " Pregunte a la clínica por qué le da este número para su padecimiento.",
    ),
    "registry_listed": (
        "{nct} está en ClinicalTrials.gov: '{title}', {status}, patrocinador: {sponsor}.",
        _SEE_ES
        + " "
        + _LISTING_ES
        + " Pregunte al patrocinador si esta clínica es uno de sus sitios y si usted tendría que pagar.",
    ),
}

# Words for parameters a stored flag lacks (bot/flags.describe reads any stored flag, whatever its params).
DEFAULT_PARAMS = {
    "nct": "the study number",
    "link": "https://clinicaltrials.gov",
    "title": "its title",
    "status": "not known",
    "sponsor": "not given",
    "updated": "not given",
    "why": "no reason given",
    "kind": "not a treatment trial",
    "sites": "not known",
    "conditions": "another condition",
}
DEFAULT_PARAMS_ES = {
    "nct": "el número del estudio",
    "link": "https://clinicaltrials.gov",
    "title": "su título",
    "status": "sin dato",
    "sponsor": "no indicado",
    "updated": "no indicada",
    "why": "sin motivo indicado",
    "kind": "algo que no es un ensayo de tratamiento",
    "sites": "sin dato",
    "conditions": "otro padecimiento",
}
# Stored findings keep the English words bot/trials.py wrote; these are the Spanish ones for those it writes.
_VALUES_ES: dict[str, dict[str, str]] = {
    "status": {
        "recruiting": "reclutando pacientes",
        "not yet recruiting": "todavía sin reclutar",
        "enrolling by invitation": "inscribiendo solo por invitación",
        "active, not recruiting": "activo, sin reclutar",
        "completed": "terminado (completado)",
        "suspended": "suspendido",
        "terminated": "terminado antes de tiempo",
        "withdrawn": "retirado",
        "status unknown": "estado desconocido",
        "withheld": "información retenida",
        "expanded access available": "acceso ampliado disponible",
        "expanded access no longer available": "acceso ampliado ya no disponible",
        "expanded access temporarily not available": "acceso ampliado no disponible por ahora",
        "approved for marketing": "aprobado para su venta",
        "no status given": "sin estado indicado",
    },
    "kind": {
        "a patient registry": "un registro de pacientes",
        "an observational study": "un estudio observacional",
        "not a treatment trial": "algo que no es un ensayo de tratamiento",
    },
    "sponsor": {"not given": "no indicado"},
    "updated": {"not given": "no indicada"},
    "why": {"no reason given": "sin motivo indicado"},
    "title": {"(no title)": "(sin título)"},
    "sites": {"no sites at all": "ningún sitio"},
    "conditions": {"none given": "ninguno indicado"},
    "condition": {"your condition": "su padecimiento"},
}
_RED_FLAG = {"en": "Red flag: ", "es": "Señal de alerta: "}


def spanish_params(params: Mapping[str, str]) -> dict[str, str]:
    """A finding's stored parameters with the English words bot/trials.py wrote put into Spanish."""
    return {key: _VALUES_ES.get(key, {}).get(value, value) for key, value in params.items()}


def flags(values: Mapping[str, str]) -> list[FlagRecord]:
    """The flags of the stored lookup, if any (a malformed stored value gives none)."""
    raw = values.get(LOOKUP_ANSWER)
    if not raw:
        return []
    try:
        items = json.loads(raw)
    except ValueError:
        return []
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("code") in TEXTS and item.get("severity") in SEVERITIES:
            params = {str(k): str(v) for k, v in (item.get("params") or {}).items()}
            out.append(FlagRecord(code=str(item["code"]), severity=str(item["severity"]), params=params))
    return out


def claim_for(answers: Mapping[str, tuple[str, str]]) -> trials.Claim:
    """What the patient was told, from the check's answers so far (question id -> (raw text, value)):
    the clinic's name, the place as typed, and the condition's words (its entry's words, or the typed ones)."""
    clinic = answers.get("clinic_name", ("", ""))[0]
    place = answers.get("location", ("", ""))[0]
    raw, value = answers.get("condition", ("", ""))
    cards = [card for card in (conditions.card(key) for key in conditions.keys_of(value)) if card is not None]
    if cards:
        words: tuple[str, ...] = tuple(w for card in cards for w in (card.name, card.trial, *card.words) if w)
        name: str | None = conditions.display_name(value)
    else:
        words = tuple(w for w in re.findall(r"[a-z]+", normalise(raw)) if len(w) > 3 and w not in _NOT_CONDITION)
        name = raw.strip() or None
    return trials.Claim(clinic=clinic or None, place=place or None, condition_words=words, condition_name=name)


def words(finding: trials.Finding, lang: str = "en") -> tuple[str, str]:
    """(what it means, how to verify) for one finding, as bot/flags.describe words the stored flag."""
    if normalise_lang(lang) == "es":
        message, verify = TEXTS_ES[finding.code]
        params = {**DEFAULT_PARAMS_ES, **spanish_params(finding.params)}
    else:
        message, verify = TEXTS[finding.code]
        params = dict(finding.params)
    return message.format_map(params), verify.format_map(params)


def lookup_answer(
    lookups: list[trials.Lookup], answers: Mapping[str, tuple[str, str]], lang: str = "en"
) -> tuple[str, str, list[str]]:
    """The stored answer for these lookups (raw: the numbers; value: the findings as JSON) and the chat lines."""
    claim = claim_for(answers)
    findings = [finding for lookup in lookups for finding in trials.assess(lookup, claim)]
    lines = []
    for finding in findings:
        message, verify = words(finding, lang=lang)
        lead = pick(_RED_FLAG, lang) if finding.severity == "high" else ""
        lines.append(f"{lead}{message} {verify}")
    return ", ".join(lookup.nct_id for lookup in lookups), trials.encode(findings), lines


def page_lines(lookups: list[trials.Lookup], lang: str = "en") -> list[str]:
    """What the registry shows for the numbers in a pasted page (no clinic answers to compare with)."""
    return lookup_answer(lookups, {}, lang=lang)[2] if lookups else []
