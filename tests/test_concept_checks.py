"""Concept checks: every chapter of the table of contents has 2–4, and the directive builds them.

The browser tests (tests/browser/test_concept_checks.py) answer them on the
built site; here the sources are counted (a chapter added to _toc.yml without
concept checks fails at once, by name) and the directive is built on small
inputs, its HTML read and its refusals of malformed questions checked.
"""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
DIRECTIVE = re.compile(r"^[ \t]*(`{3,}|:{3,})\{concept-check\}", re.M)


def toc_chapters() -> list[str]:
    """The numbered chapters of _toc.yml (the parts with `numbered: true`), in order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [chapter["file"] for part in toc["parts"] if part.get("numbered") for chapter in part["chapters"]]


def concept_checks_in(name: str) -> int:
    notebook, page = ROOT / f"{name}.ipynb", ROOT / f"{name}.md"
    if notebook.exists():
        texts = [c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "markdown"]
    else:
        texts = [page.read_text()]
    return sum(len(DIRECTIVE.findall(text)) for text in texts)


def test_the_toc_has_numbered_chapters():
    assert len(toc_chapters()) >= 14


@pytest.mark.parametrize("name", toc_chapters())
def test_every_chapter_has_two_to_four_concept_checks(name):
    count = concept_checks_in(name)
    assert 2 <= count <= 4, (
        f"{name} has {count} concept checks; every chapter of _toc.yml needs 2 to 4 "
        "(```{concept-check}``` blocks before its exercises; see book/_ext/concept_checks.py)"
    )


def build(tmp_path: Path, source: str) -> tuple[str, str]:
    """Build one MyST page with the extension: its HTML and Sphinx's warnings and errors."""
    import io

    from sphinx.application import Sphinx

    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "concept_checks"]\nmyst_enable_extensions = ["dollarmath"]\n'
    )
    (tmp_path / "index.md").write_text("# Page\n\n" + textwrap.dedent(source))
    warnings = io.StringIO()
    app = Sphinx(str(tmp_path), str(tmp_path), str(tmp_path / "_build"), str(tmp_path / "_doctrees"), "html",
                 status=None, warning=warnings, freshenv=True)
    app.build()
    # (Several Sphinx applications in one process warn that docutils nodes are registered again.)
    problems = "\n".join(line for line in warnings.getvalue().splitlines() if "already registered" not in line)
    return (tmp_path / "_build" / "index.html").read_text(), problems


CHOICE = """
    ```{concept-check} Is $x$ a question?
    :label: t-choice
    :answer: 2

    - No.

      Because it is.

    - Yes.

      It ends with a question mark.
    ```
    """


def test_a_choice_becomes_a_fieldset_with_labelled_radios_and_a_live_feedback_region(tmp_path):
    page, problems = build(tmp_path, CHOICE)
    assert problems == ""
    assert '<fieldset class="concept-check" id="cc-t-choice" data-kind="choice">' in page
    assert re.search(r"<legend><span class=\"cc-tag\">Concept check</span> Is <span class=\"math[^>]*>", page)
    for index in (1, 2):
        assert (f'<input type="radio" name="cc-t-choice" id="cc-t-choice-{index}" value="{index}">'
                f'<label for="cc-t-choice-{index}">') in page
    assert '<div class="cc-feedback" aria-live="polite">' in page
    assert re.search(r'cc-wrong" data-option="1"><p><strong>Not quite. </strong>Because it is.', page)
    assert re.search(r'cc-right" data-option="2"><p><strong>Right. </strong>It ends', page)
    assert "concept-checks.js" in page


def test_a_number_question_lists_values_and_other(tmp_path):
    page, problems = build(tmp_path, """
        ```{concept-check} How much is $1/2$?
        :label: t-number
        :kind: number
        :answer: 0.5
        :tolerance: 0.01

        - 0.5

          Half.

        - 2

          That is its inverse.

        - other

          Divide 1 by 2.
        ```
        """)
    assert problems == ""
    assert 'data-tolerance="0.01"' in page and '<label for="cc-t-number-value">Your answer</label>' in page
    assert 'cc-right" data-value="0.5"' in page and 'cc-wrong" data-value="2"' in page
    assert 'cc-wrong" data-value="other"' in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ((":answer: 2", ":answer: 3"), ":answer: must be an option number from 1 to 2"),
        ((":label: t-choice\n", ":label: Bad Label\n"), ":label: must be lower-case words"),
        (("\n  It ends with a question mark.\n", "\n"), "option 2 ('Yes.') needs an explanation"),
        ((":answer: 2\n", ""), ":answer: is required"),
    ],
)
def test_malformed_questions_are_refused_with_one_sentence(tmp_path, change, message):
    source = textwrap.dedent(CHOICE).replace(*change)
    assert change[0] in textwrap.dedent(CHOICE)
    page, problems = build(tmp_path, source)
    assert "ERROR" in problems and f"concept-check: {message}" in problems
    assert 'class="concept-check"' not in page


def test_a_page_without_concept_checks_does_not_load_the_script(tmp_path):
    page, problems = build(tmp_path, "Just text.\n")
    assert problems == "" and "concept-checks.js" not in page
