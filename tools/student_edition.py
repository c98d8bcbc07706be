"""Build configuration and check of the student edition (`make student`).

Usage:
  python tools/student_edition.py config OUT.yml   write the student configuration
  python tools/student_edition.py check HTML_DIR   fail if any solution reached the site

`jupyter-book build --config FILE` replaces `_config.yml` instead of merging,
so the student configuration is generated from it: same book, plus the local
extension `book/_ext/remove_solutions.py`, without the page sources, the
download button and the launch buttons (which would lead to the full notebooks).

The check collects, from the notebooks themselves, the text of every
{solution} directive and the source of every code cell between
{solution-start} and {solution-end}, and fails if any of it appears in the
built HTML, or if any solution element is left.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent


def student_config() -> dict:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["title"] = config["title"] + " (student edition)"
    config["launch_buttons"] = {"notebook_interface": "classic", "binderhub_url": "", "colab_url": ""}
    config["html"]["use_download_button"] = False
    config["html"]["use_edit_page_button"] = False
    sphinx = config.setdefault("sphinx", {})
    sphinx.setdefault("local_extensions", {})["remove_solutions"] = "book/_ext"
    sphinx.setdefault("config", {})["html_copy_source"] = False
    return config


def solution_fragments(notebook_path: Path) -> list[str]:
    """Distinctive lines of every solution in one notebook."""
    notebook = nbformat.read(notebook_path, as_version=4)
    fragments, inside_gated = [], False
    for cell in notebook.cells:
        source = cell.source
        if cell.cell_type == "markdown":
            for match in re.finditer(r"```\{solution\}[^\n]*\n(?::[^\n]*\n)*(.*?)```", source, re.S):
                fragments += _lines(match.group(1))
            if "{solution-start}" in source:
                inside_gated = True
                after = source.split("{solution-start}", 1)[1].split("```", 1)[-1]
                fragments += _lines(after.split("{solution-end}")[0])
            elif "{solution-end}" in source:
                inside_gated = False
            elif inside_gated:
                fragments += _lines(source)
        elif inside_gated:
            fragments += _lines(source)
    return fragments


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
    for notebook in sorted((ROOT / "book").glob("*.ipynb")):
        for fragment in solution_fragments(notebook):
            checked += 1
            for page, text in texts.items():
                if fragment in text:
                    problems.append(f"{page.relative_to(html_dir)}: solution text of {notebook.name}: '{fragment}'")
    for problem in problems:
        print(problem)
    print(f"student edition: {len(pages)} pages, {checked} solution fragments checked, {len(problems)} problems")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "config":
        Path(argv[1]).parent.mkdir(parents=True, exist_ok=True)
        Path(argv[1]).write_text(yaml.safe_dump(student_config(), sort_keys=False, allow_unicode=True))
        return 0
    if len(argv) == 2 and argv[0] == "check":
        return check(Path(argv[1]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
