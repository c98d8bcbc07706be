"""The weekly problem sets of book/problem_sets.yml, read and checked against the book.

`load` returns the sets as the YAML file writes them, after checking that
every label names an exercise of the book (an ``{exercise}`` or
``{exercise-start}`` directive with that ``:label:`` in a notebook or page of
book/), that every kind is one of `KINDS` and that every set is worth `TOTAL`
points. tools/print_book.py prints each set as a hand-out, `pdf_name(week)`.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
PROBLEM_SETS = BOOK / "problem_sets.yml"
TOTAL = 100
# What each kind asks for (book/problem_sets.yml), as the hand-out's header says it.
KINDS = {
    "derivation": "a written argument, graded with the rubric of the instructor guide",
    "computation": "a cell of code with the book's library, and a sentence that interprets its result",
}
# An exercise directive, its title and the option lines after it: "```{exercise} Title\n:label: ch1-ex-limit\n".
_EXERCISE = re.compile(r"^[ \t]*(?:`{3,}|:{3,})\{exercise(?:-start)?\}[ \t]*([^\n]*)\n((?:[ \t]*:[\w-]+:[^\n]*\n)*)",
                       re.M)
_LABEL = re.compile(r"^[ \t]*:label:[ \t]*(\S+)", re.M)


def pdf_name(week: int) -> str:
    """The file name of the hand-out of week `week`'s problem set (the instructor guide links to it)."""
    return f"problem-set-week-{week}.pdf"


def _markdown(path: Path) -> str:
    """The Markdown of a notebook (its Markdown cells) or of a page."""
    if path.suffix == ".ipynb":
        return "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells
                         if cell.cell_type == "markdown")
    return path.read_text()


def exercises_in(text: str) -> dict[str, str]:
    """Label → title of the labelled exercises that a piece of MyST Markdown defines."""
    return {label: title.strip() for title, options in _EXERCISE.findall(text) for label in _LABEL.findall(options)}


def exercises(book: Path = BOOK) -> dict[str, str]:
    """Label → title of every labelled exercise of the notebooks and pages in `book`."""
    found: dict[str, str] = {}
    for path in sorted([*book.glob("*.ipynb"), *book.glob("*.md")]):
        found.update(exercises_in(_markdown(path)))
    return found


def check(sets: list[dict], labels: set[str]) -> list[dict]:
    """`sets`, if every exercise label is in `labels`, every kind is known and every set
    totals TOTAL points; else a ValueError that says which set is wrong and how."""
    for problem_set in sets:
        week = problem_set["week"]
        for item in problem_set["exercises"]:
            if item["label"] not in labels:
                raise ValueError(f"problem set {week} lists {item['label']!r}, which is not the :label: of "
                                 "any exercise in book/")
            if item["kind"] not in KINDS:
                raise ValueError(f"problem set {week}: the kind of {item['label']!r} must be one of "
                                 f"{sorted(KINDS)}, got {item['kind']!r}")
        total = sum(item["points"] for item in problem_set["exercises"])
        if total != TOTAL:
            raise ValueError(f"problem set {week} is worth {total} points in all, but every set must be worth {TOTAL}")
    return sets


def load(path: Path = PROBLEM_SETS, book: Path = BOOK) -> list[dict]:
    """The problem sets of `path`, checked against the exercises of `book` (see `check`)."""
    return check(yaml.safe_load(path.read_text()), set(exercises(book)))
