"""What the full edition says about solutions and launch buttons is true of it.

Text that holds in one edition only sits in ``{only} student`` or
``{only} not student`` blocks (the landing page, the instructor guide). The
student edition's build checks its own pages (tools/student_edition.py
check); here the full site must show every ``not student`` block and none of
the ``student`` ones, and its launch buttons must open the full notebooks.
"""

from __future__ import annotations

import html
import re
import sys

import pytest

from book_site import ROOT, SITE

sys.path.insert(0, str(ROOT / "tools"))
import student_edition  # noqa: E402


@pytest.fixture(scope="module")
def site_text() -> dict[str, str]:
    if not (SITE / "index.html").exists():
        pytest.fail(f"no built site at {SITE}: run `make book` first")
    pages = {}
    for path in SITE.rglob("*.html"):
        text = html.unescape(re.sub(r"<[^>]+>", " ", path.read_text()))
        pages[path.relative_to(SITE).as_posix()] = " ".join(re.findall(r"[A-Za-z][A-Za-z'’-]+", text))
    return pages


def test_the_full_site_says_nothing_that_only_the_student_edition_may_say(site_text):
    fragments = student_edition.edition_fragments("full")
    assert fragments, "the book has no {only} student text: nothing would be checked"
    found = [f"{page}: '{fragment}'" for fragment in fragments for page, text in site_text.items() if fragment in text]
    assert found == []


def test_the_full_site_shows_what_only_the_full_edition_says(site_text):
    fragments = student_edition.edition_fragments(student_edition.STUDENT_TAG)
    assert fragments, "the book has no {only} not student text: nothing would be checked"
    everything = " ".join(site_text.values())
    missing = [fragment for fragment in fragments if fragment not in everything]
    assert missing == []


def test_the_full_editions_launch_buttons_open_the_full_notebooks():
    page = (SITE / "book" / "01_embeddings_and_cosine.html").read_text()
    launches = re.findall(r'href="(https://(?:mybinder\.org|colab\.research\.google\.com)[^"]+)"', page)
    assert launches, "no Binder or Colab launch link on chapter 1"
    assert all("book/01_embeddings_and_cosine.ipynb" in url and "student/" not in url for url in launches), launches
