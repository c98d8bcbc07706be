"""Figure helpers and the static-site slider."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets
import numpy as np
import pytest

from cossim.plotting import COSINE_CMAP, cosine_heatmap, figure_to_png, new_figure
from cossim.widgets import frame_slider


def test_cosine_heatmap_uses_the_fixed_symmetric_scale():
    fig, ax = new_figure()
    image = cosine_heatmap(ax, np.array([[1.0, 0.2], [0.2, 1.0]]), "t", annotate=True)
    assert image.get_clim() == (-1.0, 1.0)
    assert image.get_cmap().name == COSINE_CMAP
    assert [t.get_text() for t in ax.texts] == ["1.00", "0.20", "0.20", "1.00"]
    assert fig.get_facecolor() == (1.0, 1.0, 1.0, 1.0)  # opaque white


def test_figure_to_png_returns_png_bytes_and_closes_the_figure():
    import matplotlib.pyplot as plt

    fig, _ = new_figure()
    data = figure_to_png(fig)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert not plt.fignum_exists(fig.number)


def test_frame_slider_links_the_slider_to_one_frame_per_value():
    def render(value):
        fig, ax = new_figure(1, 1)
        ax.plot([0, value])
        return fig

    box = frame_slider(render, [1, 2, 3], ["one", "two", "three"], "v:", initial=1)
    slider, stack = box.children
    assert isinstance(slider, widgets.SelectionSlider) and isinstance(stack, widgets.Stack)
    assert slider.options == ("one", "two", "three") and slider.index == 1
    assert stack.selected_index == 1 and len(stack.children) == 3
    assert len({frame.value for frame in stack.children}) == 3  # three different pictures
    # What the static page receives: the saved widget state must contain a
    # client-side link from the slider's index to the stack's selected frame.
    from ipywidgets.embed import embed_data

    state = embed_data(views=[box])["manager_state"]["state"]
    links = [m["state"] for m in state.values() if m["model_name"] == "LinkModel"]
    source = ["IPY_MODEL_" + slider.model_id, "index"]
    target = ["IPY_MODEL_" + stack.model_id, "selected_index"]
    assert any(link["source"] == source and link["target"] == target for link in links)


@pytest.mark.parametrize(
    ("values", "labels", "initial", "message"),
    [
        ([], [], 0, r"values and labels must be non-empty and of equal length; got 0 and 0"),
        ([1, 2], ["a"], 0, r"got 2 and 1"),
        ([1, 2], ["a", "b"], 2, r"initial must be an index between 0 and 1; got 2"),
    ],
)
def test_frame_slider_rejects_bad_arguments(values, labels, initial, message):
    with pytest.raises(ValueError, match=message):
        frame_slider(lambda v: None, values, labels, "x", initial=initial)
