"""Worker threads that degrade to plain calls where threads cannot start.

NumPy releases the interpreter lock inside its large loops (sorting, ufuncs,
random draws), so a second thread can keep the second core of a small machine
busy.  In a Pyodide browser kernel (``sys.platform == "emscripten"``) no thread
can start; there :func:`worker_pool` returns an executor that runs each task
at once in the calling thread.  Either way tasks run in the order submitted,
so results never depend on whether threads were used.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future, ThreadPoolExecutor

from .runtime import in_browser


class _InlineExecutor(Executor):
    """An executor that runs every task immediately, in the calling thread."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # handed to the caller by future.result(), as a thread would
            future.set_exception(error)
        return future


def threads_available() -> bool:
    """Whether this interpreter can start threads (not in a Pyodide browser kernel)."""
    return not in_browser()


def worker_pool(max_workers: int) -> Executor:
    """A pool of ``max_workers`` threads, or an inline executor where threads cannot start."""
    return ThreadPoolExecutor(max_workers=max_workers) if threads_available() else _InlineExecutor()
