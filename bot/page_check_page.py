"""The web page of the page check: a form to paste what a clinic says, and the claims found, as HTML.

Served by bot/web.py at ``/check-page``. Works without JavaScript (a plain form post), so it needs no
script under the page's Content-Security-Policy; every piece of pasted text is escaped.
"""

from __future__ import annotations

from html import escape

from bot.page_check import MAX_PAGE_CHARS, PageCheck, grouped

MAX_QUOTES = 3  # sentences quoted per claim; the rest are counted
QUESTION_LABELS = {  # clinic-check question ids a page can answer, in patients' words
    "cell_source": "Where the cells come from",
    "expanded": "Are the cells grown (expanded) in a lab?",
    "route": "How the cells are given",
    "claims": "What the clinic claims",
    "facility_licence": "The clinic's licence or authorisation",
    "outcome_data": "Evidence of results",
    "sales": "How they sell",
}
KIND_HEADINGS = (
    ("overclaim", "Claims that go beyond the evidence"),
    ("condition", "What the evidence says for the conditions named"),
    ("verify", "Documents and credentials to check at the source"),
    ("detail", "Details of the treatment that change the risks"),
)
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:48rem;margin:1.5rem auto;padding:0 1rem;line-height:1.5;"
    "color:#1a1a1a}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:1.6rem}"
    "blockquote{margin:.4rem 0;padding:.3rem .8rem;border-left:4px solid #0b5fa5;background:#f3f6fa}"
    "textarea{width:100%;min-height:12rem;font:inherit;padding:.4rem;box-sizing:border-box}"
    "button{font:inherit;padding:.5rem 1rem;min-height:2.75rem;margin-top:.5rem}"
    ".note{background:#fff6e0;border:1px solid #e8c66b;padding:.6rem .8rem;border-radius:.4rem}"
    "li{margin:.6rem 0}:focus-visible{outline:3px solid #0b5fa5;outline-offset:2px}a{color:#0b5fa5}"
)
NOTE = (
    "StemSafe is not a doctor and never calls a clinic or a treatment safe. What it finds is a list of things "
    "to question, not a verdict. Talk to your own doctor before any treatment. If you feel unwell after a "
    "treatment (fever, spreading redness, vision changes, weakness, trouble breathing), call 911 or go to an "
    "emergency department now."
)


def form(text: str = "") -> str:
    return (
        "<form method='post' action='/check-page'>"
        "<label for='clinic-text'><strong>Paste what the clinic says</strong> (from its website, a brochure or a "
        "message)</label>"
        f"<textarea id='clinic-text' name='text' maxlength='{MAX_PAGE_CHARS}' required>{escape(text)}</textarea>"
        "<button type='submit'>Check the claims</button></form>"
    )


def page(result: PageCheck | None = None, text: str = "", registry: list[str] | None = None) -> str:
    """The page check's page; `registry`: what ClinicalTrials.gov shows for the trial numbers in the text."""
    lang = result.language if result else "en"
    parts = [
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>StemSafe: check what a clinic says</title>",
        f"<style>{STYLE}</style></head><body><main>",
        "<h1>Check what a clinic says</h1>",
        f"<p class='note' role='note'>{escape(NOTE)}</p>",
    ]
    if result is not None:
        parts.append(results(result))
    if registry:
        parts.append(
            "<section aria-labelledby='registry'><h2 id='registry'>Trial numbers checked at ClinicalTrials.gov</h2><ul>"
        )
        parts += [f"<li>{escape(line)}</li>" for line in registry]
        parts.append("</ul></section>")
    parts.append(form(text))
    parts.append("<p><a href='/'>Back to the StemSafe chat</a></p></main></body></html>")
    return "".join(parts)


def results(result: PageCheck) -> str:
    parts = ["<section aria-labelledby='found'>"]
    count = len(result.findings)
    if not count:
        parts.append(
            "<h2 id='found'>No claims recognised</h2><p>I didn't find any of the claims I know. That doesn't make "
            "the clinic trustworthy: ask it the questions of a clinic check, and talk to your own doctor.</p>"
        )
    else:
        count = len(grouped(result))
        parts.append(f"<h2 id='found'>{count} thing{'s' if count != 1 else ''} worth checking</h2>")
    if result.truncated:
        parts.append(f"<p>Only the first {MAX_PAGE_CHARS:,} characters were read.</p>")
    groups = grouped(result)
    for kind, heading in KIND_HEADINGS:
        claims = [(claim, findings) for claim, findings in groups if claim.kind == kind]
        if not claims:
            continue
        parts.append(f"<h3>{escape(heading)}</h3><ul>")
        for claim, findings in claims:
            quotes = "".join(f"<blockquote>{escape(f.quote)}</blockquote>" for f in findings[:MAX_QUOTES])
            more = len(findings) - MAX_QUOTES
            if more > 0:
                quotes += f"<p><small>…and {more} more place{'s' if more != 1 else ''} in the text.</small></p>"
            parts.append(
                f"<li><strong>{escape(claim.title)}</strong>{quotes}"
                f"{escape(claim.fact)}<br><em>Ask or verify:</em> {escape(claim.ask)}"
                f"<br><small>Source: {escape(claim.sources)}</small></li>"
            )
        parts.append("</ul>")
    prefill = result.prefill
    if prefill:
        parts.append(
            "<h3>For your clinic check</h3><p>The text answers some of the clinic check's questions. "
            "In the chat, say “check a clinic” and confirm or correct these:</p><dl>"
        )
        for question, values in prefill.items():
            parts.append(
                f"<dt>{escape(QUESTION_LABELS.get(question, question))}</dt><dd>{escape('; '.join(values))}</dd>"
            )
        parts.append("</dl>")
    parts.append("</section>")
    return "".join(parts)
