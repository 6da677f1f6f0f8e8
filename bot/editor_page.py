"""The editors' review page (mounted by bot/web.py under ``/editor``): the review queue behind a login.

- ``/editor/login``: name and password (accounts come only from ``python -m bot.editors add NAME``); the
  form carries a login CSRF token that must match its cookie; repeated failures are refused for a while.
- ``/editor``: the queue, grouped by near-duplicate questions, most failed first (not answered, or answered
  and marked unhelpful), filtered by topic, language and feedback, 25 groups a page. Each item can be
  labelled: right topic, another topic, new topic needed, out of scope, urgent.
- ``/editor/export/real_questions.yml`` and ``/editor/export/candidates.yml``: the labelled items as a
  real-question set (bench.real_questions format) or as candidate training examples for a developer.
  Nothing goes into training automatically: these are downloads.
Anyone not logged in gets the login page (GET) or 403 (POST); every state-changing form carries the
session's CSRF token; every value shown is HTML-escaped; the pages run no script at all (CSP
``default-src 'none'``), cannot be framed, and are never cached. Cookies are HttpOnly, SameSite=Strict,
limited to ``/editor``, and Secure when the site is served over https.
"""

from __future__ import annotations

import html
import math
import os
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from aiohttp import web

from bot import ask_back, feedback
from bot.editors import Editors, EditorSession, Throttle, csrf_ok
from bot.feedback_store import FeedbackStore, Filters, Group, Item

PREFIX = "/editor"
SESSION_COOKIE = "stemsafe_editor"
LOGIN_COOKIE = "stemsafe_editor_login"
PER_PAGE = 25
MAX_FORM = 16 * 1024
EDITORS_KEY = web.AppKey("editors", Editors)
QUEUE_KEY = web.AppKey("queue", FeedbackStore)
THROTTLE_KEY = web.AppKey("throttle", Throttle)
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
STYLE = """
body{font:16px/1.45 system-ui,sans-serif;margin:1.5rem;max-width:72rem;color:#1a1a1a}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin:.2rem 0}
.group{border:1px solid #8a8a8a;border-radius:6px;padding:.6rem .9rem;margin:.9rem 0}
.meta{color:#444;font-size:.9rem}.item{border-top:1px solid #ddd;padding:.4rem 0}
.failed{color:#8a1c1c;font-weight:600}form.inline{display:inline}
label{margin-right:.6rem}input,select,button{font:inherit;min-height:2.2rem}
nav a{margin-right:1rem}
"""
E = html.escape


def _secure(request: web.Request) -> bool:
    return request.secure or os.environ.get("STEMSAFE_PUBLIC_URL", "").startswith("https://")


def _page(title: str, body: str, status: int = 200) -> web.Response:
    text = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{E(title)}</title>"
        f"<meta name='viewport' content='width=device-width,initial-scale=1'><style>{STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )
    return web.Response(text=text, status=status, content_type="text/html", headers=HEADERS)


async def _off_loop(request: web.Request, fn: Callable[..., Any], *args: Any) -> Any:
    return await request.loop.run_in_executor(None, fn, *args)


async def _session(request: web.Request) -> EditorSession | None:
    return await _off_loop(request, request.app[EDITORS_KEY].session, request.cookies.get(SESSION_COOKIE))


async def _form(request: web.Request) -> Any:
    if request.content_length is not None and request.content_length > MAX_FORM:
        raise web.HTTPRequestEntityTooLarge(max_size=MAX_FORM, actual_size=request.content_length)
    return await request.post()


# --- login --------------------------------------------------------------------------------------------
def _login_page(token: str, problem: str = "", status: int = 200) -> web.Response:
    said = f"<p role='alert'>{E(problem)}</p>" if problem else ""
    body = (
        "<h1>StemSafe review: editor login</h1>" + said + f"<form method='post' action='{PREFIX}/login'>"
        f"<input type='hidden' name='csrf' value='{E(token)}'>"
        "<p><label for='name'>Name</label><input id='name' name='name' autocomplete='username' required></p>"
        "<p><label for='password'>Password</label><input id='password' name='password' type='password' "
        "autocomplete='current-password' required></p><p><button type='submit'>Log in</button></p></form>"
    )
    return _page("Editor login", body, status)


def _login_response(request: web.Request, problem: str = "", status: int = 200) -> web.Response:
    """The login page with a fresh login CSRF token, also set as a cookie the form must match."""
    token = secrets.token_urlsafe(24)
    response = _login_page(token, problem, status)
    response.set_cookie(
        LOGIN_COOKIE, token, path=PREFIX, httponly=True, samesite="Strict", secure=_secure(request), max_age=3600
    )
    return response


async def login_form(request: web.Request) -> web.Response:
    return _login_response(request)


async def login(request: web.Request) -> web.Response:
    form = await _form(request)
    expected = request.cookies.get(LOGIN_COOKIE, "")
    given = str(form.get("csrf") or "")
    if not expected or not secrets.compare_digest(expected.encode(), given.encode()):
        return _login_response(request, "Please log in again.", 403)
    name, password = str(form.get("name") or "")[:64], str(form.get("password") or "")[:1024]
    throttle = request.app[THROTTLE_KEY]
    keys = (f"name:{name}", f"addr:{request.remote}")
    if throttle.blocked(*keys):
        return _login_response(request, "Too many failed logins. Try again in 15 minutes.", 429)
    token = await _off_loop(request, request.app[EDITORS_KEY].login, name, password)
    if token is None:
        throttle.fail(*keys)
        return _login_response(request, "Wrong name or password.", 401)
    response = web.HTTPSeeOther(PREFIX, headers=HEADERS)
    response.set_cookie(SESSION_COOKIE, token, path=PREFIX, httponly=True, samesite="Strict", secure=_secure(request))
    response.del_cookie(LOGIN_COOKIE, path=PREFIX)
    return response


async def logout(request: web.Request) -> web.Response:
    session = await _session(request)
    form = await _form(request)
    if session is None or not csrf_ok(session, form.get("csrf")):
        raise web.HTTPForbidden(text="Not logged in.", headers=HEADERS)
    await _off_loop(request, request.app[EDITORS_KEY].logout, request.cookies.get(SESSION_COOKIE))
    response = web.HTTPSeeOther(f"{PREFIX}/login", headers=HEADERS)
    response.del_cookie(SESSION_COOKIE, path=PREFIX)
    return response


# --- the queue ----------------------------------------------------------------------------------------
def _filters(query: Any) -> tuple[Filters, int]:
    def one(name: str, allowed: Callable[[str], bool]) -> str | None:
        value = str(query.get(name) or "")[:64]
        return value if value and allowed(value) else None

    try:
        page = max(1, min(int(str(query.get("page") or "1")), 1_000_000))
    except ValueError:
        page = 1
    filters = Filters(
        topic=one("topic", lambda v: v.replace("_", "").isalnum()),
        language=one("language", str.isalpha),
        feedback=one("feedback", lambda v: v in ("yes", "no", "none", "failed")),
        unlabelled=query.get("unlabelled") == "1",
    )
    return filters, page


def _query(filters: Filters, page: int) -> str:
    given = {
        "topic": filters.topic,
        "language": filters.language,
        "feedback": filters.feedback,
        "unlabelled": "1" if filters.unlabelled else None,
        "page": str(page) if page > 1 else None,
    }
    return urlencode({k: v for k, v in given.items() if v})


def _options(values: list[str], chosen: str | None, titles: dict[str, str] | None = None) -> str:
    out = ["<option value=''>any</option>"]
    for value in values:
        selected = " selected" if value == chosen else ""
        out.append(f"<option value='{E(value)}'{selected}>{E((titles or {}).get(value, value))}</option>")
    return "".join(out)


def _item_html(item: Item, csrf: str, back: str) -> str:
    feedback_said = {"yes": "helpful", "no": "not helpful", None: "no feedback"}[item.helpful]
    confidence = "" if item.confidence is None else f", confidence {item.confidence:.2f}"
    offered = f"; offered: {E(', '.join(item.offered))}" if item.offered else ""
    wanted = f"<div>Wanted instead: <q>{E(item.wanted)}</q></div>" if item.wanted else ""
    label = (
        f"<div>Label: <strong>{E(feedback.LABEL_TITLES.get(item.label, item.label))}</strong>"
        f"{E(' ' + item.label_value) if item.label_value else ''} (by {E(item.labelled_by or '')})</div>"
        if item.label
        else ""
    )
    choices = "".join(f"<option value='{E(k)}'>{E(v)}</option>" for k, v in feedback.LABEL_TITLES.items())
    return (
        f"<div class='item'><div><q>{E(item.text)}</q></div>"
        f"<div class='meta'>{E(item.kind.replace('_', '-'))}, topic {E(item.topic or 'none')}{E(confidence)}; "
        f"{E(feedback_said)}; {E(item.language)}; {E(item.channel)}; {E(f'{item.created_at:%Y-%m-%d}')}{offered}</div>"
        f"{wanted}{label}"
        f"<form class='inline' method='post' action='{PREFIX}/label'>"
        f"<input type='hidden' name='csrf' value='{E(csrf)}'><input type='hidden' name='item' value='{item.id}'>"
        f"<input type='hidden' name='back' value='{E(back)}'>"
        f"<label>Label <select name='label'>{choices}</select></label>"
        f"<label>Topic (another / new) <input name='value' list='topics' size='22'></label>"
        f"<button type='submit'>Save label</button></form></div>"
    )


def _group_html(group: Group, csrf: str, back: str) -> str:
    failed = f"<span class='failed'>failed {group.failed} of {group.count}</span>" if group.failed else ""
    return (
        f"<section class='group'><h2>{E(group.items[0].text if group.items else '')}</h2>"
        f"<div class='meta'>{group.count} asked; {failed} {group.helpful} marked helpful; last "
        f"{E(f'{group.last:%Y-%m-%d}')}</div>" + "".join(_item_html(i, csrf, back) for i in group.items) + "</section>"
    )


async def queue_page(request: web.Request) -> web.Response:
    session = await _session(request)
    if session is None:
        raise web.HTTPSeeOther(f"{PREFIX}/login", headers=HEADERS)
    filters, page = _filters(request.query)
    store = request.app[QUEUE_KEY]
    groups, total = await _off_loop(request, store.groups, filters, page, PER_PAGE)
    topics, languages = await _off_loop(request, store.topics_and_languages)
    pages = max(1, math.ceil(total / PER_PAGE))
    back = _query(filters, page)
    feedback_titles = {"yes": "helpful", "no": "not helpful", "none": "none given", "failed": "failed"}
    nav = []
    if page > 1:
        nav.append(f"<a href='{PREFIX}?{E(_query(filters, page - 1))}' rel='prev'>Previous page</a>")
    if page < pages:
        nav.append(f"<a href='{PREFIX}?{E(_query(filters, page + 1))}' rel='next'>Next page</a>")
    body = (
        f"<h1>StemSafe review queue</h1><p>Logged in as {E(session.editor)}. "
        f"<form class='inline' method='post' action='{PREFIX}/logout'><input type='hidden' name='csrf' "
        f"value='{E(session.csrf)}'><button type='submit'>Log out</button></form></p>"
        f"<form method='get' action='{PREFIX}'>"
        f"<label>Topic <select name='topic'>{_options(topics, filters.topic, ask_back.TITLES)}</select></label>"
        f"<label>Language <select name='language'>{_options(languages, filters.language)}</select></label>"
        f"<label>Feedback <select name='feedback'>"
        f"{_options(list(feedback_titles), filters.feedback, feedback_titles)}</select></label>"
        f"<label><input type='checkbox' name='unlabelled' value='1'{' checked' if filters.unlabelled else ''}>"
        f" Unlabelled only</label><button type='submit'>Filter</button></form>"
        f"<p>Export labelled items: <a href='{PREFIX}/export/real_questions.yml'>as a real-question set</a>, "
        f"<a href='{PREFIX}/export/candidates.yml'>as candidate training examples</a> (for a developer to review; "
        f"nothing is trained automatically).</p>"
        f"<p>{total} {'group' if total == 1 else 'groups'} of similar questions, most failed first. "
        f"Page {page} of {pages}.</p>"
        + "".join(_group_html(g, session.csrf, back) for g in groups)
        + f"<nav aria-label='Pages'>{''.join(nav)}</nav>"
        + "<datalist id='topics'>"
        + "".join(f"<option value='{E(t)}'>" for t in sorted(ask_back.TITLES))
        + "</datalist>"
    )
    return _page("Review queue", body)


async def label(request: web.Request) -> web.Response:
    session = await _session(request)
    form = await _form(request)
    if session is None or not csrf_ok(session, form.get("csrf")):
        raise web.HTTPForbidden(text="Not logged in, or the form is stale: reload the page.", headers=HEADERS)
    chosen, value = str(form.get("label") or ""), str(form.get("value") or "").strip()[:64] or None
    problem = feedback.label_problem(chosen, value, ask_back.TITLES)
    try:
        item = int(str(form.get("item") or ""))
    except ValueError:
        problem = "unknown item"
    if problem:
        return _not_saved(problem, 400)
    keep = value if chosen in (feedback.OTHER_TOPIC, feedback.NEW_TOPIC) else None
    if not await _off_loop(request, request.app[QUEUE_KEY].label, item, chosen, keep, session.editor):
        return _not_saved("that item is gone", 404)
    back, page = _filters(dict(parse_qsl(str(form.get("back") or "")[:500])))  # rebuilt: never an open redirect
    raise web.HTTPSeeOther(f"{PREFIX}?{_query(back, page)}", headers=HEADERS)


def _not_saved(problem: str, status: int) -> web.Response:
    body = f"<h1>Label not saved</h1><p>{E(problem)}.</p><p><a href='{PREFIX}'>Back to the queue</a></p>"
    return _page("Label not saved", body, status)


async def export(request: web.Request) -> web.Response:
    session = await _session(request)
    if session is None:
        raise web.HTTPSeeOther(f"{PREFIX}/login", headers=HEADERS)
    kind = request.match_info["kind"]
    items = await _off_loop(request, request.app[QUEUE_KEY].labelled)
    text = feedback.export_real_questions(items) if kind == "real_questions" else feedback.export_candidates(items)
    headers = dict(HEADERS, **{"Content-Disposition": f'attachment; filename="stemsafe_{kind}.yml"'})
    return web.Response(text=text, content_type="application/yaml", headers=headers)


def mount(app: web.Application, queue: FeedbackStore) -> None:
    """Add the review page's routes to the web server's app."""
    app[QUEUE_KEY] = queue
    app[EDITORS_KEY] = Editors(queue)
    app[THROTTLE_KEY] = Throttle()
    app.router.add_get(PREFIX, queue_page)
    app.router.add_get(f"{PREFIX}/login", login_form)
    app.router.add_post(f"{PREFIX}/login", login)
    app.router.add_post(f"{PREFIX}/logout", logout)
    app.router.add_post(f"{PREFIX}/label", label)
    app.router.add_get(r"/editor/export/{kind:(real_questions|candidates)}.yml", export)
