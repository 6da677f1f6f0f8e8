"""Ask back instead of guessing: answer a safety question only when the FAQ topic is clear.

A wrong confident answer on a health question is worse than "did you mean...?". Given the
ResponseSelector's ranking of FAQ topics (and the intent ranking), `decide` returns one of:

- ANSWER: the top topic is confident (>= MIN_CONFIDENCE) and well ahead of the next (>= MIN_LEAD);
- ASK_BACK: offer the 2-3 likeliest topics as buttons plus "Something else";
- REFUSE: nothing plausible to offer (the usual "I'm not sure I understood" reply).

A message with two questions (bot.question_split) gets the most safety-relevant of its two topics first
and the other offered as a button (`also`): a question that names a safety topic in so many words ("could
it cause a tumour?") decides which; otherwise the two likeliest topics of the whole message, when both are
likely enough. The thresholds were calibrated on the development part of
the real-question set only (tests/real_questions/en_dev.yml, bench/ask_back_calibration.py); see the
README. Button payloads are `/faq_choice{"topic": "<key>"}` and `/something_else`, which the command gate
(bot.gate) lets through only for topics StemSafe has. Every text and button title has an English and a
Spanish wording (`lang`); the payloads are the same in both, and a typed choice ("the second one", "la
segunda", "ninguna") is read in either language. Pure domain logic: no Rasa.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable, Mapping, Sequence

from bot.input_check import HELP_BUTTONS, Problem, classify, mentions_domain
from bot.language import pick

# Calibrated on the dev part of the real-question set (bench/ask_back_calibration.py, README). First (2026-11-29) the
# lowest confidence that kept wrong answers at or under 3% there; by 2026-12-01 the dev parts had grown (spent final
# parts moved in: 411 English and 104 Spanish questions NLU decides) and 0.4 / 0.2 gave 9.5% and 5.8% wrong answers.
# 0.55 / 0.30 was the setting where both languages lost about as many wrong answers as right ones (English right
# 49.6% -> 44.5%, wrong 9.5% -> 5.4%; Spanish 42.3% -> 37.5%, 5.8% -> 1.9%): a wrong health answer is worse than a
# question back. Higher settings cost right answers without removing the English wrong ones left (about 4%).
MIN_CONFIDENCE = 0.55  # the top topic's confidence needed to answer directly
MIN_LEAD = 0.3  # ... and its lead over the second topic
MIN_OFFERED = 0.05  # a topic below this is never offered
MAX_OFFERED = 3
SECOND_OPINION = "lexical_ranking"  # where components/lexical_topics.py leaves the linear model's own FAQ ranking
MIN_FAQ_INTENT = 0.2  # a message the intent classifier doubted (nlu_fallback) is asked back when faq got this much
# Two questions in one message and no safety topic named: both likeliest topics need this much to be answered
# (the safer first) and offered.
MIN_SECOND_QUESTION = 0.25

CHOICE_INTENT = "faq_choice"
SOMETHING_ELSE_INTENT = "something_else"
TOPIC_ENTITY = "topic"
SOMETHING_ELSE_TITLES = {"en": "Something else", "es": "Algo más"}
SOMETHING_ELSE_TITLE = SOMETHING_ELSE_TITLES["en"]
HELP_BUTTON = HELP_BUTTONS["en"]

# Button titles, one per FAQ topic (data/faq_answers.yml: utter_faq/<topic>); a unit test keeps them in step.
TITLES: dict[str, str] = {
    "rejection": "Can the cells be rejected?",
    "infection": "Infection risk",
    "donor_vs_own": "Donor cells vs my own cells",
    "tumours": "Can it cause tumours?",
    "side_effects": "Side effects",
    "serious_harms": "Serious harms reported",
    "what_are_mscs": "What are MSCs?",
    "cell_sources": "Where the cells come from",
    "fda_approved": "Is anything FDA approved?",
    "section_361_351": "FDA rules (361 vs 351)",
    "approved_meaning": 'What "approved" means',
    "cofepris_licences": "COFEPRIS licences",
    "mexico_legal": "Is it legal in Mexico?",
    "verify_cedula": "Check a Mexican doctor's cédula",
    "notice_numbers": "Advertising notice numbers",
    "certificate_of_analysis": "Certificate of analysis",
    "ethics_committee": "Ethics committee approval",
    "clinicaltrials_listing": "ClinicalTrials.gov listings",
    "testimonials": "Patient testimonials",
    "evidence_knee": "Evidence: knees and joints",
    "evidence_back": "Evidence: back pain",
    "evidence_autism": "Evidence: autism",
    "evidence_als": "Evidence: ALS",
    "evidence_ms": "Evidence: multiple sclerosis",
    "cost_abroad": "Cost abroad",
    "medical_tourism": "Treatment abroad",
    "red_flags": "Red flags in a clinic",
    "questions_to_ask": "Questions to ask a clinic",
    "report_harm": "Report a harm",
    "second_thoughts": "Having second thoughts",
    "verify_clinic": "How to check a clinic",
    "does_it_work": "Does it work?",
    "will_it_work_for_me": "Will it work for me?",
    "proven_treatments": "Proven stem cell treatments",
    "warning_signs": "Warning signs after treatment",
    "same_day_procedure": "Same-day own-cell procedures",
    "state_laws": "US state laws, Right to Try",
    "find_trial": "Find a real clinical trial",
    "future_care": "Effects on future care",
    "exosomes": "Exosomes, cell-free products",
    "prp_bmac": "PRP and bone marrow concentrate",
    "children": "Treatments for children",
    "mexico_complaints": "Complaints and refunds in Mexico",
    "cord_blood_banking": "Cord blood banking",
    "transplant_care": "After a marrow transplant",
    "stem_cell_donation": "Donating stem cells or marrow",
    "paying": "Insurance and paying",
    "homing_claims": '"Cells go where needed"',
    "anti_ageing": "Anti-ageing infusions",
    "approved_elsewhere": "Approved in another country",
    "routes": "Ways cells are given, and risks",
}

# The same titles in Spanish (plain Mexican Spanish, usted); a unit test keeps both in step with the answers.
TITLES_ES: dict[str, str] = {
    "rejection": "¿Se pueden rechazar las células?",
    "infection": "Riesgo de infección",
    "donor_vs_own": "Células de donante o propias",
    "tumours": "¿Puede causar tumores?",
    "side_effects": "Efectos secundarios",
    "serious_harms": "Daños graves reportados",
    "what_are_mscs": "¿Qué son las células mesenquimales?",
    "cell_sources": "De dónde vienen las células",
    "fda_approved": "¿Hay algo aprobado por la FDA?",
    "section_361_351": "Reglas de la FDA (361 y 351)",
    "approved_meaning": 'Qué quiere decir "aprobado"',
    "cofepris_licences": "Licencias de COFEPRIS",
    "mexico_legal": "¿Es legal en México?",
    "verify_cedula": "Revisar la cédula de un médico",
    "notice_numbers": "Números de aviso y de permiso",
    "certificate_of_analysis": "Certificado de análisis",
    "ethics_committee": "Aprobación de un comité de ética",
    "clinicaltrials_listing": "Registros en ClinicalTrials.gov",
    "testimonials": "Testimonios de pacientes",
    "evidence_knee": "Evidencia: rodillas y articulaciones",
    "evidence_back": "Evidencia: dolor de espalda",
    "evidence_autism": "Evidencia: autismo",
    "evidence_als": "Evidencia: ELA",
    "evidence_ms": "Evidencia: esclerosis múltiple",
    "cost_abroad": "Costos en el extranjero",
    "medical_tourism": "Tratamiento en otro país",
    "red_flags": "Señales de alerta en una clínica",
    "questions_to_ask": "Preguntas para hacerle a una clínica",
    "report_harm": "Reportar un daño",
    "second_thoughts": "Si lo está reconsiderando",
    "verify_clinic": "Cómo revisar una clínica",
    "does_it_work": "¿Funciona?",
    "will_it_work_for_me": "¿Me va a funcionar a mí?",
    "proven_treatments": "Tratamientos con células madre probados",
    "warning_signs": "Señales de alarma tras el tratamiento",
    "same_day_procedure": "Con sus propias células, el mismo día",
    "state_laws": "Leyes de EE. UU., Right to Try",
    "find_trial": "Encontrar un ensayo clínico real",
    "future_care": "Efectos en su atención futura",
    "exosomes": "Exosomas, productos sin células",
    "prp_bmac": "PRP y concentrado de médula ósea",
    "children": "Tratamientos para niños",
    "mexico_complaints": "Quejas y reembolsos en México",
    "cord_blood_banking": "Banco de sangre de cordón umbilical",
    "transplant_care": "Después de un trasplante de médula",
    "stem_cell_donation": "Donar células madre o médula",
    "paying": "Seguro médico y pagos",
    "homing_claims": '"Las células van adonde se necesitan"',
    "anti_ageing": "Infusiones antienvejecimiento",
    "approved_elsewhere": "Aprobado en otro país",
    "routes": "Vías de aplicación y sus riesgos",
}
TITLES_BY_LANGUAGE: dict[str, dict[str, str]] = {"en": TITLES, "es": TITLES_ES}


def title(topic: str, lang: str = "en") -> str:
    """A topic's button title in `lang` (English when there is no Spanish one)."""
    return pick(TITLES_BY_LANGUAGE, lang).get(topic) or TITLES[topic]


# Which answer comes first when a message asks two things: harm and warning signs before rules and money.
_SAFETY_ORDER = (
    "warning_signs",
    "serious_harms",
    "infection",
    "tumours",
    "side_effects",
    "rejection",
    "routes",
    "children",
    "report_harm",
    "second_thoughts",
    "does_it_work",
    "homing_claims",
    "exosomes",
    "red_flags",
    "same_day_procedure",
)


def safety_rank(topic: str) -> int:
    """Lower is more safety-relevant (topics not listed come after, in no particular order)."""
    return _SAFETY_ORDER.index(topic) if topic in _SAFETY_ORDER else len(_SAFETY_ORDER)


class Kind(str, Enum):
    ANSWER = "answer"
    ASK_BACK = "ask_back"
    REFUSE = "refuse"


@dataclass(frozen=True)
class Decision:
    kind: Kind
    topic: str | None = None  # ANSWER: the topic to answer
    offered: tuple[str, ...] = ()  # ASK_BACK: the topics to offer, likeliest first
    also: str | None = None  # ANSWER of a two-question message: the other topic, offered after the answer
    another: bool = False  # ANSWER of a two-question message whose other topic is unclear: ask for it on its own


@dataclass(frozen=True)
class Ranking:
    """The classifiers' view of one message: FAQ topics and intents, each (name, confidence), best first."""

    topics: tuple[tuple[str, float], ...]
    intents: tuple[tuple[str, float], ...] = field(default=())
    # The linear model's own FAQ ranking, before it was blended into `topics` (components/lexical_topics.py): its
    # likeliest topic gets one of the offered buttons even when the blend ranks it third or lower.
    second_opinion: tuple[tuple[str, float], ...] = field(default=())

    @classmethod
    def from_parse(cls, parse: Mapping) -> Ranking:
        """From Rasa's parse data (tracker.latest_message): `response_selector.faq.ranking` (and its
        `lexical_ranking`, when the blender left one), `intent_ranking`."""
        faq = (parse.get("response_selector") or {}).get("faq") or {}
        intents = tuple(
            (str(e.get("name")), float(e.get("confidence") or 0.0)) for e in parse.get("intent_ranking") or []
        )
        return cls(_topics(faq.get("ranking")), intents, _topics(faq.get(SECOND_OPINION)))

    def intent_confidence(self, name: str) -> float:
        return next((c for n, c in self.intents if n == name), 0.0)


def _topics(entries: object) -> tuple[tuple[str, float], ...]:
    """(topic, confidence) pairs, best first, from a ranking of `faq/<topic>` entries."""
    topics = []
    for entry in entries if isinstance(entries, list) else []:
        key = str(entry.get("intent_response_key") or "") if isinstance(entry, Mapping) else ""
        topic = key.split("/", 1)[1] if "/" in key else key
        if topic:
            topics.append((topic, float(entry.get("confidence") or 0.0)))
    return tuple(sorted(topics, key=lambda t: -t[1]))


def _offers(ranking: Ranking, allowed: set[str]) -> tuple[str, ...]:
    """The topics to offer, likeliest first: the blend's two likeliest, then the second opinion's likeliest other
    topic (when it gives one at least MIN_OFFERED), else the blend's third; never one under MIN_OFFERED.

    On the development parts of the real-question sets (bench/ask_back_calibration.py), the right topic was among
    the offers of 133 of 203 English questions asked back (129 with the blend's three) and 42 of 60 Spanish (38):
    the two models' third guesses differ, and the linear model's own is more often the one that was meant."""
    blended = [(t, c) for t, c in ranking.topics if t in allowed and c >= MIN_OFFERED]
    offered = [t for t, _ in blended[:2]]
    other = next((t for t, c in ranking.second_opinion if t in allowed and t not in offered and c >= MIN_OFFERED), None)
    if other is None:
        other = next((t for t, _ in blended[2:3]), None)
    if other is not None and len(offered) == 2:
        offered.append(other)
    return tuple(offered[:MAX_OFFERED])


# Words that name a safety topic inside one question of a two-question message ("...? Could it cause a tumour?").
_CUES: dict[str, re.Pattern[str]] = {
    # English, then Spanish ("¿puede causar tumores?", "¿qué efectos secundarios tiene?")
    "warning_signs": re.compile(
        r"\bwarning signs?\b|\bsymptoms? to watch\b|\b(?:se[ñn]ales|s[íi]ntomas) de (?:alarma|alerta)\b"
    ),
    "serious_harms": re.compile(
        r"\b(?:blind\w*|paraly[sz]\w*|died|deaths?|killed|stroke|ceguera|ciegos?|ciegas?|par[áa]lisis|paraliz\w*|"
        r"muri[óo]|murieron|muertes?|derrame cerebral|embolia)\b"
    ),
    "infection": re.compile(r"\b(?:infect\w*|bacteri\w*|contaminat\w*|sepsis|infecci\w*|contamina\w*)\b"),
    "tumours": re.compile(r"\b(?:tumou?rs?|cancer\w*|malignan\w*|tumores|c[áa]ncer|malign[oa]s?)\b"),
    "side_effects": re.compile(r"\bside[- ]?effects?\b|\befectos (?:secundarios|adversos)\b"),
    "rejection": re.compile(r"\b(?:reject\w*|graft[- ]versus[- ]host|rechaz\w*|injerto contra)\b"),
}


# A message about giving one's own cells or marrow: the donor's pain and risks are the donation answer's, not the
# treatment side effects' ("Is marrow donation painful? Are there any side effects?"), so no cue decides for it.
_ABOUT_DONATING = re.compile(
    r"\b(?:donat(?:e|es|ed|ing|ion|ions)|(?:be|become|becoming) a (?:\w+ )?donor|donor registry|donar|don[ée]|"
    r"donaci[óo]n|donaciones|ser donante)\b"
)


def cued_topics(question: str) -> list[str]:
    """Safety topics one question names in so many words, most safety-relevant first."""
    lowered = question.casefold()
    return sorted((t for t, pattern in _CUES.items() if pattern.search(lowered)), key=safety_rank)


def _cued(parts: Sequence[str]) -> list[list[str]]:
    """Each question's cued safety topics; none at all when the message is about donating (see _ABOUT_DONATING)."""
    if any(_ABOUT_DONATING.search(part.casefold()) for part in parts):
        return [[] for _ in parts]
    return [cued_topics(part) for part in parts]


def _two_questions(topics: list[tuple[str, float]], parts: Sequence[str]) -> Decision | None:
    """A message with two or more questions: when one names a safety topic and another does not, answer the
    safety topic first and offer the likeliest other topic. None when the questions give no such split."""
    cues = _cued(parts)
    if not any(cues) or all(cues):
        return None
    safety = next(c[0] for c in cues if c)
    if safety not in {t for t, _ in topics}:
        return None
    other = next((t for t, c in topics if t != safety and t not in _CUES and c >= MIN_OFFERED), None)
    return Decision(Kind.ANSWER, safety, also=other, another=other is None)


def decide(
    ranking: Ranking,
    questions: Sequence[str] = (),
    known: Iterable[str] | None = None,
    min_confidence: float = MIN_CONFIDENCE,
    min_lead: float = MIN_LEAD,
) -> Decision:
    """Answer, ask back or refuse, for a message classified as a FAQ question (`questions`: the message's
    question sentences, from bot.question_split). Topics not in `known` (default: TITLES) are ignored."""
    allowed = set(TITLES if known is None else known)
    topics = [(t, c) for t, c in ranking.topics if t in allowed]
    if not topics:
        return Decision(Kind.REFUSE)
    (top, confidence), second = topics[0], (topics[1][1] if len(topics) > 1 else 0.0)
    if len(questions) >= 2:
        split = _two_questions(topics, questions)
        if split is not None:
            return split
        named = any(_cued(questions))
        if not named and len(topics) > 1 and second >= MIN_SECOND_QUESTION and confidence + second >= min_confidence:
            pair = sorted(topics[:2], key=lambda t: (safety_rank(t[0]), -t[1]))
            return Decision(Kind.ANSWER, pair[0][0], also=pair[1][0])
    if confidence >= min_confidence and confidence - second >= min_lead:
        return Decision(Kind.ANSWER, top)
    offered = _offers(ranking, allowed)
    if len(offered) < 2:  # one weak guess: offer it with the runner-up rather than answering it
        offered = tuple(t for t, _ in topics[:2])
    return Decision(Kind.ASK_BACK, offered=offered)


def decide_unclear(ranking: Ranking, known: Iterable[str] | None = None, text: str | None = None) -> Decision:
    """For a message the intent classifier doubted (nlu_fallback): ask back when a FAQ question is a likely
    reading (faq among the two likeliest intents, with at least MIN_FAQ_INTENT, and words of StemSafe's
    field in a usable message), else refuse."""
    if text is not None and (classify(text) is not Problem.UNCLEAR or not mentions_domain(text)):
        return Decision(Kind.REFUSE)
    likeliest = [name for name, _ in ranking.intents[:2]]
    if "faq" not in likeliest or ranking.intent_confidence("faq") < MIN_FAQ_INTENT:
        return Decision(Kind.REFUSE)
    allowed = set(TITLES if known is None else known)
    offered = _offers(ranking, allowed)
    if len(offered) < 2:
        return Decision(Kind.REFUSE)
    return Decision(Kind.ASK_BACK, offered=offered)


# --- what the person sees ---------------------------------------------------------------------------

ASK_TEXTS = {
    "en": "I want to be sure I answer the right question. Which of these is closest to what you asked? "
    'If none is, choose "Something else".',
    "es": "Quiero asegurarme de responder la pregunta correcta. ¿Cuál de estos temas se parece más a lo que "
    'preguntó? Si no es ninguno, elija "Algo más".',
}
ALSO_TEXTS = {
    "en": "You also asked something else. Would you like my answer about this too?",
    "es": "También preguntó otra cosa. ¿Quiere que le responda sobre esto también?",
}
ANOTHER_TEXTS = {
    "en": "You also asked another question. Please send it on its own, and I'll answer it.",
    "es": "También hizo otra pregunta. Por favor, envíela por separado y se la respondo.",
}
UNKNOWN_TOPIC_TEXTS = {
    "en": "Sorry, I don't have an answer on that topic. Could you ask your question in your own words?",
    "es": "Perdón, no tengo una respuesta sobre ese tema. ¿Podría hacer su pregunta con sus propias palabras?",
}
WHICH_TEXTS = {
    "en": "Which one did you mean? Please choose one of these.",
    "es": "¿A cuál se refiere? Por favor, elija uno de estos.",
}
ASK_TEXT = ASK_TEXTS["en"]
ALSO_TEXT = ALSO_TEXTS["en"]
ANOTHER_TEXT = ANOTHER_TEXTS["en"]
UNKNOWN_TOPIC_TEXT = UNKNOWN_TOPIC_TEXTS["en"]
WHICH_TEXT = WHICH_TEXTS["en"]


def ask_text(lang: str = "en") -> str:
    return pick(ASK_TEXTS, lang)


def also_text(lang: str = "en") -> str:
    return pick(ALSO_TEXTS, lang)


def another_text(lang: str = "en") -> str:
    return pick(ANOTHER_TEXTS, lang)


def unknown_topic_text(lang: str = "en") -> str:
    return pick(UNKNOWN_TOPIC_TEXTS, lang)


def which_text(lang: str = "en") -> str:
    return pick(WHICH_TEXTS, lang)


def help_button(lang: str = "en") -> dict[str, str]:
    return pick(HELP_BUTTONS, lang)


def choice_payload(topic: str) -> str:
    return f"/{CHOICE_INTENT}" + json.dumps({TOPIC_ENTITY: topic}, separators=(",", ":"))


def something_else_payload() -> str:
    return f"/{SOMETHING_ELSE_INTENT}"


def buttons(topics: Sequence[str], something_else: bool = True, lang: str = "en") -> list[dict[str, str]]:
    """One button per topic (its title in `lang`, its choice payload), then "Something else" ("Algo más");
    the payloads are the same in every language."""
    result = [{"title": title(t, lang), "payload": choice_payload(t)} for t in topics if t in TITLES]
    if something_else:
        result.append({"title": pick(SOMETHING_ELSE_TITLES, lang), "payload": something_else_payload()})
    return result


def chosen_topic(value: object, known: Iterable[str] | None = None) -> str | None:
    """The topic a `faq_choice` names, or None when StemSafe has no such topic (never answer a made-up key)."""
    allowed = set(TITLES if known is None else known)
    return value if isinstance(value, str) and value in allowed else None


# Typed choices, in English or Spanish whatever the conversation's language (people mix).
_ORDINALS = (
    (re.compile(r"\b(?:second|2nd|two|2|middle|segund[oa]|2[ªºao]|(?:opci[óo]n|n[úu]mero|la|el) dos|medio)\b"), 1),
    (re.compile(r"\b(?:third|3rd|three|3|tercer[oa]?|3[ªºao]|(?:opci[óo]n|n[úu]mero|la|el) tres)\b"), 2),
    (
        re.compile(
            r"\b(?:first|1st|1|top|primer[oa]?|1[ªºao]|(?:opci[óo]n|n[úu]mero|la|el) uno|de arriba)\b|^(?:the )?one$"
        ),
        0,
    ),
)
_LAST = re.compile(r"\b(?:last|bottom|[úu]ltim[oa]|de abajo)\b")
_BOTH = re.compile(r"\b(?:both|ambas|ambos|las dos|los dos)\b")
_NONE = re.compile(
    r"^(?:none|neither|ninguna|ninguno|nada)\b|\b(?:none of (?:these|those|them)|neither of (?:these|those|them)|"
    r"something else|ninguna de (?:estas|esas|ellas)|ninguno de (?:estos|esos|ellos)|nada de eso|otra cosa|"
    r"algo m[áa]s|algo diferente)\b"
)


def typed_none(text: str | None) -> bool:
    """True when a typed reply to the offered topics says none of them fits ("none of these", "ninguna")."""
    return bool(_NONE.search((text or "").casefold().strip(" ¿?¡!.,")))


def typed_choice(text: str | None, offered: Sequence[str]) -> str | None:
    """The offered topic a typed reply picks ("the second one", "la segunda", "infection risk", "riesgo de
    infección"), or None (also for "none of these" / "ninguna", and for "both" / "las dos")."""
    lowered = (text or "").casefold()
    if not offered or not lowered or typed_none(lowered) or _BOTH.search(lowered):
        return None
    for topic in offered:  # the button's title (English or Spanish), or most of its words, typed
        for titles in TITLES_BY_LANGUAGE.values():
            words = re.findall(r"[^\W\d_]{4,}", titles.get(topic, "").casefold())
            if words and sum(w in lowered for w in words) >= max(1, (len(words) + 1) // 2):
                return topic
    if _LAST.search(lowered):
        return offered[-1]
    for pattern, index in _ORDINALS:
        if pattern.search(lowered) and index < len(offered):
            return offered[index]
    if len(lowered.split()) <= 4:  # "lo de quejas", "the cost one": one word of one offered title only
        hits = {
            topic
            for topic in offered
            for titles in TITLES_BY_LANGUAGE.values()
            for word in re.findall(r"[^\W\d_]{5,}", titles.get(topic, "").casefold())
            if re.search(rf"\b{re.escape(word)}", lowered)
        }
        if len(hits) == 1:
            return hits.pop()
    return None
