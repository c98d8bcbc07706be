"""tools/notebook_cache.py: one execution of each notebook, shared by both builds, never stale."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import notebook_cache  # noqa: E402
import student_edition  # noqa: E402


@pytest.fixture
def checkout(tmp_path):
    """The files the key is made of, copied."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints")
    shutil.copytree(ROOT / "lib", tmp_path / "lib", ignore=ignore)
    shutil.copytree(ROOT / "book", tmp_path / "book", ignore=ignore)
    for name in ("requirements.txt", "pyproject.toml", "_config.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_the_key_changes_with_lib_the_notebooks_the_pins_and_the_execution_settings(checkout):
    key = notebook_cache.cache_key(checkout)
    assert notebook_cache.cache_key(checkout) == key
    edits = [
        ("lib/cossim/__init__.py", lambda text: text + "\n# an edit\n"),
        ("lib/cossim/data/new.json", lambda text: "{}"),
        ("book/intro.ipynb", lambda text: text.replace("cosine", "Cosine", 1)),
        ("book/matplotlibrc", lambda text: text + "\nfont.size: 30\n"),
        ("requirements.txt", lambda text: text.replace("numpy==2.4.6", "numpy==2.4.5")),
        ("_config.yml", lambda text: text.replace("timeout: 300", "timeout: 301")),
    ]
    for name, edit in edits:
        path = checkout / name
        original = path.read_text() if path.exists() else None
        path.write_text(edit(original or ""))
        assert notebook_cache.cache_key(checkout) != key, name
        if original is None:
            path.unlink()
        else:
            path.write_text(original)
        assert notebook_cache.cache_key(checkout) == key, name


@pytest.mark.parametrize("name", ["book/_ext/concept_checks.py", "book/_static/book.css", "book/glossary.md"])
def test_what_only_sphinx_reads_leaves_the_key_alone(checkout, name):
    key = notebook_cache.cache_key(checkout)
    path = checkout / name
    path.write_text(path.read_text() + "\n")
    assert notebook_cache.cache_key(checkout) == key


def test_a_cache_filled_for_another_key_is_emptied(tmp_path):
    cache_dir = tmp_path / "cache"
    notebook_cache.open_cache(cache_dir, "old")
    (cache_dir / "executed" / "stale").mkdir(parents=True)
    notebook_cache.open_cache(cache_dir, "old")
    assert (cache_dir / "executed" / "stale").exists()  # same key: kept
    notebook_cache.open_cache(cache_dir, "new")
    assert not (cache_dir / "executed" / "stale").exists()
    assert (cache_dir / notebook_cache.KEY_FILE).read_text().strip() == "new"


def notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_execute_caches_what_runs_and_fails_on_what_raises(tmp_path, capsys):
    from jupyter_cache import get_cache

    good = notebook(tmp_path / "good.ipynb", "import os\nprint(os.path.basename(os.getcwd()))")
    bad = notebook(tmp_path / "bad.ipynb", "raise RuntimeError('deliberately broken')")
    cache_dir = tmp_path / "cache"
    assert notebook_cache.execute(2, cache_dir, [good, bad]) == 1
    out = capsys.readouterr().out
    assert "bad.ipynb FAILED" in out and "deliberately broken" in out
    cache = get_cache(str(cache_dir))
    record = cache.match_cache_notebook(nbformat.read(good, as_version=4))
    executed = cache.get_cache_bundle(record.pk).nb
    assert executed.cells[0].outputs[0].text.strip() == tmp_path.name  # ran from the notebook's folder
    with pytest.raises(KeyError):
        cache.match_cache_notebook(nbformat.read(bad, as_version=4))
    # a second run executes only what is not cached
    assert notebook_cache.execute(2, cache_dir, [good]) == 0
    assert "1 of 1 notebooks cached" in capsys.readouterr().out


def test_both_builds_read_the_one_cache_and_config_yml_keeps_force():
    assert yaml.safe_load((ROOT / "_config.yml").read_text())["execute"]["execute_notebooks"] == "force"
    for config in (notebook_cache.cached_config(), student_edition.student_config()):
        assert config["execute"]["execute_notebooks"] == "cache"
        assert config["execute"]["cache"] == str(notebook_cache.CACHE)
        assert all(Path(folder).is_absolute() for folder in config["sphinx"]["local_extensions"].values())
        assert all(Path(path).is_absolute() for path in config["bibtex_bibfiles"])


def test_the_notebooks_executed_are_those_of_the_table_of_contents():
    names = {path.name for path in notebook_cache.toc_notebooks()}
    assert names == {path.name for path in (ROOT / "book").glob("*.ipynb")}
