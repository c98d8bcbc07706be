"""Concept checks: short questions that answer on the static page, with no kernel.

A chapter writes, before its exercises::

    ```{concept-check} Multiplying every item vector by 3 changes the item–item cosines by a factor of …
    :label: ch1-cc-scale
    :answer: 1

    - 1 (they do not change)

      Cosine divides by both lengths, so a common factor cancels.

    - 3

      That would be the dot product of one scaled and one unscaled vector.
    ```

The argument is the question (inline MyST, maths allowed); an optional body
before the list adds to it. Each item of the final bullet list is an option:
its first paragraph is what the reader chooses, the rest explains why that
choice is right or wrong. ``:answer:`` is the number of the right option
(counted from 1). With ``:kind: number`` the reader types a number instead:
each item's first paragraph is then a value (or ``other`` for any value not
listed, required last), ``:answer:`` is the right value and ``:tolerance:``
how far from it still counts (default 0).

The HTML is a ``<fieldset>`` whose ``<legend>`` is the question, with
labelled radio buttons (or a labelled text box and a Check button) and a
feedback region (``aria-live="polite"``) holding one explanation per option,
each starting with "Right." or "Not quite.". Without JavaScript every
explanation is shown; ``_static/concept-checks.js`` (loaded only on pages
with a concept check) hides them and shows the one for the reader's choice.
Other builders (LaTeX, text) leave concept checks out.
"""

from __future__ import annotations

import html
import math
import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

SCRIPT = "concept-checks.js"
LABEL = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class concept_check(nodes.General, nodes.Element):
    """The whole question: a fieldset."""


class cc_legend(nodes.TextElement):
    """The question, inline content only."""


class cc_body(nodes.General, nodes.Element):
    """More of the question (formulas, a short setting), block content."""


class cc_options(nodes.General, nodes.Element):
    """The radio buttons (kind "choice") or the number box (kind "number")."""


class cc_option(nodes.TextElement):
    """One choice: a radio button and its label (inline content)."""


class cc_feedback(nodes.General, nodes.Element):
    """The live region with every explanation."""


class cc_explanation(nodes.General, nodes.Element):
    """Why one choice (or one typed value) is right or wrong."""


def _number(text: str, what: str) -> float:
    try:
        value = float(text.replace("−", "-"))
    except ValueError:
        raise ValueError(f"{what} must be a number, got {text!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {text!r}")
    return value


class ConceptCheck(SphinxDirective):
    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "label": directives.unchanged_required,
        "answer": directives.unchanged_required,
        "kind": lambda value: directives.choice(value, ("choice", "number")),
        "tolerance": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        try:
            return [self._build()]
        except ValueError as error:
            raise self.error(f"concept-check: {error}") from None

    def _build(self) -> concept_check:
        label = self.options.get("label", "")
        if not LABEL.fullmatch(label):
            raise ValueError(f":label: must be lower-case words joined by hyphens, got {label!r}")
        if "answer" not in self.options:
            raise ValueError(":answer: is required")
        kind = self.options.get("kind", "choice")
        parsed = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, parsed)
        lists = [child for child in parsed.children if isinstance(child, nodes.bullet_list)]
        if not lists or parsed.children[-1] is not lists[-1]:
            raise ValueError("the body must end with a bullet list of options")
        items = list(lists[-1].children)
        node = concept_check(ids=[f"cc-{label}"], kind=kind, label=label)
        self.set_source_info(node)
        question, messages = self.state.inline_text(self.arguments[0], self.lineno)
        node += cc_legend("", "", *question)
        if len(parsed.children) > 1:
            node += cc_body("", *parsed.children[:-1])
        values = [self._option_text(item, index) for index, item in enumerate(items, 1)]
        correct = self._correct(kind, values)
        options = cc_options(kind=kind, label=label)
        feedback = cc_feedback()
        for index, (item, value) in enumerate(zip(items, values), 1):
            first, *explanation = item.children
            if not explanation:
                raise ValueError(f"option {index} ({value!r}) needs an explanation after its first paragraph")
            right = index == correct
            if kind == "choice":
                options += cc_option("", "", *first.children, label=label, index=index)
            verdict = nodes.strong("", "Right. " if right else "Not quite. ")
            explanation[0].insert(0, verdict)
            feedback += cc_explanation("", *explanation, option=str(index), value=value, right=right, kind=kind)
        node += options
        node += feedback
        if kind == "number":
            options["tolerance"] = self._tolerance()
        return node

    @staticmethod
    def _option_text(item: nodes.Element, index: int) -> str:
        if not item.children or not isinstance(item.children[0], nodes.paragraph):
            raise ValueError(f"option {index} must start with a paragraph")
        return item.children[0].astext().strip()

    def _correct(self, kind: str, values: list[str]) -> int:
        answer = self.options["answer"].strip()
        if kind == "choice":
            if not 2 <= len(values) <= 6:
                raise ValueError(f"a choice needs 2 to 6 options, got {len(values)}")
            if not answer.isdigit() or not 1 <= int(answer) <= len(values):
                raise ValueError(f":answer: must be an option number from 1 to {len(values)}, got {answer!r}")
            return int(answer)
        if values[-1] != "other" or "other" in values[:-1]:
            raise ValueError("the options of a number question end with one item 'other' (any value not listed)")
        target = _number(answer, ":answer:")
        listed = [_number(value, f"option {i}") for i, value in enumerate(values[:-1], 1)]
        matches = [i for i, value in enumerate(listed, 1) if abs(value - target) <= self._tolerance()]
        if len(matches) != 1:
            raise ValueError(f":answer: {answer} must match exactly one listed value, matches {len(matches)}")
        return matches[0]

    def _tolerance(self) -> float:
        tolerance = _number(self.options.get("tolerance", "0"), ":tolerance:")
        if tolerance < 0:
            raise ValueError(f":tolerance: must be at least 0, got {tolerance}")
        return tolerance


# --- HTML ---------------------------------------------------------------------------------------

def visit_check(self, node: concept_check) -> None:
    self.body.append(
        f'<fieldset class="concept-check" id="{node["ids"][0]}" data-kind="{node["kind"]}">'
    )


def depart_check(self, node: concept_check) -> None:
    self.body.append("</fieldset>\n")


def visit_legend(self, node: cc_legend) -> None:
    self.body.append('<legend><span class="cc-tag">Concept check</span> ')


def depart_legend(self, node: cc_legend) -> None:
    self.body.append("</legend>\n")


def visit_body(self, node: cc_body) -> None:
    self.body.append('<div class="cc-body">')


def depart_body(self, node: cc_body) -> None:
    self.body.append("</div>\n")


def visit_options(self, node: cc_options) -> None:
    if node["kind"] == "choice":
        self.body.append('<div class="cc-options">')
        return
    box = f'cc-{node["label"]}-value'
    self.body.append(
        f'<div class="cc-options cc-number" data-tolerance="{node["tolerance"]!r}">'
        f'<label for="{box}">Your answer</label> '
        f'<input type="text" inputmode="decimal" autocomplete="off" id="{box}" name="{box}"> '
        '<button type="button" class="cc-submit">Check</button>'
    )


def depart_options(self, node: cc_options) -> None:
    self.body.append("</div>\n")


def visit_option(self, node: cc_option) -> None:
    name = f'cc-{node["label"]}'
    radio = f'{name}-{node["index"]}'
    self.body.append(
        f'<div class="cc-option"><input type="radio" name="{name}" id="{radio}" value="{node["index"]}">'
        f'<label for="{radio}">'
    )


def depart_option(self, node: cc_option) -> None:
    self.body.append("</label></div>\n")


def visit_feedback(self, node: cc_feedback) -> None:
    self.body.append('<div class="cc-feedback" aria-live="polite">')


def depart_feedback(self, node: cc_feedback) -> None:
    self.body.append("</div>\n")


def visit_explanation(self, node: cc_explanation) -> None:
    key = f'data-value="{html.escape(node["value"])}"' if node["kind"] == "number" else f'data-option="{node["option"]}"'
    verdict = "right" if node["right"] else "wrong"
    self.body.append(f'<div class="cc-explanation cc-{verdict}" {key}>')


def depart_explanation(self, node: cc_explanation) -> None:
    self.body.append("</div>\n")


def skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


def load_script_where_used(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Only pages with a concept check load its script."""
    if doctree is not None and any(True for _ in doctree.findall(concept_check)):
        return
    scripts = context.get("script_files")
    if scripts is not None:
        scripts[:] = [s for s in scripts if not str(getattr(s, "filename", s)).endswith(SCRIPT)]


NODES = {
    concept_check: (visit_check, depart_check),
    cc_legend: (visit_legend, depart_legend),
    cc_body: (visit_body, depart_body),
    cc_options: (visit_options, depart_options),
    cc_option: (visit_option, depart_option),
    cc_feedback: (visit_feedback, depart_feedback),
    cc_explanation: (visit_explanation, depart_explanation),
}


def setup(app: Sphinx) -> dict[str, object]:
    for node, html_visitors in NODES.items():
        others = {builder: (skip, None) for builder in ("latex", "text", "man", "texinfo")}
        app.add_node(node, html=html_visitors, **others)
    app.add_directive("concept-check", ConceptCheck)
    app.add_js_file(SCRIPT, loading_method="defer")
    app.connect("html-page-context", load_script_where_used)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
