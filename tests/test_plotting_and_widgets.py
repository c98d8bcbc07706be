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

    box = frame_slider(render, [1, 2, 3], ["one", "two", "three"], "v:", alt=lambda v: f"line to {v}", initial=1)
    slider, stack = box.children
    assert isinstance(slider, widgets.SelectionSlider) and isinstance(stack, widgets.Stack)
    assert slider.options == ("one", "two", "three") and slider.index == 1
    assert stack.selected_index == 1 and len(stack.children) == 3
    assert len({frame.value for frame in stack.children}) == 3  # three different pictures
    assert 'alt="line to 2"' in stack.children[1].value and stack.children[1].value.startswith("<img src=\"data:image/png;base64,")
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
        ([1, 2], ["a", "b"], 2, r"initial must be an integer between 0 and 1; got 2"),
    ],
)
def test_frame_slider_rejects_bad_arguments(values, labels, initial, message):
    with pytest.raises(ValueError, match=message):
        frame_slider(lambda v: None, values, labels, "x", alt=str, initial=initial)


def test_heatmap_row_orders_rows_and_columns():
    from cossim.plotting import heatmap_row

    S = np.array([[1.0, 0.5, -0.5], [0.5, 1.0, 0.0], [-0.5, 0.0, 1.0]])
    fig = heatmap_row({"a": S, "b": -S}, order=np.array([2, 0, 1]))
    shown = fig.axes[0].images[0].get_array()
    np.testing.assert_array_equal(shown, S[np.ix_([2, 0, 1], [2, 0, 1])])
    assert [ax.get_title() for ax in fig.axes[:2]] == ["a", "b"]
    assert len(fig.axes) == 3  # two panels and one shared colour bar


def test_live_slider_redraws_when_the_value_changes():
    from cossim.widgets import live_slider

    calls = []

    def render(value):
        calls.append(value)
        fig, ax = new_figure(1, 1)
        ax.plot([0, value])
        return fig

    box = live_slider(render, 0.0, 2.0, 1.0, "v:")
    slider, image = box.children
    before = image.value
    slider.value = 1.7  # what moving the slider in a live notebook does
    assert calls == [1.0, 1.7]
    assert image.value != before and image.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_live_slider_checks_its_range():
    from cossim.widgets import live_slider

    with pytest.raises(ValueError, match=r"value must be a finite number between 0 and maximum = 1; got 2.0"):
        live_slider(lambda v: None, 0.0, 1.0, 2.0, "v:")


def test_png_html_escapes_the_alt_text():
    from cossim.widgets import png_html

    assert 'alt="a &quot;quoted&quot; &lt;word&gt;"' in png_html(b"x", 'a "quoted" <word>')


def test_heatmap_row_can_wrap_into_a_grid():
    from cossim.plotting import heatmap_row

    fig = heatmap_row({str(i): np.eye(3) for i in range(5)}, columns=3)
    visible = [ax for ax in fig.axes if ax.get_visible() and ax.images]
    assert len(visible) == 5 and len(fig.axes) == 7  # 2 × 3 grid, one hidden cell, one colour bar


def test_palette_png_is_a_smaller_palette_image():
    import io

    from PIL import Image

    from cossim.plotting import palette_png

    fig, ax = new_figure(4, 3)
    cosine_heatmap(ax, np.random.default_rng(0).uniform(-1, 1, (40, 40)), "noise")
    original = figure_to_png(fig, dpi=110)
    small = palette_png(original)
    assert Image.open(io.BytesIO(small)).mode == "P"
    assert len(small) < 0.7 * len(original)


def test_sliders_shrink_to_fit_narrow_screens():
    from cossim.widgets import live_slider

    def render(value):
        fig, ax = new_figure(1, 1)
        ax.plot([0, value])
        return fig

    for box in (frame_slider(render, [1, 2], ["a", "b"], "v:", alt=str), live_slider(render, 0.0, 1.0, 0.5, "v:")):
        layout = box.children[0].layout
        assert (layout.width, layout.max_width) == ("100%", "420px")
