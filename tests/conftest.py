"""Shared test set-up: a deterministic hypothesis profile and the small data fixture."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

from helpers import binary_data

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


@pytest.fixture
def X_small() -> np.ndarray:
    return binary_data(0)
