"""Aligning the embeddings of two fits by a rotation (chapter :ref:`ch-debate`).

Retraining a model, or training it from another start, can return embeddings
that differ from the old ones by an orthogonal map Q (a rotation, possibly with
reflections): E' = E Q.  Dot products and cosine similarities inside one set of
embeddings are the same for E and E Q, so such a difference is harmless within a
model, but it breaks anything that stores coordinates across retrainings.
Zielnicki and Hsiao (2025) stabilise embeddings across retrainings with
orthogonal maps of this kind.

:func:`procrustes_rotation` finds the orthogonal Q that brings E closest to F,
the classical orthogonal Procrustes problem (Schönemann 1966): with the SVD
EᵀF = P Σ Rᵀ, the minimiser of ‖E Q − F‖_F over orthogonal Q is Q = P Rᵀ.
An orthogonal map cannot undo a rescaling D that is not a multiple of an
orthogonal matrix: :func:`procrustes_residual` measures what is left.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_array


def procrustes_rotation(E: np.ndarray, F: np.ndarray) -> np.ndarray:
    """The orthogonal k × k matrix Q minimising ‖E Q − F‖_F (orthogonal Procrustes).

    Parameters
    ----------
    E, F
        Two sets of embeddings of the same m rows, both m × k.

    Returns
    -------
    numpy.ndarray
        Q, k × k, with QᵀQ = I.
    """
    E = check_array(E, "E", nonempty=True, what="matrix of embeddings")
    F = check_array(F, "F", shape=E.shape, dims=("m", "k"), what="matrix of embeddings")
    P, _, Rt = np.linalg.svd(E.T @ F)
    return P @ Rt


def procrustes_residual(E: np.ndarray, F: np.ndarray) -> float:
    """‖E Q − F‖_F / ‖F‖_F for the best orthogonal Q: 0 iff E is F rotated.

    Parameters are those of :func:`procrustes_rotation`; ``F`` must not be zero.

    Returns
    -------
    float
        In [0, ∞).
    """
    Q = procrustes_rotation(E, F)
    norm = np.linalg.norm(F)
    if norm == 0:
        raise ValueError("F must not be all zeros; got a zero matrix.")
    return float(np.linalg.norm(np.asarray(E, dtype=float) @ Q - F) / norm)
