"""Central differences: the one numerical gradient every analytic gradient of the book is checked against.

Each iterative model of the book (objectives 1 and 2, the cosine model, SGNS)
has an analytic gradient derived in its chapter.  :func:`numerical_gradient`
approximates the gradient of any scalar function of an array entry by entry,

    ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / (2h),

whose error is O(h²) plus rounding of order eps·abs(f)/h; h = 1e-6 balances the
two for functions of unit size.  It costs two evaluations of f per entry, so
it is meant for the small problems of checks and tests.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._validation import check_array, check_scalar


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of the scalar function ``f`` at ``x``.

    Parameters
    ----------
    f
        Maps an array of the shape of ``x`` to a float.
    x
        The point, an array of any shape (it is not modified).
    h
        Step, > 0.

    Returns
    -------
    numpy.ndarray
        The same shape as ``x``.
    """
    h = check_scalar(h, "h", low=0.0, include_low=False)
    x = np.array(check_array(x, "x", ndim=np.ndim(x)), dtype=np.float64)
    gradient = np.zeros_like(x)
    for index in np.ndindex(*x.shape):
        step = np.zeros_like(x)
        step[index] = h
        gradient[index] = (float(f(x + step)) - float(f(x - step))) / (2 * h)
    return gradient
