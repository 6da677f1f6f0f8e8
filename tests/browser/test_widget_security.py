"""The chat page's privacy and session rules in a real browser (headless Chromium).

L2: before the fix, "delete my data" left the whole transcript and the session id in localStorage, for
the next person on a shared device. M1: sessions are now signed tokens the browser proves; a reload and
several tabs of the same browser must keep working with them. L5/L9: the page runs no inline script.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser.test_widget import WAIT, send
from tests.servers import Stack


def stored(page: Page) -> str:
    """Everything the page's origin keeps in the browser's storage."""
    return page.evaluate("JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage)])")


def test_deleting_my_data_clears_the_browsers_copy(site: Stack, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "script-src" in m.text else None)  # CSP: scripts
    page.goto(site.web_url)
    expect(page.locator(".rw-response").first).to_contain_text("I'm StemSafe", timeout=WAIT)
    send(page, "check a clinic")
    expect(page.locator(".rw-response", has_text="What is the name of the clinic?")).to_be_visible(timeout=WAIT)
    send(page, "Clinica Marcadora")
    expect(page.locator(".rw-response", has_text="which city and country")).to_be_visible(timeout=WAIT)
    assert "Clinica Marcadora" in stored(page)  # kept for a reload of this tab...
    assert "Clinica Marcadora" not in page.evaluate("JSON.stringify(Object.entries(localStorage))")  # ...only

    send(page, "delete my data")
    expect(page.locator(".rw-response", has_text="can't be undone")).to_be_visible(timeout=WAIT)
    send(page, "yes")
    expect(page.locator("#forgotten")).to_be_visible(timeout=WAIT)  # the page reloaded into a new conversation
    expect(page.locator(".rw-response").first).to_contain_text("I'm StemSafe", timeout=WAIT)
    assert "Clinica Marcadora" not in stored(page)
    assert "Clinica Marcadora" not in page.locator("#webchat").inner_text()
    page.reload()  # and a reload does not bring it back
    expect(page.locator(".rw-response").first).to_contain_text("I'm StemSafe", timeout=WAIT)
    assert "Clinica Marcadora" not in page.locator("#webchat").inner_text()
    assert violations == []
    context.close()


def test_two_tabs_and_a_reload_keep_working(site: Stack, browser: Browser) -> None:
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    for page in (first, second):
        page.goto(site.web_url)
        expect(page.locator(".rw-response").first).to_contain_text("I'm StemSafe", timeout=WAIT)
    send(first, "what is an IRB?")
    send(second, "Can my body reject stem cells from a donor?")
    expect(first.locator(".rw-response", has_text="Institutional Review Board")).to_be_visible(timeout=WAIT)
    expect(second.locator(".rw-response", has_text="make antibodies against them")).to_be_visible(timeout=WAIT)
    assert "make antibodies" not in first.locator("#webchat").inner_text()  # each tab its own conversation

    first.reload()
    expect(first.locator(".rw-response", has_text="Institutional Review Board")).to_be_visible(timeout=WAIT)
    send(first, "what is a certificate of analysis?")
    expect(first.locator(".rw-response").last).not_to_contain_text("another window", timeout=WAIT)
    expect(first.locator(".rw-response", has_text="Sources").nth(1)).to_be_visible(timeout=WAIT)
    send(second, "what is an IRB?")  # the other tab still answers
    expect(second.locator(".rw-response", has_text="Institutional Review Board")).to_be_visible(timeout=WAIT)
    context.close()
