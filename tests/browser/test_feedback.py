"""Feedback in the widget and the editors' review page, in headless Chromium: a person agrees in the greeting,
answers "No" under an answer with the quiet feedback buttons, and an editor (account made with the command
line) logs in and finds the question in the queue. Screenshots go to tests/artifacts/ (git-ignored)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.browser.a11y import assert_no_violations
from tests.servers import ROOT, Stack

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
WAIT = 45_000
PASSWORD = "browser test password"


def test_feedback_in_the_widget_reaches_the_editors_page(site: Stack, browser: Browser) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(site.web_url)
    page.locator(".rw-reply", has_text="Yes, keep my questions").click(timeout=WAIT)
    expect(page.locator(".rw-response", has_text="without names or contact details")).to_be_visible(timeout=WAIT)

    page.locator(".rw-new-message").fill("Can my body reject stem cells from a donor?")
    page.locator(".rw-new-message").press("Enter")
    question = page.get_by_role("group", name="Did this answer your question?")
    expect(question).to_be_visible(timeout=WAIT)
    assert_no_violations(page, "chat-feedback-question")
    page.screenshot(path=str(ARTIFACTS / "widget-feedback.png"), full_page=True)
    question.get_by_role("button", name="No, it did not").click()
    expect(page.locator(".rw-response", has_text="what you wanted to know")).to_be_visible(timeout=WAIT)

    added = subprocess.run(
        [sys.executable, "-m", "bot.editors", "add", "reviewer", "--password-stdin"],
        input=PASSWORD + "\n",
        text=True,
        capture_output=True,
        env=site.env,
        cwd=ROOT,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    editor = context.new_page()
    editor.goto(f"{site.web_url}/editor")
    expect(editor.get_by_role("heading", name="StemSafe review: editor login")).to_be_visible()
    editor.get_by_label("Name").fill("reviewer")
    editor.get_by_label("Password").fill(PASSWORD)
    editor.get_by_role("button", name="Log in").click()
    group = editor.locator("section.group", has_text="Can my body reject stem cells from a donor?")
    expect(group).to_be_visible(timeout=WAIT)
    assert "not helpful" in group.inner_text() and "socketio" in group.inner_text()
    assert_no_violations(editor, "editor-queue")
    editor.screenshot(path=str(ARTIFACTS / "editor-page.png"), full_page=True)
    context.close()
