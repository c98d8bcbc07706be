"""Column standardisation and inverse propensity scaling of the data."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given
from hypothesis import strategies as st

from helpers import binary_data
from cossim import cosine_similarity, fit_objective1, fit_objective2, gram_matrix, objective1, rescale
from cossim.debiasing import (
    column_standardise,
    ips_model,
    ips_transform,
    ips_weighted_error,
    standardised_gram,
)

seeds = st.integers(0, 10_000)
exponents = st.floats(-0.5, 1.5)


@given(seed=seeds)
def test_standardised_columns_have_mean_zero_equal_spread_and_the_norm_of_x(seed):
    X = binary_data(seed)
    Z = column_standardise(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    spread = Z.std(axis=0)
    np.testing.assert_allclose(spread, spread[0], rtol=1e-12)
    assert np.linalg.norm(Z) == pytest.approx(np.linalg.norm(X), rel=1e-12)
    np.testing.assert_allclose(standardised_gram(X), Z.T @ Z, atol=1e-9)
    np.testing.assert_allclose(standardised_gram(sp.csr_array(X), gram=gram_matrix(X)), Z.T @ Z, atol=1e-9)


@given(seed=seeds, a=exponents, b=exponents)
def test_ips_weighting_is_a_transform_of_the_data(seed, a, b):
    X = binary_data(seed)
    t = ips_transform(X, item_exponent=b, user_exponent=a)
    W = np.random.default_rng(seed).normal(size=(8, 8))
    c = t.item_factors
    W_tilde = W * c[None, :] / c[:, None]  # dMat(c)⁻¹ W dMat(c)
    Xt = t.X.toarray()
    assert ips_weighted_error(X, W, t) == pytest.approx(float(np.sum((Xt - Xt @ W_tilde) ** 2)), rel=1e-10)
    # the propensities are the ones the docstring names
    pop, act = X.sum(axis=0), X.sum(axis=1)
    np.testing.assert_allclose(c, (pop / pop.mean()) ** (-b / 2), rtol=1e-12)
    ratio = t.user_factors / (act / act.mean()) ** (-a / 2)
    np.testing.assert_allclose(ratio, ratio[0], rtol=1e-12)  # up to the norm-matching constant
    assert np.linalg.norm(Xt) == pytest.approx(np.linalg.norm(X), rel=1e-12)


def test_zero_exponents_leave_the_data_alone(X_small):
    t = ips_transform(X_small, item_exponent=0.0, user_exponent=0.0)
    np.testing.assert_allclose(t.X.toarray(), X_small, atol=1e-15)


@given(seed=seeds, k=st.integers(1, 6))
def test_back_mapped_model_predicts_the_weighted_fit_and_keeps_its_item_cosines(seed, k):
    X = binary_data(seed)
    t = ips_transform(X)
    fitted = fit_objective2(t.X, k, 0.5)
    back = ips_model(fitted, t)
    Xt = t.X.toarray()
    np.testing.assert_allclose(Xt @ fitted.A @ fitted.B.T,
                               t.user_factors[:, None] * back.predict(X) * t.item_factors[None, :], atol=1e-10)
    np.testing.assert_allclose(cosine_similarity(back.B, zero_rows="zero"),
                               cosine_similarity(fitted.B, zero_rows="zero"), atol=1e-12)


@given(seed=seeds, k=st.integers(1, 6), data=st.data())
def test_neither_transform_removes_the_freedom_of_objective1(seed, k, data):
    X = binary_data(seed)
    d = np.array(data.draw(st.lists(st.floats(0.1, 10.0), min_size=k, max_size=k)))
    for transformed in (column_standardise(X), ips_transform(X).X):
        model = fit_objective1(transformed, k, 2.0)
        moved = rescale(model, d)
        assert objective1(transformed, moved.A, moved.B, 2.0) == pytest.approx(
            objective1(transformed, model.A, model.B, 2.0), rel=1e-10)


def test_bad_arguments_are_rejected(X_small):
    constant = X_small.copy()
    constant[:, 2] = 1.0
    with pytest.raises(ValueError, match=r"X must have no constant column, .* the first at index 2"):
        column_standardise(constant)
    with pytest.raises(ValueError, match=r"gram must be a p × p Gram matrix XᵀX with p = 8"):
        standardised_gram(X_small, gram=np.eye(3))
    with pytest.raises(ValueError, match=r"X must hold only nonnegative numbers; got a negative entry"):
        ips_transform(-X_small)
    empty = X_small.copy()
    empty[:, 5] = 0.0
    with pytest.raises(ValueError, match=r"X must have a positive sum in every column, .* index 5"):
        ips_transform(empty)
    with pytest.raises(ValueError, match=r"item_exponent must be a finite real number; got inf"):
        ips_transform(X_small, item_exponent=float("inf"))
    with pytest.raises(ValueError, match=r"user_exponent must be a finite real number; got 'one'"):
        ips_transform(X_small, user_exponent="one")
    t = ips_transform(X_small)
    with pytest.raises(ValueError, match=r"W must be a p × p matrix with p = 8"):
        ips_weighted_error(X_small, np.eye(3), t)
    with pytest.raises(ValueError, match=r"transform.user_factors must be a vector of length n = 10"):
        ips_weighted_error(X_small[:10], np.eye(8), t)
    with pytest.raises(ValueError, match=r"model.A must be a p × k matrix with p = 8"):
        ips_model(fit_objective1(X_small[:, :5], 2, 1.0), t)
