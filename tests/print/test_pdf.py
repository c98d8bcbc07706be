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
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import problem_sets  # noqa: E402
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

if not all(shutil.which(tool) for tool in ("pdftotext", "pdfinfo", "pdftohtml")):
    pytest.fail("pdftotext, pdfinfo and pdftohtml (Debian package poppler-utils) are needed", pytrace=False)


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
    appendices = {"print-cc-answers", "print-solutions"} if pdf == FULL else {"print-cc-answers"}
    assert {appendix["id"] for appendix in report["appendices"]} == appendices
    assert set(report["pages"]) == {chapter["id"] for chapter in report["chapters"]} | appendices


# --- Concept checks: printed questions, answers in their appendix --------------------------------------

CONCEPT_CHECK = re.compile(r"^(`{3,}|:{3,})\{concept-check\}[ \t]*([^\n]*)\n(.*?)^\1[ \t]*$", re.M | re.S)


def markdown_of(path: Path) -> str:
    return "\n\n".join(c.source for c in nbformat.read(path, 4).cells if c.cell_type == "markdown")


def concept_checks() -> list[dict]:
    """Every concept check of the chapter notebooks, in order, as its printed name ("Concept check 3.2"),
    the printed answer ("(b)", or for a number the listed value within the tolerance), and runs of six words (as the
    solution check uses, maths and roles skipped) of its question and options and of its explanations."""
    checks = []
    for path in sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb")):
        for k, match in enumerate(CONCEPT_CHECK.finditer(markdown_of(path)), 1):
            body = match[3]
            options = dict(re.findall(r"^:(\w+):[ \t]*(.*)$", body, re.M))
            items = [item.split("\n\n", 1) for item in re.split(r"^- ", body, flags=re.M)[1:]]
            values = [first.strip() for first, _ in items]
            if options.get("kind") == "number":
                target, tolerance = float(options["answer"]), float(options.get("tolerance", 0))
                value = next(v for v in values if v != "other" and abs(float(v.replace("−", "-")) - target) <= tolerance)
                answer = f"{value} (± {tolerance:g})" if tolerance else value
            else:
                answer = "(" + "abcdef"[int(options["answer"]) - 1] + ")"
            run = lambda text: [flat(f).replace("-", "") for f in student_edition._lines(text)]  # noqa: E731
            checks.append({"name": f"Concept check {int(path.name[:2])}.{k}", "answer": answer,
                           "question": run(match[2]) + [f for first, _ in items for f in run(first)],
                           "explanations": [f for _, rest in items for f in run(rest)]})
    return checks


def instructions_for_the_website() -> list[str]:
    """The paragraph before each chapter's first concept check: what the page does when you choose."""
    paragraphs = []
    for path in sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb")):
        before = CONCEPT_CHECK.split(markdown_of(path), maxsplit=1)[0]
        paragraphs.append(flat(before.strip().split("\n\n")[-1]))
    return paragraphs


def between(text: str, start: str, end: str) -> str:
    """The words of `text` from the first `start` to the next `end` after it ('' if `start` is missing)."""
    first = text.find(start)
    return "" if first < 0 else words(text[first:text.find(end, first + len(start))])


@pytest.mark.parametrize("edition", ["full", "student"])
def test_concept_checks_print_as_questions_with_lettered_options_and_no_widgets(texts, edition):
    text = flat(texts[edition])
    checks = concept_checks()
    assert sum(len(check["question"]) for check in checks) > 50  # enough words to look for
    for check in checks:
        printed = between(text, check["name"] + ". ", "Answer in the appendix: " + check["name"])
        assert printed, f"{check['name']} is not printed as a question followed by its link to the answer"
        missing = [f for f in check["question"] if f not in printed]
        assert not missing, f"{check['name']}: question or options not printed under it: {missing}"
    assert "(a) " in text and "(b) " in text
    # The website's controls and instructions: the number box's label, its button, the radio tag.
    assert "Your answer" not in text and "CONCEPT CHECK" not in text
    assert not re.search(r"^Check$", texts[edition], re.M)
    left = [line for line in instructions_for_the_website() if line in text]
    assert not left, f"instructions for the website printed: {left[:2]}"


@pytest.mark.parametrize("edition", ["full", "student"])
def test_every_concept_check_is_answered_and_explained_in_the_appendix(texts, edition):
    text = flat(texts[edition])
    start = text.rfind("Answers to the concept checks")  # the appendix (the first is the contents' entry)
    assert start > len(text) // 2, "no appendix of concept-check answers near the end"
    appendix = text[start:]
    missing, fragments = [], 0
    for check in concept_checks():
        answer = between(appendix, f"{check['name']}. Answer: {check['answer']}.", "Concept check ")
        assert answer, f"{check['name']}: no 'Answer: {check['answer']}.' in the appendix"
        missing += [(check["name"], f) for f in check["explanations"] if f not in answer]
        fragments += len(check["explanations"])
    # As for the solutions: pdftotext may read a word after a formula's subscript out of order.
    assert len(missing) <= 0.02 * fragments, f"{len(missing)} of {fragments} explanation runs missing: {missing}"


# --- Links: inside the PDF, or to an address on the web ---------------------------------------------

def pdf_links(pdf: Path) -> list[str]:
    """The targets of every link of `pdf`; pdftohtml writes a link inside the PDF as "NAME.html#PAGE"."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-stdout", str(require(pdf))], check=True,
                         capture_output=True, text=True).stdout
    return re.findall(r'<a href="([^"]*)"', xml)


HANDOUTS = [print_book.OUT_DIR / problem_sets.handout_name(s["week"]) for s in problem_sets.load()]


def links_inside(pdf: Path) -> list[str]:
    return [link for link in pdf_links(pdf) if link.startswith(f"{pdf.stem}.html#")]


@pytest.mark.parametrize("pdf", [FULL, STUDENT, *HANDOUTS], ids=lambda pdf: pdf.stem)
def test_every_link_leads_inside_the_pdf_or_to_the_web(pdf):
    inside = links_inside(pdf)
    dead = [link for link in pdf_links(pdf) if link not in inside
            and not re.match(r"https?://(?!127\.0\.0\.1|localhost)[^/]+", link)]
    assert not dead, f"{len(dead)} links of {pdf.name} lead to files that are not in it, e.g. {dead[:5]}"


@pytest.mark.parametrize("edition", ["full", "student"])
def test_the_page_s_links_to_itself_are_links_inside_the_pdf(edition):
    # Cross-references, citations, the contents: singlehtml writes them as links to its own page.
    page = (print_book.build_dir(edition) / "_build" / "singlehtml" / print_book.PAGE).read_text()
    own = len(re.findall(r'href="' + re.escape(print_book.SINGLE_PAGE) + "#", page))
    pdf = FULL if edition == "full" else STUDENT
    assert len(links_inside(pdf)) >= own > 0


def test_links_to_the_website_s_files_print_its_address(texts):
    # The landing page offers the PDFs; in the full edition with the published site's address,
    # in the student edition (whose website's address only its instructor knows) by name.
    site = print_book.site_url(print_book.notebook_cache.load_config()["repository"]["url"])
    student_pdf = "pdf/" + print_book.EDITIONS["student"][0]
    assert site and f"({site}{student_pdf})" in flat(texts["full"]).replace(" ", "")
    assert f"(on the website: {student_pdf})" in flat(texts["student"])
    assert f"{site}{student_pdf}" in pdf_links(FULL)


# --- The problem-set hand-outs ----------------------------------------------------------------------

@pytest.mark.parametrize("problem_set", problem_sets.load(), ids=lambda s: f"week-{s['week']}")
def test_a_problem_set_hand_out_has_its_header_and_each_exercise_with_its_points(problem_set):
    pdf = print_book.OUT_DIR / problem_sets.handout_name(problem_set["week"])
    text = flat(pdf_text(pdf))
    for part in (problem_set["title"], f"Problem set {problem_set['week']}: {flat(problem_set['title'])}",
                 problem_set["chapters"], f"{problem_sets.TOTAL} points in total", "Name:"):
        assert flat(part) in text, f"{pdf.name}: no {part!r} in its header"
    titles = problem_sets.exercises()
    position = 0
    for item in problem_set["exercises"]:
        heading = f"({flat(titles[item['label']])}) {item['points']} points · {item['kind']}"
        found = text.find(heading, position)
        assert found >= 0, f"{pdf.name}: no {heading!r} after the previous exercise"
        position = found
    assert 1 <= page_count(pdf) <= len(problem_set["exercises"]) + 1


@pytest.mark.parametrize("pdf", HANDOUTS, ids=lambda pdf: pdf.stem)
def test_a_problem_set_hand_out_has_no_solution_and_no_raw_tex(pdf):
    text = pdf_text(pdf)
    assert "Solution" not in text
    leaked = [fragment for fragment in solution_fragments() if fragment in words(text)]
    assert not leaked, f"solution text in {pdf.name}: {leaked[:3]}"
    raw = [line for line in text.splitlines() if TEX.search(line)]
    assert not raw, f"raw TeX in {pdf.name}: {raw[:3]}"
