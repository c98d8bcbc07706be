"""Where the book's code runs: a normal Python, or a browser kernel.

The in-browser edition of the book runs every chapter in Pyodide, CPython
compiled to WebAssembly, inside the reader's browser (JupyterLite).  There it
has one thread, a slower BLAS and limited memory, so the chapters that compute
at the paper's scale (20,000 users) would keep a reader waiting minutes.  Those
chapters ask :func:`browser_sizes` for their sizes: in the browser it returns a
smaller scale and prints a line saying so, everywhere else it returns nothing
and prints nothing, so the book's own outputs never change.  Each chapter's
"Run this chapter" box says so too.
"""

from __future__ import annotations

import sys

from ._validation import check_scalar

__all__ = ["browser_sizes", "in_browser"]


def in_browser() -> bool:
    """Whether this is a browser kernel (Pyodide: ``sys.platform == "emscripten"``)."""
    return sys.platform == "emscripten"


def browser_sizes(**sizes: int) -> dict[str, int]:
    """The smaller sizes to use in a browser kernel, and none elsewhere.

    Written as ``simulate(seed=0, **browser_sizes(n=4_000))``: in a normal
    Python this is ``simulate(seed=0)``; in the browser it is
    ``simulate(seed=0, n=4_000)``, and one printed line tells the reader so.

    Parameters
    ----------
    **sizes
        Each size a positive integer (``n=4_000``, ``p=500``, ...).

    Returns
    -------
    dict
        ``sizes`` in a browser kernel (after printing which sizes apply);
        an empty dict elsewhere.

    Raises
    ------
    ValueError
        If no size is given, or a size is not a positive integer.
    """
    if not sizes:
        raise ValueError("browser_sizes needs at least one size, such as n=4_000; got none.")
    checked = {name: check_scalar(value, name, integer=True, low=1) for name, value in sizes.items()}
    if in_browser():
        listed = ", ".join(f"{name} = {value:,}" for name, value in checked.items())
        print(
            f"In the browser this runs at a smaller scale ({listed}), so that it takes "
            "seconds; its numbers differ from the website's, which uses the sizes in the code."
        )
        return checked
    return {}
