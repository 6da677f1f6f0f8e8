"""Reads a typed answer for the question asked: yes, no, don't know, refused, skipped, a value (several where
the question allows: cells, routes, claims), or not an answer to this question at all (None: ask back).

Case and accents never matter. Words are matched whole (a plural "s" allowed) and a word after a negation
("they did NOT promise a cure") does not count. Answers are read in English and in Spanish alike, whatever
the conversation's language (people mix): "sí", "no sé", "se negaron a decir", "médula ósea", "en la rodilla",
"me pidieron un anticipo". The Spanish words for each question's choices are kept here, beside the reading
rules (`_SPANISH`); the choices themselves, and their values, are bot/questions.py's.
Strong signs that belong to another question ("they want a deposit" typed at the claims question) are
returned beside the reading so the check can record them there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.check_request import clinic_called_in, strip_place
from bot.conditions import OTHER_CONDITION, condition_of, conditions_named
from bot.countries import ABROAD
from bot.credentials import check_cofepris
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
    r"^(please |por favor )?(skip|skip (it|this|this one|that|that one|this question|the question)|pass|"
    r"next( question)?|rather not say|prefer not to say|move on|go on|leave it|leave it blank|"
    # Spanish: "saltar", "omitir esta pregunta", "siguiente", "prefiero no decir"
    r"saltar|saltarla|saltemos|salte|saltar(la)? (esta|esa|la) pregunta|omitir|omitirla|omita|omitala|"
    r"omitir (esta|esa|la) pregunta|siguiente|siguiente pregunta|la siguiente|paso|pasar|paso a la siguiente|"
    r"prefiero no (decir|contestar|responder|decirlo)|dejarla en blanco|en blanco)( por favor)?\W*$"
)
_UNKNOWN = re.compile(
    r"\b(i )?(do ?n[o']?t|dunno|don'?t|do not|didn'?t|did not) (know|remember|recall)\b|\bnot sure\b|\bno idea\b|"
    r"\bunknown\b|\bidk\b|\bunsure\b|\bhaven'?t asked\b|\bdidn'?t ask\b|\bnot yet\b|"
    r"\bcan'?t remember\b|\bforgot\b|\bno clue\b|\bi'?ll (have to )?(ask|check)\b|\bneed to ask\b|"
    r"\b(not|never|wasn'?t|weren'?t) (been )?mentioned\b|\b(didn'?t|did not|don'?t|doesn'?t) (mention|say)\b|"
    r"\bnot stated\b|\b(didn'?t|did not) (catch|get|write down|note)\b|\bnot that i know\b|"
    # Spanish. "no se" is "I don't know" only on its own or before what is not known ("no sé si..."): "no se
    # cultivan" (they are not grown) is an answer.
    r"\bno (lo )?se(\W*$|\W*[,.;]| (si|que|cual|cuales|cuanto|cuanta|cuantos|de donde|donde|quien|como|bien|"
    r"exactamente|todavia|aun|la verdad|la neta|neta|nada|el nombre|el numero|"
    # ... or before whom it is said to, or what about: "no sé joven", "no se de esos papeles" (read as "no", 2026-12-02)
    r"joven|mijo|mija|senorita|senora|senor|amigo|amiga|oiga|doctor|doctora|de (?:eso|esos|esas|esa|esto|estos)))|"
    r"\bno lo se\b|\bni idea\b|"
    # "dunno"; "ahorita les pregunto y te digo", "let me ask them": still to be asked (one was stored as the doctor)
    r"\bdunno\b|\b(ahorita |luego |despues |orita )?(les|le) (pregunto|voy a preguntar|pregunte y te digo)\b|"
    r"\b(te|le) (digo|aviso|confirmo) (luego|despues|al rato|mas tarde|en cuanto sepa)\b|\blet me (ask|check)\b|"
    r"\bget back to you\b|\b(todavia|aun) no\b(?=\W*($|[,.;]))|"
    r"\bno tengo (ni )?(idea|la menor idea)\b|\bno (me )?(acuerdo|recuerdo)\b|\bno estoy segur[oa]\b|"
    r"\bquien sabe\b|\bdesconozco\b|\bno sabemos\b|\bno sabria\b|\bno (les )?pregunte\b|"
    r"\b(todavia|aun) no (les )?(pregunto|pregunte|se|sabemos)\b|\bno (me |nos )?(lo )?(dijeron|dijo|mencionaron|"
    r"menciono)\b(?! que)|\bno (me |nos )?han dicho\b|\bno (lo )?(mencionaron|dijeron)\b|"
    # Not there yet, so not seen yet: "we haven't gone yet, they'll give it to us there", "todavía no vamos, nos
    # lo darían allá". What the clinic will hand over on arrival is unknown now, not a "no".
    r"\b(have ?n[o']?t|have not|has ?n[o']?t|did ?n[o']?t|did not) (gone|been|arrived|got|gotten|travell?ed|go)"
    r"( there| down| yet)* yet\b|\b(they'?ll|they will|they'?d|they would|(they )?(said|say) they'?d|will|would) "
    r"(give|show|send|hand|provide) (it|them|one|that)?( to)? ?(us|me|him|her)? ?(it |them )?"
    r"(there|on arrival|when (we|i|he|she) (get|arrive|go)|at the (clinic|appointment|visit))\b|"
    r"\b(todavia|aun) no (vamos|fuimos|hemos ido|he ido|llegamos|hemos llegado|viajamos|vamos|firmamos|"
    r"hemos firmado|firmo|firme|nos (lo |la |los |las )?(dan|han dado|dieron))\b|"
    r"\b(el dia del tratamiento|ese dia|alla|al llegar|cuando lleguemos) (nos|me|le|les) (lo |la |los |las )?"
    r"(dan|daran|van a dar|entregan|entregaran)\b|"
    r"\b(nos |me |se )?(lo |la |los |las )?(darian|daran|dan|entregan|entregarian|entregaran|mostraran|"
    r"mostrarian|van a dar|dara|daria) (alla|ahi|alli|al llegar|cuando lleguemos|cuando llegue|en la clinica|"
    r"en la cita|el dia del tratamiento)\b"
)
_REFUSED = re.compile(
    r"\b(refused|refuse|refuses|declined|wouldn'?t (say|tell|give|show|share|name)|won'?t (say|tell|give|show|share|"
    r"name)|will not (say|tell|give|show|share|name)|would not (say|tell|give|show|share|name)|didn'?t want to "
    r"(say|tell|give|show|share)|not allowed to (say|tell|share)|can'?t (say|tell|share) (us|me)|proprietary|"
    r"confidential|trade secret|it'?s a secret|they keep it secret|no comment|"
    # Spanish: "no quieren decir", "se negaron", "es confidencial", "es secreto"
    r"no (me |nos |lo )?(quieren|quisieron|quiso|quiere|pueden|pudieron) (decir|dar|revelar|mostrar|compartir)|"
    r"se (negaron|niegan|nego|niega)|confidencial|secreto|no (lo )?revelan|informacion reservada|reservado)\b"
)
_LEAD_NO = re.compile(
    r"^(no|nope|nah|n|not really|never|none|nothing|negative|no way|"
    r"nop|nel|para nada|nada|ninguno|ninguna|nunca|negativo|claro que no|tampoco|jamas|de ninguna manera)\b"
)
_LEAD_YES = re.compile(
    r"^(yes|yeah|yea|yep|yup|ya|y|sure|correct|right|of course|definitely|absolutely|si|affirmative|"
    r"sip|claro|por supuesto|asi es|correcto|efectivamente|exacto|afirmativo|simon|aja|desde luego|"
    r"cierto|obvio)\b"
)
_NO = re.compile(
    r"\b(didn'?t|did not|don'?t|do not|doesn'?t|does not|won'?t|will not|haven'?t|have not|hasn'?t|has not|"
    r"wasn'?t|was not|weren'?t|were not|isn'?t|is not|aren'?t|are not|never|nobody|no one|couldn'?t|"
    r"could not|wouldn'?t|would not|can'?t|cannot|without)\b|\b(said|says|say|told me|answered) no\b|"
    r"\bno (form|consent|paper|plan|certificate|evaluation|exam|screening|committee|irb|results|data|quote|"
    r"document|number|notice|licen[cs]e|authori[sz]ation|follow)\w*|"
    # Spanish: "no me dieron nada", "nunca", "nadie", "ninguno", "dijeron que no"
    r"\bno (?!solo\b|nada mas\b)(me |nos |le |les |lo |la |los |las |se )?[a-z]{2,}|\b(nunca|nadie|jamas|"
    r"ningun|ninguna|ninguno|sin)\b|\b(dijeron|dicen|dijo|dice) que no\b"
)
_YES = re.compile(
    r"^(yes|yeah|yea|yep|yup|ya|y|sure|correct|right|of course|definitely|absolutely|si|affirmative|ok|okay)\b|"
    r"\b(they|he|she|it|the clinic|the doctor) (did|do|does|has|have|will|would|had|showed|gave|sent|explained|"
    r"promised|said yes|offer|offered|provide|provided)\b|\b(i|we) (got|have|had|signed|received|saw|was given)\b|"
    # Spanish: "sí", "claro", "me lo dieron", "firmé", "dijeron que sí", "tienen"
    r"^(sip|claro|por supuesto|asi es|correcto|efectivamente|exacto|afirmativo|simon|aja|desde luego|cierto)\b|"
    r"\b(me|nos|le|les) (lo |la |los |las )?(dieron|dio|dan|mostraron|mostro|ensenaron|enseno|explicaron|explico|"
    r"mandaron|mando|enviaron|envio|hicieron|hizo|ofrecieron|ofrecio|entregaron|entrego|van a|va a)\b|"
    r"\b(firme|firmamos|recibi|recibimos|tengo|tenemos|vi|vimos)\b|\b(dijeron|dicen|dijo|dice) que si\b|"
    r"\b(si|ya) (lo |la |los |las )?(tienen|tiene|hay|hicieron|dieron|mostraron)\b|\b(tienen|tiene|hay)\b"
)
_NEGATORS = re.compile(
    r"\b(no|not|never|without|nor|didn'?t|don'?t|doesn'?t|isn'?t|wasn'?t|won'?t|aren'?t|weren'?t|neither|"
    r"hardly|nunca|sin|ni|jamas|tampoco|ningun|ninguna|ninguno|nadie)\b|n't\b"
)
_NUMBER = re.compile(r"\d{4,}")
# Spanish words that pick each question's choices (question id -> choice code -> words, lower case, no
# accents), read beside the English keywords of bot/questions.py.
_SPANISH: dict[str, dict[str, tuple[str, ...]]] = {
    "cell_source": {
        "unknown_origin": ("no quieren decir", "no quisieron decir", "no dicen", "no me dijeron de donde", "secreto",
                           "confidencial", "no lo revelan"),
        "embryonic": ("embrion", "embriones", "embrionarias", "embrionarios", "fetal", "fetales", "feto"),
        "donor_cord": ("cordon umbilical", "cordon", "umbilical", "gelatina de wharton", "wharton", "tejido perinatal",
                       "sangre de cordon"),
        "amniotic": ("amniotica", "amnioticas", "amniotico", "liquido amniotico", "membrana amniotica", "placenta",
                     "placentaria", "placentarias"),
        "donor_other": ("donante", "donador", "donadora", "de donante", "de donador", "alogenicas", "alogenicos",
                        "alogenica", "de otra persona"),
        "exosomes": ("exosoma", "exosomas", "secretoma", "medio condicionado", "libre de celulas", "sin celulas"),
        "own_marrow": ("medula osea", "de la medula", "hueso de la cadera", "aspirado de medula"),
        "own_fat": ("grasa", "tejido adiposo", "adiposo", "adiposas", "liposuccion", "lipo", "abdomen", "panza",
                    "fraccion vascular estromal"),
        "own_blood": ("mi propia sangre", "propia sangre", "mi sangre", "su sangre", "sangre periferica", "prp",
                      "plasma rico en plaquetas", "aferesis"),
    },
    "route": {
        "spinal": ("intratecal", "intratecales", "columna", "espalda", "puncion lumbar", "lumbar", "epidural",
                   "liquido cefalorraquideo", "raquidea", "disco", "intradiscal", "medula espinal",
                   "directo en la medula", "en la lesion medular"),
        "eye": ("ojo", "ojos", "intravitrea", "intravitreo", "retina", "ocular", "oculares", "subretiniana"),
        "brain": ("cerebro", "intracerebral", "intraventricular", "cabeza", "craneo"),
        "organ": ("corazon", "higado", "rinon", "rinones", "pancreas", "pulmon", "pulmones", "organo", "ovario",
                  "ovarios", "testiculo", "testiculos", "pene", "vejiga", "intracoronaria"),
        "nasal": ("nariz", "nasal", "intranasal", "fosas nasales", "aerosol nasal"),
        "iv": ("intravenosa", "intravenoso", "intravenosas", "endovenosa", "endovenoso", "suero", "sueros", "vena",
               "venas", "en la vena", "goteo", "infusion", "infusiones", "via iv", "por la vena"),
        "joint_imaging": ("ultrasonido", "ecografia", "fluoroscopia", "guiado", "guiada", "guiadas", "con imagen",
                          "rayos x", "guiada por imagen"),
        "joint": ("rodilla", "rodillas", "hombro", "hombros", "cadera", "articulacion", "articulaciones",
                  "intraarticular", "intra-articular", "codo", "tobillo", "muneca", "tendon", "tendones"),
        "local": ("musculo", "musculos", "intramuscular", "piel", "cuero cabelludo", "cara", "subcutanea",
                  "subcutaneo", "debajo de la piel", "herida", "rostro"),
    },
    "claims": {
        "cure": ("cura", "curar", "curan", "curaria", "curacion", "garantia", "garantizado", "garantizada",
                 "garantizados", "garantizan", "garantizaron", "100% de exito", "revertir", "revierte", "revierten",
                 "detener el avance", "detener la progresion", "frenar la enfermedad", "regenerar", "regenera",
                 "regeneran", "cartilago nuevo", "milagro", "milagroso", "milagrosa", "sanar por completo",
                 "quedar como nuevo", "volver a caminar", "vuelven a caminar", "vuelva a caminar", "se le quita",
                 "se les quita", "se quita el", "% de exito", "por ciento de exito", "sin dolor en",
                 # "q muchos pacientes se curaron", "ya no va a necesitar insulina" (2026-12-01)
                 "se curaron", "se curan", "se cura", "curados", "curadas", "ya no va a necesitar",
                 "ya no necesitara", "ya no necesitaria", "dejar la insulina", "sin insulina"),
        "no_rejection": ("no hay rechazo", "sin rechazo", "no causan rechazo", "no causa rechazo", "no hay riesgo de "
                         "rechazo", "no se rechazan", "no las rechaza", "no los rechaza", "nunca hay rechazo",
                         "no generan rechazo", "no provocan rechazo", "no necesita compatibilidad",
                         "no hace falta compatibilidad", "donante universal", "no pueden ser rechazadas"),
        "immune_privileged": ("privilegio inmunologico", "privilegio inmune", "inmunoprivilegiadas",
                              "inmunoprivilegiada", "inmunoprivilegiados", "privilegiadas",
                              "invisibles al sistema inmune", "invisibles al sistema inmunologico",
                              "el cuerpo no las reconoce", "el sistema inmune no las detecta"),
        "universally_safe": ("seguro para todos", "segura para todos", "seguras para todos", "seguros para todos",
                             "siempre es seguro", "siempre son seguras", "para cualquier persona"),
        "no_risk": ("sin riesgo", "sin riesgos", "no hay riesgo", "no hay riesgos", "no tiene riesgo",
                    "no tiene riesgos", "no tiene ningun riesgo", "no hay ningun riesgo", "cero riesgo",
                    "ningun riesgo", "riesgo minimo", "totalmente seguro", "totalmente segura",
                    "completamente seguro", "completamente segura", "100% seguro", "100% segura", "muy seguro",
                    "muy segura", "no pasa nada", "no hay peligro", "sin peligro", "sin problemas",
                    "ningun problema", "sin complicaciones"),
        "no_side_effects": ("sin efectos secundarios", "no hay efectos secundarios", "no tiene efectos secundarios",
                            "no tiene ningun efecto secundario", "ningun efecto secundario", "sin efectos adversos",
                            "sin efectos colaterales", "no hay efectos adversos"),
        "fever_healing": ("la fiebre es senal", "fiebre es senal", "la fiebre significa", "la fiebre es normal",
                          "la fiebre es buena", "la fiebre es parte", "la fiebre indica", "fiebre es buena senal"),
        "many_diseases": ("muchas enfermedades", "cualquier enfermedad", "todo tipo de enfermedades",
                          "todas las enfermedades", "cualquier padecimiento", "muchos padecimientos",
                          "muchas condiciones", "sirve para todo", "cura todo", "de todo"),
        "proven": ("comprobado", "comprobada", "comprobados", "probado cientificamente", "probada cientificamente",
                   "cientificamente", "muchos estudios", "numerosos estudios", "respaldado por estudios",
                   "basado en evidencia", "ensayos clinicos lo demuestran", "esta probado", "esta probada"),
        "testimonials": ("testimonio", "testimonios", "video", "videos", "resenas", "opiniones", "historias de exito",
                         "casos de exito", "antes y despues", "casos clinicos", "historias de pacientes"),
        "none": ("ninguna de estas", "ninguno de estos", "ninguna de esas", "nada de eso", "nada asi", "ninguna",
                 "ninguno", "no prometieron nada", "nada parecido"),
    },
    "sales": {
        "deposit_first": ("anticipo", "deposito", "pagar antes", "pago antes", "pago por adelantado", "por adelantado",
                          "adelantado", "transferencia", "pagar todo", "pago completo", "antes de la consulta",
                          "antes de verme", "antes de revisarme", "antes del tratamiento", "para apartar",
                          "apartar la fecha", "apartar el lugar", "al reservar", "enganche"),
        "pressure": ("presion", "presionaron", "presionan", "tiempo limitado", "descuento", "apurar", "apuraron",
                     "prisa", "pocos lugares", "solo hoy", "reserve ya", "esta semana", "insistieron", "insisten",
                     "no dejan de llamar", "me llaman mucho", "oferta", "promocion"),
        "price_changed": ("cambio el precio", "el precio cambio", "cambiaron el precio", "subio", "subieron",
                          "otro precio", "precio diferente", "cargos extra", "cobros extra", "costos extra",
                          "cobros adicionales", "cargos adicionales"),
        "none": ("ninguna de estas", "nada de eso", "nada", "todavia nada", "sin anticipo", "sin presion",
                 "consulta gratis", "llamada gratis", "ninguna", "ninguno"),
    },
    "setting": {
        "hotel_office": ("hotel", "casa", "domicilio", "a domicilio", "oficina", "spa", "departamento",
                         "airbnb", "resort", "condominio"),
        # A doctor's office ("consultorio", "edificio de consultorios", "torre médica") is a medical place, not a
        # hotel or an office; it may still lack what an emergency needs (bot/flags.py, office_setting).
        "medical_office": ("consultorio", "consultorio medico", "edificio de consultorios", "torre medica",
                           "torre de consultorios", "plaza medica"),
        "hospital": ("hospital", "clinica", "quirofano", "sala de procedimientos", "quirurgico", "quirurgica",
                     "centro medico", "centro quirurgico", "sanatorio"),
    },
    "protocol_authorised": {
        "licence_only": ("la licencia cubre", "con la licencia basta", "la licencia es suficiente", "no necesitan",
                         "no hace falta", "es suficiente", "basta con la licencia", "no se necesita"),
    },
    "expanded": {
        "same_day": ("mismo dia", "el mismo dia", "sin cultivar", "no se cultivan", "no las cultivan",
                     "no se expanden", "no las expanden", "minimamente manipuladas", "al momento", "de inmediato",
                     "en el momento", "no se crecen"),
    },
    "study_payment": {
        "paid_study": ("pagar para participar", "pago para participar", "pagar por participar",
                       "cobran por participar", "cuota de participacion", "cuota de inscripcion",
                       "costo de inscripcion", "costo de participacion",
                       "pagar el estudio", "pagar por el estudio", "pago el estudio", "pague el estudio",
                       "pagar para entrar"),
        "free_study": ("gratis", "gratuito", "gratuita", "sin costo", "no cuesta", "no pago", "no tengo que pagar",
                       "el patrocinador paga", "lo paga el patrocinador"),
        "not_a_study": ("no es un estudio", "no es un ensayo", "no es estudio", "no es ensayo", "tratamiento normal",
                        "tratamiento regular", "solo tratamiento", "es un tratamiento"),
    },
    "consent_form": {
        "online_only": ("clic", "di clic", "casilla", "en la pagina", "en linea", "terminos y condiciones",
                        "formulario en linea", "en su pagina"),
    },
    "medical_evaluation": {
        "remote_only": ("videollamada", "por video", "zoom", "whatsapp", "por telefono", "llamada", "en linea",
                        "correo", "telemedicina", "virtual", "mandar mis estudios", "enviar mis estudios",
                        "mande mis estudios", "envie mis estudios", "mis estudios", "expediente", "por mensaje",
                        "solo vieron", "whats", "wasap", "guasap", "fotos", "foto", "sus estudios", "los estudios"),
    },
    "outcome_data": {
        "testimonials": ("testimonio", "testimonios", "resenas", "opiniones", "video", "videos", "historias de exito",
                         "casos de exito", "casos clinicos", "antes y despues", "historias de pacientes",
                         "sus propios datos", "sus propios resultados", "sus resultados", "pagina web", "folleto",
                         "sus pacientes"),
        "published": ("publicado", "publicados", "publicada", "publicadas", "revista", "revista medica", "articulo",
                      "articulos", "pubmed", "revisado por pares"),
    },
}  # fmt: skip
_YES_WORDS = {
    "coa": ("certificado", "certificado de analisis", "reporte de laboratorio", "resultados de laboratorio",
            "analisis del lote", "certificate", "coa", "lab report", "test report", "test results"),
    "consent_form": ("firme", "formulario", "consentimiento", "consentimiento informado", "papeles", "documento",
                     "signed", "consent form", "form", "paperwork", "document"),
    "donor_screening": ("analizaron", "analisis", "pruebas", "examenes", "tamizaje", "estudiaron al donante",
                        "tested", "screened", "screening", "test", "tests"),
    "ethics_review": ("comite", "aprobado por", "aprobada por", "comite de bioetica", "irb", "ethics committee",
                      "ethics board", "review board", "approved by", "comite de etica",
                      "committee"),
    "follow_up": ("seguimiento", "me van a llamar", "llamadas", "plan de seguimiento", "me llaman", "plan",
                  "le hablan", "nos hablan", "me hablan", "le llaman", "nos llaman", "llamada", "hablan por telefono",
                  "follow-up", "follow up", "check-in", "check in", "call me", "calls"),
    "medical_evaluation": ("consulta", "en persona", "me van a revisar", "revisar mis estudios", "examen",
                           "exploracion", "exam", "examine", "examined", "in person", "review my records", "physical",
                           "consultation"),
    "ad_notice": ("aviso de publicidad", "advertising notice", "permiso de publicidad", "publicidad"),
    "protocol_authorised": ("autorizada", "protocolo autorizado", "authorised", "authorized", "autorizado",
                            "autorizacion", "approved protocol", "permiso"),
    "expanded": ("cultivadas", "cultivan", "cultivo", "expandidas", "expanden", "se multiplican",
                 "millones de celulas", "las crecen", "crecen en el laboratorio", "expanded", "expand", "cultured",
                 "culture", "grown", "grow", "cultivated", "multiplied",
                 "millions of cells", "culture-expanded", "passaged"),
}  # fmt: skip
_IN_PERSON = ("in person", "examine", "examined", "exam", "physical", "see me", "visit", "consultation at",
              "en persona", "presencial", "me van a revisar", "me revisaron", "examinar", "exploracion fisica",
              "ir a la clinica", "consulta en la clinica")  # fmt: skip
_PAID_STUDY = re.compile(
    r"\b(pay|pays|paid|paying|cost|costs|charge|charged|charges|fee|fees)\b[^.?!]{0,40}\b(join|take part|"
    r"participate|enrol|enroll|study|trial|program|programme)\b|\b(join|enrol|enroll|take part)\b[^.?!]{0,30}\b"
    r"(costs?|fee|pay|paid|\$\s?\d)|"
    r"\b(pagar|pago|pague|pagamos|cobran|cobrar|cobro|cuesta|costo|cuota)\b[^.?!]{0,40}\b(participar|entrar|"
    r"inscribirme|inscribirse|inscripcion|estudio|ensayo|programa)\b|"
    # the study first, then the money: "its a study but we pay 12,500", "es un estudio pero pagamos 50 mil"
    r"\b(study|trial|research|program|programme|estudio|ensayo|investigacion|programa)\b[^.?!]{0,40}\b(pay|pays|"
    r"paying|costs?|charges?|fees?|pagamos|pagar|pago|pagan|cobran|cuesta)\b"
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
_STRICT_ROUTE_ES = {
    "spinal": ("intratecal", "puncion lumbar", "en la columna", "en el liquido cefalorraquideo",
               "inyeccion en la columna", "inyecciones en la columna", "en la medula espinal"),
    "eye": ("intravitrea", "en el ojo", "en los ojos", "en los dos ojos", "en ambos ojos", "inyeccion en el ojo",
            "en su ojo", "en sus ojos", "en mi ojo", "en mis ojos"),
    "brain": ("en el cerebro", "intracerebral", "inyeccion en el cerebro"),
    "iv": ("intravenosa", "intravenoso", "endovenosa", "suero", "en la vena", "por la vena", "via iv"),
    "nasal": ("spray nasal", "aerosol nasal", "intranasal", "por la nariz", "en la nariz"),
}  # fmt: skip
_CURE = re.compile(
    # coming off medicines or oxygen, promised ("some stopped their meds", "va a poder dejar el oxígeno", 2026-12-01)
    r"\b(stop|stopped|stopping|come off|came off|get off|got off|quit|no longer need)\b[^.?!]{0,20}"
    r"\b(meds|medications?|medicines?|insulin|oxygen|inhalers?|pills)\b|\b(dejar|dejaron|dejo|deje|dejara|quitar|quitaron|suspender)\b"
    r"[^.?!]{0,20}\b(la insulina|el oxigeno|sus medicamentos|los medicamentos|las medicinas|sus medicinas|"
    r"las pastillas|sus pastillas|el inhalador)\b|"
    r"\b(stop|stops|halt|halts|reverse|reverses|cure|cures)\b[^.?!]{0,25}\bprogression\b|"
    r"\b(detener|detiene|detienen|frenar|frena|frenan|revertir|revierte|parar|para)\b[^.?!]{0,25}\b(avance|progresion)\b"
)
# "si le da fiebre después es señal de q las células están funcionando", "lo de la fiebre q era las celulas
# trabajando", "the fever means the cells are working": the claim that keeps people home with sepsis (2026-12-01).
_FEVER_HEALING = re.compile(
    r"\b(fiebre|calentura|temperatura|fever|temperature)\b[^.?!]{0,60}\b(funcion\w*|trabaj\w*|senal|sign|normal|"
    r"buen[oa]?|good|working|healing|sanando|regenera\w*|efecto)\b"
)
# A success rate given as a promise ("8 de cada 10 niños mejoran", "80% of patients improve"): a claim of proof.
_SUCCESS_RATE = re.compile(
    r"\b(\d{1,3} ?%|\d{1,2} (de cada|out of|of every|in) \d{1,3})[^.?!]{0,40}\b(improve\w*|get better|better|"
    r"recover\w*|respond\w*|success\w*|mejora\w*|mejoran|se curan|responden|exito)\b"
)
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
    "de palabra",
    "verbal",
    "sin desglose",
    "no desglosada",
    "no desglosado",
    "solo el total",
    "nada por escrito",
    "no por escrito",
    "no esta por escrito",
    "no es por escrito",
    "nota de remision",
    "solo por whatsapp",
    "solo por mensaje",
    "only by text",
    "only on whatsapp",
    "sin detalle",
    "solo verbal",
)
# Nothing to pay: a quote of 0 ("there is no cost to me", "the sponsor pays", "covered by my social security").
_NO_COST = re.compile(
    r"\b(no cost|no charge|free of charge|it'?s free|is free|costs? nothing|nothing to pay|don'?t (have to )?pay|"
    r"(sponsor|study|trial|insurance|social security|the hospital) (pays|covers)|covered by (my |the )?"
    r"(insurance|social security|the sponsor|the study|the trial|imss|issste)|"
    r"gratis|gratuito|sin costo|no cuesta nada|no tengo que pagar|no hay que pagar|nada que pagar|"
    r"lo (paga|cubre) (el|la|mi) (seguro|patrocinador|estudio|imss|issste|hospital)|"
    r"(el|mi) (seguro|patrocinador|imss|issste) lo (paga|cubre))\b"
)
_NOT_CROSS_SOURCES = ("clinic_name", "location", "physician")
_STRICT_EXPANDED = ("expanded", "culture-expanded", "cultured", "grown in a lab", "grown in their lab",
                    "grown in the lab", "expanded in their lab", "cultivated", "multiplied in the lab",
                    "cultivadas", "cultivados", "expandidas", "expandidos", "se cultivan", "las cultivan",
                    "cultivadas en laboratorio", "multiplicadas en el laboratorio")  # fmt: skip


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


_SPANISH_WORDS: dict[Option, tuple[str, ...]] = {
    option: words
    for question_id, by_code in _SPANISH.items()
    for option in BY_ID[question_id].options
    for code, words in by_code.items()
    if option.code == code
}


def _titles(option: Option) -> set[str]:
    """The choice's button titles, normalised: the English one and any other language's (a Spanish button
    sends its Spanish title back)."""
    titles = {option.title}
    for name in ("titles", "title_by_language", "title_es"):
        extra = getattr(option, name, None)
        if isinstance(extra, str):
            titles.add(extra)
        elif isinstance(extra, dict):
            titles.update(str(t) for t in extra.values())
    return {normalise(t).rstrip(".!") for t in titles if t}


def _titled(options: tuple[Option, ...], text: str) -> list[str]:
    """The choices whose button title is the whole text."""
    return [o.code for o in options if text.rstrip(".!") in _titles(o)]


def _options(options: tuple[Option, ...], text: str) -> list[str]:
    """The choices the text picks: a button's own title (English or Spanish) picks that choice alone."""
    lowered = text
    titled = _titled(options, lowered)
    if titled:
        return titled
    return [
        o.code
        for o in options
        if lowered.rstrip(".!") in _titles(o) or _any(o.keywords, lowered) or _any(_SPANISH_WORDS.get(o, ()), lowered)
    ]


# Mexican exclamations that start with "no" and answer nothing ("no manches, cuántas preguntas"): not a "No"; what
# follows them may be the answer.
_EXCLAMATION = re.compile(r"^(no manches|no mames|no inventes|no friegues|no chingues|no me digas)\b")


def yes_no(text: str) -> str | None:
    """yes / no from a normalised answer: its first word, else negation first ("they didn't" is no)."""
    text = _EXCLAMATION.sub("", text).lstrip(" ,.!")  # "no mames, no nos dieron nada": what follows it
    if _LEAD_NO.search(text):
        return NO
    if _LEAD_YES.search(text):
        return YES
    if _NO.search(text):
        return NO
    if _YES.search(text):
        return YES
    return None


# Words that answer yes or no wherever they stand first; the other lead words (sure, right, si, claro...) only
# when a comma, a stop or the end follows them ("si el doctor dice..." is "if the doctor says...").
_FIRST_NO = re.compile(r"^(no|nope|nah|nop|nel)\b")
_FIRST_YES = re.compile(r"^(yes|yeah|yea|yep|yup|sip)\b")
_ALONE = re.compile(r"^\W*\w+(?: \w+)?\s*(?:[,.;:!-]|$)")


def answer_word_first(raw: str) -> str | None:
    """YES or NO when a message starts with a yes or no word and asks nothing ("yes, they asked about his
    heart", "no they didn't", "sí, me preguntaron"); None otherwise ("yes but can it cause cancer?", "no idea",
    "si el doctor dice que sí...")."""
    text = normalise(raw)
    if not text or text.rstrip().endswith("?") or "¿" in raw or re.match(r"^no (idea|se|clue|lo se)\b", text):
        return None
    if _FIRST_NO.search(text):
        return NO
    if _FIRST_YES.search(text) or re.match(r"sí\b", raw.lstrip().lower()):  # normalise drops the accent of "sí"
        return YES
    alone = _ALONE.match(text)
    if alone and _LEAD_NO.search(alone.group(0)):
        return NO
    if alone and _LEAD_YES.search(alone.group(0)):
        return YES
    return None


def parse_number(text: str) -> str | None:
    """The amount in an answer: "$12,500", "12.5k", "12 thousand"; in Spanish "12 mil", "12.500" (a dot before
    three digits groups thousands)."""
    match = re.search(
        r"(\d{1,3}(?:[,\s]\d{3})+(?!\d)|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?:\.\d+)?)\s*(k\b|thousand|mil\b)?", text, re.I
    )
    if not match:
        return None
    digits = match.group(1)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
        digits = digits.replace(".", "")
    number = float(re.sub(r"[,\s]", "", digits))
    if match.group(2):
        number *= 1000
    return f"{number:.0f}"


def _looks_like_question(text: str) -> bool:
    return text.rstrip().endswith("?")


# --- one reader per kind of question ----------------------------------------------------------------------
def _read_location(text: str, raw: str, lang: str = "en") -> str | None:
    titled = _titled(BY_ID["location"].options, text)
    if titled:
        return titled[0]  # a button: "Un país de la UE"
    place = country_of(raw, lang)
    if place:
        return place
    if ambiguity(raw, lang):
        return None  # "San José": Costa Rica or California? "EU" in Spanish: the US or the EU? The check asks.
    if yes_no(text) or _looks_like_question(text) or not re.search(r"[a-z]{3,}", text):
        return None
    if any(_any(words, text) for words in (*_STRICT_ROUTE.values(), *_STRICT_ROUTE_ES.values())):
        return None  # "IV drip" is not a place
    if condition_of(raw):
        return None  # "knee arthritis" typed here was stored as the place, "that country" (2026-12-01); `read` notes it
    return OTHER


def _read_physician(text: str, raw: str) -> str | None:
    if _NUMBER.search(raw):
        return "number"
    if re.match(r"^(no|none|nope|nobody|no one|nadie|ninguno|ningun)\b", text) or re.search(
        r"\b(no|not a) (doctor|physician)\b|\bno (es|hay) (un |una |ningun |ninguna )?(medic[oa]|doctor|doctora)\b",
        text,
    ):
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
    "comite etico",
    "comision de bioetica",
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
    "ministerio de salud",
    "autorizacion",
    "autorizado",
    "autorizada",
    "licencia",
    "consejo medico",
    "comite de trasplantes",
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
    "recolectar",
    "almacenar",
    "guardar",
    "banco",
    "criopreservacion",
)
_TREATING = (
    "treat",
    "treating",
    "treatment",
    "treatments",
    "therapy",
    "tratamiento",
    "tratamientos",
    "tratar",
    "terapia",
    "terapias",
    "aplicar",
    "tratar pacientes",
)
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
    "certificado de la instalacion",
    "certificado del local",
    "clinica registrada",
    "clinica con licencia",
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
    "numero de plan",
    "comite certificado",
    "ministerio",
    "registrado",
    "registrada",
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
    "aprobacion condicional",
    "autorizacion de comercializacion",
    "agencia europea",
    "producto aprobado",
    "aprobado en la ue",
    "aprobado en europa",
)
_EXEMPTION = ("hospital exemption", "exemption", "exempt", "4b", "named patient", "compassionate",
              "exencion hospitalaria", "exencion", "uso compasivo")  # fmt: skip
_SHOWN = ("showed", "shown", "saw", "copy", "document", "certificate", "letter", "mostraron", "mostro", "ensenaron",
          "enseno", "vi", "vimos", "copia", "documento", "certificado", "carta", "oficio")  # fmt: skip


def _read_licence_said(text: str, has_number: bool) -> str | None:
    """What is left once a country's own documents are ruled out: a number, a no, a document shown, or a
    licence claimed in words (shared by every country's regulator question)."""
    if has_number:
        return "number"
    if yes_no(text) == NO:
        return NO
    if _any(_SHOWN, text):
        return "document_shown"
    if yes_no(text) == YES or (re.search(r"[a-z]{3,}", text) and not _looks_like_question(text)):
        return "licence_claimed"
    return None


def _read_abroad(text: str, raw: str, where: str) -> str | None:
    """The regulator's document in a country with its own path (Panama, Colombia, ..., the EU)."""
    has_number = bool(_NUMBER.search(raw))
    if where == COLOMBIA and _any(("condiciones sanitarias", "sanitary conditions", "condiciones"), text):
        return "conditions_only"
    if where == COLOMBIA and _any(
        ("buenas practicas", "good practice", "good practices", "gmp", "bank", "banco"), text
    ):
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
    return _read_licence_said(text, has_number)


_FDA_APPROVED = re.compile(r"\b(approved|aprobad[oa]s?|autorizad[oa]s?)\b")
_FDA_REGISTERED = re.compile(
    r"\b(registered|registration|compliant|certified|inspected|listed|registrad[oa]s?|registro|certificad[oa]s?|"
    r"inspeccionad[oa]s?|cumple con)\b"
)
_NOT_AUTHORISED_ES = re.compile(
    r"\b(no es (un )?(ensayo|estudio)( clinico)?|(es )?(un )?tratamiento (normal|regular|comun)|"
    r"solo es (un )?tratamiento|"
    r"no (necesitan|necesita|requieren|requiere|ocupan) (ninguna |la )?(aprobacion|autorizacion)|"
    r"no (esta|estan) regulad[oa]s? por la fda|no les aplica la fda)\b"
)


def _not_authorised(text: str) -> bool:
    return bool(_NOT_AUTHORISED.search(text) or _NOT_AUTHORISED_ES.search(text))


def _read_facility(text: str, raw: str, where: str | None) -> str | None:
    if where in ABROAD:
        return _read_abroad(text, raw, where or "")
    has_number = bool(_NUMBER.search(raw))
    if where == US:
        if _not_authorised(text):
            return NO  # "it's not a trial, it's a regular treatment"; "they don't need FDA approval"
        if _any(("ind", "investigational new drug"), text) and not re.search(r"\b(no|without|not an?) ind\b", text):
            return "ind"
        listed = ("clinicaltrials", "clinicaltrials.gov", "clinical trials.gov")
        if re.search(r"\bnct\s?\d", text) or _any(listed, text):
            return "nct_only"
        if re.search(r"\b(no|without|not an?|sin) (ind|trial number|nct|investigational|numero de ind)\b", text):
            return NO
        if _FDA_REGISTERED.search(text) and "fda" in text:
            return "fda_registered_only"
        if _FDA_APPROVED.search(text) and not _NEGATORS.search(text):
            return "approved_claim"
        if yes_no(text) == NO:
            return NO
        if yes_no(text) == YES:
            return "approved_claim"
        return None
    if where == MEXICO:
        # "number 12-AB-345": a reference with letters and dashes, as the number check (bot.credentials) reads it
        has_number = has_number or check_cofepris(raw).shape_ok
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
    return _read_licence_said(text, has_number)


def _read_yesno(question: Question, text: str) -> str | None:
    if question.id == "study_payment":
        for match in _PAID_STUDY.finditer(text):
            before = " ".join(text[: match.start()].split()[-3:])
            said = match.group(0)  # "..., they cover the costs" / "no cost" / "gratis": not paid
            if not _NEGATORS.search(before) and not re.search(
                r"\b(don'?t|do not|didn'?t|no|cover|covers|covered|free|gratis|sin costo|cubre|cubren)\b", said
            ):
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


# "primero dijeron 14 mil y ahora 18 mil", "first they said 9000 and now 12000": two prices, the second "now" (the
# change was not flagged, 2026-12-02).
_PRICE_THEN_NOW = re.compile(
    r"\b(?:primero|antes|al principio|first|at first|originally|initially)\b[^.;\d]{0,30}\d[\d,. ]{0,12}"
    r"(?:mil|k|thousand|usd|dlls|dolares|dollars|pesos)?[^.;\d]{0,12}\b(?:y ahora|ahora|now|and now|luego|then)\b"
    r"[^.;\d]{0,20}\d"
)


def _read_multi(question: Question, text: str) -> str | None:
    codes = _options(question.options, text)
    if question.id == "route":
        injected = (
            "injection",
            "injected",
            "shot",
            "inyeccion",
            "inyecciones",
            "inyectan",
            "inyectada",
            "inyectado",
            "inyectar",
            "inyectarian",
            "infiltracion",
        )
        if "joint_imaging" in codes and "joint" not in codes and not _any(injected, text):
            codes.remove("joint_imaging")
        if "joint_imaging" in codes and "joint" in codes:
            codes.remove("joint")
    own = (
        "my own",
        "own cells",
        "autologous",
        "propias",
        "mias",
        "mis propias celulas",
        "mis celulas",
        "autologas",
        "autologos",
        "de mi cuerpo",
        "del propio paciente",
    )
    if question.id == "cell_source" and not codes and _any(own, text):
        codes = ["own_other"]
    if question.id == "claims" and "cure" not in codes and _CURE.search(text):
        codes.insert(0, "cure")
    if question.id == "claims" and "many_diseases" not in codes and len(conditions_named(text)) >= 3:
        codes.insert(0, "many_diseases")
    if question.id == "claims" and "fever_healing" not in codes and _FEVER_HEALING.search(text):
        codes.append("fever_healing")
    if question.id == "claims" and not {"proven", "cure"} & set(codes) and _SUCCESS_RATE.search(text):
        codes.append("proven")
    if question.id == "sales" and "price_changed" not in codes and _PRICE_THEN_NOW.search(text):
        codes.append("price_changed")
    if "donor_other" in codes and len(codes) > 1:
        codes.remove("donor_other")  # "donor umbilical cord": the cord says which donor cells
    if "none" in codes and len(codes) > 1:
        codes.remove("none")
    if not codes and question.id in ("claims", "sales") and yes_no(text) == NO:
        codes = ["none"]
    return ",".join(codes) if codes else None


_HOTEL_ZONE = re.compile(
    r"\b(?:hotel zone|hotel district|zona hotelera|near (?:a|the|some) hotels?|cerca de(?: un| los)? hoteles?)\b"
)


def _read_choice(question: Question, text: str) -> str | None:
    if question.id == "setting":
        text = _HOTEL_ZONE.sub(" ", text)  # "a plaza near the hotel zone" says where the clinic is, not a hotel room
    chosen = _options(question.options, text)
    if "medical_office" in chosen and "hotel_office" in chosen:
        chosen.remove("hotel_office")  # "the doctor's office": a medical office, not an office
    return chosen[0] if chosen else None


def _common(question: Question, text: str) -> str | None:
    if _SKIP.search(text):
        return SKIPPED
    if _REFUSED.search(text):
        return "unknown_origin" if question.id == "cell_source" else REFUSED
    if _UNKNOWN.search(text) and not _answered_first(text):
        return UNKNOWN
    return None


def _answered_first(text: str) -> bool:
    """A yes or no in the first clause, with no "don't know" in that clause: "no written plan, just the 3 month call.
    if something goes wrong idk who we call" is a "no", not "not yet known" (2026-12-01); "no me dijeron" is not."""
    first = re.split(r"[,.;:!?]", text, maxsplit=1)[0]
    return answer_word_first(text) is not None and not _UNKNOWN.search(first)


# Words before a typed clinic name: "its just NovaCell" is "NovaCell" (it was stored as "just novacell", 2026-12-01).
_NAME_LEAD = re.compile(
    r"^(?:(?:[Ii]t'?s|[Ii]t is|just|only|called|[Tt]he name is|name is|[Ee]s|solo|nada mas)\s+)+"
)  # lower-case "just": "Just Cells Clinic" may be the name

# Said but not shown, at a yes/no question: "they said an ethics committee approved it but didnt show me" is not a
# "no" (2026-12-01). Not for the licence questions, whose readings keep "a licence claimed, no number".
_SAID_NOT_SHOWN = re.compile(
    r"\b(said|say|says|told (me|us)|claim\w*)\b[^.?!]{0,60}\bbut (they )?(didn'?t|did not|never|haven'?t|have not) "
    r"(show|send|give|share)\w*|\b(dijeron|dicen|dijo|dice)\b[^.?!]{0,60}\bpero no (me |nos )?(lo |la |los |las )?"
    r"(ensenaron|mostraron|dieron|mandaron|han ensenado|han mostrado|han dado|han mandado)\b"
)

_COA_AFTER = re.compile(
    r"\b(after|hasta despues de|despues de|al terminar|once) (the |el |la |del )?(treatment|procedure|infusion|"
    r"injection|tratamiento|procedimiento|infusion|aplicacion|inyeccion)|\b(hasta|until) (despues|after|afterwards)\b"
)
_THE_ANSWER_IS = re.compile(r"\b(?:la|mi) respuesta es:? (si|no)\b|\b(?:the|my) answer is:? (yes|no)\b")
_NO_SE_RUN_TOGETHER = re.compile(r"^\W*(?:nose|nolose)\W*$")


def _own_value(question: Question, text: str, raw: str, where: str | None, lang: str = "en") -> str | None:
    if question.id == "facility_licence" and where == US and not _SKIP.search(text):
        specific = _read_facility(text, raw, where)  # "they never mentioned an IND" is an answer, not "don't know"
        if specific not in (None, NO) or _not_authorised(text):
            return specific
    if question.id != "route" and _NO_SE_RUN_TOGETHER.match(text):
        return UNKNOWN  # "nose": "no sé" without its accent and space (at the route question it may be the nose)
    common = _common(question, text)
    if common:
        return common
    if question.id == "location":
        return _read_location(text, raw, lang)
    if question.id == "clinic_name":  # "se llama bioexo renova, está en zapopan": the name alone
        return None if _looks_like_question(text) or not re.search(r"\w", text) else name_and_rest(raw)[0][:300]
    if question.id == "condition":
        if _looks_like_question(text) or not re.search(r"[a-z]{2,}", text):
            return None
        return condition_of(raw) or OTHER_CONDITION
    if question.id == "physician":
        return _read_physician(text, raw)
    if question.id == "facility_licence":
        return _read_facility(text, raw, where)
    if question.id == "lab":
        if re.match(r"^(no|none|nope|nah|n/a|not really|ninguno|nadie)\b", text) or re.search(
            r"\bno (lab|laboratory)\b|\b(ningun|sin) laboratorio\b", text
        ):
            return NO
        if _looks_like_question(text) or not re.search(r"[a-z]{2,}", text):
            return None
        return "named"
    if question.id == "coa" and _COA_AFTER.search(text):
        return NO  # a test report handed over only after the treatment protects no one (2026-12-01)
    if question.kind == "yesno":
        stated = _THE_ANSWER_IS.search(text)  # "no te pedí inglés, el pdf está en inglés... la respuesta es sí"
        if stated:
            return NO if (stated.group(1) or stated.group(2)) == "no" else YES
        return UNKNOWN if _SAID_NOT_SHOWN.search(text) else _read_yesno(question, text)
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


# Where a clinic's name ends in a longer message ("It's Regenera Vida in Cancun, they want to do IV stem cells for my
# mom's COPD"): the whole message was stored as the name and the rest was asked again (2026-12-01).
_NAME_END = re.compile(
    # each alternative starts where a run of spaces starts: a long run is scanned once (tests/security/test_patterns.py)
    r"(?<!\s)\s*(?:[,;:!?(]|(?<!\bDr)(?<!\bDra)(?<!\bSt)(?<!\bMt)(?<!\bSr)(?<!\bSra)(?<!\bInc)(?<!\bLtd)(?<!\bCo)\.|"
    r"\s-+\s)\s*|(?<!\s)\s+(?=(?:in|en|at|near|located|ubicad[ao]|which|that|they|who|que|est[aá])\b)",
    re.I,
)


def name_and_rest(raw: str) -> tuple[str, str]:
    """The clinic's name in an answer to "what is the clinic's name?", and what the message says after it."""
    called = clinic_called_in(raw)
    if called:
        return called, raw[raw.find(called) + len(called) :] if called in raw else ""
    body = _NAME_LEAD.sub("", raw.strip()) or raw.strip()
    end = _NAME_END.search(body)
    if end is None or end.start() == 0:
        return body, ""
    return strip_place(body[: end.start()]), body[end.start() :]


def _after_the_name(raw: str) -> dict[str, str]:
    """The place, the condition and the route a clinic's name message goes on to give."""
    rest = name_and_rest(raw)[1]
    if not rest.strip():
        return {}
    found = {}
    place = country_of(rest)
    if place:
        found["location"] = place
    condition = condition_of(rest)
    if condition:
        found["condition"] = condition
    return found | _cross(BY_ID["condition"], normalise(rest))  # strong signs for the other questions


def _cross(question: Question, text: str) -> dict[str, str]:
    """Strong signs in the text that answer other questions."""
    if question.id in _NOT_CROSS_SOURCES:
        return {}
    found: dict[str, str] = {}
    for other, codes in _CROSS.items():
        if other == question.id:
            continue
        if other == "route":
            routes = [code for code in codes if _any(_STRICT_ROUTE[code] + _STRICT_ROUTE_ES[code], text)]
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


# "no aplica, son de el mismo" (the cells are his own, so no donor to screen) was read as "no", with a grave flag
# (2026-12-02); in English "not applicable" was already no answer.
_NOT_APPLICABLE = re.compile(r"^\W*(?:no aplica|no corresponde|not applicable|n/a|doesn'?t apply|does not apply)\b")


def read(question: Question, raw: str, where: str | None = None, lang: str = "en") -> Reading:
    """Read `raw` (the patient's words) as an answer to `question`, for a clinic in `where` (country code), in a
    conversation in `lang` (answers are read in either language; only the place "EU" depends on it)."""
    text = normalise(raw)
    if not text:
        return Reading(None)
    if question.kind in ("yesno", "choice") and _NOT_APPLICABLE.match(text):
        return Reading(None)  # asked again with its options, as "not applicable" is in English: never a "no"
    value = _own_value(question, text, raw or "", where, lang)
    if question.id == "location" and value is None and (condition := condition_of(raw)):
        return Reading(None, {"condition": condition})  # the condition, typed where the place was asked
    if question.id == "clinic_name" and value is not None:
        return Reading(value, _after_the_name(raw or ""))
    return Reading(value, _cross(question, text))


__all__ = ["NOT_ANSWERED", "Reading", "parse_number", "read", "yes_no"]
