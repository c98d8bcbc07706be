"""The built website, as a reader's browser meets it.

For every page: it loads without JavaScript errors and without any request
leaving the machine (the site must work in a classroom with no network), all
its maths is typeset, every image loads and has alt text, and every internal
link leads to an existing page and anchor.  Notebook pages carry launch and
download buttons, and every static slider changes its figure when moved.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest

from conftest import KNOWN_CONSOLE_ERRORS, ROOT, SITE, pages

PAGES = pages()
SETTLE_MS = 2500  # MathJax and the widget manager finish rendering about 2 s after load


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    events = {"errors": [], "external": [], "failed": []}
    page.on("console", lambda m: events["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("request", lambda r: events["external"].append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:") else None)
    page.on("response", lambda r: events["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(SETTLE_MS)
    return page, events


@pytest.fixture(scope="module")
def loaded(chromium_browser, site_url):
    """Open every page once and collect what the tests below look at."""
    results = {}
    for path in PAGES:
        name = path.relative_to(SITE).as_posix()
        page, events = open_page(chromium_browser, f"{site_url}/{name}")
        results[name] = {
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
        }
        page.close()
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


def slider_pages() -> list[str]:
    return [p.relative_to(SITE).as_posix() for p in PAGES if "application/vnd.jupyter.widget-state+json" in p.read_text()]


@pytest.mark.parametrize("name", slider_pages())
def test_moving_a_static_slider_changes_its_figure(chromium_browser, site_url, name):
    page, _ = open_page(chromium_browser, f"{site_url}/{name}")
    handles = page.get_by_role("slider")  # the book's native range inputs (or the widget manager's handles)
    assert handles.count() >= 1, "the page has widget state but no rendered slider"
    for index in range(handles.count()):
        handle = handles.nth(index)
        container = handle.locator("xpath=ancestor::div[contains(@class, 'widget-vbox')][1]")
        visible_image = "el => [...el.querySelectorAll('img')].filter(i => i.offsetParent !== null).map(i => i.src)"
        before = container.evaluate(visible_image)
        handle.scroll_into_view_if_needed()
        handle.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        after = container.evaluate(visible_image)
        assert len(before) == 1 and len(after) == 1, "exactly one frame should be visible"
        assert before != after, "the figure did not change when the slider moved"
    page.close()
