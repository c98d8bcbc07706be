"""The slide decks (tools/slides.py): deck configuration, MyST rendering, tagged cells, and the built decks."""

from __future__ import annotations

import base64
import html
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import slides  # noqa: E402
import student_edition  # noqa: E402

NOTEBOOKS = {"intro", "01_a", "02_b"}
GOOD = {"decks": [{"name": "week-1", "title": "Week 1", "chapters": ["intro", "01_a"]},
                  {"name": "week-2", "title": "Week 2", "chapters": ["02_b"]}]}


def test_a_valid_configuration_gives_its_decks_in_order():
    decks = slides.parse_decks(GOOD, NOTEBOOKS)
    assert decks == [slides.Deck("week-1", "Week 1", ("intro", "01_a")), slides.Deck("week-2", "Week 2", ("02_b",))]


@pytest.mark.parametrize(
    ("decks", "message"),
    [
        ([], r"must hold a non-empty list `decks`"),
        ([{"name": "week-1", "chapters": ["01_a"]}], r"deck 1 must have exactly the keys chapters, name and title"),
        ([{"name": "Week 1", "title": "W", "chapters": ["01_a"]}], r"deck 1: name must be lower-case .* 'Week 1'"),
        ([{"name": "w", "title": "", "chapters": ["01_a"]}], r"deck 'w': title must be a non-empty text"),
        ([{"name": "w", "title": "W", "chapters": []}], r"deck 'w': chapters must be a non-empty list"),
        ([{"name": "w", "title": "W", "chapters": ["03_c"]}], r"deck 'w': chapter '03_c' is not a notebook of book/"),
        ([{"name": "w", "title": "W", "chapters": ["01_a"]}, {"name": "v", "title": "V", "chapters": ["01_a"]}],
         r"deck 'v': chapter '01_a' is already in deck 'w'"),
        ([{"name": "w", "title": "W", "chapters": ["01_a"]}, {"name": "w", "title": "V", "chapters": ["02_b"]}],
         r"deck 2: the name 'w' is used twice"),
    ],
)
def test_a_wrong_configuration_is_refused_with_a_sentence_naming_the_setting(decks, message):
    with pytest.raises(ValueError, match=message):
        slides.parse_decks({"decks": decks}, NOTEBOOKS)


@pytest.fixture(scope="module")
def index() -> slides.BookIndex:
    return slides.book_index()


def test_the_decks_are_the_weeks_of_the_instructor_guide(index):
    # Deck week-N holds, in order, the chapters the guide's schedule rows "week N, day M" name.
    guide = (ROOT / "book" / "instructor_guide.md").read_text()
    for deck in slides.load_decks():
        number = deck.name.removeprefix("week-")
        rows = [row for row in guide.splitlines() if row.startswith(f"| week {number}, ")]
        named = []
        for role, target in re.findall(r"\{(numref|doc)\}`(?:[^`<]*<)?([^`>]+)>?`", "\n".join(rows)):
            document = index.chapter_labels[target] if role == "numref" else target
            named += [document] if document not in named else []
        assert list(deck.chapters) == named, deck.name


def test_the_index_numbers_chapters_statements_and_equations_as_the_book_does(index):
    assert index.numbers["04_hidden_rescaling"] == 4 and "intro" not in index.numbers
    assert index.chapter_labels["ch-hidden-d"] == "04_hidden_rescaling"
    assert index.statements["thm-invariance"] == "Theorem 4.1"
    assert re.fullmatch(r"1\.\d+", index.equations["eq-cosine"])
    assert index.citations["steck2024cosine"] == ("Steck et al.", "2024")
    assert index.citations["schonemann1966procrustes"] == ("Schönemann", "1966")  # {\"o} in references.bib


def test_myst_maths_roles_and_directives_become_slide_html(index):
    text = """See {numref}`Chapter %s <ch-hidden-d>`, {prf:ref}`thm-invariance`, {eq}`eq-cosine`,
{doc}`intro`, {cite:t}`steck2024cosine`, {cite:p}`steck2024cosine` and {func}`cossim.rescale`: $a < b$.

$$
x = 1
$$ (eq-cosine)

```{prf:theorem} A title with $D$
:label: thm-invariance

The statement.
```

```{prf:proof}
Left out.
```
"""
    rendered = slides.render_block(text, index)
    assert "Chapter 4, Theorem 4.1, (1." in rendered
    assert "Is Cosine Similarity of Embeddings Really About Similarity?" in rendered
    assert "Steck <em>et al.</em> [2024], [Steck <em>et al.</em>, 2024] and <code>cossim.rescale()</code>" in rendered
    assert r'<span class="math">\(a &lt; b\)</span>' in rendered
    assert rf"\[x = 1 \tag{{{index.equations['eq-cosine']}}}\]" in rendered
    assert ('<div class="box theorem"><p class="box-title">Theorem 4.1 (A title with '
            r'<span class="math">\(D\)</span>)</p>') in rendered
    assert "Left out" not in rendered and "{" not in re.sub(r"\\[()[\]].*?\\[()[\]]", "", rendered, flags=re.S)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{numref}`Chapter %s <ch-nowhere>`", r"\{numref\}`ch-nowhere`: no such label in the book"),
        ("{cite:t}`nobody2020`", r"a key is not in references.bib"),
        ("{term}`cosine`", r"the role \{term\} is not rendered on slides"),
        ("```{figure} x.png\n```", r"the directive \{figure\} is not rendered on slides"),
    ],
)
def test_myst_that_slides_do_not_render_stops_with_a_message(index, text, message):
    with pytest.raises(ValueError, match=message):
        slides.render_block(text, index)


def test_a_markdown_cell_with_boxes_shows_only_its_boxes(index):
    text = "## A section\n\nProse.\n\n```{admonition} Key takeaways\n:class: important\n\n- one\n```\n\nMore prose."
    leading, body, is_boxes = slides.markdown_slide(text, index)
    assert leading == ["A section"] and is_boxes
    assert "Key takeaways" in body and "Prose" not in body and "More prose" not in body


def test_a_markdown_cell_without_boxes_shows_its_prose_under_its_heading(index):
    leading, body, is_boxes = slides.markdown_slide("(sec-x)=\n## A section\n\nProse.\n\n### Later\n\nMore.", index)
    assert leading == ["A section"] and not is_boxes
    assert body == "<p>Prose.</p>\n<h3>Later</h3>\n<p>More.</p>\n"


PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nfake").decode()


def write_chapter(book: Path, cells: list) -> None:
    notebook = nbformat.v4.new_notebook(cells=cells)
    (book / "01_embeddings_and_cosine.ipynb").write_text(nbformat.writes(notebook) + "\n")


def figure_cell(tags: list[str]) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("plot()", metadata={
        "tags": tags, "mystnb": {"figure": {"caption": "A $D$ caption."}, "image": {"alt": "Two panels."}}})
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
                    nbformat.v4.new_output("stream", text="a table\n")]
    return cell


def test_a_tagged_code_cell_shows_its_figure_and_printed_text_under_the_nearest_heading(tmp_path, index):
    write_chapter(tmp_path, [nbformat.v4.new_markdown_cell("# Embeddings, dot products and cosine\n\n## The toy"),
                             figure_cell([slides.TAG])])
    [slide] = slides.chapter_slides("01_embeddings_and_cosine", index, tmp_path)
    assert slide.images == {"01_embeddings_and_cosine-cell1-1.png": base64.b64decode(PNG)}
    assert '<p class="kicker">Chapter 1 · Embeddings, dot products and cosine</p>\n<h2>The toy</h2>' in slide.html
    assert '<img src="images/01_embeddings_and_cosine-cell1-1.png" alt="Two panels.">' in slide.html
    assert r'<figcaption>A <span class="math">\(D\)</span> caption.</figcaption>' in slide.html
    assert '<pre class="output">a table</pre>' in slide.html


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ([nbformat.v4.new_markdown_cell("```{solution} ch1-ex\nThe answer.\n```", metadata={"tags": [slides.TAG]})],
         r"cell 0 \(tagged 'slide'\): a slide may not hold a solution \(\{solution\}\)"),
        ([nbformat.v4.new_markdown_cell("```{solution-start} ch1-ex\n```"), figure_cell([slides.TAG])],
         r"cell 1 \(tagged 'slide'\): the cell is inside a solution"),
        ([nbformat.v4.new_markdown_cell("```{only} student\nText.\n```", metadata={"tags": [slides.TAG]})],
         r"cell 0 \(tagged 'slide'\): a slide may not hold an \{only\} block"),
        ([nbformat.v4.new_code_cell("x = 1", metadata={"tags": [slides.TAG]})],
         r"cell 0 \(tagged 'slide'\): a tagged code cell needs a figure or printed text"),
    ],
)
def test_a_tagged_cell_that_cannot_be_a_slide_stops_the_build_naming_the_cell(tmp_path, index, cells, message):
    write_chapter(tmp_path, cells)
    with pytest.raises(ValueError, match=r"book/01_embeddings_and_cosine\.ipynb, " + message):
        slides.chapter_slides("01_embeddings_and_cosine", index, tmp_path)


def test_a_cell_after_a_solution_may_be_a_slide(tmp_path, index):
    write_chapter(tmp_path, [nbformat.v4.new_markdown_cell("```{solution-start} ch1-ex\n```"),
                             nbformat.v4.new_code_cell("answer()"),
                             nbformat.v4.new_markdown_cell("```{solution-end}\n```"), figure_cell([slides.TAG])])
    assert len(slides.chapter_slides("01_embeddings_and_cosine", index, tmp_path)) == 1


# --- the decks built from the book -------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("slides")
    return out, slides.build(out)


def slide_texts(page: str) -> list[str]:
    """The text of every slide of a deck page, with its maths (\\(…\\), \\[…\\]) cut out."""
    sections = re.findall(r"<section.*?</section>", page, re.S)
    without_maths = [re.sub(r'<(span|div) class="math">.*?</\1>', " ", section, flags=re.S) for section in sections]
    return [html.unescape(re.sub(r"<[^>]+>", " ", section)) for section in without_maths]


def test_every_deck_has_its_slides_and_a_page(built):
    out, counts = built
    assert set(counts) == {deck.name for deck in slides.load_decks()}
    for name, count in counts.items():
        page = (out / f"{name}.html").read_text()
        assert len(slide_texts(page)) == count
        assert slides.MIN_SLIDES <= count <= slides.MAX_SLIDES, name


def test_the_build_is_byte_for_byte_the_same_every_time(built, tmp_path):
    out, _ = built
    slides.build(tmp_path)
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert all((out / name).read_bytes() == (tmp_path / name).read_bytes() for name in files)


RAW_MYST = re.compile(r"\$|```|:::|\{[a-z:-]+\}|:(label|class|name):|\([a-z0-9-]+\)=|\\[a-zA-Z]+|`")


def test_no_slide_shows_raw_myst(built):
    out, counts = built
    for name in counts:
        for number, text in enumerate(slide_texts((out / f"{name}.html").read_text())):
            assert not RAW_MYST.search(text), f"{name}, slide {number}: {RAW_MYST.search(text)[0]!r} in {text[:300]}"


def test_no_slide_holds_solution_text(built):
    out, counts = built
    fragments = student_edition._leak_fragments()  # what the student edition's check looks for
    assert fragments, "the book has no solutions: nothing would be checked"
    for name in counts:
        words = " ".join(re.findall(r"[A-Za-z][A-Za-z'’-]+", " ".join(slide_texts((out / f"{name}.html").read_text()))))
        assert [fragment for _, fragment in fragments if fragment in words] == [], name


def test_a_deck_loads_only_files_of_its_own_folder(built):
    out, counts = built
    for name in counts:
        page = (out / f"{name}.html").read_text()
        assert "http" not in page
        for reference in re.findall(r'(?:src|href)="([^"]+)"', page):
            assert reference == "data:," or (out / reference).is_file(), f"{name}: {reference} is missing"
    assert (out / "katex" / "dist" / "katex.min.js").is_file() and list((out / slides.KATEX_FONTS).glob("*.woff2"))
