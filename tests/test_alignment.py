"""cossim.alignment: orthogonal Procrustes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import ortho_group

import cossim


@given(seed=st.integers(0, 10_000), k=st.integers(1, 6))
@settings(max_examples=50, deadline=None)
def test_a_rotated_copy_is_recovered(seed, k):
    rng = np.random.default_rng(seed)
    E = rng.normal(size=(20, k))
    Q = ortho_group.rvs(k, random_state=seed) if k > 1 else np.array([[-1.0]])
    found = cossim.procrustes_rotation(E, E @ Q)
    # E has full column rank almost surely, so Q is the unique minimiser
    assert np.allclose(found, Q, atol=1e-10)
    assert np.allclose(found.T @ found, np.eye(k), atol=1e-12)
    assert cossim.procrustes_residual(E, E @ Q) < 1e-12


@given(seed=st.integers(0, 10_000))
@settings(max_examples=30, deadline=None)
def test_no_orthogonal_matrix_does_better(seed):
    rng = np.random.default_rng(seed)
    E, F = rng.normal(size=(15, 3)), rng.normal(size=(15, 3))
    best = np.linalg.norm(E @ cossim.procrustes_rotation(E, F) - F)
    for trial in range(20):
        Q = ortho_group.rvs(3, random_state=seed * 100 + trial)
        assert best <= np.linalg.norm(E @ Q - F) + 1e-12


def test_a_rescaling_is_not_a_rotation():
    rng = np.random.default_rng(0)
    E = rng.normal(size=(50, 3))
    assert cossim.procrustes_residual(E * np.array([1.0, 3.0, 0.2]), E) > 0.1


def test_bad_input():
    with pytest.raises(ValueError, match=r"F must be an m × k matrix of embeddings with m = 4, k = 2; got shape \(4, 3\)."):
        cossim.procrustes_rotation(np.ones((4, 2)), np.ones((4, 3)))
    with pytest.raises(ValueError, match="F must not be all zeros; got a zero matrix."):
        cossim.procrustes_residual(np.ones((4, 2)), np.zeros((4, 2)))
