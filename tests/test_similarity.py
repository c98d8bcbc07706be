"""Cosine similarity and the row normaliser Ω."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import special_ortho_group

from cossim import cosine_similarity, normalise_rows, row_normaliser

seeds = st.integers(0, 2**32 - 1)


def embeddings(seed: int, rows: int, k: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(rows, k))


def test_known_values():
    E = np.array([[1.0, 0.0], [1.0, 1.0], [-2.0, 0.0], [0.0, 3.0]])
    S = cosine_similarity(E)
    r = 1 / np.sqrt(2)
    expected = np.array(
        [[1, r, -1, 0], [r, 1, -r, r], [-1, -r, 1, 0], [0, r, 0, 1]], dtype=float
    )
    np.testing.assert_allclose(S, expected, atol=1e-15)


@given(seed=seeds, rows=st.integers(1, 12), cols=st.integers(1, 12), k=st.integers(1, 6))
def test_matches_the_definition_and_is_bounded(seed, rows, cols, k):
    E, F = embeddings(seed, rows, k), embeddings(seed + 1, cols, k)
    S = cosine_similarity(E, F)
    naive = np.array([[e @ f / (np.linalg.norm(e) * np.linalg.norm(f)) for f in F] for e in E])
    np.testing.assert_allclose(S, naive, atol=1e-14)
    assert S.shape == (rows, cols) and np.all(np.abs(S) <= 1)


@given(seed=seeds, rows=st.integers(1, 12), k=st.integers(1, 6))
def test_self_similarity_is_symmetric_with_unit_diagonal(seed, rows, k):
    S = cosine_similarity(embeddings(seed, rows, k))
    np.testing.assert_array_equal(S, S.T)
    np.testing.assert_allclose(np.diag(S), 1.0, atol=1e-15)


@given(seed=seeds, k=st.integers(2, 6), scale=st.floats(1e-3, 1e3))
def test_invariant_to_rotation_and_positive_row_scaling(seed, k, scale):
    E = embeddings(seed, 7, k)
    R = special_ortho_group.rvs(k, random_state=seed)
    row_scales = np.random.default_rng(seed).uniform(0.1, 10, size=(7, 1)) * scale
    np.testing.assert_allclose(cosine_similarity(E @ R), cosine_similarity(E), atol=1e-13)
    np.testing.assert_allclose(cosine_similarity(E * row_scales), cosine_similarity(E), atol=1e-13)


@given(seed=seeds, k=st.integers(2, 6))
def test_not_invariant_to_a_non_uniform_diagonal_scaling(seed, k):
    E = embeddings(seed, 7, k)
    d = np.ones(k)
    d[0] = 5.0
    assert np.abs(cosine_similarity(E * d) - cosine_similarity(E)).max() > 1e-3


@given(seed=seeds, k=st.integers(1, 6))
def test_omega_normalises_rows(seed, k):
    E = embeddings(seed, 9, k)
    omega = row_normaliser(E)
    np.testing.assert_allclose(np.linalg.norm(E * omega[:, None], axis=1), 1.0, atol=1e-15)
    np.testing.assert_allclose(cosine_similarity(E), (omega[:, None] * E) @ (omega[:, None] * E).T, atol=1e-15)


def test_zero_rows_raise_by_default():
    E = np.array([[1.0, 2.0], [0.0, 0.0], [0.0, 0.0]])
    with pytest.raises(ValueError, match=r"E must have no zero row.*2 zero row\(s\), the first at index 1"):
        cosine_similarity(E)
    with pytest.raises(ValueError, match=r"F must have no zero row.*first at index 1"):
        cosine_similarity(E[:1], E)


def test_zero_rows_get_similarity_zero_when_asked():
    E = np.array([[1.0, 2.0], [0.0, 0.0], [3.0, 6.0]])
    S = cosine_similarity(E, zero_rows="zero")
    np.testing.assert_allclose(S, [[1, 0, 1], [0, 0, 0], [1, 0, 1]], atol=1e-15)
    assert np.array_equal(normalise_rows(E, zero_rows="zero")[1], [0.0, 0.0])


def test_tiny_rows_are_not_zero():
    E = np.array([[1e-300, 0.0], [0.0, 1e-300]])
    np.testing.assert_allclose(cosine_similarity(E), np.eye(2))


@pytest.mark.parametrize(
    ("E", "F", "kwargs", "message"),
    [
        (np.ones(3), None, {}, r"E must be a 2-D array.*got shape \(3,\)"),
        (np.ones((2, 3)), np.ones((2, 2)), {}, r"F must be a … × k array with k = 3; got shape \(2, 2\)"),
        (np.array([[np.nan, 1.0]]), None, {}, r"E must hold only finite numbers"),
        (np.ones((2, 2)), np.array([[1.0, np.inf]]), {}, r"F must hold only finite numbers"),
        (np.ones((2, 2)), None, {"zero_rows": "ignore"}, r"zero_rows must be one of 'raise', 'zero'; got 'ignore'"),
    ],
)
def test_bad_input_names_the_argument(E, F, kwargs, message):
    with pytest.raises(ValueError, match=message):
        cosine_similarity(E, F, **kwargs)
