"""Helpers for the accessibility tests: axe-core in the page, Chromium's accessibility tree, the keyboard.

axe-core is the pinned npm build that `make` fetches (scripts/fetch-npm-file.sh, integrity-checked) into
tests/vendor/; it is put into the page with Playwright's evaluate (the DevTools protocol), so the page's
Content-Security-Policy stays as served: no test-only script tag, no CSP bypass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "vendor" / "axe.min.js"
ARTIFACTS = ROOT / "results" / "a11y"
# WCAG 2.0, 2.1 and 2.2, levels A and AA: what axe-core tags for each success criterion.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    targets: tuple[str, ...]
    summary: str

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}) on {', '.join(self.targets[:5])}: {self.summary}"


def axe_violations(page: Page) -> list[Violation]:
    """Runs axe-core on the whole page at WCAG 2.2 A/AA; returns what it found."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: run `make {AXE.relative_to(ROOT)}` (fetches axe-core)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({
                rule: v.id, impact: v.impact || '',
                targets: v.nodes.map(n => n.target.join(' ')),
                summary: (v.nodes[0] && v.nodes[0].failureSummary || v.help).replace(/\\s+/g, ' ').slice(0, 300),
            }));
        }""",
        WCAG_TAGS,
    )
    return [Violation(v["rule"], v["impact"], tuple(v["targets"]), v["summary"]) for v in found]


def record(state: str, violations: list[Violation]) -> None:
    """Appends a state's axe result to results/a11y/axe.jsonl (the per-state figures of the closing note)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    line = {"state": state, "violations": [str(v) for v in violations]}
    with (ARTIFACTS / "axe.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")


def assert_no_violations(page: Page, state: str) -> None:
    violations = axe_violations(page)
    record(state, violations)
    assert not violations, f"axe-core, WCAG 2.2 A/AA, state '{state}':\n" + "\n".join(map(str, violations))


def ax_nodes(page: Page) -> list[dict]:
    """Chromium's own accessibility tree (DevTools protocol), as {role, name, live, hidden} per node."""
    session = page.context.new_cdp_session(page)
    try:
        tree = session.send("Accessibility.getFullAXTree")
    finally:
        session.detach()
    nodes = []
    for node in tree["nodes"]:
        props = {p["name"]: p.get("value", {}).get("value") for p in node.get("properties", [])}
        nodes.append(
            {
                "role": (node.get("role") or {}).get("value", ""),
                "name": (node.get("name") or {}).get("value", ""),
                "live": props.get("live", ""),
                "ignored": node.get("ignored", False),
                "focusable": bool(props.get("focusable")),
                "disabled": bool(props.get("disabled")),
            }
        )
    return nodes


def focused(page: Page) -> str:
    """A short description of the focused element: tag, classes, accessible text."""
    return page.evaluate(
        """() => { const e = document.activeElement; if (!e) return '';
            const text = (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40);
            return `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${text}`; }"""
    )


def tab_to(page: Page, predicate_js: str, limit: int = 60, backwards: bool = False) -> None:
    """Presses Tab (or Shift+Tab) until `predicate_js` (a JS expression over `e`, the focused element) holds."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if page.evaluate(f"(() => {{ const e = document.activeElement; return !!e && ({predicate_js}); }})()"):
            return
        page.keyboard.press(key)
    raise AssertionError(f"could not reach `{predicate_js}` with {key} in {limit} presses (focus on {focused(page)})")


def live_text(page: Page, politeness: str) -> str:
    """Text now inside the page's shown live regions of that politeness (aria-live, or role log/status/alert)."""
    return page.evaluate(
        """(politeness) => {
            const implicit = {log: 'polite', status: 'polite', alert: 'assertive'};
            const regions = [...document.querySelectorAll('[aria-live], [role=log], [role=status], [role=alert]')]
                .filter(e => !e.closest('[hidden], [aria-hidden=true]'))
                .filter(e => (e.getAttribute('aria-live') || implicit[e.getAttribute('role')]) === politeness);
            return regions.map(e => e.textContent).join('\\n');
        }""",
        politeness,
    )


def screenshots(page: Page, name: str) -> list[Path]:
    """Full-page screenshots at 200% zoom (a 1280 px window: 640 CSS px, scale 2) and at 320 px wide.

    Returns the files written under results/a11y/ and checks the page does not scroll sideways."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    written = []
    original = page.viewport_size
    for label, width in (("zoom200", 640), ("w320", 320)):
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_timeout(300)
        page.evaluate("(() => { const m = document.getElementById('rw-messages'); m && m.scrollBy(0, 1e6); })()")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} at {label}: the page scrolls sideways by {overflow} px"
        path = ARTIFACTS / f"{name}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        written.append(path)
    if original:
        page.set_viewport_size(original)
    return written
