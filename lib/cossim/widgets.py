"""Sliders that work both in a live notebook and on the static website.

A static HTML page has no Python kernel, so a slider there cannot recompute a
figure.  :func:`frame_slider` therefore renders one image per slider position
in advance and links the slider to a ``Stack`` of those images on the client
side (``jslink``).  The same widget runs unchanged in Jupyter, Binder and Colab.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as widgets
from matplotlib.figure import Figure

from .plotting import figure_to_png


def frame_slider(
    render: Callable[[object], Figure],
    values: Sequence[object],
    labels: Sequence[str],
    description: str,
    *,
    initial: int = 0,
    dpi: int = 80,
) -> widgets.VBox:
    """A slider over ``values`` that switches between pre-rendered figures.

    Parameters
    ----------
    render
        Function that draws the figure for one value (it is closed after rendering).
    values
        The slider positions, in order.
    labels
        Text shown by the slider for each value.
    description
        Label to the left of the slider.
    initial
        Index of the position shown first.
    dpi
        Resolution of the pre-rendered images.
    """
    if len(values) != len(labels) or not values:
        raise ValueError(
            f"values and labels must be non-empty and of equal length; got {len(values)} and {len(labels)}."
        )
    if not 0 <= initial < len(values):
        raise ValueError(f"initial must be an index between 0 and {len(values) - 1}; got {initial}.")
    frames = [widgets.Image(value=figure_to_png(render(v), dpi=dpi), format="png") for v in values]
    stack = widgets.Stack(children=frames, selected_index=initial)
    slider = widgets.SelectionSlider(
        options=list(labels),
        index=initial,
        description=description,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="420px"),
    )
    widgets.jslink((slider, "index"), (stack, "selected_index"))
    return widgets.VBox([slider, stack])
