"""The student website's in-browser edition opens the student notebooks, and they run there.

`make student` builds it into _build/student/_build/html/lite from the student
notebooks (_build/student/notebooks), under the path the student pages' launch
buttons name (student/book/…).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import lite_run  # noqa: E402
import local_browser  # noqa: E402
import student_edition  # noqa: E402

SITE = ROOT / "_build" / "student" / "_build" / "html"
SERVED = SITE / "lite" / "files" / student_edition.STUDENT_PATH
CHAPTER = "03_two_objectives.ipynb"


def test_the_student_lite_site_serves_exactly_the_student_notebooks():
    built = sorted(student_edition.BUILD_NOTEBOOKS.glob("*.ipynb"))
    assert built, "no student notebooks: run `make student` first"
    assert sorted(p.name for p in SERVED.glob("*.ipynb")) == [p.name for p in built]
    for path in built:
        served = nbformat.read(SERVED / path.name, as_version=4)
        student = nbformat.read(path, as_version=4)
        assert [c.source for c in served.cells] == [c.source for c in student.cells], path.name


def test_a_student_chapter_runs_in_the_browser_and_its_self_check_says_not_yet():
    if not Path(local_browser.CHROMIUM).exists():
        if os.environ.get("REQUIRE_CHROMIUM") == "1":
            pytest.fail(f"Chromium not found at {local_browser.CHROMIUM} (REQUIRE_CHROMIUM=1)", pytrace=False)
        pytest.skip(f"Chromium not found at {local_browser.CHROMIUM}")
    with local_browser.serve(SITE) as base, local_browser.chromium() as browser:
        run = lite_run.run_chapter(browser, base, CHAPTER, folder=student_edition.STUDENT_PATH)
    print(f"\nstudent {CHAPTER}: kernel ready {run.kernel_ready_s} s, all cells {run.run_all_s} s")
    assert run.errors == []
    assert run.outside_requests == []
    assert any("not implemented yet" in text for text in run.outputs)
