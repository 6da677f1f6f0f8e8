"""The clinic-check questions: what to ask, in which order, for which country, and how to read answers.

Each question has a prompt (per country where the regulator differs), quick-reply options, a "why it
matters" explanation with its source, and a parser that turns a free-text answer into a normalised
value. Every question accepts yes / no / "I don't know" / free text / a number, and can be skipped.
Sources of the checklist: ISSCR "What to ask", FDA consumer guidance, COFEPRIS and SEP registries,
NMDP "Beware: Stem Cell Clinics" (see ../shared/content/facts.md, part 3).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bot.credentials import check_cedula, check_cofepris, check_ind, check_nct, check_us_license

# Normalised values shared by every question.
YES, NO, UNKNOWN, SKIPPED = "yes", "no", "unknown", "skipped"
NOT_GIVEN_VALUES = (UNKNOWN, SKIPPED)
MEXICO, US, OTHER = "mexico", "us", "other"
SLOT_PREFIX = "q_"


@dataclass(frozen=True)
class Option:
    """A quick-reply choice: its normalised code, button title, and words that select it in free text."""

    code: str
    title: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    why: str
    kind: str  # "text", "yesno", "choice", "multi", "number"
    options: tuple[Option, ...] = ()
    prompts_by_country: Mapping[str, str] = field(default_factory=dict)
    countries: frozenset[str] = frozenset({MEXICO, US, OTHER})
    applies: Callable[[Mapping[str, str]], bool] | None = None

    @property
    def slot(self) -> str:
        return f"{SLOT_PREFIX}{self.id}"

    def prompt_for(self, country: str | None) -> str:
        return self.prompts_by_country.get(country or "", self.prompt)

    def buttons(self) -> list[dict[str, str]]:
        choices: list[tuple[str, str]]
        if self.kind == "yesno":
            choices = [("Yes", "Yes"), ("No", "No")]
        else:
            choices = [(o.title, o.title) for o in self.options]
        choices += [("I don't know", "I don't know"), ("Skip", "Skip"), ("Why does this matter?", "why?")]
        return [{"title": title, "payload": payload} for title, payload in choices]


# --- reading answers --------------------------------------------------------------------------------
_SKIP = re.compile(
    r"^\s*(skip|skip (it|this|this one|this question)|pass|next( question)?|rather not say|prefer not to say)\W*$", re.I
)
_UNKNOWN = re.compile(
    r"\b(i )?(do ?n[o']?t|dunno|don't) know\b|\bnot sure\b|\bno idea\b|\bunknown\b|\bidk\b|\bunsure\b|"
    r"\bno s[eé]\b|\bhaven'?t asked\b|\bdidn'?t ask\b|\bnot yet\b|\bcan'?t remember\b",
    re.I,
)
_YES = re.compile(r"^\s*(yes|yeah|yep|yup|y|sure|correct|they (did|do|have|will)|of course|definitely|s[ií])\b", re.I)
_NO = re.compile(
    r"^\s*(no|nope|nah|n|none|never|not really|they (didn'?t|don'?t|won'?t|have ?n[o']?t|refused))\b|"
    r"\b(refused|won'?t (give|show|say|tell)|would ?n[o']?t (give|show|say|tell)|did ?n[o']?t (give|show|say|tell))\b",
    re.I,
)


def values_from_slots(slots: Mapping[str, object]) -> dict[str, str]:
    """Question id -> answer value, from Rasa slot values (slots are named q_<question id>)."""
    return {BY_SLOT[name].id: str(v) for name, v in slots.items() if name in BY_SLOT and v is not None}


def common_value(text: str) -> str | None:
    """skip / I don't know, which every question accepts; None when the answer is something else."""
    if _SKIP.search(text):
        return SKIPPED
    if _UNKNOWN.search(text):
        return UNKNOWN
    return None


def yes_no(text: str) -> str | None:
    if _NO.search(text):
        return NO
    if _YES.search(text):
        return YES
    return None


def _chosen(question: Question, text: str) -> list[str]:
    """Codes of the options an answer picks: by button title, or by a keyword in free text."""
    lowered = text.lower()
    return [
        o.code for o in question.options if lowered.strip() == o.title.lower() or any(k in lowered for k in o.keywords)
    ]


def _parse_choice(question: Question, text: str) -> str:
    chosen = _chosen(question, text)
    return chosen[0] if chosen else "other"


def _parse_multi(question: Question, text: str) -> str:
    codes = _chosen(question, text)
    if "none" in codes and len(codes) > 1:
        codes.remove("none")
    return ",".join(codes) if codes else "other"


def parse_number(text: str) -> str | None:
    match = re.search(r"(\d{1,3}(?:[,\s]\d{3})+|\d+(?:\.\d+)?)\s*(k\b|thousand)?", text, re.I)
    if not match:
        return None
    number = float(re.sub(r"[,\s]", "", match.group(1)))
    if match.group(2):
        number *= 1000
    return f"{number:.0f}"


def parse(question: Question, text: str) -> str:
    """Turn the user's answer into the normalised value stored beside the raw text."""
    text = (text or "").strip()
    common = common_value(text)
    if common:
        return common
    if question.id in PARSERS:
        return PARSERS[question.id](text)
    if question.kind == "yesno":
        return yes_no(text) or "other"
    if question.kind == "choice":
        return _parse_choice(question, text)
    if question.kind == "multi":
        return _parse_multi(question, text)
    if question.kind == "number":
        return parse_number(text) or yes_no(text) or "other"
    return text[:300]


# --- where the clinic is ----------------------------------------------------------------------------
_MEXICO_WORDS = (
    "mexico",
    "méxico",
    "mexican",
    "tijuana",
    "cancun",
    "cancún",
    "guadalajara",
    "monterrey",
    "puerto vallarta",
    "los cabos",
    "cabo san lucas",
    "baja",
    "rosarito",
    "mexicali",
    "playa del carmen",
    "cdmx",
    "merida",
    "mérida",
    "puebla",
    "queretaro",
    "querétaro",
    "san jose del cabo",
    "ensenada",
    "nuevo laredo",
    "juarez",
    "juárez",
)
_US_STATES = (
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
    "miami",
    "los angeles",
    "san diego",
    "houston",
    "dallas",
    "phoenix",
    "scottsdale",
    "las vegas",
    "chicago",
    "atlanta",
    "denver",
    "seattle",
    "boston",
    "orlando",
    "tampa",
    "beverly hills",
    "united states",
    "usa",
    "u.s.a",
    "america",
)
_US_ABBREVIATION = re.compile(r"(,\s*|\b)(TX|FL|CA|AZ|NV|NY|GA|CO|IL|WA|NC|UT|NJ|OH|MI|PA)\b|\bU\.?S\.?\b(?!\w)")


def country_of(location: str) -> str:
    """mexico, us or other, from the free-text location of a clinic."""
    lowered = location.lower()
    if "new mexico" not in lowered and any(word in lowered for word in _MEXICO_WORDS):
        return MEXICO
    if any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in _US_STATES) or _US_ABBREVIATION.search(location):
        return US
    return OTHER


# --- credentials inside answers ---------------------------------------------------------------------
def _parse_physician(text: str) -> str:
    """'number' when any licence-like number was given, 'name_only' when only a name, 'no' if refused."""
    refused = yes_no(text)
    if refused == NO and not re.search(r"\d{4,}", text):
        return NO
    if re.search(r"\d{4,}", text):
        return "number"
    return "name_only"


def _parse_facility(text: str) -> str:
    lowered = text.lower()
    only_aviso = "aviso" in lowered or "notice of operation" in lowered or "notice" in lowered
    licence = "licencia" in lowered or "licence" in lowered or "license" in lowered
    if re.search(r"\bIND\b", text) or re.search(r"\bNCT\s?\d", text, re.I):
        return "ind_or_nct"
    if yes_no(text) == NO and not re.search(r"\d{4,}", text):
        return NO
    if "registered" in lowered and "fda" in lowered:
        return "fda_registered_only"
    if "approved" in lowered and not re.search(r"\d{4,}", text):
        return "claims_approval_no_number"
    if only_aviso and not licence:
        return "aviso_only"
    if re.search(r"\d{4,}", text):
        return "number"
    return yes_no(text) or "other"


PARSERS: dict[str, Callable[[str], str]] = {
    "location": country_of,
    "physician": _parse_physician,
    "facility_licence": _parse_facility,
}


def credential_notes(question_id: str, text: str, country: str | None) -> list[str]:
    """Shape checks of any numbers in an answer, each with where to verify it (never 'genuine')."""
    notes: list[str] = []
    if not re.search(r"\d{3,}", text or ""):
        return notes
    if question_id == "physician":
        check = check_cedula(text) if country == MEXICO else check_us_license(text)
        notes.append(check.summary())
    elif question_id in ("facility_licence", "ad_notice"):
        for checker in (check_nct, check_ind):
            result = checker(text)
            if result.found:
                notes.append(result.summary())
        if not notes:
            notes.append(check_cofepris(text).summary())
    return notes


# --- the catalogue ----------------------------------------------------------------------------------
def _donor(values: Mapping[str, str]) -> bool:
    return values.get("cell_source") in ("donor_cord", "amniotic", "embryonic", "other_donor")


CELL_OPTIONS = (
    Option("own_marrow", "My own bone marrow", ("bone marrow", "marrow")),
    Option("own_fat", "My own fat", ("fat", "adipose", "svf", "stromal vascular", "liposuction")),
    Option("donor_cord", "Donor umbilical cord", ("umbilical", "cord", "wharton", "birth tissue")),
    Option("exosomes", "Exosomes", ("exosome", "secretome", "conditioned media")),
    Option("amniotic", "Amniotic / placental", ("amniotic", "amnion", "placenta")),
    Option("embryonic", "Embryonic / fetal", ("embryo", "fetal", "foetal")),
    Option(
        "unknown_origin", "They won't say", ("won't say", "wont say", "didn't say", "secret", "proprietary", "refused")
    ),
)

QUESTIONS: tuple[Question, ...] = (
    Question(
        "clinic_name",
        "What is the name of the clinic?",
        "Knowing exactly which clinic it is lets you look it up with the regulator and in the news, "
        "and keeps your report clear. (Source: FDA and ISSCR advise checking the provider itself.)",
        "text",
    ),
    Question(
        "location",
        "Where is the clinic: which city and country?",
        "Rules differ by country: in the US, FDA oversees cell products; in Mexico, COFEPRIS licenses "
        "establishments that handle cells. I'll adapt the next questions. (Sources: FDA; Ley General de Salud.)",
        "choice",
        options=(Option(MEXICO, "Mexico"), Option(US, "United States"), Option(OTHER, "Another country")),
    ),
    Question(
        "physician",
        "Who is the treating doctor, and what licence number did they give you?",
        "A real, licensed physician should be responsible for your treatment, and you can check the "
        "licence yourself. (Sources: SEP Registro Nacional de Profesionistas; state medical boards.)",
        "text",
        prompts_by_country={
            MEXICO: "Who is the treating doctor, and what is their cédula profesional (and specialty cédula)?",
            US: "Who is the treating doctor, and what is their state medical licence number?",
        },
    ),
    Question(
        "facility_licence",
        "Which regulator authorised this treatment in that country, and did they show you the document?",
        "Approval means a regulator reviewed this product for this use. In Mexico an aviso de funcionamiento "
        "is filed without inspection; a licencia sanitaria is an authorisation. In the US, FDA registration is "
        "not approval: treatment needs an approved product or an FDA-cleared trial (IND). "
        "(Sources: FDA 2021; COFEPRIS procedure COFEPRIS-09-023.)",
        "text",
        prompts_by_country={
            MEXICO: "What is the clinic's COFEPRIS licencia sanitaria number, or did they only give an "
            "aviso de funcionamiento (notice of operation)?",
            US: "Is the treatment FDA-approved for your condition, or given in an FDA-cleared trial? "
            "Did they give you an IND number or a ClinicalTrials.gov (NCT) number?",
        },
    ),
    Question(
        "ad_notice",
        "Do the clinic's ads or website show a COFEPRIS advertising notice number?",
        "Clinic pages say Mexican medical advertising needs its own COFEPRIS notice; this is not confirmed "
        "with COFEPRIS, so treat a missing number as something to ask about. (Source: COFEPRIS.)",
        "yesno",
        countries=frozenset({MEXICO}),
    ),
    Question(
        "cell_source",
        "What cells would you receive, and where do they come from?",
        "Where the cells come from shapes the risks: donor cells can trigger immune reactions and depend on "
        "donor screening; the big US infection outbreaks involved donor cord blood products. "
        "(Sources: CDC MMWR 2018; Ankrum et al. 2014.)",
        "choice",
        options=CELL_OPTIONS,
    ),
    Question(
        "lab",
        "Which laboratory processes the cells, and what licences or accreditations does it hold "
        "(for example COFEPRIS, FDA registration, AABB, FACT, ISO)?",
        "Contamination happens in processing: in 2015 COFEPRIS suspended a clinic that did not test cell count "
        "or viability, and contaminated lots caused the US outbreaks. (Sources: COFEPRIS 2015; Hartnett et al. 2021.)",
        "text",
    ),
    Question(
        "coa",
        "Will they give you a certificate of analysis for your batch (sterility, endotoxin, cell count and "
        "viability, identity)?",
        "A certificate of analysis is the lab's test report for the exact cells you would receive; without it, "
        "nobody can show the batch was sterile. (Sources: Hartnett et al., JAMA Netw Open 2021; ISSCR.)",
        "yesno",
    ),
    Question(
        "donor_screening",
        "Did they explain how the donor was screened for infections and other diseases?",
        "Donor cells depend on donor screening and sterile processing. (Sources: CDC MMWR 2018 and 2024.)",
        "yesno",
        applies=_donor,
    ),
    Question(
        "ethics_review",
        "Was the treatment protocol reviewed by an ethics committee (IRB)? Which one?",
        "ISSCR advises considering only treatments approved by a regulator or an independent ethics board, "
        "and asking who approved the protocol and when the approval expires. (Source: ISSCR.)",
        "yesno",
    ),
    Question(
        "consent_form",
        "Did they give you a written consent form that lists the risks?",
        "A consent form should explain risks and benefits plainly; FDA says it should name the IRB, and NMDP "
        "lists a missing consent form as a warning sign. (Sources: FDA 2019; NMDP.)",
        "yesno",
    ),
    Question(
        "route",
        "How would the cells be given?",
        "Some routes carry more risk: injections into the eye caused blindness, and spinal injections have "
        "been followed by meningitis and spinal growths. (Sources: NEJM 2017; CDC MMWR 2024; NEJM 2016.)",
        "choice",
        options=(
            Option("iv", "IV drip", ("iv", "intravenous", "drip", "infusion", "vein")),
            Option("joint_imaging", "Joint, with imaging", ("ultrasound", "fluoroscop", "imaging", "x-ray", "guided")),
            Option("joint", "Joint, no imaging", ("joint", "knee", "shoulder", "hip", "intra-articular")),
            Option("spinal", "Spinal / intrathecal", ("spinal", "intrathecal", "spine", "lumbar", "epidural")),
            Option("eye", "Into the eye", ("eye", "intravitreal", "retina")),
        ),
    ),
    Question(
        "setting",
        "Where would the procedure take place?",
        "Procedures need a sterile medical setting with staff and equipment for emergencies; infections "
        "after unapproved injections are well documented. (Sources: CDC; ISSCR.)",
        "choice",
        options=(
            Option("hospital", "Hospital or clinic", ("hospital", "clinic", "operating", "procedure room", "surgical")),
            Option("hotel_office", "Hotel, home or office", ("hotel", "home", "house", "office", "spa", "apartment")),
        ),
    ),
    Question(
        "claims",
        "Has the clinic said any of these? Pick all that apply, or describe what they promised.",
        "ISSCR and NMDP warning signs include promised cures, the same cells for many unrelated diseases, "
        "and evidence that is only patient testimonials. (Sources: ISSCR; NMDP.)",
        "multi",
        options=(
            Option("cure", "Cure or guaranteed results", ("cure", "guarantee", "100%", "will fix", "definitely work")),
            Option(
                "many_diseases", "Treats many diseases", ("many diseases", "any disease", "everything", "all kinds")
            ),
            Option("testimonials", "Patient testimonials", ("testimonial", "videos", "reviews", "success stories")),
            Option(
                "no_risk", "No risk at all", ("no risk", "risk free", "risk-free", "no side effects", "completely safe")
            ),
            Option("none", "None of these", ("none of these", "none", "nothing like that")),
        ),
    ),
    Question(
        "sales",
        "How about payment and booking? Pick any that happened.",
        "Large deposits before a medical evaluation, pressure to book, and prices that change are warning "
        "signs; trials generally do not charge participants for profit. (Sources: Turner 2017; Consumer Reports 2019.)",
        "multi",
        options=(
            Option(
                "deposit_first", "Deposit before evaluation", ("deposit", "pay first", "upfront", "up front", "before")
            ),
            Option(
                "pressure", "Pressure to book fast", ("pressure", "limited time", "discount", "hurry", "spots left")
            ),
            Option("price_changed", "The price changed", ("changed", "went up", "different price", "changes")),
            Option("none", "None of these", ("none of these", "none", "nothing like that")),
        ),
    ),
    Question(
        "quote",
        "Did they give you an itemised written quote? If so, what is the total (in US dollars)?",
        "A written, itemised quote shows what you pay for, including follow-up and complications, and helps "
        "you notice changing prices. (Sources: NMDP; Consumer Reports 2019.)",
        "number",
    ),
    Question(
        "medical_evaluation",
        "Will a doctor review your medical records and examine you before deciding to treat you?",
        "A proper medical evaluation checks whether the treatment could harm you; skipping it is a warning "
        "sign. (Sources: ISSCR; FDA.)",
        "yesno",
    ),
    Question(
        "follow_up",
        "Is there a written follow-up plan, including who treats complications after you go home?",
        "Complications may appear after you travel home; ISSCR asks who will care for you if something goes "
        "wrong. (Sources: ISSCR; CDC MMWR 2024.)",
        "yesno",
    ),
    Question(
        "outcome_data",
        "Could they show published results or outcome data for patients like you?",
        "Published, controlled results are evidence; testimonials and unpublished claims are not. "
        "(Sources: ISSCR; NMDP.)",
        "yesno",
    ),
)

BY_ID = {q.id: q for q in QUESTIONS}
BY_SLOT = {q.slot: q for q in QUESTIONS}
SLOTS = tuple(q.slot for q in QUESTIONS)


def ask_responses() -> dict[str, list[dict[str, object]]]:
    """The domain responses `utter_ask_q_<id>` with which Rasa's form asks each question.

    A question worded per country gets one variation per country, conditioned on the `q_location` slot
    (which holds the country code once the location is answered), then the default wording. Asking is
    then a plain response: no call to the action server. domain/clinic_check.yml holds the output of this
    function (runtime/clinic_check_domain.py writes it; tests/unit/test_config_files.py checks it).
    """
    responses: dict[str, list[dict[str, object]]] = {}
    for question in QUESTIONS:
        variations: list[dict[str, object]] = [
            {
                "condition": [{"type": "slot", "name": BY_ID["location"].slot, "value": where}],
                "text": prompt,
                "buttons": question.buttons(),
            }
            for where, prompt in question.prompts_by_country.items()
        ]
        variations.append({"text": question.prompt, "buttons": question.buttons()})
        responses[f"utter_ask_{question.slot}"] = variations
    return responses


def country(values: Mapping[str, str | None]) -> str | None:
    value = values.get("location")
    return value if value in (MEXICO, US, OTHER) else None


def applicable(values: Mapping[str, str | None]) -> list[Question]:
    """The questions that apply, in order, given the answers so far (question id -> value)."""
    where = country(values) or OTHER
    return [
        q
        for q in QUESTIONS
        if where in q.countries and (q.applies is None or q.applies(values))  # type: ignore[arg-type]
    ]


def next_question(values: Mapping[str, str | None]) -> Question | None:
    for question in applicable(values):
        if values.get(question.id) is None:
            return question
    return None


_NAMES = {
    "clinic_name": ("name", "clinic name"),
    "location": ("location", "city", "country", "where"),
    "physician": ("doctor", "physician", "cedula", "cédula", "licence number", "license number"),
    "facility_licence": ("licencia", "license", "licence", "ind", "nct", "approval", "regulator", "aviso"),
    "ad_notice": ("advertising", "ads", "publicidad"),
    "cell_source": ("cells", "cell source", "source"),
    "lab": ("lab", "laboratory"),
    "coa": ("certificate", "coa", "analysis"),
    "donor_screening": ("donor", "screening"),
    "ethics_review": ("ethics", "irb"),
    "consent_form": ("consent",),
    "route": ("route", "how it's given", "injection", "iv"),
    "setting": ("setting", "hotel", "where it happens"),
    "claims": ("claims", "promises", "cure"),
    "sales": ("payment", "deposit", "pressure", "booking"),
    "quote": ("quote", "price", "cost"),
    "medical_evaluation": ("evaluation", "exam", "records"),
    "follow_up": ("follow-up", "follow up", "complications"),
    "outcome_data": ("outcome", "results", "data"),
}


def question_named_in(text: str) -> Question | None:
    """Which question a correction request names ("change my answer about the cells"), if any."""
    lowered = (text or "").lower()
    for question_id, words in _NAMES.items():
        if any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words):
            return BY_ID[question_id]
    return None
