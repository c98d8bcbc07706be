"""Sliders that work both on the static website and in a live notebook.

A static HTML page has no Python kernel, so a slider there cannot recompute a
figure.  :func:`frame_slider` therefore renders one image per slider position
in advance and links the slider to a ``Stack`` of those images on the client
side (``jslink``); it works unchanged on the website, in Jupyter, Binder and
Colab.  Each frame is an HTML ``<img>`` with alt text, so screen readers and
the book's browser tests can describe it; frames are palette PNGs (a third of
the bytes of matplotlib's own PNGs at a higher resolution).  On the website a
small script of the book's (``book/_static/widgets/static-widgets.js``) draws
the slider as a native, labelled range input whose spoken value is the label
shown, and the build serves each frame as an image file.

Both sliders are at most 420 px wide and shrink to fit narrower screens.

:func:`live_slider` is the notebook-only companion: a continuous slider whose
Python callback recomputes the figure for any value.  It needs a running
kernel, so the chapters show it in cells that the website hides.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Sequence

import ipywidgets as widgets
from matplotlib.figure import Figure

from ._validation import check_scalar
from .plotting import figure_to_png, palette_png

# Layout of both sliders: as wide as the output area up to 420 px, so they fit a phone screen.
_SLIDER_LAYOUT = {"width": "100%", "max_width": "420px"}


def png_html(png: bytes, alt: str) -> str:
    """An ``<img>`` tag showing PNG bytes inline, with the given alt text."""
    encoded = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(alt, quote=True)}" style="max-width:100%">'


def frame_slider(
    render: Callable[[object], Figure],
    values: Sequence[object],
    labels: Sequence[str],
    description: str,
    *,
    alt: Callable[[object], str],
    initial: int = 0,
    dpi: int = 110,
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
    alt
        Function giving the alt text of the figure for one value.
    initial
        Index of the position shown first.
    dpi
        Resolution of the pre-rendered images (saved as palette PNGs).
    """
    if len(values) != len(labels) or not values:
        raise ValueError(
            f"values and labels must be non-empty and of equal length; got {len(values)} and {len(labels)}."
        )
    check_scalar(initial, "initial", integer=True, low=0, high=len(values) - 1)
    frames = [widgets.HTML(value=png_html(palette_png(figure_to_png(render(v), dpi=dpi)), alt(v))) for v in values]
    stack = widgets.Stack(children=frames, selected_index=initial)
    slider = widgets.SelectionSlider(
        options=list(labels),
        index=initial,
        description=description,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=widgets.Layout(**_SLIDER_LAYOUT),
    )
    widgets.jslink((slider, "index"), (stack, "selected_index"))
    return widgets.VBox([slider, stack])


def live_slider(
    render: Callable[[float], Figure],
    minimum: float,
    maximum: float,
    value: float,
    description: str,
    *,
    step: float = 0.01,
    dpi: int = 80,
) -> widgets.VBox:
    """A continuous slider whose Python callback re-renders the figure (needs a kernel).

    Parameters
    ----------
    render
        Function that draws the figure for one value.
    minimum, maximum, value
        Range and starting value of the slider.
    description
        Label to the left of the slider.
    step
        Slider resolution.
    dpi
        Resolution of the rendered images.
    """
    minimum, maximum = check_scalar(minimum, "minimum"), check_scalar(maximum, "maximum")
    value = check_scalar(value, "value", low=minimum, high=maximum, high_label=f"maximum = {maximum:g}")
    slider = widgets.FloatSlider(
        value=value,
        min=minimum,
        max=maximum,
        step=step,
        description=description,
        continuous_update=False,
        style={"description_width": "initial"},
        layout=widgets.Layout(**_SLIDER_LAYOUT),
    )
    image = widgets.Image(value=figure_to_png(render(value), dpi=dpi), format="png")

    def redraw(change: dict) -> None:
        image.value = figure_to_png(render(change["new"]), dpi=dpi)

    slider.observe(redraw, names="value")
    return widgets.VBox([slider, image])
