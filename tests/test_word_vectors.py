"""PMI matrices and SVD word vectors with eigenvalue weighting."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import binary_data
from cossim import cosine_similarity, gram_matrix
from cossim.word_vectors import pmi_matrix, svd_word_vectors

seeds = st.integers(0, 10_000)


def test_pmi_by_hand():
    G = np.array([[9.0, 2.0, 1.0], [2.0, 9.0, 3.0], [1.0, 3.0, 9.0]])
    total = 2 * (2 + 1 + 3)
    rows = np.array([3.0, 5.0, 4.0])
    expected_01 = np.log((2 / total) / ((rows[0] / total) * (rows[1] / total)))
    M = pmi_matrix(G, positive=False)
    assert M[0, 1] == pytest.approx(expected_01, rel=1e-12)
    np.testing.assert_allclose(M, M.T, atol=1e-12)  # symmetric counts, no smoothing
    assert np.all(np.diag(M) == 0)
    shifted = pmi_matrix(G, positive=False, shift=5.0)
    np.testing.assert_allclose(shifted[~np.eye(3, dtype=bool)], M[~np.eye(3, dtype=bool)] - np.log(5.0))


@given(seed=seeds, alpha=st.floats(0.0, 1.0))
def test_smoothing_and_clipping(seed, alpha):
    G = gram_matrix(binary_data(seed))
    raw = pmi_matrix(G, context_exponent=alpha, positive=False)
    clipped = pmi_matrix(G, context_exponent=alpha)
    np.testing.assert_allclose(clipped, np.maximum(raw, 0.0), atol=0)
    # smoothing raises the probability of rare contexts, so it lowers their PMI
    N = G - np.diag(np.diag(G))
    rarest = int(np.argmin(N.sum(axis=0)))
    if alpha < 1:
        unsmoothed = pmi_matrix(G, context_exponent=1.0, positive=False)
        other = np.arange(8) != rarest
        assert np.all(raw[other, rarest] <= unsmoothed[other, rarest] + 1e-12)


@given(seed=seeds, k=st.integers(1, 8), exponent=st.floats(-0.5, 1.5))
def test_every_exponent_gives_the_best_rank_k_product(seed, k, exponent):
    M = pmi_matrix(gram_matrix(binary_data(seed)), context_exponent=0.75)
    W, C = svd_word_vectors(M, k, exponent)
    U, s, Vt = np.linalg.svd(M)
    best = (U[:, :k] * s[:k]) @ Vt[:k]
    if k < 8 and s[k - 1] - s[k] < 1e-6 * s[0]:
        return  # the rank-k truncation is not unique
    np.testing.assert_allclose(W @ C.T, best, atol=1e-8 * s[0])


def test_the_exponent_is_a_rescaling_d(X_small):
    M = pmi_matrix(gram_matrix(X_small))
    W_half, C_half = svd_word_vectors(M, 4, 0.5)
    W_one, C_one = svd_word_vectors(M, 4, 1.0)
    sigma = np.linalg.norm(W_one, axis=0) ** 2 / np.linalg.norm(W_half, axis=0) ** 2  # = Σ (U has unit columns)
    np.testing.assert_allclose(W_one, W_half * np.sqrt(sigma), atol=1e-10)
    np.testing.assert_allclose(C_one, C_half / np.sqrt(sigma), atol=1e-10)
    assert np.abs(cosine_similarity(W_one) - cosine_similarity(W_half)).max() > 1e-3


def test_bad_arguments_are_rejected(X_small):
    G = gram_matrix(X_small)
    with pytest.raises(ValueError, match=r"G must be a square Gram matrix XᵀX; got shape \(8, 3\)"):
        pmi_matrix(G[:, :3])
    with pytest.raises(ValueError, match=r"G must hold only nonnegative numbers; got a negative entry"):
        pmi_matrix(-G)
    with pytest.raises(ValueError, match=r"context_exponent must be a finite number >= 0; got -1.0"):
        pmi_matrix(G, context_exponent=-1.0)
    with pytest.raises(ValueError, match=r"shift must be a finite number > 0; got 0.0"):
        pmi_matrix(G, shift=0.0)
    with pytest.raises(ValueError, match=r"positive must be one of True, False; got 1"):
        pmi_matrix(G, positive=1)
    lonely = np.eye(3) * 4
    lonely[0, 1] = lonely[1, 0] = 1.0
    with pytest.raises(ValueError, match=r"G must give every item at least one co-occurrence; .* index 2"):
        pmi_matrix(lonely)
    with pytest.raises(ValueError, match=r"k must be an integer between 1 and q = 8; got 9"):
        svd_word_vectors(pmi_matrix(G), 9)
    with pytest.raises(ValueError, match=r"exponent must be a finite real number"):
        svd_word_vectors(pmi_matrix(G), 2, exponent=None)
