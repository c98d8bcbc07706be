"""Concept checks on a phone (390 px, touch): every chapter's fit the screen and answer a tap.

Each check stays inside the screen without scrolling sideways, every option
and the number box and its button are touch targets at least 44 px high, and
tapping the right option shows its explanation.
"""

from __future__ import annotations

import pytest

from concept_check_page import CHAPTERS, DESCRIBE, PHONE, answer, assert_feedback, chapter_url, open_chapter


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
