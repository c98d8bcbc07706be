"""A generic optimiser for both objectives, to check the closed forms against.

The closed forms of :mod:`cossim.models` are derived in the book; this module
does not use them.  It minimises objective 1 or 2 over (A, B) from a random
start with SciPy's L-BFGS and the analytic gradients of
:mod:`cossim.objectives`.  If the derivations are right, no start reaches a
lower value than the closed form, and every start reaches (numerically) the
same value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.optimize
import scipy.sparse as sp

from ._validation import check_choice, check_data_matrix, check_positive, check_rank
from .objectives import (
    objective1_from_gram,
    objective1_gradient,
    objective2_from_gram,
    objective2_gradient,
)
from .spectral import gram_matrix


@dataclass(frozen=True)
class OptimisationResult:
    """Outcome of one run of :func:`minimise_objective`.

    Attributes
    ----------
    A, B
        The factors found, p × k.
    value
        The objective value at (A, B).
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
        L-BFGS stops when every gradient entry is below this (scaled by the
        objective at the start, so the stopping rule does not depend on the
        units of X).
    """
    X = check_data_matrix(X)
    p = X.shape[1]
    k = check_rank(k, p)
    lam = check_positive(lam, "lam")
    check_choice(objective, "objective", (1, 2))
    init_scale = check_positive(init_scale, "init_scale")

    G = gram_matrix(X)
    value_fn, gradient_fn = {
        1: (objective1_from_gram, objective1_gradient),
        2: (objective2_from_gram, objective2_gradient),
    }[objective]

    rng = np.random.default_rng(seed)
    start = rng.normal(scale=init_scale, size=2 * p * k)
    scale = max(value_fn(G, *_split(start, p, k), lam), 1e-300)

    def value_and_gradient(theta: np.ndarray) -> tuple[float, np.ndarray]:
        A, B = _split(theta, p, k)
        grad_A, grad_B = gradient_fn(G, A, B, lam)
        return value_fn(G, A, B, lam) / scale, np.concatenate([grad_A.ravel(), grad_B.ravel()]) / scale

    result = scipy.optimize.minimize(
        value_and_gradient,
        start,
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": max_iterations, "gtol": gtol, "ftol": 1e-15, "maxcor": 30},
    )
    A, B = _split(result.x, p, k)
    return OptimisationResult(
        A=A,
        B=B,
        value=value_fn(G, A, B, lam),
        converged=bool(result.success),
        iterations=int(result.nit),
    )


def _split(theta: np.ndarray, p: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Unpack the flat parameter vector into (A, B)."""
    return theta[: p * k].reshape(p, k), theta[p * k :].reshape(p, k)
