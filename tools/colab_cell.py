"""Give every notebook a first cell that installs the book's library in Google Colab.

Usage: python tools/colab_cell.py [--check]

Colab opens a notebook straight from GitHub, without the repository around it,
so the notebook must install `cossim` itself; everywhere else (Binder, local
Jupyter, the book build, nbval) the library is already installed and the cell
does nothing.  The repository URL and branch come from `_config.yml`, the one
place that names the repository: after changing them there (for instance in a
fork), run this script and commit the notebooks.  With --check it only reports
notebooks whose cell is missing or outdated (the test suite runs that).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
TAGS = ["remove-cell"]  # hidden on the website, present in the notebook


def install_cell_source(config_path: Path = ROOT / "_config.yml") -> str:
    """The source of the Colab install cell, for the repository named in the config."""
    repository = yaml.safe_load(config_path.read_text())["repository"]
    url, branch = repository["url"].rstrip("/"), repository.get("branch", "main")
    return (
        "# In Google Colab, install the book's library first; elsewhere this cell does nothing.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        f'    %pip install --quiet "cossim[book,data] @ git+{url}@{branch}"'
    )


def is_install_cell(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "code" and cell.source.startswith("# In Google Colab, install the book's library")


def sync(path: Path, source: str, check: bool) -> bool:
    """Insert or update the install cell of one notebook; return True if it was already right."""
    notebook = nbformat.read(path, as_version=4)
    first_code = next((cell for cell in notebook.cells if cell.cell_type == "code"), None)
    if first_code is not None and is_install_cell(first_code):
        if first_code.source == source and first_code.metadata.get("tags") == TAGS:
            return True
        if check:
            return False
        first_code.source = source
        first_code.metadata["tags"] = TAGS
    else:
        if check:
            return False
        cell = nbformat.v4.new_code_cell(source, metadata={"tags": TAGS})
        position = next((i for i, c in enumerate(notebook.cells) if c.cell_type == "code"), len(notebook.cells))
        notebook.cells.insert(position, cell)
    nbformat.write(notebook, path)
    return False


def main(argv: list[str]) -> int:
    check = "--check" in argv
    source = install_cell_source()
    stale = [path for path in sorted((ROOT / "book").glob("*.ipynb")) if not sync(path, source, check)]
    for path in stale:
        print(f"{'outdated' if check else 'updated'}: {path.relative_to(ROOT)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
