"""Input checks shared by the whole package: one for scalars, one for arrays.

Every public function of :mod:`cossim` checks its arguments once, at the
boundary, with :func:`check_scalar` and :func:`check_array` (in the spirit of
scikit-learn's ``check_scalar`` and ``check_array``); the private kernels it
then calls trust their inputs.  A wrong argument fails early with one sentence
that names the argument, says what was expected and shows what was given.
Both helpers return the argument converted to the type the computation needs,
so callers never convert twice.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp


def _describe(value: Any) -> str:
    """A short description of ``value`` for an error message."""
    if isinstance(value, np.ndarray) or sp.issparse(value):
        return f"an array of shape {value.shape}"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _number_text(value: float) -> str:
    """A bound as it reads in a message: 0 rather than 0.0, 1e-05 rather than 1.0000000000000001e-05."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _expected(
    integer: bool, low: float | None, high: float | None, include_low: bool, include_high: bool, high_label: str | None
) -> str:
    """What a scalar must be, as a noun phrase: "an integer between 1 and p = 8", "a finite number > 0"."""
    upper = high_label or (None if high is None else _number_text(high))
    if integer:
        if low is not None and upper is not None:
            return f"an integer between {_number_text(low)} and {upper}"
        return f"an integer >= {_number_text(low)}" if low is not None else "an integer"
    if low is not None and upper is not None:
        strictly = "strictly " if not (include_low or include_high) else ""
        return f"a finite number {strictly}between {_number_text(low)} and {upper}"
    if low is not None:
        return f"a finite number {'>=' if include_low else '>'} {_number_text(low)}"
    if upper is not None:
        return f"a finite number {'<=' if include_high else '<'} {upper}"
    return "a finite real number"


def check_scalar(
    value: Any,
    name: str,
    *,
    integer: bool = False,
    low: float | None = None,
    high: float | None = None,
    include_low: bool = True,
    include_high: bool = True,
    high_label: str | None = None,
    choices: Sequence[Any] | None = None,
) -> Any:
    """Return the scalar argument ``value`` after checking it, as int, float or the choice given.

    Parameters
    ----------
    value
        The argument.
    name
        Its name, used in the error message.
    integer
        Require an integer (``bool`` is refused) and return an ``int``;
        otherwise require a finite real number and return a ``float``.
    low, high
        Optional bounds; ``include_low`` / ``include_high`` say whether the
        bound itself is allowed.
    high_label
        How the upper bound reads in the message, e.g. ``"p = 8"``.
    choices
        If given, ``value`` must be one of these (compared with ``==`` and by
        type, so ``True`` is not ``1``) and is returned unchanged; the numeric
        options are then ignored.

    Raises
    ------
    ValueError
        "{name} must be {what was expected}; got {value}."
    """
    if choices is not None:
        if not any(_same_choice(value, c) for c in choices):
            options = ", ".join(repr(c) for c in choices)
            raise ValueError(f"{name} must be one of {options}; got {_describe(value)}.")
        return value
    expected = _expected(integer, low, high, include_low, include_high, high_label)
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ValueError(f"{name} must be {expected}; got {_describe(value)}.")
    number = int(value) if integer else float(value)
    below = low is not None and (number < low if include_low else number <= low)
    above = high is not None and (number > high if include_high else number >= high)
    if not np.isfinite(number) or below or above:
        raise ValueError(f"{name} must be {expected}; got {number!r}.")
    return number


def _same_choice(value: Any, choice: Any) -> bool:
    """``value == choice``, where a bool never equals a number and arrays equal nothing."""
    if isinstance(value, bool) != isinstance(choice, bool) or isinstance(value, np.ndarray):
        return False
    try:
        return bool(value == choice)
    except (TypeError, ValueError):
        return False


def _shape_text(shape: tuple[int | None, ...], dims: tuple[str, ...] | None, what: str) -> str:
    """The expected shape as it reads in a message: "a p × k array with p = 8"."""
    if dims is None:
        wanted = "(" + ", ".join("·" if s is None else str(s) for s in shape) + (",)" if len(shape) == 1 else ")")
        return f"an array of shape {wanted}"
    bindings = {}
    for symbol, size in zip(dims, shape):
        if size is not None:
            bindings.setdefault(symbol, size)
    bound = ", ".join(f"{symbol} = {size}" for symbol, size in bindings.items())
    if len(shape) == 1:
        return f"a {what} of length {bound or dims[0]}"
    article = "an" if dims[0][0] in "aefhilmnorsx" else "a"  # "an n × p matrix", "a p × k array"
    return f"{article} {' × '.join(dims)} {what}" + (f" with {bound}" if bound else "")


def check_array(
    value: Any,
    name: str,
    *,
    ndim: int = 2,
    shape: tuple[int | None, ...] | None = None,
    dims: tuple[str, ...] | None = None,
    what: str | None = None,
    sparse: bool = False,
    dtype: type | None = np.float64,
    nonempty: bool = False,
    square: bool = False,
    symmetric: bool = False,
    nonnegative: bool = False,
    nonzero: bool = False,
) -> np.ndarray | sp.csr_array:
    """Return the array argument ``value`` after checking it.

    Parameters
    ----------
    value
        The argument: anything ``numpy.asarray`` accepts, or a scipy.sparse matrix.
    name
        Its name, used in the error message.
    ndim
        Required number of dimensions.
    shape
        Optional required shape, ``None`` for a free dimension.
    dims
        Optional symbols of the dimensions (``("p", "k")``), used in messages.
    what
        What the array is, in messages ("matrix (users × items)", "Gram matrix XᵀX").
    sparse
        Accept scipy.sparse input and return it as canonical CSR (duplicate
        entries summed); otherwise sparse input is made dense.
    dtype
        The dtype to convert to (``None``: keep the input's, for labels).
    nonempty
        Require at least one entry along every dimension.
    square, symmetric
        Require a square, resp. symmetric (to 1e-12 relative), matrix.
    nonnegative, nonzero
        Require every entry ≥ 0, resp. ≠ 0.

    Raises
    ------
    ValueError
        "{name} must be {what was expected}; got {what was given}."
    """
    what = what or ("vector" if ndim == 1 else "matrix")
    if sp.issparse(value) and sparse:
        array = sp.csr_array(value, dtype=dtype or value.dtype)
        if not array.has_canonical_format:  # duplicate entries would be counted once, not summed
            array = array.copy()
            array.sum_duplicates()
        values = array.data
    else:
        if sp.issparse(value):
            value = value.toarray()
        try:
            array = np.asarray(value, dtype=dtype)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a numeric {what}; got {_describe(value)}.") from None
        if dtype is None and array.dtype == object:
            raise ValueError(f"{name} must be a numeric {what}; got {_describe(value)}.")
        values = array
    if array.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D {what}; got shape {array.shape}.")
    if nonempty and 0 in array.shape:
        raise ValueError(f"{name} must have at least one row and one column; got shape {array.shape}.")
    if shape is not None and any(s is not None and s != a for s, a in zip(shape, array.shape)):
        raise ValueError(f"{name} must be {_shape_text(shape, dims, what)}; got shape {array.shape}.")
    if square and array.shape[0] != array.shape[1]:
        raise ValueError(f"{name} must be a square {what}; got shape {array.shape}.")
    if np.issubdtype(values.dtype, np.number) and not np.all(np.isfinite(values)):
        raise ValueError(f"{name} must hold only finite numbers; got a NaN or an infinite entry.")
    if symmetric and not np.allclose(array, array.T, rtol=1e-12, atol=0.0):
        raise ValueError(f"{name} must be symmetric; got a non-symmetric matrix.")
    if nonnegative and np.any(values < 0):
        raise ValueError(f"{name} must hold only nonnegative numbers; got a negative entry.")
    if nonzero:
        zeros = np.flatnonzero(values == 0)
        if zeros.size:
            raise ValueError(
                f"{name} must have no zero entry; got {zeros.size} zero(s), the first at index {zeros[0]}."
            )
    return array


def check_data_matrix(X: Any, name: str = "X") -> np.ndarray | sp.csr_array:
    """The data X (n users × p items): finite, 2-D, nonempty, dense float64 or canonical CSR."""
    return check_array(X, name, sparse=True, nonempty=True, what="matrix (users × items)")


def check_gram(G: Any, name: str = "G", *, p: int | None = None, nonnegative: bool = False) -> np.ndarray:
    """A Gram matrix XᵀX: finite, square, symmetric, optionally p × p and nonnegative."""
    return check_array(
        G, name, shape=(p, p), dims=("p", "p"), what="Gram matrix XᵀX", square=True, symmetric=True,
        nonnegative=nonnegative,
    )


def check_rank(k: Any, upper: int, name: str = "k", label: str | None = None) -> int:
    """An integer 1 ≤ k ≤ ``upper`` (``label`` names the bound, default ``"p = {upper}"``)."""
    return check_scalar(k, name, integer=True, low=1, high=upper, high_label=label or f"p = {upper}")


def check_diagonal(d: Any, k: int, name: str = "d") -> np.ndarray:
    """The diagonal d of an invertible k × k diagonal matrix D = dMat(d): k finite nonzero numbers."""
    return check_array(d, name, ndim=1, shape=(k,), dims=("k",), what="vector (the diagonal of D)", nonzero=True)
