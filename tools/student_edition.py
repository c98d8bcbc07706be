"""Build configuration and check of the student edition (`make student`).

Usage:
  python tools/student_edition.py config OUT.yml   write the student configuration
  python tools/student_edition.py check HTML_DIR   fail if any solution reached the site

`jupyter-book build --config FILE` replaces `_config.yml` instead of merging,
so the student configuration is generated from it: same book, plus the local
extension `book/_ext/remove_solutions.py`, without the page sources, the
download, launch and repository buttons (which would lead to the full notebooks).
Like the full build it takes every notebook's outputs from the cache that
`tools/notebook_cache.py execute` filled for this checkout (`make execute`), so
the notebooks are not executed a second time.

The check collects, from the notebooks themselves, runs of six words from the
text of every {solution} directive and from every cell between
{solution-start} and {solution-end} (keeping only runs that appear nowhere
outside the solutions), and fails if any of them appears in the built HTML, if
any solution element is left, or if there are no pages at all.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import nbformat

import notebook_cache

ROOT = Path(__file__).resolve().parent.parent


def student_config() -> dict:
    config = notebook_cache.cached_config()  # outputs from the shared cache; paths made absolute
    config["title"] = config["title"] + " (student edition)"
    config["launch_buttons"] = {"notebook_interface": "classic", "binderhub_url": "", "colab_url": ""}
    for button in ("use_edit_page_button", "use_repository_button", "use_issues_button"):
        config["html"][button] = False  # the repository holds the full notebooks
    sphinx = config.setdefault("sphinx", {})
    # Jupyter Book does not pass `use_download_button` through; set the theme
    # option itself, merged into (not replacing) the options Jupyter Book builds.
    sphinx["recursive_update"] = True
    sphinx.setdefault("config", {}).setdefault("html_theme_options", {})["use_download_button"] = False
    sphinx["local_extensions"]["remove_solutions"] = str((ROOT / "book" / "_ext").resolve())
    sphinx.setdefault("config", {})["html_copy_source"] = False
    return config


def split_solutions(notebook_path: Path) -> tuple[list[str], str]:
    """Distinctive lines of every solution in one notebook, and all its other text.

    Returns the candidate fragments (runs of six words from solution text and
    solution code) and the word-normalised text of everything that is *not* a
    solution, which the student edition keeps.
    """
    notebook = nbformat.read(notebook_path, as_version=4)
    fragments, kept, inside_gated = [], [], False
    for cell in notebook.cells:
        source = cell.source
        if cell.cell_type == "markdown":
            directives = re.findall(r"```\{solution\}[^\n]*\n(?::[^\n]*\n)*(.*?)```", source, re.S)
            for body in directives:
                fragments += _lines(body)
            outside = re.sub(r"```\{solution\}.*?```", " ", source, flags=re.S)
            if "{solution-start}" in source:
                inside_gated = True
                before, after = outside.split("{solution-start}", 1)
                kept.append(before)
                fragments += _lines(after.split("```", 1)[-1].split("{solution-end}")[0])
            elif "{solution-end}" in source:
                inside_gated = False
                kept.append(outside.split("{solution-end}", 1)[-1])
            elif inside_gated:
                fragments += _lines(source)
            else:
                kept.append(outside)
        elif inside_gated:
            fragments += _lines(source)
        else:
            kept.append(source)
    return fragments, _words(" ".join(kept))


def _words(text: str) -> str:
    return " ".join(re.findall(r"[A-Za-z][A-Za-z'’-]+", text.replace("`", " ").replace("*", " ")))


def _lines(text: str) -> list[str]:
    """Runs of six consecutive words from each line, skipping maths and roles.

    Maths and cross-reference roles render differently in HTML, so a run must
    not cross them; six words are distinctive enough not to appear by chance.
    """
    out = []
    for line in text.splitlines():
        for segment in re.split(r"\$[^$]*\$|\{[a-z:]+\}`[^`]*`", line):
            words = re.findall(r"[A-Za-z][A-Za-z'’-]+", segment.replace("`", " ").replace("*", " "))
            if len(words) >= 6:
                out.append(" ".join(words[:6]))
                break
    return out


def check(html_dir: Path) -> int:
    pages = {path: html.unescape(re.sub(r"<[^>]+>", " ", path.read_text())) for path in html_dir.rglob("*.html")}
    texts = {path: " ".join(re.findall(r"[A-Za-z][A-Za-z'’-]+", text)) for path, text in pages.items()}
    problems, checked = [], 0
    for path in html_dir.rglob("*.html"):
        if 'class="solution' in path.read_text() or "solution-content" in path.read_text():
            problems.append(f"{path.relative_to(html_dir)}: a solution element is left")
    notebooks = [split_solutions(path) for path in sorted((ROOT / "book").glob("*.ipynb"))]
    everything_kept = " ".join(kept for _, kept in notebooks)
    for path, (fragments, _) in zip(sorted((ROOT / "book").glob("*.ipynb")), notebooks):
        for fragment in fragments:
            if fragment in everything_kept:
                continue  # the same words also appear outside the solutions: not evidence of a leak
            checked += 1
            for page, text in texts.items():
                if fragment in text:
                    problems.append(f"{page.relative_to(html_dir)}: solution text of {path.name}: '{fragment}'")
    if not pages:
        problems.append(f"no HTML pages in {html_dir}: build the student edition first")
    for problem in problems:
        print(problem)
    print(f"student edition: {len(pages)} pages, {checked} solution fragments checked, {len(problems)} problems")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "config":
        notebook_cache.write_config(student_config(), Path(argv[1]))
        return 0
    if len(argv) == 2 and argv[0] == "check":
        return check(Path(argv[1]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
