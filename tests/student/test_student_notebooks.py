"""Every student notebook runs top to bottom, as a student gets it (run by `make test-student`).

`make student` writes the notebooks to _build/student/notebooks (and checks
that the committed copy in student/book is the same); here each one is
executed on a fresh kernel in its own folder, as Binder or Jupyter would.
It must raise no error, every self-check must print its "not implemented
yet" line (the stub is unsolved), and no solution text of the full notebooks
may appear in its cells or in anything it printed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import student_edition  # noqa: E402

FULL_NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
LEAKS = student_edition._leak_fragments()


def is_self_check(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "code" and "from cossim.selfcheck import" in cell.source


def stdout(cell: nbformat.NotebookNode) -> str:
    return "".join(output.get("text", "") for output in cell.outputs if output.get("name") == "stdout")


@pytest.mark.parametrize("full", FULL_NOTEBOOKS, ids=lambda path: path.stem)
def test_student_notebook_runs_and_each_self_check_says_not_yet(full):
    path = student_edition.BUILD_NOTEBOOKS / full.name
    assert path.is_file(), f"{path} is missing: run `make student` first"
    notebook = nbformat.read(path, as_version=4)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the Makefile's kernels (outputs do not depend on it)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    checks = [cell for cell in notebook.cells if is_self_check(cell)]
    full_checks = [cell for cell in nbformat.read(full, as_version=4).cells if is_self_check(cell)]
    assert len(checks) == len(full_checks), "every self-check stub of the full notebook must stay"
    for cell in checks:
        assert stdout(cell).startswith("✗") and "not implemented yet" in stdout(cell), (
            f"the self-check printed {stdout(cell)!r} instead of its 'not implemented yet' line"
        )
    text = student_edition._notebook_words(notebook)
    leaked = [f"{name}: '{fragment}'" for name, fragment in LEAKS if fragment in text]
    assert not leaked, f"solution text in the executed student notebook: {leaked}"
