"""The weekly problem sets (book/problem_sets.yml, book/_ext/problem_sets.py): real exercises, 100 points each, and the guide's tables."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import problem_sets  # noqa: E402


def test_every_problem_set_lists_exercises_of_the_book_and_is_worth_100_points():
    sets = problem_sets.load()  # raises, with one sentence, on a label that is no exercise or a wrong total
    assert [problem_set["week"] for problem_set in sets] == [1, 2, 3]
    labels = set(problem_sets.exercises())
    for problem_set in sets:
        assert {item["label"] for item in problem_set["exercises"]} <= labels
        assert sum(item["points"] for item in problem_set["exercises"]) == problem_sets.TOTAL == 100


def test_exercises_are_read_with_their_titles_from_both_directives():
    text = ("```{exercise} The limit\n:label: ch1-ex-limit\n:class: x\n\nProve it.\n```\n\n"
            "::::{exercise-start} A gated one\n:label: ch1-ex-gated\n::::\n\n"
            "```{solution} ch1-ex-limit\n:label: ch1-sol\n```\n")
    assert problem_sets.exercises_in(text) == {"ch1-ex-limit": "The limit", "ch1-ex-gated": "A gated one"}


def one_set(tmp_path: Path, exercises: list[dict]) -> Path:
    path = tmp_path / "problem_sets.yml"
    path.write_text(yaml.safe_dump([{"week": 2, "title": "T", "chapters": "Chapter 1", "exercises": exercises}]))
    return path


@pytest.mark.parametrize(("exercises", "message"), [
    ([{"label": "ch1-ex-nothing", "points": 100, "kind": "derivation"}],
     r"^problem set 2 lists 'ch1-ex-nothing', which is not the :label: of any exercise in book/$"),
    ([{"label": "ch1-ex-limit", "points": 60, "kind": "derivation"},
      {"label": "ch2-ex-gram", "points": 30, "kind": "computation"}],
     r"^problem set 2 is worth 90 points in all, but every set must be worth 100$"),
    ([{"label": "ch1-ex-limit", "points": 100, "kind": "essay"}],
     r"^problem set 2: the kind of 'ch1-ex-limit' must be one of \['computation', 'derivation'\], got 'essay'$"),
    ([{"label": "ch1-ex-limit", "points": -5, "kind": "derivation"}],
     r"^problem set 2: the points of 'ch1-ex-limit' must be a positive whole number, got -5$"),
])
def test_a_wrong_problem_set_is_refused_in_one_sentence(tmp_path, exercises, message):
    with pytest.raises(ValueError, match=message):
        problem_sets.load(one_set(tmp_path, exercises))


def test_a_file_that_is_not_a_list_of_sets_is_refused(tmp_path):
    path = tmp_path / "problem_sets.yml"
    path.write_text("week: 1\n")
    with pytest.raises(ValueError, match=r"must be a non-empty list of problem sets, got dict"):
        problem_sets.load(path)


def test_the_guide_table_links_each_exercise_with_its_title_and_the_handout():
    week = problem_sets.load()[0]
    text = problem_sets.problem_set_markdown(week, "../pdf/", problem_sets.exercises())
    assert '<a href="../pdf/problem-set-week-1.pdf">problem-set-week-1.pdf</a>' in text
    assert "| {ref}`ch1-ex-limit` | The limit of a large stretch | derivation | 10 |" in text
    assert text.count("| {ref}`") == len(week["exercises"])
