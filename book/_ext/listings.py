"""Sphinx extension: code listings that show a function's algorithm, not its docstring.

The chapters show the library's real functions with ``literalinclude`` and
``:pyobject:``, so a listing can never drift from the code.  A numpy-style
docstring, though, is often longer than the function's body, and on the page
it buries the few lines the chapter is about.  This extension adds one flag to
``literalinclude``::

    ```{literalinclude} ../lib/cossim/models.py
    :language: python
    :pyobject: fit_objective1
    :without-docstring:
    ```

which keeps the ``def`` line and the body and drops the docstring (found with
:mod:`ast`, so it works whatever quotes or length the docstring has).  The API
page still shows every docstring.
"""

from __future__ import annotations

import ast
import textwrap

from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.directives import code


def without_docstring(lines: list[str]) -> list[str]:
    """The lines of one function or class definition with its docstring removed."""
    tree = ast.parse(textwrap.dedent("".join(lines)))
    definition = tree.body[0]
    first = definition.body[0] if getattr(definition, "body", None) else None
    is_docstring = (
        isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)
    )
    if not is_docstring or len(definition.body) == 1:
        return lines
    return lines[: first.lineno - 1] + lines[first.end_lineno :]


class _ReaderWithoutDocstring(code.LiteralIncludeReader):
    def pyobject_filter(self, lines: list[str], location: tuple[str, int] | None = None) -> list[str]:
        return without_docstring(super().pyobject_filter(lines, location))


class LiteralInclude(code.LiteralInclude):
    """``literalinclude`` with the extra flag ``:without-docstring:`` (needs ``:pyobject:``)."""

    option_spec = {**code.LiteralInclude.option_spec, "without-docstring": directives.flag}

    def run(self):  # type: ignore[override]
        if "without-docstring" not in self.options:
            return super().run()
        if "pyobject" not in self.options:
            return [self.state.document.reporter.warning(
                ":without-docstring: needs :pyobject:", line=self.lineno)]
        self.options = {k: v for k, v in self.options.items() if k != "without-docstring"}
        original, code.LiteralIncludeReader = code.LiteralIncludeReader, _ReaderWithoutDocstring
        try:
            return super().run()
        finally:
            code.LiteralIncludeReader = original


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("literalinclude", LiteralInclude, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
