"""The nonlinear autoencoder: its loss and gradients, the freedom M, and what pins it."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import ortho_group
from threadpoolctl import threadpool_limits

from helpers import binary_data
from cossim import cosine_similarity, numerical_gradient
from cossim.nonlinear import (
    REGULARISERS,
    NonlinearModel,
    balancing_map,
    fit_nonlinear,
    nonlinear_loss,
    nonlinear_objective,
    random_invertible,
    split_imbalance,
    transform_last_layers,
)

seeds = st.integers(0, 10_000)
regularisers = st.sampled_from(REGULARISERS)
strengths = st.floats(0.0, 5.0)
NAMES = ("W", "b", "A", "B", "c")


def random_model(seed: int, regulariser: str = "decay", p: int = 8, m: int = 5, k: int = 3,
                 lam: float = 0.7, decay: float = 0.3) -> NonlinearModel:
    """A model with random parameters (b > 0 keeps most hidden units on)."""
    rng = np.random.default_rng(seed)
    return NonlinearModel(
        W=rng.normal(size=(p, m)), b=rng.uniform(0.1, 1.0, size=m), A=rng.normal(size=(m, k)),
        B=rng.normal(size=(p, k)), c=rng.normal(size=p), regulariser=regulariser, lam=lam,
        decay=decay, converged=False, iterations=0,
    )


def direct_loss(X: np.ndarray, model: NonlinearModel) -> float:
    """‖X − Ŷ‖²_F + penalties, from the dense predictions, with none of the module's algebra."""
    residual = X - model.predict(X)
    A, B = model.A, model.B
    penalty = {
        "product": np.sum((A @ B.T) ** 2),
        "decay": np.sum(A**2) + np.sum(B**2),
        "normalised": np.sum(B**2),
    }[model.regulariser]
    return float(np.sum(residual**2) + model.lam * penalty + model.decay * np.sum(model.W**2))


def objective(X: np.ndarray, model: NonlinearModel, **changes: np.ndarray):
    parameters = {name: changes.get(name, getattr(model, name)) for name in NAMES}
    return nonlinear_objective(X, **parameters, regulariser=model.regulariser, lam=model.lam,
                               decay=model.decay)


@given(seed=seeds, regulariser=regularisers, lam=strengths, decay=strengths)
def test_value_is_the_loss_computed_directly(seed, regulariser, lam, decay):
    X = binary_data(seed)
    model = random_model(seed, regulariser, lam=lam, decay=decay)
    value = objective(X, model).value
    assert value == pytest.approx(direct_loss(X, model), rel=1e-10)
    assert nonlinear_loss(model, X) == value


@settings(max_examples=15)
@given(seed=seeds, regulariser=regularisers, lam=strengths, decay=strengths)
def test_gradients_match_central_differences(seed, regulariser, lam, decay):
    X = binary_data(seed)
    model = random_model(seed, regulariser, lam=lam, decay=decay)
    analytic = objective(X, model)
    for name in NAMES:
        numeric = numerical_gradient(lambda v, name=name: objective(X, model, **{name: v}).value,
                                     getattr(model, name))
        # the loss is ~10³ here: rounding in each value (~1e-13) over 2h is ~1e-7;
        # 1e-6 relative to the gradient's size leaves a margin of 10
        scale = max(1.0, float(np.max(np.abs(numeric))))
        np.testing.assert_allclose(getattr(analytic, name), numeric, atol=1e-6 * scale, err_msg=name)


@given(seed=seeds, spread=st.floats(0.0, 1.0), regulariser=st.sampled_from(("product", "decay")))
def test_any_invertible_M_leaves_every_prediction_unchanged(seed, spread, regulariser):
    X = binary_data(seed)
    model = random_model(seed, regulariser)
    M = random_invertible(model.k, spread, seed)
    moved = transform_last_layers(model, M)
    np.testing.assert_allclose(moved.A @ moved.B.T, model.A @ model.B.T, atol=1e-10, rtol=0)
    np.testing.assert_allclose(moved.predict(X), model.predict(X), atol=1e-10, rtol=0)
    if regulariser == "product":  # the penalty sees only the product: the whole loss is unchanged
        assert nonlinear_loss(moved, X) == pytest.approx(nonlinear_loss(model, X), rel=1e-12)


@given(seed=seeds, spread=st.floats(0.3, 1.0))
def test_M_moves_the_item_cosines(seed, spread):
    model = random_model(seed, "product")
    moved = transform_last_layers(model, random_invertible(model.k, spread, seed))
    assert np.max(np.abs(cosine_similarity(moved.B) - cosine_similarity(model.B))) > 1e-3


@given(seed=seeds, regulariser=regularisers)
def test_a_rotation_changes_nothing_at_all(seed, regulariser):
    X = binary_data(seed)
    model = random_model(seed, regulariser)
    Q = ortho_group.rvs(model.k, random_state=seed)
    moved = transform_last_layers(model, Q)
    np.testing.assert_allclose(moved.predict(X), model.predict(X), atol=1e-10, rtol=0)
    assert nonlinear_loss(moved, X) == pytest.approx(nonlinear_loss(model, X), rel=1e-12)
    np.testing.assert_allclose(cosine_similarity(moved.B), cosine_similarity(model.B), atol=1e-12)


@given(seed=seeds, spread=st.floats(0.3, 1.0))
def test_normalisation_makes_the_predictions_see_M(seed, spread):
    X = binary_data(seed)
    model = random_model(seed, "normalised")
    moved = transform_last_layers(model, random_invertible(model.k, spread, seed))
    assert np.max(np.abs(moved.predict(X) - model.predict(X))) > 1e-3


@given(seed=seeds, spread=st.floats(0.0, 1.0))
def test_the_balancing_map_gives_the_least_weight_decay(seed, spread):
    A = np.random.default_rng(seed).normal(size=(6, 3))
    B = np.random.default_rng(seed + 1).normal(size=(9, 3)) * np.exp(spread * np.arange(3))
    M = balancing_map(A, B)
    np.testing.assert_allclose(M, M.T, atol=1e-12)
    A2, B2 = A @ M, B @ np.linalg.inv(M).T
    assert split_imbalance(A2, B2) < 1e-10
    np.testing.assert_allclose(A2 @ B2.T, A @ B.T, atol=1e-10)
    least = 2 * np.sum(np.linalg.svd(A @ B.T, compute_uv=False))  # twice the nuclear norm
    assert np.sum(A2**2) + np.sum(B2**2) == pytest.approx(least, rel=1e-10)
    other = random_invertible(3, 1.0, seed)
    assert np.sum((A @ other) ** 2) + np.sum((B @ np.linalg.inv(other).T) ** 2) >= least * (1 - 1e-12)


def test_balanced_splits_differ_by_a_rotation_only():
    A = np.random.default_rng(0).normal(size=(6, 3))
    B = np.random.default_rng(1).normal(size=(9, 3))
    M = balancing_map(A, B)
    Q = ortho_group.rvs(3, random_state=2)
    A2, B2 = A @ M, B @ np.linalg.inv(M).T
    A3, B3 = A2 @ Q, B2 @ Q
    assert split_imbalance(A3, B3) < 1e-10  # a rotation keeps it balanced,
    assert split_imbalance(A2 * [1, 2, 1], B2 / [1, 2, 1]) > 0.1  # a stretch does not
    np.testing.assert_allclose(cosine_similarity(B3), cosine_similarity(B2), atol=1e-12)
    assert split_imbalance(A2, B2 * 2) == pytest.approx(3 / 5)


@pytest.fixture(scope="module")
def data() -> np.ndarray:
    return binary_data(3, n=60, p=10)


def test_training_lowers_the_loss_and_is_deterministic(data):
    start = fit_nonlinear(data, hidden=6, k=3, regulariser="product", lam=0.5, decay=0.5, max_iterations=1)
    model = fit_nonlinear(data, hidden=6, k=3, regulariser="product", lam=0.5, decay=0.5, max_iterations=200)
    assert nonlinear_loss(model, data) < 0.8 * nonlinear_loss(start, data)
    with threadpool_limits(limits=2, user_api="blas"):
        again = fit_nonlinear(data, hidden=6, k=3, regulariser="product", lam=0.5, decay=0.5, max_iterations=200)
    for name in NAMES:
        np.testing.assert_array_equal(getattr(again, name), getattr(model, name))
    assert (model.hidden, model.k, model.iterations) == (6, 3, again.iterations)


def test_weight_decay_training_ends_balanced(data):
    """At a stationary point of the weight-decay loss, AᵀA = BᵀB (the chapter's derivation)."""
    model = fit_nonlinear(data, hidden=6, k=3, regulariser="decay", lam=0.5, decay=0.5, max_iterations=3000)
    assert model.converged
    assert split_imbalance(model.A, model.B) < 1e-3
    # and the product penalty's fit from the same start is not balanced: nothing asks it to be
    product = fit_nonlinear(data, hidden=6, k=3, regulariser="product", lam=0.5, decay=0.5, max_iterations=3000)
    assert split_imbalance(product.A, product.B) > 10 * split_imbalance(model.A, model.B)


def test_normalised_model_scores_with_unit_user_embeddings(data):
    model = fit_nonlinear(data, hidden=6, k=3, regulariser="normalised", lam=0.5, decay=0.5, max_iterations=50)
    Z = model.user_embeddings(data)
    np.testing.assert_allclose(np.linalg.norm(Z, axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(model.predict(data), Z @ model.B.T + model.c, atol=1e-12)
    assert model.item_embeddings is model.B


def test_a_user_with_every_hidden_unit_off_gets_a_zero_embedding():
    model = dataclasses.replace(random_model(0, "normalised"), b=-100.0 * np.ones(5))
    X = binary_data(0)
    np.testing.assert_array_equal(model.user_embeddings(X), 0.0)
    np.testing.assert_allclose(model.predict(X), np.tile(model.c, (X.shape[0], 1)))


def test_random_invertible_has_the_stated_singular_values():
    M = random_invertible(5, 0.5, seed=3)
    s = np.linalg.svd(M, compute_uv=False)
    rng = np.random.default_rng(3)
    rng.normal(size=(5, 5)), rng.normal(size=(5, 5))
    expected = np.sort(np.exp(0.5 * rng.normal(size=5)))[::-1]
    np.testing.assert_allclose(s, expected, rtol=1e-12)
    np.testing.assert_array_equal(M, random_invertible(5, 0.5, seed=3))
    np.testing.assert_allclose(np.linalg.svd(random_invertible(4, 0.0), compute_uv=False), 1.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda X: fit_nonlinear(X, k=3, regulariser="dropout"),
         r"^regulariser must be one of 'product', 'decay', 'normalised'; got 'dropout'\.$"),
        (lambda X: fit_nonlinear(X, hidden=0, k=3), r"^hidden must be an integer >= 1; got 0\.$"),
        (lambda X: fit_nonlinear(X, k=11), r"^k must be an integer between 1 and p = 10; got 11\.$"),
        (lambda X: fit_nonlinear(X, k=3, lam=-1.0), r"^lam must be a finite number >= 0; got -1\.0\.$"),
        (lambda X: transform_last_layers(random_model(0), np.zeros((3, 3))),
         r"^M must be an invertible matrix; got a singular one\.$"),
        (lambda X: transform_last_layers(random_model(0), np.eye(4)),
         r"^M must be a k × k matrix with k = 3; got shape \(4, 4\)\.$"),
        (lambda X: random_model(0).predict(X), r"^X must be an n × p matrix \(users × items\) with p = 8; got shape"),
        (lambda X: nonlinear_objective(X[:, :8], np.ones((8, 2)), np.ones(3), np.ones((2, 1)), np.ones((8, 1)),
                                       np.ones(8), regulariser="decay", lam=1.0, decay=1.0),
         r"^b must be a vector \(the hidden bias\) of length m = 2; got shape \(3,\)\.$"),
        (lambda X: balancing_map(np.ones((4, 2)), np.ones((5, 2))),
         r"^A must have full column rank; got a rank-deficient factor\.$"),
        (lambda X: split_imbalance(np.zeros((4, 2)), np.zeros((5, 2))),
         r"^A and B must not both be zero; got zero factors\.$"),
    ],
)
def test_bad_input_gets_one_clear_sentence(call, message):
    with pytest.raises(ValueError, match=message):
        call(binary_data(0, p=10))
