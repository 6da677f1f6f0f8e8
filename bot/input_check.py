"""Sorts messages the assistant cannot use (empty, too long, garbled, in a language StemSafe does not speak) so
each gets a kind reply, in English or Spanish.

Used in two places: the NLU guard (components/input_guard.py) refuses to match a FAQ answer to such a
message, and the fallback action picks the reply that says what went wrong.
"""

from __future__ import annotations

import re
from enum import Enum

from bot.language import detect, pick

MAX_CHARS = 1000  # longer messages are politely refused rather than guessed at

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Function words (and a few field words) of the Latin-script languages StemSafe does not speak, chosen so that
# none is an English or Spanish word ("le", "les", "da", "do", "die", "was", "non", "mas", "costa", "cosa" are
# left out on purpose). bot/language.py is the one place that knows English and Spanish words.
_OTHER_LANGUAGE_WORDS = frozenset(
    """
    est sont et je vous nous pas avec dans cette qui quoi quel quelle quels ou où combien coûte
    cellules souches traitement sûr sûre sûres bonjour merci beaucoup peut être avoir aussi très j'ai c'est
    qu'est est-ce suis
    não você vocês é são uma em na nas ao meu minha isso isto eles elas muito
    tronco tratamento custa posso quero tenho fazer obrigado obrigada olá onde mãe pai
    il della delle degli nel nella che sono questo questa perché gli anche molto dove posso voglio
    cellule staminali trattamento sicuro sicure sicura ciao grazie quanto
    ist sind und nicht ich mein meine wie viel kostet behandlung sicher klinik für eine ein wo wann warum
    kann auf oder auch mir mich haben sie wir stammzellen stammzelltherapie danke hallo
    het een niet zijn ik voor wat hoe zijn stamcellen behandeling veilig kliniek bedankt
    """.split()
)
# Letters that English and Spanish do not use (ç, ã, õ, à, è, ß, ä, ö, ł, ş ...): each word with one counts.
# English and Spanish use none of Latin Extended-A/B and Latin Extended Additional (Vietnamese) either.
_OTHER_LETTERS = re.compile("[àèìòùâêîôûãõçäëïößåøæ\u0100-\u024f\u1e00-\u1eff]")
_QUOTED = re.compile(r"[\"“«][^\"”»]*[\"”»]")  # a quoted clinic name or page says nothing about the writer
_TOKEN = re.compile(r"\S+")
# A web or e-mail address inside one token (checked token by token: linear however long the token is).
_ADDRESS = re.compile(r"://|www\.|@|\.(?:com|org|net|mx|edu|gov|info|health)\b", re.I)
OTHER_LANGUAGE_SHARE = 0.25  # of a message's words, with at least two, before it counts as another language


# Words that place a question within StemSafe's field. A safety answer is only given to a message that
# uses at least one: classifiers are confidently wrong on far-off questions ("who will win the
# election?"), and a wrong health answer is worse than asking the user to rephrase.
_DOMAIN = re.compile(
    r"\b(stem|cells?|msc|mscs|mesenchymal|stromal|clinics?|doctors?|physicians?|surgeon|treat\w*|therap\w*|"
    r"inject\w*|infusions?|shots?|iv|drip|donor|donated|cord|marrow|fat|adipose|svf|exosomes?|wharton\w*|amniotic|"
    r"placenta\w*|embryonic|fetal|autologous|allogeneic|fda|cofepris|isscr|cdc|approv\w*|legal|illegal|"
    r"licen[cs]\w*|cedula|cédula|credential\w*|trials?|study|studies|irb|ethic\w*|consent|side effects?|"
    r"risks?|risky|danger\w*|reject\w*|immune|infect\w*|bacteri\w*|contaminat\w*|tumou?rs?|cancer|blind\w*|"
    r"harm\w*|report\w*|medwatch|complain\w*|pric\w*|cost\w*|cheap\w*|expensive|insurance|deposit|quote|"
    r"testimonials?|reviews?|videos?|knee|joints?|back|spine|spinal|disc|autis\w*|als|ms|sclerosis|arthritis|"
    r"osteoarthritis|mexic\w*|tijuana|cancun|canc\xfan|abroad|overseas|travel\w*|touris\w*|certificate|"
    r"analysis|coa|lab|labs|steril\w*|viab\w*|batch|361|351|hct|bla|ind|nct|aviso|notice|licencia|sanitar\w*|"
    r"red flags?|warning|scam\w*|legit\w*|fraud\w*|suspicious|vet|verify|check|hospital|regenerative|"
    r"ryoncil|protocol|regulat\w*|evidence|proof|effective|work|works|cure\w*|fever|symptoms?|sign\w*|cancel\w*|reactions?|outcomes?|"
    r"manipulat\w*|homologous|cfr|1271|comit\w*|[ée]tica|clinicaltrials\w*|patients?|success|goes wrong|"
    r"change my mind|before i go|need to know|consult\w*|"
    # topics added with issue 10 (PRP, exosome kin, proven transplants, state law, Mexican complaints, money)
    r"prp|platelet\w*|plasma|bmac|orthobiologic\w*|secretome|vesicles?|omisirge|casgevy|lyfgenia|a?hsct|"
    r"transplant\w*|leuka?emia|lymphoma|sickle|right[- ]to[- ]try|surgical|profeco|conamed|denuncia|expediente|"
    r"refund\w*|crowdfund\w*|gofundme|longevity|anti.?ag(?:e)?ing|cartilage|palsy|intrathecal|epidural|"
    # general topics added later in issue 10 (transplants, donation, the procedure, aftercare, evidence)
    r"procedures?|recover\w*|aftercare|bmt|gvhd|graft|donat\w*|donors?|harvest\w*|liposuction|an[a]?esthe\w*|"
    r"sedat\w*|numb\w*|candidates?|eligib\w*|peer.?review\w*|published|journals?|independently|vials?|medications?|results?|"
    # words of follow-ups that carry no other field word ("what benefits can I expect?", "is it tax deductible?")
    r"benefits?|deductible|hsa|fsa|financ\w*|loans?|guarantee\w*|complications?|"
    # "is it safe? yes or no", "what questions should we ask them"
    r"safe|safety|unsafe|questions? (?:should|to|do|can) (?:we |i )?ask|ask (?:them|the clinic|the doctor))\b",
    re.I,
)


# The same field in Spanish (written with or without accents). "madre" alone is a mother, not a stem cell.
_DOMAIN_ES = re.compile(
    r"\b(c[ée]lulas?|cl[íi]nicas?|m[ée]dic[oa]s?|doctor(?:a|es|as)?|tratamientos?|terapias?|inyec\w*|infusi\w*|"
    r"sueros?|donantes?|donad\w*|cord[óo]n|m[ée]dula|grasa|adiposo|exosomas?|placenta\w*|embri\w*|fetal\w*|"
    r"aut[óo]log\w*|alog[ée]nic\w*|aprobad\w*|aprobaci[óo]n|legal\w*|ilegal\w*|permisos?|ensayos?|estudios?|"
    r"comit[ée]|consentimiento|efectos?|riesgos?|riesgos[oa]s?|peligr\w*|rechaz\w*|inmun\w*|infecci\w*|"
    r"infectad\w*|contamina\w*|tumor(?:es)?|c[áa]ncer|ceguera|ciego|da[ñn]os?|da[ñn]ar|reportar|quejas?|"
    r"demanda\w*|precios?|costos?|cuesta|cobran|barat\w*|car[oa]s?|seguro m[ée]dico|aseguradora|anticipo|"
    r"cotizaci\w*|presupuesto|testimonios?|rese[ñn]as?|opiniones|rodillas?|articulaci\w*|espalda|columna|"
    r"discos?|autis\w*|esclerosis|artritis|artrosis|extranjero|viaj\w*|turismo|certificados?|an[áa]lisis|"
    r"laboratorios?|est[ée]ril\w*|esteriliza\w*|viabilidad|lotes?|alertas?|advertencias?|estafas?|fraude\w*|"
    r"enga[ñn]\w*|sospech\w*|verific\w*|revis\w*|comprob\w*|confiables?|hospital\w*|regenerativ\w*|"
    r"protocolos?|regula\w*|evidencia|pruebas?|eficaz|efectiv\w*|funciona\w*|sirve|cura\w*|fiebre|"
    r"s[íi]ntomas?|se[ñn]ales?|cancela\w*|reacci\w*|resultados?|manipula\w*|hom[óo]log\w*|pacientes?|"
    r"[ée]xito|consult\w*|plaquetas?|plasma|trasplantes?|leucemia|linfoma|drepanoc\w*|quir[úu]rg\w*|"
    r"reembols\w*|devoluci\w*|colecta|longevidad|envejec\w*|antienvejec\w*|cart[íi]lago|par[áa]lisis|"
    r"intratecal|epidural|procedimientos?|recupera\w*|cuidados|injerto|extracci\w*|liposucci\w*|"
    r"anestesi\w*|sedaci\w*|candidat\w*|complicaci\w*|publicad\w*|revistas? cient[íi]ficas?|medicamentos?|medicinas?|"
    r"frascos?|viales?|sanitari\w*|licencias?|funcionamiento|profeco|conamed|salud|"
    # what Spanish follow-ups use without another field word ("¿crees que me funcione?", "me cotizaron 15 mil")
    r"funcion\w*|estromal|cofrepis|c[ée]dulas?|comentarios|cotiz\w*|pagar|promoci[óo]n|seguimiento|reserv\w*|"
    r"valoraci[óo]n|arrepent\w*|arrepint\w*|dep[óo]sito|firmar|sesiones|garantiz\w*|probabilidad|leyes|ley|"
    r"ves[íi]culas|molestias|aplicaci[óo]n|jap[óo]n|colombia|m[ée]xico|tijuana|canc[úu]n|"
    # "¿pero por lo menos es seguro?" (safe) was "not understood" (2026-12-01)
    r"segur[oa]s?|seguridad)\b",
    re.I,
)


def mentions_domain(text: str) -> bool:
    """True when the message uses at least one word from StemSafe's field, in English or Spanish."""
    return bool(_DOMAIN.search(text or "") or _DOMAIN_ES.search(text or ""))


class Problem(str, Enum):
    """Why a message could not be understood."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    UNSUPPORTED_LANGUAGE = "unsupported_language"  # neither English nor Spanish
    GARBLED = "garbled"
    UNCLEAR = "unclear"


Reply = tuple[str, list[dict[str, str]]]

HELP_BUTTON = {"title": "What can you do?", "payload": "/help"}
RED_FLAGS_BUTTON = {
    "title": "Red flags in a clinic",
    "payload": "What are the warning signs of a bad stem cell clinic?",
}
HELP_BUTTONS = {"en": HELP_BUTTON, "es": {"title": "¿Qué puede hacer?", "payload": "/help"}}
RED_FLAGS_BUTTONS = {
    "en": RED_FLAGS_BUTTON,
    # A Spanish button carries a Spanish question: the reply's language follows what the user sends.
    "es": {
        "title": "Señales de alerta en una clínica",
        "payload": "¿Cuáles son las señales de alerta de una mala clínica de células madre?",
    },
}

# A message in a language StemSafe does not speak: said in English AND Spanish (the writer may read either),
# the conversation's language first, with the urgent-care line in both.
_UNSUPPORTED_EN = (
    "Sorry, StemSafe answers in English and Spanish only. If you have symptoms after a treatment (fever, "
    "redness, vision problems, weakness, trouble breathing), seek urgent care now (911)."
)
_UNSUPPORTED_ES = (
    "Lo siento, StemSafe solo responde en inglés y en español. Si tiene síntomas después de un tratamiento "
    "(fiebre, enrojecimiento, problemas de visión, debilidad, dificultad para respirar), busque atención de "
    "urgencias ahora (911)."
)

# What the assistant says for each problem: kind, specific, and never a guessed health answer.
REPLIES: dict[Problem, Reply] = {
    Problem.EMPTY: (
        'I didn\'t get a message there. Type a question, for example: "Can donor cells be rejected?"',
        [],
    ),
    Problem.TOO_LONG: (
        f"That message is too long for me to read reliably (please keep it under {MAX_CHARS:,} characters). "
        "Could you ask your question in a sentence or two?",
        [],
    ),
    Problem.UNSUPPORTED_LANGUAGE: (_UNSUPPORTED_EN + "\n" + _UNSUPPORTED_ES, []),
    Problem.GARBLED: ("I couldn't read that. Could you type your question again in a few words?", [HELP_BUTTON]),
    Problem.UNCLEAR: (
        "Sorry, I'm not sure I understood, and I'd rather not guess on a health question. "
        "Could you rephrase it? You can also pick a topic.",
        [HELP_BUTTON, RED_FLAGS_BUTTON],
    ),
}
SPANISH_REPLIES: dict[Problem, Reply] = {
    Problem.EMPTY: (
        'No me llegó ningún mensaje. Escriba su pregunta, por ejemplo: "¿El cuerpo puede rechazar las células '
        'de un donante?"',
        [],
    ),
    Problem.TOO_LONG: (
        f"Ese mensaje es demasiado largo para leerlo bien (por favor, use menos de {MAX_CHARS:,} caracteres). "
        "¿Podría hacer su pregunta en una o dos oraciones?",
        [],
    ),
    Problem.UNSUPPORTED_LANGUAGE: (_UNSUPPORTED_ES + "\n" + _UNSUPPORTED_EN, []),
    Problem.GARBLED: (
        "No pude leer eso. ¿Podría escribir su pregunta otra vez, en pocas palabras?",
        [HELP_BUTTONS["es"]],
    ),
    Problem.UNCLEAR: (
        "Perdón, no estoy seguro de haberle entendido, y prefiero no adivinar en una pregunta de salud. "
        "¿Podría decirlo con otras palabras? También puede elegir un tema.",
        [HELP_BUTTONS["es"], RED_FLAGS_BUTTONS["es"]],
    ),
}
REPLIES_BY_LANGUAGE: dict[str, dict[Problem, Reply]] = {"en": REPLIES, "es": SPANISH_REPLIES}


def replies(lang: str = "en") -> dict[Problem, Reply]:
    """Every problem's reply in `lang` (English when StemSafe has none in that language)."""
    return pick(REPLIES_BY_LANGUAGE, lang)


def reply_for(text: str | None, lang: str = "en") -> Reply:
    """The reply (text and buttons) for a message the assistant could not use, in the conversation's language."""
    return replies(lang)[classify(text)]


def is_too_long(text: str) -> bool:
    return len(text) > MAX_CHARS


def looks_spanish(words: list[str]) -> bool:
    """True when these words are clearly Spanish (bot.language decides)."""
    return detect(" ".join(words)) == "es"


def other_language(text: str) -> bool:
    """True when a message is clearly written in a Latin-script language StemSafe does not speak (French,
    Portuguese, Italian, German, Dutch, Vietnamese ...). A quoted name, a web address or one borrowed word
    ("café", "São Paulo") is not enough: mixed English and Spanish is welcome."""
    text = _TOKEN.sub(lambda m: " " if _ADDRESS.search(m.group()) else m.group(), _QUOTED.sub(" ", text.lower()))
    words = [w for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)]
    if not words:
        return False
    other = sum(w in _OTHER_LANGUAGE_WORDS or bool(_OTHER_LETTERS.search(w)) for w in words)
    return other >= 2 and other >= OTHER_LANGUAGE_SHARE * len(words)


def classify(text: str | None) -> Problem:
    """Say why a message was not understood; UNCLEAR when nothing is wrong with its form (English, Spanish or
    both mixed are all fine)."""
    text = (text or "").strip()
    if not text:
        return Problem.EMPTY
    if is_too_long(text):
        return Problem.TOO_LONG
    letters = sum(ch.isalpha() for ch in text)
    non_latin = sum(ch.isalpha() and ord(ch) > 0x24F for ch in text)
    if letters and non_latin / letters > 0.5:
        return Problem.UNSUPPORTED_LANGUAGE
    if other_language(text):
        return Problem.UNSUPPORTED_LANGUAGE
    words = [w.lower() for w in _WORD.findall(text)]
    if letters < len(text) * 0.4 or (words and not any(_has_vowel(w) for w in words)):
        return Problem.GARBLED
    return Problem.UNCLEAR


def _has_vowel(word: str) -> bool:
    return bool(re.search(r"[aeiouyáéíóúü]", word))
