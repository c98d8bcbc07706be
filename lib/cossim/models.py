"""Linear models X ≈ X A Bᵀ, their two closed-form fits, and the rescaling D.

Notation follows Steck, Ekanadham and Kallus (2024): A, B are p × k, the item
embeddings are the rows of B, the user embeddings are the rows of X A, and
X = U Σ Vᵀ is the SVD with singular values σ₁ ≥ σ₂ ≥ … .

* Objective 1 (the paper's Eq. 1), L2 on the product:
  ``‖X − X A Bᵀ‖²_F + λ ‖A Bᵀ‖²_F``.
  Closed form Â B̂ᵀ = V_k dMat(g)_k V_kᵀ with g_i = σ_i² / (σ_i² + λ); the
  paper splits it symmetrically (Eq. 5): Â = B̂ = V_k dMat(g)^{1/2}.
* Objective 2 (Eq. 2), L2 on each factor:
  ``‖X − X A Bᵀ‖²_F + λ (‖X A‖²_F + ‖B‖²_F)``.
  Closed form (Eq. 6) Â = V_k dMat(√((1/σ_i)(1 − λ/σ_i)₊)),
  B̂ = V_k dMat(√(σ_i (1 − λ/σ_i)₊)).
* Rescaling (Eq. 3): (A, B) → (A dMat(d), B dMat(d)⁻¹) leaves A Bᵀ unchanged.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp

from ._validation import check_array, check_data_matrix, check_diagonal, check_rank, check_scalar
from .spectral import TopSingular, _gram_matrix, top_singular


@dataclass(frozen=True)
class LinearModel:
    """A fitted linear model X ≈ X A Bᵀ.

    Attributes
    ----------
    A
        Encoder, p × k.  User embeddings are the rows of X A.
    B
        Decoder, p × k.  Item embeddings are the rows of B.
    sigma
        The k singular values of the training data used by the fit.
    V
        The matching right singular vectors, p × k.
    lam
        The regularisation strength λ of the fit.
    objective
        1 or 2: which training objective the closed form solves.
    """

    A: np.ndarray
    B: np.ndarray
    sigma: np.ndarray
    V: np.ndarray
    lam: float
    objective: Literal[1, 2]

    @property
    def k(self) -> int:
        """Embedding dimension."""
        return self.A.shape[1]

    @property
    def active_dimensions(self) -> int:
        """The number of latent dimensions the fit uses, that is, of columns of B that are not all zero.

        For objective 2 these are the directions with σ_i > λ (the others are
        switched off exactly); objective 1 keeps every direction with σ_i > 0.
        """
        return int(np.count_nonzero(np.any(self.B != 0, axis=0)))

    @property
    def weights(self) -> np.ndarray:
        """The p × p item-to-item weight matrix A Bᵀ (what predictions depend on)."""
        return self.A @ self.B.T

    def user_embeddings(self, X: np.ndarray | sp.sparray | sp.spmatrix) -> np.ndarray:
        """Rows of X A: each user is the sum of the A-rows of the items they consumed."""
        X = check_data_matrix(X)
        if X.shape[1] != self.A.shape[0]:
            check_array(X, "X", shape=(None, self.A.shape[0]), dims=("n", "p"), sparse=True)
        return np.asarray(X @ self.A)

    @property
    def item_embeddings(self) -> np.ndarray:
        """Rows of B."""
        return self.B

    def predict(self, X: np.ndarray | sp.sparray | sp.spmatrix) -> np.ndarray:
        """Predicted scores X A Bᵀ (n × p)."""
        return self.user_embeddings(X) @ self.B.T


def shrinkage_objective1(sigma: np.ndarray, lam: float) -> np.ndarray:
    """g_i = σ_i² / (σ_i² + λ): how much of direction vᵢ objective 1 keeps.

    The closed form of objective 1 is Â B̂ᵀ = V_k dMat(g) V_kᵀ.  Written as
    σ²/(σ² + λ) rather than 1/(1 + λ/σ²) so that σ = 0 gives 0, not 0/0.

    Returns
    -------
    numpy.ndarray
        g, the shape of ``sigma``, in [0, 1).
    """
    lam = check_scalar(lam, "lam", low=0.0, include_low=False)
    sigma = check_array(sigma, "sigma", ndim=1, nonnegative=True)
    return _shrinkage_objective1(sigma, lam)


def _shrinkage_objective1(sigma: np.ndarray, lam: float) -> np.ndarray:
    return sigma**2 / (sigma**2 + lam)


def shrinkage_objective2(sigma: np.ndarray, lam: float) -> np.ndarray:
    """(1 − λ/σ_i)₊: how much of direction vᵢ objective 2 keeps.

    The closed form of objective 2 is Â B̂ᵀ = V_k dMat((1 − λ/σ)₊) V_kᵀ, so
    X Â B̂ᵀ = U_k dMat((σ − λ)₊) V_kᵀ: soft-thresholding of the singular
    values by λ.  Directions with σ_i ≤ λ (including σ_i = 0) are switched off.

    Returns
    -------
    numpy.ndarray
        (1 − λ/σ)₊, the shape of ``sigma``, in [0, 1).
    """
    lam = check_scalar(lam, "lam", low=0.0, include_low=False)
    sigma = check_array(sigma, "sigma", ndim=1, nonnegative=True)
    return _shrinkage_objective2(sigma, lam)


def _shrinkage_objective2(sigma: np.ndarray, lam: float) -> np.ndarray:
    return np.clip(sigma - lam, 0.0, None) / np.where(sigma > 0, sigma, 1.0)


def ridge_weights(X: np.ndarray | sp.sparray | sp.spmatrix, lam: float) -> np.ndarray:
    """The unconstrained minimiser of objective 1 over W = A Bᵀ: (XᵀX + λI)⁻¹ XᵀX.

    Objective 1 without the rank constraint is a ridge regression of X on
    itself; its solution W* is the starting point of the derivation of the
    closed form (chapter :ref:`ch-two-objectives`).  Cost O(np² + p³).

    Parameters
    ----------
    X
        Data, n × p, dense or scipy.sparse.
    lam
        λ > 0.

    Returns
    -------
    numpy.ndarray
        W*, p × p.
    """
    G = _gram_matrix(check_data_matrix(X))
    lam = check_scalar(lam, "lam", low=0.0, include_low=False)
    return np.linalg.solve(G + lam * np.eye(G.shape[0]), G)


Data = np.ndarray | sp.sparray | sp.spmatrix | TopSingular


def _spectrum(data: Data, k: int, lam: float) -> tuple[TopSingular, int, float]:
    """Check the arguments of a fit; return the top-k spectrum, k and λ.

    ``data`` is either the data X (its top-k spectrum is computed here) or a
    spectrum already computed (its first k triplets are used).
    """
    lam = check_scalar(lam, "lam", low=0.0, include_low=False)
    if isinstance(data, TopSingular):
        k = check_rank(k, data.sigma.size, label=f"the {data.sigma.size} singular triplets given")
        return TopSingular(sigma=data.sigma[:k], V=data.V[:, :k]), k, lam
    X = check_data_matrix(data, "data")
    k = check_rank(k, X.shape[1])
    return top_singular(X, k), k, lam


def fit_objective1(data: Data, k: int, lam: float) -> LinearModel:
    """Closed-form minimiser of objective 1 with the paper's symmetric split (Eq. 5).

    Â = B̂ = V_k dMat(g)^{1/2}, g_i = σ_i² / (σ_i² + λ), which gives
    Â B̂ᵀ = V_k dMat(g) V_kᵀ, the rank-k truncation of the ridge solution
    (XᵀX + λI)⁻¹ XᵀX (chapter :ref:`ch-two-objectives`; the rank-constrained
    theorem is due to Jin et al. 2021).  Any (Â dMat(d), B̂ dMat(d)⁻¹) is an
    equally good minimiser; see :func:`rescale`.

    Parameters
    ----------
    data
        The data X, n users × p items, dense or scipy.sparse; or its top
        singular triplets (a :class:`~cossim.spectral.TopSingular` from
        :func:`~cossim.spectral.top_singular`, at least k of them), so that
        several models fitted to the same data share one decomposition.
    k
        Embedding dimension, 1 ≤ k ≤ p (at most the number of triplets given).
    lam
        Regularisation strength λ > 0.

    Returns
    -------
    LinearModel
        With ``objective == 1`` and A = B.
    """
    svd, k, lam = _spectrum(data, k, lam)
    half = np.sqrt(_shrinkage_objective1(svd.sigma, lam))
    A = svd.V * half
    return LinearModel(A=A, B=A.copy(), sigma=svd.sigma, V=svd.V, lam=lam,
                       objective=1)


def fit_objective2(data: Data, k: int, lam: float) -> LinearModel:
    """Closed-form minimiser of objective 2 (the paper's Eq. 6).

    Â = V_k dMat(√((1/σ_i)(1 − λ/σ_i)₊)), B̂ = V_k dMat(√(σ_i (1 − λ/σ_i)₊)),
    the balanced split of the soft-thresholded SVD (chapter
    :ref:`ch-objective2-unique`; the closed form of this problem is stated by
    Zheng, Ding and Nie 2018).  Columns with σ_i ≤ λ are exactly zero.  The
    product Â B̂ᵀ, and with it every cosine of the embeddings, is unique when
    the active singular values σ_i > λ are distinct and σ_k > σ_{k+1} or
    σ_{k+1} ≤ λ; the factors are unique only up to an orthogonal rotation of
    the active dimensions, and switched-off columns could be anything of
    zero penalty (that is, zero).  If σ_k = σ_{k+1} > λ the minimiser is not
    unique: any k-dimensional subspace of the tied singular vectors does as
    well.

    Parameters are those of :func:`fit_objective1`; returns a
    :class:`LinearModel` with ``objective == 2``.
    """
    svd, k, lam = _spectrum(data, k, lam)
    kept = _shrinkage_objective2(svd.sigma, lam)
    safe_sigma = np.where(svd.sigma > 0, svd.sigma, 1.0)
    A = svd.V * np.sqrt(kept / safe_sigma)
    B = svd.V * np.sqrt(kept * svd.sigma)
    return LinearModel(A=A, B=B, sigma=svd.sigma, V=svd.V, lam=lam,
                       objective=2)


def rescale(model: LinearModel, d: np.ndarray) -> LinearModel:
    """The model with A → A dMat(d) and B → B dMat(d)⁻¹ (the paper's Eq. 3).

    Predictions X A Bᵀ are unchanged for every invertible diagonal D = dMat(d);
    the embeddings, and hence their cosine similarities, are not.

    Parameters
    ----------
    model
        A fitted model with k latent dimensions.
    d
        The diagonal of D: k finite, nonzero numbers.

    Returns
    -------
    LinearModel
        A new model; ``model`` is not changed.
    """
    d = check_diagonal(d, model.k)
    return dataclasses.replace(model, A=model.A * d, B=model.B / d)
