"""The chat page in Spanish (issue 13), in headless Chromium against the real stack: the English / Español
switch changes the page and the widget, is sent with every message, survives a reload with the conversation,
and a browser set to Spanish starts in Spanish. axe-core finds nothing on the Spanish page."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser.a11y import assert_no_violations
from tests.servers import Stack

WAIT = 60_000


def send(page: Page, text: str) -> None:
    box = page.locator(".rw-new-message")
    box.fill(text)
    box.press("Enter")


def test_switch_to_spanish_reload_and_go_on_in_spanish(site: Stack, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="en-US")
    page = context.new_page()
    page.goto(site.web_url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".rw-response").first).to_contain_text("I'm StemSafe", timeout=WAIT)

    page.get_by_role("button", name="Español").click()  # the page reloads in Spanish, the conversation kept
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("note")).to_contain_text("no es consejo médico")
    expect(page.get_by_role("button", name="Español")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".rw-new-message")).to_have_attribute("placeholder", "Escriba su pregunta…")
    expect(page.locator(".rw-response").first).to_contain_text("I'm StemSafe", timeout=WAIT)

    # The greeting's button sends a payload in neither language: the page's language decides.
    page.locator(".rw-reply", has_text="Check a clinic").last.click(timeout=WAIT)
    expect(page.locator(".rw-response", has_text="¿Cómo se llama la clínica?")).to_be_visible(timeout=WAIT)
    send(page, "Clínica Esperanza")
    expect(page.locator(".rw-response", has_text="¿Dónde está la clínica?")).to_be_visible(timeout=WAIT)
    assert_no_violations(page, "spanish page during a check")

    page.reload()  # the language and the conversation stay with the tab
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(".rw-response", has_text="¿Dónde está la clínica?")).to_be_visible(timeout=WAIT)
    send(page, "Tijuana")
    expect(page.locator(".rw-response", has_text="¿Qué enfermedad o padecimiento")).to_be_visible(timeout=WAIT)

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    send(page, "knee")  # a word of neither language: the switch decides again
    expect(page.locator(".rw-response", has_text="cédula profesional").last).to_be_visible(timeout=WAIT)
    assert "Who is the treating doctor" in page.locator(".rw-response").last.inner_text()
    context.close()


def test_a_browser_set_to_spanish_starts_in_spanish(site: Stack, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="es-MX")
    page = context.new_page()
    page.goto(site.web_url)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(".rw-response").first).to_contain_text("Hola, soy StemSafe", timeout=WAIT)
    send(page, "¿Las células madre de donante pueden ser rechazadas?")
    expect(page.locator(".rw-response", has_text="Fuentes:").last).to_be_visible(timeout=WAIT)
    context.close()
