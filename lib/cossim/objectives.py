"""The two training objectives of the paper, their values and gradients.

* Objective 1 (Eq. 1): f₁(A, B) = ‖X − X A Bᵀ‖²_F + λ ‖A Bᵀ‖²_F
* Objective 2 (Eq. 2): f₂(A, B) = ‖X − X A Bᵀ‖²_F + λ (‖X A‖²_F + ‖B‖²_F)

Both depend on the data only through the Gram matrix G = XᵀX, because
‖X M‖²_F = tr(Mᵀ G M) for any p × p (or p × k) matrix M.  Working from G
makes every evaluation cost O(p²k) instead of O(npk), which is what lets a
generic optimiser (:mod:`cossim.optimise`) check the closed forms quickly.

Gradients, with W = A Bᵀ and the residual term R(W) = ‖X − X W‖²_F:
∇_W R = 2 (G W − G), so for objective 1
∇_A f₁ = 2 (G W − G + λ W) B and ∇_B f₁ = 2 (G W − G + λ W)ᵀ A,
and for objective 2
∇_A f₂ = 2 (G W − G) B + 2λ G A and ∇_B f₂ = 2 (G W − G)ᵀ A + 2λ B.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from ._validation import check_array, check_data_matrix, check_gram, check_scalar
from .spectral import _gram_matrix

if TYPE_CHECKING:
    from .models import LinearModel


def _check_factors(p: int, A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    A = check_array(A, "A", shape=(p, None), dims=("p", "k"))
    B = check_array(B, "B", shape=(p, A.shape[1]), dims=("p", "k"))
    return A, B


def _checked(G: np.ndarray, A: np.ndarray, B: np.ndarray, lam: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Check a Gram matrix, two factors and λ ≥ 0 at once (the ``*_from_gram`` functions)."""
    G = check_gram(G)
    A, B = _check_factors(G.shape[0], A, B)
    return G, A, B, check_scalar(lam, "lam", low=0.0)


def reconstruction_error_from_gram(G: np.ndarray, W: np.ndarray) -> float:
    """‖X − X W‖²_F computed as tr((I − W)ᵀ G (I − W)) from G = XᵀX.

    Parameters
    ----------
    G
        The p × p Gram matrix XᵀX.
    W
        A p × p weight matrix.

    Returns
    -------
    float
    """
    G = check_gram(G)
    W = check_array(W, "W", shape=G.shape, dims=("p", "p"))
    return _reconstruction_error(G, W)


def _reconstruction_error(G: np.ndarray, W: np.ndarray) -> float:
    M = np.eye(G.shape[0]) - W
    return float(np.sum(M * (G @ M)))


def objective1_from_gram(G: np.ndarray, A: np.ndarray, B: np.ndarray, lam: float) -> float:
    """Objective 1 from the Gram matrix G = XᵀX (see :func:`objective1`); returns a float."""
    return _objective1(*_checked(G, A, B, lam))


def _objective1(G: np.ndarray, A: np.ndarray, B: np.ndarray, lam: float) -> float:
    W = A @ B.T
    return _reconstruction_error(G, W) + lam * float(np.sum(W * W))


def objective2_from_gram(G: np.ndarray, A: np.ndarray, B: np.ndarray, lam: float) -> float:
    """Objective 2 from the Gram matrix G = XᵀX (see :func:`objective2`); returns a float."""
    return _objective2(*_checked(G, A, B, lam))


def _objective2(G: np.ndarray, A: np.ndarray, B: np.ndarray, lam: float) -> float:
    W = A @ B.T
    penalty = float(np.sum(A * (G @ A))) + float(np.sum(B * B))
    return _reconstruction_error(G, W) + lam * penalty


def objective1(X: np.ndarray | sp.sparray | sp.spmatrix, A: np.ndarray, B: np.ndarray, lam: float) -> float:
    """Value of objective 1, ‖X − X A Bᵀ‖²_F + λ ‖A Bᵀ‖²_F (the paper's Eq. 1).

    Parameters
    ----------
    X
        Data, n × p, dense or scipy.sparse.
    A, B
        Factors, both p × k.
    lam
        λ ≥ 0 (λ = 0 gives the plain reconstruction error).

    Returns
    -------
    float
    """
    return _from_data(_objective1, X, A, B, lam)


def objective2(X: np.ndarray | sp.sparray | sp.spmatrix, A: np.ndarray, B: np.ndarray, lam: float) -> float:
    """Value of objective 2, ‖X − X A Bᵀ‖²_F + λ (‖X A‖²_F + ‖B‖²_F) (the paper's Eq. 2).

    Parameters and return value are those of :func:`objective1`.
    """
    return _from_data(_objective2, X, A, B, lam)


def _from_data(
    value: Callable[[np.ndarray, np.ndarray, np.ndarray, float], float],
    X: np.ndarray | sp.sparray | sp.spmatrix,
    A: np.ndarray,
    B: np.ndarray,
    lam: float,
) -> float:
    """Check data, factors and λ, then evaluate ``value`` on the Gram matrix of X."""
    X = check_data_matrix(X)
    A, B = _check_factors(X.shape[1], A, B)
    return value(_gram_matrix(X), A, B, check_scalar(lam, "lam", low=0.0))


def objective1_gradient(G: np.ndarray, A: np.ndarray, B: np.ndarray, lam: float) -> tuple[np.ndarray, np.ndarray]:
    """(∇_A f₁, ∇_B f₁), both p × k, from the Gram matrix; formulas in the module docstring."""
    return _objective1_gradient(*_checked(G, A, B, lam))


def _objective1_gradient(G: np.ndarray, A: np.ndarray, B: np.ndarray, lam: float) -> tuple[np.ndarray, np.ndarray]:
    W = A @ B.T
    grad_W = 2.0 * (G @ W - G + lam * W)
    return grad_W @ B, grad_W.T @ A


def objective2_gradient(G: np.ndarray, A: np.ndarray, B: np.ndarray, lam: float) -> tuple[np.ndarray, np.ndarray]:
    """(∇_A f₂, ∇_B f₂), both p × k, from the Gram matrix; formulas in the module docstring."""
    return _objective2_gradient(*_checked(G, A, B, lam))


def _objective2_gradient(G: np.ndarray, A: np.ndarray, B: np.ndarray, lam: float) -> tuple[np.ndarray, np.ndarray]:
    W = A @ B.T
    grad_W = 2.0 * (G @ W - G)
    return grad_W @ B + 2.0 * lam * (G @ A), grad_W.T @ A + 2.0 * lam * B


def objective2_rise(model: LinearModel, M: np.ndarray) -> float:
    """How much objective 2 rises when its closed-form solution is changed to (ÂM, B̂M⁻ᵀ).

    At the closed form of objective 2, ÂᵀGÂ = B̂ᵀB̂ = K = dMat(c) with
    c_i = (σ_i − λ)₊, and the fit term depends on A, B only through ÂB̂ᵀ,
    which M does not change.  Hence the rise is

        λ ( tr(Mᵀ K M) + tr(M⁻¹ K M⁻ᵀ) − 2 tr(K) ) ≥ 0,

    with equality exactly when M acts orthogonally on the active dimensions
    (Cauchy–Schwarz; chapter :ref:`ch-objective2-unique`).  For a
    diagonal M = dMat(d) this is λ Σ_i c_i (d_i² + d_i⁻² − 2).

    Parameters
    ----------
    model
        A model returned by :func:`cossim.models.fit_objective2`.
    M
        An invertible k × k matrix.

    Returns
    -------
    float
        The rise, ≥ 0 up to rounding.
    """
    if model.objective != 2:
        raise ValueError(f"model must be a fit of objective 2; got a fit of objective {model.objective}.")
    M = check_array(M, "M", shape=(model.k, model.k), dims=("k", "k"))
    try:
        M_inv = np.linalg.inv(M)
    except np.linalg.LinAlgError:
        raise ValueError("M must be invertible; got a singular matrix.") from None
    c = np.clip(model.sigma - model.lam, 0.0, None)
    return model.lam * float(np.sum(c[:, None] * M * M) + np.sum(M_inv * M_inv * c[None, :]) - 2 * np.sum(c))
