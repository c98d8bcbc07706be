"""Closed forms of objectives 1 and 2, and the rescaling D."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import assume, given
from hypothesis import strategies as st

from helpers import binary_data
from cossim import (
    cosine_similarity,
    fit_objective1,
    fit_objective2,
    objective1,
    objective2,
    rescale,
    shrinkage_objective1,
    shrinkage_objective2,
)
from cossim.spectral import left_singular_vectors

seeds = st.integers(0, 10_000)
lams = st.floats(0.05, 50.0)


def scaling_vectors(k: int):
    """Diagonals of invertible D: magnitudes in [0.1, 10], either sign."""
    magnitude = st.floats(-1.0, 1.0).map(lambda e: 10.0**e)
    sign = st.sampled_from([-1.0, 1.0])
    return st.lists(st.tuples(sign, magnitude).map(lambda t: t[0] * t[1]), min_size=k, max_size=k).map(np.array)


def ridge_solution(X: np.ndarray, lam: float) -> np.ndarray:
    """Unconstrained minimiser of objective 1 over W: (XᵀX + λI)⁻¹ XᵀX."""
    G = X.T @ X
    return np.linalg.solve(G + lam * np.eye(G.shape[0]), G)


@given(seed=seeds, lam=lams)
def test_objective1_at_full_rank_is_the_ridge_solution(seed, lam):
    X = binary_data(seed)
    model = fit_objective1(X, X.shape[1], lam)
    np.testing.assert_allclose(model.weights, ridge_solution(X, lam), atol=1e-10)


@given(seed=seeds, lam=lams, k=st.integers(1, 8))
def test_objective1_is_the_truncated_shrinkage(seed, lam, k):
    X = binary_data(seed)
    model = fit_objective1(X, k, lam)
    g = model.sigma**2 / (model.sigma**2 + lam)
    np.testing.assert_allclose(model.weights, (model.V * g) @ model.V.T, atol=1e-12)
    np.testing.assert_array_equal(model.A, model.B)  # the paper's symmetric split


@given(seed=seeds, lam=lams, k=st.integers(1, 8))
def test_objective2_soft_thresholds_the_singular_values(seed, lam, k):
    X = binary_data(seed)
    model = fit_objective2(X, k, lam)
    U = left_singular_vectors(X, model)
    expected = (U * np.clip(model.sigma - lam, 0, None)) @ model.V.T
    np.testing.assert_allclose(model.predict(X), expected, atol=1e-9)
    # user and item embeddings carry the same diagonal: XA = U_k dMat(√(σ(1−λ/σ)₊))
    diagonal = np.sqrt(model.sigma * shrinkage_objective2(model.sigma, lam))
    np.testing.assert_allclose(model.user_embeddings(X), U * diagonal, atol=1e-9)
    np.testing.assert_allclose(model.B, model.V * diagonal, atol=1e-12)


def test_objective2_switches_off_dimensions_below_lambda(X_small):
    sigma = fit_objective1(X_small, 8, 1.0).sigma
    lam = float((sigma[2] + sigma[3]) / 2)  # keeps exactly 3 dimensions
    model = fit_objective2(X_small, 8, lam)
    assert np.all(np.any(model.A[:, :3] != 0, axis=0))
    assert np.all(model.A[:, 3:] == 0) and np.all(model.B[:, 3:] == 0)


def test_shrinkage_profiles_at_known_points():
    sigma = np.array([0.0, 1.0, 2.0, 4.0])
    np.testing.assert_allclose(shrinkage_objective1(sigma, 4.0), [0.0, 0.2, 0.5, 0.8])
    np.testing.assert_allclose(shrinkage_objective2(sigma, 2.0), [0.0, 0.0, 0.0, 0.5])


@given(seed=seeds, lam=lams, data=st.data())
def test_rescaling_keeps_predictions_and_objective1(seed, lam, data):
    X = binary_data(seed)
    k = data.draw(st.integers(1, 8))
    model = fit_objective1(X, k, lam)
    d = data.draw(scaling_vectors(k))
    rescaled = rescale(model, d)
    # Each entry of ABᵀ is a sum of k products; dividing and multiplying by
    # d_j costs a few ulps per term, so 1e-13 · (largest term sum) is ample.
    scale = np.abs(model.A) @ np.abs(model.B).T
    assert np.all(np.abs(rescaled.weights - model.weights) <= 1e-13 * scale.max())
    assert objective1(X, rescaled.A, rescaled.B, lam) == pytest.approx(
        objective1(X, model.A, model.B, lam), rel=1e-12
    )


@given(seed=seeds, lam=lams, data=st.data())
def test_rescaling_changes_item_cosine_unless_d_is_constant_in_magnitude(seed, lam, data):
    X = binary_data(seed)
    model = fit_objective1(X, 8, lam)
    d = data.draw(scaling_vectors(8))
    assume(np.ptp(np.abs(d)) > 0.1)
    before = cosine_similarity(model.B)
    after = cosine_similarity(rescale(model, d).B)
    assert np.abs(after - before).max() > 1e-6


def test_rescaling_by_a_constant_keeps_cosine(X_small):
    model = fit_objective1(X_small, 5, 2.0)
    np.testing.assert_allclose(
        cosine_similarity(rescale(model, np.full(5, 3.0)).B), cosine_similarity(model.B), atol=1e-14
    )


@given(seed=seeds, lam=st.floats(0.05, 3.0), data=st.data())
def test_objective2_rises_by_the_predicted_amount_under_rescaling(seed, lam, data):
    X = binary_data(seed)
    model = fit_objective2(X, 8, lam)
    d = data.draw(scaling_vectors(8))
    base = objective2(X, model.A, model.B, lam)
    changed = rescale(model, d)
    # Each active dimension i has ‖XAᵢ‖² = ‖Bᵢ‖² = cᵢ, so the penalty of dimension i
    # becomes λcᵢ(dᵢ² + dᵢ⁻²) ≥ 2λcᵢ, with equality iff dᵢ² = 1.
    c = model.sigma * shrinkage_objective2(model.sigma, lam)
    predicted_rise = lam * np.sum(c * (d**2 + d**-2 - 2))
    rise = objective2(X, changed.A, changed.B, lam) - base
    assert rise == pytest.approx(predicted_rise, rel=1e-7, abs=1e-9 * base)
    if np.any((c > 0) & (np.abs(np.abs(d) - 1) > 1e-3)):
        assert rise > 0


@given(seed=seeds, lam=lams, k=st.integers(1, 8), objective=st.sampled_from([1, 2]))
def test_dense_and_sparse_input_give_identical_models(seed, lam, k, objective):
    X = binary_data(seed)
    fit = fit_objective1 if objective == 1 else fit_objective2
    dense, sparse = fit(X, k, lam), fit(sp.csr_matrix(X), k, lam)
    # Integer data: identical Gram matrices, hence bit-identical factors.
    assert np.array_equal(dense.A, sparse.A) and np.array_equal(dense.B, sparse.B)
    # Predictions multiply X by A through BLAS or through sparse code, whose
    # summation orders differ: agreement to a few ulps of the largest score.
    dense_scores, sparse_scores = dense.predict(X), sparse.predict(sp.csr_array(X))
    assert np.abs(dense_scores - sparse_scores).max() <= 1e-14 * max(1.0, np.abs(dense_scores).max())


def test_dense_and_sparse_real_valued_input_agree_to_rounding():
    X = np.random.default_rng(3).normal(size=(30, 6))
    X[np.abs(X) < 0.8] = 0.0
    dense, sparse = fit_objective1(X, 4, 1.0), fit_objective1(sp.csr_array(X), 4, 1.0)
    np.testing.assert_allclose(dense.weights, sparse.weights, atol=1e-12)


@pytest.mark.parametrize("fit", [fit_objective1, fit_objective2])
@pytest.mark.parametrize(
    ("lam", "message"),
    [
        (0.0, r"lam must be a finite number > 0; got 0.0"),
        (-1.0, r"lam must be a finite number > 0; got -1.0"),
        (np.nan, r"lam must be a finite number > 0; got nan"),
        (np.inf, r"lam must be a finite number > 0; got inf"),
        ("1", r"lam must be a finite number > 0; got '1'"),
    ],
)
def test_fit_rejects_bad_lambda(fit, lam, message, X_small):
    with pytest.raises(ValueError, match=message):
        fit(X_small, 2, lam)


@pytest.mark.parametrize("fit", [fit_objective1, fit_objective2])
def test_fit_rejects_bad_k_and_data(fit, X_small):
    with pytest.raises(ValueError, match=r"k must be an integer between 1 and p = 8; got 9"):
        fit(X_small, 9, 1.0)
    with pytest.raises(ValueError, match=r"data must hold only finite numbers"):
        fit(np.where(X_small == 1, np.nan, 0.0), 2, 1.0)
    with pytest.raises(ValueError, match=r"data must be a 2-D matrix \(users × items\)"):
        fit(X_small[None], 2, 1.0)


@pytest.mark.parametrize(
    ("d", "message"),
    [
        (np.array([1.0, 0.0, 2.0]), r"d must have no zero entry.*first at index 1"),
        (np.array([1.0, 2.0]), r"d must be a vector \(the diagonal of D\) of length k = 3; got shape \(2,\)"),
        (np.ones((3, 1)), r"d must be a 1-D vector \(the diagonal of D\); got shape \(3, 1\)"),
        (np.array([1.0, np.nan, 2.0]), r"d must hold only finite numbers"),
        (np.array([1.0, np.inf, 2.0]), r"d must hold only finite numbers"),
    ],
)
def test_rescale_rejects_non_invertible_or_misshapen_d(d, message, X_small):
    with pytest.raises(ValueError, match=message):
        rescale(fit_objective1(X_small, 3, 1.0), d)


def test_model_rejects_data_with_the_wrong_number_of_items(X_small):
    model = fit_objective1(X_small, 3, 1.0)
    with pytest.raises(ValueError, match=r"X must be an n × p matrix with p = 8; got shape \(40, 7\)"):
        model.predict(X_small[:, :7])


@pytest.mark.parametrize("fit", [fit_objective1, fit_objective2])
def test_a_precomputed_spectrum_gives_the_same_model(fit, X_small):
    from cossim.spectral import top_singular

    svd = top_singular(X_small, 6)
    reused, fresh = fit(svd, 4, 1.5), fit(X_small, 4, 1.5)
    # eigh restricted to the top 6 or the top 4 eigenpairs rounds differently.
    np.testing.assert_allclose(reused.A, fresh.A, atol=1e-12)
    np.testing.assert_allclose(reused.B, fresh.B, atol=1e-12)
    assert reused.sigma.size == 4 and reused.V.shape == (8, 4)
    with pytest.raises(ValueError, match=r"k must be an integer between 1 and the 6 singular triplets given; got 7"):
        fit(svd, 7, 1.5)


def test_a_spectrum_alone_fits_both_objectives_and_counts_active_dimensions(X_small):
    from cossim import top_singular

    svd = top_singular(X_small, 8)
    lam = float(svd.sigma[2] + svd.sigma[3]) / 2  # between σ₃ and σ₄
    model2 = fit_objective2(svd, 8, lam)
    assert model2.active_dimensions == 3 == int(np.sum(svd.sigma > lam))
    assert fit_objective1(svd, 8, lam).active_dimensions == int(np.sum(svd.sigma > 0))
    np.testing.assert_allclose(model2.predict(X_small), fit_objective2(X_small, 8, lam).predict(X_small), atol=1e-10)
