"""Generic optimisers, to check the book's closed forms against.

The closed forms of :mod:`cossim.models` are derived in the book; this module
does not use them.  It minimises an objective from a random start with SciPy's
L-BFGS and analytic gradients.  If a derivation is right, no start reaches a
lower value than its closed form, and every start reaches (numerically) the
same value.

* :func:`minimise_objective` — objective 1 or 2 over (A, B), with the gradients
  of :mod:`cossim.objectives`;
* :func:`minimise_factorisation` — ordinary matrix factorisation
  ‖X − P Qᵀ‖²_F + λ (‖P‖²_F + ‖Q‖²_F) over free factors P (n × k), Q (p × k),
  to which objective 2 is equivalent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.optimize
import scipy.sparse as sp

from ._validation import check_data_matrix, check_rank, check_scalar
from .objectives import _objective1, _objective1_gradient, _objective2, _objective2_gradient
from .spectral import _gram_matrix


@dataclass(frozen=True)
class OptimisationResult:
    """Outcome of one optimiser run.

    Attributes
    ----------
    A
        The first factor found: A for :func:`minimise_objective`, P for
        :func:`minimise_factorisation`.
    B
        The second factor found: B, respectively Q.
    value
        The objective value at the factors found.
    converged
        Whether L-BFGS reported convergence.
    iterations
        Number of L-BFGS iterations.
    """

    A: np.ndarray
    B: np.ndarray
    value: float
    converged: bool
    iterations: int


def minimise_objective(
    X: np.ndarray | sp.sparray | sp.spmatrix,
    k: int,
    lam: float,
    objective: Literal[1, 2],
    *,
    seed: int = 0,
    init_scale: float = 0.1,
    max_iterations: int = 20_000,
    gtol: float = 1e-10,
) -> OptimisationResult:
    """Minimise objective 1 or 2 over (A, B) with L-BFGS from a random start.

    Parameters
    ----------
    X
        Data, n × p, dense or scipy.sparse.
    k
        Embedding dimension, 1 ≤ k ≤ p.
    lam
        Regularisation strength λ > 0.
    objective
        1 for the paper's Eq. 1, 2 for Eq. 2.
    seed
        Seed of the Gaussian random start.
    init_scale
        Standard deviation of the random start's entries.
    max_iterations
        Iteration cap of L-BFGS.
    gtol
        L-BFGS stops when every gradient entry is below this, relative to the
        objective at the start (so the rule does not depend on the units of X).

    Returns
    -------
    OptimisationResult
        The factors found, the value there, and how L-BFGS ended.
    """
    X = check_data_matrix(X)
    p = X.shape[1]
    k = check_rank(k, p)
    lam = check_scalar(lam, "lam", low=0.0, include_low=False)
    check_scalar(objective, "objective", choices=(1, 2))
    init_scale, max_iterations, gtol = _check_run(init_scale, max_iterations, gtol)

    G = _gram_matrix(X)
    value_fn, gradient_fn = {
        1: (_objective1, _objective1_gradient),
        2: (_objective2, _objective2_gradient),
    }[objective]

    def value_and_gradients(A: np.ndarray, B: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        return (value_fn(G, A, B, lam), *gradient_fn(G, A, B, lam))

    return _lbfgs(value_and_gradients, (p, k), (p, k), seed, init_scale, max_iterations, gtol)


def minimise_factorisation(
    X: np.ndarray | sp.sparray | sp.spmatrix,
    k: int,
    lam: float,
    *,
    seed: int = 0,
    init_scale: float = 0.1,
    max_iterations: int = 20_000,
    gtol: float = 1e-10,
) -> OptimisationResult:
    """Minimise ‖X − P Qᵀ‖²_F + λ(‖P‖²_F + ‖Q‖²_F) over free P (n × k) and Q (p × k).

    This is matrix factorisation with weight decay on both factor tables.
    Objective 2 is the same function restricted to P = X A, Q = B.  Gradients:
    with R = P Qᵀ − X, ∇_P = 2 R Q + 2λP and ∇_Q = 2 Rᵀ P + 2λQ.  Works on the
    dense n × p matrix, so it is meant for small problems.

    Parameters are those of :func:`minimise_objective`; the result's ``A`` and
    ``B`` hold P and Q.

    Returns
    -------
    OptimisationResult
        With ``A`` = P and ``B`` = Q.
    """
    X = check_data_matrix(X)
    X = X.toarray() if sp.issparse(X) else X
    n, p = X.shape
    k = check_rank(k, p)
    lam = check_scalar(lam, "lam", low=0.0, include_low=False)
    init_scale, max_iterations, gtol = _check_run(init_scale, max_iterations, gtol)

    def value_and_gradients(P: np.ndarray, Q: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        R = P @ Q.T - X
        value = float(np.sum(R * R)) + lam * (float(np.sum(P * P)) + float(np.sum(Q * Q)))
        return value, 2.0 * (R @ Q + lam * P), 2.0 * (R.T @ P + lam * Q)

    return _lbfgs(value_and_gradients, (n, k), (p, k), seed, init_scale, max_iterations, gtol)


def _check_run(init_scale: float, max_iterations: int, gtol: float) -> tuple[float, int, float]:
    """Check the settings shared by both optimisers."""
    return (
        check_scalar(init_scale, "init_scale", low=0.0, include_low=False),
        check_scalar(max_iterations, "max_iterations", integer=True, low=1),
        check_scalar(gtol, "gtol", low=0.0, include_low=False),
    )


def _lbfgs(
    value_and_gradients: Callable[[np.ndarray, np.ndarray], tuple[float, np.ndarray, np.ndarray]],
    first_shape: tuple[int, int],
    second_shape: tuple[int, int],
    seed: int,
    init_scale: float,
    max_iterations: int,
    gtol: float,
) -> OptimisationResult:
    """Run L-BFGS over two factor matrices from a seeded Gaussian start."""
    size = first_shape[0] * first_shape[1]

    def split(theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return theta[:size].reshape(first_shape), theta[size:].reshape(second_shape)

    rng = np.random.default_rng(seed)
    start = rng.normal(scale=init_scale, size=size + second_shape[0] * second_shape[1])
    scale = max(value_and_gradients(*split(start))[0], 1e-300)

    def scaled(theta: np.ndarray) -> tuple[float, np.ndarray]:
        value, grad_first, grad_second = value_and_gradients(*split(theta))
        return value / scale, np.concatenate([grad_first.ravel(), grad_second.ravel()]) / scale

    result = scipy.optimize.minimize(
        scaled,
        start,
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": max_iterations, "gtol": gtol, "ftol": 1e-15, "maxcor": 30},
    )
    first, second = split(result.x)
    return OptimisationResult(
        A=first,
        B=second,
        value=value_and_gradients(first, second)[0],
        converged=bool(result.success),
        iterations=int(result.nit),
    )
