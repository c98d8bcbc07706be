"""How the rescaling D enters each kind of cosine similarity (the paper's Sec. 2.2).

For a model (Â, B̂) of objective 1 and an invertible diagonal D = dMat(d), the
rescaled embeddings are X Â D (users) and B̂ D⁻¹ (items).  Writing Ω_A(D) and
Ω_B(D) for the diagonal matrices that scale each row of X Â D, resp. B̂ D⁻¹, to
unit length, the three cosine similarities are

* item–item:  cosSim(B̂D⁻¹, B̂D⁻¹) = Ω_B(D) · B̂ D⁻² B̂ᵀ · Ω_B(D)
* user–user:  cosSim(XÂD, XÂD)   = Ω_A(D) · XÂ D² (XÂ)ᵀ · Ω_A(D)
* user–item:  cosSim(XÂD, B̂D⁻¹)  = Ω_A(D) · XÂ B̂ᵀ · Ω_B(D)

The functions below compute the right-hand sides *as written*, so that the
book and the tests can compare them with :func:`cossim.similarity.cosine_similarity`
applied to the rescaled embeddings.  The middle factor of user–item cosine,
X Â B̂ᵀ, is the prediction matrix and does not depend on D; D enters only
through the normalisers.  Item–item and user–user cosine depend on D also
through D⁻² and D².
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ._validation import check_diagonal
from .models import LinearModel
from .similarity import _row_normaliser


def omega_items(model: LinearModel, d: np.ndarray) -> np.ndarray:
    """Diagonal of Ω_B(D): 1/‖b̂ᵢ D⁻¹‖ for each item i.

    Returns
    -------
    numpy.ndarray
        Shape (p,).
    """
    return _row_normaliser(model.B / check_diagonal(d, model.k), "raise", "B D⁻¹")


def omega_users(model: LinearModel, X: np.ndarray | sp.sparray | sp.spmatrix, d: np.ndarray) -> np.ndarray:
    """Diagonal of Ω_A(D): 1/‖x_u Â D‖ for each user u.

    Returns
    -------
    numpy.ndarray
        Shape (n,).
    """
    d = check_diagonal(d, model.k)
    return _row_normaliser(model.user_embeddings(X) * d, "raise", "X A D")


def item_item_cosine(model: LinearModel, d: np.ndarray) -> np.ndarray:
    """Ω_B(D) B̂ D⁻² B̂ᵀ Ω_B(D), the item–item cosine similarities under D = dMat(d).

    Returns
    -------
    numpy.ndarray
        p × p, in [−1, 1].
    """
    omega = omega_items(model, d)
    middle = (model.B / d**2) @ model.B.T  # B̂ D⁻² B̂ᵀ
    return np.clip(omega[:, None] * middle * omega[None, :], -1.0, 1.0)


def user_user_cosine(model: LinearModel, X: np.ndarray | sp.sparray | sp.spmatrix, d: np.ndarray) -> np.ndarray:
    """Ω_A(D) XÂ D² (XÂ)ᵀ Ω_A(D), the user–user cosine similarities under D = dMat(d).

    Returns
    -------
    numpy.ndarray
        n × n, in [−1, 1].
    """
    omega = omega_users(model, X, d)
    XA = model.user_embeddings(X)
    return np.clip(omega[:, None] * ((XA * d**2) @ XA.T) * omega[None, :], -1.0, 1.0)


def user_item_cosine(model: LinearModel, X: np.ndarray | sp.sparray | sp.spmatrix, d: np.ndarray) -> np.ndarray:
    """Ω_A(D) XÂ B̂ᵀ Ω_B(D), the user–item cosine similarities under D = dMat(d).

    Returns
    -------
    numpy.ndarray
        n × p, in [−1, 1].
    """
    omega_a, omega_b = omega_users(model, X, d), omega_items(model, d)
    return np.clip(omega_a[:, None] * model.predict(X) * omega_b[None, :], -1.0, 1.0)
