"""Sphinx extension: a "Run this chapter" box at the top of every notebook page.

A chapter can run in three places, and the rocket menu of the theme lists them
without saying how they differ. Below the title of each notebook page this
extension puts a short box that does: the in-browser edition (JupyterLite,
served by this site: nothing to install, Python runs in the reader's browser),
Binder and Colab (a server elsewhere), and the reader's own machine. The box
takes its links from the theme's launch menu (sphinx-book-theme builds them
from ``launch_buttons`` in ``_config.yml``: ``jupyterlite_url``,
``binderhub_url``, ``colab_url``), so the two never disagree, and it renames
the menu's "JupyterLite" entry to "Run in your browser" and puts it first.

The in-browser line gives the chapter's measured time there, from
``tools/lite/running_times.json`` (``make lite-times`` writes it:
seconds to a ready kernel and to run every cell, in headless Chromium on the
2-core machine the tests run on).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from sphinx.application import Sphinx

LITE_LABEL = "Run in your browser"
TIMES = Path(__file__).resolve().parents[2] / "tools" / "lite" / "running_times.json"
H1_END = "</h1>"
# The line of book/_ext/chapter_facts.py, which stays directly under the title.
FACTS_LINE = re.compile(r'</h1>\s*<div class="chapter-facts[^"]*">.*?</div>', re.S)


def launch_links(context: dict) -> dict[str, str]:
    """The theme's launch menu as {text: url}, with the in-browser entry renamed and first."""
    group = next((b for b in context.get("header_buttons", []) if b.get("label") == "launch-buttons"), None)
    if group is None:
        return {}
    for button in group["buttons"]:
        if button.get("text") == "JupyterLite":
            button["text"] = LITE_LABEL
            button["tooltip"] = "Run this chapter in your browser: no server, nothing to install"
    group["buttons"].sort(key=lambda b: b.get("text") != LITE_LABEL)
    return {b["text"]: b["url"] for b in group["buttons"] if b.get("type") == "link"}


def browser_time(times: dict, notebook: str) -> str:
    """The measured in-browser times of a notebook as a phrase, or '' if none is recorded."""
    run = times.get(notebook)
    if not run:
        return ""
    return (f" In our tests the kernel was ready {run['kernel_ready_s']:.0f} s after the page "
            f"opened, and every cell had run {run['run_all_s']:.0f} s later.")


def box_html(links: dict[str, str], notebook: str, times: dict, student: bool) -> str:
    """The HTML of the box for one chapter."""
    def link(text: str, label: str) -> str:
        return f'<a href="{html.escape(links[text])}">{label}</a>' if text in links else label

    which = "the student notebook of this chapter (no solutions)" if student else "this chapter's notebook"
    items = [
        f"<strong>{link(LITE_LABEL, 'In your browser')}</strong>: opens {which} in JupyterLite, "
        "served by this website. Nothing to install and no server: Python runs on your own "
        "computer, in the browser (Pyodide), and sliders recompute live. The first start "
        "downloads about 70 MB. Where a chapter computes at the paper's scale, it runs a "
        "smaller, stated scale there (its output says so)." + browser_time(times, notebook),
        f"<strong>{link('Binder', 'Binder')}</strong>: a full Jupyter server in the cloud with the "
        "book's exact environment; the first start can take minutes, and busy times may "
        "leave no room.",
        f"<strong>{link('Colab', 'Colab')}</strong>: Google's notebooks; the chapter's first cell, "
        "hidden on this page, installs the book's library from the repository. Run it first.",
        "<strong>On your machine</strong>: clone the repository, run <code>make book</code> "
        "(it sets everything up), then <code>.venv/bin/jupyter lab book/</code>; see the README.",
    ]
    listed = "".join(f"<li>{item}</li>" for item in items)
    return (
        '<div class="admonition run-this-chapter" role="note" aria-label="Run this chapter">'
        '<p class="admonition-title">Run this chapter</p>'
        f"<ul>{listed}</ul></div>"
    )


def add_box(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Put the box after the page's title and its facts line (notebook pages with launch links only)."""
    links = launch_links(context)
    body = context.get("body") or ""
    if LITE_LABEL not in links or H1_END not in body:
        return
    times = json.loads(TIMES.read_text()) if TIMES.exists() else {}
    notebook = Path(pagename).name + ".ipynb"
    student = bool(app.tags.has("student"))
    box = box_html(links, notebook, times, student)
    facts = FACTS_LINE.search(body)
    at = facts.end() if facts else body.index(H1_END) + len(H1_END)
    context["body"] = body[:at] + box + body[at:]


def setup(app: Sphinx) -> dict[str, object]:
    # After sphinx-book-theme builds the launch menu (priority 501).
    app.connect("html-page-context", add_box, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
