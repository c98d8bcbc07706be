"""Sphinx extension: how long a chapter takes and how hard it is, under its title.

Each chapter notebook declares its level in its metadata::

    "metadata": {"cossim": {"level": "core"}, ...}

(one of LEVELS). Everything else is computed, so it cannot drift from the text:

- **reading time**, from what the page shows once solutions are removed
  (:func:`reading_seconds`): prose at WORDS_PER_MINUTE, each inline formula as
  INLINE_MATH_WORDS words, and fixed times for a displayed equation, a line
  of visible code and a figure;
- **exercise time**, from the number of exercises (self-check included) and
  concept checks (:func:`exercise_minutes`);
- **running time**, the measured time to run every cell, from
  ``tools/running_times.json`` (``make chapter-times`` writes it).

The line is a docutils node inserted after the chapter's title when the page is
read, so the website, the student edition and the PDF all carry it. The
``{chapter-facts-table}`` directive (the instructor guide) lists every
chapter's facts in one table.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

TIMES = Path(__file__).resolve().parents[2] / "tools" / "running_times.json"
LEVELS = {
    "introductory": "needs only the prerequisites",
    "core": "the main line of the book",
    "advanced": "a long proof, sketched before it",
}
WORDS_PER_MINUTE = 200
INLINE_MATH_WORDS = 3
SECONDS_PER_DISPLAY = 20
SECONDS_PER_CODE_LINE = 2
SECONDS_PER_FIGURE = 20
MINUTES_PER_EXERCISE = 15
MINUTES_PER_CONCEPT_CHECK = 2
HIDDEN_CODE_TAGS = {"tag_hide-input", "tag_remove-input", "tag_remove-cell"}
SKIPPED_NODES = ("solution_node", "concept_check")  # read in exercise time, not reading time


@dataclass(frozen=True)
class ChapterFacts:
    """What the line under a chapter's title says."""

    level: str
    reading_minutes: int
    exercises: int
    concept_checks: int
    exercise_minutes: int
    running_seconds: float | None


def round_up_to_five(minutes: float) -> int:
    """`minutes` rounded up to a multiple of 5 (at least 5)."""
    return max(5, 5 * math.ceil(minutes / 5))


def exercise_minutes(exercises: int, concept_checks: int) -> int:
    """Time for a chapter's exercises and concept checks, rounded up to 5 minutes."""
    return round_up_to_five(exercises * MINUTES_PER_EXERCISE + concept_checks * MINUTES_PER_CONCEPT_CHECK)


def _is_hidden_code(node: nodes.Element) -> bool:
    cell = node.parent
    return isinstance(cell, nodes.container) and bool(HIDDEN_CODE_TAGS & set(cell.get("classes", [])))


def reading_seconds(doctree: nodes.Node) -> float:
    """Seconds to read a page: its prose, formulas, visible code and figures.

    Solutions and concept checks are left out (they count as exercise time);
    so are cell outputs other than figures, and code whose cell hides it.
    """
    seconds = 0.0

    def visit(node: nodes.Node) -> None:
        nonlocal seconds
        if type(node).__name__ in SKIPPED_NODES:
            return
        if isinstance(node, nodes.math_block):
            seconds += SECONDS_PER_DISPLAY
        elif isinstance(node, nodes.math):
            seconds += INLINE_MATH_WORDS * 60 / WORDS_PER_MINUTE
        elif isinstance(node, nodes.image):
            seconds += SECONDS_PER_FIGURE
        elif isinstance(node, nodes.container) and node.get("nb_element") == "cell_code_output":
            for image in node.findall(nodes.image):
                seconds += SECONDS_PER_FIGURE
        elif isinstance(node, nodes.literal_block):
            if not _is_hidden_code(node.parent):
                seconds += SECONDS_PER_CODE_LINE * len(node.astext().splitlines())
        elif isinstance(node, nodes.Text):
            seconds += len(node.astext().split()) * 60 / WORDS_PER_MINUTE
        elif isinstance(node, (nodes.raw, nodes.comment)):
            return
        else:
            for child in node.children:
                visit(child)

    visit(doctree)
    return seconds


def count_nodes(doctree: nodes.Node, name: str) -> int:
    """How many nodes of the class called `name` the document has."""
    return sum(1 for node in doctree.findall(nodes.Element) if type(node).__name__ == name)


def notebook_level(path: Path) -> str | None:
    """The level a notebook's metadata declares (``metadata.cossim.level``), or None if it declares none."""
    if path.suffix != ".ipynb":
        return None
    level = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("cossim", {}).get("level")
    if level is not None and level not in LEVELS:
        raise ExtensionError(f"{path.name}: metadata cossim.level must be one of {sorted(LEVELS)}, got {level!r}")
    return level


def running_seconds(times: dict, docname: str) -> float | None:
    """The measured running time of a page, from tools/running_times.json, or None if none is recorded."""
    return times.get("seconds", {}).get(Path(docname).name)


def chapter_facts(doctree: nodes.Node, level: str, running: float | None) -> ChapterFacts:
    """The facts of one chapter, from its read doctree."""
    exercises = count_nodes(doctree, "exercise_enumerable_node") + count_nodes(doctree, "exercise_node")
    checks = count_nodes(doctree, "concept_check")
    return ChapterFacts(
        level=level,
        reading_minutes=round_up_to_five(reading_seconds(doctree) / 60),
        exercises=exercises,
        concept_checks=checks,
        exercise_minutes=exercise_minutes(exercises, checks),
        running_seconds=running,
    )


def running_phrase(seconds: float | None) -> str:
    """'every cell runs in 4.5 s' (measured), or '' when no time is recorded."""
    if seconds is None:
        return ""
    shown = f"{seconds:.1f}" if seconds < 10 else f"{seconds:.0f}"
    return f"every cell runs in {shown} s"


def plural(count: int, noun: str) -> str:
    """'1 exercise', '3 exercises'."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def facts_items(facts: ChapterFacts) -> list[tuple[str, str]]:
    """The line's items as (label, text) pairs."""
    exercises = (f"{plural(facts.exercises, 'exercise')} and {plural(facts.concept_checks, 'concept check')}, "
                 f"about {facts.exercise_minutes} min")
    items = [
        ("Reading", f"about {facts.reading_minutes} min"),
        ("Exercises", exercises),
        ("Level", f"{facts.level} ({LEVELS[facts.level]})"),
    ]
    if facts.running_seconds is not None:
        items.insert(2, ("Running", running_phrase(facts.running_seconds) + " on the book's 2-core test machine"))
    return items


def facts_node(facts: ChapterFacts) -> nodes.container:
    """The line under the title: a paragraph of labelled items in a container of class chapter-facts."""
    paragraph = nodes.paragraph()
    for number, (label, text) in enumerate(facts_items(facts)):
        if number:
            paragraph += nodes.inline(text=" · ", classes=["chapter-facts-separator"])
        item = nodes.inline(classes=["chapter-facts-item", f"chapter-facts-{label.lower()}"])
        item += nodes.strong(text=f"{label}: ")
        item += nodes.Text(text)
        paragraph += item
    return nodes.container("", paragraph, classes=["chapter-facts", f"level-{facts.level}"])


def _facts_store(env: BuildEnvironment) -> dict[str, dict]:
    if not hasattr(env, "cossim_chapter_facts"):
        env.cossim_chapter_facts = {}
    return env.cossim_chapter_facts


def add_facts(app: Sphinx, doctree: nodes.document) -> None:
    """Compute the facts of a chapter notebook and put the line after its title."""
    env = app.env
    level = notebook_level(Path(env.doc2path(env.docname)))
    if level is None:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not isinstance(section[0], nodes.title):
        raise ExtensionError(f"{env.docname}: a notebook with a cossim.level needs a title")
    times = json.loads(TIMES.read_text()) if TIMES.exists() else {}
    env.note_dependency(str(TIMES))
    facts = chapter_facts(doctree, level, running_seconds(times, env.docname))
    _facts_store(env)[env.docname] = asdict(facts)
    section.insert(1, facts_node(facts))


class facts_table(nodes.General, nodes.Element):
    """Where the table of every chapter's facts goes (filled when references are resolved)."""


class ChapterFactsTable(SphinxDirective):
    """``{chapter-facts-table}``: every chapter with its level, reading, exercise and running times."""

    def run(self) -> list[nodes.Node]:
        return [facts_table()]


def table_node(rows: list[list[nodes.Node]], header: list[str]) -> nodes.table:
    """A docutils table with a header row and one row per list of cell contents."""
    group = nodes.tgroup(cols=len(header))
    group += [nodes.colspec(colwidth=1) for _ in header]

    def row(cells: list[nodes.Node]) -> nodes.row:
        return nodes.row("", *(nodes.entry("", nodes.paragraph("", "", cell)) for cell in cells))

    group += nodes.thead("", row([nodes.Text(text) for text in header]))
    group += nodes.tbody("", *(row(cells) for cells in rows))
    return nodes.table("", group, classes=["chapter-facts-table"])


def fill_tables(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Replace each {chapter-facts-table} with the table of every chapter, in file order."""
    env = app.env
    store = _facts_store(env)
    for placeholder in list(doctree.findall(facts_table)):
        rows = []
        for docname in sorted(store):
            facts = ChapterFacts(**store[docname])
            number = ".".join(map(str, env.toc_secnumbers.get(docname, {}).get("", ())))
            title = f"{number}. {env.titles[docname].astext()}" if number else env.titles[docname].astext()
            link = nodes.reference("", title, internal=True, refuri=app.builder.get_relative_uri(fromdocname, docname))
            rows.append([
                link,
                nodes.Text(facts.level),
                nodes.Text(f"{facts.reading_minutes} min"),
                nodes.Text(f"{facts.exercises} + {facts.concept_checks} checks, {facts.exercise_minutes} min"),
                nodes.Text("–" if facts.running_seconds is None else f"{facts.running_seconds:g} s"),
            ])
        header = ["chapter", "level", "reading", "exercises", "running"]
        placeholder.replace_self(table_node(rows, header))


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _facts_store(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: list[str], other: BuildEnvironment) -> None:
    _facts_store(env).update(_facts_store(other))


def setup(app: Sphinx) -> dict[str, object]:
    app.add_node(facts_table)
    app.add_directive("chapter-facts-table", ChapterFactsTable)
    app.connect("doctree-read", add_facts)
    app.connect("doctree-resolved", fill_tables)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
