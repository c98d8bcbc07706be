"""The two input checks every public function uses, and the public namespace."""

from __future__ import annotations

import types

import numpy as np
import pytest
import scipy.sparse as sp

import cossim
from cossim._validation import check_array, check_scalar


@pytest.mark.parametrize(
    ("value", "options", "message"),
    [
        (0, {"integer": True, "low": 1, "high": 8, "high_label": "p = 8"}, r"^k must be an integer between 1 and p = 8; got 0\.$"),
        (2.5, {"integer": True, "low": 1}, r"^k must be an integer >= 1; got 2\.5\.$"),
        (True, {"integer": True, "low": 1}, r"^k must be an integer >= 1; got True\.$"),
        (0.0, {"low": 0.0, "include_low": False}, r"^k must be a finite number > 0; got 0\.0\.$"),
        (-1, {"low": 0.0}, r"^k must be a finite number >= 0; got -1\.0\.$"),
        (float("nan"), {}, r"^k must be a finite real number; got nan\.$"),
        ("x", {}, r"^k must be a finite real number; got 'x'\.$"),
        (1.0, {"low": 0.0, "high": 1.0, "include_low": False, "include_high": False},
         r"^k must be a finite number strictly between 0 and 1; got 1\.0\.$"),
        ("c", {"choices": ("a", "b")}, r"^k must be one of 'a', 'b'; got 'c'\.$"),
        (True, {"choices": (1, 2)}, r"^k must be one of 1, 2; got True\.$"),
    ],
)
def test_check_scalar_names_the_argument_the_expectation_and_the_value(value, options, message):
    with pytest.raises(ValueError, match=message):
        check_scalar(value, "k", **options)


def test_check_scalar_returns_the_converted_value():
    assert check_scalar(np.int64(3), "k", integer=True, low=1) == 3
    assert type(check_scalar(np.int64(3), "k", integer=True)) is int
    assert type(check_scalar(2, "lam", low=0.0)) is float
    assert check_scalar(np.int64(2), "objective", choices=(1, 2)) == 2


@pytest.mark.parametrize(
    ("value", "options", "message"),
    [
        ("abc", {}, r"^A must be a numeric matrix; got 'abc'\.$"),
        (np.ones(3), {}, r"^A must be a 2-D matrix; got shape \(3,\)\.$"),
        (np.ones((3, 2)), {"shape": (4, None), "dims": ("p", "k")}, r"^A must be a p × k matrix with p = 4; got shape \(3, 2\)\.$"),
        (np.ones((3, 2)), {"shape": (3, 3)}, r"^A must be an array of shape \(3, 3\); got shape \(3, 2\)\.$"),
        (np.ones((3, 2)), {"square": True}, r"^A must be a square matrix; got shape \(3, 2\)\.$"),
        (np.array([[1.0, np.inf]]), {}, r"^A must hold only finite numbers; got a NaN or an infinite entry\.$"),
        (np.array([[1.0, 2.0], [0.0, 1.0]]), {"symmetric": True}, r"^A must be symmetric; got a non-symmetric matrix\.$"),
        (np.array([[-1.0]]), {"nonnegative": True}, r"^A must hold only nonnegative numbers; got a negative entry\.$"),
        (np.array([1.0, 0.0]), {"ndim": 1, "nonzero": True}, r"^A must have no zero entry; got 1 zero\(s\), the first at index 1\.$"),
        (np.ones((0, 2)), {"nonempty": True}, r"^A must have at least one row and one column; got shape \(0, 2\)\.$"),
    ],
)
def test_check_array_names_the_argument_the_expectation_and_the_value(value, options, message):
    with pytest.raises(ValueError, match=message):
        check_array(value, "A", **options)


def test_check_array_converts_once():
    dense = check_array([[1, 2], [3, 4]], "A")
    assert dense.dtype == np.float64
    duplicated = sp.coo_array(([1.0, 2.0], ([0, 0], [1, 1])), shape=(1, 2))
    csr = check_array(duplicated, "X", sparse=True)
    assert isinstance(csr, sp.csr_array) and csr.has_canonical_format and csr[0, 1] == 3.0
    assert isinstance(check_array(duplicated, "X"), np.ndarray)  # sparse input made dense when not asked for


def test_the_public_namespace_is_one_flat_spelling():
    names = cossim.__all__
    assert len(names) == len(set(names)) and names == sorted(names)
    assert all(hasattr(cossim, name) for name in names)
    assert not any(isinstance(getattr(cossim, name), types.ModuleType) for name in names)
    assert callable(cossim.simulate)  # the function, not its module
    american = [name for name in names if any(s in name.lower() for s in ("normaliz", "optimiz", "minimiz", "standardiz"))]
    assert american == []


def test_the_mathematics_imports_without_the_book_extra():
    import subprocess
    import sys

    code = "import sys, cossim; cossim.fit_objective1(cossim.simulate(n=50, p=10, seed=0).X, 3, 1.0); " \
           "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
