"""Run BLAS single-threaded inside the iterative fits of Part IV.

The optimisers of :mod:`cossim.cosine_training` and :mod:`cossim.sgns` call
BLAS thousands of times on matrices of a few million entries, and SciPy's
L-BFGS calls it again on every step.  On a small shared machine (two cores,
other processes running) OpenBLAS's worker threads spend most of their time
waiting for each other: measured here, 100 L-BFGS iterations of the cosine
model took 31 s with the default two threads and 2 s with one.  So the fits run
inside :func:`single_threaded_blas`, which uses ``threadpoolctl`` to limit every
BLAS library loaded in the process and restores the previous limits on exit.
The results are the same; only the speed differs.
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits


def single_threaded_blas() -> threadpool_limits:
    """A context manager limiting BLAS to one thread inside its ``with`` block."""
    return threadpool_limits(limits=1, user_api="blas")
