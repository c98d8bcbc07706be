"""Small data sets shared by the tests (imported as ``from helpers import …``)."""

from __future__ import annotations

import numpy as np


def binary_data(seed: int, n: int = 40, p: int = 8, density: float = 0.3) -> np.ndarray:
    """A small 0/1 user × item matrix with every user and item nonempty."""
    rng = np.random.default_rng(seed)
    X = (rng.random((n, p)) < density).astype(float)
    X[np.arange(n), rng.integers(0, p, size=n)] = 1.0  # every user consumed something
    X[rng.integers(0, n, size=p), np.arange(p)] = 1.0  # every item was consumed
    return X
