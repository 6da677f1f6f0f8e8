"""StemSafe's small web server: the chat page with the widget, and the printable clinic-check reports.

- ``/`` serves web/index.html with the Rasa server's address in a meta tag (``STEMSAFE_SOCKET_URL``), under a
  CSP with no inline script (``script-src 'self'``) and ``frame-ancestors 'none'``; ``/assets/`` serves the
  page's own files (web/assets/: ``chat.js`` starts the widget, ``a11y.js`` and ``a11y.css`` are the
  accessibility layer over it); ``/static/webchat.js`` is rasa-webchat's
  standalone bundle, fetched from npm by `make`.
  (Styles stay inline-allowed: the page's own <style> and the widget's injected styles.)
- ``/report/<token>``: reports are found by an unguessable token (never by user id), read from the
  records database, and rendered by bot.report with every user-typed value escaped; ``?lang=es`` renders
  it in Spanish (anything else: English). A link expires
  ``LINK_DAYS`` (30) days after the check was finished (410, with how to get a new link in the chat).
- ``/check-page``: a form to paste what a clinic says; the claims found (bot.page_check), as a page
  (bot.page_check_page). A plain form post: no script.
- ``/editor``: the editors' review queue behind a login (bot.editor_page; accounts: ``python -m bot.editors``).

Usage: ``python -m bot.web [--host 127.0.0.1] [--port 8000]``
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
from pathlib import Path

from aiohttp import web

from bot import editor_page, flags, page_check, page_check_page, registry_flags, trials
from bot.feedback_store import FeedbackStore
from bot.report import PRINT_SCRIPT_HASH, html_page
from bot.store import LINK_DAYS, Store
from stores import registry

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "web" / "index.html"
ASSETS = ROOT / "web" / "assets"
STATIC = ROOT / "web" / "vendor"
STORE_KEY = web.AppKey("store", Store)
NOT_FOUND = (
    "<!doctype html><html lang='en'><meta charset='utf-8'><title>Report not found</title>"
    "<p>This report does not exist or was deleted.</p></html>"
)
EXPIRED = (
    "<!doctype html><html lang='en'><meta charset='utf-8'><title>Report link expired</title>"
    f"<p>This report link has expired: links work for {LINK_DAYS} days after a clinic check is finished. "
    'Your report is still saved. In the chat, say <strong>new report link</strong> (or "show my report") '
    "to get a new link.</p></html>"
)
NOT_FOUND_ES = (
    "<!doctype html><html lang='es'><meta charset='utf-8'><title>No se encontró el reporte</title>"
    "<p>Este reporte no existe o se borró.</p></html>"
)
EXPIRED_ES = (
    "<!doctype html><html lang='es'><meta charset='utf-8'><title>El enlace del reporte venció</title>"
    f"<p>Este enlace del reporte ya venció: los enlaces sirven durante {LINK_DAYS} días después de terminar la "
    "revisión de una clínica. Su reporte sigue guardado. En el chat, escriba <strong>enlace nuevo del "
    'reporte</strong> (o "mostrar mi reporte") para recibir un enlace nuevo.</p></html>'
)
# The report page may run only its print button's script (by hash), and no site may frame it.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src {PRINT_SCRIPT_HASH}; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


async def report(request: web.Request) -> web.Response:
    """A report by its token: 404 when there is none, 410 when its link has expired (renewed in the chat).

    ``?lang=es`` shows it in Spanish; no ``lang``, or any other value, shows it in English.
    """
    spanish = request.query.get("lang") == "es"
    token = request.match_info["token"]
    record = await request.loop.run_in_executor(None, request.app[STORE_KEY].by_token, token)
    if record is None:
        missing = NOT_FOUND_ES if spanish else NOT_FOUND
        return web.Response(text=missing, status=404, content_type="text/html", headers=SECURITY_HEADERS)
    if record.link_expired():
        expired = EXPIRED_ES if spanish else EXPIRED
        return web.Response(text=expired, status=410, content_type="text/html", headers=SECURITY_HEADERS)
    page = html_page(record, lang="es" if spanish else "en")
    return web.Response(text=page, content_type="text/html", headers=SECURITY_HEADERS)


def socket_url() -> str:
    return os.environ.get("STEMSAFE_SOCKET_URL", "http://127.0.0.1:5005").rstrip("/")


def page_headers(rasa_url: str) -> dict[str, str]:
    ws_url = "ws" + rasa_url[len("http") :] if rasa_url.startswith("http") else rasa_url
    return {
        "Content-Security-Policy": (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data:; connect-src 'self' {rasa_url} {ws_url}; frame-ancestors 'none'; "
            "base-uri 'none'; object-src 'none'; form-action 'self'"
        ),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


async def index(request: web.Request) -> web.Response:
    rasa_url = socket_url()
    page = PAGE.read_text(encoding="utf-8").replace(
        '<meta name="stemsafe-socket-url" content="">',
        f'<meta name="stemsafe-socket-url" content="{html.escape(rasa_url, quote=True)}">',
    )
    return web.Response(text=page, content_type="text/html", headers=page_headers(rasa_url))


PAGE_CHECK_BODY = 1024 * 1024  # a form post of MAX_PAGE_CHARS characters, URL-encoded (up to ~9 bytes each)


async def check_page_form(request: web.Request) -> web.Response:
    lang = page_check_page.language_of_request(request.query)  # ?lang=es: the form in Spanish
    return web.Response(text=page_check_page.page(lang=lang), content_type="text/html", headers=SECURITY_HEADERS)


async def check_page(request: web.Request) -> web.Response:
    if request.content_length is not None and request.content_length > PAGE_CHECK_BODY:
        raise web.HTTPRequestEntityTooLarge(max_size=PAGE_CHECK_BODY, actual_size=request.content_length)
    form = await request.post()
    text = str(form.get("text") or "").replace("\x00", "")
    result = await request.loop.run_in_executor(
        None, lambda: page_check.check(text, max_chars=page_check.MAX_PAGE_CHARS)
    )
    numbers = trials.nct_numbers_in(text[: page_check.MAX_PAGE_CHARS])  # checked at the source (issue 18 §4)
    lang = page_check_page.language_of_request(request.query, form)  # the form's lang field, else ?lang=
    found = registry_flags.page_lines(await registry.client().studies(numbers), lang=lang) if numbers else []
    body = page_check_page.page(result, text[: page_check.MAX_PAGE_CHARS], found, lang=lang)
    return web.Response(text=body, content_type="text/html", headers=SECURITY_HEADERS)


async def _warm_page_check(app: web.Application) -> None:
    """Builds the page check's pipelines once, off the event loop, so the first paste is not slow."""
    asyncio.get_running_loop().run_in_executor(None, page_check.check, "warm up")


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def make_app(store: Store | None = None) -> web.Application:
    app = web.Application(client_max_size=PAGE_CHECK_BODY)
    app[STORE_KEY] = store or Store.from_url(flag_rules=flags.evaluate)
    app.router.add_get("/", index)
    app.router.add_static("/assets/", ASSETS, show_index=False)
    STATIC.mkdir(parents=True, exist_ok=True)  # filled by `make` (scripts/fetch-npm-file.sh)
    app.router.add_static("/static/", STATIC, show_index=False)
    app.router.add_get("/report/{token}", report)
    app.router.add_get("/check-page", check_page_form)
    app.router.add_post("/check-page", check_page)
    app.router.add_get("/health", health)
    editor_page.mount(app, FeedbackStore(app[STORE_KEY].engine))
    app.on_startup.append(_warm_page_check)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    web.run_app(make_app(), host=args.host, port=args.port, print=None)


if __name__ == "__main__":
    main()
