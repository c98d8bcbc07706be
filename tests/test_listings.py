"""Code shown to readers fits the code column: notebook code cells and library listings.

The code column of the website holds 80 monospace characters at desktop width;
a longer line scrolls sideways and its end goes unread.  Every code cell a
reader can see (all but ``remove-cell``) and every library function a chapter
shows with ``literalinclude`` (as the ``listings`` extension renders it, without
its docstring) must keep every line within 80 characters.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
CODE_COLUMN = 80
LISTING = re.compile(r"```\{literalinclude\} (\S+)\n((?::[\w-]+:[^\n]*\n)*)```")


def _listings_extension():
    spec = importlib.util.spec_from_file_location("listings", ROOT / "book" / "_ext" / "listings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shown_listings(path: Path) -> list[tuple[str, str, bool]]:
    """(file, object, without docstring) of every ``literalinclude`` in a notebook's text."""
    found = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for target, options in LISTING.findall(cell.source):
                obj = re.search(r":pyobject: (\w+)", options)
                found.append((target, obj.group(1) if obj else "", ":without-docstring:" in options))
    return found


def object_lines(source: str, name: str) -> list[str]:
    """The lines of the top-level function or class ``name`` in ``source``."""
    for node in ast.parse(source).body:
        if getattr(node, "name", None) == name:
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            return source.splitlines(keepends=True)[start - 1 : node.end_lineno]
    raise AssertionError(f"{name} not found")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_shown_code_cells_fit_the_code_column(path):
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code" and "remove-cell" not in cell.metadata.get("tags", []):
            wide = [line for line in cell.source.splitlines() if len(line) > CODE_COLUMN]
            assert not wide, f"code line wider than {CODE_COLUMN} characters:\n" + "\n".join(wide)


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if shown_listings(p)], ids=lambda p: p.stem)
def test_listings_show_the_algorithm_and_fit_the_code_column(path):
    without_docstring = _listings_extension().without_docstring
    for target, name, strip in shown_listings(path):
        assert name and strip, f"{target}: a listing shows one object (:pyobject:) without its docstring"
        lines = without_docstring(object_lines((path.parent / target).read_text(), name))
        assert not any('"""' in line for line in lines[1:]), f"{name}: docstring left in the listing"
        wide = [line.rstrip("\n") for line in lines if len(line.rstrip("\n")) > CODE_COLUMN]
        assert not wide, f"{target}:{name}: lines wider than {CODE_COLUMN} characters:\n" + "\n".join(wide)


def test_without_docstring_keeps_the_definition_and_the_body():
    source = 'def f(x):\n    """Doc.\n\n    More.\n    """\n    return x\n'
    assert _listings_extension().without_docstring(source.splitlines(keepends=True)) == [
        "def f(x):\n", "    return x\n"]
