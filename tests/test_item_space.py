"""Cosine similarity in item space: rows of Â B̂ᵀ and of X Â B̂ᵀ."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import binary_data
from cossim import cosine_similarity, fit_objective1, fit_objective2, rescale, shrinkage_objective1
from cossim.item_space import (
    item_space_cosine,
    item_space_items,
    item_space_metric,
    item_space_users,
    similarity_agreement,
)
from cossim.rescalings import shrinkage_power

seeds = st.integers(0, 10_000)
magnitudes = st.floats(-1.0, 1.0).map(lambda e: 10.0**e)


@given(seed=seeds, rows=st.integers(2, 9), k=st.integers(1, 5))
def test_equals_the_cosine_of_the_product(seed, rows, k):
    rng = np.random.default_rng(seed)
    E, F = rng.normal(size=(rows, k)), rng.normal(size=(7, k))
    np.testing.assert_allclose(item_space_cosine(E, F), cosine_similarity(E @ F.T), atol=1e-12)


@given(seed=seeds, k=st.integers(1, 5))
def test_the_metric_is_the_square_root_of_ftf(seed, k):
    F = np.random.default_rng(seed).normal(size=(9, k))
    S = item_space_metric(F)
    np.testing.assert_allclose(S, S.T, atol=0)
    np.testing.assert_allclose(S @ S, F.T @ F, atol=1e-10 * max(1.0, np.abs(F.T @ F).max()))
    assert np.all(np.linalg.eigvalsh(S) >= -1e-12)


@given(seed=seeds, k=st.integers(1, 6), data=st.data())
def test_invariant_to_every_rescaling_d_and_every_invertible_m(seed, k, data):
    X = binary_data(seed)
    model = fit_objective1(X, k, 2.0)
    d = np.array(data.draw(st.lists(magnitudes, min_size=k, max_size=k)))
    rescaled = rescale(model, d)
    np.testing.assert_allclose(item_space_items(rescaled), item_space_items(model), atol=1e-10)
    np.testing.assert_allclose(item_space_users(rescaled, X), item_space_users(model, X), atol=1e-10)
    M = np.eye(k) + 0.4 * np.random.default_rng(seed).normal(size=(k, k))
    np.testing.assert_allclose(item_space_cosine(model.A @ M, model.B @ np.linalg.inv(M).T),
                               item_space_items(model), atol=1e-8)
    # ...whereas the cosine of the item embeddings themselves moves with D (for generic d)
    if k > 1 and np.ptp(np.log(d)) > 0.5:
        assert np.abs(cosine_similarity(rescaled.B) - cosine_similarity(model.B)).max() > 1e-6


@given(seed=seeds, k=st.integers(1, 8), lam=st.floats(0.1, 20.0))
def test_objective1_item_space_is_one_member_of_the_family(seed, k, lam):
    """Rows of V_k g V_kᵀ have the cosines of V_k g: items as under D = g^{−1/2}, users as under D = g^{1/2}."""
    X = binary_data(seed)
    model = fit_objective1(X, k, lam)
    g = shrinkage_objective1(model.sigma, lam)
    np.testing.assert_allclose(item_space_items(model), cosine_similarity(model.V * g), atol=1e-10)
    items_minus = rescale(model, shrinkage_power(model, -0.5)).B
    np.testing.assert_allclose(item_space_items(model), cosine_similarity(items_minus), atol=1e-10)
    users_plus = rescale(model, shrinkage_power(model, 0.5)).user_embeddings(X)
    np.testing.assert_allclose(item_space_users(model, X), cosine_similarity(users_plus), atol=1e-10)


def test_user_subset_is_a_block_of_the_full_matrix(X_small):
    model = fit_objective2(X_small, 4, 1.0)
    users = np.array([3, 0, 17])
    full = item_space_users(model, X_small)
    np.testing.assert_allclose(item_space_users(model, X_small, users), full[np.ix_(users, users)], atol=1e-12)


def test_switched_off_items_get_zero_similarity():
    F = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    E = np.array([[1.0, 2.0], [0.0, 0.0], [3.0, -1.0]])
    with pytest.raises(ValueError, match=r"E must have no zero row"):
        item_space_cosine(E, F)
    S = item_space_cosine(E, F, zero_rows="zero")
    assert np.all(S[1] == 0) and np.all(S[:, 1] == 0)


@given(seed=seeds, slope=st.floats(0.1, 10.0), shift=st.floats(-5.0, 5.0))
def test_agreement_is_the_off_diagonal_correlation(seed, slope, shift):
    rng = np.random.default_rng(seed)
    S, T = rng.normal(size=(6, 6)), rng.normal(size=(6, 6))
    off = ~np.eye(6, dtype=bool)
    assert similarity_agreement(S, T) == pytest.approx(np.corrcoef(S[off], T[off])[0, 1], abs=1e-12)
    assert similarity_agreement(S, slope * S + shift) == pytest.approx(1.0, abs=1e-12)
    # the diagonal is ignored
    assert similarity_agreement(S, T + np.diag(rng.normal(size=6))) == pytest.approx(similarity_agreement(S, T))


def test_bad_arguments_are_rejected(X_small):
    model = fit_objective1(X_small, 3, 1.0)
    with pytest.raises(ValueError, match=r"E must be a … × k array with k = 3; got shape \(4, 2\)"):
        item_space_cosine(np.ones((4, 2)), model.B)
    with pytest.raises(ValueError, match=r"zero_rows must be one of 'raise', 'zero'; got 'skip'"):
        item_space_items(model, zero_rows="skip")
    with pytest.raises(ValueError, match=r"users must be an integer between 0 and n − 1 = 39; got 40"):
        item_space_users(model, X_small, np.array([0, 40]))
    with pytest.raises(ValueError, match=r"users must be a vector of integer user indices"):
        item_space_users(model, X_small, np.array([0.5]))
    with pytest.raises(ValueError, match=r"X must be an n × p matrix with p = 8"):
        item_space_users(model, np.ones((3, 5)))
    with pytest.raises(ValueError, match=r"T must be an array of shape \(3, 3\)"):
        similarity_agreement(np.ones((3, 3)), np.ones((4, 4)))
    with pytest.raises(ValueError, match=r"S and T must each have off-diagonal entries that are not all equal"):
        similarity_agreement(np.eye(3), np.random.default_rng(0).normal(size=(3, 3)))
    with pytest.raises(ValueError, match=r"F must be a 2-D array"):
        item_space_metric(np.ones(3))
