"""Remedy 1: train with respect to cosine similarity (chapter :ref:`ch-train-cosine`).

Steck, Ekanadham and Kallus (2024) suggest training a model *with respect to*
cosine similarity, so that the cosines are what the training fits rather than
something computed afterwards.  This module builds the simplest such model for
the book's data, a linear item-to-item model whose weights *are* cosines:

    W = s (B̃ B̃ᵀ − I),

where B is a p × k table of item embeddings, B̃ is B with every row normalised
during training, and s is one learned scale.  User u's score for item i is
(X W)_{ui} = s Σ_{j consumed by u, j ≠ i} cos(b_j, b_i): a neighbourhood model
whose item–item similarities are the cosines of the embeddings.  (The −I keeps
an item from predicting itself, as in Steck's EASE; with it the diagonal of W
is 0.)  The normalisation step is either

* ``"unit"``: b̃ = b / ‖b‖ (unit-norm rows), or
* ``"layer"``: b̃ = (b − mean(b)) / ‖b − mean(b)‖, the mean taken over the k
  coordinates, like layer normalisation (Ba et al. 2016) without gain and
  bias; then cos(b̃_i, b̃_j) is the correlation of the coordinates of b_i, b_j.

The loss is objective 1 evaluated at this W,

    f(B, s) = ‖X − X W‖²_F + λ ‖W‖²_F,

which depends on X only through G = XᵀX.  With C = B̃B̃ᵀ, K = B̃ᵀB̃ and
H = B̃ᵀGB̃ (k × k), and using diag(C) = 1:

    f = tr G − 2 s a + s² b,
    a = ⟨G B̃, B̃⟩ − tr G,
    b = ⟨H, K⟩ − 2 ⟨G B̃, B̃⟩ + tr G + λ (⟨K, K⟩ − p),

so every evaluation costs O(p² k).  The best scale is s* = a / b, and
:func:`cosine_objective` returns the *profiled* loss f(B, s*) = tr G − a²/b.
By the envelope theorem its gradient is ∂f/∂B̃ at s = s*:

    ∂f/∂B̃ = −2 s* (2 G B̃) + s*² (2 G B̃ K + 2 B̃ H − 4 G B̃ + 4 λ B̃ K),

followed by the Jacobian of the normalisation step.

Why D disappears: the predictions X W depend on the embeddings only through
their cosines, so two fits that predict the same (on data of full column rank)
have the same cosines (chapter :ref:`ch-train-cosine`, theorem "the predictions
fix the cosines").  Rescaling the latent dimensions, B → B D, changes the
cosines and therefore the fit; it is no longer a free choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.optimize
import scipy.sparse as sp

from ._blas import single_threaded_blas
from ._validation import check_array, check_data_matrix, check_gram, check_rank, check_scalar
from .spectral import _gram_matrix

Step = Literal["unit", "layer"]
_STEPS = ("unit", "layer")


@dataclass(frozen=True)
class CosineModel:
    """A fitted cosine model W = s (B̃B̃ᵀ − I).

    Attributes
    ----------
    B
        Normalised item embeddings B̃, p × k: unit rows (and, for the
        ``"layer"`` step, rows with zero mean).
    scale
        The learned scale s.
    lam
        The regularisation strength λ of the fit.
    step
        ``"unit"`` or ``"layer"``: the normalisation applied during training.
    value
        The loss f(B̃, s) at the end of the fit.
    converged
        Whether L-BFGS reported convergence.
    iterations
        Number of L-BFGS iterations.
    """

    B: np.ndarray
    scale: float
    lam: float
    step: Step
    value: float
    converged: bool
    iterations: int

    @property
    def k(self) -> int:
        """Embedding dimension."""
        return self.B.shape[1]

    @property
    def item_embeddings(self) -> np.ndarray:
        """The normalised item embeddings B̃ (their dot products are their cosines)."""
        return self.B

    @property
    def item_cosine(self) -> np.ndarray:
        """The p × p item–item cosine similarities B̃B̃ᵀ, the model's weights divided by s."""
        return np.clip(self.B @ self.B.T, -1.0, 1.0)

    @property
    def weights(self) -> np.ndarray:
        """The p × p weight matrix W = s (B̃B̃ᵀ − I)."""
        W = self.scale * (self.B @ self.B.T)
        np.fill_diagonal(W, 0.0)
        return W

    def predict(self, X: np.ndarray | sp.sparray | sp.spmatrix) -> np.ndarray:
        """Predicted scores X W (n × p)."""
        X = check_data_matrix(X)
        if X.shape[1] != self.B.shape[0]:
            check_array(X, "X", shape=(None, self.B.shape[0]), dims=("n", "p"), sparse=True)
        return np.asarray(X @ self.weights)


@dataclass(frozen=True)
class CosineObjective:
    """Value and gradient of the profiled loss (see :func:`cosine_objective`).

    Attributes
    ----------
    value
        f(B, s*) = min over s of ‖X − XW‖²_F + λ‖W‖²_F, W = s (B̃B̃ᵀ − I).
    gradient
        ∂/∂B of ``value``, p × k (with respect to the raw, unnormalised B).
    scale
        The minimising scale s* = a / b.
    """

    value: float
    gradient: np.ndarray
    scale: float


def normalise_embeddings(B: np.ndarray, step: Step = "unit") -> np.ndarray:
    """The normalisation step applied to every row of ``B`` during training.

    Parameters
    ----------
    B
        p × k raw embeddings.
    step
        ``"unit"``: each row divided by its Euclidean norm.  ``"layer"``: each
        row first centred (its mean over the k coordinates subtracted), then
        divided by its norm.

    Returns
    -------
    numpy.ndarray
        B̃, p × k, with unit rows.
    """
    check_scalar(step, "step", choices=_STEPS)
    B = check_array(B, "B")
    return _normalise(B, step, name="B")[0]


def _normalise(B: np.ndarray, step: str, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(B̃, row norms of the centred-or-not rows); raises on a row that cannot be normalised."""
    centred = B - B.mean(axis=1, keepdims=True) if step == "layer" else B
    norms = np.linalg.norm(centred, axis=1)
    bad = np.flatnonzero(~(norms > 0))
    if bad.size:
        what = "constant (zero after centring)" if step == "layer" else "zero"
        raise ValueError(
            f"{name} must have rows that can be normalised; got {bad.size} {what} row(s), "
            f"the first at index {bad[0]}."
        )
    return centred / norms[:, None], norms


def _normalise_backward(
    grad: np.ndarray, unit: np.ndarray, norms: np.ndarray, step: str
) -> np.ndarray:
    """Chain rule through the normalisation: from ∂f/∂B̃ to ∂f/∂B."""
    radial = np.sum(grad * unit, axis=1, keepdims=True)
    grad_centred = (grad - radial * unit) / norms[:, None]
    if step == "layer":
        grad_centred -= grad_centred.mean(axis=1, keepdims=True)
    return grad_centred


def _profiled(
    G: np.ndarray, trace: float, B: np.ndarray, lam: float, step: str
) -> CosineObjective:
    """Profiled loss and gradient without input checks (the optimiser's inner loop)."""
    p = B.shape[0]
    unit, norms = _normalise(B, step, name="B")
    GB = G @ unit
    fit = float(np.sum(GB * unit))
    H = unit.T @ GB
    K = unit.T @ unit
    a = fit - trace
    b = (float(np.sum(H * K)) - 2.0 * fit + trace
         + lam * (float(np.sum(K * K)) - p))
    if not b > 0:
        raise ValueError(
            "B must not give W = 0 for every scale; got embeddings with b = 0."
        )
    scale = a / b
    grad_a = 2.0 * GB
    grad_b = (2.0 * (GB @ K) + 2.0 * (unit @ H) - 4.0 * GB
              + 4.0 * lam * (unit @ K))
    grad_unit = -2.0 * scale * grad_a + scale * scale * grad_b
    return CosineObjective(
        value=trace - a * a / b,
        gradient=_normalise_backward(grad_unit, unit, norms, step),
        scale=scale,
    )


def cosine_objective(
    G: np.ndarray, B: np.ndarray, lam: float, *, step: Step = "unit"
) -> CosineObjective:
    """The profiled loss of the cosine model, its gradient and its best scale.

    Computes min over s of ‖X − XW‖²_F + λ‖W‖²_F with W = s(B̃B̃ᵀ − I), from
    the Gram matrix G = XᵀX, in O(p²k); formulas in the module docstring.

    Parameters
    ----------
    G
        The p × p Gram matrix XᵀX (:func:`cossim.spectral.gram_matrix`).
    B
        Raw item embeddings, p × k, with rows that can be normalised.
    lam
        λ ≥ 0.
    step
        ``"unit"`` or ``"layer"`` (see :func:`normalise_embeddings`).

    Returns
    -------
    CosineObjective
        The value, its gradient with respect to B, and the best scale.
    """
    G = check_gram(G)
    B = check_array(B, "B", shape=(G.shape[0], None), dims=("p", "k"))
    lam = check_scalar(lam, "lam", low=0.0)
    check_scalar(step, "step", choices=_STEPS)
    return _profiled(G, float(np.trace(G)), B, lam, step)


def fit_cosine_model(
    X: np.ndarray | sp.sparray | sp.spmatrix,
    k: int,
    lam: float,
    *,
    step: Step = "unit",
    init: np.ndarray | None = None,
    seed: int = 0,
    max_iterations: int = 3000,
    ftol: float = 1e-9,
    gtol: float = 1e-7,
    gram: np.ndarray | None = None,
) -> CosineModel:
    """Fit the cosine model W = s(B̃B̃ᵀ − I) by L-BFGS with analytic gradients.

    The loss is scaled by tr G (its value at W = 0) for the optimiser, so the
    tolerances are relative: L-BFGS stops when one iteration lowers the scaled
    loss by less than ``ftol`` or when every entry of the scaled gradient is
    below ``gtol``.  BLAS runs single-threaded during the fit
    (see ``cossim._blas``).  Deterministic for a given ``init`` or ``seed``.

    Parameters
    ----------
    X
        Data, n × p, dense or scipy.sparse.
    k
        Embedding dimension, 1 ≤ k ≤ p.
    lam
        λ ≥ 0 (the book uses objective 1's λ).
    step
        ``"unit"`` or ``"layer"`` (see :func:`normalise_embeddings`).
    init
        Optional p × k starting embeddings, for instance the item embeddings
        of objective 1 under some rescaling D; default: seeded Gaussian.
    seed
        Seed of the Gaussian start (ignored when ``init`` is given).
    max_iterations
        Iteration cap of L-BFGS.
    ftol, gtol
        Relative stopping tolerances (see above), both > 0.
    gram
        Optional precomputed G = XᵀX, to avoid recomputing it.

    Returns
    -------
    CosineModel
        The normalised embeddings, the scale, and how L-BFGS ended.
    """
    X = check_data_matrix(X)
    p = X.shape[1]
    k = check_rank(k, p)
    lam = check_scalar(lam, "lam", low=0.0)
    check_scalar(step, "step", choices=_STEPS)
    max_iterations = check_scalar(max_iterations, "max_iterations", integer=True, low=1)
    ftol = check_scalar(ftol, "ftol", low=0.0, include_low=False)
    gtol = check_scalar(gtol, "gtol", low=0.0, include_low=False)
    G = _gram_matrix(X) if gram is None else check_gram(gram, "gram", p=p)
    if init is None:
        start = np.random.default_rng(seed).normal(size=(p, k))
    else:
        start = check_array(init, "init", shape=(p, k), dims=("p", "k"))
        _normalise(start, step, name="init")
    trace = float(np.trace(G))

    def scaled(theta: np.ndarray) -> tuple[float, np.ndarray]:
        result = _profiled(G, trace, theta.reshape(p, k), lam, step)
        return result.value / trace, result.gradient.ravel() / trace

    with single_threaded_blas():
        result = scipy.optimize.minimize(
            scaled,
            start.ravel(),
            jac=True,
            method="L-BFGS-B",
            options={"maxiter": max_iterations, "ftol": ftol, "gtol": gtol, "maxcor": 10},
        )
        raw = result.x.reshape(p, k)
        final = _profiled(G, trace, raw, lam, step)
    return CosineModel(
        B=_normalise(raw, step, name="B")[0],
        scale=final.scale,
        lam=lam,
        step=step,
        value=final.value,
        converged=bool(result.success),
        iterations=int(result.nit),
    )
