"""Sphinx extension for the printed book (`make pdf`): the singlehtml build.

Some extensions register their nodes' HTML visitors under the builder name
``html`` only, and others under ``singlehtml`` too; Sphinx then looks up the
``singlehtml`` table alone and myst-nb's hidden-input node has no visitor
(``NotImplementedError: ... HideCodeCellNode``).  This extension copies every
``html`` visitor that ``singlehtml`` lacks, so the single page is written with
the same HTML as the website's pages.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def share_html_visitors(app: Sphinx) -> None:
    """Give the singlehtml builder every node visitor registered for html."""
    if app.builder.name != "singlehtml":
        return
    handlers = app.registry.translation_handlers
    single = handlers.setdefault("singlehtml", {})
    for name, visitor in handlers.get("html", {}).items():
        single.setdefault(name, visitor)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("builder-inited", share_html_visitors)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
