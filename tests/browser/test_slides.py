"""The slide decks of the built site (slides/NAME.html, from `make slides`), in headless Chromium.

Each deck: its slide count is within tools/slides.py's bounds, every formula is
typeset by KaTeX (no raw TeX left in the text), every image loads, no slide
runs over the 1280 x 720 canvas, the right arrow key moves to the next slide,
nothing is requested from anywhere but 127.0.0.1, and on a 390-pixel-wide phone
the slide is scaled down to fit the screen.
"""

from __future__ import annotations

import re
import sys

import pytest

from book_site import ROOT, SITE, watch

sys.path.insert(0, str(ROOT / "tools"))
import slides  # noqa: E402

DECKS = [deck.name for deck in slides.load_decks()]
WIDTH, HEIGHT = 1280, 720  # the decks' canvas (tools/slides/deck.html)

TYPESET = ("() => window.Reveal && Reveal.isReady() && [...document.querySelectorAll('.math')]"
           ".every(m => m.querySelector('.katex'))")
# The text a reader sees: KaTeX's hidden MathML copy (which holds the TeX source) left out.
SLIDE_TEXTS = """() => [...document.querySelectorAll('.reveal .slides > section')].map(s => {
    const copy = s.cloneNode(true); copy.querySelectorAll('.katex-mathml').forEach(m => m.remove());
    return copy.textContent; })"""
RAW_TEX = re.compile(r"\$|\\\(|\\\[|\\(frac|top|hat|operatorname|sigma|lambda|mathbb|left|right)\b")


def open_deck(browser, url: str, width: int = WIDTH, height: int = HEIGHT):
    """Load a deck until Reveal is ready and KaTeX has typeset every formula; record what it asked for."""
    page = browser.new_page(viewport={"width": width, "height": height})
    events = watch(page)
    page.goto(url, wait_until="load")
    page.wait_for_function(TYPESET, timeout=30_000)
    return page, events


@pytest.fixture(scope="module")
def decks(chromium_browser, site_url):
    """Open every deck once, read what the tests look at, and go through it slide by slide."""
    if not (SITE / "slides").is_dir():
        pytest.fail(f"no slides in {SITE}: `make book` copies them there from `make slides`")
    results = {}
    for name in DECKS:
        page, events = open_deck(chromium_browser, f"{site_url}/slides/{name}.html")
        total = page.evaluate("() => Reveal.getTotalSlides()")
        result = {
            "events": events,
            "total": total,
            "sections": page.evaluate("() => document.querySelectorAll('.reveal .slides > section').length"),
            "texts": page.evaluate(SLIDE_TEXTS),
            "katex": page.evaluate("() => document.querySelectorAll('.katex').length"),
            "katex_errors": page.evaluate("() => document.querySelectorAll('.katex-error').length"),
            "images": page.evaluate("() => [...document.querySelectorAll('.reveal img')].map(i => "
                                    "({src: i.getAttribute('src'), loaded: i.complete && i.naturalWidth > 0}))"),
            "start": page.evaluate("() => Reveal.getIndices().h"),
        }
        page.keyboard.press("ArrowRight")
        result["after_arrow"] = page.evaluate("() => Reveal.getIndices().h")
        sizes = []
        for number in range(total):
            page.evaluate(f"() => Reveal.slide({number})")
            sizes.append(page.evaluate("() => { const s = Reveal.getCurrentSlide(); "
                                       "return [s.scrollWidth, s.scrollHeight]; }"))
        result["sizes"] = sizes
        page.close()
        results[name] = result
    return results


@pytest.mark.parametrize("name", DECKS)
def test_a_deck_has_its_slides(decks, name):
    deck = decks[name]
    assert deck["total"] == deck["sections"]
    assert slides.MIN_SLIDES <= deck["total"] <= slides.MAX_SLIDES


@pytest.mark.parametrize("name", DECKS)
def test_a_deck_loads_without_errors_and_stays_offline(decks, name):
    events = decks[name]["events"]
    assert events["errors"] == [], f"console errors: {events['errors']}"
    assert events["failed"] == [], f"failed requests: {events['failed']}"
    assert events["external"] == [], f"requests leaving the machine: {events['external']}"


@pytest.mark.parametrize("name", DECKS)
def test_all_maths_is_typeset_and_no_raw_tex_is_shown(decks, name):
    deck = decks[name]
    assert deck["katex"] > 0 and deck["katex_errors"] == 0
    raw = [(number, RAW_TEX.search(text)[0]) for number, text in enumerate(deck["texts"]) if RAW_TEX.search(text)]
    assert raw == [], f"raw TeX on slides (slide, text): {raw}"


@pytest.mark.parametrize("name", DECKS)
def test_every_image_loads(decks, name):
    assert all(image["loaded"] for image in decks[name]["images"]), decks[name]["images"]


@pytest.mark.parametrize("name", DECKS)
def test_no_slide_runs_over_the_canvas(decks, name):
    over = [(number, size) for number, size in enumerate(decks[name]["sizes"]) if size[0] > WIDTH or size[1] > HEIGHT]
    assert over == [], f"slides larger than {WIDTH} x {HEIGHT} (slide, [width, height]): {over}"


@pytest.mark.parametrize("name", DECKS)
def test_the_right_arrow_moves_to_the_next_slide(decks, name):
    assert (decks[name]["start"], decks[name]["after_arrow"]) == (0, 1)


def test_on_a_phone_the_slide_is_scaled_to_fit_the_screen(chromium_browser, site_url):
    page, _ = open_deck(chromium_browser, f"{site_url}/slides/{DECKS[0]}.html#/1", width=390, height=844)
    box = page.evaluate("() => { const r = Reveal.getCurrentSlide().getBoundingClientRect(); "
                        "return [r.left, r.right, Reveal.getScale()]; }")
    page.close()
    left, right, scale = box
    assert scale < 1 and left >= 0 and right <= 390, box
