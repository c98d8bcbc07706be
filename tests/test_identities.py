"""Every identity the chapters of Part II state, as a property test of the library.

Each test names the chapter and result it mirrors; the notebooks show the same
identities on one example, these tests check them on many.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers import binary_data
from cossim import (
    cosine_similarity,
    fit_objective1,
    fit_objective2,
    gram_matrix,
    left_singular_vectors,
    objective1,
    rescale,
    ridge_weights,
    top_singular,
)
from cossim.metrics import mean_row_spearman
from cossim.optimise import minimise_factorisation
from cossim.rescalings import shrinkage_power

seeds = st.integers(0, 10_000)


@given(seed=seeds, k=st.integers(1, 8))
def test_eckart_young_error_is_the_sum_of_the_remaining_squared_singular_values(seed, k):
    # Chapter 2: ‖X − X_k‖²_F = Σ_{i>k} σᵢ².
    X = binary_data(seed)
    svd = top_singular(X, 8)
    U = left_singular_vectors(X, svd)
    X_k = (U[:, :k] * svd.sigma[:k]) @ svd.V[:, :k].T
    assert np.isclose(np.sum((X - X_k) ** 2), np.sum(svd.sigma[k:] ** 2), rtol=1e-9, atol=1e-9)


@given(seed=seeds, lam=st.floats(0.1, 50.0), w_seed=seeds)
def test_objective1_completed_square(seed, lam, w_seed):
    # Chapter 3, proof of the closed form, step 1: f(W) = f(W*) + ‖H^½(W − W*)‖²_F, H = G + λI.
    X = binary_data(seed)
    W = np.random.default_rng(w_seed).normal(size=(8, 8))
    W_star = ridge_weights(X, lam)
    H_half = scipy.linalg.sqrtm(gram_matrix(X) + lam * np.eye(8)).real
    value = objective1(X, W, np.eye(8), lam)
    assert np.isclose(value, objective1(X, W_star, np.eye(8), lam) + np.sum((H_half @ (W - W_star)) ** 2),
                      rtol=1e-9)


@given(seed=seeds, n=st.integers(1, 6), p=st.integers(1, 6), k=st.integers(1, 4))
def test_factor_norms_bound_the_nuclear_norm(seed, n, p, k):
    # Chapter 3, lemma: 2‖PQᵀ‖_* ≤ ‖P‖²_F + ‖Q‖²_F, with equality for balanced factors.
    rng = np.random.default_rng(seed)
    P, Q = rng.normal(size=(n, k)), rng.normal(size=(p, k))
    nuclear = np.linalg.svd(P @ Q.T, compute_uv=False).sum()
    assert 2 * nuclear <= np.sum(P**2) + np.sum(Q**2) + 1e-10
    U, s, Vt = np.linalg.svd(P @ Q.T, full_matrices=False)
    balanced_P, balanced_Q = U * np.sqrt(s), Vt.T * np.sqrt(s)
    assert np.isclose(2 * nuclear, np.sum(balanced_P**2) + np.sum(balanced_Q**2), rtol=1e-10)


@given(seed=seeds, matrix_seed=seeds)
def test_cosine_keeps_only_the_stretch_of_the_polar_decomposition(seed, matrix_seed):
    # Chapter 4: with M = P Q (P symmetric positive definite, Q orthogonal),
    # cosSim(B M⁻ᵀ) = cosSim(B P⁻¹).
    B = np.random.default_rng(seed).normal(size=(9, 4))
    M = np.random.default_rng(matrix_seed).normal(size=(4, 4)) + 3 * np.eye(4)
    Q, P = scipy.linalg.polar(M, side="left")
    np.testing.assert_allclose(cosine_similarity(B @ np.linalg.inv(M).T), cosine_similarity(B @ np.linalg.inv(P)),
                               atol=1e-10)


@given(seed=seeds, lam=st.floats(0.1, 100.0))
def test_full_rank_identities(seed, lam):
    # Chapter 5: at k = p, D = dMat(g)^½ gives item–item cosine I and user–item cosine that ranks
    # like the dot product; D = dMat(g)^−½ gives user–user cosine equal to that of the raw rows of X.
    X = binary_data(seed)
    model = fit_objective1(X, 8, lam)
    half = rescale(model, shrinkage_power(model, 0.5))
    np.testing.assert_allclose(cosine_similarity(half.B), np.eye(8), atol=1e-12)
    user_item = cosine_similarity(half.user_embeddings(X), half.B)
    lengths = np.linalg.norm(half.user_embeddings(X), axis=1, keepdims=True)
    np.testing.assert_allclose(user_item * lengths, model.predict(X), atol=1e-12)
    minus_half = rescale(model, shrinkage_power(model, -0.5))
    np.testing.assert_allclose(cosine_similarity(minus_half.user_embeddings(X)), cosine_similarity(X), atol=1e-12)


def test_full_rank_identities_fail_below_full_rank():
    # Chapter 5: the identities need VVᵀ = I; one dimension less already breaks them.
    X = binary_data(1)
    model = fit_objective1(X, 7, 5.0)
    half = rescale(model, shrinkage_power(model, 0.5))
    assert np.abs(cosine_similarity(half.B) - np.eye(8)).max() > 0.1
    assert mean_row_spearman(cosine_similarity(half.user_embeddings(X), half.B), model.predict(X)) < 1 - 1e-6


@settings(max_examples=10)
@given(seed=seeds, lam=st.floats(0.2, 3.0), start=st.integers(0, 100))
def test_every_optimum_of_the_factorisation_is_balanced_and_has_objective2s_cosines(seed, lam, start):
    # Chapter 6, uniqueness theorem: at an optimum PᵀP = QᵀQ, hence Q = V_k S R and the item
    # cosines equal those of objective 2's closed form.
    X = binary_data(seed, n=25, p=6)
    model = fit_objective2(X, 3, lam)
    # The theorem assumes distinct, active singular values.
    assume(np.all(np.diff(model.sigma) < -1e-3) and model.sigma[-1] > lam + 1e-2)
    run = minimise_factorisation(X, 3, lam, seed=start)
    np.testing.assert_allclose(run.A.T @ run.A, run.B.T @ run.B, atol=1e-5)
    np.testing.assert_allclose(cosine_similarity(run.B), cosine_similarity(model.B), atol=1e-4)
