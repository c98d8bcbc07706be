"""Run OpenBLAS single-threaded inside the iterative fits of Part IV.

The optimisers of :mod:`cossim.cosine_training` and :mod:`cossim.sgns` call
BLAS thousands of times on matrices of a few million entries, and SciPy's
L-BFGS calls it again on every step.  On a small shared machine (two cores,
other processes running) OpenBLAS's worker threads spend most of their time
waiting for each other: measured here, 100 L-BFGS iterations of the cosine
model took 31 s with the default two threads and 2 s with one.  So the fits run
inside :func:`single_threaded_blas`.

The context manager finds the OpenBLAS libraries already loaded in the process
(numpy and SciPy each ship their own) and calls their documented
``*_set_num_threads`` functions, restoring the previous counts afterwards.  If
``threadpoolctl`` is installed it is used instead.  Where neither works (a BLAS
other than OpenBLAS, or a platform without ``/proc/self/maps``) it does nothing:
the fits are then slower, never different.
"""

from __future__ import annotations

import contextlib
import ctypes
from collections.abc import Iterator

# (setter, getter) symbol pairs exported by the OpenBLAS builds of numpy and
# SciPy wheels (64-bit and 32-bit integer interfaces) and by plain OpenBLAS.
_SYMBOLS = (
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
    ("scipy_openblas_set_num_threads", "scipy_openblas_get_num_threads"),
    ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
    ("openblas_set_num_threads", "openblas_get_num_threads"),
)


def _loaded_openblas() -> list[tuple[ctypes._CFuncPtr, ctypes._CFuncPtr]]:
    """(set, get) function pairs of every OpenBLAS library loaded in this process."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return []
    pairs = []
    for path in sorted(paths):
        if ".so" not in path:
            continue
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for setter, getter in _SYMBOLS:
            if hasattr(library, setter) and hasattr(library, getter):
                pairs.append((getattr(library, setter), getattr(library, getter)))
                break
    return pairs


@contextlib.contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Limit BLAS to one thread inside the ``with`` block (see the module docstring)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        threadpool_limits = None
    if threadpool_limits is not None:
        with threadpool_limits(limits=1, user_api="blas"):
            yield
        return
    pairs = _loaded_openblas()
    previous = [int(getter()) for _, getter in pairs]
    for setter, _ in pairs:
        setter(1)
    try:
        yield
    finally:
        for (setter, _), count in zip(pairs, previous):
            setter(count)
