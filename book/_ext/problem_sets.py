"""Sphinx extension: the weekly problem sets of the instructor guide, from book/problem_sets.yml.

``{problem-sets}`` writes, for each week of ``book/problem_sets.yml``, a
heading-free block: the week's title, a table of its exercises (a link to
each, its kind and its points) and a link to its printed hand-out,
``pdf/problem-set-week-N.pdf``, which tools/print_book.py prints from the same
file. The YAML file is read when the page is, and is a dependency of it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

BOOK = Path(__file__).resolve().parents[1]
SOURCE = BOOK / "problem_sets.yml"
EXERCISE = re.compile(r"```\{exercise\}[ \t]*([^\n]*)\n(?::[^\n]*\n)*?:label:[ \t]*(\S+)")
KINDS = ("derivation", "computation")
TOTAL = 100


def load_problem_sets(path: Path = SOURCE) -> list[dict]:
    """The problem sets of `path`, each checked: known kinds, positive points, TOTAL points in all."""
    sets = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(sets, list) or not sets:
        raise ExtensionError(f"{path.name} must be a non-empty list of problem sets, got {type(sets).__name__}")
    for problem_set in sets:
        week = problem_set.get("week")
        for exercise in problem_set.get("exercises", []):
            if exercise.get("kind") not in KINDS:
                raise ExtensionError(f"{path.name}, week {week}: kind of {exercise.get('label')} must be one of {KINDS}, got {exercise.get('kind')!r}")
            if not isinstance(exercise.get("points"), int) or exercise["points"] <= 0:
                raise ExtensionError(f"{path.name}, week {week}: points of {exercise.get('label')} must be a positive whole number, got {exercise.get('points')!r}")
        total = sum(exercise["points"] for exercise in problem_set.get("exercises", []))
        if total != TOTAL:
            raise ExtensionError(f"{path.name}, week {week}: the points must add up to {TOTAL}, got {total}")
    return sets


def exercise_titles(book: Path = BOOK) -> dict[str, str]:
    """{label: title} of every {exercise} in the notebooks of `book`."""
    titles = {}
    for path in sorted(book.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                titles |= {label: title.strip() for title, label in EXERCISE.findall("".join(cell["source"]))}
    return titles


def handout_name(week: int) -> str:
    """The file name of a week's printed hand-out (a contract with tools/print_book.py)."""
    return f"problem-set-week-{week}.pdf"


def problem_set_markdown(problem_set: dict, pdf_prefix: str, titles: dict[str, str]) -> str:
    """MyST for one week: its title line, its table of exercises (with their `titles`) and its hand-out link."""
    week = problem_set["week"]
    lines = [
        f"**Problem set {week}: {problem_set['title']}** ({problem_set['chapters']}, {TOTAL} points). "
        f'Hand-out: <a href="{pdf_prefix}{handout_name(week)}">{handout_name(week)}</a>.',
        "",
        "| exercise | title | kind | points |",
        "|---|---|---|---|",
    ]
    for exercise in problem_set["exercises"]:
        label = exercise["label"]
        if label not in titles:
            raise ExtensionError(f"problem set {week}: {label!r} is not the label of an exercise of the book")
        lines.append(f"| {{ref}}`{label}` | {titles[label]} | {exercise['kind']} | {exercise['points']} |")
    return "\n".join(lines) + "\n"


class ProblemSets(SphinxDirective):
    """``{problem-sets}``: every week of book/problem_sets.yml, with links to its exercises and hand-out."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(SOURCE))
        depth = self.env.docname.count("/")
        prefix = "../" * depth + "pdf/"
        titles = exercise_titles()
        text = "\n".join(problem_set_markdown(s, prefix, titles) for s in load_problem_sets())
        return self.parse_text_to_nodes(text)


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("problem-sets", ProblemSets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
