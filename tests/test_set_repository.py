"""tools/set_repository.py: the Pages workflow points a fork's site at the fork with it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import colab_cell  # noqa: E402
import set_repository  # noqa: E402

FORK = "https://github.com/a-student/cossim-book-fork"


@pytest.fixture
def checkout(tmp_path):
    """A copy of the files the tool edits: _config.yml and the notebooks."""
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    (tmp_path / "book").mkdir()
    for path in (ROOT / "book").glob("*.ipynb"):
        shutil.copy(path, tmp_path / "book" / path.name)
    shutil.copy(ROOT / "book" / "matplotlibrc", tmp_path / "book" / "matplotlibrc")
    return tmp_path


def install_cells(root: Path) -> dict[str, str]:
    cells = {}
    for path in sorted((root / "book").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        cells[path.name] = next(cell for cell in notebook.cells if cell.cell_type == "code").source
    return cells


def test_a_fork_url_reaches_the_config_and_every_colab_cell_and_nothing_else(checkout):
    assert set_repository.main([FORK + ".git", "--branch", "dev"], root=checkout) == 0
    repository = yaml.safe_load((checkout / "_config.yml").read_text())["repository"]
    assert repository["url"] == FORK and repository["branch"] == "dev"
    # Only the two values changed: every other line of _config.yml, comments included, is kept.
    old_lines = (ROOT / "_config.yml").read_text().splitlines()
    new_lines = (checkout / "_config.yml").read_text().splitlines()
    assert len(old_lines) == len(new_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
    assert [b.strip() for _, b in changed] == [f"url: {FORK}", "branch: dev"]
    expected = colab_cell.install_cell_source(checkout / "_config.yml")
    assert f"git+{FORK}@dev" in expected
    assert set(install_cells(checkout).values()) == {expected}
    # The student notebooks, which the student edition's launch buttons open, follow too.
    assert set(install_cells(checkout / "student").values()) == {expected}
    # Apart from the install cell, every notebook is unchanged.
    for path in (ROOT / "book").glob("*.ipynb"):
        before = nbformat.read(path, as_version=4)
        after = nbformat.read(checkout / "book" / path.name, as_version=4)
        assert [c for c in before.cells if not colab_cell.is_install_cell(c)] == \
               [c for c in after.cells if not colab_cell.is_install_cell(c)]


def test_setting_the_same_repository_again_changes_no_byte(checkout):
    url = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    assert set_repository.main([url], root=checkout) == 0
    assert (checkout / "_config.yml").read_bytes() == (ROOT / "_config.yml").read_bytes()
    for path in (ROOT / "book").glob("*.ipynb"):
        assert (checkout / "book" / path.name).read_bytes() == path.read_bytes(), path.name
    # and a round trip through a fork restores the original notebooks exactly
    assert set_repository.main([FORK], root=checkout) == 0
    assert set_repository.main([url], root=checkout) == 0
    for path in (ROOT / "book").glob("*.ipynb"):
        assert (checkout / "book" / path.name).read_bytes() == path.read_bytes(), path.name
    for path in (ROOT / "student" / "book").glob("*"):
        assert (checkout / "student" / "book" / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_colab_test_passes_on_the_rewritten_checkout(checkout, monkeypatch):
    set_repository.main([FORK], root=checkout)
    source = colab_cell.install_cell_source(checkout / "_config.yml")
    for path in sorted((checkout / "book").glob("*.ipynb")):
        assert colab_cell.sync(path, source, check=True), path.name


@pytest.mark.parametrize("url", ["github.com/owner/name", "https://github.com/owner", "https://github.com/o/n extra", ""])
def test_a_malformed_url_is_refused_with_one_sentence(checkout, url, capsys):
    assert set_repository.main([url], root=checkout) == 2
    message = capsys.readouterr().err
    assert "URL must look like https://github.com/OWNER/NAME" in message and repr(url.strip().rstrip("/")) in message
    assert (checkout / "_config.yml").read_bytes() == (ROOT / "_config.yml").read_bytes()


def test_a_malformed_branch_is_refused(checkout, capsys):
    assert set_repository.main([FORK, "--branch", "main; rm -rf /"], root=checkout) == 2
    assert "--branch must be a branch name" in capsys.readouterr().err
    assert (checkout / "_config.yml").read_bytes() == (ROOT / "_config.yml").read_bytes()


def test_branch_names_yaml_would_misread_are_quoted():
    text = set_repository.set_repository_in_config("repository:\n  url: x\n  branch: main\n", FORK, "1.0")
    assert yaml.safe_load(text)["repository"]["branch"] == "1.0"
