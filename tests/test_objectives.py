"""Objective values and gradients, and the closed forms against a generic optimiser."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from cossim.gradients import numerical_gradient
from helpers import binary_data
from cossim import fit_objective1, fit_objective2, minimise_objective, objective1, objective2
from cossim.optimise import minimise_factorisation
from cossim.objectives import objective1_gradient, objective2_gradient, objective2_rise
from cossim.spectral import gram_matrix

seeds = st.integers(0, 10_000)


def direct_objective1(X, A, B, lam):
    W = A @ B.T
    return np.sum((X - X @ W) ** 2) + lam * np.sum(W**2)


def direct_objective2(X, A, B, lam):
    W = A @ B.T
    return np.sum((X - X @ W) ** 2) + lam * (np.sum((X @ A) ** 2) + np.sum(B**2))


@given(seed=seeds, lam=st.floats(0.0, 20.0), k=st.integers(1, 8))
def test_values_from_the_gram_matrix_equal_the_direct_definition(seed, lam, k):
    X = binary_data(seed)
    rng = np.random.default_rng(seed)
    A, B = rng.normal(size=(2, 8, k))
    for fast, direct in ((objective1, direct_objective1), (objective2, direct_objective2)):
        assert fast(X, A, B, lam) == pytest.approx(direct(X, A, B, lam), rel=1e-11)
        assert fast(sp.csr_array(X), A, B, lam) == pytest.approx(direct(X, A, B, lam), rel=1e-11)


@given(seed=seeds, lam=st.floats(0.1, 20.0), objective=st.sampled_from([1, 2]))
def test_gradients_match_central_differences(seed, lam, objective):
    X = binary_data(seed, n=20, p=5)
    rng = np.random.default_rng(seed)
    A, B = rng.normal(size=(2, 5, 3))
    G = gram_matrix(X)
    value = {1: direct_objective1, 2: direct_objective2}[objective]
    grad_A, grad_B = {1: objective1_gradient, 2: objective2_gradient}[objective](G, A, B, lam)
    numerics = (numerical_gradient(lambda M: value(X, M, B, lam), A, h=1e-5),
                numerical_gradient(lambda M: value(X, A, M, lam), B, h=1e-5))
    for analytic, numeric in zip((grad_A, grad_B), numerics):
        # Central differences err by O(h²·f''') plus rounding O(eps·f/h): with
        # f ~ 1e2–1e3 here both stay below 1e-4 relative to the gradient size.
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-4 * np.abs(analytic).max())


@pytest.mark.parametrize("objective", [1, 2])
@pytest.mark.parametrize(("seed", "k", "lam"), [(0, 2, 0.5), (1, 3, 2.0), (2, 5, 8.0), (3, 8, 1.0)])
def test_closed_form_is_no_worse_than_lbfgs_and_lbfgs_reaches_it(objective, seed, k, lam):
    X = binary_data(seed, n=30, p=8)
    fit, value = {1: (fit_objective1, objective1), 2: (fit_objective2, objective2)}[objective]
    model = fit(X, k, lam)
    closed = value(X, model.A, model.B, lam)
    for start in range(4):
        run = minimise_objective(X, k, lam, objective, seed=start)
        assert run.converged
        # L-BFGS stops at a relative gradient of 1e-10; near a minimum the
        # value gap is quadratic in that, so 1e-9 relative is a safe bound.
        assert closed <= run.value * (1 + 1e-9)
        assert run.value <= closed * (1 + 1e-7)
        np.testing.assert_allclose(run.A @ run.B.T, model.weights, atol=1e-4)


@settings(max_examples=15)
@given(seed=seeds, k=st.integers(1, 6), lam=st.floats(0.2, 10.0), objective=st.sampled_from([1, 2]))
def test_no_random_start_beats_the_closed_form(seed, k, lam, objective):
    X = binary_data(seed, n=25, p=6)
    fit, value = {1: (fit_objective1, objective1), 2: (fit_objective2, objective2)}[objective]
    model = fit(X, k, lam)
    run = minimise_objective(X, k, lam, objective, seed=seed)
    assert value(X, model.A, model.B, lam) <= run.value * (1 + 1e-9)


def test_objective_rejects_bad_arguments(X_small):
    A = np.ones((8, 2))
    with pytest.raises(ValueError, match=r"lam must be a finite number >= 0; got -1.0"):
        objective1(X_small, A, A, -1.0)
    with pytest.raises(ValueError, match=r"A must be a p × k matrix with p = 8; got shape \(7, 2\)"):
        objective2(X_small, A[:7], A, 1.0)
    with pytest.raises(ValueError, match=r"B must be a p × k matrix with p = 8, k = 2; got shape \(8, 3\)"):
        objective1(X_small, A, np.ones((8, 3)), 1.0)
    with pytest.raises(ValueError, match=r"B must hold only finite numbers"):
        objective1(X_small, A, np.full((8, 2), np.nan), 1.0)


def test_optimiser_rejects_bad_arguments(X_small):
    with pytest.raises(ValueError, match=r"objective must be one of 1, 2; got 3"):
        minimise_objective(X_small, 2, 1.0, 3)
    with pytest.raises(ValueError, match=r"lam must be a finite number > 0; got 0.0"):
        minimise_objective(X_small, 2, 0.0, 1)


@pytest.mark.parametrize(("seed", "k", "lam"), [(0, 2, 1.0), (1, 4, 3.0), (2, 6, 0.5)])
def test_objective2_equals_free_matrix_factorisation_at_the_optimum(seed, k, lam):
    X = binary_data(seed, n=20, p=6)
    model = fit_objective2(X, k, lam)
    closed = objective2(X, model.A, model.B, lam)
    for start in range(3):
        run = minimise_factorisation(X, k, lam, seed=start)
        assert run.converged
        # MF ranges over more (P, Q) than objective 2 (P = XA), yet reaches no
        # lower value: the constraint P = XA is inactive at the optimum.
        assert closed <= run.value * (1 + 1e-9)
        assert run.value <= closed * (1 + 1e-7)


def test_factorisation_rejects_bad_arguments(X_small):
    with pytest.raises(ValueError, match=r"k must be an integer between 1 and p = 8; got 0"):
        minimise_factorisation(X_small, 0, 1.0)
    with pytest.raises(ValueError, match=r"lam must be a finite number > 0; got -2.0"):
        minimise_factorisation(X_small, 2, -2.0)


@given(seed=seeds, lam=st.floats(0.1, 3.0), k=st.integers(1, 8), matrix_seed=st.integers(0, 1000))
def test_objective2_rise_formula_matches_direct_evaluation(seed, lam, k, matrix_seed):
    X = binary_data(seed)
    model = fit_objective2(X, k, lam)
    M = np.random.default_rng(matrix_seed).normal(size=(k, k)) + 2 * np.eye(k)
    direct = objective2(X, model.A @ M, model.B @ np.linalg.inv(M).T, lam) - objective2(X, model.A, model.B, lam)
    predicted = objective2_rise(model, M)
    scale = objective2(X, model.A, model.B, lam)
    assert abs(direct - predicted) <= 1e-9 * scale * max(1.0, np.linalg.cond(M) ** 2)
    assert predicted >= -1e-12 * scale


@given(seed=seeds, k=st.integers(1, 8), matrix_seed=st.integers(0, 1000))
def test_objective2_does_not_rise_under_rotations(seed, k, matrix_seed):
    from scipy.stats import ortho_group

    model = fit_objective2(binary_data(seed), k, 1.0)
    R = ortho_group.rvs(k, random_state=matrix_seed) if k > 1 else np.array([[-1.0]])
    assert abs(objective2_rise(model, R)) <= 1e-12 * max(1.0, model.sigma[0])


def test_objective2_rise_rejects_wrong_models_and_matrices(X_small):
    with pytest.raises(ValueError, match=r"model must be a fit of objective 2; got a fit of objective 1"):
        objective2_rise(fit_objective1(X_small, 2, 1.0), np.eye(2))
    model = fit_objective2(X_small, 2, 1.0)
    with pytest.raises(ValueError, match=r"M must be a k × k matrix with k = 2; got shape \(3, 2\)"):
        objective2_rise(model, np.ones((3, 2)))
    with pytest.raises(ValueError, match=r"M must be invertible; got a singular matrix"):
        objective2_rise(model, np.ones((2, 2)))
