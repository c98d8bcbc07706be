"""axe-core on every page of the built site, and the static sliders as a screen reader meets them.

axe-core is the npm package pinned in package.json (``make node_modules/.installed``
installs it).  Every serious or critical violation fails the test, except those
listed in ALLOWED: each entry names the rule, the part of the page it matches,
the project whose HTML it is and why the book cannot fix it itself.  Anything
new, in the book's content or elsewhere, fails.
"""

from __future__ import annotations

import re

import pytest

from book_site import SITE, pages
from pageload import AXE, close, load, run_axe

NAMES = [p.relative_to(SITE).as_posix() for p in pages()]
FAILING_IMPACTS = ("serious", "critical")

# Serious or critical findings that come from the theme or extensions, each with
# the upstream project and the reason it stays.  An entry matches a violating
# node when the rule is the same and `html` (a regular expression) matches the
# start of the node's HTML.
ALLOWED = [
    {
        "rule": "label-content-name-mismatch",
        "html": r'<button class="btn search-button-field search-button__button',
        "upstream": "pydata-sphinx-theme 0.17 (theme template `search-button-field.html`)",
        "reason": "The search buttons (header and sidebar) have aria-label 'Search', while their visible "
                  "text is 'Search' plus the shortcut Ctrl+K in <kbd>: axe wants the whole visible text in "
                  "the name.  The markup is the theme's template; the name still starts with the visible "
                  "label, which is what WCAG 2.5.3 asks.",
    },
]


def allowed(rule: str, html: str) -> dict | None:
    for entry in ALLOWED:
        if entry["rule"] == rule and re.match(entry["html"], html.strip()):
            return entry
    return None


@pytest.fixture(scope="module")
def axe_results(chromium_browser, site_url):
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed at {AXE}: run `make node_modules/.installed` (npm ci)")
    results = {}
    for name in NAMES:
        result = load(chromium_browser, f"{site_url}/{name}")
        results[name] = run_axe(result.page)
        close(result)
    counts: dict[tuple[str, str], int] = {}
    for violations in results.values():
        for violation in violations:
            key = (violation["id"], violation["impact"])
            counts[key] = counts.get(key, 0) + len(violation["nodes"])
    print("\naxe-core violations (nodes, all pages):")
    for (rule, impact), count in sorted(counts.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        print(f"  {impact:9s} {rule:32s} {count}")
    return results


@pytest.mark.parametrize("name", NAMES)
def test_no_serious_accessibility_violations(axe_results, name):
    unexplained = []
    for violation in axe_results[name]:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            if not allowed(violation["id"], node["html"]):
                unexplained.append(f"{violation['id']} ({violation['impact']}): {node['target']}: "
                                   f"{' '.join(node['html'].split())[:160]} — {node['summary']}")
    assert unexplained == [], "axe-core:\n" + "\n".join(unexplained)


def test_every_allowed_violation_still_occurs(axe_results):
    # An entry that no longer matches anything is removed, so the list stays the list of what is left.
    for entry in ALLOWED:
        assert any(violation["id"] == entry["rule"] and allowed(violation["id"], node["html"]) is entry
                   for violations in axe_results.values() for violation in violations
                   for node in violation["nodes"]), f"allow-list entry no longer needed: {entry}"


def slider_pages() -> list[str]:
    return [n for n in NAMES if "application/vnd.jupyter.widget-state+json" in (SITE / n).read_text()]


@pytest.mark.parametrize("name", slider_pages())
def test_sliders_say_their_name_and_the_value_shown(chromium_browser, site_url, name):
    result = load(chromium_browser, f"{site_url}/{name}")
    page = result.page
    sliders = page.get_by_role("slider")
    assert sliders.count() >= 1, "no slider on a page with widget state"
    for index in range(sliders.count()):
        slider = sliders.nth(index)
        label = slider.evaluate("el => el.labels && el.labels.length ? el.labels[0].innerText : ''")
        assert label.strip(), "the slider has no visible label"
        for _ in range(2):
            readout = slider.evaluate("el => el.parentElement.querySelector('.widget-readout').innerText")
            assert slider.get_attribute("aria-valuetext") == readout, "a screen reader would not hear the value shown"
            slider.focus()
            page.keyboard.press("ArrowRight")
    close(result)
