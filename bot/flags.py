"""Vetting rules: turn a clinic's answers into flags, each a code with a severity and parameters.

Flags are stored as codes with their parameters (bot/store.py) and rendered into words only when shown
(`describe`, used by the chat summary and the printable report), so another language needs new texts,
not a data migration. "I don't know", skipped and "not answered" become "not yet known" flags of lower
severity (code + "_unknown"): missing information is itself worth knowing, and never counts as "no".

Rules that hold whatever else was answered (issue 11): an ethics committee (IRB) or a ClinicalTrials.gov
number never makes an eye, spine or brain injection acceptable; only a confirmed FDA IND (US) or a COFEPRIS
protocol authorisation (Mexico), with no payment to take part, makes it a regulated trial; abroad, the
regulator's authorisation that the country's path asks for (issue 18 §6: a MINSA authorisation, an NSCEC
approval, a Medical Council research approval; a Japanese filed plan or an EU hospital exemption only for a
study that is free to join; never a Colombian bank certificate or a Cayman facility certificate). Country
flags carry the country's code ({"country": "japan"}) and are worded from bot/countries.py when shown: a
registration, a bank or facility certificate, or an exemption is never shown as an approval. "Licence"
wording never overrides a notice (aviso). A lab the clinic won't name is high. Testimonials and the
clinic's own case studies are not outcome data. Sources: ../shared/content/facts.md part 3 (ISSCR, FDA,
NMDP, CDC, COFEPRIS, SEP), registries.md §2-4, Turner 2017, NEJM 2017.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot import approved, conditions, registry_flags
from bot.countries import ABROAD, REGULATORS, REGULATORS_ES, flag_words, regulator_of
from bot.credentials import VERIFY, Kind
from bot.language import normalise, pick
from bot.questions import (
    BAHAMAS,
    CAYMAN,
    COLOMBIA,
    COSTA_RICA,
    DONOR_CELLS,
    EU,
    JAPAN,
    MEXICO,
    NO,
    NOT_GIVEN_VALUES,
    OTHER,
    PANAMA,
    REFUSED,
    THAILAND,
    UNKNOWN,
    US,
    YES,
    applicable,
    country,
)
from bot.store import FlagRecord

__all__ = ["FlagRecord"]

HIGH, MEDIUM, LOW = "high", "medium", "low"
SEVERITY_ORDER = {HIGH: 0, MEDIUM: 1, LOW: 2}
SERIOUS, SOME, UNVERIFIED = "serious", "some", "unverified"
LEVELS = {
    SERIOUS: "Serious concerns",
    SOME: "Some concerns",
    UNVERIFIED: "Not verified: no major warning signs in your answers so far, which is not a pass",
}
LEVELS_ES = {
    SERIOUS: "Preocupaciones serias",
    SOME: "Algunas preocupaciones",
    UNVERIFIED: "No verificado: hasta ahora no hay señales de alerta importantes en sus respuestas, y eso no es "
    "una aprobación",
}
UNKNOWN_SUFFIX = "_unknown"
HIGH_RISK_ROUTES = {"spinal": "into the spinal canal", "eye": "into the eye", "brain": "into the brain"}
# What has been reported for each high-risk route, put into the flag when shown: the spine flag named blindness,
# which came from eye injections (an exploratory session, 2026-12-01). (English, Spanish, sources; facts.md §b, §d.)
ROUTE_HARMS: dict[str, tuple[str, str, str]] = {
    "into the spinal canal": ("meningitis and a growth in the spinal cord", "meningitis y un crecimiento en la médula "
                              "espinal", "CDC MMWR 2024, NEJM 2016"),
    "into the eye": ("blindness", "ceguera", "NEJM 2017"),
    "into the brain": ("a brain tumour grown from donor cells, and deaths after brain injections at one clinic",
                       "un tumor cerebral formado por células de donantes, y muertes tras inyecciones en el cerebro "
                       "en una clínica", "PLoS Med 2009, ALSUntangled 2021"),
}  # fmt: skip


def _route_harms(routes: str, lang: str) -> dict[str, str]:
    """The {harms} and {harm_sources} of a high-risk route flag, from its stored English routes."""
    found = [ROUTE_HARMS[part] for part in routes.split(" and ") if part in ROUTE_HARMS] or list(ROUTE_HARMS.values())
    harms = "; ".join(spanish if lang == "es" else english for english, spanish, _ in found)
    return {"harms": harms, "harm_sources": ", ".join(dict.fromkeys(source for *_, source in found))}


OTHER_INVASIVE_ROUTES = {"organ": "into an organ", "nasal": "through the nose"}

_COFEPRIS = VERIFY[Kind.COFEPRIS]
_IND = VERIFY[Kind.IND]
_TESTS = "Ask for published, controlled trials for your condition; ISSCR and NMDP list this as a warning sign."
# code -> (what it means, how to verify); {placeholders} come from the flag's parameters.
TEXTS: dict[str, tuple[str, str]] = {
    "physician_licence_missing": ("No {credential} for the treating doctor was given.", "{verify}"),
    "only_aviso": (
        "Only a notice of operation (aviso de funcionamiento) was given: it is filed without inspection and does "
        "not show that COFEPRIS authorised the clinic, let alone a cell therapy.",
        _COFEPRIS,
    ),
    "facility_licence_missing": ("No COFEPRIS licencia sanitaria for the clinic was given.", _COFEPRIS),
    "facility_licence_number_missing": (
        "A licence was claimed, but no document or number was given: a claimed licence cannot be checked.",
        _COFEPRIS,
    ),
    "licence_title_unknown": (
        "A number was given without the document's title: an Aviso de Funcionamiento number looks like a licence "
        "number.",
        "Ask whether the document is titled Licencia Sanitaria or Aviso de Funcionamiento, and ask for a copy. "
        + _COFEPRIS,
    ),
    "no_protocol_authorisation": (
        "No COFEPRIS authorisation of the treatment protocol: a clinic's licence covers the building, not the "
        "therapy, and COFEPRIS said in 2020 it had authorised no stem cell treatment protocol.",
        "Ask for the COFEPRIS protocol authorisation in writing and confirm it with COFEPRIS.",
    ),
    "fda_registered_not_approved": (
        "'Registered with FDA' was offered as if it were approval; registration is not approval.",
        _IND,
    ),
    "nct_not_ind": (
        "Only a ClinicalTrials.gov (NCT) listing was given: anyone can list a study there, and a listing is not "
        "FDA authorisation. An unapproved cell product needs an FDA IND, even with your own cells.",
        "Ask for the IND number and FDA's letter acknowledging it; check the NCT record's sponsor and sites.",
    ),
    "no_ind_or_approval": (
        "No IND was given for a treatment that is not FDA-approved for this use.",
        _IND,
    ),
    "approval_claim_unsupported": (
        "The clinic says the treatment is approved, but no stem cell product is FDA-approved for {condition}.",
        "Check FDA's list of approved cellular and gene therapy products; ask your own specialist.",
    ),
    "approval_claim_unverified": (
        "The clinic says the treatment is approved, without a product name or document.",
        "Ask which approved product it is and for what use; check FDA's list of approved products.",
    ),
    "regulator_unknown": (
        "No regulator's authorisation for this treatment was shown.",
        "Ask the national health regulator of that country whether the clinic and this treatment are authorised "
        "(FDA advises asking the local regulator).",
    ),
    "regulator_document_missing": (
        "An authorisation was claimed, but no document or number was shown.",
        "Ask for the regulator's document and check it with that regulator.",
    ),
    "no_ad_notice": ("No COFEPRIS advertising notice number on the clinic's ads.", _COFEPRIS),
    "cells_unknown_origin": (
        "The origin of the cells is not documented.",
        "Ask in writing which cells, from whom, made by which lab; ISSCR lists undocumented cell sources as a "
        "warning sign.",
    ),
    "embryonic_fetal_cells": (
        "Embryonic or fetal cells were offered: donor-derived tumours have been reported after such cells.",
        "Ask your own doctor; see PLoS Med 2009.",
    ),
    "exosome_product": (
        "Exosome products are unapproved; FDA has warned of serious adverse events with them.",
        "FDA public safety alert on stem cell and exosome products.",
    ),
    "expanded_cells_no_authorisation": (
        "{cells} grown (expanded) in a lab are offered outside an authorised protocol: lab-grown cells are a "
        "product that needs a regulator's authorisation, and cultured cells carry a tumour risk.",
        "Ask for the regulator's authorisation of this product (FDA IND; COFEPRIS protocol authorisation).",
    ),
    "lab_not_named": (
        "The clinic won't name the lab that makes the cells.",
        "A clinic that won't say who made the product is a warning sign (COFEPRIS 2015; Hartnett 2021).",
    ),
    "lab_unknown": (
        "The lab that processes the cells and its licences are unknown.",
        "Ask for the lab's name and its licence (COFEPRIS in Mexico; FDA registration in the US), then check it "
        "with the regulator.",
    ),
    "no_certificate_of_analysis": (
        "No certificate of analysis for the batch of cells.",
        "Ask for the batch's test report: sterility, endotoxin, cell count and viability, identity.",
    ),
    "donor_not_screened": (
        "No explanation of how the donor was screened.",
        "Ask for the donor screening and testing records.",
    ),
    "no_ethics_review": (
        "No ethics committee (IRB) reviewed the protocol.",
        "Ask which committee approved it and when the approval expires (ISSCR).",
    ),
    "pay_to_participate": (
        "You would pay to take part in a 'study': pay-to-participate studies are a warning sign, and trials under "
        "an FDA IND may not charge patients for profit.",
        "Search ClinicalTrials.gov for the study and its sponsor; ask who pays for the trial (Turner 2017).",
    ),
    "no_consent_form": (
        "No written consent form listing the risks.",
        "Ask for the consent form before paying; read it with your own doctor.",
    ),
    "consent_online_only": (
        "Consent was only an online click-through, not a written form that lists the risks.",
        "Ask for the full written consent form, naming the ethics committee, before paying.",
    ),
    "high_risk_route": (
        "Injection {routes} outside a regulated trial. Harms reported: {harms}. "
        "An ethics committee or a trial listing does not change this.",
        "Discuss with an independent specialist; {harm_sources}.",
    ),
    "invasive_route": (
        "Cells given {routes} outside a regulated trial.",
        "Ask an independent specialist about the risks of this route.",
    ),
    "joint_without_imaging": (
        "Joint injection with no imaging guidance confirmed.",
        "Ask whether ultrasound or X-ray guidance is used.",
    ),
    "non_medical_setting": (
        "The procedure would happen outside a medical facility.",
        "Ask for the facility's licence; procedures need a sterile setting with emergency care.",
    ),
    "office_setting": (
        "The procedure would happen in a doctor's office, not a hospital or surgery centre.",
        "Ask what emergency equipment and trained staff are on site, and which hospital would take you if "
        "something went wrong.",
    ),
    "claims_cure": ("The clinic promised a cure or guaranteed results.", _TESTS),
    "claims_many_diseases": ("The same cells are offered for many unrelated diseases.", _TESTS),
    "claims_testimonials": (
        "The evidence offered is testimonials or the clinic's own case studies, which are not outcome data.",
        _TESTS,
    ),
    "claims_no_risk": ("The clinic said there is no risk, or that the risk is negligible.", _TESTS),
    "claims_universally_safe": (
        "The clinic said the cells are safe for everyone: no treatment is.",
        _TESTS,
    ),
    "claims_immune_privileged": (
        "The clinic said the cells are 'immune privileged': donor cells are at most immune evasive, and donor-specific "
        "antibodies have been found in about 1 in 9 patients.",
        "Ankrum 2014; Sanabria-de la Torre 2021. Ask your own doctor.",
    ),
    "claims_no_rejection": (
        "The clinic said the cells can't be rejected: donor cells can trigger immune reactions.",
        "Ankrum 2014; Sanabria-de la Torre 2021. Ask your own doctor.",
    ),
    "claims_no_side_effects": ("The clinic said there are no side effects.", _TESTS),
    "claims_fever_healing": (
        "The clinic presents fever as a sign of healing: after a cell injection, fever can be a sign of infection "
        "that needs urgent care.",
        "If you get a fever after any injection, seek medical care; CDC sepsis guidance.",
    ),
    "claims_proven": ("The clinic said the treatment is proven in many trials.", _TESTS),
    "deposit_before_evaluation": (
        "A deposit is asked before any medical evaluation.",
        "Ask for an itemised written quote and refund terms; do not pay before an evaluation.",
    ),
    "pressure_to_book": (
        "There is pressure to book quickly.",
        "Ask for an itemised written quote and refund terms; do not pay before an evaluation.",
    ),
    "price_changes": (
        "The price has changed.",
        "Ask for an itemised written quote and refund terms; do not pay before an evaluation.",
    ),
    "no_itemised_quote": (
        "No itemised written quote.",
        "Ask for a written, itemised quote including follow-up and treatment of complications.",
    ),
    "no_medical_evaluation": (
        "No medical evaluation before treatment.",
        "Ask who reviews your records and examines you, and share them with your own doctor.",
    ),
    "evaluation_remote_only": (
        "Only a remote review (records, video or phone), with no examination before deciding to treat.",
        "Ask who examines you in person before treatment, and share your records with your own doctor.",
    ),
    "no_follow_up_plan": (
        "No written follow-up plan or plan for complications.",
        "Ask who treats complications after you return home, and tell your own doctor.",
    ),
    "no_outcome_data": (
        "No published results for patients like you were offered.",
        "Ask for peer-reviewed, controlled results for your condition.",
    ),
}

_ABROAD_VERIFY = "{verify_regulator}"
# Flags of the countries with their own path. Each is stored with its country's code ({"country": "japan"})
# and put into words when shown: a (code, country) text if there is one, else the code's text below, with
# the regulator and where to verify from bot/countries.py. Sources: registries.md "Other destinations".
TEXTS.update(
    {
        "ethics_not_authorisation": (
            "Only an ethics committee's approval was mentioned. An ethics committee reviews a study; it does not "
            "show that {regulator} authorised this treatment.",
            _ABROAD_VERIFY,
        ),
        "permit_not_treatment": (
            "The clinic's permit covers collecting or storing cells, not treating patients with them.",
            _ABROAD_VERIFY,
        ),
        "facility_not_treatment": (
            "Only a facility certificate was shown: it covers the clinic and its staff, not this treatment.",
            _ABROAD_VERIFY,
        ),
        "no_filed_plan": (
            "No treatment plan number was given. In Japan, a certified committee must review a clinic's plan, and "
            "the plan must be filed, before anyone is treated. Doctors have been fined for treating without one.",
            _ABROAD_VERIFY,
        ),
        "filed_plan_not_approval": (
            "A plan filed under Japan's regenerative medicine law is not an approval. For most treatments the "
            "ministry only receives the plan. It does not judge whether the treatment works.",
            _ABROAD_VERIFY,
        ),
        "bank_cannot_distribute": (
            "The bank that supplies the cells has only INVIMA's certificate of sanitary conditions. Under "
            "Colombia's rules, such a bank may not yet supply cells.",
            _ABROAD_VERIFY,
        ),
        "bank_certificate_not_approval": (
            "An INVIMA bank certificate covers how the cells are handled; it is not an approval of the treatment.",
            _ABROAD_VERIFY,
        ),
        "hospital_exemption_not_approval": (
            "A hospital exemption is not an EU approval. It lets a hospital make a product for one patient's "
            "prescription. There is no EU list of these products.",
            "Ask for the national authority's permit and check it with that authority; the product must be made "
            "for you and used in a hospital.",
        ),
        "outside_research_rule": (
            "It is offered as a treatment, not as research. Reports say Thailand's Medical Council allows stem cell "
            "use beyond established uses only as research it has approved.",
            _ABROAD_VERIFY,
        ),
    }
)
COUNTRY_TEXTS: dict[tuple[str, str], tuple[str, str]] = {
    **{
        ("lab_unknown", code): (
            "The lab that processes the cells and its licences are unknown.",
            "Ask for the lab's name and the licence it holds from {regulator}, then confirm it with that regulator.",
        )
        for code in (*ABROAD, OTHER)
    },
    **{
        ("expanded_cells_no_authorisation", code): (
            "{cells} grown (expanded) in a lab are offered outside an authorised protocol: lab-grown cells are a "
            "product that needs a regulator's authorisation, and cultured cells carry a tumour risk.",
            "Ask for the authorisation of this product by {regulator}, in writing, and confirm it with them.",
        )
        for code in (*ABROAD, OTHER)
    },
    **{
        ("regulator_unknown", code): ("No authorisation from {regulator} for this treatment was shown.", _ABROAD_VERIFY)
        for code in ABROAD
    },
    **{
        ("regulator_document_missing", code): (
            "An authorisation from {regulator} was claimed, but no document or number was shown.",
            _ABROAD_VERIFY,
        )
        for code in ABROAD
    },
    ("regulator_unknown", BAHAMAS): (
        "No approval from the National Stem Cell Ethics Committee was shown. In the Bahamas, every stem cell "
        "therapy needs it.",
        _ABROAD_VERIFY,
    ),
    ("regulator_unknown", COLOMBIA): (
        "No INVIMA certificate was shown for the bank that supplies the cells. In Colombia, only certified banks "
        "may process and supply human cells.",
        _ABROAD_VERIFY,
    ),
    ("regulator_unknown", EU): (
        "No EU marketing authorisation or national hospital exemption permit was shown. In the EU, cell therapy "
        "medicines need one or the other.",
        _ABROAD_VERIFY,
    ),
    ("regulator_unknown", THAILAND): (
        "No Medical Council approval was shown. Reports say the Council allows stem cell use beyond established "
        "uses only as research it has approved.",
        _ABROAD_VERIFY,
    ),
    ("regulator_unknown", CAYMAN): ("No body's review of this treatment was shown.", _ABROAD_VERIFY),
    ("regulator_document_missing", JAPAN): (
        "A filed treatment plan was mentioned, but no plan number was given.",
        _ABROAD_VERIFY,
    ),
    ("ethics_not_authorisation", PANAMA): (
        "Only an ethics committee's approval was mentioned. Under Panama's 2018 decree, research goes to a "
        "bioethics committee, but treatment goes to MINSA's transplant committee.",
        _ABROAD_VERIFY,
    ),
    ("permit_not_treatment", COSTA_RICA): (
        "The clinic's permit covers collecting or storing cells, not treating patients. In 2010 Costa Rica's "
        "Ministry of Health stopped a clinic with such a permit from treating.",
        _ABROAD_VERIFY,
    ),
    ("facility_not_treatment", CAYMAN): (
        "Only a facility certificate was shown. The Health Practice Commission certifies clinics and registers "
        "doctors. We found no Cayman law on stem cell treatment.",
        _ABROAD_VERIFY,
    ),
    ("approval_claim_unsupported", EU): (
        "The clinic says the treatment is approved, but no stem cell product is approved in the EU for {condition}.",
        "Ask which product it is and check it with EMA; ask your own specialist.",
    ),
    ("approval_claim_unsupported", JAPAN): (
        "The clinic says the treatment is an approved product, but no stem cell product is approved in Japan for "
        "{condition}.",
        "Ask for the product's name and its approval; ask your own specialist.",
    ),
    ("approval_claim_unverified", EU): (
        "The clinic says the treatment is approved, without a product name or document.",
        _ABROAD_VERIFY,
    ),
    ("approval_claim_unverified", JAPAN): (
        "The clinic says the treatment is an approved product, without a product name or document.",
        _ABROAD_VERIFY,
    ),
}
TEXTS.update(registry_flags.TEXTS)  # a clinic's NCT number looked up at the source (bot/registry_flags.py)

# --- Spanish (plain Mexican Spanish, usted): the same facts and sources as the English texts above --------
_COFEPRIS_ES = (
    "Pida a la COFEPRIS (gob.mx/cofepris) que confirme la licencia o el aviso y qué cubre; un Aviso de "
    "Funcionamiento por sí solo no autoriza una terapia con células."
)
_IND_ES = (
    "Pida a la clínica la carta de la FDA que acusa recibo del IND; la Oficina de Comunicación, Divulgación y "
    "Desarrollo de la FDA (ocod@fda.hhs.gov) le puede decir si la clínica tiene permitido cobrarle."
)
_TESTS_ES = (
    "Pida ensayos clínicos publicados y controlados para su padecimiento; la ISSCR y el NMDP señalan esto como "
    "una señal de alerta."
)
_QUOTE_ES = (
    "Pida un presupuesto por escrito y desglosado, con las condiciones de reembolso; no pague antes de una "
    "evaluación médica."
)
_IMMUNE_ES = "Ankrum 2014; Sanabria-de la Torre 2021. Consulte a su propio médico."
TEXTS_ES: dict[str, tuple[str, str]] = {
    "physician_licence_missing": ("No se dio {credential} del médico tratante.", "{verify}"),
    "only_aviso": (
        "Solo se mostró un Aviso de Funcionamiento: se presenta sin inspección y no demuestra que la COFEPRIS "
        "haya autorizado la clínica, y mucho menos una terapia con células.",
        _COFEPRIS_ES,
    ),
    "facility_licence_missing": ("No se dio la Licencia Sanitaria de la COFEPRIS de la clínica.", _COFEPRIS_ES),
    "facility_licence_number_missing": (
        "Le dijeron que hay una licencia, pero no le dieron el documento ni el número: una licencia que solo se "
        "menciona no se puede verificar.",
        _COFEPRIS_ES,
    ),
    "licence_title_unknown": (
        "Le dieron un número sin el título del documento: un número de Aviso de Funcionamiento se parece a un "
        "número de licencia.",
        "Pregunte si el documento se titula Licencia Sanitaria o Aviso de Funcionamiento, y pida una copia. "
        + _COFEPRIS_ES,
    ),
    "no_protocol_authorisation": (
        "No hay autorización de la COFEPRIS para el protocolo de tratamiento: la licencia de una clínica cubre el "
        "establecimiento, no la terapia, y en 2020 la COFEPRIS dijo que no había autorizado ningún protocolo de "
        "tratamiento con células madre.",
        "Pida por escrito la autorización del protocolo de la COFEPRIS y confírmela con la COFEPRIS.",
    ),
    "fda_registered_not_approved": (
        "Le presentaron 'registrado ante la FDA' como si fuera una aprobación; un registro no es una aprobación.",
        _IND_ES,
    ),
    "nct_not_ind": (
        "Solo le dieron un registro en ClinicalTrials.gov (número NCT): cualquiera puede registrar un estudio ahí, "
        "y estar registrado no es una autorización de la FDA. Un producto de células no aprobado necesita un IND "
        "de la FDA, aunque sean sus propias células.",
        "Pida el número IND y la carta de la FDA que acusa recibo; revise en el registro NCT quién patrocina el "
        "estudio y en qué sitios se hace.",
    ),
    "no_ind_or_approval": (
        "No le dieron un IND para un tratamiento que la FDA no ha aprobado para este uso.",
        _IND_ES,
    ),
    "approval_claim_unsupported": (
        "La clínica dice que el tratamiento está aprobado, pero la FDA no ha aprobado ningún producto de células "
        "madre para {condition}.",
        "Revise la lista de la FDA de productos de terapia celular y génica aprobados; pregunte a su propio "
        "especialista.",
    ),
    "approval_claim_unverified": (
        "La clínica dice que el tratamiento está aprobado, sin dar el nombre del producto ni un documento.",
        "Pregunte qué producto aprobado es y para qué uso; revise la lista de productos aprobados de la FDA.",
    ),
    "regulator_unknown": (
        "No le mostraron ninguna autorización de la autoridad sanitaria para este tratamiento.",
        "Pregunte a la autoridad sanitaria nacional de ese país si la clínica y este tratamiento están "
        "autorizados (la FDA aconseja preguntar a la autoridad local).",
    ),
    "regulator_document_missing": (
        "Le dijeron que hay una autorización, pero no le mostraron el documento ni el número.",
        "Pida el documento de la autoridad sanitaria y confírmelo con esa autoridad.",
    ),
    "no_ad_notice": (
        "La publicidad de la clínica no muestra un número de aviso de publicidad de la COFEPRIS.",
        _COFEPRIS_ES,
    ),
    "cells_unknown_origin": (
        "No está documentado de dónde vienen las células.",
        "Pregunte por escrito qué células son, de quién vienen y qué laboratorio las prepara; la ISSCR señala el "
        "origen no documentado de las células como una señal de alerta.",
    ),
    "embryonic_fetal_cells": (
        "Le ofrecieron células embrionarias o fetales: se han reportado tumores formados a partir de células del "
        "donante después de usarlas.",
        "Consulte a su propio médico; vea PLoS Med 2009.",
    ),
    "exosome_product": (
        "Los productos de exosomas no están aprobados; la FDA ha advertido de eventos adversos graves con ellos.",
        "Alerta de seguridad pública de la FDA sobre productos de células madre y de exosomas.",
    ),
    "expanded_cells_no_authorisation": (
        "Le ofrecen {cells} cultivadas (expandidas) en un laboratorio fuera de un protocolo autorizado: las "
        "células cultivadas son un producto que necesita la autorización de la autoridad sanitaria, y las células "
        "cultivadas tienen riesgo de formar tumores.",
        "Pida la autorización de este producto por la autoridad sanitaria (un IND de la FDA; la autorización del "
        "protocolo de la COFEPRIS).",
    ),
    "lab_not_named": (
        "La clínica no quiere decir qué laboratorio prepara las células.",
        "Que una clínica no diga quién hizo el producto es una señal de alerta (COFEPRIS 2015; Hartnett 2021).",
    ),
    "lab_unknown": (
        "No se sabe qué laboratorio procesa las células ni qué licencias tiene.",
        "Pida el nombre del laboratorio y su licencia (la COFEPRIS en México; el registro ante la FDA en EE. UU.) "
        "y confírmela con la autoridad sanitaria.",
    ),
    "no_certificate_of_analysis": (
        "No hay certificado de análisis del lote de células.",
        "Pida el informe de pruebas del lote: esterilidad, endotoxinas, número de células y viabilidad, identidad.",
    ),
    "donor_not_screened": (
        "No le explicaron cómo se revisó al donante.",
        "Pida los registros de la evaluación y de las pruebas que se hicieron al donante.",
    ),
    "no_ethics_review": (
        "Ningún comité de ética (IRB) revisó el protocolo.",
        "Pregunte qué comité lo aprobó y cuándo vence esa aprobación (ISSCR).",
    ),
    "pay_to_participate": (
        "Usted pagaría por participar en un 'estudio': los estudios en los que el paciente paga por participar "
        "son una señal de alerta, y los ensayos con un IND de la FDA no pueden cobrar a los pacientes para tener "
        "ganancias.",
        "Busque el estudio y a quien lo patrocina en ClinicalTrials.gov; pregunte quién paga el ensayo (Turner 2017).",
    ),
    "no_consent_form": (
        "No hay un formato de consentimiento informado por escrito que explique los riesgos.",
        "Pida el formato de consentimiento antes de pagar; léalo con su propio médico.",
    ),
    "consent_online_only": (
        "El consentimiento fue solo un clic en línea, no un formato por escrito que explique los riesgos.",
        "Antes de pagar, pida el formato de consentimiento informado completo por escrito, con el nombre del "
        "comité de ética.",
    ),
    "high_risk_route": (
        "Inyección {routes} fuera de un ensayo clínico regulado. Daños reportados: {harms}. Un comité de ética o un "
        "registro del ensayo no cambian esto.",
        "Háblelo con un especialista independiente; {harm_sources}.",
    ),
    "invasive_route": (
        "Células aplicadas {routes} fuera de un ensayo clínico regulado.",
        "Pregunte a un especialista independiente por los riesgos de esta vía.",
    ),
    "joint_without_imaging": (
        "Inyección en la articulación sin guía de imagen confirmada.",
        "Pregunte si usan guía con ultrasonido o rayos X.",
    ),
    "non_medical_setting": (
        "El procedimiento se haría fuera de un establecimiento médico.",
        "Pida la licencia del establecimiento; un procedimiento necesita un lugar estéril con atención de emergencias.",
    ),
    "office_setting": (
        "El procedimiento se haría en un consultorio, no en un hospital ni en un quirófano.",
        "Pregunte qué equipo y personal para emergencias tienen ahí, y a qué hospital lo llevarían si algo "
        "saliera mal.",
    ),
    "claims_cure": ("La clínica prometió una cura o garantizó resultados.", _TESTS_ES),
    "claims_many_diseases": ("Ofrecen las mismas células para muchas enfermedades que no tienen relación.", _TESTS_ES),
    "claims_testimonials": (
        "Las pruebas que le ofrecen son testimonios o casos de la propia clínica, y eso no son datos de resultados.",
        _TESTS_ES,
    ),
    "claims_no_risk": ("La clínica dijo que no hay riesgo, o que el riesgo es mínimo.", _TESTS_ES),
    "claims_universally_safe": (
        "La clínica dijo que las células sirven sin riesgo para todos: ningún tratamiento es así.",
        _TESTS_ES,
    ),
    "claims_immune_privileged": (
        "La clínica dijo que las células tienen 'privilegio inmunológico': las células de donante, cuando mucho, "
        "esquivan en parte al sistema inmune, y se han encontrado anticuerpos contra el donante en cerca de 1 de "
        "cada 9 pacientes.",
        _IMMUNE_ES,
    ),
    "claims_no_rejection": (
        "La clínica dijo que las células no se pueden rechazar: las células de donante pueden causar reacciones "
        "del sistema inmune.",
        _IMMUNE_ES,
    ),
    "claims_no_side_effects": ("La clínica dijo que no hay efectos secundarios.", _TESTS_ES),
    "claims_fever_healing": (
        "La clínica presenta la fiebre como señal de curación: después de una inyección de células, la fiebre "
        "puede ser señal de una infección que necesita atención urgente.",
        "Si le da fiebre después de cualquier inyección, busque atención médica; guía de los CDC sobre sepsis.",
    ),
    "claims_proven": ("La clínica dijo que el tratamiento está comprobado en muchos ensayos.", _TESTS_ES),
    "deposit_before_evaluation": ("Le piden un anticipo antes de cualquier evaluación médica.", _QUOTE_ES),
    "pressure_to_book": ("Lo presionan para que reserve pronto.", _QUOTE_ES),
    "price_changes": ("El precio ha cambiado.", _QUOTE_ES),
    "no_itemised_quote": (
        "No hay un presupuesto desglosado por escrito.",
        "Pida un presupuesto por escrito y desglosado que incluya el seguimiento y la atención de complicaciones.",
    ),
    "no_medical_evaluation": (
        "No hay evaluación médica antes del tratamiento.",
        "Pregunte quién revisa su expediente y quién lo examina, y compártalo con su propio médico.",
    ),
    "evaluation_remote_only": (
        "Solo hubo una revisión a distancia (expediente, video o teléfono), sin un examen antes de decidir tratarlo.",
        "Pregunte quién lo examina en persona antes del tratamiento, y comparta su expediente con su propio médico.",
    ),
    "no_follow_up_plan": (
        "No hay un plan de seguimiento ni un plan para complicaciones por escrito.",
        "Pregunte quién atiende las complicaciones cuando usted regrese a casa, y avise a su propio médico.",
    ),
    "no_outcome_data": (
        "No le ofrecieron resultados publicados de pacientes como usted.",
        "Pida resultados controlados y revisados por otros expertos para su padecimiento.",
    ),
    "ethics_not_authorisation": (
        "Solo se mencionó la aprobación de un comité de ética. Un comité de ética revisa un estudio; no demuestra "
        "que haya autorización para este tratamiento. Quien debe autorizarlo: {regulator}.",
        _ABROAD_VERIFY,
    ),
    "permit_not_treatment": (
        "El permiso de la clínica cubre recolectar o guardar células, no tratar pacientes con ellas.",
        _ABROAD_VERIFY,
    ),
    "facility_not_treatment": (
        "Solo le mostraron un certificado del establecimiento: cubre la clínica y a su personal, no este tratamiento.",
        _ABROAD_VERIFY,
    ),
    "no_filed_plan": (
        "No le dieron un número de plan de tratamiento. En Japón, un comité certificado debe revisar el plan de "
        "la clínica, y el plan debe registrarse, antes de tratar a cualquier persona. Ha habido médicos multados "
        "por tratar sin plan.",
        _ABROAD_VERIFY,
    ),
    "filed_plan_not_approval": (
        "Un plan registrado según la ley de medicina regenerativa de Japón no es una aprobación. Para la mayoría "
        "de los tratamientos, el ministerio solo recibe el plan. No juzga si el tratamiento funciona.",
        _ABROAD_VERIFY,
    ),
    "bank_cannot_distribute": (
        "El banco que entrega las células solo tiene el certificado de condiciones sanitarias del INVIMA. Según "
        "las reglas de Colombia, un banco así todavía no puede entregar células.",
        _ABROAD_VERIFY,
    ),
    "bank_certificate_not_approval": (
        "Un certificado de banco del INVIMA trata de cómo se manejan las células; no es una aprobación del "
        "tratamiento.",
        _ABROAD_VERIFY,
    ),
    "hospital_exemption_not_approval": (
        "Una exención hospitalaria no es una aprobación de la Unión Europea. Permite que un hospital fabrique un "
        "producto con la receta de un solo paciente. No hay una lista europea de estos productos.",
        "Pida el permiso de la autoridad nacional y confírmelo con esa autoridad; el producto debe fabricarse "
        "para usted y usarse en un hospital.",
    ),
    "outside_research_rule": (
        "Se ofrece como tratamiento, no como investigación. Según algunos reportes, el Consejo Médico de "
        "Tailandia solo permite usar células madre fuera de los usos ya establecidos en investigación que el "
        "Consejo haya aprobado.",
        _ABROAD_VERIFY,
    ),
}
COUNTRY_TEXTS_ES: dict[tuple[str, str], tuple[str, str]] = {
    **{
        ("lab_unknown", code): (
            "No se sabe qué laboratorio procesa las células ni qué licencias tiene.",
            "Pida el nombre del laboratorio y su licencia. Quien la otorga: {regulator}; confírmela con esa autoridad.",
        )
        for code in (*ABROAD, OTHER)
    },
    **{
        ("expanded_cells_no_authorisation", code): (
            "Le ofrecen {cells} cultivadas (expandidas) en un laboratorio fuera de un protocolo autorizado: las "
            "células cultivadas son un producto que necesita la autorización de la autoridad sanitaria, y las "
            "células cultivadas tienen riesgo de formar tumores.",
            "Pida por escrito la autorización de este producto por {regulator}, y confírmela con esa autoridad.",
        )
        for code in (*ABROAD, OTHER)
    },
    **{
        ("regulator_unknown", code): (
            "No le mostraron ninguna autorización para este tratamiento. Quien debe autorizarlo: {regulator}.",
            _ABROAD_VERIFY,
        )
        for code in ABROAD
    },
    **{
        ("regulator_document_missing", code): (
            "Le dijeron que hay una autorización, pero no le mostraron el documento ni el número. Quien debe "
            "darla: {regulator}.",
            _ABROAD_VERIFY,
        )
        for code in ABROAD
    },
    ("regulator_unknown", BAHAMAS): (
        "No le mostraron la aprobación del Comité Nacional de Ética de Células Madre. En las Bahamas, toda "
        "terapia con células madre la necesita.",
        _ABROAD_VERIFY,
    ),
    ("regulator_unknown", COLOMBIA): (
        "No le mostraron el certificado del INVIMA del banco que entrega las células. En Colombia, solo los "
        "bancos certificados pueden procesar y entregar células humanas.",
        _ABROAD_VERIFY,
    ),
    ("regulator_unknown", EU): (
        "No le mostraron una autorización de comercialización de la Unión Europea ni un permiso nacional de "
        "exención hospitalaria. En la Unión Europea, los medicamentos de terapia celular necesitan uno u otro.",
        _ABROAD_VERIFY,
    ),
    ("regulator_unknown", THAILAND): (
        "No le mostraron la aprobación del Consejo Médico. Según algunos reportes, el Consejo solo permite usar "
        "células madre fuera de los usos ya establecidos en investigación que el Consejo haya aprobado.",
        _ABROAD_VERIFY,
    ),
    ("regulator_unknown", CAYMAN): (
        "No le mostraron que algún organismo haya revisado este tratamiento.",
        _ABROAD_VERIFY,
    ),
    ("regulator_document_missing", JAPAN): (
        "Le mencionaron un plan de tratamiento registrado, pero no le dieron el número del plan.",
        _ABROAD_VERIFY,
    ),
    ("ethics_not_authorisation", PANAMA): (
        "Solo se mencionó la aprobación de un comité de ética. Según el decreto de 2018 de Panamá, la "
        "investigación pasa por un comité de bioética, pero el tratamiento pasa por el comité de trasplantes del "
        "MINSA.",
        _ABROAD_VERIFY,
    ),
    ("permit_not_treatment", COSTA_RICA): (
        "El permiso de la clínica cubre recolectar o guardar células, no tratar pacientes. En 2010 el Ministerio "
        "de Salud de Costa Rica impidió que una clínica con un permiso así siguiera tratando pacientes.",
        _ABROAD_VERIFY,
    ),
    ("facility_not_treatment", CAYMAN): (
        "Solo le mostraron un certificado del establecimiento. La Comisión de Práctica de la Salud certifica "
        "clínicas y registra médicos. No encontramos ninguna ley de las Islas Caimán sobre tratamientos con "
        "células madre.",
        _ABROAD_VERIFY,
    ),
    ("approval_claim_unsupported", EU): (
        "La clínica dice que el tratamiento está aprobado, pero en la Unión Europea no hay ningún producto de "
        "células madre aprobado para {condition}.",
        "Pregunte qué producto es y confírmelo con la EMA; pregunte a su propio especialista.",
    ),
    ("approval_claim_unsupported", JAPAN): (
        "La clínica dice que el tratamiento es un producto aprobado, pero en Japón no hay ningún producto de "
        "células madre aprobado para {condition}.",
        "Pida el nombre del producto y su aprobación; pregunte a su propio especialista.",
    ),
    ("approval_claim_unverified", EU): (
        "La clínica dice que el tratamiento está aprobado, sin dar el nombre del producto ni un documento.",
        _ABROAD_VERIFY,
    ),
    ("approval_claim_unverified", JAPAN): (
        "La clínica dice que el tratamiento es un producto aprobado, sin dar el nombre del producto ni un documento.",
        _ABROAD_VERIFY,
    ),
}
TEXTS_ES.update(registry_flags.TEXTS_ES)

# Parameters of flags stored before they had any (revision 0001 rows) fall back to these words.
_DEFAULT_PARAMS = {
    "credential": "licence number",
    "verify": "Check the licence with the body that issued it.",
    "routes": "into a high-risk site",
    "cells": "Cells",
    "condition": "this condition",
}
_DEFAULT_PARAMS.update({k: v for k, v in registry_flags.DEFAULT_PARAMS.items() if k not in _DEFAULT_PARAMS})

_DEFAULT_PARAMS_ES = {
    "credential": "el número de licencia",
    "verify": "Confirme la licencia con el organismo que la emitió.",
    "routes": "en un sitio de alto riesgo",
    "cells": "células",
    "condition": "este padecimiento",
}
_DEFAULT_PARAMS_ES.update({k: v for k, v in registry_flags.DEFAULT_PARAMS_ES.items() if k not in _DEFAULT_PARAMS_ES})
_ROUTES_ES = {
    "into the spinal canal": "en el canal de la columna (canal raquídeo)",
    "into the eye": "en el ojo",
    "into the brain": "en el cerebro",
    "into an organ": "en un órgano",
    "through the nose": "por la nariz",
    "into a high-risk site": "en un sitio de alto riesgo",
}
# Stored parameters are English words (flags keep their parameters as stored, no migration); these are the
# Spanish words for every value the rules store. A value not listed here is shown as stored.
_PARAMS_ES: dict[str, dict[str, str]] = {
    "credential": {
        "cédula profesional": "la cédula profesional",
        "medical licence number": "el número de licencia médica",
        "medical licence or registration number": "el número de licencia o de registro médico",
        "licence number": "el número de licencia",
    },
    "verify": {
        VERIFY[Kind.CEDULA]: "Busque el número y el nombre del médico en cedulaprofesional.sep.gob.mx (SEP, "
        "Registro Nacional de Profesionistas); los especialistas también tienen una cédula de especialidad.",
        VERIFY[Kind.US_LICENSE]: "Busque al médico en el buscador de licencias de la junta médica del estado (o en "
        "docinfo.org) y revise el nombre, el estado de la licencia y si tiene sanciones.",
        "Check the licence with the body that issued it.": "Confirme la licencia con el organismo que la emitió.",
        **{REGULATORS[code].doctor_check: REGULATORS_ES[code].doctor_check for code in REGULATORS},
    },
    "cells": {"Donor cells": "células de donante", "Cells": "células"},
}
_NOT_YET_KNOWN = {"en": "Not yet known: ", "es": "Todavía no se sabe: "}
# What a skipped or "I don't know" answer leaves open, said as an open question: "Not yet known: no ethics committee
# reviewed the protocol" read as a contradiction (an exploratory session, 2026-12-01). The flag's own text (what a
# "no" means) stays for the answer "no"; how to verify is the same for both.
UNKNOWN_TEXTS: dict[str, str] = {
    "cells_unknown_origin": "where the cells come from.",
    "donor_not_screened": "how the donor was screened.",
    "facility_licence_missing": "whether the clinic has a COFEPRIS licencia sanitaria.",
    "no_ad_notice": "whether the clinic's ads show a COFEPRIS advertising notice number.",
    "no_certificate_of_analysis": "whether you will get a certificate of analysis for your batch of cells.",
    "no_consent_form": "whether there is a written consent form that lists the risks.",
    "no_ethics_review": "whether an ethics committee (IRB) reviewed the protocol.",
    "no_follow_up_plan": "whether there is a written follow-up plan and a plan for complications.",
    "no_ind_or_approval": "whether there is an FDA IND for this treatment, which is not FDA-approved for this use.",
    "no_itemised_quote": "whether you will get an itemised written quote.",
    "no_medical_evaluation": "whether a doctor will evaluate you before the treatment.",
    "no_outcome_data": "whether they can show published results for patients like you.",
    "no_protocol_authorisation": "whether COFEPRIS authorised the treatment protocol. A clinic's licence covers the "
    "building, not the therapy, and COFEPRIS said in 2020 it had authorised no stem cell treatment protocol.",
    "regulator_unknown": "whether {regulator} authorised this treatment.",
}
UNKNOWN_TEXTS_ES: dict[str, str] = {
    "cells_unknown_origin": "de dónde vienen las células.",
    "donor_not_screened": "cómo se revisó al donante.",
    "facility_licence_missing": "si la clínica tiene Licencia Sanitaria de la COFEPRIS.",
    "no_ad_notice": "si la publicidad de la clínica muestra un número de aviso de publicidad de la COFEPRIS.",
    "no_certificate_of_analysis": "si le darán un certificado de análisis del lote de sus células.",
    "no_consent_form": "si hay un formato de consentimiento informado por escrito que explique los riesgos.",
    "no_ethics_review": "si un comité de ética (IRB) revisó el protocolo.",
    "no_follow_up_plan": "si hay por escrito un plan de seguimiento y un plan para complicaciones.",
    "no_ind_or_approval": "si hay un IND de la FDA para este tratamiento, que la FDA no ha aprobado para este uso.",
    "no_itemised_quote": "si le darán un presupuesto desglosado por escrito.",
    "no_medical_evaluation": "si un médico le hará una evaluación antes del tratamiento.",
    "no_outcome_data": "si le pueden mostrar resultados publicados de pacientes como usted.",
    "no_protocol_authorisation": "si la COFEPRIS autorizó el protocolo de tratamiento. La licencia de una clínica "
    "cubre el establecimiento, no la terapia, y en 2020 la COFEPRIS dijo que no había autorizado ningún protocolo de "
    "tratamiento con células madre.",
    "regulator_unknown": "si {regulator} autorizó este tratamiento.",
}
_FALLBACK_VERIFY = {"en": "Ask the clinic in writing.", "es": "Pregunte a la clínica por escrito."}


def _spanish_params(params: Mapping[str, str]) -> dict[str, str]:
    out = {key: _PARAMS_ES.get(key, {}).get(value, value) for key, value in params.items()}
    if "condition" in params:  # stored as the cards' English names ("Autism / Cerebral palsy")
        names = {card.name: card.name_in("es") for card in conditions.load_cards().values()}
        names["this condition"] = "este padecimiento"
        out["condition"] = " / ".join(names.get(part, part) for part in params["condition"].split(" / "))
    if "routes" in params:
        out["routes"] = " y ".join(_ROUTES_ES.get(part, part) for part in params["routes"].split(" and "))
    return registry_flags.spanish_params(out)


Rule = Callable[[Mapping[str, str], str], list[FlagRecord]]


def _flag(code: str, severity: str, **params: str) -> FlagRecord:
    return FlagRecord(code=code, severity=severity, params=params)


def _unknown(code: str, severity: str, **params: str) -> FlagRecord:
    """The "not yet known" form of a flag: one step less severe (high -> medium, medium -> low)."""
    lower = MEDIUM if severity == HIGH else LOW
    return _flag(code + UNKNOWN_SUFFIX, lower, **params)


def _codes(v: Mapping[str, str], question: str) -> set[str]:
    return set((v.get(question) or "").split(","))


# Abroad: the answers to the regulator question that show the regulator authorised the treatment.
_AUTHORISING = {
    PANAMA: {"document_shown", "number"},
    COLOMBIA: set(),  # a bank's certificate covers handling cells, not a treatment
    COSTA_RICA: {"document_shown", "number"},
    BAHAMAS: {"document_shown", "number"},  # the NSCEC's approval
    CAYMAN: set(),  # no body that reviews stem cell treatment was found
    JAPAN: {"plan_number"},
    THAILAND: {"document_shown", "number"},  # the Medical Council's research approval
    EU: {"hospital_exemption", "document_shown", "number"},
}
# Where the authorisation is of a treatment rather than a trial (a filed plan, a hospital exemption), only a
# study that is free for the patient counts as a regulated trial.
_TRIAL_ONLY_IF_FREE = {JAPAN, EU}


def regulated_trial(v: Mapping[str, str], where: str) -> bool:
    """Only a confirmed FDA IND (US) or a COFEPRIS protocol authorisation (Mexico), without paying to take part;
    abroad, the regulator's authorisation that the country's path asks for.

    An IRB's approval or a ClinicalTrials.gov number never counts.
    """
    if v.get("study_payment") == "paid_study":
        return False
    if where == US:
        return v.get("facility_licence") == "ind"
    if where == MEXICO:
        return v.get("protocol_authorised") == YES
    if where in _AUTHORISING:
        if where in _TRIAL_ONLY_IF_FREE and v.get("study_payment") != "free_study":
            return False
        return v.get("facility_licence") in _AUTHORISING[where]
    return v.get("facility_licence") in ("document_shown", "number")


def authorised(v: Mapping[str, str], where: str) -> bool:
    """The regulator authorised this treatment or protocol (a regulated trial, or abroad the country's permit)."""
    if where in _AUTHORISING and v.get("study_payment") != "paid_study":
        return v.get("facility_licence") in _AUTHORISING[where]
    return regulated_trial(v, where)


# --- the rules ------------------------------------------------------------------------------------------
def _physician(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    answer = v.get("physician")
    kind = Kind.CEDULA if where == MEXICO else Kind.US_LICENSE
    params = {"credential": "cédula profesional" if where == MEXICO else "medical licence number"}
    params["verify"] = VERIFY[kind]
    if where in ABROAD:
        params = {"credential": "medical licence or registration number", "verify": regulator_of(where).doctor_check}
    if answer in (NO, REFUSED):
        return [_flag("physician_licence_missing", HIGH, **params)]
    if answer == "name_only" or answer in NOT_GIVEN_VALUES:
        return [_flag("physician_licence_missing", MEDIUM, **params)]
    return []


def _facility(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    answer = v.get("facility_licence")
    if answer is None:
        return []
    if where == MEXICO:
        table = {
            "aviso_only": ("only_aviso", HIGH),
            NO: ("facility_licence_missing", HIGH),
            REFUSED: ("facility_licence_missing", HIGH),
            "licence_claimed": ("facility_licence_number_missing", MEDIUM),
            "number": ("licence_title_unknown", MEDIUM),
        }
        if answer in table:
            return [_flag(*table[answer])]
        return [_unknown("facility_licence_missing", HIGH)] if answer in NOT_GIVEN_VALUES else []
    if where == US:
        if answer == "fda_registered_only":
            return [_flag("fda_registered_not_approved", HIGH)]
        if answer == "nct_only":
            return [_flag("nct_not_ind", HIGH)]
        if answer == "approved_claim":
            return _approval_claim(v)
        if answer in (NO, REFUSED):
            return [_flag("no_ind_or_approval", HIGH)]
        return [_unknown("no_ind_or_approval", HIGH)] if answer in NOT_GIVEN_VALUES else []
    if where in ABROAD:
        return _facility_abroad(answer, v, where)
    if answer in (NO, REFUSED):
        return [_flag("regulator_unknown", HIGH)]
    if answer == "licence_claimed":
        return [_flag("regulator_document_missing", MEDIUM)]
    return [_unknown("regulator_unknown", HIGH)] if answer in NOT_GIVEN_VALUES else []


_ABROAD_ANSWERS = {
    "licence_claimed": ("regulator_document_missing", MEDIUM),
    "plan_claimed": ("regulator_document_missing", MEDIUM),
    "ethics_only": ("ethics_not_authorisation", HIGH),
    "storage_only": ("permit_not_treatment", HIGH),
    "facility_only": ("facility_not_treatment", MEDIUM),
    "conditions_only": ("bank_cannot_distribute", HIGH),
    "bank_certificate": ("bank_certificate_not_approval", LOW),
    "plan_number": ("filed_plan_not_approval", LOW),
    "hospital_exemption": ("hospital_exemption_not_approval", LOW),
}
_APPROVED_WHERE = {EU: "EU", JAPAN: "Japan"}


def _facility_abroad(answer: str, v: Mapping[str, str], where: str) -> list[FlagRecord]:
    """The regulator's document in a country with its own path; each flag names its country."""
    missing = "no_filed_plan" if where == JAPAN else "regulator_unknown"
    if answer in (NO, REFUSED):
        return [_flag(missing, HIGH, country=where)]
    if answer in NOT_GIVEN_VALUES:
        return [_unknown(missing, HIGH, country=where)]
    if answer == "approved_claim":
        return _approval_claim(v, _APPROVED_WHERE.get(where, "US"), where)
    if answer in _ABROAD_ANSWERS:
        code, severity = _ABROAD_ANSWERS[answer]
        return [_flag(code, severity, country=where)]
    return []


def _approval_claim(v: Mapping[str, str], region: str = "US", where: str | None = None) -> list[FlagRecord]:
    keys = conditions.keys_of(v.get("condition"))
    place = {"country": where} if where else {}
    if not keys:
        return [_flag("approval_claim_unverified", MEDIUM, **place)]
    if any(approved.approved_in(key, region) for key in keys):
        return []  # e.g. licensed cord blood for a leukaemia transplant: approved care, at transplant centres
    return [_flag("approval_claim_unsupported", HIGH, condition=conditions.display_name(v.get("condition")), **place)]


def _research_only(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    """Thailand: sold as a treatment, not as approved research, for a condition with no approved product."""
    if where != THAILAND or v.get("study_payment") != "not_a_study":
        return []
    keys = conditions.keys_of(v.get("condition"))
    if any(p.current and p.stem_cell for key in keys for p in approved.products_for(key)):
        return []  # an established use, e.g. a blood stem cell transplant
    return [_flag("outside_research_rule", HIGH, country=where)]


def _protocol(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    answer = v.get("protocol_authorised")
    if answer in (NO, REFUSED, "licence_only"):
        return [_flag("no_protocol_authorisation", HIGH)]
    if answer in NOT_GIVEN_VALUES:
        return [_unknown("no_protocol_authorisation", HIGH)]
    return []


def _yes_required(code: str, question: str, severity: str) -> Rule:
    def rule(v: Mapping[str, str], where: str) -> list[FlagRecord]:
        answer = v.get(question)
        if answer in (NO, REFUSED):
            return [_flag(code, severity)]
        if answer in NOT_GIVEN_VALUES:
            return [_unknown(code, severity)]
        return []

    rule.__name__ = f"_{question}"
    return rule


def _cells(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    answer = v.get("cell_source")
    codes = _codes(v, "cell_source")
    flags = []
    if "unknown_origin" in codes or answer == UNKNOWN:
        flags.append(_flag("cells_unknown_origin", HIGH))  # the clinic has not said where its cells come from
    elif answer in NOT_GIVEN_VALUES:
        flags.append(_unknown("cells_unknown_origin", HIGH))  # skipped: not yet known (a serious flag before)
    if "embryonic" in codes:
        flags.append(_flag("embryonic_fetal_cells", HIGH))
    if "exosomes" in codes:
        flags.append(_flag("exosome_product", MEDIUM))
    return flags


def _expanded(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    if v.get("expanded") != YES or authorised(v, where):
        return []
    donor = bool(_codes(v, "cell_source") & set(DONOR_CELLS))
    place = _elsewhere(v, where)
    if donor:
        return [_flag("expanded_cells_no_authorisation", HIGH, cells="Donor cells", **place)]
    return [_flag("expanded_cells_no_authorisation", MEDIUM, cells="Cells", **place)]


def _elsewhere(v: Mapping[str, str], where: str | None) -> dict[str, str]:
    """The country parameter of a flag whose advice names Mexico's and the US's regulators unless told the country
    (one of ABROAD, or "another country" chosen; not a place still unknown): a Panama check was told to ask COFEPRIS
    or the FDA about its lab (an exploratory session, 2026-12-01)."""
    return {"country": where} if where in ABROAD or (where == OTHER and v.get("location") == OTHER) else {}


def _lab(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    answer = v.get("lab")
    if answer == REFUSED:
        return [_flag("lab_not_named", HIGH)]
    if answer == NO or answer in NOT_GIVEN_VALUES:
        return [_flag("lab_unknown", MEDIUM, **_elsewhere(v, where))]
    return []


def _study_payment(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    return [_flag("pay_to_participate", HIGH)] if v.get("study_payment") == "paid_study" else []


def _consent(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    if v.get("consent_form") == "online_only":
        return [_flag("consent_online_only", MEDIUM)]
    return _yes_required("no_consent_form", "consent_form", HIGH)(v, where)


def _route(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    codes = _codes(v, "route")
    flags = [_flag("joint_without_imaging", LOW)] if "joint" in codes else []
    if regulated_trial(v, where):
        return flags
    risky = [text for code, text in HIGH_RISK_ROUTES.items() if code in codes]
    if risky:
        flags.append(_flag("high_risk_route", HIGH, routes=" and ".join(risky)))
    invasive = [text for code, text in OTHER_INVASIVE_ROUTES.items() if code in codes]
    if invasive:
        flags.append(_flag("invasive_route", MEDIUM, routes=" and ".join(invasive)))
    return flags


def _setting(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    setting = v.get("setting")
    if setting == "hotel_office":
        return [_flag("non_medical_setting", HIGH)]
    return [_flag("office_setting", MEDIUM)] if setting == "medical_office" else []


_CLAIMS = {
    "cure": HIGH,
    "many_diseases": HIGH,
    "no_risk": HIGH,
    "universally_safe": HIGH,
    "immune_privileged": HIGH,
    "no_rejection": HIGH,
    "no_side_effects": HIGH,
    "fever_healing": HIGH,
    "testimonials": MEDIUM,
    "proven": MEDIUM,
}
_SALES = {
    "deposit_first": "deposit_before_evaluation",
    "pressure": "pressure_to_book",
    "price_changed": "price_changes",
}


def _claims(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    codes = _codes(v, "claims")
    flags = [_flag(f"claims_{claim}", severity) for claim, severity in _CLAIMS.items() if claim in codes]
    if v.get("outcome_data") == "testimonials" and "testimonials" not in codes:
        flags.append(_flag("claims_testimonials", MEDIUM))
    return flags


def _sales(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    codes = _codes(v, "sales")
    return [_flag(code, MEDIUM) for key, code in _SALES.items() if key in codes]


def _quote(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    return _yes_required("no_itemised_quote", "quote", MEDIUM)(v, where)


def _evaluation(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    if v.get("medical_evaluation") == "remote_only":
        return [_flag("evaluation_remote_only", MEDIUM)]
    return _yes_required("no_medical_evaluation", "medical_evaluation", HIGH)(v, where)


def _outcome(v: Mapping[str, str], where: str) -> list[FlagRecord]:
    if v.get("outcome_data") == "testimonials":
        return [_flag("no_outcome_data", MEDIUM)]
    return _yes_required("no_outcome_data", "outcome_data", MEDIUM)(v, where)


RULES: tuple[Rule, ...] = (
    _physician,
    _facility,
    _protocol,
    _yes_required("no_ad_notice", "ad_notice", LOW),
    _cells,
    _expanded,
    _lab,
    _yes_required("no_certificate_of_analysis", "coa", HIGH),
    _yes_required("donor_not_screened", "donor_screening", HIGH),
    _yes_required("no_ethics_review", "ethics_review", HIGH),
    _study_payment,
    _research_only,
    _consent,
    _route,
    _setting,
    _claims,
    _sales,
    _quote,
    _evaluation,
    _yes_required("no_follow_up_plan", "follow_up", MEDIUM),
    _outcome,
)


def evaluate(values: Mapping[str, str]) -> list[FlagRecord]:
    """All flags the answers raise, most severe first (only questions that apply are considered)."""
    where = country(values) or OTHER
    relevant = {q.id for q in applicable(values)}
    scoped = {k: v for k, v in values.items() if k in relevant}
    flags = [flag for rule in RULES for flag in rule(scoped, where)]
    flags += registry_flags.flags(values)  # the lookup is stored as an answer no question asks
    unique = {f.code: f for f in flags}
    return sorted(unique.values(), key=lambda f: (SEVERITY_ORDER[f.severity], f.code))


def describe(flag: FlagRecord, lang: str = "en") -> tuple[str, str]:
    """(what it means, how to verify) in words, from the flag's code and parameters, in `lang` (en or es)."""
    spanish = normalise(lang) == "es"
    texts, country_texts = (TEXTS_ES, COUNTRY_TEXTS_ES) if spanish else (TEXTS, COUNTRY_TEXTS)
    code = flag.code
    prefix = ""
    if code not in texts and code.endswith(UNKNOWN_SUFFIX):
        code, prefix = code[: -len(UNKNOWN_SUFFIX)], pick(_NOT_YET_KNOWN, lang)
    where = dict(flag.params).get("country")
    fallback = (code.replace("_", " ").capitalize() + ".", pick(_FALLBACK_VERIFY, lang))
    message, verify = country_texts.get((code, where or ""), texts.get(code, fallback))
    stored = dict(flag.params)
    defaults = _DEFAULT_PARAMS_ES if spanish else _DEFAULT_PARAMS
    params = {**defaults, **flag_words(where, lang=lang), **(_spanish_params(stored) if spanish else stored)}
    if code == "high_risk_route":
        params.update(_route_harms(stored.get("routes", ""), "es" if spanish else "en"))
    open_question = pick({"en": UNKNOWN_TEXTS, "es": UNKNOWN_TEXTS_ES}, lang).get(code) if prefix else None
    if open_question:
        message, prefix = prefix + open_question, ""
    message, verify = message.format_map(params), verify.format_map(params)
    if prefix and not message[1:2].isupper():  # "No COFEPRIS ..." -> "not yet known: no COFEPRIS ..."
        message = prefix + message[0].lower() + message[1:]
    elif prefix:
        message = prefix + message
    return message, verify


def level_code(flags: list[FlagRecord]) -> str:
    severities = {f.severity for f in flags}
    if HIGH in severities:
        return SERIOUS
    if MEDIUM in severities:
        return SOME
    return UNVERIFIED


def level(flags: list[FlagRecord], lang: str = "en") -> str:
    """Overall level for the report; never 'safe', and the lowest one cannot be read as a pass."""
    return pick({"en": LEVELS, "es": LEVELS_ES}, lang)[level_code(flags)]
