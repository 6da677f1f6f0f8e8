"""A person using the chat page that `make run` serves, in headless Chromium.

Screenshots are saved in tests/artifacts/ (git-ignored) for a human to look at.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.servers import Stack

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
WAIT = 45_000


def send(page: Page, text: str) -> None:
    box = page.locator(".rw-new-message")
    box.fill(text)
    box.press("Enter")


def bot_text(page: Page) -> str:
    return "\n".join(page.locator(".rw-response").all_inner_texts())


def test_ask_check_a_clinic_reload_and_keep_the_conversation(site: Stack, browser: Browser) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(site.web_url)
    expect(page.get_by_role("note")).to_contain_text("not medical advice")
    expect(page.locator(".rw-response").first).to_contain_text("I'm StemSafe", timeout=WAIT)

    # A safety question typed in the box gets the sourced answer.
    send(page, "Can my body reject stem cells from a donor?")
    expect(page.locator(".rw-response", has_text="make antibodies against them")).to_be_visible(timeout=WAIT)
    assert "Sources: Ankrum" in bot_text(page)

    # Start a clinic check with the buttons and answer two questions.
    send(page, "hi")
    page.locator(".rw-reply", has_text="Check a clinic").last.click(timeout=WAIT)
    expect(page.locator(".rw-response", has_text="What is the name of the clinic?")).to_be_visible(timeout=WAIT)
    send(page, "Clinica Esperanza")
    expect(page.locator(".rw-response", has_text="which city and country")).to_be_visible(timeout=WAIT)
    page.locator(".rw-reply", has_text="Mexico").last.click(timeout=WAIT)
    expect(page.locator(".rw-response", has_text="What condition").last).to_be_visible(timeout=WAIT)
    send(page, "knee arthritis")
    expect(page.locator(".rw-response", has_text="cédula profesional").last).to_be_visible(timeout=WAIT)
    page.screenshot(path=str(ARTIFACTS / "widget-desktop.png"), full_page=True)

    # The report so far is one click away.
    send(page, "show my report")
    link = page.locator(".rw-response a", has_text="Open your printable report").last
    expect(link).to_be_visible(timeout=WAIT)
    report = context.request.get(link.get_attribute("href"))
    assert report.ok and "Clinica Esperanza" in report.text()

    # Reload: the same conversation is still there, and the check goes on where it was.
    page.reload()
    expect(page.locator(".rw-response", has_text="make antibodies against them")).to_be_visible(timeout=WAIT)
    send(page, "Dr. Ana Ruiz, cédula 12345678")
    expect(page.locator(".rw-response", has_text="has the expected shape")).to_be_visible(timeout=WAIT)
    context.close()


def test_typed_html_is_shown_as_text(site: Stack, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(site.web_url)
    expect(page.locator(".rw-response").first).to_contain_text("I'm StemSafe", timeout=WAIT)
    send(page, '<img src=x onerror="window.__pwned=1"><b>bold?</b>')
    expect(page.locator(".rw-client", has_text="<b>bold?</b>")).to_be_visible(timeout=WAIT)
    expect(page.locator(".rw-response").nth(1)).to_be_visible(timeout=WAIT)
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".rw-messages-container b").count() == 0
    page.close()


def test_phone_width_and_keyboard_only(site: Stack, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site.web_url)
    expect(page.locator(".rw-response").first).to_contain_text("I'm StemSafe", timeout=WAIT)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # Keyboard only: tab to the message box, type, press Enter.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.classList.contains('rw-new-message')"):
            break
    else:
        raise AssertionError("the message box cannot be reached with the Tab key")
    page.keyboard.type("what is an IRB?")
    page.keyboard.press("Enter")
    expect(page.locator(".rw-response", has_text="Institutional Review Board")).to_be_visible(timeout=WAIT)
    page.screenshot(path=str(ARTIFACTS / "widget-phone.png"), full_page=True)
    context.close()
