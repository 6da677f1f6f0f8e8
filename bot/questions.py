"""The clinic-check questions: what to ask, in which order, for which country, and the choices each offers.

Each question has a prompt (per country where the regulator differs), choices (a code, a button title and
the words that pick it in free text, riskiest first), and a "why it matters" explanation with its source.
How a typed answer is read for the question asked lives in bot/reader.py.
Sources of the checklist: ISSCR "What to ask", FDA consumer guidance, COFEPRIS and SEP registries,
NMDP "Beware: Stem Cell Clinics", Turner 2017 (see ../shared/content/facts.md, part 3; registries.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bot.countries import ABROAD, REGULATORS
from bot.places import (
    BAHAMAS,
    CAYMAN,
    COLOMBIA,
    COSTA_RICA,
    COUNTRIES,
    EU,
    JAPAN,
    MEXICO,
    OTHER,
    PANAMA,
    THAILAND,
    US,
)

# Values every question can hold besides its own choices.
YES, NO, UNKNOWN, SKIPPED, REFUSED, NOT_ANSWERED = "yes", "no", "unknown", "skipped", "refused", "not_answered"
NOT_GIVEN_VALUES = (UNKNOWN, SKIPPED, NOT_ANSWERED)
SLOT_PREFIX = "q_"
__all__ = ["BAHAMAS", "CAYMAN", "COLOMBIA", "COSTA_RICA", "EU", "JAPAN", "MEXICO", "OTHER", "PANAMA", "THAILAND", "US"]


@dataclass(frozen=True)
class Option:
    """A choice: its normalised code, button title, and words (lower case, no accents) that pick it."""

    code: str
    title: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    why: str
    kind: str  # "text", "yesno", "choice" (one value), "multi" (several values), "number"
    options: tuple[Option, ...] = ()
    prompts_by_country: Mapping[str, str] = field(default_factory=dict)
    countries: frozenset[str] = frozenset(COUNTRIES)
    applies: Callable[[Mapping[str, str]], bool] | None = None
    label: str = ""  # a few words naming the question ("the consent form"), for "I noted that under …"

    @property
    def slot(self) -> str:
        return f"{SLOT_PREFIX}{self.id}"

    whys_by_country: Mapping[str, str] = field(default_factory=dict)

    def prompt_for(self, country: str | None) -> str:
        return self.prompts_by_country.get(country or "", self.prompt)

    def why_for(self, country: str | None) -> str:
        """ "Why does this matter?" for a clinic in `country` (the regulator differs by country)."""
        return self.whys_by_country.get(country or "", self.why)

    def choice_titles(self) -> list[str]:
        """The answers offered, as words a text-only channel can show: "Yes / No / I don't know"."""
        if self.kind == "yesno":
            titles = ["Yes", "No"] + [o.title for o in self.options]
        else:
            titles = [o.title for o in self.options]
        return titles + ["I don't know"]

    def buttons(self) -> list[dict[str, str]]:
        choices = [(title, title) for title in self.choice_titles()]
        choices += [("Skip", "Skip"), ("Why does this matter?", "why?")]
        return [{"title": title, "payload": payload} for title, payload in choices]


def values_from_slots(slots: Mapping[str, object]) -> dict[str, str]:
    """Question id -> answer value, from Rasa slot values (slots are named q_<question id>)."""
    return {BY_SLOT[name].id: str(v) for name, v in slots.items() if name in BY_SLOT and v is not None}


# --- the catalogue ----------------------------------------------------------------------------------
DONOR_CELLS = ("donor_cord", "amniotic", "embryonic", "donor_other")


def _donor(values: Mapping[str, str]) -> bool:
    return any(code in DONOR_CELLS for code in (values.get("cell_source") or "").split(","))


CELL_OPTIONS = (
    Option(
        "unknown_origin",
        "They won't say",
        ("won't say", "wont say", "will not say", "didn't say", "secret", "proprietary", "confidential"),
    ),
    Option("embryonic", "Embryonic / fetal", ("embryo", "embryonic", "fetal", "foetal", "fetus", "esc")),
    Option("donor_cord", "Donor umbilical cord", ("umbilical", "cord", "wharton", "birth tissue", "perinatal")),
    Option("amniotic", "Amniotic / placental", ("amniotic", "amnion", "placenta", "placental")),
    Option("donor_other", "Other donor cells", ("donor", "allogeneic", "allogenic", "someone else")),
    Option("exosomes", "Exosomes", ("exosome", "secretome", "conditioned media", "cell-free", "cell free")),
    Option("own_marrow", "My own bone marrow", ("bone marrow", "marrow", "bmac", "hip bone")),
    Option("own_fat", "My own fat", ("fat", "adipose", "svf", "stromal vascular", "liposuction", "lipo", "belly")),
    Option("own_blood", "My own blood", ("my own blood", "own blood", "peripheral blood", "prp", "apheresis")),
)

ROUTE_OPTIONS = (
    Option(
        "spinal",
        "Spinal / intrathecal",
        (
            "intrathecal",
            "intrathecaly",
            "spinal",
            "spine",
            "lumbar puncture",
            "spinal tap",
            "epidural",
            "spinal fluid",
            "csf",
            "into the back",
            "disc",
            "intradiscal",
        ),
    ),  # fmt: skip
    Option("eye", "Into the eye", ("eye", "eyes", "intravitreal", "retina", "retinal", "ocular", "subretinal")),
    Option(
        "brain",
        "Into the brain",
        ("brain", "intracerebral", "intraventricular", "cerebral", "into the head", "skull", "burr hole"),
    ),
    Option(
        "organ",
        "Into another organ",
        (
            "heart",
            "liver",
            "kidney",
            "pancreas",
            "lung",
            "organ",
            "intracoronary",
            "myocardial",
            "ovary",
            "ovarian",
            "testicle",
            "testicular",
            "penis",
            "penile",
            "bladder",
        ),
    ),  # fmt: skip
    Option("nasal", "Nasal spray", ("nasal", "nose", "nostril", "intranasal", "sniff")),
    Option("iv", "IV drip", ("iv", "i.v", "intravenous", "intravenously", "drip", "infusion", "vein", "venous")),
    Option(
        "joint_imaging",
        "Joint, with imaging",
        (
            "ultrasound",
            "fluoroscopy",
            "fluoroscopic",
            "imaging",
            "x-ray",
            "xray",
            "image guided",
            "image-guided",
            "guided",
        ),
    ),
    Option(
        "joint",
        "Joint, no imaging",
        ("joint", "knee", "shoulder", "hip", "intra-articular", "intraarticular", "elbow", "ankle", "wrist", "tendon"),
    ),
    Option(
        "local",
        "Muscle, skin or scalp",
        ("muscle", "intramuscular", "skin", "scalp", "face", "subcutaneous", "under the skin", "wound"),
    ),
)

CLAIM_OPTIONS = (
    Option(
        "cure",
        "Cure or guaranteed results",
        (
            "cure",
            "cures",
            "cured",
            "guarantee",
            "guaranteed",
            "100% success",
            "will fix",
            "definitely work",
            "reverse",
            "reverses",
            "stop the progression",
            "stop progression",
            "stop als progression",
            "halt the disease",
            "regrow",
            "regenerate",
            "regenerates",
            "regenerating",
            "rebuild",
            "rebuilds",
            "new cartilage",
            "heal completely",
            "fix it for good",
            "miracle",
        ),
    ),  # fmt: skip
    Option(
        "no_rejection",
        "Can't be rejected",
        (
            "can't be rejected",
            "cant be rejected",
            "cannot be rejected",
            "can not be rejected",
            "no rejection",
            "won't be rejected",
            "wont be rejected",
            "not be rejected",
            "never rejected",
            "never be rejected",
            "no graft versus host",
            "no graft-versus-host",
            "no gvhd",
            "no need to match",
            "no matching",
            "universal donor",
            "don't cause rejection",
            "do not cause rejection",
            "won't reject",
        ),
    ),  # fmt: skip
    Option(
        "immune_privileged",
        "Immune privileged",
        (
            "immune privileged",
            "immune-privileged",
            "immunoprivileged",
            "immunoprivilege",
            "immune privilege",
            "immune evasive",
            "invisible to the immune",
            "immunologically privileged",
        ),
    ),  # fmt: skip
    Option(
        "universally_safe",
        "Safe for everyone",
        (
            "universally safe",
            "safe for everyone",
            "safe for anyone",
            "safe for everybody",
            "always safe",
            "safe for all",
        ),
    ),  # fmt: skip
    Option(
        "no_risk",
        "No risk at all",
        (
            "no risk",
            "no risks",
            "risk free",
            "risk-free",
            "zero risk",
            "without risk",
            "negligible",
            "no danger",
            "completely safe",
            "100% safe",
            "totally safe",
            "perfectly safe",
            "very safe",
            "absolutely safe",
            "nothing can go wrong",
        ),
    ),  # fmt: skip
    Option(
        "no_side_effects",
        "No side effects",
        ("no side effects", "no side effect", "without side effects", "zero side effects", "no adverse"),
    ),
    Option(
        "fever_healing",
        "Fever means it's working",
        (
            "fever is a sign",
            "fever means",
            "fever shows",
            "fever is normal",
            "fever is good",
            "fever is part",
            "fever is expected",
            "fever is the",
            "fever = healing",
            "regenerative engine",
        ),
    ),  # fmt: skip
    Option(
        "many_diseases",
        "Treats many diseases",
        (
            "many diseases",
            "any disease",
            "everything",
            "all kinds",
            "anything",
            "wide range",
            "lots of conditions",
            "many conditions",
            "all of it",
            "all of them",
            "you name it",
            "every disease",
            "any condition",
            "dozens of",
        ),
    ),  # fmt: skip
    Option(
        "proven",
        "Proven in many trials",
        (
            "proven",
            "numerous trials",
            "numerous clinical trials",
            "many studies",
            "lots of studies",
            "scientifically backed",
            "evidence-based",
        ),
    ),  # fmt: skip
    Option(
        "testimonials",
        "Patient testimonials",
        (
            "testimonial",
            "testimonials",
            "video",
            "reviews",
            "success stories",
            "case studies",
            "case study",
            "before and after",
            "patient stories",
        ),
    ),  # fmt: skip
    Option("none", "None of these", ("none of these", "none", "nothing like that", "no claims", "nothing of the sort")),
)

SALES_OPTIONS = (
    Option(
        "deposit_first",
        "Deposit before evaluation",
        (
            "deposit",
            "pay first",
            "upfront",
            "up front",
            "up-front",
            "in advance",
            "before they see",
            "wire",
            "pay before",
            "full payment",
            "payment before",
            "paid in full",
            "pay in full",
            "before the date",
            "before treatment",
            "when we booked",
        ),
    ),  # fmt: skip
    Option(
        "pressure",
        "Pressure to book fast",
        (
            "pressure",
            "limited time",
            "discount",
            "hurry",
            "spots left",
            "only today",
            "book now",
            "this week only",
            "pushy",
            "keep calling",
            "kept calling",
        ),
    ),  # fmt: skip
    Option("price_changed", "The price changed", ("changed", "went up", "different price", "changes", "extra fees")),
    Option(
        "none",
        "None of these",
        (
            "none of these",
            "none",
            "nothing like that",
            "nothing",
            "nothing yet",
            "no deposit",
            "no pressure",
            "free call",
            "free consultation",
        ),
    ),
)

QUESTIONS: tuple[Question, ...] = (
    Question(
        "clinic_name",
        "What is the name of the clinic?",
        "Knowing exactly which clinic it is lets you look it up with the regulator and in the news, "
        "and keeps your report clear. (Source: FDA and ISSCR advise checking the provider itself.)",
        "text",
        label="the clinic's name",
    ),
    Question(
        "location",
        "Where is the clinic: which city and country?",
        "Rules differ by country: in the US, FDA oversees cell products; in Mexico, COFEPRIS licenses "
        "establishments that handle cells. I'll adapt the next questions. (Sources: FDA; Ley General de Salud.)",
        "choice",
        options=(
            Option(MEXICO, "Mexico"),
            Option(US, "United States"),
            Option(PANAMA, "Panama"),
            Option(COLOMBIA, "Colombia"),
            Option(COSTA_RICA, "Costa Rica"),
            Option(BAHAMAS, "The Bahamas"),
            Option(CAYMAN, "Cayman Islands"),
            Option(JAPAN, "Japan"),
            Option(THAILAND, "Thailand"),
            Option(EU, "An EU country"),
            Option(OTHER, "Another country"),
        ),
        label="where the clinic is",
    ),
    Question(
        "condition",
        "What condition would the clinic treat?",
        "Whether any stem cell product is approved depends on the condition: a few are approved for specific "
        "blood, immune and eye diseases; for most conditions clinics treat, nothing is approved and the "
        "treatments are unproven. (Sources: FDA 2021; registries.md approved products; ISSCR.)",
        "text",
        label="the condition to be treated",
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
        label="the doctor and their licence",
    ),
    Question(
        "facility_licence",
        "Which regulator authorised this treatment in that country, and did they show you the document?",
        "A regulator's authorisation should cover the treatment, not only the building. In the US, FDA "
        "registration is not approval: an unapproved cell product needs an FDA IND, even with your own cells, "
        "and a ClinicalTrials.gov listing is not an IND. In Mexico an aviso de funcionamiento is a notice filed "
        "without inspection; a licencia sanitaria authorises the establishment, not the therapy. "
        "(Sources: FDA 2019 and 2021; COFEPRIS procedure COFEPRIS-09-023; 21 CFR 1271.27.)",
        "text",
        prompts_by_country={
            MEXICO: "What exactly is the clinic's COFEPRIS document titled: Licencia Sanitaria, or Aviso de "
            "Funcionamiento (a notice of operation)? Did they show it or give its number?",
            US: "Is the treatment FDA-approved for your condition, or given in a trial under an FDA IND? "
            "Did they give you an IND number, or only a ClinicalTrials.gov (NCT) number?",
            PANAMA: "Did Panama's Ministry of Health (MINSA) authorise this clinic to use stem cells for this "
            "treatment, and did they show you the document? (An ethics committee's approval of a study is not "
            "the same.)",
            COLOMBIA: "In Colombia, only banks certified by INVIMA may process and supply human cells. Which INVIMA "
            "certificate did they show for the bank that supplies the cells? Good practice (buenas prácticas), "
            "sanitary conditions only (condiciones sanitarias), or none?",
            COSTA_RICA: "Did Costa Rica's Ministry of Health allow this clinic to treat patients with cells, and "
            "did they show you the document? Or is their permit only for collecting or storing cells?",
            BAHAMAS: "In the Bahamas, a stem cell therapy needs approval from the National Stem Cell Ethics "
            "Committee (NSCEC). Did the committee approve this therapy, and did they show you the approval?",
            CAYMAN: "Which body reviewed this treatment? Did the clinic show you anything beyond its facility "
            "certificate from the Health Practice Commission?",
            JAPAN: "Did the clinic give you its treatment plan number? Under Japan's Act on the Safety of "
            "Regenerative Medicine, a certified committee reviews the plan and it is filed with the health "
            "ministry (MHLW). Did they name the committee?",
            THAILAND: "Is this offered as research approved by the Medical Council of Thailand, and did they show "
            "you the approval?",
            EU: "Does this cell therapy have an EU marketing authorisation (through EMA)? Or is it made under a "
            "national 'hospital exemption' permit? Or neither? Did they show you the document?",
        },
        whys_by_country={code: REGULATORS[code].why for code in ABROAD},
        label="the regulator's document",
    ),
    Question(
        "protocol_authorised",
        "Did COFEPRIS authorise this treatment protocol itself (not only the clinic), and did they show you "
        "the authorisation?",
        "In Mexico, clinical protocols with stem cells need COFEPRIS authorisation; in 2015 COFEPRIS suspended "
        "a clinic's cell therapy for having no authorised protocols, and in 2020 it said it had authorised no "
        "protocol supporting a stem cell treatment. (Sources: COFEPRIS 2015 and 2020; registries.md §3.)",
        "yesno",
        options=(
            Option(
                "licence_only",
                "They say the licence covers it",
                (
                    "licence covers",
                    "license covers",
                    "licencia covers",
                    "don't need",
                    "dont need",
                    "not needed",
                    "no need",
                    "is enough",
                ),
            ),
        ),
        countries=frozenset({MEXICO}),
        label="COFEPRIS authorisation of the protocol",
    ),
    Question(
        "ad_notice",
        "Do the clinic's ads or website show a COFEPRIS advertising notice number?",
        "Clinic pages say Mexican medical advertising needs its own COFEPRIS permit or notice; this is not "
        "confirmed with COFEPRIS, and an advertising notice is not a review of the treatment. "
        "(Source: clinic pages; legal summaries of the advertising regulation.)",
        "yesno",
        countries=frozenset({MEXICO}),
        label="the advertising notice",
    ),
    Question(
        "cell_source",
        "What cells would you receive, and where do they come from?",
        "Where the cells come from shapes the risks: donor cells can trigger immune reactions and depend on "
        "donor screening; the big US infection outbreaks involved donor cord blood products. "
        "(Sources: CDC MMWR 2018; Ankrum et al. 2014.)",
        "multi",
        options=CELL_OPTIONS,
        label="which cells",
    ),
    Question(
        "expanded",
        "Are the cells grown (expanded or cultured) in a lab before they are given to you?",
        "Cells grown in a lab are more than minimally manipulated: they need a regulator's authorisation as a "
        "product, and ISSCR lists cultured cells among those with a tumour risk. (Sources: 21 CFR 1271.10; "
        "ISSCR Guidelines 2021; COFEPRIS 2015.)",
        "yesno",
        options=(
            Option(
                "same_day",
                "No, same-day",
                (
                    "same day",
                    "same-day",
                    "minimally manipulated",
                    "not grown",
                    "not cultured",
                    "not expanded",
                    "bedside",
                    "straight back",
                    "right away",
                ),
            ),
        ),  # fmt: skip
        label="whether the cells are grown in a lab",
    ),
    Question(
        "lab",
        "Which laboratory processes the cells, and what licences or accreditations does it hold "
        "(for example COFEPRIS, FDA registration, AABB, FACT, ISO)?",
        "Contamination happens in processing: in 2015 COFEPRIS suspended a clinic that did not test cell count "
        "or viability, and contaminated lots caused the US outbreaks. (Sources: COFEPRIS 2015; Hartnett et al. 2021.)",
        "text",
        label="the lab",
    ),
    Question(
        "coa",
        "Will they give you a certificate of analysis for your batch (sterility, endotoxin, cell count and "
        "viability, identity)?",
        "A certificate of analysis is the lab's own test report for the cells you would receive; without it, "
        "nobody can show the batch was sterile. It says nothing about whether the treatment works or is "
        "authorised. (Sources: Hartnett et al., JAMA Netw Open 2021; ISSCR.)",
        "yesno",
        label="the certificate of analysis",
    ),
    Question(
        "donor_screening",
        "Did they explain how the donor was screened for infections and other diseases?",
        "Donor cells depend on donor screening and sterile processing. (Sources: CDC MMWR 2018 and 2024.)",
        "yesno",
        applies=_donor,
        label="donor screening",
    ),
    Question(
        "ethics_review",
        "Was the treatment protocol reviewed by an ethics committee (IRB)? Which one?",
        "ISSCR advises asking who approved the protocol and when the approval expires. An ethics committee's "
        "approval does not replace the regulator's: pay-to-participate clinics advertise IRB approval too. "
        "(Sources: ISSCR; FDA 2019; Turner 2017.)",
        "yesno",
        label="the ethics committee",
    ),
    Question(
        "study_payment",
        "Is it offered as a study or trial, and do you have to pay to take part?",
        "Paying to join a 'study' is a warning sign: US businesses have listed pay-to-participate studies on "
        "ClinicalTrials.gov, and trials under an FDA IND may not charge patients for profit. "
        "(Sources: Turner, Regen Med 2017; 21 CFR 312.8.)",
        "yesno",
        options=(
            Option(
                "paid_study",
                "Yes, I pay to take part",
                (
                    "pay to join",
                    "pay to take part",
                    "pay to participate",
                    "paid to join",
                    "paid to take part",
                    "paid to participate",
                    "patient-funded",
                    "patient funded",
                    "self-funded",
                    "self funded",
                    "study fee",
                    "pay for the study",
                    "paid for the study",
                    "pay-to-participate",
                    "to enrol",
                    "to enroll",
                    "enrollment fee",
                    "enrolment fee",
                ),
            ),
            Option(
                "free_study",
                "A study, free for me",
                ("free", "no cost", "at no charge", "sponsor pays", "don't pay", "do not pay", "costs nothing"),
            ),
            Option(
                "not_a_study",
                "Not a study",
                (
                    "not a study",
                    "not a trial",
                    "no study",
                    "no trial",
                    "just treatment",
                    "regular treatment",
                    "normal treatment",
                    "it's a treatment",
                ),
            ),
        ),  # fmt: skip
        label="paying to take part in a study",
    ),
    Question(
        "consent_form",
        "Did they give you a written consent form that lists the risks?",
        "A consent form should explain risks and benefits plainly; FDA says it should name the IRB, and NMDP "
        "lists a missing consent form as a warning sign. (Sources: FDA 2019; NMDP.)",
        "yesno",
        options=(
            Option(
                "online_only",
                "Only an online click",
                (
                    "clicked",
                    "click",
                    "checkbox",
                    "tick box",
                    "agree on the website",
                    "on the website",
                    "online form",
                    "terms and conditions",
                ),
            ),
        ),  # fmt: skip
        label="the consent form",
    ),
    Question(
        "route",
        "How would the cells be given? Name every way (for example IV drip, joint, spine, eye, brain).",
        "Some routes carry more risk: injections into the eye caused blindness, and spinal injections have "
        "been followed by meningitis and spinal growths. (Sources: NEJM 2017; CDC MMWR 2024; NEJM 2016.)",
        "multi",
        options=ROUTE_OPTIONS,
        label="how the cells are given",
    ),
    Question(
        "setting",
        "Where would the procedure take place?",
        "Procedures need a sterile medical setting with staff and equipment for emergencies; infections "
        "after unapproved injections are well documented. (Sources: CDC; ISSCR.)",
        "choice",
        options=(
            Option(
                "hotel_office",
                "Hotel, home or office",
                ("hotel", "home", "house", "office", "spa", "apartment", "airbnb", "resort", "condo"),
            ),
            Option(
                "hospital",
                "Hospital or clinic",
                (
                    "hospital",
                    "clinic",
                    "operating",
                    "procedure room",
                    "surgical",
                    "surgery center",
                    "surgery centre",
                    "medical center",
                    "medical centre",
                ),
            ),
        ),  # fmt: skip
        label="where the procedure happens",
    ),
    Question(
        "claims",
        "Has the clinic said any of these? Pick all that apply, or describe what they promised.",
        "ISSCR and NMDP warning signs include promised cures, the same cells for many unrelated diseases, "
        "claims of no risk, and evidence that is only patient testimonials. Donor cells are not 'immune "
        "privileged': they can be rejected. (Sources: ISSCR; NMDP; Ankrum 2014.)",
        "multi",
        options=CLAIM_OPTIONS,
        label="what the clinic claimed",
    ),
    Question(
        "sales",
        "How about payment and booking? Pick any that happened.",
        "Large deposits before a medical evaluation, pressure to book, and prices that change are warning "
        "signs. (Sources: Turner 2017; Consumer Reports 2019.)",
        "multi",
        options=SALES_OPTIONS,
        label="payment and booking",
    ),
    Question(
        "quote",
        "Did they give you an itemised written quote? If so, what is the total (in US dollars)?",
        "A written, itemised quote shows what you pay for, including follow-up and complications, and helps "
        "you notice changing prices. (Sources: NMDP; Consumer Reports 2019.)",
        "number",
        label="the written quote",
    ),
    Question(
        "medical_evaluation",
        "Will a doctor review your medical records and examine you before deciding to treat you?",
        "A proper medical evaluation checks whether the treatment could harm you; skipping it is a warning "
        "sign. (Sources: ISSCR; FDA.)",
        "yesno",
        options=(
            Option(
                "remote_only",
                "Only a remote review",
                (
                    "video",
                    "zoom",
                    "whatsapp",
                    "phone",
                    "online",
                    "email",
                    "e-mail",
                    "telemedicine",
                    "virtual",
                    "send my records",
                    "send them my records",
                    "records",
                    "looked at",
                    "by call",
                ),
            ),
        ),  # fmt: skip
        label="the medical evaluation",
    ),
    Question(
        "follow_up",
        "Is there a written follow-up plan, including who treats complications after you go home?",
        "Complications may appear after you travel home; ISSCR asks who will care for you if something goes "
        "wrong. (Sources: ISSCR; CDC MMWR 2024.)",
        "yesno",
        label="the follow-up plan",
    ),
    Question(
        "outcome_data",
        "Could they show results published in a medical journal (not testimonials or their own case studies) "
        "for patients like you?",
        "Published, controlled results are evidence; testimonials and a clinic's own case studies are not. "
        "(Sources: ISSCR; NMDP.)",
        "yesno",
        options=(
            Option(
                "testimonials",
                "Only testimonials or their own cases",
                (
                    "testimonial",
                    "testimonials",
                    "reviews",
                    "video",
                    "success story",
                    "success stories",
                    "case study",
                    "case studies",
                    "before and after",
                    "patient stories",
                    "their own data",
                    "internal data",
                    "their own results",
                    "instagram",
                    "youtube",
                    "facebook",
                    "website",
                    "brochure",
                    "their patients",
                ),
            ),
            Option(
                "published", "Yes, published", ("published", "journal", "peer review", "peer-review", "pubmed", "paper")
            ),
        ),  # fmt: skip
        label="published results",
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
    return value if value in COUNTRIES else None


def applicable(values: Mapping[str, str | None]) -> list[Question]:
    """The questions that apply, in order, given the answers so far (question id -> value)."""
    where = country(values) or OTHER
    return [
        q
        for q in QUESTIONS
        if where in q.countries and (q.applies is None or q.applies(values))  # type: ignore[arg-type]
    ]


_NAMES = {
    "clinic_name": ("name", "clinic name"),
    "location": ("location", "city", "country", "where"),
    "condition": ("condition", "disease", "illness", "diagnosis"),
    "physician": ("doctor", "physician", "cedula", "licence number", "license number"),
    "facility_licence": ("licencia", "license", "licence", "ind", "nct", "approval", "regulator", "aviso"),
    "protocol_authorised": ("protocol", "authorisation", "authorization"),
    "ad_notice": ("advertising", "ads", "publicidad"),
    "cell_source": ("cells", "cell source", "source"),
    "expanded": ("expanded", "grown", "cultured"),
    "lab": ("lab", "laboratory"),
    "coa": ("certificate", "coa", "analysis"),
    "donor_screening": ("donor", "screening"),
    "ethics_review": ("ethics", "irb"),
    "study_payment": ("study", "trial", "pay to take part"),
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
    from bot.text import normalise

    lowered = normalise(text)
    for question_id, words in _NAMES.items():
        if any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words):
            return BY_ID[question_id]
    return None
