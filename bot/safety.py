"""Safety rail: recognise a person describing symptoms, so urgent-care advice comes before anything else.

The check is deliberately rule-based and high-recall: missing someone with a fever after an injection
costs far more than showing urgent-care advice once too often. It looks for a symptom word (English or
Spanish) near a word that places it in a real person ("I", "my", "my mother", "she", "tengo"...), which
separates "I have a fever since the injection" from the general question "can stem cells cause fever?".
"""

from __future__ import annotations

import re

_SYMPTOMS_EN = [
    r"fevers?",
    r"feverish",
    r"high temperature",
    r"a temperature",
    r"chills",
    r"shivering",
    r"rigors",
    r"(spreading|growing) redness",
    r"redness (is )?spreading",
    r"red (streaks?|lines?)",
    r"red,? (hot|swollen)",
    r"hot to the touch",
    r"pus",
    r"oozing",
    r"abscess",
    r"infected",
    r"blurr(y|ed|ing)",
    r"lost (my |his |her |some )?(vision|sight)",
    r"losing (my |his |her )?(vision|sight)",
    r"vision (is )?(loss|change[sd]?|going|worse|dark|blurr\w*)",
    r"can'?t see",
    r"cannot see",
    r"go(ing|ne)? blind",
    r"eye pain",
    r"eyes? (hurts?|is red|are red|pain)",
    r"flashes|floaters",
    r"weakness",
    r"(feel|feels|feeling|felt|am|i'?m|gone|went|got|getting|been) (so |very |really )?weak",
    r"(he|she|they|dad|mom|mother|father|husband|wife|son|daughter) (is|are|was|were) (so |very |really )?weak",
    r"weak (arm|arms|leg|legs|side|hand|hands)",
    r"numb(ness)?",
    r"tingling",
    r"paraly[sz]\w*",
    r"can'?t (move|walk|feel)",
    r"cannot (move|walk|feel)",
    r"severe headache",
    r"worst headache",
    r"(bad|terrible|awful) headache",
    r"stiff neck",
    r"(trouble|difficulty|hard) breathing",
    r"short(ness)? of breath",
    r"can'?t breathe",
    r"cannot breathe",
    r"out of breath",
    r"chest pain",
    r"coughing (up )?blood",
    r"(is|seems|was|became|got|getting) (very |really )?confused",
    r"fainted",
    r"fainting",
    r"passed out",
    r"seizures?",
    r"incontinen\w*",
    r"los(t|ing) (control of )?(my )?bladder",
    r"sepsis",
    r"(feel|feels|feeling|felt|am|i'?m|got|getting|been) (really |very |so )?(sick|ill|unwell|awful|terrible)",
    r"(severe|extreme|terrible|unbearable) pain",
    r"swollen (leg|arm|calf)",
    r"slurred speech",
    r"face (is )?drooping",
]
_SYMPTOMS_ES = [
    r"fiebre",
    r"escalofr[ií]os?",
    r"enrojecimiento",
    r"pus",
    r"infecci[oó]n",
    r"no (puedo|puede) ver",
    r"visi[oó]n borrosa",
    r"perd[ií] la vista",
    r"debilidad",
    r"entumecimiento",
    r"adormecid[oa]",
    r"dolor de cabeza (fuerte|intenso|severo)",
    r"cuello r[ií]gido",
    r"(dificultad|problemas) para respirar",
    r"falta de aire",
    r"no (puedo|puede) respirar",
    r"dolor (en el|de) pecho",
    r"desmay\w*",
    r"convulsi\w*",
]
_PERSON = [
    r"i",
    r"i'?m",
    r"i am",
    r"i'?ve",
    r"i have",
    r"me",
    r"my",
    r"we",
    r"our",
    r"he",
    r"she",
    r"they",
    r"his",
    r"her",
    r"their",
    r"him",
    r"tengo",
    r"tiene",
    r"tuve",
    r"tuvo",
    r"mi",
    r"me siento",
    r"estoy",
    r"siento",
    r"desde",
]
_SYMPTOM = re.compile(r"\b(" + "|".join(_SYMPTOMS_EN + _SYMPTOMS_ES) + r")\b", re.I)
_PERSON_RE = re.compile(r"\b(" + "|".join(_PERSON) + r")\b", re.I)
# A symptom just after "if", "risk of"... is a question about the future, not a report.
_HYPOTHETICAL = re.compile(
    r"\b(if|in case|risk of|risks of|chance of|chances of|cause|causes|could|might|will i|would i|can i|do i)\b"
    r"[^.!?]{0,30}$",
    re.I,
)
_WINDOW = 80  # characters either side of a symptom in which a person word must appear
_GENERAL_QUESTION = re.compile(
    r"^\s*(can|could|do|does|will|would|is|are)\s+(stem cells?|msc|mscs|exosomes|the (treatment|therapy|injection)s?"
    r"|treatments?|injections?|it|they)\b[^.!?]*\b(cause|give|lead|make|result)\b",
    re.I,
)


def mentions_person(text: str) -> bool:
    """True when the message places something in a person ("I", "my", "she", "tengo"...)."""
    return bool(_PERSON_RE.search(text or ""))


def describes_symptoms(text: str) -> bool:
    """True when the message reads as a person reporting a warning symptom (not a general question)."""
    if not text or _GENERAL_QUESTION.search(text):
        return False
    for match in _SYMPTOM.finditer(text):
        if _HYPOTHETICAL.search(text[: match.start()]):
            continue
        start, end = max(0, match.start() - _WINDOW), match.end() + _WINDOW
        if _PERSON_RE.search(text[start:end]):
            return True
    return False
