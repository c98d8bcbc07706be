"""Dropout on a linear autoencoder equals a weighted L2 penalty (in expectation)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cossim.dropout import dropout_penalty, expected_dropout_loss


@settings(max_examples=20)
@given(seed=st.integers(0, 10_000), q=st.floats(0.05, 0.9), n=st.integers(1, 3), p=st.integers(1, 4))
def test_exact_expectation_equals_loss_plus_penalty(seed, q, n, p):
    rng = np.random.default_rng(seed)
    X = (rng.random((n, p)) < 0.6).astype(float)
    W = rng.normal(size=(p, p))
    clean = float(np.sum((X - X @ W) ** 2))
    # Both sides are sums of at most 2^12 terms of size O(10): rounding stays below 1e-10.
    assert expected_dropout_loss(X, W, q) == pytest.approx(clean + dropout_penalty(X, W, q), rel=1e-10, abs=1e-10)


def test_equal_popularity_gives_the_plain_frobenius_penalty():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])  # both items consumed twice
    W = np.array([[0.5, -1.0], [2.0, 0.25]])
    q = 0.2
    assert dropout_penalty(X, W, q) == pytest.approx(q / (1 - q) * 2 * np.sum(W**2), rel=1e-14)


@pytest.mark.parametrize("q", [0.0, 1.0, -0.1, "0.5", True])
def test_rate_must_be_strictly_between_zero_and_one(q):
    with pytest.raises(ValueError, match=r"q must be a finite number strictly between 0 and 1; got "):
        dropout_penalty(np.ones((2, 2)), np.eye(2), q)


def test_enumeration_refuses_large_inputs_and_bad_shapes():
    with pytest.raises(ValueError, match=r"X.size must be an integer between 1 and max_entries = 16 \(exact enumeration\); got 20"):
        expected_dropout_loss(np.ones((4, 5)), np.eye(5), 0.5)
    with pytest.raises(ValueError, match=r"W must be a p × p matrix with p = 2; got shape \(3, 3\)"):
        dropout_penalty(np.ones((2, 2)), np.eye(3), 0.5)
