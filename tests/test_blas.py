"""The single-threaded BLAS context of the iterative fits."""

from __future__ import annotations

import numpy as np
import pytest

from cossim._blas import _loaded_openblas, single_threaded_blas


def test_threads_are_limited_inside_and_restored_after():
    np.ones((4, 4)) @ np.ones((4, 4))  # make sure numpy's BLAS is loaded
    pairs = _loaded_openblas()
    if not pairs:
        pytest.skip("no OpenBLAS library loaded in this process (another BLAS?)")
    before = [getter() for _, getter in pairs]
    with single_threaded_blas():
        inside = [getter() for _, getter in pairs]
        result = np.ones((50, 50)) @ np.ones((50, 50))
    after = [getter() for _, getter in pairs]
    assert np.all(result == 50.0)
    assert after == before
    try:
        import threadpoolctl  # noqa: F401
    except ImportError:
        assert all(count == 1 for count in inside)


def test_restored_even_when_the_block_raises():
    pairs = _loaded_openblas()
    before = [getter() for _, getter in pairs]
    try:
        with single_threaded_blas():
            raise KeyError("boom")
    except KeyError:
        pass
    assert [getter() for _, getter in pairs] == before
