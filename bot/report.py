"""The clinic-check report: a short chat summary and a printable HTML page the patient can keep.

It lists what is missing, each red flag with its reason and how to verify it (flags are stored as codes
and put into words here, via bot.flags.describe), what is and is not approved for the patient's condition
(bot.conditions: the condition card and the approved-products list), what to ask next, and an overall level
("Serious concerns" / "Some concerns" / "Not verified … not a pass"). It never says a clinic or treatment is
safe, and it always points to the patient's own doctor. Answers recorded as "not answered" are shown as "not yet known".

Values the user typed (clinic name, location) are escaped for Markdown in chat text (`chat_label`:
``[]()<>`` and the backslash), so a clinic called "[Open report](javascript:...)" is shown as typed, never
as a link; on the page they are escaped for HTML. The page's one script (the print button) is a fixed
string whose hash the page's Content-Security-Policy allows (`PRINT_SCRIPT_HASH`); nothing else may run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from html import escape

from bot.conditions import report_lines
from bot.countries import regulator_lines, regulator_summary
from bot.flags import HIGH, LOW, MEDIUM, SEVERITY_ORDER, describe, level
from bot.language import normalise, pick
from bot.questions import BY_ID, NOT_ANSWERED, NOT_GIVEN_VALUES, applicable
from bot.registry_flags import LOOKUP_ANSWER
from bot.store import AssessmentRecord, FlagRecord

DISCLAIMER = (
    "This report records what the clinic told you; StemSafe has not verified any of it. It is not medical "
    "advice and does not mean a treatment is right for you: go through it with your own doctor."
)
SOURCES = "Checklist sources: ISSCR; FDA; NMDP; CDC; COFEPRIS; SEP Registro Nacional de Profesionistas."
PRINT_SCRIPT = "document.getElementById('print').addEventListener('click',function(){window.print();});"
PRINT_SCRIPT_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(PRINT_SCRIPT.encode()).digest()).decode() + "'"
_NEW_LINK = re.compile(
    r"\b(?:new|another|fresh|renew|renewed|different)\b[^.?!\n]{0,30}\blink\b"
    r"|\blink\b[^.?!\n]{0,30}\b(?:expired|doesn'?t work|does not work|not working|broken)\b"
)
_NUEVO_ENLACE = re.compile(
    r"\b(?:nuevo|nueva|otro|otra|renovar|renueve|renuévame|diferente)\b[^.?!\n]{0,30}\b(?:enlace|link|liga|vínculo)\b"
    r"|\b(?:enlace|link|liga|vínculo)\b[^.?!\n]{0,30}\b(?:nuevo|nueva|expir\w*|venci\w*|caduc\w*|no funciona|"
    r"ya no sirve|no sirve|no abre|no jala)"
)
RENEWED = "Here is a new link to your report (the old one no longer works); it works for 30 days."
_MARKDOWN = re.compile(r"([\\\[\]()<>])")
# Every sentence of the report in English and in plain Mexican Spanish (usted): same facts, same sources.
TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "disclaimer": DISCLAIMER,
        "sources": SOURCES,
        "renewed": RENEWED,
        "no_condition": "Condition not yet known. For most conditions clinics treat, no stem cell product is "
        "approved and the treatments are unproven; ask the specialist who treats the condition.",
        "not_yet_known": "not yet known",
        "the_clinic": "the clinic",
        "check": "Clinic check: {label}",
        "overall": "Overall: {level}.",
        "noticed": "What I noticed:",
        "flag": "- [{severity}] {message} Verify: {verify}",
        "more": "- ...and {count} more in the full report.",
        "to_ask": "Still to ask the clinic: {count} question(s), listed in the full report.",
        "link_md": "[Open your printable report]({url})",
        "link": "Printable report: {url}",
        "title": "StemSafe clinic check: {label}",
        "started": "Started {when} UTC. Status: {status}.",
        "overall_page": "Overall: {level}",
        "print": "Print or save as PDF",
        "high": "Serious red flags",
        "medium": "Concerns",
        "low": "Minor points",
        "how_to_verify": "How to verify: {verify}",
        "approved_heading": "What is approved for this condition",
        "regulator_heading": "Who regulates this, and where to verify",
        "ask_heading": "What to ask next",
        "told_heading": "What the clinic told you",
        "question": "Question",
        "answer": "Answer",
    },
    "es": {
        "disclaimer": "Este reporte guarda lo que le dijo la clínica; StemSafe no ha verificado nada de esto. No es "
        "un consejo médico y no significa que un tratamiento sea adecuado para usted: revíselo con su propio "
        "médico.",
        "sources": "Fuentes de la lista de revisión: ISSCR; FDA; NMDP; CDC; COFEPRIS; SEP Registro Nacional de "
        "Profesionistas.",
        "renewed": "Aquí tiene un enlace nuevo a su reporte (el anterior ya no funciona); sirve durante 30 días.",
        "no_condition": "Todavía no se sabe el padecimiento. Para la mayoría de los padecimientos que tratan las "
        "clínicas no hay ningún producto de células madre aprobado, y los tratamientos no están comprobados; "
        "pregunte al especialista que atiende ese padecimiento.",
        "not_yet_known": "todavía no se sabe",
        "the_clinic": "la clínica",
        "check": "Revisión de la clínica: {label}",
        "overall": "Resultado general: {level}.",
        "noticed": "Lo que noté:",
        "flag": "- [{severity}] {message} Cómo verificarlo: {verify}",
        "more": "- ...y {count} más en el reporte completo.",
        "to_ask": "Falta preguntar a la clínica: {count} pregunta(s), en la lista del reporte completo.",
        "link_md": "[Abra su reporte para imprimir]({url})",
        "link": "Reporte para imprimir: {url}",
        "title": "Revisión de la clínica de StemSafe: {label}",
        "started": "Iniciada el {when} UTC. Estado: {status}.",
        "overall_page": "Resultado general: {level}",
        "print": "Imprimir o guardar como PDF",
        "high": "Señales de alerta graves",
        "medium": "Preocupaciones",
        "low": "Puntos menores",
        "how_to_verify": "Cómo verificarlo: {verify}",
        "approved_heading": "Qué está aprobado para este padecimiento",
        "regulator_heading": "Quién regula esto y dónde verificarlo",
        "ask_heading": "Qué preguntar después",
        "told_heading": "Lo que le dijo la clínica",
        "question": "Pregunta",
        "answer": "Respuesta",
    },
}
SEVERITY_WORDS = {
    "en": {HIGH: HIGH, MEDIUM: MEDIUM, LOW: LOW},
    "es": {HIGH: "grave", MEDIUM: "media", LOW: "baja"},
}
STATUS_WORDS = {"es": {"active": "en curso", "paused": "en pausa", "complete": "terminada"}}


def _t(key: str, lang: str) -> str:
    return pick(TEXTS, lang)[key]


def renewed(lang: str = "en") -> str:
    """The line that comes before a renewed report link."""
    return _t("renewed", lang)


def unanswered(record: AssessmentRecord, lang: str = "en") -> list[str]:
    """Questions that apply but were skipped, answered "I don't know" or never reached."""
    values = record.values
    return [
        q.prompt_for(record.country, lang=lang)
        for q in applicable(values)
        if values.get(q.id) is None or values.get(q.id) in NOT_GIVEN_VALUES
    ]


def condition_lines(record: AssessmentRecord, lang: str = "en") -> list[str]:
    """What is approved for the condition named (or a plain note when none was named)."""
    condition = record.values.get("condition")
    if condition is None or condition in NOT_GIVEN_VALUES:
        return [_t("no_condition", lang)]
    return report_lines(condition, record.country, lang=lang)


def shown_answer(raw: str, value: str, lang: str = "en") -> str:
    return _t("not_yet_known", lang) if value == NOT_ANSWERED else raw


def _by(flags: list[FlagRecord], severity: str) -> list[FlagRecord]:
    return [f for f in flags if f.severity == severity]


# Asides typed with the name or the place, left out of the report's title (the answers table keeps them as typed):
# "Regenera Vida (tijuana like i said)", "STEM CELL INSTITUTE I THINK", "(ya le dije, en tijuana)" (2026-12-02).
_ASIDE = re.compile(
    r"\b(?:(?:like|as) i (?:said|told you|mentioned|wrote)|i (?:think|guess|believe)|i literally just said|"
    r"(?:ya|como) (?:le|les|te) (?:dije|comente)|lol)\b",
    re.I,
)
_LEAD_IN = re.compile(r"^(?:en|in|at)\s", re.I)


def label_part(typed: str, place: bool = False) -> str:
    """A typed name or place without its asides (and a place without a leading "en"/"in"), for a title; as typed
    when nothing would be left."""
    tidy = _ASIDE.sub(" ", typed).strip(" ,.;:!-()")
    tidy = (_LEAD_IN.sub("", tidy) if place else tidy).strip(" ,.;:!-()")
    tidy = re.sub(r"\s{2,}", " ", re.sub(r"\s*,\s*,", ",", tidy))
    return tidy or typed


def clinic_label(record: AssessmentRecord, lang: str = "en", shown: Callable[[str], str] = str) -> str:
    """The clinic's name and place for a title, each typed value passed through `shown` (chat_label escapes them)."""
    name = shown(label_part(record.clinic_name)) if record.clinic_name else _t("the_clinic", lang)
    place = record.clinic_location
    return f"{name} ({shown(label_part(place, place=True))})" if place else name


def asks_new_link(text: str | None) -> bool:
    """The user asks for a new report link ("new report link", "my link expired", "un enlace nuevo", "el enlace
    ya no sirve"), in either language."""
    text = (text or "").lower()
    return bool(_NEW_LINK.search(text) or _NUEVO_ENLACE.search(text))


def markdown_safe(value: str) -> str:
    """A user-typed value with Markdown's link and HTML characters escaped, shown as typed by the widget."""
    return _MARKDOWN.sub(r"\\\1", value)


def chat_label(record: AssessmentRecord, lang: str = "en") -> str:
    """`clinic_label` for chat text: the typed name and location escaped for Markdown."""
    return clinic_label(record, lang, markdown_safe)


def chat_summary(
    record: AssessmentRecord,
    report_url: str | None = None,
    limit: int = 6,
    markdown_link: bool = False,
    lang: str = "en",
) -> str:
    """The summary shown at the end of a clinic check and on "show my report".

    ``markdown_link`` makes the report address a Markdown link (the website widget renders Markdown);
    text channels such as SMS get the plain address.
    """
    flags = sorted(record.flags, key=lambda f: SEVERITY_ORDER.get(f.severity, 9))
    words = pick(TEXTS, lang)
    severities = pick(SEVERITY_WORDS, lang)
    lines = [
        words["check"].format(label=chat_label(record, lang=lang)),
        words["overall"].format(level=level(flags, lang=lang)),
    ]
    if flags:
        lines.append(words["noticed"])
        for flag in flags[:limit]:
            message, verify = describe(flag, lang=lang)
            severity = severities.get(flag.severity, flag.severity)
            lines.append(words["flag"].format(severity=severity, message=message, verify=verify))
        if len(flags) > limit:
            lines.append(words["more"].format(count=len(flags) - limit))
    lines.append(condition_lines(record, lang=lang)[0])
    lines.append(regulator_summary(record.country, lang=lang))
    missing = unanswered(record, lang=lang)
    if missing:
        lines.append(words["to_ask"].format(count=len(missing)))
    if report_url:
        lines.append((words["link_md"] if markdown_link else words["link"]).format(url=report_url))
    lines.append(words["disclaimer"])
    return "\n".join(lines)


def _paragraphs(lines: list[str]) -> list[str]:
    """Report lines as HTML: "- " items become one list, other lines paragraphs (all escaped)."""
    parts: list[str] = []
    for line in lines:
        if line.startswith("- "):
            if not parts or not parts[-1].endswith("</li>"):
                parts.append("<ul>")
            parts.append(f"<li>{escape(line[2:])}</li>")
            continue
        if parts and parts[-1].endswith("</li>"):
            parts.append("</ul>")
        parts.append(f"<p>{escape(line)}</p>")
    if parts and parts[-1].endswith("</li>"):
        parts.append("</ul>")
    return parts


def html_page(record: AssessmentRecord, lang: str = "en") -> str:
    """A self-contained printable page; every value typed by a user is escaped."""
    flags = record.flags
    words = pick(TEXTS, lang)
    label = escape(clinic_label(record, lang=lang))
    status = STATUS_WORDS.get(normalise(lang) or "en", {}).get(record.status, record.status)
    parts = [
        f"<!doctype html><html lang='{'es' if normalise(lang) == 'es' else 'en'}'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{words['title'].format(label=label)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.5;color:#1a1a1a}h1{font-size:1.5rem}.level{font-size:1.2rem;font-weight:bold}"
        ".high{color:#a30000}.medium{color:#8a4b00}.low{color:#3d3d3d}li{margin:.4rem 0}"
        ".note{background:#f3f3f3;padding:.8rem;border-radius:.4rem}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}th[scope=row]{font-weight:normal}"
        "button{font:inherit;min-height:2.75rem;padding:.4rem 1rem}:focus-visible{outline:3px solid #0b3d91;"
        "outline-offset:2px}@media print{.noprint{display:none}}</style></head><body><main>",
        f"<h1>{words['check'].format(label=label)}</h1>",
        f"<p>{words['started'].format(when=f'{record.started_at:%Y-%m-%d %H:%M}', status=escape(status))}</p>",
        f"<p class='level'>{escape(words['overall_page'].format(level=level(flags, lang=lang)))}</p>",
        f"<p class='note'>{escape(words['disclaimer'])}</p>",
        f"<button id='print' class='noprint' type='button'>{escape(words['print'])}</button>",
    ]
    for severity in (HIGH, MEDIUM, LOW):
        group = _by(flags, severity)
        if group:
            parts.append(f"<h2 class='{severity}'>{escape(words[severity])}</h2><ul>")
            for flag in group:
                message, verify = describe(flag, lang=lang)
                how = escape(words["how_to_verify"].format(verify=verify))
                parts.append(f"<li><strong>{escape(message)}</strong><br>{how}</li>")
            parts.append("</ul>")
    parts.append(f"<h2>{escape(words['approved_heading'])}</h2>")
    parts += _paragraphs(condition_lines(record, lang=lang))
    parts.append(f"<h2>{escape(words['regulator_heading'])}</h2>")
    parts += _paragraphs(regulator_lines(record.country, lang=lang))
    missing = unanswered(record, lang=lang)
    if missing:
        parts.append(f"<h2>{escape(words['ask_heading'])}</h2><ul>")
        parts += [f"<li>{escape(q)}</li>" for q in missing]
        parts.append("</ul>")
    parts.append(
        f"<h2 id='told'>{escape(words['told_heading'])}</h2><table aria-labelledby='told'><thead><tr>"
        f"<th scope='col'>{escape(words['question'])}</th><th scope='col'>{escape(words['answer'])}</th></tr>"
        "</thead><tbody>"
    )
    for question_id, (raw, value) in record.answers.items():
        if question_id == LOOKUP_ANSWER:  # the registry's findings are shown as flags, not as an answer
            continue
        question = BY_ID.get(question_id)
        label = question.prompt_for(record.country, lang=lang) if question else question_id
        answer = shown_answer(raw, value, lang=lang)
        parts.append(f"<tr><th scope='row'>{escape(label)}</th><td>{escape(answer)}</td></tr>")
    parts.append("</tbody></table>")
    parts.append(
        f"<p><small>{escape(words['sources'])}</small></p></main><script>{PRINT_SCRIPT}</script></body></html>"
    )
    return "".join(parts)
