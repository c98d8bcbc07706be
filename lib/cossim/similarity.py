"""Cosine similarity between embeddings, and the row normaliser Ω.

cosSim(x, y) = ⟨x, y⟩ / (‖x‖ ‖y‖).  For matrices whose rows are embeddings the
paper writes (Eq. 4) cosSim(E, F) = Ω_E E Fᵀ Ω_F, where Ω_E is the diagonal
matrix that scales each row of E to unit Euclidean norm.

A zero vector has no direction, so its cosine with anything is undefined.  By
default :func:`cosine_similarity` refuses such input with a ``ValueError``
naming the first zero row.  Passing ``zero_rows="zero"`` instead defines the
similarity of a zero row with every row (itself included) as 0, the convention
of scikit-learn's ``cosine_similarity``; then the diagonal of cosSim(E, E) is
0, not 1, for zero rows.  "Zero" means exactly zero: a row of tiny but nonzero
entries is normalised like any other.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from ._validation import check_array, check_scalar

ZeroRows = Literal["raise", "zero"]
_ZERO_ROWS = ("raise", "zero")


def row_norms(E: np.ndarray) -> np.ndarray:
    """Euclidean norm of each row of ``E``, safe from underflow and overflow.

    Each row is divided by its largest absolute entry before squaring, so a
    row like (1e-300, 0) gets norm 1e-300 rather than 0, and (1e300, 1e300)
    does not overflow.  A row is zero exactly when all its entries are zero.

    Returns
    -------
    numpy.ndarray
        Shape (rows of E,), ≥ 0.
    """
    return _row_norms(check_array(E, "E"))


def _row_norms(E: np.ndarray) -> np.ndarray:
    largest = np.max(np.abs(E), axis=1, initial=0.0)
    safe = np.where(largest > 0, largest, 1.0)
    return largest * np.linalg.norm(E / safe[:, None], axis=1)


def row_normaliser(E: np.ndarray, *, zero_rows: ZeroRows = "raise", name: str = "E") -> np.ndarray:
    """The diagonal of Ω_E: 1/‖e_r‖ for each row e_r of ``E`` (the paper's Eq. 4).

    Parameters
    ----------
    E
        Matrix whose rows are embeddings.
    zero_rows
        ``"raise"`` (default) rejects exactly-zero rows; ``"zero"`` gives them
        the factor 0, so their normalised row stays zero.
    name
        Argument name used in error messages.

    Returns
    -------
    numpy.ndarray
        Shape (rows of E,).
    """
    E = check_array(E, name)
    check_scalar(zero_rows, "zero_rows", choices=_ZERO_ROWS)
    return _row_normaliser(E, zero_rows, name)


def _row_normaliser(E: np.ndarray, zero_rows: str, name: str) -> np.ndarray:
    norms = _row_norms(E)
    zero = np.flatnonzero(norms == 0)
    if zero.size and zero_rows == "raise":
        raise ValueError(
            f"{name} must have no zero row, since a zero vector has no cosine similarity; "
            f"got {zero.size} zero row(s), the first at index {zero[0]} "
            f"(pass zero_rows='zero' to give them similarity 0)."
        )
    return np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)


def normalise_rows(E: np.ndarray, *, zero_rows: ZeroRows = "raise", name: str = "E") -> np.ndarray:
    """Ω_E E: each row scaled to unit Euclidean norm (see :func:`row_normaliser`).

    Returns
    -------
    numpy.ndarray
        The same shape as ``E``.
    """
    E = check_array(E, name)
    check_scalar(zero_rows, "zero_rows", choices=_ZERO_ROWS)
    return _normalise_rows(E, zero_rows, name)


def _normalise_rows(E: np.ndarray, zero_rows: str, name: str) -> np.ndarray:
    return E * _row_normaliser(E, zero_rows, name)[:, None]


def cosine_similarity(
    E: np.ndarray,
    F: np.ndarray | None = None,
    *,
    zero_rows: ZeroRows = "raise",
) -> np.ndarray:
    """Cosine similarity between the rows of ``E`` and the rows of ``F``.

    Computes cosSim(E, F) = Ω_E E Fᵀ Ω_F (the paper's Eq. 4), an
    (rows of E) × (rows of F) matrix with entries in [−1, 1].  With ``F``
    omitted, the similarities among the rows of ``E``.

    Parameters
    ----------
    E
        2-D array, one embedding per row.
    F
        Optional 2-D array with as many columns as ``E``.
    zero_rows
        What to do with an exactly-zero row: ``"raise"`` (default) raises a
        ``ValueError``; ``"zero"`` gives it similarity 0 with every row.

    Returns
    -------
    numpy.ndarray
        Similarities, clipped to [−1, 1] against rounding.
    """
    E = check_array(E, "E", what="array (one embedding per row)")
    check_scalar(zero_rows, "zero_rows", choices=_ZERO_ROWS)
    E_unit = _normalise_rows(E, zero_rows, "E")
    if F is None:
        F_unit = E_unit
    else:
        F = check_array(F, "F", shape=(None, E.shape[1]), dims=("…", "k"),
                        what="array")
        F_unit = _normalise_rows(F, zero_rows, "F")
    return np.clip(E_unit @ F_unit.T, -1.0, 1.0)
