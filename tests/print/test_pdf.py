"""The printed book (`make pdf`): both PDFs read back with poppler's pdftotext and pdfinfo.

`make test-print` builds the PDFs first; run alone, these tests fail with a
message if a PDF is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import print_book  # noqa: E402
import student_edition  # noqa: E402

FULL = print_book.OUT_DIR / print_book.EDITIONS["full"][0]
STUDENT = print_book.OUT_DIR / print_book.EDITIONS["student"][0]
# The book has 17 chapters and 8 appendices; printed on A4, the full edition
# came to about 350 pages and the student one about 40 fewer. The range is
# wide enough for ordinary edits and narrow enough to catch a lost part
# (a missing chapter or appendix) or a layout that blew up (figures one per page).
FULL_PAGES = (250, 480)
STUDENT_PAGES = (220, 440)
# Raw TeX: a command, an unrendered \( \) \[ \] delimiter or a dollar sign.
TEX = re.compile(r"\\(?:frac|mathrm|mathbf|mathbb|operatorname|top|sum|sqrt|left|right|begin|end|lambda|sigma|"
                 r"cdot|quad|text|hat|tilde|langle|rangle|Vert|in)\b|\\[()\[\]]|\$")

if not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
    pytest.fail("pdftotext and pdfinfo (Debian package poppler-utils) are needed", pytrace=False)


def require(pdf: Path) -> Path:
    if not pdf.is_file():
        pytest.fail(f"{pdf} is missing: run `make pdf`", pytrace=False)
    return pdf


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(require(pdf))], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(require(pdf)), "-"], check=True, capture_output=True, text=True).stdout


def flat(text: str) -> str:
    """Whitespace collapsed and typographic quotes made plain, so wrapped lines compare equal."""
    return " ".join(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split())


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {"full": pdf_text(FULL), "student": pdf_text(STUDENT)}


def chapter_titles() -> list[tuple[bool, str]]:
    """(numbered, title) of every file of _toc.yml, from its first level-1 heading."""
    titles = []
    for part in print_book.toc_parts():
        for name in part["chapters"]:
            path = ROOT / f"{name}.ipynb"
            if path.exists():
                source = "\n".join(c.source for c in nbformat.read(path, 4).cells if c.cell_type == "markdown")
            else:
                source = (ROOT / f"{name}.md").read_text()
            titles.append((part["numbered"], re.search(r"^# (.+)$", source, re.M)[1].replace("`", "")))
    return titles


def exercise_counts() -> dict[int, int]:
    """Chapter number → how many exercises its notebook defines."""
    counts = {}
    for path in sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb")):
        source = "\n".join(c.source for c in nbformat.read(path, 4).cells if c.cell_type == "markdown")
        counts[int(path.name[:2])] = len(re.findall(r"^(?:`{3,}|:{3,})\{exercise(?:-start)?\}", source, re.M))
    return counts


@pytest.mark.parametrize(("pdf", "bounds"), [(FULL, FULL_PAGES), (STUDENT, STUDENT_PAGES)], ids=["full", "student"])
def test_page_count_is_in_range(pdf, bounds):
    pages = page_count(pdf)
    print(f"{pdf.name}: {pages} pages, {pdf.stat().st_size / 1e6:.1f} MB")
    assert bounds[0] <= pages <= bounds[1]


def test_the_student_edition_is_shorter_by_the_solutions():
    assert page_count(STUDENT) < page_count(FULL)


@pytest.mark.parametrize("edition", ["full", "student"])
def test_every_chapter_title_is_printed_and_numbered_chapters_say_chapter_n(texts, edition):
    text = flat(texts[edition])
    number = 0
    for numbered, title in chapter_titles():
        assert flat(title) in text, f"title {title!r} not in the {edition} PDF"
        if numbered:
            number += 1
            assert f"Chapter {number} {flat(title)}" in text, f"no 'Chapter {number}' heading before {title!r}"
    assert number == 17


@pytest.mark.parametrize("edition", ["full", "student"])
def test_no_raw_tex_outside_code(texts, edition):
    # A line of the PDF with a TeX command, delimiter or dollar sign is allowed only
    # if it is part of a code listing or cell output of the printed page, whose text
    # the printer saved beside the PDF (a "$" in a Python string is no leak).
    pdf = FULL if edition == "full" else STUDENT
    code = flat(pdf.with_suffix(".code.txt").read_text())
    suspicious = [line for line in texts[edition].splitlines() if TEX.search(line)]
    leaks = [line for line in suspicious if flat(line) not in code]
    assert not leaks, f"{len(leaks)} lines with raw TeX, e.g.:\n" + "\n".join(leaks[:10])


@pytest.mark.parametrize("edition", ["full", "student"])
def test_maths_was_typeset(texts, edition):
    # MathJax's output has no TeX source in it; a typeset formula such as X ≈ XABᵀ shows its symbols.
    assert "≈" in texts[edition]


@pytest.mark.parametrize("edition", ["full", "student"])
def test_every_exercise_number_is_printed(texts, edition):
    text = texts[edition]
    counts = exercise_counts()
    assert sum(counts.values()) > 50
    for chapter, count in counts.items():
        for k in range(1, count + 1):
            assert f"Exercise {chapter}.{k}" in text, f"Exercise {chapter}.{k} missing in the {edition} PDF"


def tex_commands() -> set[str]:
    """Names of the TeX commands in the notebooks (``\\lambda`` gives "lambda")."""
    names = set()
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        for cell in nbformat.read(path, 4).cells:
            names.update(re.findall(r"\\([A-Za-z]+)", cell.source))
    return names


def solution_fragments() -> list[str]:
    """Runs of six words of the solutions (as the website's check uses), in plain quotes; runs
    with a word that is a TeX command are left out: display maths prints as symbols, not words."""
    commands = tex_commands()
    fragments = [flat(fragment).replace("-", "") for _, fragment in student_edition._leak_fragments()
                 if not commands.intersection(fragment.split())]
    assert len(fragments) > 100  # the notebooks do have solutions to look for
    return fragments


def words(text: str) -> str:
    """Words as the fragments have them; hyphens dropped (pdftotext reads "co-occurs" as "cooccurs")."""
    return student_edition._words(flat(text).replace("-", ""))


def test_the_full_edition_prints_every_solution_in_its_appendix(texts):
    text = texts["full"]
    start = text.rfind("Solutions to the exercises")  # the appendix (the first is the contents' entry)
    assert start > len(text) // 2, "no solutions appendix near the end"
    appendix = words(text[start:])
    fragments = solution_fragments()
    missing = [fragment for fragment in fragments if fragment not in appendix]
    # pdftotext reads a line with inline maths in layout order, which can put a word that
    # follows a formula's subscript after it ("multiply by $C_2$"): allow 2 % such runs.
    print(f"{len(fragments) - len(missing)} of {len(fragments)} solution fragments found in the appendix")
    assert len(missing) <= 0.02 * len(fragments), f"{len(missing)} solution fragments not in the appendix: {missing}"
    assert "Solution to Exercise 3.1" in flat(text[start:])
    assert "Solution in the appendix: Exercise 3.1" in flat(text[:start])


def test_the_student_edition_prints_no_solution(texts):
    printed = words(texts["student"])
    leaked = [fragment for fragment in solution_fragments() if fragment in printed]
    assert not leaked, f"solution text in the student PDF: {leaked[:3]}"
    assert "Solution to Exercise" not in texts["student"]
    assert "Solutions to the exercises" not in texts["student"]


@pytest.mark.parametrize("pdf", [FULL, STUDENT], ids=["full", "student"])
def test_nothing_was_requested_off_this_machine_and_every_chapter_was_found(pdf):
    report = json.loads(require(pdf).with_suffix(".json").read_text())
    assert report["outside_requests"] == []
    # Every file of _toc.yml but the landing page, which the single page opens with (no marker of its own).
    assert len(report["chapters"]) == len(chapter_titles()) - 1
    # every contents line has a page (and the full edition's solutions appendix too)
    assert set(report["pages"]) - {"print-solutions"} == {chapter["id"] for chapter in report["chapters"]}
    assert ("print-solutions" in report["pages"]) == (pdf == FULL)
