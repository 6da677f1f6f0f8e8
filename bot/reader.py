"""Reads a typed answer for the question asked: yes, no, don't know, refused, skipped, a value (several where
the question allows: cells, routes, claims), or not an answer to this question at all (None: ask back).

Case and accents never matter. Words are matched whole (a plural "s" allowed) and a word after a negation
("they did NOT promise a cure") does not count. Strong signs that belong to another question ("they want a
deposit" typed at the claims question) are returned beside the reading so the check can record them there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.conditions import OTHER_CONDITION, condition_of, conditions_named
from bot.countries import ABROAD
from bot.places import BAHAMAS, CAYMAN, COLOMBIA, EU, JAPAN, MEXICO, OTHER, US, ambiguity, country_of
from bot.questions import (
    BY_ID,
    NO,
    NOT_ANSWERED,
    REFUSED,
    SKIPPED,
    UNKNOWN,
    YES,
    Option,
    Question,
)
from bot.text import normalise


@dataclass
class Reading:
    """What one message says for the question asked (value None: not an answer to it) and for others."""

    value: str | None
    others: dict[str, str] = field(default_factory=dict)


# --- words ------------------------------------------------------------------------------------------------
_SKIP = re.compile(
    r"^(please )?(skip|skip (it|this|this one|that|that one|this question|the question)|pass|next( question)?|"
    r"rather not say|prefer not to say|move on|go on|leave it|leave it blank)\W*$"
)
_UNKNOWN = re.compile(
    r"\b(i )?(do ?n[o']?t|dunno|don'?t|do not|didn'?t|did not) (know|remember|recall)\b|\bnot sure\b|\bno idea\b|"
    r"\bunknown\b|\bidk\b|\bunsure\b|\bno se\b|\bhaven'?t asked\b|\bdidn'?t ask\b|\bnot yet\b|"
    r"\bcan'?t remember\b|\bforgot\b|\bno clue\b|\bi'?ll (have to )?(ask|check)\b|\bneed to ask\b|"
    r"\b(not|never|wasn'?t|weren'?t) (been )?mentioned\b|\b(didn'?t|did not|don'?t|doesn'?t) (mention|say)\b|"
    r"\bnot stated\b|\b(didn'?t|did not) (catch|get|write down|note)\b|\bnot that i know\b"
)
_REFUSED = re.compile(
    r"\b(refused|refuse|refuses|declined|wouldn'?t (say|tell|give|show|share|name)|won'?t (say|tell|give|show|share|"
    r"name)|will not (say|tell|give|show|share|name)|would not (say|tell|give|show|share|name)|didn'?t want to "
    r"(say|tell|give|show|share)|not allowed to (say|tell|share)|can'?t (say|tell|share) (us|me)|proprietary|"
    r"confidential|trade secret|it'?s a secret|they keep it secret|no comment)\b"
)
_LEAD_NO = re.compile(r"^(no|nope|nah|n|not really|never|none|nothing|negative|no way)\b")
_LEAD_YES = re.compile(
    r"^(yes|yeah|yea|yep|yup|ya|y|sure|correct|right|of course|definitely|absolutely|si|affirmative)\b"
)
_NO = re.compile(
    r"\b(didn'?t|did not|don'?t|do not|doesn'?t|does not|won'?t|will not|haven'?t|have not|hasn'?t|has not|"
    r"wasn'?t|was not|weren'?t|were not|isn'?t|is not|aren'?t|are not|never|nobody|no one|couldn'?t|"
    r"could not|wouldn'?t|would not|can'?t|cannot|without)\b|\b(said|says|say|told me|answered) no\b|"
    r"\bno (form|consent|paper|plan|certificate|evaluation|exam|screening|committee|irb|results|data|quote|"
    r"document|number|notice|licen[cs]e|authori[sz]ation|follow)\w*"
)
_YES = re.compile(
    r"^(yes|yeah|yea|yep|yup|ya|y|sure|correct|right|of course|definitely|absolutely|si|affirmative|ok|okay)\b|"
    r"\b(they|he|she|it|the clinic|the doctor) (did|do|does|has|have|will|would|had|showed|gave|sent|explained|"
    r"promised|said yes|offer|offered|provide|provided)\b|\b(i|we) (got|have|had|signed|received|saw|was given)\b"
)
_NEGATORS = re.compile(
    r"\b(no|not|never|without|nor|didn'?t|don'?t|doesn'?t|isn'?t|wasn'?t|won'?t|aren'?t|weren'?t|neither|"
    r"hardly)\b|n't\b"
)
_NUMBER = re.compile(r"\d{4,}")
_YES_WORDS = {
    "coa": ("certificate", "coa", "lab report", "test report", "test results"),
    "consent_form": ("signed", "consent form", "form", "paperwork", "document"),
    "donor_screening": ("tested", "screened", "screening", "test", "tests"),
    "ethics_review": ("irb", "ethics committee", "ethics board", "review board", "approved by", "comite de etica",
                      "committee"),
    "follow_up": ("plan", "follow-up", "follow up", "check-in", "check in", "call me", "calls"),
    "medical_evaluation": ("exam", "examine", "examined", "in person", "review my records", "physical", "consultation"),
    "ad_notice": ("aviso de publicidad", "advertising notice", "permiso de publicidad", "publicidad"),
    "protocol_authorised": ("authorised", "authorized", "autorizado", "autorizacion", "approved protocol", "permiso"),
    "expanded": ("expanded", "expand", "cultured", "culture", "grown", "grow", "cultivated", "multiplied",
                 "millions of cells", "culture-expanded", "passaged"),
}  # fmt: skip
_IN_PERSON = ("in person", "examine", "examined", "exam", "physical", "see me", "visit", "consultation at")
_PAID_STUDY = re.compile(
    r"\b(pay|pays|paid|paying|cost|costs|charge|charged|charges|fee|fees)\b[^.?!]{0,40}\b(join|take part|"
    r"participate|enrol|enroll|study|trial|program|programme)\b|\b(join|enrol|enroll|take part)\b[^.?!]{0,30}\b"
    r"(costs?|fee|pay|paid|\$\s?\d)"
)
# Strong signs of another question's answer, recorded there too (never from the clinic's name or place).
_CROSS = {
    "sales": ("deposit_first", "pressure"),
    "claims": (
        "cure", "no_rejection", "immune_privileged", "universally_safe", "no_risk", "no_side_effects", "fever_healing",
    ),
    "route": ("spinal", "eye", "brain", "iv", "nasal"),
    "study_payment": ("paid_study",),
    "expanded": (YES,),
}  # fmt: skip
_STRICT_ROUTE = {
    "spinal": ("intrathecal", "intrathecally", "lumbar puncture", "spinal tap", "into the spine", "into his spine",
               "into her spine", "into my spine", "into the spinal fluid", "spinal injection", "spinal injections"),
    "eye": ("intravitreal", "into the eye", "into my eye", "into his eye", "into her eye", "into both eyes",
            "into the eyes", "in both eyes", "in the eye", "in my eye", "in his eye", "in her eye", "eye injection"),
    "brain": ("into the brain", "into his brain", "into her brain", "into my brain", "intracerebral",
              "brain injection"),
    "iv": ("iv", "i.v", "intravenous", "intravenously", "drip", "infusion", "infusions"),
    "nasal": ("nasal spray", "intranasal", "up his nose", "up her nose", "up my nose", "in the nose"),
}  # fmt: skip
_CURE = re.compile(r"\b(stop|stops|halt|halts|reverse|reverses|cure|cures)\b[^.?!]{0,25}\bprogression\b")
_NOT_AUTHORISED = re.compile(
    r"\b(not a (clinical )?trial|not a study|(a )?regular treatment|just a treatment|(do|does)(n'?t| not) need "
    r"(any |fda )?approval|no need for (fda )?approval|not regulated by (the )?fda|exempt from (the )?fda)\b"
)
_NOT_ITEMISED = (
    "lump sum",
    "no breakdown",
    "not itemised",
    "not itemized",
    "no itemised",
    "no itemized",
    "just a total",
    "only a total",
    "verbal",
    "no written",
    "not in writing",
    "only verbally",
    "nothing itemised",
    "nothing itemized",
    "not itemised",
)
# Nothing to pay: a quote of 0 ("there is no cost to me", "the sponsor pays", "covered by my social security").
_NO_COST = re.compile(
    r"\b(no cost|no charge|free of charge|it'?s free|is free|costs? nothing|nothing to pay|don'?t (have to )?pay|"
    r"(sponsor|study|trial|insurance|social security|the hospital) (pays|covers)|covered by (my |the )?"
    r"(insurance|social security|the sponsor|the study|the trial|imss|issste))\b"
)
_NOT_CROSS_SOURCES = ("clinic_name", "location", "physician")
_STRICT_EXPANDED = ("expanded", "culture-expanded", "cultured", "grown in a lab", "grown in their lab",
                    "grown in the lab", "expanded in their lab", "cultivated", "multiplied in the lab")  # fmt: skip


@lru_cache(maxsize=4096)
def _pattern(word: str) -> re.Pattern[str]:
    tail = r"(?:s|es)?(?![a-z])" if word[-1:].isalpha() else ""
    return re.compile(rf"(?<![a-z]){re.escape(word)}{tail}")


def _found(word: str, text: str) -> bool:
    """`word` occurs in `text` (normalised) and is not negated by one of the three words before it."""
    for match in _pattern(word).finditer(text):
        before = " ".join(text[: match.start()].split()[-3:])
        if not _NEGATORS.search(before):
            return True
    return False


def _any(words: tuple[str, ...], text: str) -> bool:
    return any(_found(w, text) for w in words)


def _options(options: tuple[Option, ...], text: str) -> list[str]:
    lowered = text
    return [o.code for o in options if lowered == normalise(o.title) or _any(o.keywords, lowered)]


def yes_no(text: str) -> str | None:
    """yes / no from a normalised answer: its first word, else negation first ("they didn't" is no)."""
    if _LEAD_NO.search(text):
        return NO
    if _LEAD_YES.search(text):
        return YES
    if _NO.search(text):
        return NO
    if _YES.search(text):
        return YES
    return None


def parse_number(text: str) -> str | None:
    match = re.search(r"(\d{1,3}(?:[,\s]\d{3})+|\d+(?:\.\d+)?)\s*(k\b|thousand)?", text, re.I)
    if not match:
        return None
    number = float(re.sub(r"[,\s]", "", match.group(1)))
    if match.group(2):
        number *= 1000
    return f"{number:.0f}"


def _looks_like_question(text: str) -> bool:
    return text.rstrip().endswith("?")


# --- one reader per kind of question ----------------------------------------------------------------------
def _read_location(text: str, raw: str) -> str | None:
    place = country_of(raw)
    if place:
        return place
    if ambiguity(raw):
        return None  # "San José": Costa Rica or California? The check asks.
    if yes_no(text) or _looks_like_question(text) or not re.search(r"[a-z]{3,}", text):
        return None
    if any(_any(words, text) for words in _STRICT_ROUTE.values()):
        return None  # "IV drip" is not a place
    return OTHER


def _read_physician(text: str, raw: str) -> str | None:
    if _NUMBER.search(raw):
        return "number"
    if re.match(r"^(no|none|nope|nobody|no one)\b", text) or re.search(r"\b(no|not a) (doctor|physician)\b", text):
        return NO
    if _looks_like_question(text) or not re.search(r"[a-z]{2,}", text):
        return None
    return "name_only"


# The regulator's document abroad: words that name what was shown (bot/countries.py says what each means).
_ETHICS_ONLY = (
    "ethics committee",
    "bioethics committee",
    "bioethics",
    "ethics board",
    "ethical committee",
    "irb",
    "review board",
    "comite de etica",
    "comite de bioetica",
    "cnbi",
    "cnei",
)
_REGULATOR_WORDS = (
    "ministry",
    "ministerio",
    "minsa",
    "invima",
    "medical council",
    "authorised",
    "authorized",
    "authorisation",
    "authorization",
    "permit",
    "permiso",
    "licence",
    "license",
    "regulator",
    "resolution",
    "resolucion",
    "transplant committee",
    "nscec",
    "stem cell ethics committee",
    "national stem cell",
)
_STORAGE_ONLY = (
    "collect",
    "collecting",
    "collection",
    "store",
    "storing",
    "storage",
    "bank",
    "banking",
    "cryopreservation",
    "almacenamiento",
    "recoleccion",
)
_TREATING = ("treat", "treating", "treatment", "treatments", "therapy", "tratamiento")
_FACILITY_ONLY = (
    "facility",
    "facility certificate",
    "health practice commission",
    "hpc",
    "registered clinic",
    "licensed clinic",
    "licenced clinic",
    "clinic licence",
    "clinic license",
    "certified facility",
)
_JAPAN_PLAN = (
    "plan",
    "plan number",
    "provision plan",
    "treatment plan",
    "certified committee",
    "committee",
    "filed",
    "notified",
    "submitted",
    "registered",
    "mhlw",
    "ministry",
    "jrct",
)
_APPROVED_PRODUCT = (
    "approved product",
    "conditional approval",
    "conditionally approved",
    "pmda",
    "marketing authorisation",
    "marketing authorization",
    "ema",
    "european medicines agency",
    "approved in the eu",
    "eu approved",
    "eu-approved",
    "centrally authorised",
    "centrally authorized",
)
_EXEMPTION = ("hospital exemption", "exemption", "exempt", "4b", "named patient", "compassionate")
_SHOWN = ("showed", "shown", "saw", "copy", "document", "certificate", "letter")


def _read_abroad(text: str, raw: str, where: str) -> str | None:
    """The regulator's document in a country with its own path (Panama, Colombia, ..., the EU)."""
    has_number = bool(_NUMBER.search(raw))
    if where == COLOMBIA and _any(("condiciones sanitarias", "sanitary conditions", "condiciones"), text):
        return "conditions_only"
    if where == COLOMBIA and _any(("buenas practicas", "good practice", "good practices", "gmp", "bank"), text):
        return "bank_certificate"
    if where not in (COLOMBIA, JAPAN) and _any(_STORAGE_ONLY, text) and not _any(_TREATING, text):
        return "storage_only"  # "a permit to collect and store the cells"
    if where == CAYMAN and _any(_FACILITY_ONLY, text):
        return "facility_only"
    if where != BAHAMAS and _any(_ETHICS_ONLY, text) and not _any(_REGULATOR_WORDS, text):
        return "ethics_only"  # "approved by the national bioethics committee; no regulator document"
    if _LEAD_NO.search(text):
        return NO  # "no, they had no plan filed with the ministry"
    if where == JAPAN and _any(_APPROVED_PRODUCT, text):
        return "approved_claim"
    if where == JAPAN and (_any(_JAPAN_PLAN, text) or has_number):
        return "plan_number" if has_number else "plan_claimed"
    if where == EU and _any(_EXEMPTION, text):
        return "hospital_exemption"
    if where == EU and _any(_APPROVED_PRODUCT, text):
        return "approved_claim"
    if has_number:
        return "number"
    if yes_no(text) == NO:
        return NO
    if _any(_SHOWN, text):
        return "document_shown"
    if yes_no(text) == YES or (re.search(r"[a-z]{3,}", text) and not _looks_like_question(text)):
        return "licence_claimed"
    return None


def _read_facility(text: str, raw: str, where: str | None) -> str | None:
    if where in ABROAD:
        return _read_abroad(text, raw, where or "")
    has_number = bool(_NUMBER.search(raw))
    if where == US:
        if _NOT_AUTHORISED.search(text):
            return NO  # "it's not a trial, it's a regular treatment"; "they don't need FDA approval"
        if _any(("ind", "investigational new drug"), text) and not re.search(r"\b(no|without|not an?) ind\b", text):
            return "ind"
        listed = ("clinicaltrials", "clinicaltrials.gov", "clinical trials.gov")
        if re.search(r"\bnct\s?\d", text) or _any(listed, text):
            return "nct_only"
        if re.search(r"\b(no|without|not an?) (ind|trial number|nct|investigational)\b", text):
            return NO
        if re.search(r"\b(registered|registration|compliant|certified|inspected|listed)\b", text) and "fda" in text:
            return "fda_registered_only"
        if re.search(r"\bapproved\b", text) and not _NEGATORS.search(text):
            return "approved_claim"
        if yes_no(text) == NO:
            return NO
        if yes_no(text) == YES:
            return "approved_claim"
        return None
    if where == MEXICO:
        if _any(("aviso", "notice", "notificacion", "aviso de funcionamiento", "aviso sanitario"), text):
            return "aviso_only"  # "licence" wording never overrides a notice
        licence = _any(
            ("licencia", "licence", "license", "licensed", "licenced", "permit", "permiso", "authorised",
             "authorized", "approved", "certified", "registered", "cofepris"),
            text,
        )  # fmt: skip
        if licence:
            if not has_number:
                return "licence_claimed"
            return "licence_number" if _any(("licencia", "licencia sanitaria"), text) else "number"
        if has_number:
            return "number"
        if yes_no(text) == NO:
            return NO
        if yes_no(text) == YES:
            return "licence_claimed"
        return None
    if has_number:
        return "number"
    if yes_no(text) == NO:
        return NO
    if _any(("showed", "saw", "copy", "document", "certificate", "letter"), text):
        return "document_shown"
    if yes_no(text) == YES or (re.search(r"[a-z]{3,}", text) and not _looks_like_question(text)):
        return "licence_claimed"
    return None


def _read_yesno(question: Question, text: str) -> str | None:
    if question.id == "study_payment":
        for match in _PAID_STUDY.finditer(text):
            before = " ".join(text[: match.start()].split()[-3:])
            if not _NEGATORS.search(before) and not re.search(r"\b(don'?t|do not|didn'?t|no)\b", match.group(0)):
                return "paid_study"
    if question.id == "medical_evaluation" and _LEAD_NO.search(text):
        return NO  # "no, they didn't even look at my records"
    chosen = _options(question.options, text)
    if question.id == "medical_evaluation" and "remote_only" in chosen and _any(_IN_PERSON, text):
        chosen.remove("remote_only")
    if chosen:
        return chosen[0]
    answer = yes_no(text)
    if answer is None:
        words = _YES_WORDS.get(question.id, ())
        if _any(words, text):
            answer = YES
        elif any(_pattern(w).search(text) for w in words):
            answer = NO  # the question's own words, negated: "they didn't explain the screening"
    if question.id == "study_payment" and answer == YES:
        return "paid_study"
    return answer


def _read_multi(question: Question, text: str) -> str | None:
    codes = _options(question.options, text)
    if question.id == "route":
        if "joint_imaging" in codes and "joint" not in codes and not _any(("injection", "injected", "shot"), text):
            codes.remove("joint_imaging")
        if "joint_imaging" in codes and "joint" in codes:
            codes.remove("joint")
    if question.id == "cell_source" and not codes and _any(("my own", "own cells", "autologous"), text):
        codes = ["own_other"]
    if question.id == "claims" and "cure" not in codes and _CURE.search(text):
        codes.insert(0, "cure")
    if question.id == "claims" and "many_diseases" not in codes and len(conditions_named(text)) >= 3:
        codes.insert(0, "many_diseases")
    if "donor_other" in codes and len(codes) > 1:
        codes.remove("donor_other")  # "donor umbilical cord": the cord says which donor cells
    if "none" in codes and len(codes) > 1:
        codes.remove("none")
    if not codes and question.id in ("claims", "sales") and yes_no(text) == NO:
        codes = ["none"]
    return ",".join(codes) if codes else None


def _read_choice(question: Question, text: str) -> str | None:
    chosen = _options(question.options, text)
    return chosen[0] if chosen else None


def _common(question: Question, text: str) -> str | None:
    if _SKIP.search(text):
        return SKIPPED
    if _REFUSED.search(text):
        return "unknown_origin" if question.id == "cell_source" else REFUSED
    if _UNKNOWN.search(text):
        return UNKNOWN
    return None


def _own_value(question: Question, text: str, raw: str, where: str | None) -> str | None:
    if question.id == "facility_licence" and where == US and not _SKIP.search(text):
        specific = _read_facility(text, raw, where)  # "they never mentioned an IND" is an answer, not "don't know"
        if specific not in (None, NO) or _NOT_AUTHORISED.search(text):
            return specific
    common = _common(question, text)
    if common:
        return common
    if question.id == "location":
        return _read_location(text, raw)
    if question.id == "clinic_name":
        return None if _looks_like_question(text) or not re.search(r"\w", text) else raw.strip()[:300]
    if question.id == "condition":
        if _looks_like_question(text) or not re.search(r"[a-z]{2,}", text):
            return None
        return condition_of(raw) or OTHER_CONDITION
    if question.id == "physician":
        return _read_physician(text, raw)
    if question.id == "facility_licence":
        return _read_facility(text, raw, where)
    if question.id == "lab":
        if re.match(r"^(no|none|nope|nah|n/a|not really)\b", text) or re.search(r"\bno (lab|laboratory)\b", text):
            return NO
        if _looks_like_question(text) or not re.search(r"[a-z]{2,}", text):
            return None
        return "named"
    if question.kind == "yesno":
        return _read_yesno(question, text)
    if question.kind == "multi":
        return _read_multi(question, text)
    if question.kind == "choice":
        return _read_choice(question, text)
    if question.kind == "number":
        if _any(_NOT_ITEMISED, text):
            return NO
        if question.id == "quote" and _NO_COST.search(text):
            return "0"
        return parse_number(text) or yes_no(text)
    return raw.strip()[:300] or None


def _cross(question: Question, text: str) -> dict[str, str]:
    """Strong signs in the text that answer other questions."""
    if question.id in _NOT_CROSS_SOURCES:
        return {}
    found: dict[str, str] = {}
    for other, codes in _CROSS.items():
        if other == question.id:
            continue
        if other == "route":
            routes = [code for code in codes if _any(_STRICT_ROUTE[code], text)]
            if routes:
                found[other] = ",".join(routes)
        elif other == "expanded":
            if _any(_STRICT_EXPANDED, text):
                found[other] = YES
        elif other == "study_payment":
            if _read_yesno(BY_ID["study_payment"], text) == "paid_study" and _PAID_STUDY.search(text):
                found[other] = "paid_study"
        else:
            options = tuple(o for o in BY_ID[other].options if o.code in codes)
            chosen = _options(options, text)
            if chosen:
                found[other] = ",".join(chosen)
    return found


def read(question: Question, raw: str, where: str | None = None) -> Reading:
    """Read `raw` (the patient's words) as an answer to `question`, for a clinic in `where` (country code)."""
    text = normalise(raw)
    if not text:
        return Reading(None)
    return Reading(_own_value(question, text, raw or "", where), _cross(question, text))


__all__ = ["NOT_ANSWERED", "Reading", "parse_number", "read", "yes_no"]
