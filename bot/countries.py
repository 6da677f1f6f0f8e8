"""Who regulates stem cell clinics in each country the clinic check knows, what that regulator's permit or
registration does and does not mean, and where a patient can verify it.

Written in our own words from ../shared/content/registries.md ("Other destinations", §2-4) and the
sources named in docs/sources.md (entries listed in each country's `sources`). Nothing tagged [R] or
UNCONFIRMED there is stated as fact: where a country's facts are thin (no public register found, a bill
whose fate is unknown), the text says less, or says that we could not confirm it. A second-hand report
([S2]) is worded as a report ("reports say"). Used by the clinic check's questions ("why?"), flags (the
regulator named in a flag and where to verify it) and the report ("Who regulates this").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.language import normalise, pick
from bot.places import (
    BAHAMAS,
    CAYMAN,
    COLOMBIA,
    COSTA_RICA,
    EU,
    JAPAN,
    MEXICO,
    OTHER,
    PANAMA,
    THAILAND,
    US,
    country_of,
)
from bot.text import normalise as normalise_text


@dataclass(frozen=True)
class Regulator:
    """One country's regulator: its name, what its document means, where to verify, and the sources."""

    country: str
    name: str  # the country as it reads in a sentence ("the Bahamas")
    regulator: str
    means: str  # what its permit or registration does and does not mean
    verify: str  # where and how a patient can check
    doctor_check: str  # how to check the treating doctor
    sources: str  # entries of docs/sources.md
    lang: str = "en"  # the language these texts are written in

    @property
    def why(self) -> str:
        """The "why does this matter?" of the regulator question for this country (in this one's language)."""
        return self.means + " " + pick(_WORDS, self.lang)["sources"].format(sources=self.sources)


_DOCTOR = "Ask the body that registers doctors in {name} to confirm the doctor's registration."

REGULATORS: dict[str, Regulator] = {
    MEXICO: Regulator(
        MEXICO,
        "Mexico",
        "COFEPRIS, Mexico's health regulator",
        "A licencia sanitaria lets a clinic operate. It does not approve a cell therapy. An aviso de "
        "funcionamiento is only a notice the clinic files itself. To use stem cells in patients, a clinic needs "
        "a research protocol that COFEPRIS has authorised.",
        "Ask COFEPRIS (gob.mx/cofepris) to confirm the licence and the protocol authorisation. We found no "
        "public search for licences: a request through the Plataforma Nacional de Transparencia may be the "
        "only way.",
        "Search the cédula at cedulaprofesional.sep.gob.mx.",
        "COFEPRIS-09-023; COFEPRIS aviso de funcionamiento; COFEPRIS 2015 suspension",
    ),
    US: Regulator(
        US,
        "the United States",
        "FDA, the US Food and Drug Administration",
        "Being registered with FDA is not approval. A cell product that is not approved may be given only in "
        "a trial under an FDA IND, even if the cells are your own. A ClinicalTrials.gov listing is not an IND.",
        "Check FDA's list of approved cellular and gene therapy products. IND numbers cannot be looked up in "
        "public: ask the clinic for FDA's letter, or write to FDA at ocod@fda.hhs.gov.",
        "Look the doctor up on the state medical board's licence search or docinfo.org.",
        "21 CFR 1271.27; FDA consumer page 2021; FDA consumer update 2019",
    ),
    PANAMA: Regulator(
        PANAMA,
        "Panama",
        "Panama's Ministry of Health (MINSA)",
        "Executive decrees from 2013 and 2018 set MINSA's rules for using stem cells and for the centres that "
        "use them. Under the 2018 decree, research goes to a bioethics committee and treatment goes to "
        "MINSA's transplant committee. So an ethics committee's approval of a study does not cover a "
        "treatment sold outside that study.",
        "Ask MINSA whether the clinic is authorised to use stem cells, and for which treatment. We found no "
        "public list of authorised centres.",
        _DOCTOR.format(name="Panama"),
        "Panama stem cell decrees 2013 and 2018",
    ),
    COLOMBIA: Regulator(
        COLOMBIA,
        "Colombia",
        "INVIMA, under Colombia's Ministry of Health",
        "Under Decree 2493 of 2004, only tissue and bone marrow banks may obtain, process, store and supply "
        "human cells and tissues. INVIMA certifies each bank in two steps: first sanitary conditions (one "
        "year, not yet allowed to supply cells), then good practice (three years). A bank's certificate is "
        "about how cells are handled; it is not an approval of a treatment.",
        "Ask which bank supplies the cells, then ask INVIMA to confirm the bank's certificate, its type and its dates.",
        _DOCTOR.format(name="Colombia"),
        "Colombia Decree 2493 (2004) and INVIMA banks",
    ),
    COSTA_RICA: Regulator(
        COSTA_RICA,
        "Costa Rica",
        "Costa Rica's Ministry of Health (Ministerio de Salud)",
        "In 2010 the ministry ordered the country's largest stem cell clinic, in San José, to stop treating "
        "patients, saying there was no proof the treatment worked. That clinic had a permit to collect and "
        "store cells, not to treat. A permit to collect or store cells is not a permit to treat.",
        "Ask the Ministry of Health whether this clinic may treat patients with cells. We found no public register.",
        _DOCTOR.format(name="Costa Rica"),
        "Costa Rica clinic closure 2010",
    ),
    BAHAMAS: Regulator(
        BAHAMAS,
        "the Bahamas",
        "the National Stem Cell Ethics Committee (NSCEC), under the Stem Cell Research and Therapy Act 2013",
        "Under the Act, every stem cell therapy and research project needs the committee's approval. A 2024 "
        "bill would replace the committee with a new board; we could not confirm whether it became law. "
        "Approval lets a clinic offer a therapy; it does not show that the therapy works.",
        "Ask the clinic for the committee's approval letter for this therapy, and confirm it with the "
        "committee. We found no public list of approvals.",
        _DOCTOR.format(name="the Bahamas"),
        "Bahamas Stem Cell Research and Therapy Act 2013",
    ),
    CAYMAN: Regulator(
        CAYMAN,
        "the Cayman Islands",
        "the Health Practice Commission",
        "It certifies and inspects health care facilities, and its councils register doctors (Health Practice "
        "Law 2002). We found no Cayman law about stem cell treatment. So a facility certificate shows that "
        "the clinic and its staff are registered, not that anyone reviewed this treatment.",
        "Ask the Health Practice Commission whether the clinic and the doctor are registered. Ask the clinic "
        "which body, if any, reviewed this treatment.",
        "Ask the Health Practice Commission whether the doctor is registered to practise in the Cayman Islands.",
        "Cayman Health Practice Law 2002",
    ),
    JAPAN: Regulator(
        JAPAN,
        "Japan",
        "Japan's Ministry of Health, Labour and Welfare (MHLW)",
        "Japan's Act on the Safety of Regenerative Medicine has applied since 2014. Before a clinic treats "
        "anyone, a certified committee must review its treatment plan, and the plan is filed with the health "
        "ministry. For the riskiest cells, such as iPS, embryonic or donor cells, the ministry reviews the plan "
        "too. For most others it only receives it. A filed plan is not an approval. It does not show that the "
        "treatment works.",
        "Ask for the plan number and the certified committee's name. The ministry publishes a list of "
        "clinics with filed plans (saiseiiryo.mhlw.go.jp); research plans are listed on jRCT, Japan's trial "
        "registry.",
        _DOCTOR.format(name="Japan"),
        "Japan ASRM (Act No. 85 of 2013); Japan cord blood prosecutions 2017",
    ),
    THAILAND: Regulator(
        THAILAND,
        "Thailand",
        "the Medical Council of Thailand",
        "Reports say the Council made a rule in 2009. It allows stem cell use beyond established uses only as "
        "research that the Council has approved.",
        "Ask for the Medical Council's approval of the research, and ask the Council to confirm it.",
        _DOCTOR.format(name="Thailand"),
        "Thai Medical Council stem cell rule",
    ),
    EU: Regulator(
        EU,
        "the European Union",
        "the European Medicines Agency (EMA) and each member state's medicines authority",
        "In the EU, cell therapy medicines can count as advanced therapy medicines (ATMPs). Under EU law "
        "(Regulation 1394/2007), these need an EU marketing authorisation through EMA. There is one exception, "
        "the 'hospital exemption'. A hospital may make a product for one patient on a doctor's prescription, "
        "if the member state approves how it is made. That is not an EU approval. The rules differ from "
        "country to country, and there is no EU list of these products.",
        "Ask which it is. An EU marketing authorisation can be checked with EMA. A hospital exemption permit "
        "can be checked with that country's medicines authority.",
        "Ask the medical council of that member state to confirm the doctor's registration.",
        "EU ATMP Regulation 1394/2007",
    ),
    OTHER: Regulator(
        OTHER,
        "that country",
        "the national health regulator",
        "Rules differ by country. FDA says it has in most cases not reviewed products given abroad and cannot "
        "vouch for them.",
        "Ask the health regulator of that country whether the clinic and this treatment are allowed. Ask the "
        "clinic for the document.",
        "Check the licence with the body that issued it.",
        "FDA stem cells abroad",
    ),
}
_DOCTOR_ES = "Pida al organismo que registra a los médicos en {name} que confirme el registro del médico tratante."

# The same regulators in plain Mexican Spanish (usted): same facts, same sources (ids as in docs/sources.md).
REGULATORS_ES: dict[str, Regulator] = {
    MEXICO: Regulator(
        MEXICO,
        "México",
        "la COFEPRIS, la autoridad sanitaria de México",
        "La Licencia Sanitaria permite que una clínica funcione, pero no aprueba ninguna terapia con células. "
        "El Aviso de Funcionamiento es solo un aviso que la propia clínica presenta. Para usar células madre en "
        "pacientes, la clínica necesita un protocolo de investigación autorizado por la COFEPRIS.",
        "Pida a la COFEPRIS (gob.mx/cofepris) que confirme la licencia y la autorización del protocolo. No "
        "encontramos un buscador público de licencias: puede ser que la única vía sea una solicitud en la "
        "Plataforma Nacional de Transparencia.",
        "Busque la cédula profesional en cedulaprofesional.sep.gob.mx.",
        "COFEPRIS-09-023; COFEPRIS aviso de funcionamiento; COFEPRIS 2015 suspension",
    ),
    US: Regulator(
        US,
        "Estados Unidos",
        "la FDA, la Administración de Alimentos y Medicamentos de EE. UU.",
        "Estar registrado ante la FDA no es una aprobación. Un producto de células que no está aprobado solo "
        "puede usarse en un ensayo clínico con un IND de la FDA, aunque las células sean de usted mismo. Estar "
        "en ClinicalTrials.gov no es tener un IND.",
        "Revise la lista de la FDA de productos de terapia celular y génica aprobados. Los números IND no se "
        "pueden consultar en público: pida a la clínica la carta de la FDA, o escriba a la FDA a "
        "ocod@fda.hhs.gov.",
        "Busque al médico en el buscador de licencias de la junta médica del estado o en docinfo.org.",
        "21 CFR 1271.27; FDA consumer page 2021; FDA consumer update 2019",
    ),
    PANAMA: Regulator(
        PANAMA,
        "Panamá",
        "el Ministerio de Salud de Panamá (MINSA)",
        "Dos decretos ejecutivos, de 2013 y de 2018, fijan las reglas del MINSA para usar células madre y para "
        "los centros que las usan. Según el decreto de 2018, la investigación pasa por un comité de bioética y "
        "el tratamiento pasa por el comité de trasplantes del MINSA. Por eso, la aprobación de un estudio por "
        "un comité de ética no cubre un tratamiento que se vende fuera de ese estudio.",
        "Pregunte al MINSA si la clínica está autorizada para usar células madre y para qué tratamiento. No "
        "encontramos una lista pública de centros autorizados.",
        _DOCTOR_ES.format(name="Panamá"),
        "Panama stem cell decrees 2013 and 2018",
    ),
    COLOMBIA: Regulator(
        COLOMBIA,
        "Colombia",
        "el INVIMA, que depende del Ministerio de Salud de Colombia",
        "Según el Decreto 2493 de 2004, solo los bancos de tejidos y de médula ósea pueden obtener, procesar, "
        "guardar y entregar células y tejidos humanos. El INVIMA certifica a cada banco en dos pasos: primero "
        "las condiciones sanitarias (un año, todavía sin permiso para entregar células) y después las buenas "
        "prácticas (tres años). El certificado de un banco trata de cómo se manejan las células; no es la "
        "aprobación de un tratamiento.",
        "Pregunte qué banco entrega las células y luego pida al INVIMA que confirme el certificado del banco, "
        "su tipo y sus fechas.",
        _DOCTOR_ES.format(name="Colombia"),
        "Colombia Decree 2493 (2004) and INVIMA banks",
    ),
    COSTA_RICA: Regulator(
        COSTA_RICA,
        "Costa Rica",
        "el Ministerio de Salud de Costa Rica",
        "En 2010 el ministerio ordenó a la clínica de células madre más grande del país, en San José, que "
        "dejara de tratar pacientes, porque no había pruebas de que el tratamiento funcionara. Esa clínica "
        "tenía permiso para recolectar y guardar células, no para tratar. Un permiso para recolectar o guardar "
        "células no es un permiso para tratar.",
        "Pregunte al Ministerio de Salud si esta clínica puede tratar pacientes con células. No encontramos un "
        "registro público.",
        _DOCTOR_ES.format(name="Costa Rica"),
        "Costa Rica clinic closure 2010",
    ),
    BAHAMAS: Regulator(
        BAHAMAS,
        "las Bahamas",
        "el Comité Nacional de Ética de Células Madre (National Stem Cell Ethics Committee, NSCEC), creado por "
        "la Ley de Investigación y Terapia con Células Madre de 2013",
        "Según esa ley, toda terapia y todo proyecto de investigación con células madre necesita la aprobación "
        "del comité. Un proyecto de ley de 2024 cambiaría el comité por una nueva junta; no pudimos confirmar "
        "si se aprobó. La aprobación permite que una clínica ofrezca una terapia; no demuestra que la terapia "
        "funcione.",
        "Pida a la clínica la carta de aprobación del comité para esta terapia y confírmela con el comité. No "
        "encontramos una lista pública de aprobaciones.",
        _DOCTOR_ES.format(name="las Bahamas"),
        "Bahamas Stem Cell Research and Therapy Act 2013",
    ),
    CAYMAN: Regulator(
        CAYMAN,
        "las Islas Caimán",
        "la Comisión de Práctica de la Salud (Health Practice Commission)",
        "Certifica e inspecciona los establecimientos de salud, y sus consejos registran a los médicos (Ley de "
        "Práctica de la Salud de 2002). No encontramos ninguna ley de las Islas Caimán sobre tratamientos con "
        "células madre. Por eso, un certificado del establecimiento muestra que la clínica y su personal están "
        "registrados, no que alguien revisó este tratamiento.",
        "Pregunte a la Comisión de Práctica de la Salud si la clínica y el médico están registrados. Pregunte a "
        "la clínica qué organismo, si hay alguno, revisó este tratamiento.",
        "Pregunte a la Comisión de Práctica de la Salud si el médico está registrado para ejercer en las Islas Caimán.",
        "Cayman Health Practice Law 2002",
    ),
    JAPAN: Regulator(
        JAPAN,
        "Japón",
        "el Ministerio de Salud, Trabajo y Bienestar de Japón (MHLW)",
        "La Ley de Seguridad de la Medicina Regenerativa de Japón se aplica desde 2014. Antes de que una clínica "
        "trate a alguien, un comité certificado debe revisar su plan de tratamiento, y el plan se registra ante "
        "el ministerio de salud. Para las células de más riesgo, como las iPS, las embrionarias o las de "
        "donante, el ministerio también revisa el plan. Para casi todas las demás solo lo recibe. Un plan "
        "registrado no es una aprobación. No demuestra que el tratamiento funcione.",
        "Pida el número del plan y el nombre del comité certificado. El ministerio publica una lista de clínicas "
        "con planes registrados (saiseiiryo.mhlw.go.jp); los planes de investigación aparecen en jRCT, el "
        "registro de ensayos clínicos de Japón.",
        _DOCTOR_ES.format(name="Japón"),
        "Japan ASRM (Act No. 85 of 2013); Japan cord blood prosecutions 2017",
    ),
    THAILAND: Regulator(
        THAILAND,
        "Tailandia",
        "el Consejo Médico de Tailandia (Medical Council of Thailand)",
        "Según algunos reportes, el Consejo fijó una regla en 2009: fuera de los usos ya establecidos, las "
        "células madre solo se pueden usar en investigación que el Consejo haya aprobado.",
        "Pida la aprobación de la investigación por el Consejo Médico y pida al Consejo que la confirme.",
        _DOCTOR_ES.format(name="Tailandia"),
        "Thai Medical Council stem cell rule",
    ),
    EU: Regulator(
        EU,
        "la Unión Europea",
        "la Agencia Europea de Medicamentos (EMA) y la autoridad de medicamentos de cada país miembro",
        "En la Unión Europea, los medicamentos de terapia celular pueden ser medicamentos de terapia avanzada "
        "(ATMP). Según la ley europea (Reglamento 1394/2007), necesitan una autorización de comercialización de "
        "la UE, que se tramita con la EMA. Hay una excepción, la 'exención hospitalaria': un hospital puede "
        "fabricar un producto para un solo paciente con receta de un médico, si el país miembro aprueba cómo se "
        "fabrica. Eso no es una aprobación de la UE. Las reglas cambian de un país a otro, y no hay una lista "
        "europea de estos productos.",
        "Pregunte cuál de las dos es. Una autorización de comercialización de la UE se puede confirmar con la "
        "EMA. Un permiso de exención hospitalaria se confirma con la autoridad de medicamentos de ese país.",
        "Pida al colegio o consejo médico de ese país miembro que confirme el registro del médico.",
        "EU ATMP Regulation 1394/2007",
    ),
    OTHER: Regulator(
        OTHER,
        "ese país",
        "la autoridad sanitaria nacional",
        "Las reglas cambian de un país a otro. La FDA dice que en la mayoría de los casos no ha revisado los "
        "productos que se aplican en el extranjero y que no puede responder por ellos.",
        "Pregunte a la autoridad sanitaria de ese país si la clínica y este tratamiento están permitidos. Pida "
        "a la clínica el documento.",
        "Confirme la licencia con el organismo que la emitió.",
        "FDA stem cells abroad",
    ),
}
REGULATORS_ES = {code: replace(regulator, lang="es") for code, regulator in REGULATORS_ES.items()}
# The country as the check says it back in Spanish ("Anotado: Japón.").
DISPLAY_ES = {
    MEXICO: "México",
    US: "Estados Unidos",
    PANAMA: "Panamá",
    COLOMBIA: "Colombia",
    COSTA_RICA: "Costa Rica",
    BAHAMAS: "Bahamas",
    CAYMAN: "Islas Caimán",
    JAPAN: "Japón",
    THAILAND: "Tailandia",
    EU: "un país de la Unión Europea",
    OTHER: "otro país",
}
# The countries with their own path in the check beyond Mexico and the US.
ABROAD = (PANAMA, COLOMBIA, COSTA_RICA, BAHAMAS, CAYMAN, JAPAN, THAILAND, EU)


def regulator_of(country: str | None, lang: str = "en") -> Regulator:
    """The country's regulator, worded in `lang` (Spanish or English); an unknown country reads as "other"."""
    table = pick({"en": REGULATORS, "es": REGULATORS_ES}, lang)
    return table.get(country or "", table[OTHER])


def display_name(country: str | None, lang: str = "en") -> str:
    """The country as the check says it back ("Noted: the Bahamas."); an EU member state reads as such."""
    if normalise(lang) == "es":
        return DISPLAY_ES.get(country or "", DISPLAY_ES[OTHER])
    if country == EU:
        return "a European Union member state"
    return regulator_of(country).name


_WORDS = {
    "en": {
        "who": "Who regulates this {where}: {regulator}.",
        "verify": "Where to verify: {verify}",
        "sources": "(Sources: {sources}.)",
        "there": "there",
        "in": "in {name}",
    },
    "es": {
        "who": "Quién regula esto {where}: {regulator}.",
        "verify": "Dónde verificarlo: {verify}",
        "sources": "(Fuentes: {sources}.)",
        "there": "en ese país",
        "in": "en {name}",
    },
}


def _where(country: str | None, regulator: Regulator, lang: str) -> str:
    words = pick(_WORDS, lang)
    return words["there"] if country in (None, OTHER) else words["in"].format(name=regulator.name)


def regulator_why(country: str | None, lang: str = "en") -> str:
    """The regulator question's "why does this matter?" for a clinic in `country`."""
    return regulator_of(country, lang=lang).why


def regulator_lines(country: str | None, lang: str = "en") -> list[str]:
    """The report's "Who regulates this" part: the regulator, what its document means, where to verify."""
    regulator = regulator_of(country, lang=lang)
    words = pick(_WORDS, lang)
    return [
        words["who"].format(where=_where(country, regulator, lang), regulator=regulator.regulator)
        + " "
        + regulator.means,
        words["verify"].format(verify=regulator.verify),
        words["sources"].format(sources=regulator.sources),
    ]


def regulator_summary(country: str | None, lang: str = "en") -> str:
    """One line for the chat summary: who regulates this there, and where to verify."""
    regulator = regulator_of(country, lang=lang)
    words = pick(_WORDS, lang)
    who = words["who"].format(where=_where(country, regulator, lang), regulator=regulator.regulator)
    return who + " " + words["verify"].format(verify=regulator.verify)


def flag_words(country: str | None, lang: str = "en") -> dict[str, str]:
    """Words a country-specific flag is put into when shown: the regulator and where to verify."""
    regulator = regulator_of(country, lang=lang)
    return {"regulator": regulator.regulator, "verify_regulator": regulator.verify, "country_name": regulator.name}


# FAQ answers written for Mexico and the US ("how do I check a doctor's cédula?"): asked about another country
# ("¿cómo verifico a un doctor en Colombia?", or inside a check of a clinic there), the answer is followed by that
# country's own way to check (an exploratory session got only Mexico's and the US's, 2026-12-01).
_DOCTOR_TOPICS = frozenset({"verify_cedula"})
_CLINIC_TOPICS = frozenset({"verify_clinic", "cofepris_licences", "mexico_legal", "notice_numbers", "approved_meaning"})
_NOTE = {"en": "In {name}: {check} (Sources: {sources}.)", "es": "En {name}: {check} (Fuentes: {sources}.)"}


# Asked whether it is legal there ("is stem cell therapy legal in Panama?"), the country's rules come first, then how
# to check: the Mexico/US answer alone said nothing about Panama (an exploratory session, 2026-12-01).
def _note(country: str, check: str, sources: str, lang: str) -> str:
    """ "In Panama: … (Sources: ….)", in the reader's language."""
    return pick(_NOTE, lang).format(name=display_name(country, lang), check=check, sources=sources)


LEGAL_TOPICS = frozenset({"mexico_legal", "approved_meaning", "approved_elsewhere", "fda_approved"})


def country_note(topic: str | None, text: str | None, location: str | None = None, lang: str = "en") -> str | None:
    """The line that follows a Mexico/US answer about checking a doctor or a clinic when the question names a
    country with its own path (ABROAD), or the check being done is of a clinic there (`location`); else None.
    A question about what is legal or approved that names such a country also gets what its rules say."""
    if topic not in _DOCTOR_TOPICS | _CLINIC_TOPICS | LEGAL_TOPICS:
        return None
    named = country_of(text or "", lang)
    country = named if named in ABROAD else (location if location in ABROAD else None)
    if country is None or (topic in LEGAL_TOPICS - _CLINIC_TOPICS and named != country):
        return None
    regulator = regulator_of(country, lang)
    check = regulator.doctor_check if topic in _DOCTOR_TOPICS else regulator.verify
    if topic in LEGAL_TOPICS and named == country:
        check = f"{regulator.means} {check}"
    return _note(country, check, regulator.sources, lang)


# "is stem cell treatment even legal in panama?", "what are panama's rules on stem cell clinics? who regulates them":
# asked of a country with its own rules, the answer is those rules, whatever topic the classifier leaned to (an
# exploratory session got a condition's card or a menu of Mexico and US topics, 2026-12-01).
_RULES_ASKED = re.compile(
    r"\b(?:legal|illegal|allowed|permitted|banned|regulat\w*|rules?|laws?|oversees?|licen[cs]\w*|"
    r"permitid[oa]s?|prohibid[oa]s?|regula\w*|reglas|leyes|ley|autoriz\w*|quien (?:regula|vigila|supervisa))\b"
)


def rules_answer(text: str | None, lang: str = "en") -> str | None:
    """What the rules are in the country a question about legality names (ABROAD: not Mexico or the US, which
    the FAQ answers cover), with where to check and the sources; None for any other message."""
    country = country_of(text or "", lang)
    if country not in ABROAD or not _RULES_ASKED.search(normalise_text(text)):
        return None
    regulator = regulator_of(country, lang)
    check = f"{regulator.means} {regulator.verify}"
    return _note(country, check, regulator.sources, lang)
