"""No self-check is answered by a listing shown above it in the same chapter.

A chapter shows library code with ``{literalinclude}`` and ``:pyobject:``. If
it shows, above a self-check, the function whose code answers that check
(``cossim.selfcheck.ANSWERED_BY``), the exercise tests copying, not thinking:
the listing must come after the exercise (for instance in its solution), or
the check must ask for something the listing does not show.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import sys
from pathlib import Path

import nbformat
import pytest

import cossim
from cossim import selfcheck

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import notebook_cache  # noqa: E402

CHAPTERS = notebook_cache.toc_notebooks()
PYOBJECT = re.compile(r"^:pyobject:[ \t]*([A-Za-z_][A-Za-z0-9_.]*)[ \t]*$", re.M)
SELF_CHECK = re.compile(r"from cossim\.selfcheck import ([A-Za-z_0-9, ]+)")


def listings_above_self_checks(notebook: nbformat.NotebookNode) -> list[str]:
    """One message per self-check whose answering function is listed in an earlier cell."""
    shown: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            for name in PYOBJECT.findall(cell.source):
                shown.setdefault(name.split(".")[-1], index)
        elif (match := SELF_CHECK.search(cell.source)) is not None:
            for check in (name.strip() for name in match.group(1).split(",")):
                if check not in selfcheck.ANSWERED_BY:
                    problems.append(f"cell {index}: {check} is not in cossim.selfcheck.ANSWERED_BY")
                for function in selfcheck.ANSWERED_BY.get(check, ()):
                    if function in shown:
                        problems.append(
                            f"cell {index}: {check} is answered by the listing of {function} in cell {shown[function]}"
                        )
    return problems


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_no_self_check_is_answered_by_a_listing_above_it(path):
    problems = listings_above_self_checks(nbformat.read(path, as_version=4))
    assert not problems, f"{path.name}: " + "; ".join(problems) + (
        " (move the listing after the exercise, e.g. into its solution, or re-aim the check)"
    )


def test_the_rule_catches_a_listing_above_and_allows_one_below():
    listing = "```{literalinclude} ../lib/cossim/similarity.py\n:pyobject: cosine_similarity\n```"
    check = "from cossim.selfcheck import check_cosine_similarity\n\ncheck_cosine_similarity(f)"
    above = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(listing), nbformat.v4.new_code_cell(check)])
    below = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(check), nbformat.v4.new_markdown_cell(listing)])
    assert listings_above_self_checks(above) == [
        "cell 1: check_cosine_similarity is answered by the listing of cosine_similarity in cell 0"
    ]
    assert listings_above_self_checks(below) == []


def library_functions() -> set[str]:
    names = set()
    for module in pkgutil.iter_modules(cossim.__path__):
        loaded = importlib.import_module(f"cossim.{module.name}")
        names |= {name for name, value in vars(loaded).items() if inspect.isfunction(value)}
    return names


def test_every_check_names_the_functions_that_answer_it_and_they_exist():
    checks = {name for name, value in vars(selfcheck).items() if name.startswith("check_") and callable(value)}
    assert set(selfcheck.ANSWERED_BY) == checks
    missing = {name for names in selfcheck.ANSWERED_BY.values() for name in names} - library_functions()
    assert not missing, f"ANSWERED_BY names functions the library does not have: {sorted(missing)}"
