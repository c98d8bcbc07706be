"""The PDF printer's helpers (tools/print_book.py), without building or printing anything."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import print_book  # noqa: E402


def test_an_unknown_edition_is_refused_with_the_choices():
    with pytest.raises(ValueError, match=r"edition must be one of \['full', 'student'\], got 'teacher'"):
        print_book.check_edition("teacher")


def test_parts_follow_the_table_of_contents():
    parts = print_book.toc_parts()
    assert parts[0] == {"caption": None, "numbered": False, "chapters": ["book/intro"]}
    numbered = [name for part in parts if part["numbered"] for name in part["chapters"]]
    assert len(numbered) == 17 and numbered[0] == "book/01_embeddings_and_cosine"
    assert parts[-1]["caption"] == "Appendices" and not parts[-1]["numbered"]


def test_the_print_configuration_adds_the_print_extension_and_reads_the_cache():
    for edition in print_book.EDITIONS:
        config = print_book.print_config(edition)
        assert config["sphinx"]["local_extensions"]["print_build"] == str(print_book.PRINT_DIR)
        assert config["execute"]["execute_notebooks"] == "cache"
    assert "remove_solutions" in print_book.print_config("student")["sphinx"]["local_extensions"]
    assert "remove_solutions" not in print_book.print_config("full")["sphinx"]["local_extensions"]


def test_a_pdf_is_up_to_date_only_for_the_key_it_was_printed_for(tmp_path):
    pdf = tmp_path / "book.pdf"
    assert not print_book.up_to_date(pdf, "k1")
    pdf.write_bytes(b"%PDF")
    pdf.with_suffix(".json").write_text(json.dumps({"key": "k1"}))
    assert print_book.up_to_date(pdf, "k1")
    assert not print_book.up_to_date(pdf, "k2")


def test_the_print_key_changes_with_the_print_files(tmp_path, monkeypatch):
    before = print_book.print_key()
    (tmp_path / "print.css").write_text("body { color: red; }")
    monkeypatch.setattr(print_book, "PRINT_DIR", tmp_path)
    assert print_book.print_key() != before


@pytest.mark.parametrize("name", ["book/_ext/concept_checks.py", "book/instructor_guide.md",
                                  "book/problem_sets.yml", "references.bib"])
def test_the_print_key_changes_with_what_only_sphinx_reads(tmp_path, name):
    """The notebook cache's key leaves these out (they change no output); the PDF shows them."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints")
    for folder in ("lib", "book"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=ignore)
    for file in ("requirements.txt", "pyproject.toml", "_config.yml", "_toc.yml", "references.bib"):
        shutil.copy(ROOT / file, tmp_path / file)
    before = print_book.print_key(tmp_path)
    (tmp_path / name).write_text((tmp_path / name).read_text() + "\n")
    assert print_book.print_key(tmp_path) != before


def test_publish_refuses_a_folder_without_a_site(tmp_path):
    with pytest.raises(FileNotFoundError, match="no built site"):
        print_book.publish(tmp_path)


def test_chapter_pages_finds_the_first_page_after_the_contents(tmp_path, monkeypatch):
    pages = "Title\f" + "Contents\nChapter 1. One 3\nChapter 2. Two 4\f" + "Chapter 1\nOne\f" + "text\nChapter 2\nTwo\f"

    class Done:
        stdout = pages

    monkeypatch.setattr(print_book.subprocess, "run", lambda *args, **kwargs: Done())
    chapters = [{"id": "one", "label": "Chapter 1", "title": "One"},
                {"id": "two", "label": "Chapter 2", "title": "Two"},
                {"id": "notation", "label": "", "title": "Notation"}]
    assert print_book.chapter_pages(tmp_path / "x.pdf", chapters) == {"one": 3, "two": 4}


def test_the_site_address_is_the_github_pages_one_of_the_repository():
    assert print_book.site_url("https://github.com/cossim-book/cossim-book") == "https://cossim-book.github.io/cossim-book/"
    assert print_book.site_url("https://github.com/Someone/someone.github.io") == "https://someone.github.io/"
    assert print_book.site_url("https://gitlab.com/someone/book") == ""


def test_only_the_student_edition_prints_the_problem_sets():
    names = [path.name for path in print_book.handout_pdfs("student")]
    assert names == ["problem-set-week-1.pdf", "problem-set-week-2.pdf", "problem-set-week-3.pdf"]
    assert print_book.handout_pdfs("full") == []


def test_publish_copies_the_books_of_the_edition_and_every_problem_set(tmp_path, monkeypatch):
    monkeypatch.setattr(print_book, "OUT_DIR", tmp_path / "pdf")
    (tmp_path / "pdf").mkdir()
    handouts = [path.name for path in print_book.handout_pdfs("student")]
    for name in [*(book for book, _ in print_book.EDITIONS.values()), *handouts]:
        (tmp_path / "pdf" / name).write_bytes(b"%PDF")
    for site, books in [(tmp_path / "html", ["cossim-book.pdf", "cossim-book-student.pdf"]),
                        (tmp_path / "student" / "html", ["cossim-book-student.pdf"])]:
        site.mkdir(parents=True)
        (site / "index.html").write_text('<a href="pdf/problem-set-week-1.pdf">set 1</a>')
        copied = print_book.publish(site)
        assert [path.name for path in copied] == books + handouts
