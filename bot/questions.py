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

from bot.countries import ABROAD, REGULATORS, regulator_why
from bot.language import LANGUAGES, pick
from bot.language import SLOT as LANGUAGE_SLOT
from bot.language import normalise as normalise_language
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
    """A choice: its normalised code, button title (English, Spanish), and words (lower case, no accents) that
    pick it."""

    code: str
    title: str
    keywords: tuple[str, ...] = ()
    title_es: str = ""

    def title_for(self, lang: str = "en") -> str:
        return self.title_es if _spanish(lang) and self.title_es else self.title


# The answers every question offers besides its own choices, as button titles per language. A Spanish
# button sends its Spanish title: what a person sends decides the conversation's language.
YES_TITLE = {"en": "Yes", "es": "Sí"}
NO_TITLE = {"en": "No", "es": "No"}
UNKNOWN_TITLE = {"en": "I don't know", "es": "No sé"}
SKIP_TITLE = {"en": "Skip", "es": "Saltar"}
WHY_TITLE = {"en": "Why does this matter?", "es": "¿Por qué importa esto?"}
WHY_PAYLOAD = {"en": "why?", "es": "¿por qué?"}


def _spanish(lang: str | None) -> bool:
    return normalise_language(lang) == "es"


@dataclass(frozen=True)
class Question:
    """One question of the check, worded in English and Spanish (`*_es`: the Spanish wording of each text)."""

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
    prompt_es: str = ""
    why_es: str = ""
    label_es: str = ""
    prompts_by_country_es: Mapping[str, str] = field(default_factory=dict)

    def prompt_for(self, country: str | None, lang: str = "en") -> str:
        if _spanish(lang):
            return self.prompts_by_country_es.get(country or "", self.prompt_es)
        return self.prompts_by_country.get(country or "", self.prompt)

    def why_for(self, country: str | None, lang: str = "en") -> str:
        """ "Why does this matter?" for a clinic in `country` (the regulator differs by country)."""
        if _spanish(lang):
            return (_regulator_why(country, "es") if country in self.whys_by_country else "") or self.why_es
        return self.whys_by_country.get(country or "", self.why)

    def label_for(self, lang: str = "en") -> str:
        return self.label_es if _spanish(lang) else self.label

    def choice_titles(self, lang: str = "en") -> list[str]:
        """The answers offered, as words a text-only channel can show: "Yes / No / I don't know"."""
        titles = [o.title_for(lang) for o in self.options]
        if self.kind == "yesno":
            titles = [pick(YES_TITLE, lang), pick(NO_TITLE, lang), *titles]
        return [*titles, pick(UNKNOWN_TITLE, lang)]

    def buttons(self, lang: str = "en") -> list[dict[str, str]]:
        choices = [(title, title) for title in self.choice_titles(lang)]
        choices += [(pick(SKIP_TITLE, lang), pick(SKIP_TITLE, lang)), (pick(WHY_TITLE, lang), pick(WHY_PAYLOAD, lang))]
        return [{"title": title, "payload": payload} for title, payload in choices]


def _regulator_why(country: str | None, lang: str) -> str:
    """The regulator question's "why?" for a country abroad, in `lang` (bot/countries.py words it; "" while it
    has no wording in that language, and the question's general one is said)."""
    said = regulator_why(country, lang=lang)
    return "" if lang != "en" and said == regulator_why(country) else said


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
        title_es="No lo quieren decir",
    ),
    Option(
        "embryonic",
        "Embryonic / fetal",
        ("embryo", "embryonic", "fetal", "foetal", "fetus", "esc"),
        title_es="Embrionarias / fetales",
    ),
    Option(
        "donor_cord",
        "Donor umbilical cord",
        ("umbilical", "cord", "wharton", "birth tissue", "perinatal"),
        title_es="Cordón umbilical de donante",
    ),
    Option(
        "amniotic",
        "Amniotic / placental",
        ("amniotic", "amnion", "placenta", "placental"),
        title_es="Amnióticas / placentarias",
    ),
    Option(
        "donor_other",
        "Other donor cells",
        ("donor", "allogeneic", "allogenic", "someone else"),
        title_es="Otras células de donante",
    ),
    Option(
        "exosomes",
        "Exosomes",
        ("exosome", "secretome", "conditioned media", "cell-free", "cell free"),
        title_es="Exosomas",
    ),
    Option(
        "own_marrow",
        "My own bone marrow",
        ("bone marrow", "marrow", "bmac", "hip bone"),
        title_es="Mi propia médula ósea",
    ),
    Option(
        "own_fat",
        "My own fat",
        ("fat", "adipose", "svf", "stromal vascular", "liposuction", "lipo", "belly"),
        title_es="Mi propia grasa",
    ),
    Option(
        "own_blood",
        "My own blood",
        ("my own blood", "own blood", "peripheral blood", "prp", "apheresis"),
        title_es="Mi propia sangre",
    ),
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
        title_es="Columna / intratecal",
    ),  # fmt: skip
    Option(
        "eye",
        "Into the eye",
        ("eye", "eyes", "intravitreal", "retina", "retinal", "ocular", "subretinal"),
        title_es="En el ojo",
    ),
    Option(
        "brain",
        "Into the brain",
        ("brain", "intracerebral", "intraventricular", "cerebral", "into the head", "skull", "burr hole"),
        title_es="En el cerebro",
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
        title_es="En otro órgano",
    ),  # fmt: skip
    Option(
        "nasal",
        "Nasal spray",
        ("nasal", "nose", "nostril", "intranasal", "sniff"),
        title_es="Spray nasal",
    ),
    Option(
        "iv",
        "IV drip",
        ("iv", "i.v", "intravenous", "intravenously", "drip", "infusion", "vein", "venous"),
        title_es="Suero intravenoso",
    ),
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
        title_es="Articulación, guiada por imagen",
    ),
    Option(
        "joint",
        "Joint, no imaging",
        ("joint", "knee", "shoulder", "hip", "intra-articular", "intraarticular", "elbow", "ankle", "wrist", "tendon"),
        title_es="Articulación, sin imagen",
    ),
    Option(
        "local",
        "Muscle, skin or scalp",
        ("muscle", "intramuscular", "skin", "scalp", "face", "subcutaneous", "under the skin", "wound"),
        title_es="Músculo, piel o cuero cabelludo",
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
            # success promised in numbers or outcomes ("90% success and pain free in 6 weeks")
            "% success",
            "percent success",
            "success rate",
            "pain free",
            "pain-free",
            "walking again",
            "walk again",
            "be walking",
        ),
        title_es="Cura o resultados garantizados",
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
        title_es="No hay rechazo",
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
        title_es="Inmunoprivilegiadas",
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
        title_es="Apta para cualquier persona",
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
            "no problems",
            "without problems",
            "never had a problem",
            "no complications",
        ),
        title_es="Ningún riesgo",
    ),  # fmt: skip
    Option(
        "no_side_effects",
        "No side effects",
        ("no side effects", "no side effect", "without side effects", "zero side effects", "no adverse"),
        title_es="Sin efectos secundarios",
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
        title_es="La fiebre indica que funciona",
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
            "basically all",
            "works for all",
        ),
        title_es="Trata muchas enfermedades",
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
        title_es="Probado en muchos estudios",
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
        title_es="Testimonios de pacientes",
    ),  # fmt: skip
    Option(
        "none",
        "None of these",
        ("none of these", "none", "nothing like that", "no claims", "nothing of the sort"),
        title_es="Nada de esto",
    ),
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
        title_es="Anticipo antes de la evaluación",
    ),  # fmt: skip
    Option(
        "pressure",
        "Pressure to book fast",
        (
            "pressure",
            "limited time",
            # "the lady keeps saying the promo price ends friday" (2026-12-01)
            "promo",
            "promo price",
            "promotion",
            "price ends",
            "offer ends",
            "ends friday",
            "ends this week",
            "keep calling",
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
        title_es="Presión para reservar rápido",
    ),  # fmt: skip
    Option(
        "price_changed",
        "The price changed",
        (
            "changed",
            "went up",
            "different price",
            "changes",
            "extra fees",
            "price went from",
            "went from",
            "raised the price",
            "price increase",
            "price jumped",
            "now they want",
            "now it's",
            "now its",
        ),
        title_es="El precio cambió",
    ),
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
        title_es="Nada de esto",
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
        prompt_es="¿Cómo se llama la clínica?",
        why_es=(
            "Saber exactamente de qué clínica se trata le permite buscarla con la autoridad sanitaria y "
            "en las noticias, y deja claro su reporte. (Fuente: la FDA y la ISSCR aconsejan revisar al "
            "propio proveedor.)"
        ),
        label_es="el nombre de la clínica",
    ),
    Question(
        "location",
        "Where is the clinic: which city and country?",
        "Rules differ by country: in the US, FDA oversees cell products; in Mexico, COFEPRIS licenses "
        "establishments that handle cells. I'll adapt the next questions. (Sources: FDA; Ley General de Salud.)",
        "choice",
        options=(
            Option(
                MEXICO,
                "Mexico",
                title_es="México",
            ),
            Option(
                US,
                "United States",
                title_es="Estados Unidos",
            ),
            Option(
                PANAMA,
                "Panama",
                title_es="Panamá",
            ),
            Option(
                COLOMBIA,
                "Colombia",
                title_es="Colombia",
            ),
            Option(
                COSTA_RICA,
                "Costa Rica",
                title_es="Costa Rica",
            ),
            Option(
                BAHAMAS,
                "The Bahamas",
                title_es="Bahamas",
            ),
            Option(
                CAYMAN,
                "Cayman Islands",
                title_es="Islas Caimán",
            ),
            Option(
                JAPAN,
                "Japan",
                title_es="Japón",
            ),
            Option(
                THAILAND,
                "Thailand",
                title_es="Tailandia",
            ),
            Option(
                EU,
                "An EU country",
                title_es="Un país de la Unión Europea",
            ),
            Option(
                OTHER,
                "Another country",
                title_es="Otro país",
            ),
        ),
        label="where the clinic is",
        prompt_es="¿Dónde está la clínica? ¿En qué ciudad y país?",
        why_es=(
            "Las reglas cambian según el país: en EE. UU., la FDA supervisa los productos celulares; en "
            "México, la COFEPRIS da licencia a los establecimientos que manejan células. Adaptaré las "
            "siguientes preguntas. (Fuentes: FDA; Ley General de Salud.)"
        ),
        label_es="dónde está la clínica",
    ),
    Question(
        "condition",
        "What condition would the clinic treat?",
        "Whether any stem cell product is approved depends on the condition: a few are approved for specific "
        "blood, immune and eye diseases; for most conditions clinics treat, nothing is approved and the "
        "treatments are unproven. (Sources: FDA 2021; FDA list of approved cell and gene therapies; ISSCR.)",
        "text",
        label="the condition to be treated",
        prompt_es="¿Qué enfermedad o padecimiento trataría la clínica?",
        why_es=(
            "Que haya un producto de células madre aprobado depende del padecimiento: hay unos pocos "
            "aprobados para ciertas enfermedades de la sangre, del sistema inmune y de los ojos; para "
            "la mayoría de los padecimientos que tratan las clínicas no hay nada aprobado y los "
            "tratamientos no están probados. (Fuentes: FDA 2021; lista de terapias celulares y génicas "
            "aprobadas de la FDA; ISSCR.)"
        ),
        label_es="el padecimiento a tratar",
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
        prompt_es="¿Quién es el médico tratante y qué número de licencia le dio?",
        why_es=(
            "Un médico real y con licencia debe hacerse responsable de su tratamiento, y usted mismo "
            "puede verificar la licencia. (Fuentes: SEP Registro Nacional de Profesionistas; state "
            "medical boards.)"
        ),
        label_es="el médico y su licencia",
        prompts_by_country_es={
            MEXICO: ("¿Quién es el médico tratante y cuál es su cédula profesional (y su cédula de especialidad)?"),
            US: (
                "¿Quién es el médico tratante y cuál es su número de licencia médica del estado (state "
                "medical licence)?"
            ),
        },
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
        prompt_es=("¿Qué autoridad sanitaria de ese país autorizó este tratamiento, y le mostraron el documento?"),
        why_es=(
            "La autorización de la autoridad debe cubrir el tratamiento, no solo el edificio. En EE. "
            "UU., estar registrado ante la FDA no es una aprobación: un producto celular no aprobado "
            "necesita un IND de la FDA, aunque sean sus propias células, y aparecer en "
            "ClinicalTrials.gov no es un IND. En México, el Aviso de Funcionamiento es un aviso que la "
            "clínica presenta sin inspección; la Licencia Sanitaria autoriza el establecimiento, no la "
            "terapia. (Fuentes: FDA 2019 y 2021; COFEPRIS, trámite COFEPRIS-09-023; 21 CFR 1271.27.)"
        ),
        label_es="el documento de la autoridad sanitaria",
        prompts_by_country_es={
            MEXICO: (
                "¿Cómo se llama exactamente el documento de la COFEPRIS que tiene la clínica: Licencia "
                "Sanitaria o Aviso de Funcionamiento? ¿Se lo mostraron o le dieron su número?"
            ),
            US: (
                "¿El tratamiento está aprobado por la FDA para su padecimiento, o se da en un ensayo "
                "clínico con un IND de la FDA? ¿Le dieron un número de IND, o solo un número de "
                "ClinicalTrials.gov (NCT)?"
            ),
            PANAMA: (
                "¿El Ministerio de Salud de Panamá (MINSA) autorizó a esta clínica a usar células madre "
                "para este tratamiento, y le mostraron el documento? (Que un comité de ética apruebe un "
                "estudio no es lo mismo.)"
            ),
            COLOMBIA: (
                "En Colombia, solo los bancos certificados por el INVIMA pueden procesar y suministrar "
                "células humanas. ¿Qué certificado del INVIMA le mostraron del banco que suministra las "
                "células: buenas prácticas, solo condiciones sanitarias, o ninguno?"
            ),
            COSTA_RICA: (
                "¿El Ministerio de Salud de Costa Rica autorizó a esta clínica a tratar pacientes con "
                "células, y le mostraron el documento? ¿O su permiso es solo para recolectar o guardar "
                "células?"
            ),
            BAHAMAS: (
                "En Bahamas, una terapia con células madre necesita la aprobación del Comité Nacional de "
                "Ética de Células Madre (NSCEC). ¿El comité aprobó esta terapia y le mostraron la "
                "aprobación?"
            ),
            CAYMAN: (
                "¿Qué organismo revisó este tratamiento? ¿La clínica le mostró algo más que su certificado "
                "de establecimiento de la Health Practice Commission?"
            ),
            JAPAN: (
                "¿La clínica le dio el número de su plan de tratamiento? Con la ley japonesa de medicina "
                "regenerativa (Act on the Safety of Regenerative Medicine), un comité certificado revisa el "
                "plan y este se registra ante el ministerio de salud (MHLW). ¿Le dijeron cuál es el comité?"
            ),
            THAILAND: (
                "¿Se lo ofrecen como investigación aprobada por el Consejo Médico de Tailandia (Medical "
                "Council of Thailand), y le mostraron la aprobación?"
            ),
            EU: (
                "¿Esta terapia celular tiene una autorización de comercialización de la UE (a través de la "
                "EMA)? ¿O se hace con un permiso nacional de «exención hospitalaria» (hospital exemption)? "
                "¿O ninguna de las dos? ¿Le mostraron el documento?"
            ),
        },
    ),
    Question(
        "protocol_authorised",
        "Did COFEPRIS authorise this treatment protocol itself (not only the clinic), and did they show you "
        "the authorisation?",
        "In Mexico, clinical protocols with stem cells need COFEPRIS authorisation; in 2015 COFEPRIS suspended "
        "a clinic's cell therapy for having no authorised protocols, and in 2020 it said it had authorised no "
        "protocol supporting a stem cell treatment. (Sources: COFEPRIS 2015 and 2020.)",
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
                title_es="Dicen que la licencia lo cubre",
            ),
        ),
        countries=frozenset({MEXICO}),
        label="COFEPRIS authorisation of the protocol",
        prompt_es=(
            "¿La COFEPRIS autorizó el protocolo de este tratamiento en sí (no solo la clínica), y le "
            "mostraron la autorización?"
        ),
        why_es=(
            "En México, los protocolos clínicos con células madre necesitan autorización de la "
            "COFEPRIS; en 2015 la COFEPRIS suspendió la terapia celular de una clínica por no tener "
            "protocolos autorizados, y en 2020 dijo que no había autorizado ningún protocolo que "
            "respalde un tratamiento con células madre. (Fuentes: COFEPRIS 2015 y 2020.)"
        ),
        label_es="la autorización del protocolo por la COFEPRIS",
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
        prompt_es=(
            "¿Los anuncios o la página web de la clínica muestran un número de aviso de publicidad de la COFEPRIS?"
        ),
        why_es=(
            "Páginas de clínicas dicen que la publicidad médica en México necesita su propio permiso o "
            "aviso de la COFEPRIS; no lo hemos confirmado con la COFEPRIS, y un aviso de publicidad no "
            "es una revisión del tratamiento. (Fuente: páginas de clínicas; resúmenes legales del "
            "reglamento de publicidad.)"
        ),
        label_es="el aviso de publicidad",
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
        prompt_es="¿Qué células le pondrían y de dónde vienen?",
        why_es=(
            "El origen de las células cambia los riesgos: las células de donante pueden provocar "
            "reacciones del sistema inmune y dependen de cómo se revisó al donante; los grandes brotes "
            "de infecciones en EE. UU. fueron con productos de sangre de cordón umbilical de donante. "
            "(Fuentes: CDC MMWR 2018; Ankrum et al. 2014.)"
        ),
        label_es="qué células",
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
                title_es="No, el mismo día",
            ),
        ),  # fmt: skip
        label="whether the cells are grown in a lab",
        prompt_es="¿Las células se cultivan (se multiplican) en un laboratorio antes de ponérselas?",
        why_es=(
            "Las células cultivadas en laboratorio tienen más que una manipulación mínima: como "
            "producto necesitan la autorización de una autoridad sanitaria, y la ISSCR pone a las "
            "células cultivadas entre las que tienen riesgo de tumores. (Fuentes: 21 CFR 1271.10; ISSCR "
            "Guidelines 2021; COFEPRIS 2015.)"
        ),
        label_es="si las células se cultivan en laboratorio",
    ),
    Question(
        "lab",
        "Which laboratory processes the cells, and what licences or accreditations does it hold "
        "(for example from the country's health regulator, or AABB, FACT, ISO)?",
        "Contamination happens in processing: in 2015 COFEPRIS suspended a clinic that did not test cell count "
        "or viability, and contaminated lots caused the US outbreaks. (Sources: COFEPRIS 2015; Hartnett et al. 2021.)",
        "text",
        label="the lab",
        # Mexico's and the US's regulators only where the clinic is there: a Panama check was asked about COFEPRIS
        # and the FDA (an exploratory session, 2026-12-01).
        prompts_by_country={
            MEXICO: "Which laboratory processes the cells, and what licences or accreditations does it hold "
            "(for example a COFEPRIS licencia sanitaria, AABB, FACT, ISO)?",
            US: "Which laboratory processes the cells, and what registrations or accreditations does it hold "
            "(for example FDA establishment registration, AABB, FACT, ISO)?",
        },
        prompt_es=(
            "¿Qué laboratorio procesa las células, y qué licencias o acreditaciones tiene (por ejemplo de la "
            "autoridad sanitaria del país, o AABB, FACT, ISO)?"
        ),
        prompts_by_country_es={
            MEXICO: "¿Qué laboratorio procesa las células, y qué licencias o acreditaciones tiene (por ejemplo "
            "Licencia Sanitaria de la COFEPRIS, AABB, FACT, ISO)?",
            US: "¿Qué laboratorio procesa las células, y qué registros o acreditaciones tiene (por ejemplo el "
            "registro del establecimiento ante la FDA, AABB, FACT, ISO)?",
        },
        why_es=(
            "La contaminación ocurre al procesar las células: en 2015 la COFEPRIS suspendió a una "
            "clínica que no medía el número ni la viabilidad de las células, y lotes contaminados "
            "causaron los brotes en EE. UU. (Fuentes: COFEPRIS 2015; Hartnett et al. 2021.)"
        ),
        label_es="el laboratorio",
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
        prompt_es=(
            "¿Le darán un certificado de análisis de su lote (esterilidad, endotoxinas, número y "
            "viabilidad de las células, identidad)?"
        ),
        why_es=(
            "El certificado de análisis es el reporte de pruebas del propio laboratorio sobre las "
            "células que usted recibiría; sin él, nadie puede demostrar que el lote era estéril. No "
            "dice nada de si el tratamiento funciona o está autorizado. (Fuentes: Hartnett et al., JAMA "
            "Netw Open 2021; ISSCR.)"
        ),
        label_es="el certificado de análisis",
    ),
    Question(
        "donor_screening",
        "Did they explain how the donor was screened for infections and other diseases?",
        "Donor cells depend on donor screening and sterile processing. (Sources: CDC MMWR 2018 and 2024.)",
        "yesno",
        applies=_donor,
        label="donor screening",
        prompt_es="¿Le explicaron cómo revisaron al donante para descartar infecciones y otras enfermedades?",
        why_es=(
            "Las células de donante dependen de la revisión del donante y de un procesamiento estéril. "
            "(Fuentes: CDC MMWR 2018 y 2024.)"
        ),
        label_es="la revisión del donante",
    ),
    Question(
        "ethics_review",
        "Was the treatment protocol reviewed by an ethics committee (IRB)? Which one?",
        "ISSCR advises asking who approved the protocol and when the approval expires. An ethics committee's "
        "approval does not replace the regulator's: pay-to-participate clinics advertise IRB approval too. "
        "(Sources: ISSCR; FDA 2019; Turner 2017.)",
        "yesno",
        label="the ethics committee",
        prompt_es="¿Un comité de ética (IRB) revisó el protocolo del tratamiento? ¿Cuál?",
        why_es=(
            "La ISSCR aconseja preguntar quién aprobó el protocolo y cuándo vence la aprobación. La "
            "aprobación de un comité de ética no sustituye la de la autoridad sanitaria: las clínicas "
            "que cobran por participar también anuncian la aprobación de un IRB. (Fuentes: ISSCR; FDA "
            "2019; Turner 2017.)"
        ),
        label_es="el comité de ética",
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
                title_es="Sí, pago por participar",
            ),
            Option(
                "free_study",
                "A study, free for me",
                (
                    *("free", "no cost", "at no charge", "sponsor pays", "don't pay", "do not pay", "costs nothing"),
                    *("cover the costs", "covers the costs", "cover the cost", "covers the cost", "sponsor covers"),
                ),
                title_es="Un estudio, gratis para mí",
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
                title_es="No es un estudio",
            ),
        ),  # fmt: skip
        label="paying to take part in a study",
        prompt_es="¿Se lo ofrecen como un estudio o ensayo clínico, y tiene que pagar para participar?",
        why_es=(
            "Pagar por entrar a un «estudio» es una señal de alerta: empresas de EE. UU. han registrado "
            "en ClinicalTrials.gov estudios en los que el paciente paga por participar, y los ensayos "
            "con un IND de la FDA no pueden cobrar a los pacientes para ganar dinero. (Fuentes: Turner, "
            "Regen Med 2017; 21 CFR 312.8.)"
        ),
        label_es="pagar por participar en un estudio",
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
                title_es="Solo un clic en línea",
            ),
        ),  # fmt: skip
        label="the consent form",
        prompt_es="¿Le dieron un consentimiento informado por escrito que explique los riesgos?",
        why_es=(
            "El consentimiento informado debe explicar con claridad los riesgos y los beneficios; la "
            "FDA dice que debe nombrar al IRB, y el NMDP considera una señal de alerta que no haya "
            "consentimiento. (Fuentes: FDA 2019; NMDP.)"
        ),
        label_es="el consentimiento informado",
    ),
    Question(
        "route",
        "How would the cells be given? Name every way (for example IV drip, joint, spine, eye, brain).",
        "Some routes carry more risk: injections into the eye caused blindness, and spinal injections have "
        "been followed by meningitis and spinal growths. (Sources: NEJM 2017; CDC MMWR 2024; NEJM 2016.)",
        "multi",
        options=ROUTE_OPTIONS,
        label="how the cells are given",
        prompt_es=(
            "¿Cómo le pondrían las células? Diga todas las vías (por ejemplo suero intravenoso, "
            "articulación, columna, ojo, cerebro)."
        ),
        why_es=(
            "Algunas vías tienen más riesgo: inyecciones en el ojo causaron ceguera, y después de "
            "inyecciones en la columna ha habido meningitis y crecimientos en la médula espinal. "
            "(Fuentes: NEJM 2017; CDC MMWR 2024; NEJM 2016.)"
        ),
        label_es="cómo le pondrían las células",
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
                title_es="Hotel, casa u oficina",
            ),
            Option(
                "medical_office",
                "Doctor's office",
                (
                    "doctor's office",
                    "doctors office",
                    "doctor office",
                    "medical office",
                    "physician's office",
                    "physicians office",
                    "medical building",
                    "medical office building",
                    "medical plaza",
                ),
                title_es="Consultorio médico",
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
                title_es="Hospital o clínica",
            ),
        ),  # fmt: skip
        label="where the procedure happens",
        prompt_es="¿Dónde se haría el procedimiento?",
        why_es=(
            "Los procedimientos necesitan un lugar médico estéril, con personal y equipo para "
            "emergencias; las infecciones después de inyecciones no aprobadas están bien documentadas. "
            "(Fuentes: CDC; ISSCR.)"
        ),
        label_es="dónde se hace el procedimiento",
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
        prompt_es=(
            "¿La clínica le ha dicho algo de esto? Elija todo lo que aplique, o describa lo que le prometieron."
        ),
        why_es=(
            "Entre las señales de alerta de la ISSCR y el NMDP están prometer curas, usar las mismas "
            "células para muchas enfermedades sin relación, decir que no hay riesgo, y que la única "
            "evidencia sean testimonios de pacientes. Las células de donante no son "
            "«inmunoprivilegiadas»: pueden ser rechazadas. (Fuentes: ISSCR; NMDP; Ankrum 2014.)"
        ),
        label_es="lo que prometió la clínica",
    ),
    Question(
        "sales",
        "How about payment and booking? Pick any that happened.",
        "Large deposits before a medical evaluation, pressure to book, and prices that change are warning "
        "signs. (Sources: Turner 2017; Consumer Reports 2019.)",
        "multi",
        options=SALES_OPTIONS,
        label="payment and booking",
        prompt_es="¿Y el pago y la reservación? Elija lo que haya pasado.",
        why_es=(
            "Un anticipo grande antes de una evaluación médica, la presión para reservar y los precios "
            "que cambian son señales de alerta. (Fuentes: Turner 2017; Consumer Reports 2019.)"
        ),
        label_es="el pago y la reservación",
    ),
    Question(
        "quote",
        "Did they give you an itemised written quote? If so, what is the total, and in which currency?",
        "A written, itemised quote shows what you pay for, including follow-up and complications, and helps "
        "you notice changing prices. (Sources: NMDP; Consumer Reports 2019.)",
        "number",
        label="the written quote",
        prompt_es=(
            "¿Le dieron una cotización por escrito y desglosada? Si es así, ¿cuál es el total y en qué moneda "
            "(pesos, dólares…)?"
        ),
        why_es=(
            "Una cotización por escrito y desglosada muestra lo que usted paga, incluidos el "
            "seguimiento y las complicaciones, y le ayuda a notar si los precios cambian. (Fuentes: "
            "NMDP; Consumer Reports 2019.)"
        ),
        label_es="la cotización por escrito",
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
                title_es="Solo una revisión a distancia",
            ),
        ),  # fmt: skip
        label="the medical evaluation",
        prompt_es="¿Un médico revisará su expediente y le hará un examen antes de decidir si lo trata?",
        why_es=(
            "Una buena evaluación médica revisa si el tratamiento podría hacerle daño; saltársela es "
            "una señal de alerta. (Fuentes: ISSCR; FDA.)"
        ),
        label_es="la evaluación médica",
    ),
    Question(
        "follow_up",
        "Is there a written follow-up plan, including who treats complications after you go home?",
        "Complications may appear after you travel home; ISSCR asks who will care for you if something goes "
        "wrong. (Sources: ISSCR; CDC MMWR 2024.)",
        "yesno",
        label="the follow-up plan",
        prompt_es=(
            "¿Hay un plan de seguimiento por escrito, que diga quién atiende las complicaciones cuando "
            "usted regrese a casa?"
        ),
        why_es=(
            "Las complicaciones pueden aparecer cuando usted ya volvió a casa; la ISSCR pregunta quién "
            "lo atenderá si algo sale mal. (Fuentes: ISSCR; CDC MMWR 2024.)"
        ),
        label_es="el plan de seguimiento",
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
                title_es="Solo testimonios o sus propios casos",
            ),
            Option(
                "published",
                "Yes, published",
                ("published", "journal", "peer review", "peer-review", "pubmed", "paper"),
                title_es="Sí, publicados",
            ),
        ),  # fmt: skip
        label="published results",
        prompt_es=(
            "¿Pudieron mostrarle resultados publicados en una revista médica (no testimonios ni sus "
            "propios casos) de pacientes como usted?"
        ),
        why_es=(
            "Los resultados publicados y con grupo de comparación son evidencia; los testimonios y los "
            "casos de la propia clínica no lo son. (Fuentes: ISSCR; NMDP.)"
        ),
        label_es="resultados publicados",
    ),
)

BY_ID = {q.id: q for q in QUESTIONS}
BY_SLOT = {q.slot: q for q in QUESTIONS}
SLOTS = tuple(q.slot for q in QUESTIONS)


# Every value the `q_location` slot can hold when a later question is asked: a country code, or no answer.
LOCATION_VALUES: tuple[str | None, ...] = (None, *COUNTRIES, UNKNOWN, SKIPPED, REFUSED, NOT_ANSWERED)


def _condition(**slots: str | None) -> list[dict[str, object]]:
    return [{"type": "slot", "name": name, "value": value} for name, value in slots.items()]


def ask_responses() -> dict[str, list[dict[str, object]]]:
    """The domain responses `utter_ask_q_<id>` with which Rasa's form asks each question.

    English is the unconditioned default; Spanish is a variation conditioned on the `language` slot. A
    question worded per country also gets variations conditioned on the `q_location` slot (which holds the
    country code once the location is answered). Rasa picks at random among ALL the variations whose
    conditions match (one with more conditions is not preferred), so the conditions never overlap: a
    country's wording is conditioned on the language too, and the Spanish general wording of such a
    question is conditioned on each other location value in turn (LOCATION_VALUES). Asking is then a plain
    response: no call to the action server. domain/clinic_check.yml holds the output of this function
    (runtime/clinic_check_domain.py writes it; tests/unit/test_config_files.py checks it).
    """
    location = BY_ID["location"].slot
    responses: dict[str, list[dict[str, object]]] = {}
    for question in QUESTIONS:
        variations: list[dict[str, object]] = []
        if question.prompts_by_country:
            for where in LOCATION_VALUES:
                if where in question.prompts_by_country:
                    for lang in LANGUAGES:
                        variations.append(
                            {
                                "condition": _condition(**{LANGUAGE_SLOT: lang, location: where}),
                                "text": question.prompt_for(where, lang),
                                "buttons": question.buttons(lang),
                            }
                        )
                else:
                    variations.append(
                        {
                            "condition": _condition(**{LANGUAGE_SLOT: "es", location: where}),
                            "text": question.prompt_for(where, "es"),
                            "buttons": question.buttons("es"),
                        }
                    )
        else:
            variations.append(
                {
                    "condition": _condition(**{LANGUAGE_SLOT: "es"}),
                    "text": question.prompt_es,
                    "buttons": question.buttons("es"),
                }
            )
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


# Words that name a question in a correction request, English then Spanish (matched without accents).
_NAMES = {
    "clinic_name": ("name", "clinic name", "nombre"),
    "location": ("location", "city", "country", "where", "ubicacion", "ciudad", "pais"),
    "condition": ("condition", "disease", "illness", "diagnosis", "padecimiento", "enfermedad", "diagnostico"),
    "physician": ("doctor", "physician", "cedula", "licence number", "license number", "medico", "medica", "doctora"),
    "facility_licence": (
        *("licencia", "license", "licence", "ind", "nct", "approval", "regulator", "aviso"),
        *("autoridad", "permiso", "documento"),
    ),
    "protocol_authorised": ("protocol", "authorisation", "authorization", "protocolo", "autorizacion"),
    "ad_notice": ("advertising", "ads", "publicidad", "anuncios"),
    "cell_source": ("cells", "cell source", "source", "celulas", "origen"),
    "expanded": ("expanded", "grown", "cultured", "cultivadas", "cultivan", "cultivo"),
    "lab": ("lab", "laboratory", "laboratorio"),
    "coa": ("certificate", "coa", "analysis", "certificado", "analisis"),
    "donor_screening": ("donor", "screening", "donante"),
    "ethics_review": ("ethics", "irb", "etica", "comite"),
    "study_payment": ("study", "trial", "pay to take part", "estudio", "ensayo"),
    "consent_form": ("consent", "consentimiento"),
    "route": ("route", "how it's given", "injection", "iv", "via", "vias", "inyeccion", "aplicacion"),
    "setting": (
        "setting",
        "hotel",
        "where it happens",
        "lugar",
        "where the procedure",
        "procedure takes place",
        "procedure room",
        "donde se hace",
        "donde se haria",
        "donde se hara",
    ),
    "claims": ("claims", "promises", "cure", "promesas", "prometio", "cura"),
    "sales": ("payment", "deposit", "pressure", "booking", "pago", "anticipo", "presion", "reservacion"),
    "quote": ("quote", "price", "cost", "cotizacion", "precio", "costo"),
    "medical_evaluation": ("evaluation", "exam", "records", "evaluacion", "examen", "expediente"),
    "follow_up": ("follow-up", "follow up", "complications", "seguimiento", "complicaciones"),
    "outcome_data": ("outcome", "results", "data", "resultados", "publicados"),
}


def question_named_in(text: str) -> Question | None:
    """Which question a correction request names ("change my answer about the cells"), if any."""
    from bot.text import normalise

    named = _names_in(normalise(text))
    # the longest name wins: "where the procedure takes place" is the setting, not "where" (the location)
    return BY_ID[max(named, key=lambda found: -found[1])[2]] if named else None


def _names_in(lowered: str) -> list[tuple[int, int, str]]:
    """Each question name found in `lowered` (normalised): (where it starts, minus its length, the question's id)."""
    return [
        (match.start(), -len(w), question_id)
        for question_id, words in _NAMES.items()
        for w in words
        if (match := re.search(rf"\b{re.escape(w)}\b", lowered))
    ]


# A correction typed in the middle of the check ("wait the location is wrong, its bangkok thailand", "perdón me
# equivoqué, la enfermedad es autismo"): a word that says something was wrong, and the question it names.
_CORRECTION_WORDS = re.compile(
    r"\b(?:wrong|mistake|mistaken|typo|fix|correct(?:ion)?|incorrect|not right|isn'?t right|i meant|i mean|oops|ups|"
    r"equivoqu\w*|equivocad\w*|incorrect[ao]|corrij\w*|correg\w*|mal puest[ao]|no es (?:otro|otra|el|la|en)|"
    r"quise decir|mejor dicho|"
    # "quiero cambiar una respuesta, la de la publicidad puse algo mal", "cambie lo del doctor, es el dr Leal"
    # (recorded under the question being asked, 2026-12-02)
    r"cambiar (?:una |la |mi )?respuesta|cambi[ae] lo del?|puse (?:algo )?mal|change (?:my |an |the )?answer)\b"
)


def correction_named_in(text: str) -> tuple[Question, str] | None:
    """The question a message typed during the check says it got wrong, and what follows the correction word (the
    new answer, if any: "wait the location is wrong, its bangkok thailand" -> location, "bangkok thailand"). It
    needs a correction word (_CORRECTION_WORDS) and a question named (question_named_in). bot.clinic_check reads the
    rest as that question's new answer instead of recording the message under the question being asked."""
    from bot.text import normalise

    lowered = normalise(text)
    matches = list(_CORRECTION_WORDS.finditer(lowered))
    if not matches:
        return None
    after = lowered[matches[-1].end() :]
    # the question named right after the correction word ("me corrijo en lo del precio: … y no, no vi número de
    # publicidad" is about the price), else the one the message names
    question = _first_named(after) or question_named_in(lowered)
    if question is None:
        return None
    rest = _LEAD_FILLER.sub("", after).strip()
    before = lowered[: matches[-1].start()].strip(" ,.;:!-")
    if not rest and re.search(r"\d{4,}", before):  # "the doctor's cedula is actually 4455668, typo": number first
        rest = before
    return question, rest


def _first_named(text: str) -> Question | None:
    """The question whose name comes first in `text` (the longest name at the same place), or None."""
    found = _names_in(text)
    return BY_ID[min(found)[2]] if found else None


_LEAD_FILLER = re.compile(r"^(?:[\s,.;:!-]|(?:it'?s|its|it is|is|was|should be|es|era|debe ser|son|fue)\b)*")
