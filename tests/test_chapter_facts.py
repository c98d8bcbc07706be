"""The line under each chapter's title (book/_ext/chapter_facts.py): what it computes, and a build.

Reading time is counted on small doctrees whose answer follows from the
extension's own rates; the build test reads a one-notebook book back and
finds the line after the title and the instructor guide's table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from docutils import nodes

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import chapter_facts as cf  # noqa: E402
from sphinx.errors import ExtensionError  # noqa: E402


def toc_chapters() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [chapter["file"] for part in toc["parts"] if part.get("numbered") for chapter in part["chapters"]]


@pytest.mark.parametrize("minutes, expected", [(0, 5), (0.1, 5), (5, 5), (5.01, 10), (23, 25), (61, 65)])
def test_minutes_round_up_to_five(minutes, expected):
    assert cf.round_up_to_five(minutes) == expected


def test_exercise_minutes_follow_the_stated_rates():
    # 5 exercises and 3 concept checks: 75 + 6 = 81 minutes, shown as 85.
    assert cf.exercise_minutes(5, 3) == cf.round_up_to_five(5 * cf.MINUTES_PER_EXERCISE + 3 * cf.MINUTES_PER_CONCEPT_CHECK)
    assert cf.exercise_minutes(5, 3) == 85


def paragraph(words: int) -> nodes.paragraph:
    return nodes.paragraph(text=" ".join(["word"] * words))


def test_reading_time_of_prose_formulas_code_and_figures():
    page = nodes.section()
    page += paragraph(cf.WORDS_PER_MINUTE)  # one minute
    page += nodes.math_block(text="x = 1")
    page += nodes.paragraph("", "", nodes.math(text="y"))
    page += nodes.literal_block(text="a = 1\nb = 2\nc = 3")
    page += nodes.image(uri="figure.png")
    expected = (60 + cf.SECONDS_PER_DISPLAY + cf.INLINE_MATH_WORDS * 60 / cf.WORDS_PER_MINUTE
                + 3 * cf.SECONDS_PER_CODE_LINE + cf.SECONDS_PER_FIGURE)
    assert cf.reading_seconds(page) == pytest.approx(expected)


def test_reading_time_leaves_out_solutions_hidden_code_and_text_outputs():
    from sphinx_exercise.nodes import solution_node

    page = nodes.section()
    page += paragraph(10)
    page += solution_node("", paragraph(1000))
    hidden_cell = nodes.container(classes=["cell", "tag_hide-input"])
    hidden_cell += nodes.container("", nodes.literal_block(text="secret = 1\n" * 50), nb_element="cell_code_source")
    page += hidden_cell
    output = nodes.container(nb_element="cell_code_output")
    output += nodes.literal_block(text="printed\n" * 40)
    output += nodes.image(uri="figure.png")
    page += output
    expected = 10 * 60 / cf.WORDS_PER_MINUTE + cf.SECONDS_PER_FIGURE
    assert cf.reading_seconds(page) == pytest.approx(expected)


def test_a_level_outside_the_list_is_refused_by_name(tmp_path):
    path = tmp_path / "chapter.ipynb"
    notebook = nbformat.v4.new_notebook(metadata={"cossim": {"level": "hard"}})
    path.write_text(nbformat.writes(notebook))
    with pytest.raises(ExtensionError, match=r"chapter.ipynb: metadata cossim.level must be one of .*got 'hard'"):
        cf.notebook_level(path)


def test_pages_without_a_level_get_no_line(tmp_path):
    path = tmp_path / "page.ipynb"
    path.write_text(nbformat.writes(nbformat.v4.new_notebook()))
    assert cf.notebook_level(path) is None
    assert cf.notebook_level(tmp_path / "page.md") is None


@pytest.mark.parametrize("name", toc_chapters())
def test_every_chapter_declares_a_level_and_has_a_running_time(name):
    assert cf.notebook_level(ROOT / f"{name}.ipynb") in cf.LEVELS
    times = json.loads(cf.TIMES.read_text())
    assert cf.running_seconds(times, name) is not None, f"{name}: no time in tools/running_times.json (make chapter-times)"


@pytest.mark.parametrize("name", toc_chapters())
def test_an_advanced_chapter_sketches_its_long_proof_first(name):
    """'Advanced' promises a one-paragraph sketch before the proof: the sketch box comes before a proof."""
    notebook = nbformat.read(ROOT / f"{name}.ipynb", as_version=4)
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    sketch = text.find(":class: advanced-sketch")
    if cf.notebook_level(ROOT / f"{name}.ipynb") == "advanced":
        assert sketch >= 0, f"{name} is advanced but has no advanced-sketch admonition"
        assert "```{prf:proof}" in text[sketch:], f"{name}: no proof follows its sketch"
    else:
        assert sketch < 0, f"{name} has a sketch for a long proof but is not marked advanced"


def test_the_facts_line_names_each_item():
    facts = cf.ChapterFacts(level="advanced", reading_minutes=25, exercises=5, concept_checks=3,
                            exercise_minutes=85, running_seconds=4.5)
    assert cf.facts_items(facts) == [
        ("Reading", "about 25 min"),
        ("Exercises", "5 exercises and 3 concept checks, about 85 min"),
        ("Running", "every cell runs in 4.5 s on the book's 2-core test machine"),
        ("Level", f"advanced ({cf.LEVELS['advanced']})"),
    ]
    without_time = cf.ChapterFacts(**{**facts.__dict__, "running_seconds": None})
    assert [label for label, _ in cf.facts_items(without_time)] == ["Reading", "Exercises", "Level"]


def test_a_built_chapter_has_the_line_after_its_title_and_the_guide_has_the_table(tmp_path):
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_nb", "sphinx_exercise", "chapter_facts"]\n'
        'nb_execution_mode = "off"\nroot_doc = "index"\n'
    )
    cells = [
        nbformat.v4.new_markdown_cell("# A chapter\n\n" + " ".join(["word"] * 900)),
        nbformat.v4.new_markdown_cell("```{exercise} One\n:label: t-ex\n\nDo it.\n```\n\n```{solution} t-ex\n\n" + "done " * 1000 + "\n```"),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={
        "cossim": {"level": "core"},
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
    })
    (tmp_path / "chapter.ipynb").write_text(nbformat.writes(notebook))
    (tmp_path / "index.md").write_text("# Guide\n\n```{toctree}\nchapter\n```\n\n```{chapter-facts-table}\n```\n")
    # In a process of its own: myst-nb registers its parser globally, which
    # breaks the plain-MyST Sphinx builds of other tests in this process.
    env = {**os.environ, "PYTHONPATH": str(ROOT / "book" / "_ext")}
    build = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(tmp_path), str(tmp_path / "_build")],
                           capture_output=True, text=True, env=env, timeout=300)
    assert build.returncode == 0, build.stderr
    chapter = (tmp_path / "_build" / "chapter.html").read_text()
    title_end = chapter.index("</h1>")
    line = chapter.index('class="chapter-facts level-core')
    assert title_end < line < chapter.index("word word")
    # 900 words at 200 a minute and a few more: under 5 minutes (the solution's 1000 are not read).
    assert "<strong>Reading: </strong>about 5 min" in chapter
    assert "1 exercise and 0 concept checks, about 15 min" in chapter
    guide = (tmp_path / "_build" / "index.html").read_text()
    assert 'class="chapter-facts-table' in guide and 'href="chapter.html"' in guide
    assert "A chapter" in guide and "15 min" in guide
