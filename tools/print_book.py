"""The printed book: `make pdf` builds the PDFs of both editions from the executed notebooks.

Usage:
  python tools/print_book.py build EDITION        singlehtml build of EDITION (full or student)
  python tools/print_book.py print EDITION OUT    print that build to the PDF OUT (student: and the hand-outs)
  python tools/print_book.py all                  build and print both editions (`make pdf`)
  python tools/print_book.py publish HTML_DIR     copy the PDFs into a built site (`make book`)

How: Jupyter Book's ``singlehtml`` builder writes the whole book as one HTML
page, from the same sources and the same jupyter-cache as the website (the
configuration is the one `make book` or `make student` uses, plus the local
extension tools/print/print_build.py). Debian's Chromium, driven by
Playwright, opens that page from a server on 127.0.0.1 (every other request is
refused and counted), waits for MathJax (``MathJax.startup.promise``) and for
the figures, runs tools/print/print.js (title page, contents, part pages,
"Chapter N" headings, concept checks as printed questions with their answers
in an appendix, solutions moved into an appendix in the full edition, links to
the website's files given the website's address, sliders replaced by a note)
with tools/print/print.css, and prints with ``page.pdf`` (A4, page numbers in
the footer). It prints twice: the first print tells on which page each chapter
starts (``pdftotext``), the second, of the same page, has those page numbers in
the contents. From the student edition's page it then prints the weekly problem
sets of book/problem_sets.yml (book/_ext/problem_sets.py), one hand-out each
(``problem-set-week-N.pdf``), by tools/print/handout.js.

`all` skips an edition whose PDFs were printed for the same key (`print_key`:
the key of the notebook cache, all of book/, _toc.yml, _config.yml,
references.bib and the print files), recorded in the PDF's JSON report.

Beside each PDF it writes ``NAME.code.txt``, the text of every code listing
and cell output of the printed page, which tests/print uses to tell raw TeX in
the prose (a failure) from a dollar sign in code (allowed).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

import notebook_cache
import student_edition
from local_browser import chromium, serve

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import problem_sets  # noqa: E402  (the weekly problem sets, also read by the instructor guide's directive)

PRINT_DIR = ROOT / "tools" / "print"
OUT_DIR = ROOT / "_build" / "pdf"
EDITIONS = {
    "full": ("cossim-book.pdf", "Full edition, with the solutions of the exercises in an appendix"),
    "student": ("cossim-book-student.pdf", "Student edition (no solutions)"),
}
SINGLE_PAGE = "book/intro.html"  # where singlehtml writes the whole book, in its output folder
PAGE = "book.html"  # the single page, copied to the root of the build that its links are relative to
FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;color:#444">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def check_edition(edition: str) -> str:
    """Return `edition` if it is one of EDITIONS, else raise a ValueError naming the choices."""
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {sorted(EDITIONS)}, got {edition!r}")
    return edition


def build_dir(edition: str) -> Path:
    """Where the singlehtml build of `edition` goes (jupyter-book nests _build/singlehtml in it)."""
    return OUT_DIR / check_edition(edition)


def print_config(edition: str) -> dict:
    """The website's configuration of `edition`, reading the cache, plus the print extension."""
    config = student_edition.student_config() if check_edition(edition) == "student" else notebook_cache.cached_config()
    config["sphinx"]["local_extensions"]["print_build"] = str(PRINT_DIR)
    return config


def build(edition: str) -> Path:
    """Build the single HTML page of `edition`; return the page's path."""
    out = build_dir(edition)
    shutil.rmtree(out, ignore_errors=True)
    config_path = OUT_DIR / f"{edition}_config.yml"
    notebook_cache.write_config(print_config(edition), config_path)
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--config", str(config_path),
               "--builder", "singlehtml", "--path-output", str(out), "--all", "-W", "-n", "--keep-going"]
    subprocess.run(command, check=True)
    page = out / "_build" / "singlehtml" / SINGLE_PAGE
    if not page.is_file():
        raise FileNotFoundError(f"the singlehtml build wrote no {page}")
    # Its links (_static/, _images/, book/intro.html#…) are relative to the build's root folder.
    shutil.copyfile(page, page.parent.parent / PAGE)
    return page.parent.parent / PAGE


def toc_parts(root: Path = ROOT) -> list[dict]:
    """The parts of _toc.yml: caption (None for the landing page), numbered, chapter docnames."""
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    parts = [{"caption": None, "numbered": False, "chapters": [toc["root"]]}]
    for part in toc.get("parts", []):
        parts.append({"caption": part.get("caption"), "numbered": bool(part.get("numbered")),
                      "chapters": [chapter["file"] for chapter in part["chapters"]]})
    return parts


def site_url(repository_url: str) -> str:
    """The address of the website that the Pages workflow publishes for `repository_url`, or ''.

    GitHub Pages serves the site of https://github.com/OWNER/NAME at
    https://OWNER.github.io/NAME/ (and of NAME = OWNER.github.io at https://OWNER.github.io/);
    for a repository elsewhere the address is not known.
    """
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?", repository_url.strip())
    if not match:
        return ""
    owner, name = match[1].lower(), match[2]
    return f"https://{owner}.github.io/" if name.lower() == f"{owner}.github.io" else f"https://{owner}.github.io/{name}/"


def _commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


def _options(edition: str) -> dict:
    config = notebook_cache.load_config()
    return {
        "title": config["title"],
        "subtitle": "An executable book on Steck, Ekanadham and Kallus (2024), arXiv:2403.05440",
        "author": config.get("author", ""),
        "edition": EDITIONS[edition][1],
        "stamp": f"Printed {time.strftime('%Y-%m-%d')} from commit {_commit()}",
        "parts": toc_parts(),
        "solutionsAppendix": edition == "full",
        "pagePath": SINGLE_PAGE,
        # The website of the full edition is published; where a student edition is, only its instructor knows.
        "siteUrl": site_url(config["repository"]["url"]) if edition == "full" else "",
    }


def _prepare(page, url: str, options: dict) -> dict:
    """Load the page, wait for maths and figures, and turn it into the printed book."""
    page.goto(url, wait_until="load", timeout=180_000)
    page.wait_for_function("() => Boolean(window.MathJax && MathJax.startup && MathJax.startup.promise)",
                           timeout=60_000)
    page.evaluate("() => MathJax.startup.promise")
    page.wait_for_timeout(1500)  # the static sliders draw themselves after load
    page.add_style_tag(path=str(PRINT_DIR / "print.css"))
    result = page.evaluate((PRINT_DIR / "print.js").read_text(), options)
    page.evaluate("""() => Promise.all(Array.from(document.images).map((img) => img.complete ? null :
        new Promise((done) => { img.onload = img.onerror = done; })))""")
    page.emulate_media(media="print")
    return result


def _pdf(page, pdf: Path) -> None:
    page.pdf(path=str(pdf), format="A4", print_background=True, display_header_footer=True,
             header_template="<span></span>", footer_template=FOOTER,
             margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"})


# Page numbers into the contents: the same width for every entry, so no line moves.
SET_PAGES = """(pages) => document.querySelectorAll(".print-toc li[data-target]").forEach((li) => {
  const span = li.querySelector(".print-toc-page");
  if (span) { span.textContent = pages[li.dataset.target] ? String(pages[li.dataset.target]) : ""; }
})"""


def chapter_pages(pdf: Path, chapters: list[dict]) -> dict[str, int]:
    """The page on which each chapter starts: the first page after the contents whose text
    has a line reading exactly its label ("Chapter 3") or, unnumbered, its title."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = [[line.strip() for line in page.splitlines()] for page in text.split("\f")]
    start = next((i for i, lines in enumerate(pages) if "Contents" in lines), 0) + 1
    found: dict[str, int] = {}
    for chapter in chapters:
        wanted = chapter["label"] or chapter["title"]
        for index in range(start, len(pages)):
            if wanted in pages[index]:
                found[chapter["id"]] = index + 1
                start = index
                break
    return found


def handout_spec(problem_set: dict, book_title: str) -> dict:
    """What tools/print/handout.js needs to make the hand-out of one problem set."""
    kinds = "; ".join(f"{kind}: {meaning}" for kind, meaning in problem_sets.KINDS.items())
    return {"book": book_title, "week": problem_set["week"], "title": problem_set["title"],
            "chapters": problem_set["chapters"], "total": problem_sets.TOTAL, "kinds": f"Kinds of exercise — {kinds}.",
            "exercises": problem_set["exercises"]}


def handout_pdfs(edition: str) -> list[Path]:
    """The hand-outs that printing `edition` writes: the problem sets, from the student edition only
    (its page has no solutions; see `print_handouts`)."""
    return [OUT_DIR / problem_sets.handout_name(s["week"]) for s in problem_sets.load()] if edition == "student" else []


def print_handouts(page, book_title: str) -> list[dict]:
    """Print every problem set from the printed student edition's `page`; return what each holds."""
    printed = []
    for problem_set in problem_sets.load():
        start = time.perf_counter()
        result = page.evaluate((PRINT_DIR / "handout.js").read_text(), handout_spec(problem_set, book_title))
        if result["missing"]:
            raise RuntimeError(f"problem set {problem_set['week']}: no exercise {', '.join(result['missing'])} "
                               "in the student edition's page")
        out = OUT_DIR / problem_sets.handout_name(problem_set["week"])
        _pdf(page, out)
        printed.append({"file": out.name, "exercises": result["found"],
                        "seconds": round(time.perf_counter() - start, 1)})
    return printed


def print_pdf(edition: str, out: Path, key: str = "") -> dict:
    """Print the singlehtml build of `edition` to `out` (and, from the student edition, the
    problem-set hand-outs); return what was printed (counts, seconds)."""
    folder = build_dir(edition) / "_build" / "singlehtml"
    if not (folder / PAGE).is_file():
        raise FileNotFoundError(f"no singlehtml build in {folder}: run `python tools/print_book.py build {edition}`")
    out.parent.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    start = time.perf_counter()
    with serve(folder) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1000, "height": 1400})

        def route(request_route) -> None:
            if request_route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
                request_route.continue_()
            else:
                outside.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", route)
        url = f"{base}/{PAGE}"
        options = _options(edition)
        result = _prepare(page, url, options)
        _pdf(page, out)
        pages = chapter_pages(out, result["chapters"] + result["appendices"])
        page.evaluate(SET_PAGES, pages)
        _pdf(page, out)
        printed_handouts = print_handouts(page, options["title"]) if edition == "student" else []
    expected = sum(len(part["chapters"]) for part in toc_parts()) - 1  # the landing page opens the single page
    if len(result["chapters"]) != expected:
        raise RuntimeError(f"the print found {len(result['chapters'])} of the {expected} chapters and appendices "
                           f"of _toc.yml in {folder / PAGE}: see tools/print/print.js")
    out.with_suffix(".code.txt").write_text(result.pop("code"))
    result.update(pages=pages, handouts=printed_handouts, outside_requests=outside,
                  seconds=round(time.perf_counter() - start, 1), key=key)
    out.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n")
    return result


def print_key(root: Path = ROOT) -> str:
    """A hash of everything a PDF depends on.

    The notebook cache's key (the outputs), everything in book/ (the pages,
    the extensions and their data such as the problem sets, which that key
    partly leaves out), the book's configuration and bibliography, and the
    print files.
    """
    import hashlib

    digest = hashlib.sha256(notebook_cache.cache_key(root).encode())
    book = sorted(path for path in (root / "book").rglob("*") if "__pycache__" not in path.parts)
    files = [root / "_toc.yml", root / "_config.yml", root / "references.bib", Path(__file__).resolve(),
             *sorted(PRINT_DIR.glob("*")), *book]
    for path in files:
        if path.is_file():
            name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def up_to_date(pdf: Path, key: str) -> bool:
    """Whether `pdf` and its report exist and the report records `key`."""
    report = pdf.with_suffix(".json")
    return pdf.is_file() and report.is_file() and json.loads(report.read_text()).get("key") == key


def print_all() -> int:
    """Build and print every edition that is not up to date; 1 if any print reached off 127.0.0.1."""
    key, status = print_key(), 0
    for edition, (name, _) in EDITIONS.items():
        out = OUT_DIR / name
        if up_to_date(out, key) and all(path.is_file() for path in handout_pdfs(edition)):
            print(f"{out.relative_to(ROOT)}: up to date")
            continue
        start = time.perf_counter()
        build(edition)
        status |= report(out, print_pdf(edition, out, key), time.perf_counter() - start)
    return status


def report(out: Path, result: dict, seconds: float) -> int:
    """Print one line about the PDF `out`; 1 if a request left 127.0.0.1."""
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
    print(f"{out}: {pages[1] if pages else '?'} pages, {out.stat().st_size / 1e6:.1f} MB, "
          f"{len(result['chapters'])} chapters, {result['exercises']} exercises, "
          f"{result['moved']} solutions in the appendix, {result['sliders']} sliders replaced by a note, "
          f"{result['conceptChecks']} concept checks answered in an appendix, "
          f"{result['siteLinks']} links to the website's files, "
          f"{len(result['handouts'])} problem-set hand-outs ({sum(h['seconds'] for h in result['handouts']):.1f} s), "
          f"{len(result['outside_requests'])} requests off 127.0.0.1 refused; "
          f"printed in {result['seconds']} s, built and printed in {seconds:.0f} s")
    return 1 if result["outside_requests"] else 0


LINK = re.compile(r'href="([^"#]*pdf/[^"#/]+\.pdf)"')


def publish(html_dir: Path) -> list[Path]:
    """Copy the PDFs that the site's edition offers into `html_dir`/pdf/: the problem-set hand-outs,
    and the book (the student site: its own edition only)."""
    if not (html_dir / "index.html").is_file():
        raise FileNotFoundError(f"no built site in {html_dir}")
    student = "student" in str(html_dir.relative_to(ROOT) if html_dir.is_relative_to(ROOT) else html_dir)
    books = [EDITIONS["student"][0]] if student else [EDITIONS["full"][0], EDITIONS["student"][0]]
    names = books + [path.name for path in handout_pdfs("student")]
    target = html_dir / "pdf"
    target.mkdir(exist_ok=True)
    copied = []
    for name in names:
        source = OUT_DIR / name
        if not source.is_file():
            raise FileNotFoundError(f"{source} is missing: run `make pdf` first")
        shutil.copyfile(source, target / name)
        copied.append(target / name)
    broken = [f"{page.relative_to(html_dir)}: {href}" for page in html_dir.rglob("*.html")
              for href in LINK.findall(page.read_text()) if not (page.parent / href).resolve().is_file()]
    if broken:
        raise FileNotFoundError("links to PDFs that the site does not have:\n" + "\n".join(broken))
    return copied


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "build":
        build(argv[1])
        return 0
    if len(argv) == 3 and argv[0] == "print":
        out = Path(argv[2])
        return report(out, print_pdf(argv[1], out), 0)
    if argv == ["all"]:
        return print_all()
    if len(argv) == 2 and argv[0] == "publish":
        for path in publish(Path(argv[1]).resolve()):
            print(f"copied {path}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
