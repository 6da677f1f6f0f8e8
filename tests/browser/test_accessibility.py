"""The chat page, the report and the page check as people using a screen reader, a keyboard or a magnifier
meet them (issue 17), in headless Chromium against the real StemSafe stack.

- axe-core (pinned, WCAG 2.2 A/AA) finds nothing in any state: the chat idle, typing, after a reply,
  with quick replies, during a clinic check, after urgent-care advice, the report, the page-check box
  and its result. The Spanish page during a check is checked the same way in test_language.py.
- every bot message reaches a live region once (urgent-care advice the assertive one), and a reload
  does not read the whole conversation again;
- Chromium's accessibility tree names the controls and gives them their roles;
- a whole clinic check, from the first Tab to the printed report, with the keyboard only;
- screenshots at 200% zoom and at 320 px wide go to results/a11y/ (git-ignored), with no sideways scroll.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.a11y import (
    assert_no_violations,
    ax_nodes,
    focused,
    live_text,
    screenshots,
    tab_to,
)
from tests.servers import Stack

WAIT = 60_000
IN_BOX = "e.classList.contains('rw-new-message')"
URGENT = "I have had a fever and spreading redness since the stem cell injection yesterday"


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def open_chat(browser: Browser, site: Stack, **options: object) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, **options)
    page = context.new_page()
    page.goto(site.web_url)
    expect(page.locator(".rw-response").first).to_contain_text("I'm StemSafe", timeout=WAIT)
    return context, page


def responses(page: Page) -> list[str]:
    return [words(t) for t in page.locator(".rw-response:not(.a11y-typing)").all_inner_texts()]


def wait_for_turn(page: Page, before: int, until: str | None = None) -> None:
    """Waits until the bot has answered (more responses than `before`, no typing dots) and, if given,
    until one of the new responses contains `until`."""
    page.wait_for_function(
        """([before, until]) => {
            const all = document.querySelectorAll('.rw-response:not(.a11y-typing)');
            if (all.length <= before || document.querySelector('.rw-typing-indication')) return false;
            return !until || [...all].slice(before).some(e => e.textContent.includes(until));
        }""",
        arg=[before, until],
        timeout=WAIT,
    )
    page.wait_for_timeout(1200)  # the widget shows a turn's messages one by one (0.8-3 s each)
    page.wait_for_function("() => !document.querySelector('.rw-typing-indication')", timeout=WAIT)


def send(page: Page, text: str, until: str | None = None) -> None:
    before = len(responses(page))
    box = page.locator(".rw-new-message")
    box.fill(text)
    box.press("Enter")
    wait_for_turn(page, before, until)


def test_every_state_has_no_axe_violations_at_wcag_22_aa(site: Stack, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(site.web_url)
    page.wait_for_selector(".rw-messages-container", timeout=WAIT)
    assert_no_violations(page, "chat: idle (widget mounted)")
    expect(page.locator(".rw-response").first).to_contain_text("I'm StemSafe", timeout=WAIT)
    assert_no_violations(page, "chat: open (greeting shown)")

    page.locator(".rw-new-message").fill("what is an IRB?")
    assert_no_violations(page, "chat: typing (send button enabled)")
    before = len(responses(page))
    page.locator(".rw-new-message").press("Enter")
    wait_for_turn(page, before, "Institutional Review Board")
    assert_no_violations(page, "chat: after a reply")

    send(page, "hi")
    expect(page.locator(".rw-reply", has_text="Check a clinic")).to_be_visible()
    assert_no_violations(page, "chat: with quick-reply buttons")

    before = len(responses(page))
    page.locator(".rw-reply", has_text="Check a clinic").click()
    wait_for_turn(page, before, "What is the name of the clinic?")
    send(page, "Clinica Esperanza", "which city and country")
    assert_no_violations(page, "chat: during a clinic check (question with choices)")
    screenshots(page, "chat-clinic-check")

    send(page, URGENT, "urgent medical care")
    assert_no_violations(page, "chat: after urgent-care advice")

    send(page, "show my report", "Open your printable report")
    assert_no_violations(page, "chat: report link shown")
    href = page.locator(".rw-response a", has_text="Open your printable report").last.get_attribute("href")

    report = context.new_page()
    report.goto(href)
    expect(report.get_by_role("heading", level=1)).to_contain_text("Clinica Esperanza")
    assert_no_violations(report, "report page")
    screenshots(report, "report")
    context.close()


def test_page_check_box_and_result_have_no_axe_violations(site: Stack, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{site.web_url}/check-page")
    assert_no_violations(page, "page-check box (/check-page)")
    page.get_by_label("Paste what the clinic says").fill(
        "Our stem cells cure ALS and Parkinson's with no side effects. FDA approved. "
        "Pay a $5,000 deposit today to hold your place."
    )
    page.get_by_role("button", name="Check the claims").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text("worth checking")
    assert_no_violations(page, "page-check result")
    screenshots(page, "page-check-result")
    page.close()


def test_each_bot_message_is_announced_once_in_a_live_region(site: Stack, browser: Browser) -> None:
    context, page = open_chat(browser, site)
    greeting = responses(page)[0]
    assert greeting[:60] in words(live_text(page, "polite"))

    for question in ("what is an IRB?", "Can my body reject stem cells from a donor?"):
        before = len(responses(page))
        send(page, question)
        new = responses(page)[before:]
        assert new, f"no reply to {question!r}"
        polite = words(live_text(page, "polite"))
        for text in new:
            assert text[:200] in polite, f"not announced: {text[:80]!r}"
            assert polite.count(text[:200]) == 1, f"announced more than once: {text[:80]!r}"

    # Urgent-care advice is announced in the assertive region, and only there.
    send(page, URGENT, "urgent medical care")
    urgent = next(t for t in responses(page) if "seek urgent medical care" in t)
    assert urgent[:200] in words(live_text(page, "assertive"))
    assert urgent[:200] not in words(live_text(page, "polite"))
    # Its Spanish sentence is marked as Spanish, on screen and in the announcement; the English is not.
    spanish = page.locator(".rw-response [lang=es]", has_text="busque atención de urgencias").last
    expect(spanish).to_be_visible()
    assert "urgent medical care" not in spanish.inner_text()
    assert "busque atención" in page.locator("[role=alert] [lang=es]").inner_text()

    # A reload restores the conversation on screen without reading it all out again...
    page.reload()
    expect(page.locator(".rw-response", has_text="Institutional Review Board")).to_be_visible(timeout=WAIT)
    page.wait_for_timeout(1500)
    assert words(live_text(page, "polite")) == "" and words(live_text(page, "assertive")) == ""
    # ...and the next reply is announced.
    before = len(responses(page))
    send(page, "what is a cord blood bank?")
    for text in responses(page)[before:]:
        assert text[:200] in words(live_text(page, "polite"))

    # After "delete my data" the page reloads into a new conversation: the notice and the new greeting are read.
    send(page, "delete my data", "can't be undone")
    page.locator(".rw-new-message").fill("yes")
    page.locator(".rw-new-message").press("Enter")
    expect(page.locator("#forgotten")).to_be_visible(timeout=WAIT)
    expect(page.locator(".rw-response").first).to_contain_text("I'm StemSafe", timeout=WAIT)
    page.wait_for_timeout(1000)
    polite = words(live_text(page, "polite"))
    assert responses(page)[0][:60] in polite
    # The notice is shown as the page loads, too early for a screen reader to notice: the log repeats it.
    assert "Your data was deleted" in words(page.locator("[role=log][aria-live=polite]").inner_text())
    context.close()


def test_controls_have_names_and_roles_in_chromiums_accessibility_tree(site: Stack, browser: Browser) -> None:
    context, page = open_chat(browser, site)
    send(page, "hi")
    expect(page.locator(".rw-reply", has_text="Check a clinic")).to_be_visible()
    page.locator(".rw-new-message").fill("typed")
    nodes = [n for n in ax_nodes(page) if not n["ignored"]]

    def has(role: str, name: str | None = None, **props: object) -> bool:
        return any(
            n["role"] == role and (name is None or n["name"] == name) and all(n[k] == v for k, v in props.items())
            for n in nodes
        )

    expected = [
        ("region", "StemSafe chat", {}),
        ("region", "Conversation", {"focusable": True}),
        ("textbox", "Message to StemSafe", {"focusable": True}),
        ("button", "Send", {"focusable": True, "disabled": False}),
        ("group", "Suggested replies", {}),
        ("button", "Check a clinic", {"focusable": True}),
        ("log", None, {"live": "polite"}),
        ("alert", None, {"live": "assertive"}),
        ("heading", "Paste what the clinic says", {}),
        ("textbox", "Clinic's text", {"focusable": True}),
        ("button", "Check the claims", {"focusable": True}),
    ]
    missing = [(role, name, props) for role, name, props in expected if not has(role, name, **props)]
    quiet = ("StaticText", "InlineTextBox", "generic", "none")
    seen = sorted({(n["role"], n["name"][:40]) for n in nodes if n["role"] not in quiet})
    assert not missing, f"missing from Chromium's accessibility tree: {missing}\nseen: {seen}"
    # No control is left unnamed.
    unnamed = [n for n in nodes if n["role"] in ("button", "textbox", "link") and not n["name"].strip()]
    assert not unnamed, f"controls without a name: {unnamed}"

    # A visible focus ring on a quick reply; motion off when the person asks for less.
    tab_to(page, IN_BOX)
    tab_to(page, "e.matches('.rw-reply') && e.textContent.includes('Check a clinic')", backwards=True)
    style, width = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert style not in ("none", "hidden") and float(width.rstrip("px")) >= 2, (style, width)
    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate("getComputedStyle(document.activeElement).transitionDuration") in ("1e-06s", "0s", "0.000001s")
    context.close()


def press_reply(page: Page, title: str, key: str) -> None:
    """From the message box, Shift+Tab back to the quick reply `title` and press `key` on it."""
    tab_to(page, IN_BOX)
    tab_to(page, f"e.matches('.rw-reply') && e.textContent.trim() === {title!r}", backwards=True)
    before = len(responses(page))
    page.keyboard.press(key)
    wait_for_turn(page, before)
    assert page.evaluate(f"(() => {{ const e = document.activeElement; return {IN_BOX}; }})()"), (
        f"after the quick reply {title!r}, focus is on {focused(page)}, not in the message box"
    )


def type_answer(page: Page, text: str) -> None:
    tab_to(page, IN_BOX)
    before = len(responses(page))
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    wait_for_turn(page, before)
    assert page.evaluate(f"(() => {{ const e = document.activeElement; return {IN_BOX}; }})()"), (
        f"after sending, focus is on {focused(page)}, not in the message box"
    )


def latest_replies(page: Page) -> list[str]:
    return [words(t) for t in page.locator(".rw-replies .rw-reply").all_inner_texts()]


def test_a_whole_clinic_check_with_the_keyboard_only(site: Stack, browser: Browser) -> None:
    context, page = open_chat(browser, site)
    # No mouse from here on: any mouse event fails the test.
    page.evaluate(
        """() => ['mousedown', 'mouseup', 'click', 'pointerdown'].forEach(type =>
            document.addEventListener(type, e => { if (e.isTrusted && e.detail > 0) window.__mouse = type; }, true))"""
    )
    tab_to(page, IN_BOX)
    type_answer(page, "I want to check a clinic")
    assert "What is the name of the clinic?" in responses(page)[-1]
    type_answer(page, "Clinica Esperanza")
    press_reply(page, "Mexico", " ")
    type_answer(page, "knee arthritis")

    # Every question offers quick replies: answer "No" where offered (with Enter), else "I don't know"
    # (with Space), until the check ends with its report link.
    asked = 0
    while not page.locator(".rw-response a", has_text="printable report").count():
        replies = latest_replies(page)
        if not replies:  # a slow turn still being shown message by message
            page.wait_for_timeout(3000)
            replies = latest_replies(page)
        assert replies, f"a question without quick replies: {responses(page)[-1][:200]!r}"
        if "No" in replies:
            press_reply(page, "No", "Enter")
        else:
            press_reply(page, "I don't know", " ")
        asked += 1
        assert asked < 40, "the clinic check did not end"
    assert asked >= 10, f"only {asked} questions answered by keyboard before the report"

    # The report: Shift+Tab to its link, Enter opens it in a new tab.
    tab_to(page, IN_BOX)
    tab_to(page, "e.tagName === 'A' && e.textContent.includes('printable report')", backwards=True)
    expect(page.locator(":focus")).to_have_accessible_description("opens in a new tab")
    with context.expect_page() as opened:
        page.keyboard.press("Enter")
    report = opened.value
    report.wait_for_load_state()
    expect(report.get_by_role("heading", level=1)).to_contain_text("Clinica Esperanza")
    # Real headings, lists and a table with column and row headers, inside the main landmark.
    expect(report.get_by_role("main")).to_be_visible()
    assert report.get_by_role("heading", level=2).count() >= 2
    assert report.get_by_role("list").count() >= 1 and report.get_by_role("listitem").count() >= 3
    table = report.get_by_role("table", name="What the clinic told you")
    expect(table.get_by_role("columnheader", name="Question")).to_be_visible()
    expect(table.get_by_role("rowheader", name="What is the name of the clinic?")).to_be_visible()
    expect(table.get_by_role("cell", name="Clinica Esperanza")).to_be_visible()
    tab_to(report, "e.tagName === 'BUTTON' && e.textContent.includes('Print')")
    assert page.evaluate("window.__mouse || null") is None, "a mouse event reached the chat page"
    assert_no_violations(report, "report page after a keyboard-only check")
    context.close()
