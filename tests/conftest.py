"""Shared test set-up: a deterministic hypothesis profile and small data sets."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

# Derandomised so a CI run and a local run explore the same examples; no
# deadline because the first call of a LAPACK routine can be slow.
settings.register_profile(
    "book",
    derandomize=True,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("book")


def binary_data(seed: int, n: int = 40, p: int = 8, density: float = 0.3) -> np.ndarray:
    """A small 0/1 user × item matrix with every user and item nonempty."""
    rng = np.random.default_rng(seed)
    X = (rng.random((n, p)) < density).astype(float)
    X[np.arange(n), rng.integers(0, p, size=n)] = 1.0  # every user consumed something
    X[rng.integers(0, n, size=p), np.arange(p)] = 1.0  # every item was consumed
    return X


@pytest.fixture
def X_small() -> np.ndarray:
    return binary_data(0)
