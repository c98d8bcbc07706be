"""The single-threaded BLAS context of the iterative fits."""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_info

from cossim._blas import single_threaded_blas


def blas_threads() -> list[int]:
    np.ones((4, 4)) @ np.ones((4, 4))  # make sure numpy's BLAS is loaded
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_threads_are_limited_inside_and_restored_after():
    before = blas_threads()
    assert before, "no BLAS library found in this process"
    with single_threaded_blas():
        inside = blas_threads()
        result = np.ones((50, 50)) @ np.ones((50, 50))
    assert inside == [1] * len(before)
    assert blas_threads() == before
    assert np.all(result == 50.0)


def test_restored_even_when_the_block_raises():
    before = blas_threads()
    try:
        with single_threaded_blas():
            raise KeyError("boom")
    except KeyError:
        pass
    assert blas_threads() == before
