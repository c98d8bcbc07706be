"""The weekly problem sets of book/problem_sets.yml: read, checked, and shown in the instructor guide.

One module for both places the sets appear:

- the Sphinx directive ``{problem-sets}`` writes, for each week, its title
  line, a table of its exercises (a link to each, its title, kind and points)
  and a link to its printed hand-out, ``pdf/problem-set-week-N.pdf``;
- tools/print_book.py prints those hand-outs (`load`, `handout_name`, `KINDS`).

`load` checks the file against the book: every label names an exercise (an
``{exercise}`` or ``{exercise-start}`` directive with that ``:label:`` in a
notebook or page of book/), every kind is one of `KINDS`, and every set is
worth `TOTAL` points; otherwise a ValueError says, in one sentence, which set
is wrong and how.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

BOOK = Path(__file__).resolve().parents[1]
PROBLEM_SETS = BOOK / "problem_sets.yml"
TOTAL = 100
# What each kind asks for, as the hand-out's header says it.
KINDS = {
    "derivation": "a written argument, graded with the rubric of the instructor guide",
    "computation": "a cell of code with the book's library, and a sentence that interprets its result",
}
# An exercise directive, its title and the option lines after it: "```{exercise} Title\n:label: ch1-ex-limit\n".
_EXERCISE = re.compile(r"^[ \t]*(?:`{3,}|:{3,})\{exercise(?:-start)?\}[ \t]*([^\n]*)\n((?:[ \t]*:[\w-]+:[^\n]*\n)*)",
                       re.M)
_LABEL = re.compile(r"^[ \t]*:label:[ \t]*(\S+)", re.M)


def handout_name(week: int) -> str:
    """The file name of the hand-out of week `week`'s problem set (the instructor guide links to it)."""
    return f"problem-set-week-{week}.pdf"


def _markdown(path: Path) -> str:
    """The Markdown of a notebook (its Markdown cells) or of a page."""
    if path.suffix == ".ipynb":
        return "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells
                         if cell.cell_type == "markdown")
    return path.read_text(encoding="utf-8")


def exercises_in(text: str) -> dict[str, str]:
    """Label → title of the labelled exercises that a piece of MyST Markdown defines."""
    return {label: title.strip() for title, options in _EXERCISE.findall(text) for label in _LABEL.findall(options)}


def exercises(book: Path = BOOK) -> dict[str, str]:
    """Label → title of every labelled exercise of the notebooks and pages in `book`."""
    found: dict[str, str] = {}
    for path in sorted([*book.glob("*.ipynb"), *book.glob("*.md")]):
        found.update(exercises_in(_markdown(path)))
    return found


def check(sets: object, labels: set[str]) -> list[dict]:
    """`sets`, if it is a list of sets whose every exercise label is in `labels`, every
    kind known, every points value a positive whole number and every total TOTAL;
    else a ValueError that says which set is wrong and how."""
    if not isinstance(sets, list) or not sets:
        raise ValueError(f"book/problem_sets.yml must be a non-empty list of problem sets, got {type(sets).__name__}")
    for problem_set in sets:
        week = problem_set["week"]
        for item in problem_set["exercises"]:
            if item["label"] not in labels:
                raise ValueError(f"problem set {week} lists {item['label']!r}, which is not the :label: of "
                                 "any exercise in book/")
            if item["kind"] not in KINDS:
                raise ValueError(f"problem set {week}: the kind of {item['label']!r} must be one of "
                                 f"{sorted(KINDS)}, got {item['kind']!r}")
            if not isinstance(item["points"], int) or item["points"] <= 0:
                raise ValueError(f"problem set {week}: the points of {item['label']!r} must be a positive "
                                 f"whole number, got {item['points']!r}")
        total = sum(item["points"] for item in problem_set["exercises"])
        if total != TOTAL:
            raise ValueError(f"problem set {week} is worth {total} points in all, but every set must be worth {TOTAL}")
    return sets


def load(path: Path = PROBLEM_SETS, book: Path = BOOK) -> list[dict]:
    """The problem sets of `path`, checked against the exercises of `book` (see `check`)."""
    return check(yaml.safe_load(path.read_text(encoding="utf-8")), set(exercises(book)))


def problem_set_markdown(problem_set: dict, pdf_prefix: str, titles: dict[str, str]) -> str:
    """MyST for one week: its title line, its table of exercises (with their `titles`) and its hand-out link."""
    week, name = problem_set["week"], handout_name(problem_set["week"])
    lines = [
        f"**Problem set {week}: {problem_set['title']}** ({problem_set['chapters']}, {TOTAL} points). "
        f'Hand-out: <a href="{pdf_prefix}{name}">{name}</a>.',
        "",
        "| exercise | title | kind | points |",
        "|---|---|---|---|",
    ]
    lines += [f"| {{ref}}`{e['label']}` | {titles[e['label']]} | {e['kind']} | {e['points']} |"
              for e in problem_set["exercises"]]
    return "\n".join(lines) + "\n"


class ProblemSets(SphinxDirective):
    """``{problem-sets}``: every week of book/problem_sets.yml, with links to its exercises and hand-out."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(PROBLEM_SETS))
        titles = exercises()
        try:
            sets = check(yaml.safe_load(PROBLEM_SETS.read_text(encoding="utf-8")), set(titles))
        except ValueError as error:
            raise ExtensionError(str(error)) from error
        prefix = "../" * self.env.docname.count("/") + "pdf/"
        return self.parse_text_to_nodes("\n".join(problem_set_markdown(s, prefix, titles) for s in sets))


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("problem-sets", ProblemSets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
