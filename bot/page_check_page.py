"""The web page of the page check: a form to paste what a clinic says, and the claims found, as HTML.

Served by bot/web.py at ``/check-page``. Works without JavaScript (a plain form post), so it needs no
script under the page's Content-Security-Policy; every piece of pasted text is escaped.
In English or Spanish: the reader's language comes from ``?lang=es`` or the form's ``lang`` field
(:func:`language_of_request`), and the form carries it to the result page. The quotes stay in the page's own
language (marked with its ``lang`` attribute); everything StemSafe says follows the reader's.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from bot import language
from bot.language import pick
from bot.page_check import MAX_PAGE_CHARS, PageCheck, grouped, source_line

MAX_QUOTES = 3  # sentences quoted per claim; the rest are counted
QUESTION_LABELS_BY_LANGUAGE = {  # clinic-check question ids a page can answer, in patients' words
    "en": {
        "cell_source": "Where the cells come from",
        "expanded": "Are the cells grown (expanded) in a lab?",
        "route": "How the cells are given",
        "claims": "What the clinic claims",
        "facility_licence": "The clinic's licence or authorisation",
        "outcome_data": "Evidence of results",
        "sales": "How they sell",
    },
    "es": {
        "cell_source": "De dónde vienen las células",
        "expanded": "¿Las células se cultivan (expanden) en un laboratorio?",
        "route": "Cómo se aplican las células",
        "claims": "Lo que promete la clínica",
        "facility_licence": "La licencia o autorización de la clínica",
        "outcome_data": "Pruebas de resultados",
        "sales": "Cómo venden",
    },
}
QUESTION_LABELS = QUESTION_LABELS_BY_LANGUAGE["en"]
KIND_HEADINGS_BY_LANGUAGE = {
    "en": (
        ("overclaim", "Claims that go beyond the evidence"),
        ("condition", "What the evidence says for the conditions named"),
        ("verify", "Documents and credentials to check at the source"),
        ("detail", "Details of the treatment that change the risks"),
    ),
    "es": (
        ("overclaim", "Afirmaciones que van más allá de lo que se ha demostrado"),
        ("condition", "Lo que dicen los estudios sobre las enfermedades mencionadas"),
        ("verify", "Documentos y credenciales que debe verificar en su origen"),
        ("detail", "Detalles del tratamiento que cambian los riesgos"),
    ),
}
KIND_HEADINGS = KIND_HEADINGS_BY_LANGUAGE["en"]
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:48rem;margin:1.5rem auto;padding:0 1rem;line-height:1.5;"
    "color:#1a1a1a}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:1.6rem}"
    "blockquote{margin:.4rem 0;padding:.3rem .8rem;border-left:4px solid #0b5fa5;background:#f3f6fa}"
    "textarea{width:100%;min-height:12rem;font:inherit;padding:.4rem;box-sizing:border-box}"
    "button{font:inherit;padding:.5rem 1rem;min-height:2.75rem;margin-top:.5rem}"
    ".note{background:#fff6e0;border:1px solid #e8c66b;padding:.6rem .8rem;border-radius:.4rem}"
    "li{margin:.6rem 0}:focus-visible{outline:3px solid #0b5fa5;outline-offset:2px}a{color:#0b5fa5}"
)
NOTES = {
    "en": "StemSafe is not a doctor and never calls a clinic or a treatment safe. What it finds is a list of things "
    "to question, not a verdict. Talk to your own doctor before any treatment. If you feel unwell after a "
    "treatment (fever, spreading redness, vision changes, weakness, trouble breathing), call 911 or go to an "
    "emergency department now.",
    "es": "StemSafe no es un médico y no da garantías sobre ninguna clínica ni ningún tratamiento. Lo que encuentra "
    "es una lista de cosas que conviene cuestionar, no un veredicto. Hable con su propio médico antes de cualquier "
    "tratamiento. Si se siente mal después de un tratamiento (fiebre, enrojecimiento que se extiende, cambios en la "
    "vista, debilidad, dificultad para respirar), llame al 911 o vaya a urgencias ahora mismo.",
}
NOTE = NOTES["en"]
_TEXT = {
    "en": {
        "title": "StemSafe: check what a clinic says",
        "h1": "Check what a clinic says",
        "label": "<strong>Paste what the clinic says</strong> (from its website, a brochure or a message)",
        "button": "Check the claims",
        "registry": "Trial numbers checked at ClinicalTrials.gov",
        "back": "Back to the StemSafe chat",
        "none_h": "No claims recognised",
        "none": "I didn't find any of the claims I know. That doesn't make the clinic trustworthy: ask it the "
        "questions of a clinic check, and talk to your own doctor.",
        "found": "{count} thing{s} worth checking",
        "truncated": "Only the first {chars:,} characters were read.",
        "more": "…and {count} more place{s} in the text.",
        "ask": "Ask or verify:",
        "prefill_h": "For your clinic check",
        "prefill": "The text answers some of the clinic check's questions. In the chat, say “check a clinic” and "
        "confirm or correct these:",
    },
    "es": {
        "title": "StemSafe: revise lo que dice una clínica",
        "h1": "Revise lo que dice una clínica",
        "label": "<strong>Pegue lo que dice la clínica</strong> (de su página web, un folleto o un mensaje)",
        "button": "Revisar las afirmaciones",
        "registry": "Números de ensayo buscados en ClinicalTrials.gov",
        "back": "Volver al chat de StemSafe",
        "none_h": "No reconocí ninguna afirmación",
        "none": "No encontré ninguna de las afirmaciones que conozco. Eso no hace confiable a la clínica: hágale las "
        "preguntas de una revisión de clínica y hable con su propio médico.",
        "found": "{count} cosa{s} que vale la pena revisar",
        "truncated": "Solo se leyeron los primeros {chars:,} caracteres.",
        "more": "…y {count} lugar{es} más en el texto.",
        "ask": "Qué preguntar o verificar:",
        "prefill_h": "Para su revisión de la clínica",
        "prefill": "El texto responde algunas preguntas de la revisión de clínica. En el chat, escriba “revisar una "
        "clínica” y confirme o corrija esto:",
    },
}


def language_of_request(query: Mapping[str, object] | None = None, form: Mapping[str, object] | None = None) -> str:
    """The reader's language: the form's ``lang`` field, else ``?lang=`` in the address, else English."""
    for source in (form or {}, query or {}):
        chosen = language.normalise(str(source.get("lang") or ""))
        if chosen:
            return chosen
    return language.DEFAULT


def _prefill_titles(result: PageCheck, lang: str) -> dict[str, list[str]]:
    """What the text answers for each clinic-check question, worded as the claims' titles in ``lang`` (the
    prefill values themselves are the check's English wording)."""
    out: dict[str, list[str]] = {}
    for finding in result.findings:
        for question in finding.claim.prefill:
            titles = out.setdefault(question, [])
            title = finding.claim.in_language(lang).title
            if title not in titles:
                titles.append(title)
    return out


def form(text: str = "", lang: str = "en") -> str:
    say = pick(_TEXT, lang)
    return (
        "<form method='post' action='/check-page'>"
        f"<input type='hidden' name='lang' value='{escape(language.normalise(lang) or language.DEFAULT)}'>"
        f"<label for='clinic-text'>{say['label']}</label>"
        f"<textarea id='clinic-text' name='text' maxlength='{MAX_PAGE_CHARS}' required>{escape(text)}</textarea>"
        f"<button type='submit'>{escape(say['button'])}</button></form>"
    )


def page(result: PageCheck | None = None, text: str = "", registry: list[str] | None = None, lang: str = "en") -> str:
    """The page check's page in the reader's language `lang`; `registry`: what ClinicalTrials.gov shows for the
    trial numbers in the text."""
    lang = language.normalise(lang) or language.DEFAULT
    say = pick(_TEXT, lang)
    other = "en" if lang == "es" else "es"
    switch = {"en": "English", "es": "Español"}[other]
    parts = [
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{escape(say['title'])}</title>",
        f"<style>{STYLE}</style></head><body><main>",
        f"<p><a href='/check-page?lang={other}' lang='{other}' hreflang='{other}'>{switch}</a></p>",
        f"<h1>{escape(say['h1'])}</h1>",
        f"<p class='note' role='note'>{escape(pick(NOTES, lang))}</p>",
    ]
    if result is not None:
        parts.append(results(result, lang=lang))
    if registry:
        parts.append(f"<section aria-labelledby='registry'><h2 id='registry'>{escape(say['registry'])}</h2><ul>")
        parts += [f"<li>{escape(line)}</li>" for line in registry]
        parts.append("</ul></section>")
    parts.append(form(text, lang=lang))
    home = "/?lang=es" if lang == "es" else "/"
    parts.append(f"<p><a href='{home}'>{escape(say['back'])}</a></p></main></body></html>")
    return "".join(parts)


def results(result: PageCheck, lang: str = "en") -> str:
    say = pick(_TEXT, lang)
    parts = ["<section aria-labelledby='found'>"]
    count = len(result.findings)
    if not count:
        parts.append(f"<h2 id='found'>{escape(say['none_h'])}</h2><p>{escape(say['none'])}</p>")
    else:
        count = len(grouped(result))
        parts.append(f"<h2 id='found'>{escape(say['found'].format(count=count, s='s' if count != 1 else ''))}</h2>")
    if result.truncated:
        parts.append(f"<p>{escape(say['truncated'].format(chars=MAX_PAGE_CHARS))}</p>")
    groups = grouped(result)
    quoted = f" lang='{result.language}'" if result.language != lang else ""
    for kind, heading in pick(KIND_HEADINGS_BY_LANGUAGE, lang):
        claims = [(claim.in_language(lang), findings) for claim, findings in groups if claim.kind == kind]
        if not claims:
            continue
        parts.append(f"<h3>{escape(heading)}</h3><ul>")
        for claim, findings in claims:
            quotes = "".join(f"<blockquote{quoted}>{escape(f.quote)}</blockquote>" for f in findings[:MAX_QUOTES])
            more = len(findings) - MAX_QUOTES
            if more > 0:
                plural = {"s": "s" if more != 1 else "", "es": "es" if more != 1 else ""}
                quotes += f"<p><small>{escape(say['more'].format(count=more, **plural))}</small></p>"
            parts.append(
                f"<li><strong>{escape(claim.title)}</strong>{quotes}"
                f"{escape(claim.fact)}<br><em>{escape(say['ask'])}</em> {escape(claim.ask)}"
                f"<br><small>{escape(source_line(claim, lang))}</small></li>"
            )
        parts.append("</ul>")
    prefill = result.prefill if lang == "en" else _prefill_titles(result, lang)
    if prefill:
        labels = pick(QUESTION_LABELS_BY_LANGUAGE, lang)
        parts.append(f"<h3>{escape(say['prefill_h'])}</h3><p>{escape(say['prefill'])}</p><dl>")
        for question, values in prefill.items():
            parts.append(f"<dt>{escape(labels.get(question, question))}</dt><dd>{escape('; '.join(values))}</dd>")
        parts.append("</dl>")
    parts.append("</section>")
    return "".join(parts)
