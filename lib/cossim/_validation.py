"""Input checks shared by the whole package.

Every public function of :mod:`cossim` validates its arguments with the helpers
below, so that a wrong argument fails early with one sentence that names the
argument, says what was expected and shows what was given (the convention of
scikit-learn).  The helpers return the argument converted to the type the
computation needs, so callers never convert twice.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import scipy.sparse as sp




def _describe(value: Any) -> str:
    """A short description of ``value`` for an error message."""
    if isinstance(value, np.ndarray) or sp.issparse(value):
        return f"an array of shape {value.shape}"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_data_matrix(X: Any, name: str = "X") -> np.ndarray | sp.csr_array:
    """Return ``X`` as a finite 2-D float64 array, or as CSR if it is sparse.

    Raises
    ------
    ValueError
        If ``X`` is not two-dimensional, has no rows or columns, or holds a
        NaN or an infinite value.
    """
    if sp.issparse(X):
        matrix = sp.csr_array(X, dtype=np.float64)
        if not matrix.has_canonical_format:  # duplicate entries would be counted once, not summed
            matrix = matrix.copy()
            matrix.sum_duplicates()
        values = matrix.data
    else:
        try:
            matrix = np.asarray(X, dtype=np.float64)
        except (TypeError, ValueError):
            raise ValueError(
                f"{name} must be a numeric matrix (numpy array or scipy.sparse); "
                f"got {_describe(X)}."
            ) from None
        values = matrix
    if matrix.ndim != 2:
        raise ValueError(
            f"{name} must be a 2-D matrix (users × items); got {matrix.ndim} "
            f"dimension(s) with shape {matrix.shape}."
        )
    if matrix.shape[0] == 0 or matrix.shape[1] == 0:
        raise ValueError(
            f"{name} must have at least one row and one column; got shape {matrix.shape}."
        )
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{name} must hold only finite numbers; got a NaN or an infinite entry.")
    return matrix


def check_embedding(
    E: Any, name: str, n_cols: int | None = None, n_rows: int | None = None
) -> np.ndarray:
    """Return ``E`` as a finite 2-D float64 array (rows are vectors).

    Parameters
    ----------
    E
        The matrix whose rows are embedding vectors.
    name
        Argument name used in error messages.
    n_cols
        If given, the number of columns ``E`` must have.
    n_rows
        If given, the number of rows ``E`` must have: one per item, p.
    """
    if sp.issparse(E):
        E = E.toarray()
    try:
        array = np.asarray(E, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a numeric 2-D array; got {_describe(E)}.") from None
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be a 2-D array (one embedding per row); got shape {array.shape}."
        )
    if n_cols is not None and array.shape[1] != n_cols:
        raise ValueError(
            f"{name} must have {n_cols} columns to match the other factor; "
            f"got shape {array.shape}."
        )
    if n_rows is not None and array.shape[0] != n_rows:
        raise ValueError(
            f"{name} must have p = {n_rows} rows (one per item); got shape {array.shape}."
        )
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must hold only finite numbers; got a NaN or an infinite entry.")
    return array


def check_rank(k: Any, p: int, name: str = "k", upper: str | None = None) -> int:
    """Return ``k`` as an int after checking ``1 <= k <= p``.

    ``upper`` names the bound in the error message (default ``"p = {p}"``).
    """
    bound = upper or f"p = {p}"
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise ValueError(f"{name} must be an integer between 1 and {bound}; got {_describe(k)}.")
    if not 1 <= int(k) <= p:
        raise ValueError(f"{name} must be an integer between 1 and {bound}; got {int(k)}.")
    return int(k)


def check_positive(value: Any, name: str) -> float:
    """Return ``value`` as a float after checking it is finite and > 0."""
    number = _as_real(value, name, "a finite number > 0")
    if not (np.isfinite(number) and number > 0):
        raise ValueError(f"{name} must be a finite number > 0; got {number!r}.")
    return number


def check_nonnegative(value: Any, name: str) -> float:
    """Return ``value`` as a float after checking it is finite and >= 0."""
    number = _as_real(value, name, "a finite number >= 0")
    if not (np.isfinite(number) and number >= 0):
        raise ValueError(f"{name} must be a finite number >= 0; got {number!r}.")
    return number


def check_finite_real(value: Any, name: str) -> float:
    """Return ``value`` as a float after checking it is finite."""
    number = _as_real(value, name, "a finite real number")
    if not np.isfinite(number):
        raise ValueError(f"{name} must be a finite real number; got {number!r}.")
    return number


def _as_real(value: Any, name: str, expected: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be {expected}; got {_describe(value)}.")
    return float(value)


def check_scaling_vector(d: Any, k: int, name: str = "d") -> np.ndarray:
    """Return the diagonal ``d`` of an invertible k × k diagonal matrix.

    Raises
    ------
    ValueError
        If ``d`` is not a 1-D vector of length ``k``, holds a NaN or an
        infinite value, or has a zero entry (``dMat(d)`` would not be
        invertible).
    """
    try:
        vector = np.asarray(d, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a vector of {k} nonzero numbers; got {_describe(d)}.") from None
    if vector.shape != (k,):
        raise ValueError(
            f"{name} must be a vector of length k = {k} (the diagonal of D); "
            f"got shape {vector.shape}."
        )
    if not np.all(np.isfinite(vector)):
        raise ValueError(f"{name} must hold only finite numbers; got a NaN or an infinite entry.")
    zeros = np.flatnonzero(vector == 0)
    if zeros.size:
        raise ValueError(
            f"{name} must have no zero entry, since dMat({name}) must be invertible; "
            f"got {zeros.size} zero(s), the first at index {zeros[0]}."
        )
    return vector


def check_choice(value: Any, name: str, choices: tuple[Any, ...]) -> Any:
    """Return ``value`` after checking it is one of ``choices``."""
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}; got {_describe(value)}.")
    return value


def check_gram(
    G: Any, name: str = "G", *, p: int | None = None, nonnegative: bool = False, min_size: int = 1
) -> np.ndarray:
    """Return ``G`` as a finite, square, symmetric float64 matrix (a Gram matrix XᵀX).

    Parameters
    ----------
    G
        The matrix to check.
    name
        Argument name used in error messages.
    p
        If given, the number of rows and columns ``G`` must have.
    nonnegative
        Also require nonnegative entries (co-occurrence counts of 0/1 data).
    min_size
        Smallest allowed number of rows.
    """
    G = check_embedding(G, name)
    if G.shape[0] != G.shape[1] or G.shape[0] < min_size or (p is not None and G.shape[0] != p):
        size = f"p = {p}" if p is not None else f"p ≥ {min_size}"
        raise ValueError(f"{name} must be a square p × p Gram matrix XᵀX with {size}; got shape {G.shape}.")
    if not np.allclose(G, G.T, rtol=1e-12, atol=0.0):
        raise ValueError(f"{name} must be symmetric (a Gram matrix XᵀX); got a non-symmetric matrix.")
    if nonnegative and np.any(G < 0):
        raise ValueError(f"{name} must hold nonnegative co-occurrence counts; got a negative entry.")
    return G
