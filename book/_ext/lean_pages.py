"""Sphinx extension: each page of the website downloads only what it needs.

Measured in a browser (tests/browser/test_page_weight.py), every page of the
book used to transfer about 3.9 MB, and the slider pages 8.5 and 10.2 MB.  This
extension removes the waste at build time, without any network access:

* **FontAwesome.**  pydata-sphinx-theme 0.17 loads FontAwesome's SVG+JS kit
  (``_static/scripts/fontawesome.js``, 1.4 MB, every icon there is) on every
  page, although its stylesheet already draws every ``fa-*`` icon from
  FontAwesome's web fonts.  The kit is replaced by a one-line stub, and the
  three web fonts (275 KB that a page downloads) by subsets holding only the
  icons that the site's pages, scripts and stylesheets name
  (``_static/icons/``, a few KB, WOFF).  Each subset face declares its
  ``unicode-range``, so an icon outside it still falls back to the theme's
  full font rather than vanishing; the theme stylesheet's table of 1,900
  icon classes (70 kB) keeps the rules of the icons used.
* **Widget state.**  myst-nb embeds the state of every widget a notebook
  created, including those of cells the website hides (the live sliders need a
  kernel), with each pre-rendered frame as base64 inside the page.  The state
  of each page is cut down to the widgets it shows (and the links between
  them), and each image frame is written to ``_images/frames/`` and referred to
  by URL, so a reader downloads a frame when it is shown, and only once.
* **Assets of unused extensions.**  sphinx-design's stylesheet and script go
  only to pages that use its components (none today).
* **Figures.**  PNG figures are served as lossless WebP (the same pixels,
  about half the bytes).
* **Markup.**  Two attributes of myst-nb's and Sphinx's HTML that screen
  readers misread (see MARKUP_FIXES).
* **Search scripts.**  The theme loads the whole search index (130 kB and
  growing) on every page for a search-as-you-type box the book does not
  enable; ``templates/layout.html`` leaves it to the search page.
* **Text tables in cell outputs.**  Output lines wrap (book.css) so that long
  prose-like lines stay readable without a sideways scroll bar; printed
  tables must never wrap.  Runs of table lines (a ``tabulate`` header, its
  rule of dashes and the rows aligned with it, or a printed NumPy matrix) are
  marked ``<span class="output-table">``, which book.css keeps on one line
  each; the output box then scrolls sideways when a table is wider than it.

MathJax's share is set in ``_config.yml`` (``mathjax_path`` and
``mathjax3_config.loader``): the components a page needs, not the 1.1 MB
``tex-chtml.js`` with its context menu.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

STATE_MIME = "application/vnd.jupyter.widget-state+json"
VIEW_RE = re.compile(r'<script type="application/vnd\.jupyter\.widget-view\+json">(.*?)</script>', re.S)
MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")
DATA_URI = re.compile(r"data:image/(png|jpeg|webp|gif);base64,([A-Za-z0-9+/=]+)")
FONT_STUB = (
    "/* FontAwesome's SVG+JS kit is not loaded: the icons are drawn from subset web fonts "
    "(_static/icons/, written by book/_ext/lean_pages.py). */\n"
)
FONTS = {  # theme font → (family, weight) of its @font-face
    "fa-solid-900": ("Font Awesome 6 Free", 900),
    "fa-regular-400": ("Font Awesome 6 Free", 400),
    "fa-brands-400": ("Font Awesome 6 Brands", 400),
}


# --- widget state --------------------------------------------------------------------------------


def _reachable(state: dict, roots: set[str]) -> set[str]:
    """Model ids reachable from ``roots``, plus the link models between reachable models."""
    keep: set[str] = set()
    todo = [r for r in roots if r in state]
    while todo:
        model_id = todo.pop()
        if model_id in keep:
            continue
        keep.add(model_id)
        todo.extend(ref for ref in MODEL_REF.findall(json.dumps(state[model_id]["state"])) if ref in state)
    for model_id, model in state.items():
        if model["model_name"] in ("LinkModel", "DirectionalLinkModel"):
            ends = MODEL_REF.findall(json.dumps([model["state"].get("source"), model["state"].get("target")]))
            if ends and all(end in keep for end in ends):
                keep.add(model_id)
                keep.update(ref for ref in MODEL_REF.findall(json.dumps(model["state"])) if ref in state)
    return keep


def _frames_to_files(value, write) -> object:
    """Replace every base64 image in the strings of ``value`` by the URL ``write`` returns for it."""
    if isinstance(value, str):
        return DATA_URI.sub(lambda m: write(m.group(1), base64.b64decode(m.group(2))), value)
    if isinstance(value, list):
        return [_frames_to_files(v, write) for v in value]
    if isinstance(value, dict):
        return {k: _frames_to_files(v, write) for k, v in value.items()}
    return value


def lean_widget_state(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    scripts = context.get("script_files") or []
    body = context.get("body") or ""
    for script in scripts:
        attributes = getattr(script, "attributes", {})
        if attributes.get("type") != STATE_MIME or "body" not in attributes:
            continue
        data = json.loads(attributes["body"])
        state = data.get("state", {})
        roots = {json.loads(html.unescape(v))["model_id"] for v in VIEW_RE.findall(body)}
        keep = _reachable(state, roots)
        before = len(attributes["body"])
        frames = Path(app.outdir) / "_images" / "frames"

        def write(kind: str, raw: bytes) -> str:
            name = f"{hashlib.sha256(raw).hexdigest()[:20]}.{'jpg' if kind == 'jpeg' else kind}"
            frames.mkdir(parents=True, exist_ok=True)
            target = frames / name
            if not target.exists():
                target.write_bytes(raw)
            return context["pathto"](f"_images/frames/{name}", 1)

        data["state"] = {k: _frames_to_files(v, write) for k, v in state.items() if k in keep}
        text = json.dumps(data).replace("</", "<\\/")  # as myst-nb's sanitize_script_content, and more
        attributes["body"] = text
        logger.info(
            f"[lean_pages] {pagename}: widget state {before // 1000} kB -> {len(text) // 1000} kB "
            f"({len(keep)} of {len(state)} models)"
        )


# --- assets a page does not use -------------------------------------------------------------------

# Stylesheets and scripts that extensions add to every page, and the mark in a
# page's body that shows the page uses them.
PAGE_ASSETS = [
    ("sphinx-design", ("sphinx-design.min.css", "design-tabs.js"), re.compile(r'class="[^"]*\bsd-')),
]


def drop_unused_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body") or ""
    if not body:
        return
    for _, files, used in PAGE_ASSETS:
        if used.search(body):
            continue
        for key in ("css_files", "script_files"):
            assets = context.get(key)
            if assets is not None:
                assets[:] = [a for a in assets if not str(getattr(a, "filename", a)).endswith(files)]


# --- markup that assistive technology misreads ----------------------------------------------------

MARKUP_FIXES = [
    # myst-nb's hidden-code toggles: an aria-label "Toggle hidden content" replaces the visible
    # "Show code cell source" (axe: label-content-name-mismatch).  Without it the name is the text shown.
    (re.compile(r'<summary aria-label="Toggle hidden content">'), "<summary>"),
    # Sphinx's citation list is role="list" whose entries have the deprecated role doc-biblioentry,
    # so the list has no list items (axe: aria-required-children, critical; aria-deprecated-role).
    (re.compile(r'(<div class="citation" id="[^"]*") role="doc-biblioentry"'), r'\1 role="listitem"'),
]


def fix_markup(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body") or ""
    for pattern, replacement in MARKUP_FIXES:
        body = pattern.sub(replacement, body)
    if body:
        context["body"] = body


# --- text tables in outputs ----------------------------------------------------------------------

OUTPUT_PRE = re.compile(
    r'(<div class="output (?:stream|text_plain)[^"]*">\s*<div class="highlight"><pre>)(.*?)(</pre>)', re.S
)
RULE = re.compile(r"^ *-+(?: {2}-+)+ *$")  # tabulate's "simple" rule: ----  -----  ---


def _plain(line: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", line))


def _aligned(row: str, gaps: list[int]) -> bool:
    return bool(row.strip()) and all(i >= len(row) or row[i] == " " for i in gaps)


def table_lines(lines: list[str]) -> list[bool]:
    """Which lines of a printed output belong to a table (tabulate's simple format or a NumPy matrix)."""
    plain = [_plain(line) for line in lines]
    marks = [False] * len(lines)
    for i, line in enumerate(plain):
        if RULE.match(line):
            gaps = [j for j in range(1, len(line) - 1) if line[j] == " " and line[j - 1] == "-" or
                    line[j] == " " and line[j + 1] == "-"]
            start = i - 1 if i > 0 and _aligned(plain[i - 1], gaps) else i
            end = i + 1
            while end < len(plain) and _aligned(plain[end], gaps):
                end += 1
            for j in range(start, end):
                marks[j] = True
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]") and re.fullmatch(r"[\[\]\s0-9eE.+\-,]+", stripped):
            marks[i] = True
    return marks


def mark_tables(match: re.Match) -> str:
    head, text, tail = match.groups()
    lines = text.split("\n")
    if any(line.count("<span") != line.count("</span>") for line in lines):
        return match.group(0)  # a highlighted token spans lines: leave the output as it is
    marks = table_lines(lines)
    if not any(marks):
        return match.group(0)
    out: list[str] = []
    run: list[str] = []
    for line, is_table in zip(lines, marks):
        if is_table:
            run.append(line)
            continue
        if run:
            out.append('<span class="output-table">' + "\n".join(run) + "</span>")
            run = []
        out.append(line)
    if run:
        out.append('<span class="output-table">' + "\n".join(run) + "</span>")
    return head + "\n".join(out) + tail


def lean_tables(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if context.get("body"):
        context["body"] = OUTPUT_PRE.sub(mark_tables, context["body"])


# --- FontAwesome ---------------------------------------------------------------------------------


def _theme_static() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def used_icon_codepoints(outdir: Path, theme_css: str) -> set[int]:
    """Code points of every FontAwesome icon the site can show.

    Icon classes named in any page or script (``fa-bars`` …) are mapped through
    the theme's stylesheet; escapes such as ``"\\f0c9"`` written in any
    stylesheet other than the icon table itself (the theme's own icons, e.g.
    admonitions), or the private-use characters themselves, are taken as they
    are.  The widget manager's bundle is not scanned: it brings its own fonts.
    """
    icon_rules = re.findall(r"((?:\.fa-[a-z0-9-]+:before,?)+)\{content:\"\\([0-9a-f]{4})\"\}", theme_css)
    by_class: dict[str, int] = {}
    for selectors, code in icon_rules:
        for name in re.findall(r"\.(fa-[a-z0-9-]+):before", selectors):
            by_class[name] = int(code, 16)
    wanted: set[int] = set()
    scripts = [p for p in (outdir / "_static").rglob("*.js")
               if p.name != "fontawesome.js" and "widgets" not in p.relative_to(outdir).parts]
    for path in list(outdir.rglob("*.html")) + scripts:  # (the widget manager has icon fonts of its own)
        for name in set(re.findall(r"\bfa-[a-z0-9-]+", path.read_text(errors="ignore"))):
            if name in by_class:
                wanted.add(by_class[name])
    table = re.sub(r"(?:\.fa-[a-z0-9-]+:before,?)+\{content:\"[^\"]*\"\}", "", theme_css)
    sheets = [table] + [p.read_text(errors="ignore") for p in (outdir / "_static").rglob("*.css")
                        if p.name != "pydata-sphinx-theme.css"]
    for sheet in sheets:  # written as escapes ("\\f0c9") or as the private-use characters themselves
        wanted.update(int(code, 16) for code in re.findall(r"\"\\((?:f|e)[0-9a-f]{3})\"", sheet))
        wanted.update(ord(char) for char in re.findall("[\ue000-\uf8ff]", sheet))
    return wanted


def subset_fontawesome(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from fontTools import subset
    from fontTools.ttLib import TTFont

    outdir = Path(app.outdir)
    static = _theme_static()
    theme_css = (static / "styles" / "pydata-sphinx-theme.css").read_text()
    wanted = used_icon_codepoints(outdir, theme_css)
    icons = outdir / "_static" / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    faces = []
    for stem, (family, weight) in FONTS.items():
        source = static / "vendor" / "fontawesome" / "webfonts" / f"{stem}.ttf"
        cmap = TTFont(source).getBestCmap()
        codes = sorted(c for c in wanted if c in cmap)
        if not codes:
            continue
        options = subset.Options()
        options.flavor = "woff"  # zlib; WOFF2 would need the brotli module, which the book does not install
        options.layout_features = ["*"]
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codes)
        subsetter.subset(font)
        subset.save_font(font, str(icons / f"{stem}.subset.woff"), options)
        ranges = ",".join(f"U+{c:X}" for c in codes)
        faces.append(
            f'@font-face{{font-family:"{family}";font-style:normal;font-weight:{weight};font-display:block;'
            f'src:url({stem}.subset.woff) format("woff");unicode-range:{ranges}}}'
        )
    (icons / "fontawesome-subset.css").write_text(
        "/* FontAwesome subsets of the icons this site uses (book/_ext/lean_pages.py); they take\n"
        "   precedence over the theme's full fonts, which remain the fallback for any other icon. */\n"
        + "\n".join(faces) + "\n"
    )
    (outdir / "_static" / "scripts" / "fontawesome.js").write_text(FONT_STUB)
    # The theme's stylesheet maps all 1,900 icon classes to their characters
    # (70 kB on every page); keep the rules of the icons the site uses.
    sheet = outdir / "_static" / "styles" / "pydata-sphinx-theme.css"

    def keep_used(rule: re.Match) -> str:
        return rule.group(0) if int(rule.group(2), 16) in wanted else ""

    sheet.write_text(re.sub(r"((?:\.fa-[a-z0-9-]+:before,?)+)\{content:\"\\([0-9a-f]{4})\"\}", keep_used, theme_css))
    logger.info(f"[lean_pages] FontAwesome: {len(wanted)} icons in subset fonts, SVG+JS kit replaced by a stub")


TEMPLATES = Path(__file__).parent / "templates"


def configure(app: Sphinx, config) -> None:
    """The book's layout.html (no search scripts on pages other than the search page), and MathJax's entry.

    sphinx-mathjax-offline points ``mathjax_path`` at the combined
    ``tex-chtml.js`` (1.1 MB, 430 kB of it the context menu) and overrides
    any value given in the configuration.  When ``mathjax3_config`` names the
    components to load (``loader.load``), MathJax starts from its small
    ``startup.js`` instead and loads just those, from the same folder.
    """
    config.templates_path = [str(TEMPLATES)] + [p for p in config.templates_path if p != str(TEMPLATES)]
    components = ((config.mathjax3_config or {}).get("loader") or {}).get("load")
    if components and str(config.mathjax_path).endswith("mathjax/tex-chtml.js"):
        config.mathjax_path = str(config.mathjax_path)[: -len("tex-chtml.js")] + "startup.js"


# --- figures ----------------------------------------------------------------------------------------

IMG_SRC = re.compile(r'(<img [^>]*src=")((?:\.\./)*_images/)([^"/]+)\.png"')


def webp_figures(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Serve the page's PNG figures as lossless WebP: the same pixels in about half the bytes.

    matplotlib's RGBA PNGs compress poorly; lossless WebP (which every current
    browser shows) keeps every pixel.  Only the website's copies change; the
    notebooks keep matplotlib's PNGs.
    """
    body = context.get("body") or ""
    images = getattr(app.builder, "images", {})
    if not body or not images:
        return
    by_name = {Path(name).stem: Path(app.srcdir) / source for source, name in images.items()
               if name.endswith(".png")}
    target_dir = Path(app.outdir) / "_images"

    def replace(match: re.Match) -> str:
        stem = match.group(3)
        source = by_name.get(stem)
        if source is None or not source.exists():
            return match.group(0)
        target = target_dir / f"{stem}.webp"
        if not target.exists():
            from PIL import Image

            target_dir.mkdir(parents=True, exist_ok=True)
            with Image.open(source) as image:
                image.save(target, format="WEBP", lossless=True, method=4, quality=100)
        if target.stat().st_size >= source.stat().st_size:
            return match.group(0)
        return f'{match.group(1)}{match.group(2)}{stem}.webp"'

    context["body"] = IMG_SRC.sub(replace, body)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("config-inited", configure)
    app.add_css_file("icons/fontawesome-subset.css", priority=200)
    app.connect("html-page-context", lean_widget_state, priority=900)  # after myst-nb adds the state (500)
    app.connect("html-page-context", lean_tables)
    app.connect("html-page-context", drop_unused_assets)
    app.connect("html-page-context", webp_figures)
    app.connect("html-page-context", fix_markup)
    app.connect("build-finished", subset_fontawesome)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
