"""Opening a chapter's concept checks in Chromium and answering them (shared by the two test files)."""

from __future__ import annotations

import yaml

from book_site import ROOT, SITE

PHONE = 390


def toc_chapters() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [chapter["file"] for part in toc["parts"] if part.get("numbered") for chapter in part["chapters"]]


CHAPTERS = toc_chapters()

DESCRIBE = """() => [...document.querySelectorAll('fieldset.concept-check')].map(check => ({
  id: check.id,
  kind: check.dataset.kind,
  options: [...check.querySelectorAll('.cc-explanation')].map(e => ({
    key: e.dataset.option || e.dataset.value, right: e.classList.contains('cc-right')})),
}))"""

VISIBLE = """id => [...document.getElementById(id).querySelectorAll('.cc-explanation')]
  .filter(e => !e.hidden && e.getClientRects().length > 0)
  .map(e => ({right: e.classList.contains('cc-right'), text: e.innerText.trim(),
              live: e.closest('[aria-live]') ? e.closest('[aria-live]').getAttribute('aria-live') : null}))"""


def answer(page, check: dict, option: dict) -> None:
    if check["kind"] == "number":
        box = page.locator(f"#{check['id']} .cc-number input")
        box.fill(option["key"] if option["key"] != "other" else "123456")
        box.press("Enter")
    else:
        page.locator(f"label[for='{check['id']}-{option['key']}']").click()


def shown(page, check: dict) -> list[dict]:
    return page.evaluate(VISIBLE, check["id"])


def assert_feedback(page, check: dict, option: dict) -> None:
    visible = shown(page, check)
    assert len(visible) == 1, f"{check['id']}: {len(visible)} explanations visible after choosing {option['key']}"
    expected = "Right." if option["right"] else "Not quite."
    assert visible[0]["right"] == option["right"] and visible[0]["text"].startswith(expected), (
        f"{check['id']}: choosing {option['key']} showed {visible[0]['text'][:60]!r}"
    )
    assert visible[0]["live"] == "polite"


def chapter_url(site_url: str, name: str) -> str:
    path = SITE / f"{name}.html"
    assert path.exists(), f"{name} is in _toc.yml but {path} was not built"
    return f"{site_url}/{name}.html"


def open_chapter(browser, url: str, *, width: int = 1280, touch: bool = False):
    """A fresh context with the page, once its concept checks are set up and its formulas typeset.

    Only the document, the concept-check script and MathJax need to be ready:
    the widget bundles, which take seconds, play no part here.
    """
    context = browser.new_context(viewport={"width": width, "height": 844}, has_touch=touch, is_mobile=touch)
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function(
        "!document.querySelector('fieldset.concept-check') || !!document.querySelector('fieldset.cc-ready')"
    )
    page.evaluate("async () => { const m = window.MathJax; if (m && m.startup && m.startup.promise) "
                  "await m.startup.promise; await document.fonts.ready; }")
    return context, page
