"""The central-difference gradient shared by every gradient check."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cossim import numerical_gradient


@given(seed=st.integers(0, 10**6))
def test_it_matches_the_gradient_of_a_quadratic(seed):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(4, 4))
    x = rng.normal(size=(2, 2))
    # f(x) = vec(x)ᵀ M vec(x) has gradient (M + Mᵀ) vec(x); central differences are exact on a
    # quadratic up to rounding, ~eps·|f|/h ≈ 1e-10 here.
    f = lambda y: float(y.ravel() @ M @ y.ravel())  # noqa: E731
    np.testing.assert_allclose(numerical_gradient(f, x), ((M + M.T) @ x.ravel()).reshape(2, 2), atol=1e-8)


def test_it_does_not_modify_its_argument_and_rejects_a_bad_step():
    x = np.array([1.0, 2.0])
    numerical_gradient(lambda y: float(np.sum(y**3)), x)
    np.testing.assert_array_equal(x, [1.0, 2.0])
    with pytest.raises(ValueError, match=r"h must be a finite number > 0; got 0.0"):
        numerical_gradient(np.sum, x, h=0.0)
