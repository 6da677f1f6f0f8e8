"""Page check: reads text a patient pasted from a clinic's website, brochure or message, and lists the
claims it recognises, each quoted with the balanced fact, its source and what to ask or verify.

Recognition is rule-based spaCy (a blank English or Spanish pipeline, a sentencizer, `PhraseMatcher`
and `Matcher`) with every pattern kept as data in ``data/page_check.yml``: no model weights, linear
in the length of the text, and the same result every time. Matching is case- and accent-blind.
A claim is the page's own only when it is stated, not asked ("Can my body reject the cells?") and
not quoted as a warning about other clinics ("Be wary of any clinic that guarantees a cure").

A sentence that claims results for a named condition ("our stem cells reverse autism") is tested against
that condition's card (``bot.conditions``): the finding, of kind "condition", names the condition's real
status, the balanced view and what to do instead.

What a page says also answers some clinic-check questions (the cells' source, the route, the
licence shown); ``PageCheck.prefill`` carries those, to be offered to the patient for confirmation.
Free of Rasa: the chat action, the web page and the benchmark all call :func:`check`.

What StemSafe says about each claim (its title, the balanced fact and what to ask) is written in English
and in Spanish (the ``es:`` key of each claim); it follows the READER's language (``lang``), which can
differ from the page's: a Spanish-speaking patient may paste an English page, and the other way round.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from bot import conditions
from bot.condition_match import conditions_in
from bot.input_check import looks_spanish
from bot.language import pick
from bot.spacy_light import Language, Matcher, PhraseMatcher, spacy

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "data" / "page_check.yml"
MAX_CHARS = 5_000  # the longest paste read in chat; the entry limit of the channels is the same
MAX_PAGE_CHARS = 60_000  # the web page's paste box takes a whole page (a long clinic page is ~30,000)
MAX_QUOTE = 220
LANGUAGES = ("en", "es")
_NEGATIONS = {
    "en": {"not", "no", "never", "n't", "nothing", "none", "neither", "nor", "without", "isn't", "aren't", "cannot"},
    "es": {"no", "nunca", "ningun", "ninguna", "ninguno", "nada", "ni", "jamas", "tampoco"},
}
_CLAUSE_BREAKS = {
    "en": {"and", "but", ",", ";", ":", "while", "although", "though", "because", "so"},
    "es": {"y", "pero", ",", ";", ":", "aunque", "porque", "mientras"},
}
_VERBS = {
    "en": {"is", "are", "was", "were", "can", "will", "has", "have", "does", "do"},
    "es": {"es", "son", "esta", "estan", "puede", "pueden", "tiene", "tienen", "hay"},
}
NEGATION_WINDOW = 6  # tokens before a match that can negate it ("no procedure is ever completely risk-free")
# A passage that warns about other clinics: its own sentence, and the list items under it.
_WARNING = {
    "en": [
        "wary",
        "beware",
        "red flag",
        "red flags",
        "warning sign",
        "warning signs",
        "watch for",
        "watch out",
        "avoid any",
        "avoid clinics",
        "bad actors",
        "be careful",
        "be cautious",
        "scam",
        "no responsible provider",
    ],
    "es": [
        "cuidado",
        "senal de alerta",
        "senales de alerta",
        "desconfie",
        "desconfia",
        "evite",
        "evita",
        "banderas rojas",
    ],
}
_BULLET = re.compile(r"^\s*([•·\-*–—]|\d{1,2}[.)])\s+")


_REPEATS = re.compile(r"(\S)\1{3,}")
_LONG_RUN = re.compile(r"\S{48}")


def defuse(text: str) -> str:
    """Keeps tokenising linear: spaCy's tokenizer is quadratic in the length of one run of punctuation
    or emoji ("!!!!…" × 4,000 takes seconds). A character repeated more than three times is cut to
    three, and a space is put after every 48 characters of a run without spaces."""
    return _LONG_RUN.sub(lambda m: m.group(0) + " ", _REPEATS.sub(r"\1\1\1", text))


def fold(text: str) -> str:
    """Lower case with accents removed: what patterns are compared against."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


@dataclass(frozen=True)
class Claim:
    code: str
    kind: str
    title: str
    fact: str
    sources: str
    ask: str
    prefill: dict[str, str] = field(default_factory=dict)
    negatable: bool = False
    # language -> {"title", "fact", "ask"} in that language (English is the fields above)
    texts: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, hash=False)

    def in_language(self, lang: str = "en") -> Claim:
        """This claim with its title, fact and ask in ``lang`` (English when there is no such text)."""
        words = self.texts.get(lang)
        return replace(self, **words) if words else self


@dataclass(frozen=True)
class Finding:
    claim: Claim
    quote: str  # the sentence of the page that makes the claim (shortened when long)
    matched: str  # the words that were recognised
    sentence: str = ""  # the whole sentence


@dataclass
class PageCheck:
    language: str
    findings: list[Finding]
    truncated: bool = False

    @property
    def codes(self) -> list[str]:
        return [f.claim.code for f in self.findings]

    @property
    def prefill(self) -> dict[str, list[str]]:
        """Clinic-check question id -> what the page implies, in the order found (for the patient to confirm)."""
        out: dict[str, list[str]] = {}
        for finding in self.findings:
            for question, value in finding.claim.prefill.items():
                values = out.setdefault(question, [])
                if value not in values:
                    values.append(value)
        return out


def _texts(entry: dict[str, str]) -> dict[str, str]:
    return {name: " ".join(str(entry[name]).split()) for name in ("title", "fact", "ask")}


@lru_cache(maxsize=1)
def catalogue() -> tuple[dict[str, Claim], dict[str, Any]]:
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    claims: dict[str, Claim] = {}
    raw: dict[str, Any] = {}
    for item in data["claims"]:
        claims[item["code"]] = Claim(
            code=item["code"],
            kind=item["kind"],
            title=item["title"],
            fact=" ".join(item["fact"].split()),
            sources=item["sources"],
            ask=item["ask"],
            prefill={k: str(v) for k, v in (item.get("prefill") or {}).items()},
            negatable=bool(item.get("negatable")),
            texts={"es": _texts(item["es"])} if item.get("es") else {},
        )
        raw[item["code"]] = item
    return claims, raw


CONDITION_KIND = "condition"


@lru_cache(maxsize=1)
def condition_results() -> dict[str, Any]:
    """The words that make a sentence naming a condition a claim of results, per language, and the cap."""
    return yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["condition_results"]


def _card_text(card: conditions.Card, name: str, lang: str) -> str:
    """A card's text field in ``lang`` (the card's own Spanish when it has one, else its English)."""
    text = getattr(card, "text", None)
    return text(name, lang) if callable(text) else str(getattr(card, name))


_CONDITION_WORDS = {
    "en": {
        "title": "Results claimed for {name}",
        "ask": "Ask which published, controlled trial tested this treatment for {name}. {instead}",
    },
    "es": {
        "title": "Resultados que prometen para {name}",
        "ask": "Pregunte qué ensayo clínico controlado y publicado probó este tratamiento para {name}. {instead}",
    },
}


@lru_cache(maxsize=64)
def condition_claim(key: str) -> Claim:
    """A results claim for this condition, answered with its card: the status, the balanced view, what instead
    (in each language: the card's Spanish status, view and advice when it has them)."""
    card = conditions.load_cards()[key]
    texts = {}
    for lang, words in _CONDITION_WORDS.items():
        name = card.name_in(lang)
        texts[lang] = {
            "title": words["title"].format(name=name),
            "fact": f"{card.status_text(lang)} {_card_text(card, 'truth', lang)}",
            "ask": words["ask"].format(name=name, instead=_card_text(card, "instead", lang)),
        }
    return Claim(
        code=f"condition:{key}",
        kind=CONDITION_KIND,
        sources="; ".join(card.sources),
        texts={"es": texts["es"]},
        **texts["en"],
    )


@Language.component("stemsafe_fold_norm")
def _fold_norm(doc: Doc) -> Doc:
    """Sets every token's NORM to its folded form, so patterns ignore case and accents; a line break
    starts a new sentence (pages are headings, list items and table rows as much as prose)."""
    for token in doc:
        token.norm_ = fold(token.text)
        if token.i + 1 < len(doc) and "\n" in token.text_with_ws:
            doc[token.i + 1].is_sent_start = True
    return doc


class _Recogniser:
    """One language's pipeline and matchers."""

    def __init__(self, language: str) -> None:
        claims, raw = catalogue()
        self.language = language
        self.nlp = spacy.blank(language)
        self.nlp.add_pipe("sentencizer")
        self.nlp.add_pipe("stemsafe_fold_norm")
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.tokens = Matcher(self.nlp.vocab)
        self.groups: dict[str, int] = {}  # code -> number of all_of groups
        self.conditions = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.warnings = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.warnings.add("WARNING", list(self.nlp.pipe(fold(w) for w in _WARNING[language])))
        for code, item in raw.items():
            patterns = (item.get("patterns") or {}).get(language) or {}
            if patterns.get("phrases"):
                self.phrases.add(code, list(self.nlp.pipe(fold(p) for p in patterns["phrases"])))
            for i, group in enumerate(patterns.get("all_of") or []):
                self.phrases.add(f"{code}#{i}", list(self.nlp.pipe(fold(p) for p in group)))
            self.groups[code] = len(patterns.get("all_of") or [])
            if patterns.get("tokens"):
                self.tokens.add(code, patterns["tokens"])
            names = (item.get("conditions") or {}).get(language)
            if names:
                self.conditions.add(code, list(self.nlp.pipe(fold(n) for n in names)))
        self.results = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.results.add("RESULTS", list(self.nlp.pipe(fold(w) for w in condition_results()[language])))
        self.results.add("HEDGE", list(self.nlp.pipe(fold(w) for w in condition_results()["hedges"][language])))
        self.claims = claims
        self.derived = {code: item["derived_from"] for code, item in raw.items() if item.get("derived_from")}

    def find(self, text: str) -> list[Finding]:
        doc = self.nlp(text)
        lines = _Lines(text)
        warned_lines = _warning_lines(text, self, doc, lines)
        hits: dict[Span, dict[str, list[tuple[int, int]]]] = {}
        for sent in doc.sents:
            hits[sent] = {}
        sent_of = {}
        for sent in doc.sents:
            for token in sent:
                sent_of[token.i] = sent
        matches = [(self.nlp.vocab.strings[m], s, e) for m, s, e in self.phrases(doc)]
        matches += [(self.nlp.vocab.strings[m], s, e) for m, s, e in self.tokens(doc)]
        for label, start, end in matches:
            hits[sent_of[start]].setdefault(label, []).append((start, end))
        condition_hits: dict[Span, set[str]] = {}
        for _match_id, start, end in self.conditions(doc):
            condition_hits.setdefault(sent_of[start], set()).add(" ".join(t.norm_ for t in doc[start:end]))
            hits[sent_of[start]].setdefault("__conditions__", []).append((start, end))
        found: list[Finding] = []
        for sent, labels in hits.items():
            if _is_question(sent) or lines.of(sent.start_char) in warned_lines:
                continue
            for code, claim in self.claims.items():
                spans = self._spans_for(code, labels, condition_hits.get(sent, set()))
                if claim.negatable:
                    spans = [s for s in spans if not _negated(doc, sent, s[0], self.language)]
                if spans:
                    start, end = spans[0]
                    found.append(
                        Finding(claim=claim, quote=_quote(sent.text), matched=doc[start:end].text, sentence=sent.text)
                    )
        return found + self._derived(found) + self._condition_claims(doc, lines, warned_lines)

    def _condition_claims(self, doc: Doc, lines: _Lines, warned_lines: set[int]) -> list[Finding]:
        """Sentences that claim results for a named condition, each condition once (its first such sentence)."""
        found: list[Finding] = []
        seen: set[str] = set()
        limit = int(condition_results()["max_conditions"])
        words: dict[int, list[tuple[int, int]]] = {}
        hedged: set[int] = set()
        for match_id, start, end in self.results(doc):
            if self.nlp.vocab.strings[match_id] == "HEDGE":
                hedged.add(doc[start].sent.start)
            else:
                words.setdefault(doc[start].sent.start, []).append((start, end))
        for sent in doc.sents:
            spans = words.get(sent.start)
            if not spans or sent.start in hedged or _is_question(sent) or lines.of(sent.start_char) in warned_lines:
                continue
            spans = [s for s in spans if not _negated(doc, sent, s[0], self.language) and not _just_after_no(doc, s[0])]
            if not spans:
                continue
            for key in conditions_in(sent.text):
                if key in seen or len(seen) >= limit or conditions.card(key) is None:
                    continue
                seen.add(key)
                start, end = spans[0]
                found.append(
                    Finding(
                        claim=condition_claim(key),
                        quote=_quote(sent.text),
                        matched=doc[start:end].text,
                        sentence=sent.text,
                    )
                )
        return found

    def _derived(self, found: list[Finding]) -> list[Finding]:
        """Claims that follow from two others on the same page (a licence claimed beside a notice number)."""
        out = []
        for code, claim in self.claims.items():
            needs = self.derived.get(code)
            if needs and all(any(f.claim.code == n for f in found) for n in needs):
                shown = [f for f in found if f.claim.code == needs[-1]]
                first = next((f for f in shown if any(ch.isdigit() for ch in f.sentence)), shown[0])
                out.append(Finding(claim=claim, quote=first.quote, matched=first.matched, sentence=first.sentence))
        return out

    def _spans_for(
        self, code: str, labels: dict[str, list[tuple[int, int]]], conditions: set[str]
    ) -> list[tuple[int, int]]:
        if code in labels:
            return labels[code]
        groups = self.groups.get(code, 0)
        if groups and all(f"{code}#{i}" in labels for i in range(groups)):
            return labels[f"{code}#0"]
        if code == "many_conditions" and len(conditions) >= 3:
            return labels["__conditions__"][:1]
        return []


def _just_after_no(doc: Doc, start: int) -> bool:
    """A negation right before the word ("no tratamos el autismo", "we don't treat autism")."""
    before = doc[start - 1].norm_ if start > 0 else ""
    return before in ("no", "not", "never", "nunca") or before.endswith("n't")


def _is_question(sent: Span) -> bool:
    return sent.text.rstrip().endswith("?") or sent.text.lstrip().startswith("¿")


def _negated(doc: Doc, sent: Span, start: int, language: str) -> bool:
    """A negation shortly before the match, in the same clause ("no procedure is ever completely risk-free").

    A bare "no" negates only as the subject of a verb ("no treatment is"), so "no rejection and no risk"
    stays a claim.
    """
    i = start - 1
    while i >= max(sent.start, start - NEGATION_WINDOW):
        token = doc[i]
        if token.norm_ in _CLAUSE_BREAKS[language]:
            return False
        if token.norm_ in _NEGATIONS[language] or token.norm_.endswith("n't"):
            if token.norm_ not in ("no", "ningun", "ninguna", "ninguno"):
                return True
            following = doc[token.i + 1 : min(start, token.i + 4)]
            if any(t.norm_ in _VERBS[language] for t in following):
                return True
        i -= 1
    return False


class _Lines:
    """Line numbers of character offsets, in O(log n) each (counting newlines each time would be quadratic)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


def _warning_lines(text: str, rec: _Recogniser, doc: Doc, line_index: _Lines) -> set[int]:
    """Lines that warn about other clinics, and the list items that follow such a line."""
    warned_lines = {line_index.of(doc[s].idx) for _, s, _ in rec.warnings(doc)}
    lines = text.split("\n")
    out: set[int] = set()
    under_warning = False
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        if _BULLET.match(line):
            if under_warning:
                out.add(number)
            continue
        under_warning = number in warned_lines
        if under_warning:
            out.add(number)
    return out


def _quote(sentence: str) -> str:
    text = " ".join(sentence.split())
    text = _BULLET.sub("", text)
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1].rsplit(" ", 1)[0] + "…"


@lru_cache(maxsize=2)
def _recogniser(language: str) -> _Recogniser:
    return _Recogniser(language)


def language_of(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text[:MAX_CHARS].lower())
    return "es" if looks_spanish(words) else "en"


def check(text: str, language: str | None = None, max_chars: int = MAX_CHARS) -> PageCheck:
    """The claims recognised in ``text`` (at most ``max_chars`` characters are read)."""
    text = text or ""
    truncated = len(text) > max_chars
    text = defuse(text[:max_chars])
    lang = language if language in LANGUAGES else language_of(text)
    return PageCheck(language=lang, findings=_recogniser(lang).find(text), truncated=truncated)


def looks_like_clinic_text(text: str, result: PageCheck | None = None) -> bool:
    """A paste rather than a question: several sentences with at least two claims recognised."""
    result = result or check(text)
    sentences = len(re.findall(r"[.!?](\s|$)", text))
    claims = [f for f in result.findings if f.claim.kind != CONDITION_KIND]  # a patient names their condition too
    return len(text) >= 150 and sentences >= 2 and len(claims) >= 2


KIND_ORDER = {"overclaim": 0, CONDITION_KIND: 1, "verify": 2, "detail": 3}


def grouped(result: PageCheck) -> list[tuple[Claim, list[Finding]]]:
    """Findings by claim, most concerning kind first, each claim once with every sentence that makes it."""
    groups: dict[str, tuple[Claim, list[Finding]]] = {}
    for finding in result.findings:
        groups.setdefault(finding.claim.code, (finding.claim, []))[1].append(finding)
    return sorted(groups.values(), key=lambda g: KIND_ORDER.get(g[0].kind, 3))


_WORDS = {
    "en": {
        "none": "I didn't find any of the claims I know in that text. That doesn't make the clinic trustworthy: "
        "ask it the questions in a clinic check, and talk to your own doctor.",
        "found": "I found {count} thing{s} worth checking in that text:",
        "more": " (and {count} more place{s})",
        "ask": "Ask or verify",
        "source": ("Source", "Source"),  # one word for one source or several, as before
        "truncated": "I read only the first {chars:,} characters: paste the rest in another message.",
        "closing": "This is not a verdict on the clinic, and I never call a treatment safe. "
        "Please talk it over with your own doctor.",
    },
    "es": {
        "none": "No encontré en ese texto ninguna de las afirmaciones que conozco. Eso no hace confiable a la "
        "clínica: hágale las preguntas de una revisión de clínica y hable con su propio médico.",
        "found": "Encontré {count} cosa{s} que vale la pena revisar en ese texto:",
        "more": " (y {count} lugar{es} más)",
        "ask": "Qué preguntar o verificar",
        "source": ("Fuente", "Fuentes"),
        "truncated": "Solo leí los primeros {chars:,} caracteres: pegue el resto en otro mensaje.",
        "closing": "Esto no es un veredicto sobre la clínica ni una garantía sobre el tratamiento. "
        "Por favor, háblelo con su propio médico.",
    },
}


def words(lang: str = "en") -> dict[str, Any]:
    """The page check's own phrases in ``lang`` (the web page uses them too)."""
    return pick(_WORDS, lang)


def source_line(claim: Claim, lang: str = "en") -> str:
    """ "Source: ..." ("Fuente:" or "Fuentes:" in Spanish) with the source ids unchanged."""
    one, many = words(lang)["source"]
    return f"{many if ';' in claim.sources else one}: {claim.sources}"


def chat_lines(result: PageCheck, lang: str = "en") -> list[str]:
    """The page check as chat messages: one per claim (quoting where the text makes it), then what to do next.
    In the reader's language ``lang`` (the quotes stay in the page's own words)."""
    say = words(lang)
    if not result.findings:
        return [say["none"]]
    groups = grouped(result)
    plural = len(groups) != 1
    lines = [say["found"].format(count=len(groups), s="s" if plural else "")]
    for claim, findings in groups:
        claim = claim.in_language(lang)
        more = ""
        if len(findings) > 1:
            others = len(findings) - 1
            more = say["more"].format(count=others, s="s" if others > 1 else "", es="es" if others > 1 else "")
        lines.append(
            f"“{findings[0].quote}”{more}\n{claim.title}. {claim.fact}\n{say['ask']}: {claim.ask}\n"
            f"{source_line(claim, lang)}."
        )
    if result.truncated:
        lines.append(say["truncated"].format(chars=MAX_CHARS))
    lines.append(say["closing"])
    return lines


def codes(findings: Iterable[Finding]) -> list[str]:
    return [f.claim.code for f in findings]
