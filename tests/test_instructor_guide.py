"""What the instructor guide (book/instructor_guide.md) claims, checked.

- The capstone's starter code runs as it stands, and its result matches what
  the guide tells instructors to expect (a median share of stable neighbours
  below one half).
- The capstone's theory answer: a cosine is the same under every diagonal D
  exactly when the two vectors are parallel or have disjoint supports.
(The weekly problem sets are tested in tests/test_problem_sets.py.)
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import cossim

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "book" / "instructor_guide.md"


def capstone_code() -> str:
    """The one Python block of the guide's capstone section."""
    section = GUIDE.read_text().split("## Capstone project", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, f"the capstone section should have one python block, has {len(blocks)}"
    return blocks[0]


def test_the_capstone_starter_runs_and_gives_what_the_guide_says():
    run = subprocess.run([sys.executable, "-c", capstone_code()], capture_output=True, text=True, timeout=300,
                         cwd=ROOT)
    assert run.returncode == 0, run.stderr
    match = re.fullmatch(r"films: (\d+); median share of stable neighbours: ([0-9.]+)\n", run.stdout)
    assert match, run.stdout
    assert int(match[1]) == cossim.load_movielens().X.shape[1]
    assert "median share of stable neighbours below one half" in GUIDE.read_text()
    assert float(match[2]) < 0.5


def cosine_under(x: np.ndarray, y: np.ndarray, d: np.ndarray) -> float:
    """cosSim(x D, y D) for D = dMat(d), with the library's cosine."""
    return float(cossim.cosine_similarity(np.vstack([x * d, y * d]))[0, 1])


entries = st.floats(0.1, 10.0) | st.floats(-10.0, -0.1)
vectors = arrays(float, 6, elements=entries)
scales = arrays(float, 6, elements=st.floats(0.05, 20.0))


@settings(max_examples=60, deadline=None)
@given(vectors, st.floats(0.1, 5.0) | st.floats(-5.0, -0.1), scales)
def test_parallel_vectors_keep_their_cosine_under_every_d(x, c, d):
    assert cosine_under(x, c * x, d) == pytest.approx(np.sign(c), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(vectors, vectors, st.integers(1, 5), scales)
def test_disjoint_supports_keep_cosine_zero_under_every_d(x, y, split, d):
    x, y = x.copy(), y.copy()
    x[split:], y[:split] = 0.0, 0.0
    assert cosine_under(x, y, d) == 0.0


@settings(max_examples=60, deadline=None)
@given(vectors, vectors)
def test_any_other_pair_has_a_d_that_moves_its_cosine(x, y):
    """Full supports, not parallel: weight on one coordinate pushes the cosine towards ±1, away from its value.

    With d = (1, ε, …, ε) the other coordinates weigh ε² = 1e-12 against the
    first; the entries are at most 100 times each other, so the cosine is
    within about 5 · 100² · ε² · 2 ≈ 1e-7 of sign(x₁y₁), far inside 1e-6.
    """
    start = cosine_under(x, y, np.ones(6))
    if abs(abs(start) - 1) < 1e-4:
        return  # (nearly) parallel: the other test's case
    d = np.full(6, 1e-6)
    d[0] = 1.0
    moved = cosine_under(x, y, d)
    assert abs(moved - np.sign(x[0] * y[0])) < 1e-6
    assert abs(moved - start) > 1e-5
