"""Every page on a phone: 390 CSS pixels wide (an iPhone 12–15 in portrait).

Nothing may make the page itself scroll sideways or be cut off at the right
edge: wide formulas and wide printed tables scroll inside their own box, the
prose around them wraps, printed tables are never wrapped into fragments, and
the sliders fit the screen.
"""

from __future__ import annotations

import pytest

from book_site import SITE, pages
from pageload import close, load

WIDTH = 390
NAMES = [p.relative_to(SITE).as_posix() for p in pages()]

MEASURE = """async () => {
  await document.fonts.ready;
  const width = window.innerWidth;
  const scrollsX = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const describe = el => (el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
      ' "' + (el.innerText || '').trim().slice(0, 50) + '"');
  // Inside a box of the content that scrolls sideways (a formula, a code or
  // output block, a table), overflow is that box's business; the page's own
  // containers (the theme lets its article container scroll) do not count.
  const PAGE = 'html, body, main, article, .bd-page-width, .bd-container, .bd-main, .bd-content, ' +
               '.bd-article-container, .bd-article';
  const inScrollBox = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (scrollsX(p)) return !p.matches(PAGE);
    }
    return false;
  };
  const pageScrolls = [...document.querySelectorAll(PAGE)].filter(el => el.scrollWidth > el.clientWidth + 1)
      .map(el => describe(el).slice(0, 80) + ' ' + el.scrollWidth + '>' + el.clientWidth);
  // (MathJax's hidden MathML for screen readers is clipped to nothing, so it does not count.)
  const visible = el => el.offsetParent !== null && el.getClientRects().length > 0 && !el.closest('mjx-assistive-mml') &&
      getComputedStyle(el).visibility !== 'hidden';
  const main = document.querySelector('main') || document.body;
  const cut = [...main.querySelectorAll('*')].filter(el => visible(el) && !inScrollBox(el))
      .filter(el => el.getBoundingClientRect().right > width + 1).map(describe);
  const math = [...document.querySelectorAll('mjx-container[display="true"]')].filter(visible)
      .filter(m => m.scrollWidth > m.clientWidth + 1 && !scrollsX(m)).map(describe);
  const tables = [...document.querySelectorAll('.output-table')].filter(visible).map(t => {
      const lines = t.textContent.split('\\n').length;
      const lineHeight = parseFloat(getComputedStyle(t.closest('pre')).lineHeight);
      const box = t.closest('pre');
      return {lines, height: t.getBoundingClientRect().height, lineHeight,
              wider: t.scrollWidth > box.clientWidth + 1, scrolls: scrollsX(box), text: t.textContent.slice(0, 60)};
  });
  const sliders = [...document.querySelectorAll('.cossim-widget, .widget-vbox, input[type=range]')].filter(visible)
      .filter(s => s.getBoundingClientRect().right > width + 1 || s.getBoundingClientRect().left < -1).map(describe);
  return {scrollWidth: document.documentElement.scrollWidth, width, cut, pageScrolls, math, tables, sliders};
}"""


@pytest.fixture(scope="module")
def phone(chromium_browser, site_url):
    results = {}
    for name in NAMES:
        result = load(chromium_browser, f"{site_url}/{name}", width=WIDTH, height=844)
        results[name] = result.page.evaluate(MEASURE)
        close(result)
    return results


@pytest.mark.parametrize("name", NAMES)
def test_the_page_never_scrolls_sideways(phone, name):
    measured = phone[name]
    assert measured["scrollWidth"] <= measured["width"], (
        f"the page is {measured['scrollWidth']} px wide on a {measured['width']} px screen")
    assert measured["pageScrolls"] == [], f"a container of the page scrolls sideways: {measured['pageScrolls'][:3]}"
    assert measured["cut"] == [], f"content past the right edge of the screen: {measured['cut'][:5]}"


@pytest.mark.parametrize("name", NAMES)
def test_wide_formulas_scroll_in_their_own_box(phone, name):
    assert phone[name]["math"] == [], f"formulas wider than the screen that cannot scroll: {phone[name]['math'][:5]}"


@pytest.mark.parametrize("name", NAMES)
def test_printed_tables_are_never_wrapped(phone, name):
    for table in phone[name]["tables"]:
        assert table["height"] <= table["lines"] * table["lineHeight"] + 2, f"a table's rows wrapped: {table['text']!r}"
        if table["wider"]:
            assert table["scrolls"], f"a table wider than the screen cannot scroll: {table['text']!r}"


def test_some_pages_have_printed_tables(phone):
    assert sum(len(m["tables"]) for m in phone.values()) >= 10, "the build no longer marks printed tables"


@pytest.mark.parametrize("name", [n for n in NAMES if "widget-state+json" in (SITE / n).read_text()])
def test_sliders_fit_the_screen(phone, name):
    assert phone[name]["sliders"] == [], f"sliders wider than the screen: {phone[name]['sliders']}"
