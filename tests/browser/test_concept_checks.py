"""Concept checks on the built site, answered as a reader would, with the mouse and the keyboard.

Every numbered chapter of _toc.yml must have 2 to 4 concept checks on its
page (a chapter without them fails here by name). For each check, a wrong
choice must show its own explanation, starting "Not quite.", and the right
choice the right one, starting "Right." (one explanation visible at a time,
inside the aria-live region); a number question is answered by typing. After
answering, axe-core finds no serious or critical violation inside any concept
check (test_accessibility.py checks every page as loaded, questions
unanswered). The phone width is tested in test_concept_checks_phone.py.
"""

from __future__ import annotations

import pytest

from concept_check_page import CHAPTERS, DESCRIBE, answer, assert_feedback, chapter_url, open_chapter, shown
from pageload import AXE


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
            # axe-core walks the whole document even when told to check one part, which
            # takes ~10 s on a page full of formulas; the answered concept checks are
            # moved, as they are, into an otherwise empty article of the same page.
            page.evaluate("""() => (document.querySelector('main article') || document.querySelector('main'))
                .replaceChildren(...document.querySelectorAll('fieldset.concept-check'))""")
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
