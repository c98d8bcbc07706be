"""Slide decks, one per week of the instructor guide, made from tagged notebook cells (`make slides`).

Usage:
  python tools/slides.py build [OUT_DIR]   write the decks and what they load (default: _build/slides)

Which cells: every cell of a notebook in book/ tagged `slide` is one slide, in
notebook order. Which chapters make which deck is declared in
tools/slides/decks.yml; each deck opens with a title slide and must have
MIN_SLIDES to MAX_SLIDES slides in all. `make book` and `make student` copy the
decks into their sites as slides/NAME.html.

What a slide shows, read from the committed notebook (no kernel runs):
- a code cell: its outputs, never its code; a figure is its PNG with the
  caption and alt text of the cell's metadata, printed text is shown as printed;
- a markdown cell: its statements (theorem, proposition, lemma) and admonitions
  as boxes, if it has any, and nothing else of it; a cell without them shows its
  prose. Proofs, exercises, concept checks and code listings are left out.
- above it, the section heading over the cell (for a slide of boxes, which name
  themselves, the chapter's title), and a line naming the chapter.

The MyST of the cells is parsed with markdown-it-py and mdit-py-plugins (what
myst-parser uses). Maths goes to the page as \\(…\\) and \\[…\\], typeset in
the browser by KaTeX through reveal.js's math plugin; both come from
node_modules (pinned in package.json) and are copied beside the decks, so a
deck loads nothing from elsewhere. Cross-references show what the book's page
shows: "Chapter 4", "Theorem 6.1", "(1.1)", a section's title, "Steck et al.
[2024]". A tagged cell that holds or sits inside a solution, holds an `{only}`
block (the decks serve both editions), or uses MyST this file does not know
stops the build with a message that names the cell.
"""

from __future__ import annotations

import base64
import html
import re
import shutil
import string
import sys
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin
from pybtex.database import parse_file
from pybtex.richtext import Text

import notebook_cache
import print_book

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
SLIDES_DIR = ROOT / "tools" / "slides"
DECKS_FILE = SLIDES_DIR / "decks.yml"
OUT_DIR = ROOT / "_build" / "slides"
NODE_MODULES = ROOT / "node_modules"
TAG = "slide"
MIN_SLIDES, MAX_SLIDES = 10, 15  # per deck, its title slide included

# Files a deck loads, copied from node_modules: {path in the deck folder: path in node_modules}.
# reveal.js's KaTeX plugin, given `local: "katex"`, loads katex/dist/{katex.min.js,
# katex.min.css,contrib/auto-render.min.js}; katex.min.css then asks for the fonts
# (woff2 first, which every current browser takes, so only those are copied).
ASSETS = {
    "reveal/reveal.js": "reveal.js/dist/reveal.js",
    "reveal/reveal.css": "reveal.js/dist/reveal.css",
    "reveal/white.css": "reveal.js/dist/theme/white.css",
    "reveal/math.js": "reveal.js/dist/plugin/math.js",
    "reveal/LICENSE": "reveal.js/LICENSE",
    "katex/dist/katex.min.js": "katex/dist/katex.min.js",
    "katex/dist/katex.min.css": "katex/dist/katex.min.css",
    "katex/dist/contrib/auto-render.min.js": "katex/dist/contrib/auto-render.min.js",
    "katex/LICENSE": "katex/LICENSE",
}
KATEX_FONTS = "katex/dist/fonts"

# Directives: statements shown as boxes (with the name sphinx-proof gives them), and
# the ones a slide leaves out. Any other directive is an error.
BOXES = {"prf:theorem": "Theorem", "prf:proposition": "Proposition", "prf:lemma": "Lemma", "admonition": ""}
LEFT_OUT = {"prf:proof", "exercise", "concept-check", "literalinclude"}
NOT_ON_SLIDES = {  # directive: why a tagged cell may not hold it
    "solution": "a solution", "solution-start": "a solution", "solution-end": "a solution",
    "only": "an {only} block (the decks are shared by the full and the student edition)",
}
NOT_ON_SLIDES_PATTERN = re.compile(r"\{(" + "|".join(NOT_ON_SLIDES) + r")\}")


@dataclass(frozen=True)
class Deck:
    """One deck: its file name (without .html), its title, and the notebooks of book/ it draws on."""

    name: str
    title: str
    chapters: tuple[str, ...]


@dataclass(frozen=True)
class Slide:
    """One slide: its <section> element, and the images it shows (file name in images/: PNG bytes)."""

    html: str
    images: dict[str, bytes] = field(default_factory=dict)


@dataclass
class BookIndex:
    """What cross-references in the book resolve to, collected from its notebooks and pages.

    Attributes
    ----------
    numbers : dict
        Notebook name: chapter number, for the chapters of numbered parts of _toc.yml.
    titles : dict
        Document name (notebook or page of book/): its title, in MyST.
    chapter_labels : dict
        Label of a chapter's first heading: its document name.
    targets : dict
        Label of a heading or a directive: the text a bare {ref} shows, in MyST.
    statements : dict
        Label of a theorem, proposition or lemma: "Theorem 6.1".
    equations : dict
        Label of a numbered equation: "6.1".
    citations : dict
        Key in references.bib: (authors as the book cites them, year).
    """

    numbers: dict[str, int]
    titles: dict[str, str] = field(default_factory=dict)
    chapter_labels: dict[str, str] = field(default_factory=dict)
    targets: dict[str, str] = field(default_factory=dict)
    statements: dict[str, str] = field(default_factory=dict)
    equations: dict[str, str] = field(default_factory=dict)
    citations: dict[str, tuple[str, str]] = field(default_factory=dict)


# --- the deck configuration -------------------------------------------------------------------


def parse_decks(raw: object, notebooks: Collection[str]) -> list[Deck]:
    """The decks of a parsed decks.yml, checked against the names of the notebooks of book/.

    Parameters
    ----------
    raw : object
        The parsed YAML: a mapping with a list ``decks`` of mappings with keys
        ``name`` (lower-case letters, digits and hyphens: the file name),
        ``title`` (text) and ``chapters`` (a list of notebook names).
    notebooks : collection of str
        The notebook names a chapter may be.

    Returns
    -------
    list of Deck

    Raises
    ------
    ValueError
        With one sentence naming the deck and the setting that is wrong.
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("decks"), list) or not raw["decks"]:
        raise ValueError(f"{DECKS_FILE.name} must hold a non-empty list `decks`, got {raw!r}")
    decks, seen_names, seen_chapters = [], set(), {}
    for position, entry in enumerate(raw["decks"], start=1):
        if not isinstance(entry, dict) or set(entry) != {"name", "title", "chapters"}:
            keys = sorted(entry) if isinstance(entry, dict) else entry
            raise ValueError(f"deck {position} must have exactly the keys chapters, name and title, got {keys!r}")
        name, title, chapters = entry["name"], entry["title"], entry["chapters"]
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
            raise ValueError(f"deck {position}: name must be lower-case letters, digits and hyphens, got {name!r}")
        if name in seen_names:
            raise ValueError(f"deck {position}: the name {name!r} is used twice")
        if not isinstance(title, str) or not title.strip():
            raise ValueError(f"deck {name!r}: title must be a non-empty text, got {title!r}")
        if not isinstance(chapters, list) or not chapters:
            raise ValueError(f"deck {name!r}: chapters must be a non-empty list of notebook names, got {chapters!r}")
        for chapter in chapters:
            if chapter not in notebooks:
                raise ValueError(f"deck {name!r}: chapter {chapter!r} is not a notebook of book/ (name without .ipynb)")
            if chapter in seen_chapters:
                raise ValueError(f"deck {name!r}: chapter {chapter!r} is already in deck {seen_chapters[chapter]!r}")
            seen_chapters[chapter] = name
        seen_names.add(name)
        decks.append(Deck(name, title.strip(), tuple(chapters)))
    return decks


def load_decks(path: Path = DECKS_FILE, book: Path = BOOK) -> list[Deck]:
    """The decks of `path`, checked against the notebooks of `book`."""
    return parse_decks(yaml.safe_load(path.read_text()), {p.stem for p in book.glob("*.ipynb")})


# --- MyST to HTML ----------------------------------------------------------------------------


def _parser() -> MarkdownIt:
    """The MyST syntax the book uses: CommonMark, tables, $ and $$ maths, amsmath, roles, targets, ::: fences."""
    return (
        MarkdownIt("commonmark", {"html": True})
        .enable("table")
        .use(dollarmath_plugin, double_inline=True)
        .use(amsmath_plugin)
        .use(myst_role_plugin)
        .use(myst_block_plugin)
        .use(colon_fence_plugin)
    )


def directive(token: Token) -> tuple[str, str] | None:
    """(name, argument) of a fence that is a MyST directive (```{name} argument), else None."""
    match = re.fullmatch(r"\{([\w:-]+)\}\s*(.*)", token.info.strip()) if token.type in ("fence", "colon_fence") else None
    return (match[1], match[2]) if match else None


def directive_body(content: str) -> tuple[dict[str, str], str]:
    """A directive's options (the `:key: value` lines that open its body) and the rest of its body."""
    options, lines = {}, content.split("\n")
    while lines and (option := re.fullmatch(r":([\w-]+):\s*(.*)", lines[0].strip())):
        options[option[1]] = option[2]
        lines.pop(0)
    return options, "\n".join(lines)


def _explicit(content: str) -> tuple[str | None, str]:
    """A role's text and target: "Chapter %s <ch-x>" -> ("Chapter %s", "ch-x"); "ch-x" -> (None, "ch-x")."""
    match = re.fullmatch(r"(.*?)\s*<([^<>]+)>", content.strip(), re.S)
    return (match[1], match[2]) if match else (None, content.strip())


def _lookup(table: dict[str, str], label: str, role: str) -> str:
    if label not in table:
        raise ValueError(f"{{{role}}}`{label}`: no such label in the book")
    return table[label]


def _citation(keys: str, index: BookIndex, parenthetical: bool) -> str:
    """What sphinxcontrib-bibtex's author_year style shows: "Steck et al. [2024]" or "[Steck et al., 2024]" (as text)."""
    cited = [index.citations.get(key.strip()) for key in keys.split(",")]
    if None in cited:
        raise ValueError(f"{{cite}}`{keys}`: a key is not in references.bib")
    if parenthetical:
        return "[" + "; ".join(f"{authors}, {year}" for authors, year in cited) + "]"
    return ", ".join(f"{authors} [{year}]" for authors, year in cited)


def role_html(role: str, content: str, index: BookIndex) -> str:
    """The HTML a MyST role shows on a slide, as the book's page shows it.

    Raises
    ------
    ValueError
        For a label the book does not define, or a role slides do not render.
    """
    text, label = _explicit(content)
    if role == "numref":
        document = _lookup(index.chapter_labels, label, role)
        if document not in index.numbers:
            raise ValueError(f"{{numref}}`{content}`: {document} has no chapter number")
        return html.escape((text or "Chapter %s").replace("%s", str(index.numbers[document])))
    if role in ("cite:t", "cite:p"):
        return html.escape(_citation(content, index, parenthetical=role == "cite:p")).replace("et al.", "<em>et al.</em>")
    if role in ("func", "meth", "mod"):
        shown = label.split(".")[-1] if label.startswith("~") else label
        return f"<code>{html.escape(text or shown + ('()' if role != 'mod' else ''))}</code>"
    if text is not None and role in ("ref", "doc", "prf:ref"):
        return html.escape(text)
    if role == "ref":
        return render_inline(_lookup(index.targets, label, role), index)
    if role == "doc":
        return render_inline(_lookup(index.titles, label, role), index)
    if role == "prf:ref":
        return html.escape(_lookup(index.statements, label, role))
    if role == "eq":
        return f"({html.escape(_lookup(index.equations, label, role))})"
    raise ValueError(f"the role {{{role}}} is not rendered on slides")


def _math(display: bool):
    def rule(renderer, tokens, idx, options, env) -> str:
        tex = tokens[idx].content.strip()
        if tokens[idx].type == "math_block_label" and tokens[idx].info in env["index"].equations:
            tex += f" \\tag{{{env['index'].equations[tokens[idx].info]}}}"  # numbered as on the book's page
        tex = html.escape(tex, quote=False)
        return f'<div class="math">\\[{tex}\\]</div>\n' if display else f'<span class="math">\\({tex}\\)</span>'
    return rule


def _role(renderer, tokens, idx, options, env) -> str:
    return role_html(tokens[idx].meta["name"], tokens[idx].content, env["index"])


def _fence(renderer, tokens, idx, options, env) -> str:
    found = directive(tokens[idx])
    if found is None:
        return renderer.fence(tokens, idx, options, env)
    name, argument = found
    if name in LEFT_OUT:
        return ""
    if name not in BOXES:
        raise ValueError(f"the directive {{{name}}} is not rendered on slides")
    options_, body = directive_body(tokens[idx].content)
    index: BookIndex = env["index"]
    title = render_inline(argument, index)
    if BOXES[name]:
        numbered = index.statements.get(options_.get("label", ""), BOXES[name])
        title = f"{html.escape(numbered)} ({title})" if argument else html.escape(numbered)
    kind = name.split(":")[-1]
    return (f'<div class="box {kind}"><p class="box-title">{title}</p>\n'
            f"{render_block(body, index)}</div>\n")


def _nothing(renderer, tokens, idx, options, env) -> str:
    return ""


_MD = _parser()
for _name, _rule in {
    "math_inline": _math(False), "math_inline_double": _math(True), "math_block": _math(True),
    "math_block_label": _math(True), "amsmath": _math(True), "myst_role": _role,
    "fence": _fence, "colon_fence": _fence, "myst_target": _nothing, "myst_line_comment": _nothing,
}.items():
    _MD.add_render_rule(_name, _rule)


def render_block(text: str, index: BookIndex) -> str:
    """MyST block text as slide HTML."""
    return _MD.render(text, {"index": index})


def render_inline(text: str, index: BookIndex) -> str:
    """One line of MyST (a heading, a title, a caption) as slide HTML, without a paragraph around it."""
    return _MD.renderInline(text, {"index": index})


def blocks(tokens: list[Token]) -> list[list[Token]]:
    """The top-level blocks of a parsed text (a paragraph, a heading, a list, a directive ...), in order."""
    out, current = [], []
    for token in tokens:
        current.append(token)
        if token.level == 0 and token.nesting <= 0:
            out.append(current)
            current = []
    return out


def markdown_slide(text: str, index: BookIndex) -> tuple[list[str], str, bool]:
    """What a tagged markdown cell shows: its leading headings, the body's HTML, and whether it is boxes.

    The body is the cell's boxes (statements and admonitions) if it has any,
    else its prose after any leading headings and targets; a later heading in
    the prose becomes a subheading (h3).
    """
    env = {"index": index}
    parsed = blocks(_MD.parse(text, env))
    boxes = [block for block in parsed if (found := directive(block[0])) and found[0] in BOXES]
    leading = []
    while parsed and parsed[0][0].type in ("heading_open", "myst_target"):
        block = parsed.pop(0)
        if block[0].type == "heading_open":
            leading.append(block[1].content)
    shown = boxes or parsed
    for block in shown:
        if block[0].type == "heading_open":
            block[0].tag = block[-1].tag = "h3"
    return leading, _MD.renderer.render([t for block in shown for t in block], _MD.options, env), bool(boxes)


# --- the book's cross-reference targets --------------------------------------------------------


def _authors(persons) -> str:
    """Authors as the author_year style cites them: "Steck", "Jin and Li", "Steck et al."."""
    names = [Text.from_latex(" ".join(person.prelast_names + person.last_names)).render_as("text") for person in persons]
    return names[0] if len(names) == 1 else " and ".join(names) if len(names) == 2 else f"{names[0]} et al."


def _index_text(text: str, document: str, index: BookIndex, counters: Counter) -> None:
    """Add the headings, labels, statements and equations of one document's text to `index` (in order)."""
    tokens = _MD.parse(text, {"index": index})
    pending_label = None
    for position, token in enumerate(tokens):
        if token.type == "myst_target":
            pending_label = token.content
        elif token.type == "heading_open":
            heading = tokens[position + 1].content
            if token.tag == "h1" and document not in index.titles:
                index.titles[document] = heading
                if pending_label:
                    index.chapter_labels[pending_label] = document
            if pending_label:
                index.targets[pending_label] = heading
            pending_label = None
        elif token.type == "math_block_label" and document in index.numbers:
            counters["equation"] += 1
            index.equations[token.info] = f"{index.numbers[document]}.{counters['equation']}"
        elif found := directive(token):
            options, body = directive_body(token.content)
            if BOXES.get(found[0]):  # sphinx-proof numbers each kind of statement on its own, labelled or not
                counters[found[0]] += 1
            if "label" in options:
                index.targets[options["label"]] = found[1]
                if BOXES.get(found[0]):
                    number = f"{index.numbers[document]}.{counters[found[0]]}" if document in index.numbers else ""
                    index.statements[options["label"]] = f"{BOXES[found[0]]} {number}".strip()
            _index_text(body, document, index, counters)
        elif token.type != "myst_line_comment" and token.level == 0 and token.nesting >= 0:
            pending_label = None


def book_index(book: Path = BOOK, root: Path = ROOT) -> BookIndex:
    """Chapter numbers (from _toc.yml), titles, labels and citations of every notebook and page of `book`."""
    numbered = [c for part in print_book.toc_parts(root) if part["numbered"] for c in part["chapters"]]
    index = BookIndex(numbers={Path(name).name: number for number, name in enumerate(numbered, start=1)})
    for path in sorted(book.glob("*.ipynb")) + sorted(book.glob("*.md")):
        if path.suffix == ".md":
            texts = [path.read_text()]
        else:
            texts = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
        counters = Counter()
        for text in texts:
            _index_text(text, path.stem, index, counters)
    for key, entry in parse_file(root / "references.bib").entries.items():
        index.citations[key] = (_authors(entry.persons["author"]), entry.fields["year"])
    return index


# --- slides ------------------------------------------------------------------------------------


def code_slide(cell: nbformat.NotebookNode, image_stem: str, index: BookIndex) -> tuple[str, dict[str, bytes]]:
    """The body of a tagged code cell's slide (its figures and printed text), and the PNGs it shows."""
    parts, images = [], {}
    for output in cell.outputs:
        data = output.get("data", {})
        if output.output_type == "stream":
            parts.append(f'<pre class="output">{html.escape(output.text.rstrip())}</pre>')
        elif "image/png" in data:
            name = f"{image_stem}-{len(images) + 1}.png"
            images[name] = base64.b64decode(data["image/png"])
            figure = cell.metadata.get("mystnb", {})
            alt = figure.get("image", {}).get("alt", "")
            caption = figure.get("figure", {}).get("caption", "")
            parts.append(f'<figure><img src="images/{name}" alt="{html.escape(alt)}">'
                         + (f"<figcaption>{render_inline(caption, index)}</figcaption>" if caption else "")
                         + "</figure>")
    if not parts:
        raise ValueError("a tagged code cell needs a figure or printed text among its committed outputs")
    return "\n".join(parts) + "\n", images


def cell_headings(source: str) -> list[str]:
    """The text of every top-level heading of a markdown cell, in order (in MyST)."""
    tokens = _MD.parse(source)
    return [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open" and token.level == 0]


def _after_solution_markers(source: str, in_solution: bool) -> bool:
    """Whether the cells after this markdown one are inside a gated solution ({solution-start} ... {solution-end})."""
    for marker in re.findall(r"\{solution-(start|end)\}", source):
        in_solution = marker == "start"
    return in_solution


def cell_slide(cell: nbformat.NotebookNode, name: str, number: int, heading: str, index: BookIndex) -> Slide:
    """The slide of cell `number` of notebook `name`, whose nearest section heading above is `heading`."""
    if cell.cell_type == "code":
        body, images = code_slide(cell, f"{name}-cell{number}", index)
        return _slide(name, heading, body, images, index)
    if forbidden := NOT_ON_SLIDES_PATTERN.search(cell.source):
        raise ValueError(f"a slide may not hold {NOT_ON_SLIDES[forbidden[1]]} ({forbidden[0]})")
    leading, body, is_boxes = markdown_slide(cell.source, index)
    title = index.titles[name] if is_boxes else (leading[-1] if leading else heading)
    return _slide(name, title, body, {}, index)


def chapter_slides(name: str, index: BookIndex, book: Path = BOOK) -> list[Slide]:
    """The slides of the cells tagged `slide` in notebook `name` of `book`, in order.

    Raises
    ------
    ValueError
        Naming the notebook and cell, for a tagged cell inside or holding a
        solution, or one a slide cannot show.
    """
    notebook = nbformat.read(book / f"{name}.ipynb", as_version=4)
    heading, in_solution, slides = index.titles[name], False, []
    for number, cell in enumerate(notebook.cells):
        if TAG in cell.metadata.get("tags", []):
            try:
                if in_solution:
                    raise ValueError("the cell is inside a solution ({solution-start} ... {solution-end})")
                slides.append(cell_slide(cell, name, number, heading, index))
            except ValueError as error:
                raise ValueError(f"book/{name}.ipynb, cell {number} (tagged {TAG!r}): {error}") from None
        if cell.cell_type == "markdown":
            in_solution = _after_solution_markers(cell.source, in_solution)
            heading = ([heading] + cell_headings(cell.source))[-1]
    return slides


def _slide(name: str, title: str, body: str, images: dict[str, bytes], index: BookIndex) -> Slide:
    """A slide of chapter `name` headed `title`; the line above names the chapter (and its title, if not the heading)."""
    chapter_title = index.titles[name]
    parts = [f"Chapter {index.numbers[name]}"] if name in index.numbers else []
    if title != chapter_title:
        parts.append(render_inline(chapter_title, index))
    kicker = f'<p class="kicker">{" · ".join(parts)}</p>\n' if parts else ""
    return Slide(f"<section>\n{kicker}<h2>{render_inline(title, index)}</h2>\n"
                 f'<div class="slide-body">\n{body}</div>\n</section>', images)


def title_slide(deck: Deck, index: BookIndex, book_title: str) -> Slide:
    """The deck's first slide: the book, the deck's title and its chapters."""
    items = "".join(f"<li>{f'Chapter {index.numbers[c]}: ' if c in index.numbers else ''}"
                    f"{render_inline(index.titles[c], index)}</li>\n" for c in deck.chapters)
    return Slide(f'<section class="title-slide">\n<p class="kicker">{html.escape(book_title)}</p>\n'
                 f'<h1>{html.escape(deck.title)}</h1>\n<ul class="chapters">\n{items}</ul>\n</section>')


def deck_slides(deck: Deck, index: BookIndex, book_title: str, book: Path = BOOK) -> list[Slide]:
    """Every slide of a deck: its title slide, then the tagged cells of its chapters."""
    return [title_slide(deck, index, book_title)] + [s for c in deck.chapters for s in chapter_slides(c, index, book)]


def deck_html(deck: Deck, slides: list[Slide], book_title: str) -> str:
    """The deck's page, from tools/slides/deck.html."""
    template = string.Template((SLIDES_DIR / "deck.html").read_text())
    return template.substitute(title=html.escape(f"{deck.title} · {book_title}"),
                               slides="\n".join(slide.html for slide in slides))


def tagged_chapters(book: Path = BOOK) -> set[str]:
    """The notebooks of `book` that have a cell tagged `slide`."""
    return {path.stem for path in book.glob("*.ipynb")
            if any(TAG in c.metadata.get("tags", []) for c in nbformat.read(path, as_version=4).cells)}


def copy_assets(out_dir: Path, node_modules: Path = NODE_MODULES) -> None:
    """Copy reveal.js, KaTeX (script, style, woff2 fonts) and tools/slides/slides.css into `out_dir`."""
    if not (node_modules / "reveal.js").is_dir() or not (node_modules / "katex").is_dir():
        raise FileNotFoundError(f"reveal.js and katex are not in {node_modules}: run `make node_modules/.installed`")
    for target, source in ASSETS.items():
        (out_dir / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / source, out_dir / target)
    (out_dir / KATEX_FONTS).mkdir(parents=True)
    for font in sorted((node_modules / KATEX_FONTS).glob("*.woff2")):
        shutil.copyfile(font, out_dir / KATEX_FONTS / font.name)
    shutil.copyfile(SLIDES_DIR / "slides.css", out_dir / "slides.css")


def build(out_dir: Path = OUT_DIR) -> dict[str, int]:
    """Write every deck, its images and what it loads into `out_dir` (emptied first); return the slide counts.

    Raises
    ------
    ValueError
        If a notebook has tagged cells but is in no deck, if a deck's slide
        count is outside MIN_SLIDES..MAX_SLIDES, or if a tagged cell cannot be a slide.
    """
    decks = load_decks()
    unassigned = tagged_chapters() - {c for deck in decks for c in deck.chapters}
    if unassigned:
        raise ValueError(f"cells tagged {TAG!r} in notebooks of no deck of {DECKS_FILE.name}: {sorted(unassigned)}")
    index = book_index()
    book_title = notebook_cache.load_config()["title"]
    shutil.rmtree(out_dir, ignore_errors=True)
    (out_dir / "images").mkdir(parents=True)
    copy_assets(out_dir)
    counts = {}
    for deck in decks:
        slides = deck_slides(deck, index, book_title)
        if not MIN_SLIDES <= len(slides) <= MAX_SLIDES:
            raise ValueError(f"deck {deck.name!r} has {len(slides)} slides (title slide included); "
                             f"tag cells {TAG!r} so that it has {MIN_SLIDES} to {MAX_SLIDES}")
        for slide in slides:
            for name, data in slide.images.items():
                (out_dir / "images" / name).write_bytes(data)
        (out_dir / f"{deck.name}.html").write_text(deck_html(deck, slides, book_title))
        counts[deck.name] = len(slides)
    return counts


def folder_size(folder: Path) -> int:
    """Bytes of every file under `folder`."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main(argv: list[str]) -> int:
    if argv[:1] == ["build"] and len(argv) <= 2:
        out_dir = Path(argv[1]) if len(argv) == 2 else OUT_DIR
        counts = build(out_dir)
        for name, count in counts.items():
            print(f"{out_dir / name}.html: {count} slides")
        print(f"{out_dir}: {folder_size(out_dir) / 1e6:.2f} MB in all")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
