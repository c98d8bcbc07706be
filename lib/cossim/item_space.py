"""Remedy 2: leave the embedding space (chapter :ref:`ch-item-space`).

Steck, Ekanadham and Kallus (2024) suggest measuring similarity after
projecting back to the original space, where the coordinates are items.  For a
linear model X ≈ X Â B̂ᵀ:

* a user u is represented by the row x_u Â B̂ᵀ of the predictions: one score per
  item;
* an item i is represented by the row of Â B̂ᵀ it contributes to every user's
  scores (the "item-to-item" weights, a user made of item i alone).

Both depend on the factors only through the product Â B̂ᵀ, which the rescaling
(Â M, B̂ M⁻ᵀ) leaves unchanged, so their cosine similarities cannot depend on D
(or on any invertible M).

Computing cosines of rows of E Fᵀ directly costs O(rows · p) memory.  Because
(E Fᵀ)(E Fᵀ)ᵀ = E (FᵀF) Eᵀ, the same cosines are those of the k-dimensional
rows of E S with S = (FᵀF)^{1/2} (:func:`item_space_metric`): cosine in the
embedding space, measured with the metric FᵀF that the other factor induces.
:func:`item_space_cosine` works that way.

:func:`similarity_agreement` scores how closely two similarity matrices agree
(the Pearson correlation of their off-diagonal entries); the chapter uses it to
ask how much of the raw data's similarity the model keeps, and how close each
similarity comes to the true one of the simulation.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ._validation import check_array, check_scalar
from .models import LinearModel
from .similarity import ZeroRows, _normalise_rows


def item_space_metric(F: np.ndarray) -> np.ndarray:
    """S = (FᵀF)^{1/2}, the symmetric positive semi-definite square root (k × k).

    Computed from the eigendecomposition of FᵀF; rounding can make its smallest
    eigenvalues slightly negative, and they are set to 0.

    Parameters
    ----------
    F
        p × k factor whose rows map embeddings to item space (B̂ for a linear model).

    Returns
    -------
    numpy.ndarray
        S, k × k, symmetric.
    """
    return _item_space_metric(check_array(F, "F", what="array"))


def _item_space_metric(F: np.ndarray) -> np.ndarray:
    eigenvalues, vectors = np.linalg.eigh(F.T @ F)
    return (vectors * np.sqrt(np.clip(eigenvalues, 0.0, None))) @ vectors.T


def item_space_cosine(E: np.ndarray, F: np.ndarray, *, zero_rows: ZeroRows = "raise") -> np.ndarray:
    """Cosine similarity between the rows of E Fᵀ, computed in O(rows · k²).

    Equal to ``cosine_similarity(E @ F.T)`` but computed as
    ``cosine_similarity(E @ item_space_metric(F))``.

    Parameters
    ----------
    E
        Embeddings, one per row (rows × k): Â for items, X Â for users.
    F
        The p × k factor that carries them to item space (B̂).
    zero_rows
        What to do with a row of E Fᵀ that is exactly zero: ``"raise"`` or
        ``"zero"`` (see :func:`cossim.similarity.cosine_similarity`).

    Returns
    -------
    numpy.ndarray
        Rows of E × rows of E, in [−1, 1].
    """
    F = check_array(F, "F", what="array")
    E = check_array(E, "E", shape=(None, F.shape[1]), dims=("…", "k"), what="array")
    check_scalar(zero_rows, "zero_rows", choices=("raise", "zero"))
    return _item_space_cosine(E, F, zero_rows)


def _item_space_cosine(
    E: np.ndarray, F: np.ndarray, zero_rows: str
) -> np.ndarray:
    carried = E @ _item_space_metric(F)
    # A row of E F^T is zero iff the matching row of E S is; rounding can leave
    # ~1e-17 instead of 0, so rows far below the largest are treated as zero.
    norms = np.linalg.norm(carried, axis=1)
    carried[norms <= 1e-12 * np.max(norms, initial=0.0)] = 0.0
    unit = _normalise_rows(carried, zero_rows, "E")
    return np.clip(unit @ unit.T, -1.0, 1.0)


def item_space_items(model: LinearModel, *, zero_rows: ZeroRows = "raise") -> np.ndarray:
    """Item–item cosine of the rows of Â B̂ᵀ (p × p), invariant to every rescaling.

    Parameters
    ----------
    model
        A fitted linear model.
    zero_rows
        ``"raise"`` or ``"zero"`` for items whose row of Â B̂ᵀ is zero.

    Returns
    -------
    numpy.ndarray
        p × p, in [−1, 1].
    """
    return item_space_cosine(model.A, model.B, zero_rows=zero_rows)


def item_space_users(
    model: LinearModel,
    X: np.ndarray | sp.sparray | sp.spmatrix,
    users: np.ndarray | None = None,
    *,
    zero_rows: ZeroRows = "raise",
) -> np.ndarray:
    """User–user cosine of the rows of X Â B̂ᵀ (the predictions), invariant to rescaling.

    Parameters
    ----------
    model
        A fitted linear model.
    X
        Data, n × p.
    users
        Optional indices of the users to compare (the result is
        len(users) × len(users)); default all n users.
    zero_rows
        ``"raise"`` or ``"zero"`` for users whose predictions are all zero.

    Returns
    -------
    numpy.ndarray
        n × n (or len(users) × len(users)), in [−1, 1].
    """
    embeddings = model.user_embeddings(X)
    check_scalar(zero_rows, "zero_rows", choices=("raise", "zero"))
    if users is not None:
        embeddings = embeddings[_check_indices(users, embeddings.shape[0])]
    return _item_space_cosine(embeddings, model.B, zero_rows)


def _check_indices(users: np.ndarray, n: int) -> np.ndarray:
    """Users as a non-empty vector of integer indices into 0 … n − 1."""
    index = check_array(users, "users", ndim=1, what="vector of user indices", dtype=None, nonempty=True)
    if not np.issubdtype(index.dtype, np.integer):
        raise ValueError(f"users must be a vector of integer user indices; got dtype {index.dtype}.")
    for position in (index.min(), index.max()):
        check_scalar(int(position), "users", integer=True, low=0, high=n - 1, high_label=f"n − 1 = {n - 1}")
    return index


def similarity_agreement(S: np.ndarray, T: np.ndarray) -> float:
    """Pearson correlation of the off-diagonal entries of two square similarity matrices.

    1 means that S and T order and space all pairs alike (up to an affine map);
    0 means no linear relation.  Diagonals (self-similarities) are left out.

    Parameters
    ----------
    S, T
        Square matrices of the same shape, at least 2 × 2, whose off-diagonal
        entries are not all equal.

    Returns
    -------
    float
        In [−1, 1].
    """
    S = check_array(S, "S", square=True)
    T = check_array(T, "T", shape=S.shape)
    if S.shape[0] < 2:
        raise ValueError(f"S must be at least 2 × 2; got shape {S.shape}.")
    off = ~np.eye(S.shape[0], dtype=bool)
    s, t = S[off] - S[off].mean(), T[off] - T[off].mean()
    norms = np.linalg.norm(s) * np.linalg.norm(t)
    if not norms > 0:
        raise ValueError(
            "S and T must each have off-diagonal entries that are not all equal; "
            "got a constant one."
        )
    return float(s @ t / norms)
