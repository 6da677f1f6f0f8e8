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
from html import escape

from bot.conditions import report_lines
from bot.countries import regulator_lines, regulator_summary
from bot.flags import HIGH, LOW, MEDIUM, SEVERITY_ORDER, describe, level
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
RENEWED = "Here is a new link to your report (the old one no longer works); it works for 30 days."
_MARKDOWN = re.compile(r"([\\\[\]()<>])")


def renewed(lang: str = "en") -> str:
    """The line that comes before a renewed report link."""
    return RENEWED


def unanswered(record: AssessmentRecord, lang: str = "en") -> list[str]:
    """Questions that apply but were skipped, answered "I don't know" or never reached."""
    values = record.values
    return [
        q.prompt_for(record.country)
        for q in applicable(values)
        if values.get(q.id) is None or values.get(q.id) in NOT_GIVEN_VALUES
    ]


def condition_lines(record: AssessmentRecord, lang: str = "en") -> list[str]:
    """What is approved for the condition named (or a plain note when none was named)."""
    condition = record.values.get("condition")
    if condition is None or condition in NOT_GIVEN_VALUES:
        return [
            "Condition not yet known. For most conditions clinics treat, no stem cell product is approved and "
            "the treatments are unproven; ask the specialist who treats the condition."
        ]
    return report_lines(condition, record.country)


def shown_answer(raw: str, value: str, lang: str = "en") -> str:
    return "not yet known" if value == NOT_ANSWERED else raw


def _by(flags: list[FlagRecord], severity: str) -> list[FlagRecord]:
    return [f for f in flags if f.severity == severity]


def clinic_label(record: AssessmentRecord, lang: str = "en") -> str:
    name = record.clinic_name or "the clinic"
    return f"{name} ({record.clinic_location})" if record.clinic_location else name


def asks_new_link(text: str | None) -> bool:
    """The user asks for a new report link ("new report link", "my link expired")."""
    return bool(_NEW_LINK.search((text or "").lower()))


def markdown_safe(value: str) -> str:
    """A user-typed value with Markdown's link and HTML characters escaped, shown as typed by the widget."""
    return _MARKDOWN.sub(r"\\\1", value)


def chat_label(record: AssessmentRecord, lang: str = "en") -> str:
    """`clinic_label` for chat text: the typed name and location escaped for Markdown."""
    name = markdown_safe(record.clinic_name) if record.clinic_name else "the clinic"
    return f"{name} ({markdown_safe(record.clinic_location)})" if record.clinic_location else name


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
    lines = [f"Clinic check: {chat_label(record, lang=lang)}", f"Overall: {level(flags, lang=lang)}."]
    if flags:
        lines.append("What I noticed:")
        for flag in flags[:limit]:
            message, verify = describe(flag, lang=lang)
            lines.append(f"- [{flag.severity}] {message} Verify: {verify}")
        if len(flags) > limit:
            lines.append(f"- ...and {len(flags) - limit} more in the full report.")
    lines.append(condition_lines(record, lang=lang)[0])
    lines.append(regulator_summary(record.country, lang=lang))
    missing = unanswered(record, lang=lang)
    if missing:
        lines.append(f"Still to ask the clinic: {len(missing)} question(s), listed in the full report.")
    if report_url:
        lines.append(
            f"[Open your printable report]({report_url})" if markdown_link else f"Printable report: {report_url}"
        )
    lines.append(DISCLAIMER)
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
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>StemSafe clinic check: {escape(clinic_label(record, lang=lang))}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.5;color:#1a1a1a}h1{font-size:1.5rem}.level{font-size:1.2rem;font-weight:bold}"
        ".high{color:#a30000}.medium{color:#8a4b00}.low{color:#3d3d3d}li{margin:.4rem 0}"
        ".note{background:#f3f3f3;padding:.8rem;border-radius:.4rem}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}th[scope=row]{font-weight:normal}"
        "button{font:inherit;min-height:2.75rem;padding:.4rem 1rem}:focus-visible{outline:3px solid #0b3d91;"
        "outline-offset:2px}@media print{.noprint{display:none}}</style></head><body><main>",
        f"<h1>Clinic check: {escape(clinic_label(record, lang=lang))}</h1>",
        f"<p>Started {record.started_at:%Y-%m-%d %H:%M} UTC. Status: {escape(record.status)}.</p>",
        f"<p class='level'>Overall: {escape(level(flags, lang=lang))}</p>",
        f"<p class='note'>{escape(DISCLAIMER)}</p>",
        "<button id='print' class='noprint' type='button'>Print or save as PDF</button>",
    ]
    for severity, title in ((HIGH, "Serious red flags"), (MEDIUM, "Concerns"), (LOW, "Minor points")):
        group = _by(flags, severity)
        if group:
            parts.append(f"<h2 class='{severity}'>{title}</h2><ul>")
            for flag in group:
                message, verify = describe(flag, lang=lang)
                parts.append(f"<li><strong>{escape(message)}</strong><br>How to verify: {escape(verify)}</li>")
            parts.append("</ul>")
    parts.append("<h2>What is approved for this condition</h2>")
    parts += _paragraphs(condition_lines(record, lang=lang))
    parts.append("<h2>Who regulates this, and where to verify</h2>")
    parts += _paragraphs(regulator_lines(record.country, lang=lang))
    missing = unanswered(record, lang=lang)
    if missing:
        parts.append("<h2>What to ask next</h2><ul>")
        parts += [f"<li>{escape(q)}</li>" for q in missing]
        parts.append("</ul>")
    parts.append(
        "<h2 id='told'>What the clinic told you</h2><table aria-labelledby='told'><thead><tr>"
        "<th scope='col'>Question</th><th scope='col'>Answer</th></tr></thead><tbody>"
    )
    for question_id, (raw, value) in record.answers.items():
        if question_id == LOOKUP_ANSWER:  # the registry's findings are shown as flags, not as an answer
            continue
        question = BY_ID.get(question_id)
        label = question.prompt_for(record.country) if question else question_id
        answer = shown_answer(raw, value, lang=lang)
        parts.append(f"<tr><th scope='row'>{escape(label)}</th><td>{escape(answer)}</td></tr>")
    parts.append("</tbody></table>")
    parts.append(f"<p><small>{escape(SOURCES)}</small></p></main><script>{PRINT_SCRIPT}</script></body></html>")
    return "".join(parts)
