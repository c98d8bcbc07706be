"""Figure helpers shared by the chapters.

Conventions for every figure of the book:

* opaque white background, so figures stay readable in the theme's dark mode;
* colour-blind-safe colours: the Okabe–Ito palette for categories and the
  diverging ``RdBu_r`` map (ColorBrewer, colour-blind safe) for similarities;
* cosine heatmaps always share the fixed scale [−1, 1] centred at 0, so two
  heatmaps can be compared by colour alone.
"""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.image import AxesImage

#: The Okabe–Ito palette (Okabe & Ito 2008), safe for the common colour-vision deficiencies.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

#: Diverging colour map for cosine similarities.
COSINE_CMAP = "RdBu_r"


def new_figure(width: float = 6.4, height: float = 4.0, **subplot_kw) -> tuple[Figure, np.ndarray | Axes]:
    """A figure with an opaque white background and ``plt.subplots`` layout."""
    fig, axes = plt.subplots(figsize=(width, height), facecolor="white", layout="constrained", **subplot_kw)
    return fig, axes


def cosine_heatmap(ax: Axes, S: np.ndarray, title: str | None = None, *, annotate: bool = False) -> AxesImage:
    """Draw a cosine-similarity matrix on the fixed scale [−1, 1], centred at 0.

    Parameters
    ----------
    ax
        Axes to draw on.
    S
        Matrix of cosine similarities.
    title
        Optional axes title.
    annotate
        Write each value (two decimals) in its cell; for small matrices only.
    """
    S = np.asarray(S, dtype=float)
    image = ax.imshow(S, cmap=COSINE_CMAP, vmin=-1.0, vmax=1.0, interpolation="nearest")
    if annotate:
        for (row, col), value in np.ndenumerate(S):
            colour = "white" if abs(value) > 0.6 else "black"
            text = f"{round(float(value), 2) + 0.0:.2f}"
            ax.text(col, row, text, ha="center", va="center", fontsize=8, color=colour)
    if title is not None:
        ax.set_title(title)
    return image


def figure_to_png(fig: Figure, dpi: int = 80) -> bytes:
    """Render ``fig`` to PNG bytes (white background) and close it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    plt.close(fig)
    return buffer.getvalue()


def palette_png(png: bytes, colors: int = 256) -> bytes:
    """Re-encode PNG bytes as an optimised palette PNG of at most ``colors`` colours.

    Figures of lines, text and a colour map need no more than 256 colours; the
    palette image is about a third of the size of matplotlib's RGBA PNG.  The
    octree quantiser keeps smooth colour bars free of visible bands, and no
    dithering keeps text and lines crisp.
    """
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    quantised = image.quantize(colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    quantised.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def heatmap_row(
    panels: dict[str, np.ndarray],
    order: np.ndarray | None = None,
    *,
    panel_width: float = 2.6,
    height: float = 3.0,
    columns: int | None = None,
    colorbar_label: str = "cosine similarity",
) -> Figure:
    """Similarity heatmaps on the shared scale [−1, 1] with one colour bar.

    Parameters
    ----------
    panels
        Title → square similarity matrix.
    order
        Optional permutation applied to rows and columns of every matrix
        (e.g. items sorted by cluster and popularity).
    panel_width, height
        Width of each panel and height of the whole figure, in inches.
    columns
        Panels per row (default: all in one row); unused grid cells are hidden.
    colorbar_label
        Label of the shared colour bar.
    """
    columns = len(panels) if columns is None else columns
    rows = -(-len(panels) // columns)
    fig, axes = new_figure(panel_width * columns + 0.8, height, nrows=rows, ncols=columns)
    axes = np.atleast_1d(axes).ravel()
    image = None
    for ax, (title, S) in zip(axes, panels.items()):
        S = np.asarray(S)
        if order is not None:
            S = S[np.ix_(order, order)]
        image = cosine_heatmap(ax, S)
        ax.set_title(title, fontsize=11)
        ax.set(xticks=[], yticks=[])
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    fig.colorbar(image, ax=axes[: len(panels)].tolist(), shrink=0.8, label=colorbar_label)
    return fig
