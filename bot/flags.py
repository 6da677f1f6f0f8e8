"""Vetting rules: turn a clinic's answers into missing-credential flags and red flags.

Each rule reads the normalised answers (question id -> value, see bot/questions.py) and may raise one
flag with a code, a severity (high / medium / low), a one-line reason, and how to verify. "I don't
know" and skipped answers become "ask this" flags of lower severity: missing information is itself
worth knowing. Sources for every rule: ../shared/content/facts.md part 3 (ISSCR, FDA, NMDP, CDC,
COFEPRIS, SEP).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.credentials import VERIFY, Kind
from bot.questions import MEXICO, NO, NOT_GIVEN_VALUES, OTHER, US, YES, applicable, country
from bot.store import FlagRecord

HIGH, MEDIUM, LOW = "high", "medium", "low"
SEVERITY_ORDER = {HIGH: 0, MEDIUM: 1, LOW: 2}
NOT_GIVEN = NOT_GIVEN_VALUES


def _flag(code: str, severity: str, message: str, verify: str) -> FlagRecord:
    return FlagRecord(code=code, severity=severity, message=message, how_to_verify=verify)


def _physician(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    answer = v.get("physician")
    kind = Kind.CEDULA if where == MEXICO else Kind.US_LICENSE
    if answer in (NO, "name_only") or answer in NOT_GIVEN:
        what = "cédula profesional" if where == MEXICO else "medical licence number"
        severity = HIGH if answer == NO else MEDIUM
        return [
            _flag("physician_licence_missing", severity, f"No {what} for the treating doctor was given.", VERIFY[kind])
        ]
    return []


def _facility(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    answer = v.get("facility_licence")
    if answer is None:
        return []
    if where == MEXICO:
        if answer == "aviso_only":
            return [
                _flag(
                    "only_aviso",
                    HIGH,
                    "Only a notice of operation (aviso) was given: it is filed without "
                    "inspection and does not show COFEPRIS authorised a cell therapy.",
                    VERIFY[Kind.COFEPRIS],
                )
            ]
        if answer in (NO, "claims_approval_no_number", "fda_registered_only") or answer in NOT_GIVEN:
            return [
                _flag(
                    "facility_licence_missing",
                    HIGH,
                    "No COFEPRIS licencia sanitaria number for the clinic was given.",
                    VERIFY[Kind.COFEPRIS],
                )
            ]
        if answer == YES:  # "they have a licence", but no number that anyone could look up
            return [
                _flag(
                    "facility_licence_number_missing",
                    MEDIUM,
                    "A licence was mentioned but no licencia sanitaria number was given; without the number "
                    "it cannot be checked.",
                    VERIFY[Kind.COFEPRIS],
                )
            ]
        return []
    if where == US:
        if answer == "fda_registered_only":
            return [
                _flag(
                    "fda_registered_not_approved",
                    HIGH,
                    "'Registered with FDA' was offered as if it were approval; registration is not approval.",
                    VERIFY[Kind.IND],
                )
            ]
        if answer != "ind_or_nct":
            return [
                _flag(
                    "no_ind_or_approval",
                    HIGH,
                    "No IND or trial number was given for a treatment that is not FDA-approved for this use.",
                    VERIFY[Kind.IND],
                )
            ]
        return []
    if answer in (NO, "claims_approval_no_number") or answer in NOT_GIVEN:
        return [
            _flag(
                "regulator_unknown",
                HIGH,
                "No regulator's authorisation for this treatment was shown.",
                "Ask the national health regulator of that country whether the clinic and this treatment "
                "are authorised (FDA advises asking the local regulator).",
            )
        ]
    return []


def _yes_required(code: str, question: str, severity: str, missing_msg: str, verify: str):
    def rule(v: Mapping[str, str], where: str) -> list[FlagRecord]:
        answer = v.get(question)
        if answer == NO or answer == "other":
            return [_flag(code, severity, missing_msg, verify)]
        if answer in NOT_GIVEN:
            lower = MEDIUM if severity == HIGH else LOW
            return [
                _flag(f"{code}_unknown", lower, f"Not yet known: {missing_msg[0].lower()}{missing_msg[1:]}", verify)
            ]
        return []

    return rule


def _cells(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    source = v.get("cell_source")
    flags = []
    if source in ("unknown_origin",) or source in NOT_GIVEN:
        flags.append(
            _flag(
                "cells_unknown_origin",
                HIGH,
                "The origin of the cells is not documented.",
                "Ask in writing which cells, from whom, made by which lab; ISSCR lists undocumented "
                "cell sources as a warning sign.",
            )
        )
    if source == "embryonic":
        flags.append(
            _flag(
                "embryonic_fetal_cells",
                HIGH,
                "Embryonic or fetal cells were offered: donor-derived tumours have been reported after such cells.",
                "Ask your own doctor; see PLoS Med 2009.",
            )
        )
    if source == "exosomes":
        flags.append(
            _flag(
                "exosome_product",
                MEDIUM,
                "Exosome products are unapproved; FDA has warned of serious adverse events with them.",
                "FDA public safety alert on stem cell and exosome products.",
            )
        )
    return flags


def _lab(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    answer = v.get("lab")
    if answer in NOT_GIVEN or answer in (NO, "no"):
        return [
            _flag(
                "lab_unknown",
                MEDIUM,
                "The lab that processes the cells and its licences are unknown.",
                "Ask for the lab's name and its licence (COFEPRIS in Mexico; FDA registration in the US), "
                "then check it with the regulator.",
            )
        ]
    return []


def _route(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    route = v.get("route")
    in_trial = v.get("facility_licence") == "ind_or_nct" and v.get("ethics_review") == YES
    if route in ("spinal", "eye") and not in_trial:
        where_text = "into the spinal canal" if route == "spinal" else "into the eye"
        return [
            _flag(
                "high_risk_route",
                HIGH,
                f"Injection {where_text} outside a regulated trial: blindness, "
                "meningitis and spinal growths have been reported.",
                "Discuss with an independent specialist; NEJM 2017, CDC MMWR 2024, NEJM 2016.",
            )
        ]
    if route == "joint":
        return [
            _flag(
                "joint_without_imaging",
                LOW,
                "Joint injection without imaging guidance.",
                "Ask whether ultrasound or X-ray guidance is used.",
            )
        ]
    return []


def _setting(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    if v.get("setting") == "hotel_office":
        return [
            _flag(
                "non_medical_setting",
                HIGH,
                "The procedure would happen outside a medical facility.",
                "Ask for the facility's licence; procedures need a sterile setting with emergency care.",
            )
        ]
    return []


_CLAIMS = {
    "cure": ("claims_cure", HIGH, "The clinic promised a cure or guaranteed results."),
    "many_diseases": ("claims_many_diseases", HIGH, "The same cells are offered for many unrelated diseases."),
    "testimonials": ("claims_testimonials", MEDIUM, "The evidence offered is patient testimonials."),
    "no_risk": ("claims_no_risk", HIGH, "The clinic said there is no risk."),
}
_SALES = {
    "deposit_first": ("deposit_before_evaluation", MEDIUM, "A deposit is asked before any medical evaluation."),
    "pressure": ("pressure_to_book", MEDIUM, "There is pressure to book quickly."),
    "price_changed": ("price_changes", MEDIUM, "The price has changed."),
}


def _multi(question: str, table: dict[str, tuple[str, str, str]], verify: str):
    def rule(v: Mapping[str, str], where: str) -> list[FlagRecord]:
        codes = set((v.get(question) or "").split(","))
        return [_flag(code, sev, msg, verify) for key, (code, sev, msg) in table.items() if key in codes]

    return rule


def _quote(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    answer = v.get("quote")
    if answer == NO:
        return [
            _flag(
                "no_itemised_quote",
                MEDIUM,
                "No itemised written quote.",
                "Ask for a written, itemised quote including follow-up and treatment of complications.",
            )
        ]
    if answer in NOT_GIVEN:
        return [
            _flag(
                "no_itemised_quote_unknown",
                LOW,
                "Not yet known whether there is an itemised written quote.",
                "Ask for a written, itemised quote.",
            )
        ]
    return []


RULES = (
    _physician,
    _facility,
    _yes_required(
        "no_ad_notice",
        "ad_notice",
        LOW,
        "No COFEPRIS advertising notice number on the clinic's ads.",
        VERIFY[Kind.COFEPRIS],
    ),
    _cells,
    _lab,
    _yes_required(
        "no_certificate_of_analysis",
        "coa",
        HIGH,
        "No certificate of analysis for the batch of cells.",
        "Ask for the batch's test report: sterility, endotoxin, cell count and viability, identity.",
    ),
    _yes_required(
        "donor_not_screened",
        "donor_screening",
        HIGH,
        "No explanation of how the donor was screened.",
        "Ask for the donor screening and testing records.",
    ),
    _yes_required(
        "no_ethics_review",
        "ethics_review",
        HIGH,
        "No ethics committee (IRB) reviewed the protocol.",
        "Ask which committee approved it and when the approval expires (ISSCR).",
    ),
    _yes_required(
        "no_consent_form",
        "consent_form",
        HIGH,
        "No written consent form listing the risks.",
        "Ask for the consent form before paying; read it with your own doctor.",
    ),
    _route,
    _setting,
    _multi(
        "claims", _CLAIMS, "ISSCR and NMDP list these claims as warning signs; ask for published controlled trials."
    ),
    _multi("sales", _SALES, "Ask for an itemised written quote and refund terms; do not pay before an evaluation."),
    _quote,
    _yes_required(
        "no_medical_evaluation",
        "medical_evaluation",
        HIGH,
        "No medical evaluation before treatment.",
        "Ask who reviews your records and examines you, and share them with your own doctor.",
    ),
    _yes_required(
        "no_follow_up_plan",
        "follow_up",
        MEDIUM,
        "No written follow-up plan or plan for complications.",
        "Ask who treats complications after you return home, and tell your own doctor.",
    ),
    _yes_required(
        "no_outcome_data",
        "outcome_data",
        MEDIUM,
        "No published results or outcome data were offered.",
        "Ask for peer-reviewed, controlled results for your condition.",
    ),
)


def evaluate(values: Mapping[str, str]) -> list[FlagRecord]:
    """All flags the answers raise, most severe first (only questions that apply are considered)."""
    where = country(values) or OTHER
    relevant = {q.id for q in applicable(values)}
    scoped = {k: v for k, v in values.items() if k in relevant}
    flags = [flag for rule in RULES for flag in rule(scoped, where)]
    unique = {f.code: f for f in flags}
    return sorted(unique.values(), key=lambda f: (SEVERITY_ORDER[f.severity], f.code))


def level(flags: list[FlagRecord]) -> str:
    """Overall level for the report; never 'safe'."""
    severities = {f.severity for f in flags}
    if HIGH in severities:
        return "Serious concerns"
    if MEDIUM in severities:
        return "Some concerns"
    return "No red flags reported — still verify every claim yourself"
