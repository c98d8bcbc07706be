"""Count-based word vectors: PMI, and the SVD with eigenvalue weighting.

Used in chapter :ref:`ch-beyond-linear`.

Levy, Goldberg and Dagan (2015) compare word2vec with the older recipe of
factorising a matrix of pointwise mutual information (PMI) by the SVD, and
carry word2vec's tricks over to it:

* PMI with *context distribution smoothing*: the context (column) probabilities
  are raised to an exponent α (word2vec's 0.75) and renormalised;
* a *shift* by log κ (κ negatives) and clipping at 0: the shifted positive PMI;
* *eigenvalue weighting*: from M ≈ U_k Σ_k V_kᵀ take the word vectors
  W = U_k Σ_k^e for an exponent e, where e = 1 is the traditional choice and
  they found e = 0 or ½ to work better.

The exponent is the rescaling freedom of the book: with C = V_k Σ_k^{1−e}, the
product W Cᵀ = U_k Σ_k V_kᵀ is the same rank-k approximation for every e, and
(W, C) = (W_{½} D, C_{½} D⁻¹) with D = Σ_k^{e − ½}.  Any reconstruction loss
‖M − W Cᵀ‖ cannot prefer one e over another, yet the cosines of W change.

Here the "words" and "contexts" are both items, and the counts are the
co-occurrences N_ij = (XᵀX)_ij, i ≠ j, as in :mod:`cossim.sgns`.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_array, check_gram, check_rank, check_scalar
from .spectral import _top_singular_from_gram


def pmi_matrix(
    G: np.ndarray, *, context_exponent: float = 1.0, shift: float = 1.0, positive: bool = True
) -> np.ndarray:
    """The (shifted, positive) PMI of item co-occurrences, p × p.

    PMI_ij = log( P(i, j) / (P(i) P_α(j)) ) − log κ, with P(i, j) = N_ij / Σ N,
    P(i) = Σ_j P(i, j) and P_α(j) ∝ (Σ_i N_ij)^α.  Pairs that never co-occur
    have PMI −∞, which ``positive=True`` (the PPMI) clips to 0 like every other
    negative value.  The diagonal is set to 0.

    Parameters
    ----------
    G
        The Gram matrix XᵀX (co-occurrence counts off the diagonal).
    context_exponent
        α ≥ 0 of context distribution smoothing (1: none; word2vec: 0.75).
    shift
        κ > 0; the PMI is lowered by log κ (1: no shift).
    positive
        Clip at 0 (PPMI); with ``False``, entries with no co-occurrence are −∞.

    Returns
    -------
    numpy.ndarray
        p × p.
    """
    G = check_gram(G, nonnegative=True)
    alpha = check_scalar(context_exponent, "context_exponent", low=0.0)
    shift = check_scalar(shift, "shift", low=0.0, include_low=False)
    check_scalar(positive, "positive", choices=(True, False))
    N = G.copy()
    np.fill_diagonal(N, 0.0)
    rows, cols = N.sum(axis=1), N.sum(axis=0)
    empty = np.flatnonzero(~((rows > 0) & (cols > 0)))
    if empty.size:
        raise ValueError(
            f"G must give every item at least one co-occurrence; got {empty.size} item(s) without, "
            f"the first at index {empty[0]}."
        )
    context = cols**alpha
    context = context / context.sum()
    joint = N / N.sum()
    marginal = rows / N.sum()
    with np.errstate(divide="ignore"):
        pmi = np.log(joint) - np.log(marginal)[:, None] - np.log(context)[None, :] - np.log(shift)
    if positive:
        pmi = np.maximum(pmi, 0.0)
    np.fill_diagonal(pmi, 0.0)
    return pmi


def svd_word_vectors(M: np.ndarray, k: int, exponent: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """Word and context vectors (U_k Σ_k^e, V_k Σ_k^{1−e}) from the top-k SVD of M.

    Every exponent gives the same product U_k Σ_k V_kᵀ, the best rank-k
    approximation of M (Eckart–Young).  Singular vectors come from the
    eigendecomposition of MᵀM with the book's sign convention
    (:mod:`cossim.spectral`); U_k = M V_k Σ_k⁻¹.

    Parameters
    ----------
    M
        A finite p × q matrix, e.g. from :func:`pmi_matrix`.
    k
        Number of dimensions, 1 ≤ k ≤ q.
    exponent
        Eigenvalue weighting e, any finite real number (Σ_k must be positive
        if e < 0 or e > 1).

    Returns
    -------
    tuple[numpy.ndarray, numpy.ndarray]
        W (p × k) and C (q × k).
    """
    M = check_array(M, "M")
    k = check_rank(k, M.shape[1], label=f"q = {M.shape[1]}")
    return _svd_word_vectors(M, k, check_scalar(exponent, "exponent"))


def _svd_word_vectors(M: np.ndarray, k: int, exponent: float) -> tuple[np.ndarray, np.ndarray]:
    svd = _top_singular_from_gram(M.T @ M, k)
    inverse = np.divide(1.0, svd.sigma, out=np.zeros_like(svd.sigma), where=svd.sigma > 0)
    U = (M @ svd.V) * inverse
    with np.errstate(divide="ignore"):
        return U * svd.sigma**exponent, svd.V * svd.sigma ** (1.0 - exponent)
