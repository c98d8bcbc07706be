"""The cosine model W = s(B̃B̃ᵀ − I): loss, gradient, invariances and fit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import special_ortho_group

from cossim.gradients import numerical_gradient
from helpers import binary_data
from cossim import cosine_similarity, fit_objective1, gram_matrix, rescale
from cossim.cosine_training import CosineModel, cosine_objective, fit_cosine_model, normalise_embeddings
from cossim.models import ridge_weights
from cossim.objectives import objective1_from_gram, reconstruction_error_from_gram
from cossim.rescalings import shrinkage_power, sigma_power

seeds = st.integers(0, 10_000)
steps = st.sampled_from(["unit", "layer"])
lams = st.floats(0.0, 20.0)


def problem(seed: int, k: int = 3) -> tuple[np.ndarray, np.ndarray]:
    X = binary_data(seed)
    return gram_matrix(X), np.random.default_rng(seed).normal(size=(X.shape[1], k))


def direct_loss(G: np.ndarray, B: np.ndarray, scale: float, lam: float, step: str) -> float:
    """‖X − XW‖² + λ‖W‖² at W = s(B̃B̃ᵀ − I), with no algebra from the module."""
    unit = normalise_embeddings(B, step)
    W = scale * (unit @ unit.T - np.eye(B.shape[0]))
    return reconstruction_error_from_gram(G, W) + lam * float(np.sum(W * W))


@given(seed=seeds, lam=lams, step=steps)
def test_profiled_value_is_the_loss_at_the_best_scale(seed, lam, step):
    G, B = problem(seed)
    result = cosine_objective(G, B, lam, step=step)
    value = direct_loss(G, B, result.scale, lam, step)
    assert result.value == pytest.approx(value, rel=1e-10, abs=1e-9)
    # s* minimises the loss, a parabola in s: moving away in either direction costs
    for delta in (-1e-3, 1e-3):
        assert direct_loss(G, B, result.scale * (1 + delta), lam, step) >= value - 1e-9


@given(seed=seeds, lam=lams, step=steps)
def test_gradient_matches_central_differences(seed, lam, step):
    G, B = problem(seed)
    result = cosine_objective(G, B, lam, step=step)
    numeric = numerical_gradient(lambda M: cosine_objective(G, M, lam, step=step).value, B)
    # The loss is ~10² on this data: rounding in each value is ~1e-14, divided by
    # 2h gives ~1e-8, and the O(h²) truncation error is smaller; 1e-6 relative to
    # the gradient's size leaves a margin of 100.
    scale = max(1.0, float(np.max(np.abs(result.gradient))))
    np.testing.assert_allclose(result.gradient, numeric, atol=1e-6 * scale)


@given(seed=seeds, lam=lams, step=steps, k=st.integers(2, 5))
def test_rotations_and_row_scalings_change_nothing(seed, lam, step, k):
    G, B = problem(seed, k)
    rng = np.random.default_rng(seed)
    base = cosine_objective(G, B, lam, step=step)
    scaled = B * rng.uniform(0.1, 10.0, size=(B.shape[0], 1))
    assert cosine_objective(G, scaled, lam, step=step).value == pytest.approx(base.value, rel=1e-10)
    if step == "unit":  # a rotation commutes with unit normalisation, not with centring
        R = special_ortho_group.rvs(k, random_state=seed)
        rotated = cosine_objective(G, B @ R, lam, step=step)
        assert rotated.value == pytest.approx(base.value, rel=1e-10)
        np.testing.assert_allclose(cosine_similarity(B @ R), cosine_similarity(B), atol=1e-12)
    else:  # layer normalisation ignores a constant added to a row
        shifted = B + rng.normal(size=(B.shape[0], 1))
        assert cosine_objective(G, shifted, lam, step=step).value == pytest.approx(base.value, rel=1e-10)


@given(seed=seeds, lam=lams, step=steps, log_d=st.lists(st.floats(-1.0, 1.0), min_size=3, max_size=3))
def test_a_rescaling_d_is_not_free(seed, lam, step, log_d):
    """Unlike objective 1, B → B D changes the loss (unless D is a multiple of I)."""
    log_d = np.array(log_d)
    if np.ptp(log_d) < 0.2:  # D close to a multiple of the identity changes little
        log_d = log_d + np.array([0.0, 0.3, -0.3])
    G, B = problem(seed)
    base = cosine_objective(G, B, lam, step=step).value
    moved = cosine_objective(G, B * np.exp(log_d), lam, step=step).value
    assert abs(moved - base) > 1e-8 * abs(base)


def test_objective1_keeps_its_loss_under_d_but_the_cosine_model_does_not(X_small):
    G = gram_matrix(X_small)
    model = fit_objective1(X_small, 3, 2.0)
    d = np.array([1.0, 4.0, 0.25])
    assert objective1_from_gram(G, model.A * d, model.B / d, 2.0) == pytest.approx(
        objective1_from_gram(G, model.A, model.B, 2.0), rel=1e-12)
    assert cosine_objective(G, model.B / d, 2.0).value != pytest.approx(cosine_objective(G, model.B, 2.0).value)


def test_weights_are_the_scaled_cosines_with_zero_diagonal(X_small):
    model = fit_cosine_model(X_small, 3, 2.0, seed=1)
    expected = model.scale * (cosine_similarity(model.B) - np.eye(8))
    np.testing.assert_allclose(model.weights, expected, atol=1e-12)
    np.testing.assert_allclose(np.linalg.norm(model.B, axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(model.predict(X_small), X_small @ model.weights, atol=1e-12)


def test_layer_embeddings_have_zero_mean_and_unit_length():
    B = np.random.default_rng(0).normal(size=(6, 4)) + 3.0
    unit = normalise_embeddings(B, "layer")
    np.testing.assert_allclose(unit.mean(axis=1), 0.0, atol=1e-15)
    np.testing.assert_allclose(np.linalg.norm(unit, axis=1), 1.0, atol=1e-15)
    # cosine of layer-normalised rows = Pearson correlation of the raw rows
    np.testing.assert_allclose(unit @ unit.T, np.corrcoef(B), atol=1e-12)


def test_the_fit_lands_on_the_same_cosines_from_every_rescaling_of_objective1():
    X = binary_data(3, n=200, p=12, density=0.3)
    G = gram_matrix(X)
    start = fit_objective1(X, 3, 100.0)
    starts = [rescale(start, d).B for d in (np.ones(3), shrinkage_power(start, 0.5), shrinkage_power(start, -0.5),
                                            sigma_power(start, -0.5), np.array([1.0, 10.0, 0.1]))]
    fits = [fit_cosine_model(X, 3, 100.0, init=B0, gram=G, ftol=1e-14, gtol=1e-10) for B0 in starts]
    assert all(fit.converged for fit in fits)
    # The starts' cosines differ a lot; the fits' agree to the optimiser's precision.
    assert np.abs(cosine_similarity(starts[0]) - cosine_similarity(starts[4])).max() > 0.5
    for fit in fits[1:]:
        assert fit.value == pytest.approx(fits[0].value, rel=1e-9)
        np.testing.assert_allclose(fit.item_cosine, fits[0].item_cosine, atol=1e-4)


def test_the_fit_cannot_beat_the_unconstrained_optimum_of_objective1(X_small):
    lam = 2.0
    G = gram_matrix(X_small)
    ridge = ridge_weights(X_small, lam)
    best = reconstruction_error_from_gram(G, ridge) + lam * float(np.sum(ridge**2))
    model = fit_cosine_model(X_small, 4, lam, seed=2)
    assert model.converged and model.value >= best * (1 - 1e-12)
    assert model.value == pytest.approx(direct_loss(G, model.B, model.scale, lam, "unit"), rel=1e-10)


def test_fit_is_deterministic(X_small):
    first = fit_cosine_model(X_small, 3, 1.0, seed=5, step="layer")
    second = fit_cosine_model(X_small, 3, 1.0, seed=5, step="layer")
    assert isinstance(first, CosineModel) and first.step == "layer"
    np.testing.assert_array_equal(first.B, second.B)


def test_bad_arguments_are_rejected(X_small):
    G = gram_matrix(X_small)
    B = np.ones((8, 2)) + np.eye(8, 2)
    with pytest.raises(ValueError, match=r"step must be one of 'unit', 'layer'; got 'batch'"):
        normalise_embeddings(B, "batch")
    with pytest.raises(ValueError, match=r"B must have rows that can be normalised; got 1 zero row"):
        cosine_objective(G, np.vstack([np.zeros((1, 2)), B[1:]]), 1.0)
    with pytest.raises(ValueError, match=r"constant \(zero after centring\) row"):
        normalise_embeddings(np.ones((3, 2)), "layer")
    with pytest.raises(ValueError, match=r"G must be a square Gram matrix XᵀX; got shape \(8, 5\)"):
        cosine_objective(G[:, :5], B, 1.0)
    with pytest.raises(ValueError, match=r"G must be symmetric"):
        cosine_objective(G + np.triu(np.ones((8, 8)), 1), B, 1.0)
    with pytest.raises(ValueError, match=r"B must be a p × k matrix with p = 8"):
        cosine_objective(G, B[:5], 1.0)
    with pytest.raises(ValueError, match=r"lam must be a finite number >= 0; got -1.0"):
        cosine_objective(G, B, -1.0)
    with pytest.raises(ValueError, match=r"k must be an integer between 1 and p = 8; got 9"):
        fit_cosine_model(X_small, 9, 1.0)
    with pytest.raises(ValueError, match=r"init must be a p × k matrix with p = 8, k = 2"):
        fit_cosine_model(X_small, 2, 1.0, init=np.ones((8, 3)))
    with pytest.raises(ValueError, match=r"init must be a p × k matrix with p = 8, k = 2"):
        fit_cosine_model(X_small, 2, 1.0, init=B[:4])
    with pytest.raises(ValueError, match=r"gram must be a p × p Gram matrix XᵀX with p = 8; got shape \(5, 5\)"):
        fit_cosine_model(X_small, 2, 1.0, gram=np.eye(5))
    with pytest.raises(ValueError, match=r"ftol must be a finite number > 0; got 0.0"):
        fit_cosine_model(X_small, 2, 1.0, ftol=0.0)
    with pytest.raises(ValueError, match=r"max_iterations must be an integer >= 1; got 0"):
        fit_cosine_model(X_small, 2, 1.0, max_iterations=0)
    model = fit_cosine_model(X_small, 2, 1.0, max_iterations=5)
    with pytest.raises(ValueError, match=r"X must be an n × p matrix with p = 8"):
        model.predict(np.ones((3, 5)))
