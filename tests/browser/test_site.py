"""The built website, as a reader's browser meets it.

For every page: it loads without JavaScript errors and without any request
leaving the machine (the site must work in a classroom with no network), all
its maths is typeset, every image loads and has alt text, and every internal
link leads to an existing page and anchor.  Notebook pages carry launch and
download buttons, and every static slider changes its figure when moved.
"""

from __future__ import annotations

import json
import re
from collections import deque
from urllib.parse import urljoin, urlparse

import pytest

from book_site import KNOWN_CONSOLE_ERRORS, ROOT, SITE, pages, watch

PAGES = pages()
SETTLE_MS = 2500  # MathJax and the widget manager finish rendering about 2 s after load


# Pages are opened a few at a time in the one browser, their loads overlapping:
# each still gets the full SETTLE_MS after its own load event (its console and
# network events are recorded all that time) before it is read.
WINDOW = 4

MATHJAX_DONE = ("() => (window.MathJax && MathJax.startup && MathJax.startup.promise)"
                " ? MathJax.startup.promise.then(() => true) : true")
SINCE_LOAD_MS = "() => Date.now() - performance.timing.loadEventEnd"


def start_page(browser, url):
    """Start loading url in a new page (its own context), recording console errors, external and failed requests."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    events = watch(page)
    page.goto(url, wait_until="commit")
    return page, events


def settle(page) -> None:
    """Wait for the load event, then until SETTLE_MS have passed since it, and for MathJax to finish typesetting."""
    page.wait_for_load_state("load")
    remaining_ms = SETTLE_MS - page.evaluate(SINCE_LOAD_MS)
    if remaining_ms > 0:
        page.wait_for_timeout(remaining_ms)
    page.evaluate(MATHJAX_DONE)


def observe(page, events):
    """What the tests below look at, read from a settled page."""
    return {
        "events": events,
        "math": page.evaluate(
            "() => [...document.querySelectorAll('.math')].map(e => e.querySelector('mjx-container') !== null)"),
        "text": page.evaluate("() => document.querySelector('main').innerText"),
        "overflow": page.evaluate(
            "() => [...document.querySelectorAll('mjx-container[display=\"true\"]')]"
            ".filter(m => m.offsetParent !== null)"
            ".map(m => ({excess: m.scrollWidth - m.clientWidth, "
            "near: ((m.closest('section') || document.body).querySelector('h1, h2, h3') || {innerText: ''}).innerText}))"
            ".filter(o => o.excess > 2)"),
        "images": page.evaluate(
            "() => [...document.querySelectorAll('main img')].map(i => "
            "({src: i.currentSrc.slice(0, 80), alt: i.getAttribute('alt'), loaded: i.complete && i.naturalWidth > 0,"
            " visible: i.offsetParent !== null}))"),
        "links": page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"),
        "launch": page.evaluate(
            "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"
            ".filter(h => h.includes('mybinder.org') || h.includes('colab.research.google.com'))"),
        "download": page.evaluate(
            "() => [...document.querySelectorAll('a[href]')].some(a => a.href.endsWith('.ipynb'))"),
        "under_title": page.evaluate(
            "() => { const first = document.querySelector('main section > h1')?.nextElementSibling;"
            " const second = first?.nextElementSibling;"
            " return first ? {first: first.className, text: first.innerText, second: second?.className || ''} : null; }"),
    }


@pytest.fixture(scope="module")
def loaded(chromium_browser, site_url):
    """Open every page once (WINDOW at a time) and collect what the tests below look at."""
    results, open_pages = {}, deque()

    def finish_oldest():
        name, page, events = open_pages.popleft()
        settle(page)
        results[name] = observe(page, events)
        if name in SLIDER_PAGES:
            results[name]["sliders"] = move_sliders(page)
        page.close()

    for path in PAGES:
        if len(open_pages) >= WINDOW:
            finish_oldest()
        name = path.relative_to(SITE).as_posix()
        open_pages.append((name, *start_page(chromium_browser, f"{site_url}/{name}")))
    while open_pages:
        finish_oldest()
    return results


def test_there_are_pages_to_test():
    assert len(PAGES) >= 10, f"expected the book's pages under {SITE}/book"


@pytest.mark.parametrize("name", [p.relative_to(SITE).as_posix() for p in PAGES])
def test_page_loads_without_errors_and_stays_offline(loaded, name):
    events = loaded[name]["events"]
    errors = [e for e in events["errors"] if not any(known in e for known in KNOWN_CONSOLE_ERRORS)]
    assert errors == [], f"console errors: {errors}"
    assert events["failed"] == [], f"failed requests: {events['failed']}"
    assert events["external"] == [], f"requests leaving the machine: {events['external']}"


@pytest.mark.parametrize("name", [p.relative_to(SITE).as_posix() for p in PAGES])
def test_all_math_is_typeset(loaded, name):
    math = loaded[name]["math"]
    assert all(math), f"{math.count(False)} of {len(math)} formulas not typeset"
    leftovers = re.findall(r"\\\(|\\\)|\\\[|\\\]|\$\$|\\operatorname|\\frac|\\lVert", loaded[name]["text"])
    assert leftovers == [], f"raw TeX on the page: {leftovers[:5]}"


@pytest.mark.parametrize("name", [p.relative_to(SITE).as_posix() for p in PAGES])
def test_no_displayed_formula_is_wider_than_the_text(loaded, name):
    # MathJax makes a too-wide formula scroll sideways inside the text column;
    # readers rarely notice, so every displayed formula must fit (1280 px window).
    assert loaded[name]["overflow"] == [], f"formulas wider than the column: {loaded[name]['overflow']}"


@pytest.mark.parametrize("name", [p.relative_to(SITE).as_posix() for p in PAGES])
def test_every_image_loads_and_has_alt_text(loaded, name):
    for image in loaded[name]["images"]:
        if image["visible"]:
            assert image["loaded"], f"image did not load: {image['src']}"
        assert image["alt"], f"image without alt text: {image['src']}"


@pytest.mark.parametrize("name", [p.relative_to(SITE).as_posix() for p in PAGES])
def test_internal_links_resolve(loaded, name):
    for href in loaded[name]["links"]:
        parsed = urlparse(href)
        if parsed.scheme or href.startswith("mailto:") or href.startswith("javascript:"):
            continue
        target = urljoin(f"/{name}", parsed.path) if parsed.path else f"/{name}"
        path = SITE / target.lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        assert path.exists(), f"broken link {href!r}"
        if parsed.fragment and path.suffix == ".html":
            ids = set(re.findall(r'id="([^"]+)"', path.read_text()))
            assert parsed.fragment in ids, f"link {href!r}: no anchor #{parsed.fragment} in {path.name}"


@pytest.mark.parametrize("name", [p.relative_to(SITE).as_posix() for p in PAGES
                                  if (ROOT / "book" / f"{p.stem}.ipynb").exists()])
def test_notebook_pages_offer_binder_colab_and_download(loaded, name):
    launch = loaded[name]["launch"]
    assert any("mybinder.org" in h for h in launch), "no Binder button"
    assert any("colab.research.google.com" in h for h in launch), "no Colab button"
    assert loaded[name]["download"], "no .ipynb download link"


def chapter_level(path) -> str | None:
    """The level a chapter's notebook declares (book/_ext/chapter_facts.py), None for other pages."""
    notebook = ROOT / "book" / f"{path.stem}.ipynb"
    return json.loads(notebook.read_text()).get("metadata", {}).get("cossim", {}).get("level") if notebook.exists() else None


FACTS_LINE = re.compile(r"Reading: about \d+ min · Exercises: \d+ exercises? and \d+ concept checks?, about \d+ min"
                        r" · Running: every cell runs in [\d.]+ s on the book's 2-core test machine · Level: (\w+) \(")


@pytest.mark.parametrize("path", [p for p in PAGES if chapter_level(p)], ids=lambda p: p.stem)
def test_chapters_show_time_and_level_under_the_title_then_how_to_run(loaded, path):
    under = loaded[path.relative_to(SITE).as_posix()]["under_title"]
    assert under and "chapter-facts" in under["first"], "no facts line right under the title"
    match = FACTS_LINE.match(under["text"])
    assert match, under["text"]
    assert match[1] == chapter_level(path) and f"level-{match[1]}" in under["first"]
    assert "run-this-chapter" in under["second"], "the Run this chapter box should follow the facts line"


def slider_pages() -> list[str]:
    return [p.relative_to(SITE).as_posix() for p in PAGES if "application/vnd.jupyter.widget-state+json" in p.read_text()]


SLIDER_PAGES = slider_pages()
VISIBLE_IMAGES = "el => [...el.querySelectorAll('img')].filter(i => i.offsetParent !== null).map(i => i.src)"


def move_sliders(page) -> list[tuple[list[str], list[str]]]:
    """Press → on every slider of a settled page; the visible frames of its box before and after each move."""
    moves = []
    handles = page.get_by_role("slider")  # the book's native range inputs (or the widget manager's handles)
    for index in range(handles.count()):
        handle = handles.nth(index)
        container = handle.locator("xpath=ancestor::div[contains(@class, 'widget-vbox')][1]")
        before = container.evaluate(VISIBLE_IMAGES)
        handle.scroll_into_view_if_needed()
        handle.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        moves.append((before, container.evaluate(VISIBLE_IMAGES)))
    return moves


@pytest.mark.parametrize("name", SLIDER_PAGES)
def test_moving_a_static_slider_changes_its_figure(loaded, name):
    # The sliders were moved on the page the `loaded` fixture opened, after it had
    # read everything else (so a console error a move causes fails the page's test too).
    moves = loaded[name]["sliders"]
    assert len(moves) >= 1, "the page has widget state but no rendered slider"
    for before, after in moves:
        assert len(before) == 1 and len(after) == 1, "exactly one frame should be visible"
        assert before != after, "the figure did not change when the slider moved"
