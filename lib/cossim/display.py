"""Deterministic printing for the book's notebooks.

The notebooks' text outputs are regression-tested (nbval) as exact strings on
machines whose BLAS may sum in a different order.  So the book never prints a
raw float: it prints rounded numbers without negative zeros, and it reports a
check of an identity as "holds to within a tolerance" rather than printing a
rounding error such as 3.1e-16 that differs from machine to machine.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np


def fmt(x: float, digits: int = 3) -> str:
    """``x`` rounded to ``digits`` decimals, with ``-0.000`` printed as ``0.000``."""
    value = round(float(x), digits) + 0.0  # adding 0.0 turns -0.0 into 0.0
    return f"{value:.{digits}f}"


def fmt_range(low: float, high: float, digits: int = 3) -> str:
    """``"0.648–0.973"``, or a single number when both ends print the same."""
    low_text, high_text = fmt(low, digits), fmt(high, digits)
    return low_text if low_text == high_text else f"{low_text}–{high_text}"


def fmt_flag(value: bool | None) -> str:
    """``"yes"``, ``"no"``, or ``"—"`` for a question that does not apply (None)."""
    return "—" if value is None else ("yes" if value else "no")


def max_abs_difference(actual: np.ndarray, expected: np.ndarray) -> float:
    """Largest absolute entry-wise difference of two arrays of the same shape."""
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    if actual.shape != expected.shape:
        raise ValueError(
            f"actual and expected must have the same shape; got {actual.shape} and {expected.shape}."
        )
    return float(np.max(np.abs(actual - expected), initial=0.0))


def check_close(label: str, actual: np.ndarray, expected: np.ndarray, atol: float) -> None:
    """Print that ``actual`` equals ``expected`` to within ``atol``, or fail loudly.

    The printed line depends only on ``label`` and ``atol``, never on the
    rounding error itself, so it is the same on every machine.  If the
    identity does not hold, an ``AssertionError`` stops the notebook: a book
    whose claims broke must not build.
    """
    error = max_abs_difference(actual, expected)
    if not error <= atol:
        raise AssertionError(f"{label}: max |difference| = {error:.3g} exceeds {atol:.0e}.")
    bound = "exactly equal" if atol == 0 else f"max |difference| ≤ {atol:.0e}"
    print(f"✓ {label}  ({bound})")


def check_differs(label: str, actual: np.ndarray, other: np.ndarray, at_least: float) -> None:
    """Print that two arrays differ somewhere by at least ``at_least``, or fail loudly.

    The printed difference is rounded to three decimals, so it reads the same
    on every machine unless it sits within rounding of a rounding boundary.
    """
    difference = max_abs_difference(actual, other)
    if not difference >= at_least:
        raise AssertionError(f"{label}: max |difference| = {difference:.3g} is below {at_least}.")
    print(f"✓ {label}  (max |difference| = {fmt(difference)})")


def text_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table with right-aligned columns (deterministic, diff-friendly)."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[j]) for row in cells) for j in range(len(headers))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


class HTMLTable:
    """A table shown as HTML in a notebook (and as :func:`text_table` in a terminal).

    For tables too wide for the printed text column, such as film titles side by
    side: the website shows it in a box of its own that scrolls sideways on a
    narrow screen, so cells never wrap.  The HTML is deterministic (nbval
    compares it) and accessible: a caption, and column headers marked as such.

    Parameters
    ----------
    headers
        The column headers.
    rows
        The rows, each with one cell per header; cells are shown as text.
    caption
        What the table shows, in one line.
    """

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[object]], caption: str) -> None:
        widths = {len(row) for row in rows}
        if widths - {len(headers)}:
            raise ValueError(
                f"rows must have {len(headers)} cells each, one per header; got rows of {sorted(widths)} cells."
            )
        self.headers = [str(h) for h in headers]
        self.rows = [[str(cell) for cell in row] for row in rows]
        self.caption = str(caption)

    def _repr_html_(self) -> str:
        head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in self.headers)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in self.rows
        )
        caption = html.escape(self.caption)
        # the box scrolls sideways when the table is wider than the screen, and
        # takes the keyboard focus so that it can be scrolled without a mouse
        return (
            f'<div class="cossim-table-box" role="region" aria-label="{caption}" tabindex="0">'
            f'<table class="cossim-table"><caption>{caption}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        return self.caption + "\n" + text_table(self.headers, self.rows)
