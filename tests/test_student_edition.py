"""The student edition: its configuration, its notebooks and its leak checks."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import student_edition  # noqa: E402


def make_notebook(path: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("Shared words appear in the chapter text and also in a solution below."),
        nbformat.v4.new_markdown_cell(
            "```{exercise}\n:label: ex\n\nProve it.\n```\n\n```{solution} ex\n:class: dropdown\n\n"
            "The secret argument uses seven distinctive words here.\n```"
        ),
        nbformat.v4.new_markdown_cell("```{solution-start} ex\n:class: dropdown\n```"),
        nbformat.v4.new_code_cell("hidden_answer = compute_the_hidden_value(alpha, beta, gamma, delta)"),
        nbformat.v4.new_markdown_cell("```{solution-end}\n```"),
        nbformat.v4.new_code_cell("visible = compute_the_visible_value(alpha, beta, gamma, delta)"),
    ]
    nbformat.write(notebook, path)


def test_solutions_are_split_from_the_kept_text(tmp_path):
    make_notebook(tmp_path / "n.ipynb")
    fragments, kept = student_edition.split_solutions(tmp_path / "n.ipynb")
    assert "The secret argument uses seven distinctive" in fragments
    assert "hidden answer compute the hidden value" in fragments
    assert "secret" not in kept and "hidden" not in kept
    assert "compute the visible value alpha" in kept


def test_check_fails_on_leaks_and_on_empty_sites_and_passes_clean_ones(tmp_path, monkeypatch):
    book = tmp_path / "book"
    book.mkdir()
    make_notebook(book / "n.ipynb")
    monkeypatch.setattr(student_edition, "ROOT", tmp_path)
    site = tmp_path / "html"
    site.mkdir()
    assert student_edition.check(site) == 1  # no pages at all
    launch = '<a href="https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/{}/n.ipynb">Binder</a>'
    clean = "<p>Prove it.</p><pre>visible = compute_the_visible_value(alpha, beta, gamma, delta)</pre>"
    (site / "page.html").write_text(clean)
    assert student_edition.check(site) == 1  # no launch button at all
    (site / "page.html").write_text(clean + launch.format("book"))
    assert student_edition.check(site) == 1  # a launch button that opens the full notebook
    (site / "page.html").write_text(clean + launch.format("student/book"))
    assert student_edition.check(site) == 0
    lite = '<a href="../lite/notebooks/index.html?path={}/n.ipynb">Run in your browser</a>'
    (site / "page.html").write_text(clean + launch.format("student/book") + lite.format("book"))
    assert student_edition.check(site) == 1  # the in-browser launch opens the full notebook
    (site / "page.html").write_text(clean + launch.format("student/book") + lite.format("student/book"))
    assert student_edition.check(site) == 0
    (site / "leak.html").write_text("<div>The <em>secret</em> argument uses seven distinctive words here.</div>")
    assert student_edition.check(site) == 1
    (site / "leak.html").write_text('<div class="solution dropdown">…</div>')
    assert student_edition.check(site) == 1


def test_student_config_adds_the_extension_and_drops_sources_and_buttons():
    config = student_edition.student_config()
    assert config["title"].endswith("(student edition)")
    assert Path(config["sphinx"]["local_extensions"]["remove_solutions"]).is_absolute()
    assert config["sphinx"]["config"]["html_copy_source"] is False
    assert config["sphinx"]["config"]["html_theme_options"]["use_download_button"] is False
    assert config["sphinx"]["recursive_update"] is True
    assert config["html"]["use_repository_button"] is False
    # Launch buttons stay, and open student/<page>.ipynb, the committed student notebooks.
    assert config["launch_buttons"]["binderhub_url"] and config["launch_buttons"]["colab_url"]
    assert config["launch_buttons"]["jupyterlite_url"] == "../lite/notebooks/index.html"
    assert config["repository"]["path_to_book"] == "student"
    assert student_edition.STUDENT_NOTEBOOKS == student_edition.ROOT / "student" / "book"


def test_student_notebook_cuts_every_solution_keeps_stubs_and_clears_outputs(tmp_path):
    make_notebook(tmp_path / "n.ipynb")
    notebook = nbformat.read(tmp_path / "n.ipynb", as_version=4)
    stub = nbformat.v4.new_code_cell("check_it(my_function)")
    stub.outputs = [nbformat.v4.new_output("stream", name="stdout", text="✓ done")]
    notebook.cells.insert(2, stub)
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell(
        "Intro.\n\n```{only} not student\nSolutions are in drop-downs.\n```\n\n"
        "```{only} student\nThis edition has no solutions.\n```"
    ))
    student = student_edition.student_notebook(notebook)
    sources = [cell.source for cell in student.cells]
    assert sources == [
        "Intro.\n\nThis edition has no solutions.",
        "Shared words appear in the chapter text and also in a solution below.",
        "```{exercise}\n:label: ex\n\nProve it.\n```",
        "check_it(my_function)",
        "visible = compute_the_visible_value(alpha, beta, gamma, delta)",
    ]
    assert all(cell.get("outputs", []) == [] for cell in student.cells)


def test_only_blocks_name_the_student_tag_or_nothing():
    with pytest.raises(ValueError, match="'student' or 'not student'"):
        student_edition.resolve_only("```{only} html\nx\n```")


def test_unclosed_gated_solution_is_an_error(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("```{solution-start} ex\n```")])
    with pytest.raises(ValueError, match="no {solution-end}"):
        student_edition.student_notebook(notebook)


def test_committed_student_notebooks_are_the_student_copies_of_book(tmp_path):
    student_edition.write_student_notebooks(tmp_path)
    stale = student_edition.stale_files(tmp_path)
    assert not stale, f"student/book is stale for {stale}: run `make student-notebooks` and commit student/"


def test_stale_files_reports_changed_missing_and_extra_files(tmp_path):
    built, committed = tmp_path / "built", tmp_path / "committed"
    built.mkdir(), committed.mkdir()
    (built / "same.ipynb").write_text("a"), (committed / "same.ipynb").write_text("a")
    (built / "changed.ipynb").write_text("new"), (committed / "changed.ipynb").write_text("old")
    (built / "new.ipynb").write_text("x"), (committed / "gone.ipynb").write_text("x")
    assert student_edition.stale_files(built, committed) == ["changed.ipynb", "gone.ipynb", "new.ipynb"]


def test_check_notebooks_finds_solution_text_and_missing_notebooks(tmp_path, monkeypatch):
    book = tmp_path / "book"
    book.mkdir()
    make_notebook(book / "n.ipynb")
    monkeypatch.setattr(student_edition, "ROOT", tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    assert student_edition.check_notebooks(out)[1] == [f"{out / 'n.ipynb'} is missing"]
    (book / "matplotlibrc").write_text("")
    student_edition.write_student_notebooks(out, book)
    assert student_edition.check_notebooks(out) == (2, [])
    leaky = nbformat.read(out / "n.ipynb", as_version=4)
    leaky.cells[-1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="hidden_answer = compute_the_hidden_value(alpha, beta, gamma, delta)")]
    nbformat.write(leaky, out / "n.ipynb")
    assert len(student_edition.check_notebooks(out)[1]) == 1


def test_student_config_launches_the_student_notebooks_from_the_configured_repository():
    config = student_edition.student_config()
    # The theme builds the launch path as path_to_book/<page>.ipynb: student/book/<chapter>.ipynb.
    assert (student_edition.ROOT / config["repository"]["path_to_book"] / "book" / "intro.ipynb").is_file()


def test_fragments_skip_raw_html_tags_but_keep_comparisons():
    # A link written as raw HTML shows its text on the page, not its tags; "x < 0 and y > 1" is no tag.
    line = 'Read the PDF of this edition here: <a href="../pdf/book.pdf">the student book</a>.'
    assert student_edition._lines(line) == ["Read the PDF of this edition"]
    assert student_edition._lines('<a href="../pdf/x.pdf">cossim-book-student.pdf</a>.') == []
    assert student_edition._lines("when x < 0 and y > 1 the result flips sign") == ["when and the result flips sign"]
