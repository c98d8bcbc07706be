"""Re-execute notebooks in place so their committed outputs are the new reference.

Usage: python tools/refresh_notebooks.py book/*.ipynb

Each notebook runs top to bottom in a fresh kernel from its own folder, as the
book build and nbval run it.  Outputs are kept; metadata that changes from run
to run (execution timings, widget state) is dropped so that diffs show only
real changes.  Run it after a deliberate change, then review `git diff`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


def clean(notebook: nbformat.NotebookNode) -> None:
    """Drop volatile metadata; keep tags and figure captions."""
    notebook.metadata = nbformat.NotebookNode(
        kernelspec=KERNEL,
        language_info={"name": "python"},
    )
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        if cell.cell_type == "code":
            cell.outputs = coalesce_streams(cell.outputs)


def coalesce_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) outputs into one.

    How a kernel splits printed text into messages depends on timing: on a
    busy machine one cell's prints can arrive as several pieces.  Joining them
    makes the committed outputs the same however they arrived (nbval compares
    them joined too).
    """
    joined: list = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (output.output_type == "stream" and previous is not None
                and previous.output_type == "stream" and previous.name == output.name):
            previous.text += output.text
        else:
            joined.append(output)
    return joined


def refresh(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
    ).execute()
    elapsed = time.perf_counter() - start
    clean(notebook)
    nbformat.write(notebook, path)
    return elapsed


def main(paths: list[str]) -> None:
    for name in paths:
        print(f"{name}: executed in {refresh(Path(name)):.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
