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
any solution element is left, or if there are no pages at all. It also fails
if a page shows text of an `{only} not student` block, if the text of an
`{only} student` block is on no page, or if a launch button does not open a
student notebook.

Student notebooks (what the student edition's launch buttons open):
  python tools/student_edition.py notebooks [DIR]  write them (default: student/book/)
  python tools/student_edition.py check-notebooks DIR   fail if solution text is left in them
  python tools/student_edition.py stale DIR        fail if the committed copy differs from DIR

Every notebook of book/ gets a solution-free copy: the text of each {solution}
directive and everything from a {solution-start} through its {solution-end}
(markdown and code cells) are cut out, self-check stubs and their checks stay,
outputs are cleared (students run them), and `{only}` blocks are resolved for
the student edition (`{only} student` kept without its fence, `{only} not
student` dropped). Binder and Colab open files of a git repository, so the
copies are committed in `student/book/` (the same layout as the book's, so the
launch buttons only need `path_to_book: student`, and the kernel runs beside
the same `matplotlibrc`); a test fails when that copy is stale. `make student`
also writes them to `_build/student/notebooks/` (BUILD_NOTEBOOKS), the
location another edition (the in-browser one, say) takes them from, and stops
if the committed copy differs from them.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import nbformat

import notebook_cache

ROOT = Path(__file__).resolve().parent.parent
# The committed student notebooks (launch buttons of the student edition open these)...
STUDENT_PATH = "student/book"
STUDENT_NOTEBOOKS = ROOT / STUDENT_PATH
# ...and the ones `make student` writes into the student build, from the current sources.
BUILD_NOTEBOOKS = ROOT / "_build" / "student" / "notebooks"
# Files a kernel reads from the folder it runs in, copied beside the notebooks.
KERNEL_FILES = ("matplotlibrc",)
STUDENT_TAG = "student"  # the Sphinx tag of the student build: {only} student / {only} not student


def student_config() -> dict:
    config = notebook_cache.cached_config()  # outputs from the shared cache; paths made absolute
    config["title"] = config["title"] + " (student edition)"
    # Launch buttons stay (Binder, Colab) but open the student notebooks: the
    # theme builds their path as path_to_book/<page>.ipynb, and student/ holds
    # book/<page>.ipynb without solutions.
    config.setdefault("repository", {})["path_to_book"] = STUDENT_NOTEBOOKS.parent.relative_to(ROOT).as_posix()
    for button in ("use_edit_page_button", "use_repository_button", "use_issues_button"):
        config["html"][button] = False  # the repository's front page leads to the full notebooks
    sphinx = config.setdefault("sphinx", {})
    # Jupyter Book does not pass `use_download_button` through; set the theme
    # option itself, merged into (not replacing) the options Jupyter Book builds.
    sphinx["recursive_update"] = True
    sphinx.setdefault("config", {}).setdefault("html_theme_options", {})["use_download_button"] = False
    sphinx["local_extensions"]["remove_solutions"] = str((ROOT / "book" / "_ext").resolve())
    sphinx.setdefault("config", {})["html_copy_source"] = False
    return config


_FENCE = r"^(?P<fence>`{3,}|:{3,})"
_SOLUTION = re.compile(_FENCE + r"\{solution\}[^\n]*\n.*?^(?P=fence)[ \t]*$\n?", re.M | re.S)
_GATED_START = re.compile(_FENCE + r"\{solution-start\}", re.M)
_GATED_END = re.compile(_FENCE + r"\{solution-end\}[^\n]*\n(?::[^\n]*\n)*(?P=fence)[ \t]*$\n?", re.M)
# {only} blocks may sit indented inside a list or definition (their body keeps its indentation).
_ONLY = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|:{3,})\{only\}[ \t]+(?P<expression>[^\n]*?)[ \t]*\n"
    r"(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$\n?",
    re.M | re.S,
)


def resolve_only(text: str) -> str:
    """Markdown as the student edition shows it: `{only} student` bodies kept, `{only} not student` ones dropped."""

    def replace(match: re.Match) -> str:
        expression = match["expression"]
        if expression == STUDENT_TAG:
            return match["body"]
        if expression == f"not {STUDENT_TAG}":
            return ""
        raise ValueError(f"{{only}} expression must be '{STUDENT_TAG}' or 'not {STUDENT_TAG}', got {expression!r}")

    resolved = _ONLY.sub(replace, text)
    return resolved if resolved == text else re.sub(r"\n{3,}", "\n\n", resolved)


def student_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of `notebook` without solutions or outputs, its text as the student edition shows it."""
    student = nbformat.v4.new_notebook(metadata=notebook.metadata, nbformat_minor=notebook.nbformat_minor)
    inside_gated = False
    for cell in notebook.cells:
        source = cell.source
        if cell.cell_type != "markdown":
            if not inside_gated:
                kept = nbformat.from_dict(dict(cell, source=source))
                kept.outputs, kept.execution_count = [], None
                student.cells.append(kept)
            continue
        if inside_gated:
            end = _GATED_END.search(source)
            if end is None:
                continue  # a markdown cell inside a gated solution
            source, inside_gated = source[end.end():], False
        text, parts = source, []
        while (start := _GATED_START.search(text)) is not None:
            parts.append(text[: start.start()])
            end = _GATED_END.search(text, start.end())
            if end is None:
                inside_gated, text = True, ""
                break
            text = text[end.end():]
        parts.append(text)
        text = resolve_only(_SOLUTION.sub("", "".join(parts))).strip("\n")
        if text.strip():
            student.cells.append(nbformat.from_dict(dict(cell, source=text)))
    if inside_gated:
        raise ValueError("a {solution-start} has no {solution-end} after it")
    return student


def write_student_notebooks(out_dir: Path, book: Path | None = None) -> list[Path]:
    """Write the student copy of every notebook of `book` (default book/) and the kernel's files into `out_dir`."""
    book = ROOT / "book" if book is None else book
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(book.glob("*.ipynb")):
        notebook = student_notebook(nbformat.read(path, as_version=4))
        (out_dir / path.name).write_text(nbformat.writes(notebook) + "\n")
        written.append(out_dir / path.name)
    for name in KERNEL_FILES:
        shutil.copyfile(book / name, out_dir / name)
    return written


def stale_files(built: Path, committed: Path = STUDENT_NOTEBOOKS) -> list[str]:
    """Files that differ between two folders of student notebooks (missing, extra or changed)."""
    names = {path.name for folder in (built, committed) for path in folder.glob("*") if path.is_file()}
    return sorted(
        name
        for name in names
        if not (built / name).is_file()
        or not (committed / name).is_file()
        or (built / name).read_bytes() != (committed / name).read_bytes()
    )


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


_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _lines(text: str) -> list[str]:
    """Runs of six consecutive words from each line, skipping maths and roles.

    Maths and cross-reference roles render differently in HTML, so a run must
    not cross them; six words are distinctive enough not to appear by chance.
    """
    out = []
    for line in text.splitlines():
        line = _HTML_TAG.sub(" ", line)  # raw HTML (a link): the pages show its text, not its tags
        for segment in re.split(r"\$[^$]*\$|\{[a-z:]+\}`[^`]*`", line):
            words = re.findall(r"[A-Za-z][A-Za-z'’-]+", segment.replace("`", " ").replace("*", " "))
            if len(words) >= 6:
                out.append(" ".join(words[:6]))
                break
    return out


def _notebook_words(notebook: nbformat.NotebookNode) -> str:
    """Word-normalised text of every cell's source and text outputs."""
    texts = []
    for cell in notebook.cells:
        texts.append(cell.source)
        for output in cell.get("outputs", []):
            texts.append(output.get("text", ""))
            texts += [str(value) for key, value in output.get("data", {}).items() if key.startswith("text/")]
    return _words(" ".join(texts))


def _leak_fragments() -> list[tuple[str, str]]:
    """(notebook name, fragment) for every solution fragment that appears nowhere outside the solutions."""
    paths = sorted((ROOT / "book").glob("*.ipynb"))
    notebooks = [split_solutions(path) for path in paths]
    everything_kept = " ".join(kept for _, kept in notebooks)
    return [
        (path.name, fragment)
        for path, (fragments, _) in zip(paths, notebooks)
        for fragment in fragments
        if fragment not in everything_kept  # the same words outside the solutions are not evidence of a leak
    ]


def check_notebooks(notebook_dir: Path) -> tuple[int, list[str]]:
    """Solution fragments checked, and the problems: a missing notebook or solution text in any of them."""
    texts, problems = {}, []
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        student = notebook_dir / path.name
        if not student.is_file():
            problems.append(f"{student} is missing")
        else:
            texts[path.name] = _notebook_words(nbformat.read(student, as_version=4))
    fragments = _leak_fragments()
    for name, fragment in fragments:
        problems += [f"{other}: solution text of {name}: '{fragment}'" for other, text in texts.items() if fragment in text]
    return len(fragments), problems


def edition_fragments(edition: str) -> list[str]:
    """Runs of six words that only the other edition may show: from `{only} not student` blocks for
    `edition="student"`, from `{only} student` blocks for `edition="full"`."""
    expression = f"not {STUDENT_TAG}" if edition == STUDENT_TAG else STUDENT_TAG
    texts = [path.read_text() for path in sorted((ROOT / "book").glob("*.md"))]
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        texts += [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"]
    bodies = [match["body"] for text in texts for match in _ONLY.finditer(text) if match["expression"] == expression]
    shared = _words(" ".join(_ONLY.sub(" ", text) for text in texts))  # the text both editions show
    return [fragment for body in bodies for fragment in _lines(body) if fragment not in shared]


# Launches: Binder, Colab, and the in-browser edition (lite/, in the same site).
LAUNCH = re.compile(
    r'href="((?:https://(?:mybinder\.org|colab\.research\.google\.com)/|(?:\.\./)*lite/notebooks/index\.html\?path=)[^"]+)"'
)


def check(html_dir: Path) -> int:
    pages = {path: html.unescape(re.sub(r"<[^>]+>", " ", path.read_text())) for path in html_dir.rglob("*.html")}
    texts = {path: " ".join(re.findall(r"[A-Za-z][A-Za-z'’-]+", text)) for path, text in pages.items()}
    problems, checked = [], 0
    for path in html_dir.rglob("*.html"):
        if 'class="solution' in path.read_text() or "solution-content" in path.read_text():
            problems.append(f"{path.relative_to(html_dir)}: a solution element is left")
    for name, fragment in _leak_fragments():
        checked += 1
        for page, text in texts.items():
            if fragment in text:
                problems.append(f"{page.relative_to(html_dir)}: solution text of {name}: '{fragment}'")
    for fragment in edition_fragments(STUDENT_TAG):
        for page, text in texts.items():
            if fragment in text:
                problems.append(f"{page.relative_to(html_dir)}: text of the full edition only: '{fragment}'")
    launches = 0
    for path in pages:
        for url in LAUNCH.findall(path.read_text()):
            launches += 1
            if not re.search(rf"[/=]{STUDENT_PATH}/", url):
                problems.append(f"{path.relative_to(html_dir)}: a launch button opens a full notebook: {url}")
    if pages and not launches:
        problems.append("no page has a Binder or Colab launch button")
    everything = " ".join(texts.values())
    for fragment in edition_fragments("full"):  # what only the student edition says must be in it
        if pages and fragment not in everything:
            problems.append(f"no page has the student edition's text '{fragment}' (is the tag '{STUDENT_TAG}' set?)")
    if not pages:
        problems.append(f"no HTML pages in {html_dir}: build the student edition first")
    for problem in problems:
        print(problem)
    print(f"student edition: {len(pages)} pages, {checked} solution fragments checked, "
          f"{launches} launch links checked, {len(problems)} problems")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "config":
        notebook_cache.write_config(student_config(), Path(argv[1]))
        return 0
    if len(argv) == 2 and argv[0] == "check":
        return check(Path(argv[1]))
    if argv[:1] == ["notebooks"] and len(argv) <= 2:
        written = write_student_notebooks(Path(argv[1]) if len(argv) == 2 else STUDENT_NOTEBOOKS)
        print(f"{len(written)} student notebooks written to {written[0].parent}")
        return 0
    if len(argv) == 2 and argv[0] == "check-notebooks":
        checked, problems = check_notebooks(Path(argv[1]))
        for problem in problems:
            print(problem)
        print(f"student notebooks: {checked} solution fragments checked, {len(problems)} problems")
        return 1 if problems else 0
    if len(argv) == 2 and argv[0] == "stale":
        stale = stale_files(Path(argv[1]))
        for name in stale:
            print(f"{STUDENT_NOTEBOOKS.relative_to(ROOT) / name} is not the student copy of book/{name}")
        if stale:
            print("run `make student-notebooks` and commit student/")
        return 1 if stale else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
