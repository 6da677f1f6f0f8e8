"""Condition cards: what the evidence says for the condition a patient names, as short sourced answers.

The cards live in ``data/condition_cards.yml`` (one per condition clinics sell stem cells for, keyed by the
card keys the condition matcher returns). ``answer(key, question)`` picks the card lines that fit the
question (does it work / is it approved / is it risky / what instead / what clinics claim), always with the
card's status line first and a ``Sources:`` line naming entries of ``docs/sources.md`` last. What is approved,
where and since when, comes from the approved-products list (``bot.approved``), so the two never disagree.
Pure Python: no Rasa here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from bot import approved
from bot.condition_match import conditions_in as matched_conditions
from bot.language import pick
from bot.text import normalise

PATH = Path(__file__).resolve().parent.parent / "data" / "condition_cards.yml"
OTHER_CONDITION = "other"
# Condition values stored by clinic checks before the cards (one value per group of conditions).
LEGACY = {
    "stroke_brain": "stroke,tbi",
    "lung": "lung_disease",
    "diabetes": "type1_diabetes,type2_diabetes",
    "eye": "eye_disease",
    "autoimmune": "lupus,rheumatoid_arthritis,crohns",
    "cosmetic": "hair_loss,erectile_dysfunction",
    "blood_cancer": "blood_cancers",
}
# A narrow card (MACI's cartilage hole) whose phrases also fit a common broader problem: "cartilage damage" or
# "torn cartilage" is more often worn knees or a torn meniscus. Without its own words (group 1), the check
# stores the broader card first, or only the other joint card already named ("hip cartilage": group 2).
NARROW = {
    "cartilage_defects": (
        re.compile(r"\b(defects?|holes?|maci|osteochondr\w*|chondromalacia|condromalacia|lesions?)\b"),
        ("knee_oa", "joint_tendon"),
    )
}
# A word that names a group of cards ("diabetes" without its type).
GROUPS = {"diabetes": ("type1_diabetes", "type2_diabetes"), "diabetic": ("type1_diabetes", "type2_diabetes")}
# Each group word as a whole word (a module constant, so tests/security/test_patterns.py times it).
GROUP_WORDS = {word: re.compile(rf"(?<![a-z]){re.escape(word)}(?![a-z])") for word in GROUPS}
MEXICO_NOTES = {
    "en": "In Mexico, COFEPRIS said in 2020 it had not authorised any clinical protocol for a stem cell treatment.",
    "es": "En México, COFEPRIS dijo en 2020 que no había autorizado ningún protocolo clínico de tratamiento con "
    "células madre.",
}
MEXICO_NOTE = MEXICO_NOTES["en"]
NO_CARDS = {
    "en": "I have no card for this condition. Ask the specialist who treats it (not the clinic) whether any cell "
    "therapy is approved or standard for it; most clinic stem cell treatments are unproven.",
    "es": "No tengo una ficha para esta enfermedad. Pregunte al especialista que la trata (no a la clínica) si "
    "hay alguna terapia celular aprobada o de uso estándar para ella. La mayoría de los tratamientos con células "
    "madre de las clínicas no están probados.",
}
NO_CARD = NO_CARDS["en"]
# Card fields written in Spanish under each card's ``es:`` key (the trial search term stays English: the
# registry is searched in English).
ES_FIELDS = ("name", "status_line", "evidence", "claims", "truth", "instead")

PROVEN = "PROVEN STANDARD CARE"
APPROVED = "APPROVED PRODUCT"
IN_TRIALS = "IN TRIALS"
UNPROVEN = "UNPROVEN"
HARMS = "HARMS REPORTED"
STATUSES = (PROVEN, APPROVED, IN_TRIALS, UNPROVEN, HARMS)
_LABEL = {
    PROVEN: "proven standard care",
    APPROVED: "approved product",
    IN_TRIALS: "in trials",
    UNPROVEN: "unproven",
    HARMS: "harms reported",
}
_LABEL_ES = {
    PROVEN: "tratamiento estándar probado",
    APPROVED: "hay un producto aprobado",
    IN_TRIALS: "en ensayos clínicos",
    UNPROVEN: "no probadas",
    HARMS: "se han reportado daños",
}

_NOT_CLINIC_SHOTS = {
    "en": " (not the shots clinics sell)",
    "es": " (no las inyecciones que venden las clínicas)",
}

# A risk question about a card whose approved product has no harms line: the generic line is about unapproved
# products, so the answer first says the approved one has its own side effects.
APPROVED_HARMS_TEXTS = {
    "en": "The approved product has its own known side effects; the specialist who gives it can explain them.",
    "es": "El producto aprobado tiene sus propios efectos secundarios conocidos. El especialista que lo aplica "
    "puede explicárselos.",
}
APPROVED_HARMS = APPROVED_HARMS_TEXTS["en"]
# bot.approved.GENERIC_HARMS in both languages (same fact, same source: approved.GENERIC_HARMS_SOURCE).
GENERIC_HARMS = {
    "en": approved.GENERIC_HARMS,
    "es": "La FDA tiene reportes de ceguera, tumores e infecciones después de productos de células madre no "
    "aprobados. Cualquier inyección o suero puede causar una infección.",
}
NO_RISK_FREE = {
    "en": "No treatment is free of risk; ask your own doctor what yours would be.",
    "es": "Ningún tratamiento está libre de riesgos. Pregunte a su propio médico cuáles serían los suyos.",
}
BALANCED = {"en": "The balanced view: {truth}", "es": "Lo que dicen las pruebas: {truth}"}
TRIAL_LINES = {
    "en": 'To look for a trial, search ClinicalTrials.gov for "{trial}" with "stem cell" and status '
    '"Recruiting". A listing is not approval, and a trial that charges you is a warning sign.',
    "es": 'Para buscar un ensayo clínico, busque en ClinicalTrials.gov "{trial}" junto con "stem cell", con el '
    'estado "Recruiting" (reclutando). Estar en la lista no es una aprobación. Si un ensayo le cobra, es una '
    "señal de alerta.",
}
SOURCE_WORDS = {"en": ("Source: ", "Sources: "), "es": ("Fuente: ", "Fuentes: ")}
THIS_CONDITION = {"en": "this condition", "es": "esta enfermedad"}
REPORT_CHECKED = {
    "en": "(Condition card checked {card}; approved-products list checked {products}. Sources: {sources}.)",
    "es": "(Ficha de la enfermedad revisada el {card}; lista de productos aprobados revisada el {products}. "
    "Fuentes: {sources}.)",
}
LIST_CHECKED = {
    "en": "(Approved-products list checked {products}.)",
    "es": "(Lista de productos aprobados revisada el {products}.)",
}
# What the trial-search line rests on: a listing is not approval; a trial that charges you is a warning sign.
TRIAL_SOURCES = ("About ClinicalTrials.gov (NLM)", "Turner 2017 (Regen Med)")
# Question kinds, tried in this order; a question that fits none is read as "does it work?".
APPROVAL, RISKS, INSTEAD, CLAIMS, WORKS = "approval", "risks", "instead", "claims", "works"
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        APPROVAL,
        re.compile(
            r"\b(approv\w*|licen[cs]\w*|authori[sz]\w*|legal|allowed|fda|ema|cofepris|regulat\w*|"
            r"cleared|permitted|"
            r"aprobad\w*|aprueba\w*|autoriza\w*|permitid\w*|permiso\w*|regulad\w*|licencia\w*|registro sanitario)\b"
        ),
    ),
    (
        RISKS,
        re.compile(
            r"\b(safe\w*|risk\w*|danger\w*|harm\w*|side[ -]?effects?|complications?|hurt|dangerous|"
            r"die[ds]?|death|deaths|infections?|blind\w*|tumou?rs?|cancer|"
            r"segur[oa]s?|riesgos?|riesgos[oa]s?|peligr\w*|efectos? (secundarios?|adversos?)|complicacion\w*|"
            r"danos|danin\w*|(hace|hacer|causa\w*|puede) dano|muert\w*|morir|infecci\w*|ceguera|ciega?o?s?|"
            r"tumor\w*|(causa\w*|provoca\w*|da|dan|produce\w*) cancer)\b"
        ),
    ),
    (
        INSTEAD,
        re.compile(
            r"\b(instead|alternatives?|other options?|what else|what can (i|we) do|what should (i|we) do|"
            r"trials?|studies|study|proven (treatment|option|care)s?|real treatment|standard (care|treatment)|"
            r"en (lugar|vez) de|alternativas?|otras? opcion\w*|que mas|que (puedo|podemos|debo|debemos) hacer|"
            r"ensayos?|estudios?|tratamientos? (probados?|estandar|real(es)?))\b"
            r"|\banything\b[^.?!]*\b(proven|works?|helps?)\b|\balgo\b[^.?!]*\b(probado|funcione|sirva|ayude)\b"
        ),
    ),
    (
        CLAIMS,
        re.compile(
            r"\b(claims?|claiming|promis\w*|says?|said|told|advertis\w*|testimonials?|reverse[sd]?|regrow\w*|"
            r"cure[sd]?|heal\w*|scam|legit\w*|too good|"
            r"dicen?|dijeron|dijo|promet\w*|anunci\w*|testimonios?|revert\w*|revierte\w*|regenera\w*|"
            r"curan?|cura[rs]?|sanan?|sanar|estafa|fraude|legitim\w*|demasiado bueno)\b"
        ),
    ),
)


@dataclass(frozen=True)
class Card:
    """One condition card: its status and short lines in plain words, with sources and the date checked."""

    key: str
    name: str
    status: tuple[str, ...]
    status_line: str
    evidence: tuple[str, ...]
    claims: str
    truth: str
    instead: str
    trial: str
    sources: tuple[str, ...]
    checked: str
    harms: str | None = None
    words: tuple[str, ...] = ()
    summary: str | None = None
    es: dict = field(default_factory=dict, compare=False)

    def text(self, name: str, lang: str = "en") -> str:
        """A text field of the card in ``lang``: the Spanish one under ``es:`` when there is one, else the
        English ("" for an optional field the card leaves out)."""
        if lang == "es" and self.es.get(name):
            return str(self.es[name])
        return getattr(self, name) or ""

    def evidence_in(self, lang: str = "en") -> tuple[str, ...]:
        """The evidence lines in ``lang``."""
        return tuple(self.es["evidence"]) if lang == "es" and self.es.get("evidence") else self.evidence

    def check_line_in(self, lang: str = "en") -> str:
        """``check_line`` in ``lang``."""
        if lang != "es":
            return self.check_line
        return f"{_capital(self.name_in(lang))}: {self.text('summary', lang) or self.status_label_in(lang) + '.'}"

    @property
    def check_line(self) -> str:
        """The clinic check's one-line summary for this card (the chat report shows only this line).

        A card whose status mixes a proven or approved use with what clinics sell has its own summary, so the
        line never says "proven" or "approved" without saying what exactly is, and that clinic shots are not.
        """
        return f"{_capital(self.name)}: {self.summary or self.status_label + '.'}"

    @property
    def status_label(self) -> str:
        """The status in plain words ("unproven; harms reported")."""
        return self.status_label_in()

    def status_label_in(self, lang: str = "en") -> str:
        """The status in plain words in ``lang``. Where a proven or approved use sits beside unproven ones, it says
        at once that the clinics' shots are not it: "Status for Parkinson's disease: approved product; in trials"
        was read by an 82-year-old as "so the Panama place is OK?" (exploratory session, 2026-12-02)."""
        labels = pick({"en": _LABEL, "es": _LABEL_ES}, lang)
        mixed = len(self.status) > 1
        return "; ".join(
            labels[s] + (pick(_NOT_CLINIC_SHOTS, lang) if mixed and s in (PROVEN, APPROVED) else "")
            for s in self.status
        )

    @property
    def status_sentence(self) -> str:
        """The line every answer starts with: the status, then the card's status line (English)."""
        return self.status_text()

    def status_text(self, lang: str = "en") -> str:
        """The status sentence in ``lang`` ("en" or "es"): the status, then the card's status line."""
        if lang == "es":
            return (
                f"Células madre en {self.name_in(lang)}: {self.status_label_in(lang)}. {self.text('status_line', lang)}"
            )
        return f"Status for {self.name}: {self.status_label}. {self.status_line}"

    def name_in(self, lang: str = "en") -> str:
        """The condition's name in ``lang``."""
        return str(self.text("name", lang))

    @property
    def trial_line(self) -> str:
        return self.trial_line_in()

    def trial_line_in(self, lang: str = "en") -> str:
        """How to search ClinicalTrials.gov for this condition (the search words stay English)."""
        return pick(TRIAL_LINES, lang).format(trial=self.trial)

    def sources_line(self, extra: tuple[str, ...] = (), lang: str = "en") -> str:
        """ "Sources: ..." ("Fuentes: ..." in Spanish), with the ids of docs/sources.md unchanged."""
        names = list(dict.fromkeys(self.sources + extra))
        one, many = pick(SOURCE_WORDS, lang)
        return (one if len(names) == 1 else many) + "; ".join(names)


def _card(key: str, entry: dict) -> Card:
    status = tuple(entry["status"])
    unknown = [s for s in status if s not in STATUSES]
    if not status or unknown or len(status) > 2:
        raise ValueError(f"card {key!r}: status must be one or two of {STATUSES}, got {status}")
    summary = (entry.get("summary") or "").strip() or None
    es = dict(entry.get("es") or {})
    for name in ("status_line", "claims", "truth", "instead", "harms", "summary"):
        if isinstance(es.get(name), str):
            es[name] = es[name].strip()
    if "evidence" in es:
        es["evidence"] = tuple(line.strip() for line in es["evidence"])
    if summary is None and {PROVEN, APPROVED} & set(status):
        raise ValueError(f"card {key!r}: a proven or approved status needs a summary saying what exactly is")
    return Card(
        key=key,
        name=entry["name"],
        status=status,
        status_line=entry["status_line"].strip(),
        evidence=tuple(line.strip() for line in entry["evidence"]),
        claims=entry["claims"].strip(),
        truth=entry["truth"].strip(),
        instead=entry["instead"].strip(),
        trial=entry["trial"].strip(),
        sources=tuple(entry["sources"]),
        checked=str(entry["checked"]),
        harms=(entry.get("harms") or "").strip() or None,
        words=tuple(str(w).lower() for w in entry.get("words") or ()),
        summary=summary,
        es=es,
    )


@lru_cache(maxsize=4)
def load_cards(path: Path = PATH) -> dict[str, Card]:
    """Every card keyed by its card key; ValueError when a card has an unknown status."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {key: _card(key, entry) for key, entry in data["cards"].items()}


def card(key: str) -> Card | None:
    return load_cards().get(key)


def question_kind(question: str) -> str:
    """What the question asks about the condition: approval, risks, instead, claims or works (the default)."""
    text = normalise(question or "")  # lower case, accents removed ("¿está aprobado?" -> "¿esta aprobado?")
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return WORKS


def body_lines(item: Card, kind: str, lang: str = "en") -> list[str]:
    """The card lines that answer a question of this kind, status line first (no sources line)."""
    lines = [item.status_text(lang)]
    instead, evidence = item.text("instead", lang), item.evidence_in(lang)
    if kind == APPROVAL:
        lines += approved.approval_lines(item.key, item.name_in(lang), lang=lang)
        lines.append(instead)
    elif kind == RISKS:
        if not item.harms and any(p.current for p in approved.products_for(item.key)):
            lines.append(pick(APPROVED_HARMS_TEXTS, lang))
        lines.append(item.text("harms", lang) or pick(GENERIC_HARMS, lang))
        lines.append(pick(NO_RISK_FREE, lang))
    elif kind == INSTEAD:
        lines += [instead, item.trial_line_in(lang)]
    elif kind == CLAIMS:
        lines += [
            item.text("claims", lang),
            pick(BALANCED, lang).format(truth=_after_colon(item.text("truth", lang), lang)),
            evidence[0],
        ]
    else:
        lines += [*evidence, instead]
    return lines


def answer(key: str, question_text: str = "", lang: str = "en") -> str:
    """The card's answer to a question about its condition; KeyError for an unknown card key."""
    item = load_cards()[key]
    kind = question_kind(question_text)
    extra: tuple[str, ...] = ()
    if kind == APPROVAL:
        extra = approved.sources_for(item.key)
    elif kind == RISKS and not item.harms:
        extra = (approved.GENERIC_HARMS_SOURCE,)
    elif kind == INSTEAD:
        extra = TRIAL_SOURCES
    return "\n".join([*body_lines(item, kind, lang), item.sources_line(extra, lang)])


def _word_hits(text: str) -> list[str]:
    """Card keys whose card ``words`` appear in ``text`` (body parts such as "knee"), earliest first."""
    lowered = normalise(text).replace("'", "")
    hits: list[tuple[int, str]] = []
    for item in load_cards().values():
        for word in item.words:
            bare = word.replace("'", "")
            match = re.search(rf"(?<![a-z0-9_]){re.escape(bare)}(?![a-z0-9_])", lowered)
            if match:
                hits.append((match.start(), item.key))
    return list(dict.fromkeys(key for _, key in sorted(hits)))


def conditions_in(text: str) -> list[str]:
    """Card keys of the conditions named in ``text``, in the order named (bot.condition_match's matcher).

    A group word ("diabetes" without its type) names every card of its group, unless one is named already.
    """
    keys = matched_conditions(text)
    lowered = normalise(text)
    for word, group in GROUPS.items():
        if GROUP_WORDS[word].search(lowered) and not set(keys) & set(group):
            keys += [key for key in group if key not in keys]
    return keys


def _broad_first(keys: list[str], text: str) -> list[str]:
    """A narrow card named only by a broad phrase keeps its broader card, first (see ``NARROW``)."""
    lowered = normalise(text)
    result: list[str] = []
    for key in keys:
        rule = NARROW.get(key)
        if rule is None or rule[0].search(lowered):
            result.append(key)
        elif not set(rule[1]) & set(keys):
            result += [rule[1][0], key]
    return list(dict.fromkeys(result))


def condition_of(text: str) -> str | None:
    """The condition value the clinic check stores: the card keys named, comma-joined (None when none).

    The answer to "which condition?" names one, so a body part alone ("knee") counts here (card ``words``),
    though the matcher rightly ignores it elsewhere ("bent knees"). "Cartilage damage" alone stores knee
    arthritis first (``NARROW``), and "hip cartilage" only the hip card.
    """
    keys = _broad_first(conditions_in(text) or _word_hits(text), text)
    return ",".join(keys[:3]) if keys else None


def conditions_named(text: str) -> set[str]:
    """Every condition named in ``text``, a group word counted once ("MS, autism, Parkinson's and diabetes": 4)."""
    keys = set(matched_conditions(text))
    lowered = normalise(text)
    return keys | {w for w, group in GROUPS.items() if GROUP_WORDS[w].search(lowered) and not keys & set(group)}


def keys_of(value: str | None) -> list[str]:
    """The card keys behind a stored condition value (comma-joined keys, or a value stored before the cards)."""
    value = LEGACY.get(value or "", value or "")
    return [key for key in value.split(",") if key in load_cards()]


def display_name(value: str | None, lang: str = "en") -> str:
    names = [load_cards()[key].name_in(lang) for key in keys_of(value)]
    return " / ".join(names) if names else pick(THIS_CONDITION, lang)


def us_approved(value: str | None) -> bool | None:
    """Whether a stem cell product is FDA-approved for the stored condition (None: no card for it)."""
    keys = keys_of(value)
    return any(approved.approved_in(key, "US") for key in keys) if keys else None


def _after_colon(text: str, lang: str) -> str:
    """Spanish writes lower case after a colon ("Lo que dicen las pruebas: ningún ensayo..."), except for a
    name written in capitals ("MACI")."""
    if lang == "es" and len(text) > 1 and text[1].islower():
        return text[:1].lower() + text[1:]
    return text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def report_lines(value: str | None, country: str | None = None, lang: str = "en") -> list[str]:
    """The clinic-check report's lines for the condition: status and approvals first, then what to do instead.

    The first line is a one-line summary (the chat report shows only it); the page shows them all.
    """
    keys = keys_of(value)
    if not keys:
        return [pick(NO_CARDS, lang), pick(LIST_CHECKED, lang).format(products=approved.checked())]
    items = [load_cards()[key] for key in keys]
    lines = [" ".join(f"{i.check_line_in(lang)} {approved.summary(i.key, i.name_in(lang), lang=lang)}" for i in items)]
    for item in items:
        lines.append(item.status_text(lang))
        lines += approved.approval_lines(item.key, item.name_in(lang), with_summary=False, lang=lang)
        lines.append(item.text("instead", lang))
    if country == "mexico":
        lines.append(pick(MEXICO_NOTES, lang))
    sources = list(dict.fromkeys(s for item in items for s in item.sources + approved.sources_for(item.key)))
    if country == "mexico":
        sources.append("COFEPRIS 2020 statement")
    lines.append(
        pick(REPORT_CHECKED, lang).format(
            card=items[0].checked, products=approved.checked(), sources="; ".join(sources)
        )
    )
    return lines
