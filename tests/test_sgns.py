"""Full-batch skip-gram with negative sampling on item co-occurrences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cossim.gradients import numerical_gradient
from helpers import binary_data
from cossim import cosine_similarity, gram_matrix
from cossim.sgns import SGNSModel, fit_sgns, negative_distribution, sgns_loss, sgns_target, sgns_weights

seeds = st.integers(0, 10_000)
betas = st.sampled_from([0.0, 0.75, 1.0])


def weights_for(seed: int, beta: float = 0.75, negatives: float = 5.0):
    return sgns_weights(gram_matrix(binary_data(seed)), beta=beta, negatives=negatives)


def factors(seed: int, p: int = 8, k: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(p, k)), rng.normal(size=(p, k))


def test_negative_distribution_at_the_named_exponents():
    pop = np.array([1.0, 4.0, 16.0])
    np.testing.assert_allclose(negative_distribution(pop, 0.0), [1 / 3] * 3)
    np.testing.assert_allclose(negative_distribution(pop, 1.0), pop / 21)
    np.testing.assert_allclose(negative_distribution(pop, 0.5), [1 / 7, 2 / 7, 4 / 7])


@given(seed=seeds, beta=betas, negatives=st.floats(0.5, 10.0))
def test_weights_sum_as_the_sampling_scheme_says(seed, beta, negatives):
    w = weights_for(seed, beta, negatives)
    G = gram_matrix(binary_data(seed))
    q = negative_distribution(np.diag(G), beta)
    assert w.P.sum() == pytest.approx(1.0)
    assert np.all(np.diag(w.P) == 0) and np.all(np.diag(w.Q) == 0)
    # each positive pair comes with κ negatives drawn from q, minus the left-out pair (i, i)
    np.testing.assert_allclose(w.Q.sum(axis=1), negatives * w.P.sum(axis=1) * (1 - q), rtol=1e-12)


def loss_by_definition(W, C, w, lam):
    Z = W @ C.T
    softplus = lambda z: np.logaddexp(0.0, z)  # noqa: E731
    return float(np.sum(w.P * softplus(-Z) + w.Q * softplus(Z))) + lam * float(np.sum(W**2) + np.sum(C**2))


@given(seed=seeds, beta=betas, lam=st.sampled_from([0.0, 0.01]))
def test_loss_and_gradient(seed, beta, lam):
    w = weights_for(seed, beta)
    W, C = factors(seed)
    value, grad_W, grad_C = sgns_loss(W, C, w, lam)
    assert value == pytest.approx(loss_by_definition(W, C, w, lam), rel=1e-12)
    numerics = (numerical_gradient(lambda M: sgns_loss(M, C, w, lam)[0], W),
                numerical_gradient(lambda M: sgns_loss(W, M, w, lam)[0], C))
    for grad, numeric in zip((grad_W, grad_C), numerics):
        # the loss is O(1): rounding ~1e-16/h = 1e-10, truncation O(h²) smaller
        np.testing.assert_allclose(grad, numeric, atol=1e-7)


@given(seed=seeds, beta=betas, k=st.integers(1, 4))
def test_plain_sgns_has_the_rescaling_freedom(seed, beta, k):
    w = weights_for(seed, beta)
    W, C = factors(seed, k=k)
    M = np.eye(k) + 0.5 * np.random.default_rng(seed + 1).normal(size=(k, k))
    assert sgns_loss(W @ M, C @ np.linalg.inv(M).T, w)[0] == pytest.approx(sgns_loss(W, C, w)[0], rel=1e-10)


@given(seed=seeds, log_d=st.lists(st.floats(-1.0, 1.0), min_size=3, max_size=3))
def test_weight_decay_charges_for_a_rescaling_of_a_balanced_split(seed, log_d):
    w = weights_for(seed)
    W, C = factors(seed)
    model = SGNSModel(W=W, C=C, beta=0.75, negatives=5.0, lam=0.01, value=0.0, converged=True, iterations=0)
    W_half, C_half = model.split(0.5)  # balanced: W_halfᵀW_half = C_halfᵀC_half
    d = np.exp(np.array(log_d))
    rise = sgns_loss(W_half * d, C_half / d, w, 0.01)[0] - sgns_loss(W_half, C_half, w, 0.01)[0]
    # the fit term is unchanged; the penalty rises by λ Σ_i s_i (d_i² + d_i⁻² − 2) ≥ 0
    s = np.linalg.svd(W @ C.T, compute_uv=False)[:3]
    assert rise == pytest.approx(0.01 * np.sum(s * (d**2 + d**-2 - 2)), rel=1e-6, abs=1e-12)


def test_full_rank_optimum_is_the_shifted_pmi():
    w = weights_for(4, beta=1.0, negatives=2.0)
    target = sgns_target(w)
    finite = np.isfinite(target)
    Z = np.where(finite, target, -50.0)
    sigma = 1 / (1 + np.exp(-Z))
    residual = (w.P + w.Q) * sigma - w.P  # ∂ℓ/∂Z: zero at the optimum
    np.testing.assert_allclose(residual[finite], 0.0, atol=1e-15)
    # with β = 1 the target is log(N_ij Σpop / (N_i· pop_j)) − log κ
    G = gram_matrix(binary_data(4))
    N = G - np.diag(np.diag(G))
    pop = np.diag(G)
    i, j = 0, 1
    expected = np.log(N[i, j] * pop.sum() / (N[i].sum() * pop[j])) - np.log(2.0)
    assert target[i, j] == pytest.approx(expected, rel=1e-12)


@given(seed=seeds, exponent=st.floats(-1.0, 2.0))
def test_every_split_gives_the_same_product(seed, exponent):
    W, C = factors(seed)
    model = SGNSModel(W=W, C=C, beta=0.75, negatives=5.0, lam=0.0, value=0.0, converged=True, iterations=0)
    left, right = model.split(exponent)
    np.testing.assert_allclose(left @ right.T, W @ C.T, atol=1e-10)
    half_left, half_right = model.split(0.5)
    np.testing.assert_allclose(half_left.T @ half_left, half_right.T @ half_right, atol=1e-10)


def test_fit_with_weight_decay_is_balanced_and_deterministic():
    X = binary_data(7, n=300, p=15, density=0.3)
    first = fit_sgns(X, 4, beta=0.75, lam=1e-3, ftol=1e-15, gtol=1e-12)
    second = fit_sgns(X, 4, beta=0.75, lam=1e-3, ftol=1e-15, gtol=1e-12)
    assert first.converged
    np.testing.assert_array_equal(first.W, second.W)
    # Every minimiser of a loss of WCᵀ plus λ(‖W‖² + ‖C‖²) has WᵀW = CᵀC.  The
    # imbalance decays along the flattest direction (curvature λ × the smallest
    # singular value, here ~1e-5), so at the stopping point it is ~1e-7 relative
    # to ‖WᵀW‖; 1e-5 leaves a margin and still fails for an unbalanced split.
    gram_W, gram_C = first.W.T @ first.W, first.C.T @ first.C
    assert np.abs(gram_W - gram_C).max() <= 1e-5 * np.abs(gram_W).max()
    unbalanced_W = first.W * np.array([2.0, 1.0, 1.0, 1.0])
    assert np.abs(unbalanced_W.T @ unbalanced_W - gram_C).max() > 1e-5 * np.abs(gram_W).max()
    # so its cosines are those of the symmetric split
    np.testing.assert_allclose(cosine_similarity(first.W), cosine_similarity(first.split(0.5)[0]), atol=1e-4)
    assert first.value == pytest.approx(
        sgns_loss(first.W, first.C, sgns_weights(gram_matrix(X), beta=0.75), 1e-3)[0], rel=1e-12)


def test_plain_fits_keep_their_start_and_weight_decay_forgets_it():
    X = binary_data(11, n=300, p=15, density=0.3)
    first = fit_sgns(X, 3, lam=1e-3)
    d = np.array([0.2, 2.0, 2.0])  # shrink the dominant first dimension, stretch the others
    starts = [(first.W, first.C), (first.W * d, first.C / d)]
    plain = [fit_sgns(X, 3, lam=0.0, init=start) for start in starts]
    decayed = [fit_sgns(X, 3, lam=1e-3, init=start, ftol=1e-15, gtol=1e-12) for start in starts]
    # without weight decay: the same loss at convergence, very different cosines
    assert all(fit.converged for fit in plain)
    assert plain[0].value == pytest.approx(plain[1].value, rel=1e-8)
    assert np.abs(cosine_similarity(plain[0].W) - cosine_similarity(plain[1].W)).max() > 0.5
    # with weight decay: both starts end at the same cosines
    assert all(fit.converged for fit in decayed)
    np.testing.assert_allclose(cosine_similarity(decayed[0].W), cosine_similarity(decayed[1].W), atol=1e-3)


def test_bad_arguments_are_rejected(X_small):
    G = gram_matrix(X_small)
    with pytest.raises(ValueError, match=r"beta must be a finite number >= 0; got -0.5"):
        negative_distribution(np.ones(3), -0.5)
    with pytest.raises(ValueError, match=r"popularity must hold only finite positive numbers; got 1 other"):
        negative_distribution(np.array([1.0, 0.0, 2.0]), 0.75)
    with pytest.raises(ValueError, match=r"popularity must be a 1-D vector"):
        negative_distribution(np.ones((2, 2)), 0.75)
    with pytest.raises(ValueError, match=r"negatives must be a finite number > 0; got 0.0"):
        sgns_weights(G, negatives=0.0)
    with pytest.raises(ValueError, match=r"G must hold only nonnegative numbers; got a negative entry"):
        sgns_weights(G - 100.0)
    with pytest.raises(ValueError, match=r"G must be a square Gram matrix XᵀX; got shape \(3, 8\)"):
        sgns_weights(G[:3])
    with pytest.raises(ValueError, match=r"G must have at least one co-occurrence off the diagonal"):
        sgns_weights(np.eye(3))
    w = sgns_weights(G)
    with pytest.raises(ValueError, match=r"W must be a p × k matrix with p = 8; got shape \(5, 2\)"):
        sgns_loss(np.ones((5, 2)), np.ones((5, 2)), w)
    with pytest.raises(ValueError, match=r"C must be a p × k matrix with p = 8, k = 2; got shape \(8, 3\)"):
        sgns_loss(np.ones((8, 2)), np.ones((8, 3)), w)
    with pytest.raises(ValueError, match=r"lam must be a finite number >= 0; got -1.0"):
        sgns_loss(np.ones((8, 2)), np.ones((8, 2)), w, -1.0)
    with pytest.raises(ValueError, match=r"k must be an integer between 1 and p = 8; got 0"):
        fit_sgns(X_small, 0)
    with pytest.raises(ValueError, match=r"gram must be a p × p Gram matrix XᵀX with p = 8; got shape \(3, 3\)"):
        fit_sgns(X_small, 2, gram=np.eye(3))
    with pytest.raises(ValueError, match=r"gtol must be a finite number > 0"):
        fit_sgns(X_small, 2, gtol=-1.0)
    with pytest.raises(ValueError, match=r"init must be a pair \(W0, C0\) of p × k arrays"):
        fit_sgns(X_small, 2, init=np.ones((8, 2)))
    with pytest.raises(ValueError, match=r"init\[1\] must be a p × k matrix with p = 8, k = 2; got shape \(8, 3\)"):
        fit_sgns(X_small, 2, init=(np.ones((8, 2)), np.ones((8, 3))))
    with pytest.raises(ValueError, match=r"init\[1\] must be a p × k matrix with p = 8, k = 2; got shape \(7, 2\)"):
        fit_sgns(X_small, 2, init=(np.ones((8, 2)), np.ones((7, 2))))
    model = SGNSModel(W=np.ones((3, 2)), C=np.ones((3, 2)), beta=0.0, negatives=1.0, lam=0.0,
                      value=0.0, converged=True, iterations=0)
    with pytest.raises(ValueError, match=r"exponent must be a finite real number; got nan"):
        model.split(float("nan"))
