"""Concept checks on the built site, answered as a reader would: desktop and phone, mouse and keyboard.

Every numbered chapter of _toc.yml must have 2 to 4 concept checks on its
page (a chapter without them fails here by name). For each check, a wrong
choice must show its own explanation, starting "Not quite.", and the right
choice the right one, starting "Right." (one explanation visible at a time,
inside the aria-live region); a number question is answered by typing. After
answering, axe-core finds no serious or critical violation inside any concept
check. At 390 px every check fits the screen, every option is a touch target
at least 44 px high, and tapping still answers.
"""

from __future__ import annotations

import pytest
import yaml

from book_site import ROOT, SITE
from pageload import AXE

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


@pytest.mark.parametrize("name", CHAPTERS)
def test_each_chapter_has_two_to_four_concept_checks_that_answer_right_and_wrong(chromium_browser, site_url, name):
    context, page = open_chapter(chromium_browser, chapter_url(site_url, name))
    try:
        checks = page.evaluate(DESCRIBE)
        assert 2 <= len(checks) <= 4, f"{name} has {len(checks)} concept checks on its page; it needs 2 to 4"
        for check in checks:
            assert shown(page, check) == [], f"{check['id']}: an explanation is visible before any answer"
            rights = [option for option in check["options"] if option["right"]]
            wrongs = [option for option in check["options"] if not option["right"]]
            assert len(rights) == 1 and wrongs, f"{check['id']}: needs one right and at least one wrong answer"
            for option in wrongs + rights:
                answer(page, check, option)
                assert_feedback(page, check, option)
        if AXE.exists():
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(
                """async () => (await axe.run({include: [['fieldset.concept-check']]},
                                               {resultTypes: ['violations']})).violations
                    .filter(v => ['serious', 'critical'].includes(v.impact))
                    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
            )
            assert violations == [], f"{name}: axe-core inside the concept checks: {violations}"
        else:
            pytest.fail(f"axe-core is not installed at {AXE}: run `make node_modules/.installed` (npm ci)")
    finally:
        context.close()


@pytest.mark.parametrize("name", CHAPTERS)
def test_concept_checks_fit_a_phone_and_answer_by_touch(chromium_browser, site_url, name):
    context, page = open_chapter(chromium_browser, chapter_url(site_url, name), width=PHONE, touch=True)
    try:
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('fieldset.concept-check')].map(check => ({
                id: check.id, right: check.getBoundingClientRect().right, width: window.innerWidth,
                overflow: check.scrollWidth - check.clientWidth,
                targets: [...check.querySelectorAll('.cc-option, .cc-number input, .cc-number button')]
                    .map(t => Math.round(t.getBoundingClientRect().height))}))"""
        )
        assert len(sizes) >= 2, f"{name} has {len(sizes)} concept checks at {PHONE} px"
        for size in sizes:
            assert size["right"] <= size["width"] + 1, f"{size['id']} is cut off at {PHONE} px: {size}"
            assert size["overflow"] <= 1, f"{size['id']} scrolls sideways at {PHONE} px: {size}"
            assert min(size["targets"]) >= 44, f"{size['id']}: a touch target below 44 px: {size['targets']}"
        check = page.evaluate(DESCRIBE)[0]
        right = next(option for option in check["options"] if option["right"])
        if check["kind"] == "choice":
            page.locator(f"label[for='{check['id']}-{right['key']}']").tap()
        else:
            answer(page, check, right)
        assert_feedback(page, check, right)
    finally:
        context.close()


def test_a_choice_is_answered_with_the_keyboard_alone(chromium_browser, site_url):
    context, page = open_chapter(chromium_browser, chapter_url(site_url, CHAPTERS[0]))
    try:
        check = page.evaluate(DESCRIBE)[0]
        page.focus(f"#{check['id']}-1")
        page.keyboard.press("Space")  # chooses option 1
        assert_feedback(page, check, check["options"][0])
        page.keyboard.press("ArrowDown")  # moves to option 2 and chooses it
        assert_feedback(page, check, check["options"][1])
    finally:
        context.close()


def test_a_number_question_marks_text_that_is_not_a_number(chromium_browser, site_url):
    context, page = open_chapter(chromium_browser, chapter_url(site_url, CHAPTERS[0]))
    try:
        number = next((c for c in page.evaluate(DESCRIBE) if c["kind"] == "number"), None)
        assert number is not None, f"{CHAPTERS[0]} was expected to have a number question"
        box = page.locator(f"#{number['id']} .cc-number input")
        box.fill("half")
        page.locator(f"#{number['id']} .cc-submit").click()
        assert box.get_attribute("aria-invalid") == "true" and shown(page, number) == []
        box.fill("0,51")  # a decimal comma counts too
        box.press("Enter")
        assert box.get_attribute("aria-invalid") is None
        assert_feedback(page, number, next(option for option in number["options"] if option["right"]))
    finally:
        context.close()
