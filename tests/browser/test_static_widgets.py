"""The static-widget script (book/_static/widgets/static-widgets.js) on pages made here.

It draws cossim.frame_slider's widgets itself, without the 3.6 MB widget
manager; for any other widget it must load the full manager, which then draws
every widget of the page.  Both cases run on a small page written from real
ipywidgets state, served from 127.0.0.1 with the site's own widget folder.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading

import pytest

from book_site import SITE
from pageload import close, load

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>widgets</title>
<script type="application/vnd.jupyter.widget-state+json">{state}</script>
<script defer src="_static/widgets/static-widgets.js"></script></head>
<body><main><div class="cell_output">
<script type="application/vnd.jupyter.widget-view+json">{view}</script>
</div></main></body></html>"""


def widget_page(folder, widget) -> None:
    from ipywidgets.embed import embed_data

    data = embed_data(views=[widget])
    state = json.dumps(data["manager_state"]).replace("</", "<\\/")
    view = json.dumps(data["view_specs"][0])
    (folder / "page.html").write_text(PAGE.format(state=state, view=view))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def served(tmp_path):
    widgets = SITE / "_static" / "widgets"
    if not widgets.is_dir():
        pytest.skip(f"no built site at {SITE}: run `make book` first")
    shutil.copytree(widgets, tmp_path / "_static" / "widgets")
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}/page.html"
    server.shutdown()


def small_figure(value):
    from cossim.plotting import new_figure

    fig, ax = new_figure(2, 1.5)
    ax.plot([0, 1], [0, value])
    return fig


def test_frame_slider_is_drawn_without_the_widget_manager(chromium_browser, served):
    from cossim.widgets import frame_slider

    folder, url = served
    widget_page(folder, frame_slider(small_figure, [1, 2, 3], ["one", "two", "three"], "height h:",
                                     alt=lambda v: f"a line rising to {v}", initial=1))
    result = load(chromium_browser, url, settle_ms=500)
    page = result.page
    slider = page.get_by_role("slider", name="height h:")
    assert slider.count() == 1
    assert slider.get_attribute("aria-valuetext") == "two"
    shown = "() => [...document.querySelectorAll('img')].filter(i => !i.closest('[hidden]')).map(i => i.alt)"
    assert page.evaluate(shown) == ["a line rising to 2"]
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert slider.get_attribute("aria-valuetext") == "three"
    assert page.evaluate(shown) == ["a line rising to 3"]
    assert not any("embed-amd" in u or "require.js" in u for u in result.transferred), "the manager was loaded"
    close(result)


def test_other_widgets_get_the_full_widget_manager(chromium_browser, served):
    import ipywidgets

    folder, url = served
    widget_page(folder, ipywidgets.IntSlider(value=3, min=0, max=10, description="n:"))
    result = load(chromium_browser, url, settle_ms=4000)
    errors = []
    result.page.on("pageerror", lambda e: errors.append(str(e)))
    assert any("embed-amd.js" in u for u in result.transferred), "the full manager was not loaded"
    assert result.page.locator(".widget-slider .noUi-handle").count() == 1, "the manager drew no slider"
    assert result.page.locator(".widget-readout").inner_text() == "3"
    assert errors == []
    close(result)
