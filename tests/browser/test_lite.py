"""The in-browser edition (lite/): whole chapters run in Chromium, from the site alone.

The site is served from 127.0.0.1 (conftest's `site_url`); each chapter opens in
a fresh browser context, so its cache is empty and the times are cold loads.
tools/lite_run.py does the driving (the same code `make lite-times` uses):
open the chapter in JupyterLite's notebook app, wait for the Pyodide kernel,
"Run All", collect every cell's errors and every request that went elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zipfile

import pytest

from book_site import ROOT, SITE

sys.path.insert(0, str(ROOT / "tools"))
import lite_run  # noqa: E402
import lite_site  # noqa: E402

LITE = SITE / "lite"
PYODIDE = LITE / lite_site.PYODIDE_FOLDER
# One chapter of Part II (with a live slider) and one of Part III (at the paper's scale natively).
PART_II = "04_hidden_rescaling.ipynb"
PART_III = "07_reproducing_figure1.ipynb"


@pytest.fixture(scope="module")
def lite_site_dir():
    if not (LITE / "index.html").exists():
        pytest.fail(f"no in-browser edition at {LITE}: `make book` builds it", pytrace=False)
    return LITE


def test_the_site_holds_every_notebook_and_serves_its_own_python(lite_site_dir):
    config = json.loads((lite_site_dir / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"][lite_site.KERNEL_PLUGIN]
    assert kernel["disablePyPIFallback"] is True
    assert not kernel["pyodideUrl"].startswith(("http:", "https:", "//"))
    served = sorted(p.name for p in (lite_site_dir / "files" / "book").glob("*.ipynb"))
    assert served == sorted(p.name for p in (ROOT / "book").glob("*.ipynb"))
    lock = json.loads((PYODIDE / "pyodide-lock.json").read_text())
    assert {"cossim", "ipywidgets", "comm", "numpy", "scipy", "matplotlib", "pandas"} <= set(lock["packages"])
    for name, entry in lock["packages"].items():
        wheel = PYODIDE / entry["file_name"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"], name
    with zipfile.ZipFile(PYODIDE / lock["packages"]["cossim"]["file_name"]) as wheel:
        names = set(wheel.namelist())
    assert "cossim/data/movielens.pkl" in names  # Part V reads it in the browser
    assert {f"cossim/{p.relative_to(ROOT / 'lib' / 'cossim').as_posix()}"
            for p in (ROOT / "lib" / "cossim").glob("*.py")} <= names


@pytest.fixture(scope="module")
def part_ii(chromium_browser, site_url, lite_site_dir):
    """Chapter 4 run top to bottom in a fresh context; the page stays open for the slider test."""
    context, page, outside = lite_run.new_page(chromium_browser)
    run = lite_run.run_on_page(page, site_url, PART_II, outside)
    print(f"\n{PART_II}: kernel ready {run.kernel_ready_s} s after opening, all cells {run.run_all_s} s")
    yield run, page, outside
    context.close()


def test_a_part_ii_chapter_runs_every_cell_in_the_browser(part_ii):
    run, _, _ = part_ii
    assert run.errors == []
    assert run.outside_requests == []
    assert run.code_cells >= 10
    assert any("✓" in text for text in run.outputs)  # its checks ran and passed


def test_the_live_slider_recomputes_its_figure_in_the_browser(part_ii):
    _, page, outside = part_ii
    # JupyterLab renders only the cells near the view: bring the slider's cell there.
    page.evaluate("""async () => {
      const notebook = window.jupyterapp.shell.currentWidget.content;
      const index = notebook.widgets.findIndex(c => c.model.sharedModel.getSource().includes('live_slider('));
      notebook.activeCellIndex = index;
      await notebook.scrollToItem(index, 'center');
    }""")
    slider = page.locator(".widget-slider", has_text="exponent α").last
    slider.wait_for(state="visible", timeout=30_000)
    image = page.locator(".widget-vbox", has=slider).locator("img").last
    readout, before = slider.locator(".widget-readout"), image.get_attribute("src")
    assert readout.inner_text().strip() == "0.00"
    handle = slider.locator(".noUi-handle")
    handle.evaluate("e => e.scrollIntoView({block: 'center'})")  # clear of the sticky toolbar
    page.wait_for_timeout(500)
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)  # drag the handle to the right, as a reader would
    page.mouse.down()
    page.mouse.move(x + 60, y, steps=5)
    page.mouse.up()
    page.wait_for_function(
        "([img, before]) => img.getAttribute('src') !== before",
        arg=[image.element_handle(), before],
        timeout=60_000,
    )
    assert readout.inner_text().strip() != "0.00"
    assert outside == []


def test_a_part_iii_chapter_runs_at_a_stated_smaller_scale(chromium_browser, site_url, lite_site_dir):
    run = lite_run.run_chapter(chromium_browser, site_url, PART_III)
    print(f"\n{PART_III}: kernel ready {run.kernel_ready_s} s after opening, all cells {run.run_all_s} s")
    assert run.errors == []
    assert run.outside_requests == []
    printed = "".join(run.outputs)
    assert "In the browser this runs at a smaller scale (n = 4,000, p = 400)" in printed
    assert "X: 4000 users × 400 items" in printed
