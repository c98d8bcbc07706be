"""The student edition's configuration and its leak check."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

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
    (site / "page.html").write_text("<p>Prove it.</p><pre>visible = compute_the_visible_value(alpha, beta, gamma, delta)</pre>")
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
    assert config["launch_buttons"]["binderhub_url"] == "" and config["launch_buttons"]["colab_url"] == ""
